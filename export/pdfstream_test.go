package export

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"pamphlet/layout"
	"pamphlet/model"
)

func TestDeflateStreams(t *testing.T) {
	page := bytes.Repeat([]byte("BT 10.00 20.00 Td (text) Tj ET\n"), 50)
	dict := func(kv ...pdfValue) *pdfDict {
		d := &pdfDict{}
		for i := 0; i < len(kv); i += 2 {
			d.set(kv[i].(pdfName), kv[i+1])
		}
		return d
	}
	objs := []*pdfObj{
		nil,
		{value: dict(pdfName("Type"), pdfName("Pages"))},
		{value: dict(), stream: bytes.Clone(page)},
		{value: dict(pdfName("Filter"), pdfName("DCTDecode")), stream: []byte("jpeg")},
		{value: dict(pdfName("Type"), pdfName("Metadata")), stream: []byte("<x:xmpmeta/>")},
		{raw: []byte("<</Length1 4>>"), stream: []byte("font")},
	}
	deflateStreams(objs)
	for i, want := range []bool{false, false, true, false, false, true} {
		if o := objs[i]; o != nil && o.deflated != want {
			t.Errorf("object %d deflated = %v, want %v", i, o.deflated, want)
		}
	}
	zr, err := zlib.NewReader(bytes.NewReader(objs[2].stream))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, page) {
		t.Errorf("inflated %d bytes (%v), want the page's %d", len(got), err, len(page))
	}
	out := string(appendObj(nil, objs[2]))
	if want := "<<\n/Filter /FlateDecode\n/Length " + strconv.Itoa(len(objs[2].stream)) + ">>\nstream\n"; !strings.HasPrefix(out, want) {
		t.Errorf("written as %q…, want %q…", out[:min(len(out), 60)], want)
	}
}

// TestNoPlainStreams checks that a finished PDF has every stream
// compressed: page contents included, though gofpdf writes them plain.
// The XMP metadata stays plain, for tools that read it without parsing
// the PDF.
func TestNoPlainStreams(t *testing.T) {
	doc := &model.Document{Title: "Streams", Lang: "en"}
	for range 40 {
		doc.Blocks = append(doc.Blocks, para(text("Every page's content stream is deflated once the document is finished, several at a time.")))
	}
	_, data := writePDF(t, doc, layout.Options{}, PDFOptions{})
	dicts := regexp.MustCompile(`<<([^<>]|<<[^<>]*>>)*>>\nstream\n`).FindAll(data, -1)
	if len(dicts) < 3 {
		t.Fatalf("only %d streams", len(dicts))
	}
	for _, d := range dicts {
		if !bytes.Contains(d, []byte("/Filter /FlateDecode")) && !bytes.Contains(d, []byte("/Type /Metadata")) {
			t.Errorf("plain stream: %q", d)
		}
	}
}

func TestCaptured(t *testing.T) {
	var c captured
	c.Write([]byte("one "))
	c.Write([]byte("two"))
	if string(c.data) != "one two" {
		t.Errorf("captured %q", c.data)
	}
}

// memSpill is a Spill in memory; failRead and failWrite make it fail.
type memSpill struct {
	mu                  sync.Mutex
	data                []byte
	failRead, failWrite bool
}

func (m *memSpill) WriteAt(b []byte, off int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWrite {
		return 0, errors.New("disk full")
	}
	if end := int(off) + len(b); end > len(m.data) {
		m.data = append(m.data, make([]byte, end-len(m.data))...)
	}
	return copy(m.data[off:], b), nil
}

func (m *memSpill) ReadAt(b []byte, off int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failRead || int(off)+len(b) > len(m.data) {
		return 0, errors.New("read error")
	}
	return copy(b, m.data[off:]), nil
}

// TestPDFSpillKeepsTheFile checks that a PDF whose pages' content waits
// in a spill until the file is written is the PDF made with it held in
// memory: pages painted by pamphlet alone, and pages gofpdf painted on
// too (pictures, links).
func TestPDFSpillKeepsTheFile(t *testing.T) {
	tests := []struct {
		name string
		doc  func(testing.TB) *model.Document
	}{
		{"text", func(testing.TB) *model.Document { return longDoc(12) }},
		{"pictures and links", richDoc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, want := writePDF(t, tt.doc(t), layout.Options{}, PDFOptions{})
			spill := &memSpill{}
			_, got := writePDF(t, tt.doc(t), layout.Options{}, PDFOptions{Spill: spill})
			if len(spill.data) == 0 {
				t.Error("nothing was kept in the spill")
			}
			if !bytes.Equal(got, want) {
				t.Error("the PDF differs with its pages kept in a spill")
			}
		})
	}
}

// TestPDFSpillFailures checks that a spill that cannot be written or
// read back fails the export.
func TestPDFSpillFailures(t *testing.T) {
	tests := []struct {
		name  string
		spill *memSpill
		want  string
	}{
		{"write", &memSpill{failWrite: true}, "disk full"},
		{"read", &memSpill{failRead: true}, "read error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book, err := layout.Layout(longDoc(3), layout.Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = PDF(io.Discard, book, PDFOptions{Spill: tt.spill})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
