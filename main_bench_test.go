package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/export"
	"pamphlet/internal/testenv"
	"pamphlet/layout"
	"pamphlet/reader"
)

// benchArticle writes a plain-text article of about n bytes: a title,
// then paragraphs of 40 to 160 words with a section heading every twenty
// paragraphs. The words come from a fixed vocabulary in a fixed
// pseudo-random order, so every run measures the same text.
func benchArticle(n int) []byte {
	words := strings.Fields(`the harbour wall was built of granite blocks laid without mortar by masons
		who came from the quarries inland every spring and stayed until the autumn gales made the
		work too dangerous council minutes record the cost of each season's repairs together with
		complaints from fishermen about the silting of the channel and the shifting of the sandbar
		that closed the river mouth twice in living memory engineers proposed a breakwater several
		times but the town never raised the money nor agreed on who should pay for it`)
	var b strings.Builder
	b.Grow(n + 1024)
	b.WriteString("The Harbour Wall: A Chronicle\n\n")
	seed := uint32(2463534242)
	next := func() uint32 { // xorshift: a fixed sequence
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return seed
	}
	for p := 0; b.Len() < n; p++ {
		if p%20 == 19 {
			fmt.Fprintf(&b, "Part %d\n\n", p/20+1)
			continue
		}
		k := 40 + int(next()%120)
		for i := 0; i < k; i++ {
			w := words[next()%uint32(len(words))]
			switch {
			case i == 0:
				w = strings.ToUpper(w[:1]) + w[1:]
			case next()%11 == 0:
				w += ","
			}
			b.WriteString(w)
			if i < k-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(".\n\n")
	}
	return []byte(b.String())
}

// BenchmarkConvertPDF measures a whole conversion to PDF (read, lay out,
// paint, write) at three sizes. ns/byte stays level from 50 KB to 5 MB
// when the cost grows linearly with the input, as it must.
func BenchmarkConvertPDF(b *testing.B) {
	for _, n := range []int{50_000, 500_000, 5_000_000} {
		src := benchArticle(n)
		b.Run(fmt.Sprintf("%dKB", n/1000), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := reader.Read(src, reader.Options{Name: "bench.txt"})
				if err != nil {
					b.Fatal(err)
				}
				book, err := layout.Layout(res.Doc, layout.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := export.PDF(io.Discard, book, export.PDFOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
		})
	}
}

// seedArticle is the corpus article the speed targets are measured on.
const seedArticle = "000_a9ffa14dafb5799f.txt"

// benchmarkConvert runs the whole command in-process on the seed article,
// from reading the file to the finished output file. A one-shot run also
// pays for program start and first-use work (faces, tables) that a warm
// loop amortises; these benchmarks track the steady part.
func benchmarkConvert(b *testing.B, ext string) {
	in := filepath.Join(testenv.Corpus(b), seedArticle)
	out := filepath.Join(b.TempDir(), "seed."+ext)
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"convert", "-o", out, in}, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit code %d", code)
		}
	}
}

func BenchmarkConvertSeedEPUB(b *testing.B) { benchmarkConvert(b, "epub") }

func BenchmarkConvertSeedPDF(b *testing.B) { benchmarkConvert(b, "pdf") }
