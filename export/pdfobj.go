package export

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// gofpdf writes the pages, images, links, outline and document
// information; what it cannot express (the embedded fonts, the
// structure tree, the catalogue's accessibility entries, the trailer's
// /ID, the version) is added in one step that works on the file's
// objects: readPDF parses gofpdf's output into objects, the finishing
// code edits and adds objects, and writePDF writes the whole file anew
// with its own cross-reference table. Only the syntax gofpdf writes is
// read: a classic cross-reference table, direct /Length values, no
// object streams and no encryption; anything else is an error, so that
// an upgrade of the library that changes its output fails loudly (see
// TestGofpdfOutputAssumptions).

// pdfValue is a parsed PDF object: pdfDict, pdfArray, pdfName, pdfRef or
// pdfToken.
type pdfValue any

// pdfName is a name object, without its slash.
type pdfName string

// pdfRef is an indirect reference to an object of generation 0.
type pdfRef int

// pdfToken is a number, boolean, null or string written as it is in
// the file (strings with their delimiters and escapes).
type pdfToken string

// pdfArray is an array object.
type pdfArray []pdfValue

// pdfDict is a dictionary that keeps its keys in order, so that a file
// read and written again keeps its layout.
type pdfDict struct {
	keys []pdfName
	vals []pdfValue
}

func (d *pdfDict) get(k pdfName) pdfValue {
	for i, key := range d.keys {
		if key == k {
			return d.vals[i]
		}
	}
	return nil
}

