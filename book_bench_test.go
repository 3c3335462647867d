package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"pamphlet/anthology"
	"pamphlet/export"
	"pamphlet/internal/testenv"
	"pamphlet/layout"
)

// distinctCorpus writes n articles into a temporary folder: the corpus
// articles in turn, each title line suffixed with the article's number so
// that no two chapters share a title.
func distinctCorpus(tb testing.TB, n int) []string {
	tb.Helper()
	corpus := testenv.Corpus(tb)
	files, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(files) == 0 {
		testenv.Skipf(tb, "no articles in %s", corpus)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	dir := tb.TempDir()
	var paths []string
	for i := range n {
		lines := strings.Split(texts[i%len(texts)], "\n")
		for k, l := range lines {
			if t := strings.TrimRight(l, " \r"); t != "" {
				// The title is the first line with text; an all-capitals
				// title keeps its final period last.
				if strings.HasSuffix(t, ".") {
					lines[k] = fmt.Sprintf("%s %d.", strings.TrimSuffix(t, "."), i+1)
				} else {
					lines[k] = fmt.Sprintf("%s %d", t, i+1)
				}
				break
			}
		}
		p := filepath.Join(dir, fmt.Sprintf("%04d-%s", i+1, filepath.Base(files[i%len(files)])))
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// buildPDF makes the PDF of a book of paths as `pamphlet book` does:
// read, lay out, paint.
func buildPDF(tb testing.TB, paths []string, w io.Writer, workers int) int {
	plan, err := anthology.FromPaths(paths)
	if err != nil {
		tb.Fatal(err)
	}
	plan.Title = "A Book of Articles"
	plan.Editors = []string{"Ann Editor"}
	res, err := anthology.Load(plan, anthology.Options{Workers: workers})
	if err != nil {
		tb.Fatal(err)
	}
	lb, err := layout.Anthology(res.Book, layout.Options{Workers: workers, Pack: true})
	if err != nil {
		tb.Fatal(err)
	}
	pages := len(lb.Pages)
	if err := export.PDF(w, lb, export.PDFOptions{ReleasePages: true}); err != nil {
		tb.Fatal(err)
	}
	return pages
}

// BenchmarkBookPDF builds the PDF of books of 10, 100 and 1,000 corpus
// articles, from files to bytes; "ms/article" should stay flat as the
// book grows. Run the largest alone with -bench 'BookPDF/1000' -benchtime 1x.
func BenchmarkBookPDF(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			paths := distinctCorpus(b, n)
			pages := 0
			b.ResetTimer()
			for b.Loop() {
				pages = buildPDF(b, paths, io.Discard, 0)
			}
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N*n), "ms/article")
			b.ReportMetric(float64(pages)/float64(n), "pages/article")
		})
	}
}

// BenchmarkBookMemory runs `pamphlet book` on books of 100 and 1,000
// corpus articles, writing the PDF alone and both formats, and reports
// the memory it takes per article: the bytes allocated and the peak of
// the live heap (sampled every millisecond). A book's peak should depend
// on its longest chapter, not on its length: the PDF's "peak-MB" stays
// near level from 100 to 1,000 articles, so its "peak-KB/article" falls
// tenfold. Run the largest alone with -bench 'BookMemory/1000' -benchtime 1x.
func BenchmarkBookMemory(b *testing.B) {
	for _, n := range []int{100, 1000} {
		for _, format := range []string{"pdf", "both"} {
			b.Run(fmt.Sprintf("%d/%s", n, format), func(b *testing.B) {
				paths := distinctCorpus(b, n)
				out := filepath.Join(b.TempDir(), "book")
				if format != "both" {
					out += "." + format
				}
				args := append([]string{"book", "--quiet", "--title", "A Book of Articles", "-o", out}, paths...)
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				peak := heapPeak(func() {
					for b.Loop() {
						if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
							b.Fatalf("exit code %d", code)
						}
					}
				})
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N*n)/1024, "KB-alloc/article")
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				b.ReportMetric(float64(peak)/float64(n)/1024, "peak-KB/article")
			})
		}
	}
}

// heapPeak runs f and returns the largest heap (in use, live and garbage
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
