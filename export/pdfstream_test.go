package export

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
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
