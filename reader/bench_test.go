package reader

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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

// BenchmarkTextMemory reads long generated plain texts and reports what a
// paragraph costs: the bytes allocated, the bytes the document keeps once
// read ("kept-B/para", the model), and the peak of the heap in use while
// the text is read ("peak-B/para", sampled every millisecond; it moves
// with the collector's timing, the first two do not). A text is read
// with a few records per line and paragraph alive at once, so all three
// stay level as the text grows:
//
//	go test -run='^$' -bench=TextMemory -benchtime=3x ./reader
func BenchmarkTextMemory(b *testing.B) {
	for _, tc := range []struct {
		name string
		src  []byte
		n    int // paragraphs
	}{
		{"one-word-paragraphs", shortParagraphs(200_000), 200_000},
		{"wrapped-paragraphs", wrappedParagraphs(20_000), 20_000},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.src)))
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var res *Result
			peak := heapPeak(func() {
				for b.Loop() {
					var err error
					if res, err = Read(tc.src, Options{Format: FormatText}); err != nil {
						b.Fatal(err)
					}
				}
			})
			runtime.ReadMemStats(&after)
			if got := len(res.Doc.Blocks); got < tc.n {
				b.Fatalf("read %d blocks, want at least %d", got, tc.n)
			}
			runtime.GC()
			var kept runtime.MemStats
			runtime.ReadMemStats(&kept)
			runtime.KeepAlive(res)
			n := float64(tc.n)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/n, "alloc-B/para")
			b.ReportMetric((float64(kept.HeapAlloc)-float64(before.HeapAlloc))/n, "kept-B/para")
			b.ReportMetric((float64(peak)-float64(before.HeapInuse))/n, "peak-B/para")
		})
	}
}

// shortParagraphs is a title and n paragraphs of one word and a number,
// each after a blank line.
func shortParagraphs(n int) []byte {
	words := []string{"harbour", "lantern", "record", "stayed", "complaints", "nor", "tide"}
	var b bytes.Buffer
	b.WriteString("Many Small Paragraphs\n")
	for i := range n {
		fmt.Fprintf(&b, "\n%s %d.\n", words[i%len(words)], i)
	}
	return b.Bytes()
}

// wrappedParagraphs is a title and n paragraphs of prose hard-wrapped at
// 72 columns, five lines each, separated by blank lines.
func wrappedParagraphs(n int) []byte {
	const line = "the keeper climbed the stair at dusk and trimmed the wick of the lamp"
	var b bytes.Buffer
	b.WriteString("A Long Wrapped Text\n")
	for i := range n {
		fmt.Fprintf(&b, "\nParagraph %d: %s\n%s\n%s\n%s\n%s.\n", i, line, line, line, line, line)
	}
	return b.Bytes()
}

// heapPeak runs f and returns the largest heap in use (live and garbage
// not yet swept) seen while it ran, sampled every millisecond.
func heapPeak(f func()) uint64 {
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var m runtime.MemStats
		var top uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	return <-peak
}

// BenchmarkJoinFragments reads a text of 100,000 fragments that a blank
// line split mid-sentence, all joined into one paragraph, and reports
// the time per fragment: it should not grow with their number (joining
// once copied the lines joined so far at every join).
func BenchmarkJoinFragments(b *testing.B) {
	const n = 100_000
	src := []byte("Joined Words\n\nthe start" + strings.Repeat("\n\nand then", n))
	for b.Loop() {
		if _, err := Read(src, Options{Format: FormatText}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/fragment")
}

// BenchmarkLongToken reads a text whose one line is a token of 300,000
// characters without a space, many of which the typography pass looks
// at, and reports the time per byte: it should not grow with the
// token's length (each such character once scanned back to the token's
// start).
func BenchmarkLongToken(b *testing.B) {
	src := []byte("A Long Token\n\n" + strings.Repeat("a\u2029–", 100_000) + "\n")
	for b.Loop() {
		if _, err := Read(src, Options{Format: FormatText}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(src)), "ns/byte")
}
