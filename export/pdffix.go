package export

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// finishing lists what gofpdf cannot write and finish adds to its file.
type finishing struct {
	// lang goes into the catalog as /Lang.
	lang string
	// noDates drops the creation and modification dates.
	noDates bool
	// fonts are added as new objects and named in the page resources.
	fonts *pdfFonts
	// fontRes holds the page resources' entries for fonts, set by finish.
	fontRes string
}

var dateEntry = regexp.MustCompile(`\n/(CreationDate|ModDate) \([^)]*\)`)

// finish edits gofpdf's output: the fonts added and named in the page
// resources, /Lang in the catalog, dates dropped when unknown, and every
// plain stream compressed (pdfstream.go). Each edit stays inside an
// object's dictionary or replaces a plain stream whole; new objects go
// after gofpdf's, and the cross-reference table is rebuilt for the new
// offsets.
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
	head, ok := bytes.CutPrefix(raw[xrefAt:], []byte("xref\n0 "))
	nl := bytes.IndexByte(head, '\n')
	if !ok || nl < 1 || nl > 9 {
		return nil, errors.New("finish: no xref table")
	}
	count := 0
	for _, c := range head[:nl] {
		if c < '0' || c > '9' {
			return nil, errors.New("finish: bad xref table")
		}
		count = 10*count + int(c-'0')
	}
	entries := xrefAt + len("xref\n0 ") + nl + 1
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

	// gofpdf's objects, then the fonts' after them.
	bodies := make([][]byte, count)
	for k, obj := range order {
		objEnd := xrefAt
		if k+1 < len(order) {
			objEnd = offsets[order[k+1]]
		}
		bodies[obj] = raw[offsets[obj]:objEnd]
	}
	var extra []pdfObject
	if f.fonts != nil {
		extra, f.fontRes = f.fonts.objects(count)
	}
	for i, o := range extra {
		bodies = append(bodies, o.body(count+i))
	}
	packed := deflateStreams(bodies)
	for i, o := range extra {
		if o.length1 == 0 {
			continue
		}
		obj := &packed[count+i]
		if *obj == nil {
			*obj = bodies[count+i]
		}
		*obj = withLength1(*obj, o.length1)
	}

	size := offsets[order[0]] + len(raw) - xrefAt + 20*len(bodies) + 512
	for i, b := range bodies {
		if packed[i] != nil {
			size += len(packed[i])
		} else {
			size += len(b)
		}
	}
	var out bytes.Buffer
	out.Grow(size)
	newOff := make([]int, len(bodies))
	out.Write(raw[:offsets[order[0]]])
	for i := range extra {
		order = append(order, count+i)
	}
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
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(bodies))
	for i := 1; i < len(bodies); i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOff[i])
	}
	trailer := raw[entries+20*count : start+1]
	if len(bodies) != count {
		old := fmt.Appendf(nil, "/Size %d\n", count)
		at := bytes.Index(trailer, old)
		if at < 0 {
			return nil, errors.New("finish: no /Size in the trailer")
		}
		trailer = slices.Concat(trailer[:at], fmt.Appendf(nil, "/Size %d\n", len(bodies)), trailer[at+len(old):])
	}
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// withLength1 adds /Length1 n to the dictionary of a stream object.
func withLength1(obj []byte, n int) []byte {
	at := bytes.Index(obj, []byte(">>\nstream\n"))
	if at < 0 {
		return obj
	}
	return slices.Concat(obj[:at], fmt.Appendf(nil, "\n/Length1 %d", n), obj[at:])
}

// editDict applies the edits to one object's dictionary text.
func (f finishing) editDict(d []byte) []byte {
	if f.fontRes != "" && bytes.Contains(d, []byte("/ProcSet [")) {
		d = bytes.Replace(d, []byte("/Font <<\n"), []byte("/Font <<\n"+f.fontRes), 1)
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
