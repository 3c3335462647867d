package export

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestMadeEntrySameBytes checks that an entry made as the container is
// written (zipEntry.write) gives the same container as its data given
// beforehand, on both sides of the size from which an entry is
// compressed apart, whatever pieces the data comes in.
func TestMadeEntrySameBytes(t *testing.T) {
	// Text that compresses as a chapter does, but not to nothing.
	var text strings.Builder
	for i := 0; text.Len() < 3*largeEntry+5; i++ {
		text.WriteString("<p>The harbour wall, paragraph ")
		text.WriteString(strings.Repeat("x", i%17))
		text.WriteString(" &amp; its repairs.</p>\n")
	}
	tests := []struct {
		name  string
		size  int
		piece int // bytes a write
	}{
		{"empty", 0, 1},
		{"small in one piece", 1000, 1000},
		{"small in pieces", 1000, 7},
		{"one byte under the size apart", largeEntry - 1, 4096},
		{"at the size apart", largeEntry, 4096},
		{"crossing the size apart in one piece", largeEntry + 10, largeEntry + 10},
		{"large in pieces", 3*largeEntry + 5, 10000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(text.String()[:tc.size])
			container := func(e zipEntry) []byte {
				entries := []zipEntry{
					{name: "mimetype", data: []byte(epubMediaType), store: true},
					{name: "b.txt", data: []byte("after")},
					e,
					{name: "0.txt", data: []byte("before")},
				}
				var out bytes.Buffer
				if err := writeZip(&out, entries, fixedTime); err != nil {
					t.Fatal(err)
				}
				return out.Bytes()
			}
			want := container(zipEntry{name: "a.xhtml", data: data})
			got := container(zipEntry{name: "a.xhtml", write: func(w io.Writer) error {
				for rest := data; len(rest) > 0; {
					n := min(tc.piece, len(rest))
					if _, err := w.Write(rest[:n]); err != nil {
						return err
					}
					rest = rest[n:]
				}
				return nil
			}})
			if !bytes.Equal(got, want) {
				t.Fatalf("made as written: %d bytes, differ from the %d bytes of the data given beforehand", len(got), len(want))
			}
			_, files := entries(t, got)
			if !bytes.Equal(files["a.xhtml"], data) {
				t.Errorf("entry reads back as %d bytes, want the %d written", len(files["a.xhtml"]), len(data))
			}
		})
	}
}
