package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/export"
	"pamphlet/layout"
	"pamphlet/model"
	"pamphlet/reader"
)

// fuzzMax bounds the inputs FuzzPipeline runs (bytes).
const fuzzMax = 8192

// fuzzPaper is small, so that short inputs fill several pages.
var fuzzPaper = layout.Paper{Name: "fuzz", Width: layout.Mm(90), Height: layout.Mm(120)}

// FuzzPipeline runs any bytes through the whole pipeline in memory:
// reader (format detected), layout, PDF and EPUB export. Required: no
// panic; the reader refuses only with ErrNoText or ErrBinary, else gives
// a valid document; layout and both exports succeed; no run leaves the
// paper; the PDF is a PDF and the EPUB a ZIP.
func FuzzPipeline(f *testing.F) {
	// The beginnings of the samples: whole ones would make each run of
	// the instrumented pipeline take seconds.
	samples, _ := filepath.Glob(filepath.Join("samples", "*.*"))
	for _, s := range samples {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b[:min(len(b), fuzzMax/4)])
		}
	}
	for _, s := range []string{
		"Title\n\nA paragraph.", "Caf\xe9\n\nCaf\xe9 cr\xe8me.", "\xff\xfeT\x00i\x00\n\x00\n\x00x\x00", "\xef\xbb\xbfBOM\n\nText.",
		"Bell\x07\n\nx\x1b[0m\x7f", "# " + strings.Repeat("Long title ", 80) + "\n\nBody.",
		"W\n\n" + strings.Repeat("abcdefghij", 300), "中文\n\n这是一个中文段落。「引用」日本語のテキスト。",
		"# مقال\n\nمرحبا بالعالم (123) هذا نص.\n\nשלום עולם abc.", "<html><head><title>T</title></head><body><p dir=rtl>שלום</p></body></html>",
		"- a\n  - b\n\n1. c\n\n> q\n\n```\ncode \u202e\u2067x\n```", "T\n\n" + strings.Repeat("「", 200), "한국어\n\n한국어 문장.",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzMax {
			// Long inputs are the business of the benchmarks and of
			// the tests of a 2 MB word: here they would only
			// slow the search down.
			return
		}
		res, err := reader.Read(src, reader.Options{Name: "fuzz"})
		if err != nil {
			if !errors.Is(err, reader.ErrNoText) && !errors.Is(err, reader.ErrBinary) {
				t.Fatalf("Read: %v", err)
			}
			return
		}
		doc := res.Doc
		if err := model.Validate(doc); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		book, err := layout.Layout(doc, layout.Options{Paper: fuzzPaper})
		if err != nil {
			t.Fatalf("Layout: %v", err)
		}
		for _, p := range book.Pages {
			// A turned page's body is placed on the paper turned a
			// quarter turn (x runs along its height); its head and foot
			// stay upright.
			bodyW, bodyH := book.Width, book.Height
			if p.Turned {
				bodyW, bodyH = bodyH, bodyW
			}
			for _, rs := range []struct {
				runs []layout.Run
				w, h layout.Sp
			}{{p.Head, book.Width, book.Height}, {p.Body, bodyW, bodyH}, {p.Foot, book.Width, book.Height}} {
				for _, r := range rs.runs {
					if r.X < 0 || r.X+r.Width > rs.w || r.Y < 0 || r.Y > rs.h {
						t.Fatalf("page %d: run %.40q at %v,%v (%v wide) leaves the paper", p.Folio, r.Text, r.X, r.Y, r.Width)
					}
				}
			}
		}
		var pdf, epub bytes.Buffer
		if err := export.PDF(&pdf, book, export.PDFOptions{}); err != nil {
			t.Fatalf("PDF: %v", err)
		}
		if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
			t.Fatal("the PDF does not start with %PDF-")
		}
		if err := export.EPUB(&epub, doc, export.EPUBOptions{}); err != nil {
			t.Fatalf("EPUB: %v", err)
		}
		if !bytes.HasPrefix(epub.Bytes(), []byte("PK\x03\x04")) {
			t.Fatal("the EPUB is not a ZIP file")
		}
	})
}
