package export

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"pamphlet/fonts"
	"pamphlet/layout"
)

// finishing lists what gofpdf cannot write and finish adds to its file.
type finishing struct {
	// lang goes into the catalog as /Lang.
	lang string
	// noDates drops the creation and modification dates.
	noDates bool
	// fontName maps gofpdf's font names ("utf8charis-r") to subset names
	// ("ABCDEF+CharisSIL").
	fontName map[string]string
}

// subsetNames gives each embedded face its PostScript name with a subset
// tag: six capitals derived from the face and the characters it draws, so
// the same book always gets the same tags. gofpdf embeds subsets but
// names them without a tag, which tells readers the font is complete.
func subsetNames(b *layout.Book, used map[fonts.Style]bool) map[string]string {
	runes := map[fonts.Style]map[rune]bool{}
	for _, p := range b.Pages {
		for _, rs := range [][]layout.Run{p.Head, p.Body, p.Foot} {
			for _, r := range rs {
				m := runes[r.Face]
				if m == nil {
					m = map[rune]bool{}
					runes[r.Face] = m
				}
				for _, c := range r.Text {
					m[c] = true
				}
			}
		}
	}
	out := map[string]string{}
	for _, s := range fonts.Styles {
		if !used[s] {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(fontInfo[s].postscript))
		keys := make([]rune, 0, len(runes[s]))
		for r := range runes[s] {
			keys = append(keys, r)
		}
		slices.Sort(keys)
		for _, r := range keys {
			h.Write([]byte(string(r)))
		}
		v := h.Sum64()
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = byte('A' + v%26)
			v /= 26
		}
		out["utf8"+strings.ToLower(fontInfo[s].family)] = string(tag) + "+" + fontInfo[s].postscript
	}
	return out
}

var (
	xrefHead  = regexp.MustCompile(`(?m)^xref\n0 (\d+)\n`)
	dateEntry = regexp.MustCompile(`\n/(CreationDate|ModDate) \([^)]*\)`)
	nameToken = regexp.MustCompile(`/(BaseFont|FontName) /([A-Za-z0-9_.+-]+)`)
)

// finish edits gofpdf's output: subset tags on font names, /Lang in the
// catalog, dates dropped when unknown, plain streams compressed
// (pdfstream.go). Each edit stays inside an object's
// dictionary (before any stream data), and the cross-reference table is
// rebuilt for the new offsets.
func finish(raw []byte, f finishing) ([]byte, error) {
	start := bytes.LastIndex(raw, []byte("\nstartxref\n"))
	if start < 0 {
		return nil, errors.New("finish: no startxref")
	}
	rest := raw[start+len("\nstartxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return nil, errors.New("finish: truncated startxref")
	}
	xrefAt, err := strconv.Atoi(string(rest[:end]))
	if err != nil || xrefAt <= 0 || xrefAt >= len(raw) {
		return nil, errors.New("finish: bad startxref")
	}
	m := xrefHead.FindSubmatchIndex(raw[xrefAt:])
	if m == nil || m[0] != 0 {
		return nil, errors.New("finish: no xref table")
	}
	count, _ := strconv.Atoi(string(raw[xrefAt+m[2] : xrefAt+m[3]]))
	entries := xrefAt + m[1]
	if count < 1 || entries+20*count > len(raw) {
		return nil, errors.New("finish: bad xref table")
	}
	offsets := make([]int, count)
	for i := 1; i < count; i++ {
		e := raw[entries+20*i : entries+20*i+10]
		if offsets[i], err = strconv.Atoi(string(e)); err != nil || offsets[i] <= 0 || offsets[i] >= xrefAt {
			return nil, fmt.Errorf("finish: bad xref entry %d", i)
		}
	}
	order := make([]int, 0, count-1)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })

	bodies := make([][]byte, count)
	for k, obj := range order {
		objEnd := xrefAt
		if k+1 < len(order) {
			objEnd = offsets[order[k+1]]
		}
		bodies[obj] = raw[offsets[obj]:objEnd]
	}
	packed := deflateStreams(bodies)

	size := offsets[order[0]] + len(raw) - xrefAt + 20*count + 512
	for i, b := range bodies {
		if packed[i] != nil {
			size += len(packed[i])
		} else {
			size += len(b)
		}
	}
	var out bytes.Buffer
	out.Grow(size)
	newOff := make([]int, count)
	out.Write(raw[:offsets[order[0]]])
	for _, obj := range order {
		body := bodies[obj]
		newOff[obj] = out.Len()
		if packed[obj] != nil {
			out.Write(packed[obj])
			continue
		}
		dictEnd := len(body)
		if i := bytes.Index(body, []byte("stream\n")); i >= 0 {
			dictEnd = i
		}
		out.Write(f.editDict(body[:dictEnd]))
		out.Write(body[dictEnd:])
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for i := 1; i < count; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOff[i])
	}
	trailer := raw[entries+20*count : start+1]
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// editDict applies the edits to one object's dictionary text.
func (f finishing) editDict(d []byte) []byte {
	if bytes.Contains(d, []byte("/BaseFont /utf8")) || bytes.Contains(d, []byte("/FontName /utf8")) {
		d = nameToken.ReplaceAllFunc(d, func(tok []byte) []byte {
			sub := nameToken.FindSubmatch(tok)
			if name, ok := f.fontName[string(sub[2])]; ok {
				return []byte("/" + string(sub[1]) + " /" + name)
			}
			return tok
		})
	}
	if f.lang != "" && bytes.Contains(d, []byte("/Type /Catalog")) {
		d = bytes.Replace(d, []byte("/Type /Catalog"), []byte("/Type /Catalog\n/Lang "+pdfString(f.lang)), 1)
	}
	if f.noDates && bytes.Contains(d, []byte("/CreationDate (D:")) {
		d = dateEntry.ReplaceAll(d, nil)
	}
	return d
}

// pdfString writes s as a PDF literal string (ASCII text such as a
// language tag).
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}
