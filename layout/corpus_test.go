package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/model"
	"pamphlet/reader"
)

// corpusDocs reads every article of the shared corpus (skipping when it
// is absent).
func corpusDocs(tb testing.TB) (names []string, docs []*model.Document) {
	tb.Helper()
	dir := testenv.Corpus(tb)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		testenv.Skipf(tb, "no articles in %s", dir)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		res, err := reader.Read(src, reader.Options{Name: f})
		if err != nil {
			tb.Fatalf("read %s: %v", f, err)
		}
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
		docs = append(docs, res.Doc)
	}
	return names, docs
}

// TestCorpusLaysOutWithoutOverfullLines sets every corpus article with the
// default options: no line may stick out of its measure, and every page
// must be within the paper.
func TestCorpusLaysOutWithoutOverfullLines(t *testing.T) {
	names, docs := corpusDocs(t)
	for i, doc := range docs {
		t.Run(names[i], func(t *testing.T) {
			var warnings []string
			book, err := Layout(doc, Options{Warn: func(w Warning) { warnings = append(warnings, w.String()) }})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range warnings {
				if strings.Contains(w, "too wide") || strings.Contains(w, "page break") {
					t.Error(w)
				}
			}
			if len(book.Pages) == 0 {
				t.Fatal("no pages")
			}
			for pi, p := range book.Pages {
				for _, r := range p.Body {
					if r.X < 0 || r.X+r.Width > book.Width || r.Y < 0 || r.Y > book.Height {
						t.Errorf("page %d: run %q at %v,%v outside the page", pi+1, r.Text, r.X, r.Y)
					}
				}
			}
		})
	}
}

// BenchmarkLayoutCorpus lays out the whole corpus (about 16,600 words).
func BenchmarkLayoutCorpus(b *testing.B) {
	_, docs := corpusDocs(b)
	// Load fonts and patterns outside the timing.
	if _, err := Layout(docs[0], Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	lines := 0
	for i := 0; i < b.N; i++ {
		lines = 0
		for _, d := range docs {
			book, err := Layout(d, Options{})
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range book.Pages {
				for k, r := range p.Body {
					if k == 0 || r.Y != p.Body[k-1].Y {
						lines++
					}
				}
			}
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
