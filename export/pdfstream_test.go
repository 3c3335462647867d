package export

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"

	"pamphlet/layout"
	"pamphlet/model"
)

func TestPlainStream(t *testing.T) {
	tests := []struct {
		name string
		obj  string
		data string // "" when the object is not a plain stream
	}{
		{"plain", "7 0 obj\n<</Length 5>>\nstream\nhello\nendstream\nendobj\n", "hello"},
		{"filtered", "7 0 obj\n<</Filter /FlateDecode /Length 5>>\nstream\nhello\nendstream\nendobj\n", ""},
		{"font file", "7 0 obj\n<</Length 5\n/Length1 9>>\nstream\nhello\nendstream\nendobj\n", ""},
		{"wrong length", "7 0 obj\n<</Length 4>>\nstream\nhello\nendstream\nendobj\n", ""},
		{"no stream", "7 0 obj\n<</Type /Page>>\nendobj\n", ""},
		{"truncated", "7 0 obj\n<</Length 50>>\nstream\nhello", ""},
		{"not an object", "<</Length 5>>\nstream\nhello\nendstream\nendobj\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, data, ok := plainStream([]byte(tt.obj))
			if ok != (tt.data != "") || string(data) != tt.data {
				t.Fatalf("plainStream = %q, %q, %v; want data %q", head, data, ok, tt.data)
			}
			if ok && string(head) != "7 0 obj\n" {
				t.Errorf("head %q", head)
			}
		})
	}
}

func TestDeflateStreams(t *testing.T) {
	page := bytes.Repeat([]byte("BT 10.00 20.00 Td (text) Tj ET\n"), 50)
	bodies := [][]byte{
		nil,
		[]byte("1 0 obj\n<</Type /Pages>>\nendobj\n"),
		append(append([]byte("2 0 obj\n<</Length 1550>>\nstream\n"), page...), "\nendstream\nendobj\n"...),
	}
	out := deflateStreams(bodies)
	if out[0] != nil || out[1] != nil {
		t.Errorf("objects without a plain stream were changed: %q %q", out[0], out[1])
	}
	m := regexp.MustCompile(`(?s)^2 0 obj\n<</Filter /FlateDecode /Length (\d+)>>\nstream\n(.*)\nendstream\nendobj\n$`).FindSubmatch(out[2])
	if m == nil {
		t.Fatalf("compressed object:\n%q", out[2])
	}
	zr, err := zlib.NewReader(bytes.NewReader(m[2]))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, page) {
		t.Errorf("inflated %d bytes (%v), want the page's %d", len(got), err, len(page))
	}
	if string(m[1]) != strconv.Itoa(len(m[2])) {
		t.Errorf("length %s, stream %d bytes", m[1], len(m[2]))
	}
}

// TestNoPlainStreams checks that a finished PDF has every stream
// compressed: page contents included, though gofpdf writes them plain.
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
		if !bytes.Contains(d, []byte("/Filter /FlateDecode")) {
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
