package export

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pamphlet/internal/lazyre"
)

// finishing lists what gofpdf cannot write and finish adds to its file.
type finishing struct {
	// lang goes into the catalog as /Lang.
	lang string
	// noDates drops the creation and modification dates.
	noDates bool
	// fonts are added as new objects and named in the page resources.
	fonts *pdfFonts
	// compress deflates every stream that has no filter yet (gofpdf's
	// page contents when its own compression is off, and the fonts).
	compress bool
	// fontRes holds the page resources' entries for fonts, set by finish.
	fontRes string
}

var (
	dateEntry = lazyre.New(`\n/(CreationDate|ModDate) \([^)]*\)`)
)

// finish edits gofpdf's output: the fonts added and named in the page
// resources, /Lang in the catalog, dates dropped when unknown, and
// streams compressed when asked. Each edit stays inside an object's
// dictionary or replaces its stream whole; new objects go after
// gofpdf's, and the cross-reference table is rebuilt for the new offsets.
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

	var extra []pdfObject
	if f.fonts != nil {
		extra, f.fontRes = f.fonts.objects(count)
	}
	size := count + len(extra)

	var out bytes.Buffer
	out.Grow(len(raw) + 512)
	var pk *packer
	if f.compress {
		pk = &packer{}
	}
	newOff := make([]int, size)
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
	for i, o := range extra {
		newOff[count+i] = out.Len()
		body := fmt.Appendf(nil, "%d 0 obj\n", count+i)
		dict := append(body, o.dict...)
		if o.stream == nil {
			out.Write(dict)
			out.WriteString("\nendobj\n")
			continue
		}
		dict = fmt.Appendf(dict[:len(dict)-2], "/Length %d>>\n", len(o.stream))
		rest := slices.Concat([]byte("stream\n"), o.stream, []byte("\nendstream\nendobj\n"))
		if pk == nil || !pk.pack(&out, dict, rest) {
			out.Write(dict)
			out.Write(rest)
		}
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOff[i])
	}
	trailer := raw[entries+20*count : start+1]
	if size != count {
		at := bytes.Index(trailer, []byte(fmt.Sprintf("/Size %d\n", count)))
		if at < 0 {
			return nil, errors.New("finish: no /Size in the trailer")
		}
		trailer = slices.Concat(trailer[:at], fmt.Appendf(nil, "/Size %d\n", size), trailer[at+len(fmt.Sprintf("/Size %d\n", count)):])
	}
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// minPacked is the smallest stream (bytes, with its keywords) worth
// deflating.
const minPacked = 512

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
	// Deflating a stream of a few hundred bytes saves a few dozen and
	// costs as much as a page: the compressor builds Huffman tables for
	// every stream.
	if len(rest) < minPacked {
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