// set replaces the value of k, or adds k at the end.
func (d *pdfDict) set(k pdfName, v pdfValue) {
	for i, key := range d.keys {
		if key == k {
			d.vals[i] = v
			return
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
}

func (d *pdfDict) del(k pdfName) {
	for i, key := range d.keys {
		if key == k {
			d.keys = append(d.keys[:i], d.keys[i+1:]...)
			d.vals = append(d.vals[:i], d.vals[i+1:]...)
			return
		}
	}
}

// pdfObj is an indirect object: its value, and its stream's data for a
// stream object (nil otherwise). raw, when set, is written instead of
// value: objects pamphlet builds itself come as text (a stream's
// dictionary without its /Length). deflated marks a stream compressed
// since it was read or made, whose dictionary gains /Filter.
type pdfObj struct {
	value    pdfValue
	stream   []byte
	raw      []byte
	deflated bool
	// kept, when set, holds the stream instead, until writeTo reads it
	// back to write it.
	kept *spilledStream
	// gen, when set, writes the object instead, given its number, when
	// the file is written; objects made alike share one pdfObj.
	gen func(num int, b []byte) []byte
}

// spilledStream is a stream's data waiting in a spill: n bytes at off.
type spilledStream struct {
	from io.ReaderAt
	off  int64
	n    int
}

// pdfFile is a PDF's objects, indexed by object number (nil: free), and
// its trailer.
type pdfFile struct {
	objs    []*pdfObj
	trailer *pdfDict
}

// add appends an object and returns its number.
func (f *pdfFile) add(o *pdfObj) int {
	f.objs = append(f.objs, o)
	return len(f.objs) - 1
}

// dict returns the dictionary v is, or that the object v refers to
// holds (a stream's included); nil when there is none.
func (f *pdfFile) dict(v pdfValue) *pdfDict {
	if r, ok := v.(pdfRef); ok {
		if int(r) <= 0 || int(r) >= len(f.objs) || f.objs[r] == nil {
			return nil
		}
		v = f.objs[r].value
	}
	d, _ := v.(*pdfDict)
	return d
}

// readPDF parses a file as gofpdf writes it.
func readPDF(raw []byte) (*pdfFile, error) {
	start := bytes.LastIndex(raw, []byte("startxref"))
	if start < 0 {
		return nil, errors.New("read pdf: no startxref")
	}
	lx := &lexer{b: raw, at: start + len("startxref")}
	xrefAt, err := lx.int()
	if err != nil || xrefAt <= 0 || xrefAt >= len(raw) {
		return nil, errors.New("read pdf: bad startxref")
	}
	lx.at = xrefAt
	if lx.keyword() != "xref" {
		return nil, errors.New("read pdf: no cross-reference table")
	}
	first, err1 := lx.int()
	count, err2 := lx.int()
	if err1 != nil || err2 != nil || first != 0 || count < 1 || count > len(raw)/20 {
		return nil, errors.New("read pdf: bad cross-reference table")
	}
	lx.space()
	entries := lx.at
	if entries+20*count > len(raw) {
		return nil, errors.New("read pdf: truncated cross-reference table")
	}
	f := &pdfFile{objs: make([]*pdfObj, count)}
	for i := 1; i < count; i++ {
		e := raw[entries+20*i : entries+20*i+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("read pdf: bad cross-reference entry %d", i)
		}
		o, err := readObject(raw, off, i)
		if err != nil {
			return nil, fmt.Errorf("read pdf: object %d: %w", i, err)
		}
		f.objs[i] = o
	}
	lx.at = entries + 20*count
	if lx.keyword() != "trailer" {
		return nil, errors.New("read pdf: no trailer")
	}
	t, err := lx.value()
	if err != nil {
		return nil, fmt.Errorf("read pdf: trailer: %w", err)
	}
	d, ok := t.(*pdfDict)
	if !ok {
		return nil, errors.New("read pdf: trailer is not a dictionary")
	}
	f.trailer = d
	if d.get("Encrypt") != nil {
		return nil, errors.New("read pdf: encrypted")
	}
	return f, nil
}

// readObject parses object n at offset off: "n 0 obj value endobj", the
// value followed by a stream when it is a stream's dictionary.
func readObject(raw []byte, off, n int) (*pdfObj, error) {
	lx := &lexer{b: raw, at: off}
	num, err1 := lx.int()
	gen, err2 := lx.int()
	if err1 != nil || err2 != nil || num != n || gen != 0 || lx.keyword() != "obj" {
		return nil, errors.New("no object header")
	}
	v, err := lx.value()
	if err != nil {
		return nil, err
	}
	o := &pdfObj{value: v}
	switch lx.keyword() {
	case "endobj":
		return o, nil
	case "stream":
	default:
		return nil, errors.New("no endobj")
	}
	d, ok := v.(*pdfDict)
	if !ok {
		return nil, errors.New("stream without a dictionary")
	}
	length, ok := d.get("Length").(pdfToken)
	size, err := strconv.Atoi(string(length))
	if !ok || err != nil || size < 0 {
		return nil, errors.New("stream without a direct /Length")
	}
	if bytes.HasPrefix(raw[lx.at:], []byte("\r\n")) {
		lx.at += 2
	} else if lx.at < len(raw) && raw[lx.at] == '\n' {
		lx.at++
	}
	if lx.at+size > len(raw) {
		return nil, errors.New("truncated stream")
	}
	o.stream = raw[lx.at : lx.at+size]
	lx.at += size
	if lx.keyword() != "endstream" || lx.keyword() != "endobj" {
		return nil, errors.New("stream longer than its /Length")
	}
	d.del("Length") // written anew with the data
	return o, nil
}

// lexer reads PDF tokens from b.
type lexer struct {
	b  []byte
	at int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// space skips white space and comments.
func (lx *lexer) space() {
	for lx.at < len(lx.b) {
		c := lx.b[lx.at]
		switch {
		case isSpace(c):
			lx.at++
		case c == '%':
			for lx.at < len(lx.b) && lx.b[lx.at] != '\n' && lx.b[lx.at] != '\r' {
				lx.at++
			}
		default:
			return
		}
	}
}

// regular skips white space and returns the run of regular characters
// that follows.
func (lx *lexer) regular() string {
	lx.space()
	return lx.word()
}

// word returns the run of regular characters at the current position.
func (lx *lexer) word() string {
	start := lx.at
	for lx.at < len(lx.b) && !isSpace(lx.b[lx.at]) && !isDelim(lx.b[lx.at]) {
		lx.at++
	}
	return string(lx.b[start:lx.at])
}

func (lx *lexer) keyword() string { return lx.regular() }

func (lx *lexer) int() (int, error) { return strconv.Atoi(lx.regular()) }

// value parses one object.
func (lx *lexer) value() (pdfValue, error) {
	lx.space()
	if lx.at >= len(lx.b) {
		return nil, errors.New("unexpected end")
	}
	b := lx.b
	switch c := b[lx.at]; {
	case c == '/':
		lx.at++
		return pdfName(lx.word()), nil
	case c == '<' && lx.at+1 < len(b) && b[lx.at+1] == '<':
		lx.at += 2
		d := &pdfDict{}
		for {
			lx.space()
			if bytes.HasPrefix(b[lx.at:], []byte(">>")) {
				lx.at += 2
				return d, nil
			}
			k, err := lx.value()
			if err != nil {
				return nil, err
			}
			name, ok := k.(pdfName)
			if !ok {
				return nil, errors.New("dictionary key is not a name")
			}
			v, err := lx.value()
			if err != nil {
				return nil, err
			}
			d.keys = append(d.keys, name)
			d.vals = append(d.vals, v)
		}
	case c == '<':
		end := bytes.IndexByte(b[lx.at:], '>')
		if end < 0 {
			return nil, errors.New("unterminated hex string")
		}
		s := pdfToken(b[lx.at : lx.at+end+1])
		lx.at += end + 1
		return s, nil
	case c == '[':
		lx.at++
		var a pdfArray
		for {
			lx.space()
			if lx.at < len(b) && b[lx.at] == ']' {
				lx.at++
				return a, nil
			}
			v, err := lx.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '(':
		start := lx.at
		depth := 0
		for ; lx.at < len(b); lx.at++ {
			switch b[lx.at] {
			case '\\':
				lx.at++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					lx.at++
					return pdfToken(b[start:lx.at]), nil
				}
			}
		}
		return nil, errors.New("unterminated string")
	case isDelim(c):
		return nil, fmt.Errorf("unexpected %q", c)
	}
	tok := lx.regular()
	if tok == "" {
		return nil, errors.New("empty token")
	}
	// "n 0 R" is a reference; look ahead without consuming otherwise.
	if n, err := strconv.Atoi(tok); err == nil {
		save := lx.at
		if g := lx.regular(); g == "0" {
			if lx.regular() == "R" {
				return pdfRef(n), nil
			}
		}
		lx.at = save
	}
	return pdfToken(tok), nil
}

// appendValue writes v in PDF syntax.
func appendValue(b []byte, v pdfValue) []byte {
	switch v := v.(type) {
	case pdfName:
		return append(append(b, '/'), v...)
	case pdfRef:
		return append(strconv.AppendInt(b, int64(v), 10), " 0 R"...)
	case pdfToken:
		return append(b, v...)
	case pdfArray:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendValue(b, e)
		}
		return append(b, ']')
	case *pdfDict:
		b = append(b, "<<"...)
		for i, k := range v.keys {
			if i > 0 {
				b = append(b, '\n')
			}
			b = appendValue(append(append(append(b, '/'), k...), ' '), v.vals[i])
		}
		return append(b, ">>"...)
	}
	return append(b, "null"...)
}

// writeTo writes the file to w: the header (PDF 1.7, with a comment of
// high bytes that marks it binary), every object in number order, the
// cross-reference table and the trailer. The trailer's /ID is derived
// from the objects, so the same document always gets the same ID. The
// file goes out an object at a time, never whole in memory: a long
// text's PDF is hundreds of megabytes.
func (f *pdfFile) writeTo(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	sum := md5.New()
	n := 0
	put := func(b []byte) {
		sum.Write(b)
		bw.Write(b) // the error sticks in bw, reported by Flush
		n += len(b)
	}
	put([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
	offsets := make([]int, len(f.objs))
	var buf, kept []byte
	for i, o := range f.objs {
		if o == nil {
			continue
		}
		if k := o.kept; k != nil {
			kept = slices.Grow(kept[:0], k.n)[:k.n]
			if _, err := k.from.ReadAt(kept, k.off); err != nil {
				return fmt.Errorf("read the pages kept aside: %w", err)
			}
			o.stream = kept
		}
		offsets[i] = n
		buf = strconv.AppendInt(buf[:0], int64(i), 10)
		buf = append(buf, " 0 obj\n"...)
		if o.gen != nil {
			buf = o.gen(i, buf)
		} else {
			buf = appendObj(buf, o)
		}
		buf = append(buf, "\nendobj\n"...)
		put(buf)
		if o.kept != nil {
			o.stream = nil
		}
		if cap(buf) > 1<<20 {
			buf = nil // a font or an image: not kept for the next
		}
	}
	id := "<" + hex.EncodeToString(sum.Sum(nil)) + ">"
	out := fmt.Appendf(buf[:0], "xref\n0 %d\n0000000000 65535 f \n", len(f.objs))
	for i := 1; i < len(f.objs); i++ {
		if f.objs[i] == nil {
			out = append(out, "0000000000 65535 f \n"...)
			continue
		}
		out = fmt.Appendf(out, "%010d 00000 n \n", offsets[i])
	}
	t := &pdfDict{}
	t.set("Size", pdfToken(strconv.Itoa(len(f.objs))))
	for i, k := range f.trailer.keys {
		if k != "Size" && k != "ID" {
			t.set(k, f.trailer.vals[i])
		}
	}
	t.set("ID", pdfArray{pdfToken(id), pdfToken(id)})
	out = append(appendValue(append(out, "trailer\n"...), t), '\n')
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", n)
	bw.Write(out)
	return bw.Flush()
}

// appendObj writes an object's value, and its stream when it has one
// (the dictionary completed with /Filter and /Length).
func appendObj(out []byte, o *pdfObj) []byte {
	if o.raw != nil {
		out = append(out, o.raw...)
	} else {
		out = appendValue(out, o.value)
	}
	if o.stream == nil {
		return out
	}
	out = out[:len(out)-2] // the dictionary's ">>"
	if o.deflated {
		out = append(out, "\n/Filter /FlateDecode"...)
	}
	out = fmt.Appendf(out, "\n/Length %d>>", len(o.stream))
	out = append(out, "\nstream\n"...)
	out = append(out, o.stream...)
	return append(out, "\nendstream"...)
}
