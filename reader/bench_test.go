package reader

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkText reads every article of the shared corpus as plain text.
// The target is at least 30 MB/s on one core:
//
//	go test -run='^$' -bench=Text -cpu=1 ./reader
func BenchmarkText(b *testing.B) {
	dir, names := corpusFiles(b)
	var srcs [][]byte
	total := 0
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(dir, n+".txt"))
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		total += len(src)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := Read(src, Options{Format: FormatText}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
