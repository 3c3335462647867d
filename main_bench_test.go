package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
)

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
