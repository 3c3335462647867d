package export

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"pamphlet/fonts"
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
	// compress deflates every stream that has no filter yet (gofpdf's
	// page contents when its own compression is off).
	compress bool
}

// subsetNames gives each embedded face its PostScript name with a subset
// tag: six capitals derived from the face and the characters it draws, so
// the same book always gets the same tags. gofpdf embeds subsets but
// names them without a tag, which tells readers the font is complete.
func subsetNames(used map[fonts.Style][]rune) map[string]string {
	out := map[string]string{}
	for _, s := range fonts.Styles {
		runes, ok := used[s]
		if !ok {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(fontInfo[s].postscript))
		for _, r := range runes {
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
// catalog, dates dropped when unknown, and streams compressed when asked.
// Each edit stays inside an object's dictionary or replaces its stream
// whole, and the cross-reference table is rebuilt for the new offsets.
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

	var out bytes.Buffer
	out.Grow(len(raw) + 512)
	var pk *packer
	if f.compress {
		pk = &packer{}
	}
	newOff := make([]int, count)
	out.Write(raw[:offsets[order[0]]])
	for k, obj := range order {
		objEnd := xrefAt
		if k+1 < len(order) {
			objEnd = offsets[order[k+1]]
		}
		body := raw[offsets[obj]:objEnd]
		newOff[obj] = out.Len()
		dictEnd := len(body)
		if i := bytes.Index(body, []byte("stream\n")); i >= 0 {
			dictEnd = i
		}
		dict := f.editDict(body[:dictEnd])
		if pk != nil && dictEnd < len(body) && pk.pack(&out, dict, body[dictEnd:]) {
			continue
		}
		out.Write(dict)
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

// packer deflates streams with one compressor for the whole file. gofpdf
// allocates a fresh one (about a megabyte of tables) for every page, which
// costs more than compressing the page.
type packer struct {
	zw  *zlib.Writer
	buf bytes.Buffer
}

// pack writes an object whose stream has no filter to out with its
// stream deflated, and reports whether it did; anything it does not
// recognise (a filter, no length, a stream of another length) is left
// for the caller to copy.
func (p *packer) pack(out *bytes.Buffer, dict, rest []byte) bool {
	if bytes.Contains(dict, []byte("/Filter")) || !bytes.HasPrefix(rest, []byte("stream\n")) {
		return false
	}
	at := bytes.Index(dict, []byte("/Length "))
	if at < 0 {
		return false
	}
	digits := at + len("/Length ")
	end := digits
	for end < len(dict) && dict[end] >= '0' && dict[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(string(dict[digits:end]))
	data := rest[len("stream\n"):]
	if err != nil || n > len(data) || !bytes.HasPrefix(data[n:], []byte("\nendstream")) {
		return false
	}
	p.buf.Reset()
	if p.zw == nil {
		// BestSpeed, as gofpdf compresses: page contents are small and
		// repetitive, and the fast compressor's tables are a fraction
		// of the default one's.
		p.zw, _ = zlib.NewWriterLevel(&p.buf, zlib.BestSpeed)
	} else {
		p.zw.Reset(&p.buf)
	}
	if _, err := p.zw.Write(data[:n]); err != nil {
		return false
	}
	if err := p.zw.Close(); err != nil {
		return false
	}
	out.Write(dict[:at])
	fmt.Fprintf(out, "/Filter /FlateDecode /Length %d", p.buf.Len())
	out.Write(dict[end:])
	out.WriteString("stream\n")
	out.Write(p.buf.Bytes())
	out.Write(data[n:])
	return true
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
