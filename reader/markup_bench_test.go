package reader_test

import (
	"os"
	"path/filepath"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/reader"
)

func benchRead(b *testing.B, path string, images bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		testenv.Skipf(b, "%v", err)
	}
	opt := reader.Options{Name: path}
	if images {
		opt.Images = os.DirFS(filepath.Dir(path))
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reader.Read(src, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkdown reads the Markdown sample, image included.
func BenchmarkMarkdown(b *testing.B) {
	benchRead(b, filepath.Join("..", "samples", "keeping-a-light.md"), true)
}

// BenchmarkHTMLArticle reads the HTML sample page through Readability.
func BenchmarkHTMLArticle(b *testing.B) {
	benchRead(b, filepath.Join("..", "samples", "radio-on-the-harbour-wall.html"), true)
}

// BenchmarkHTMLFullPage reads a real 140 KB blog page from the corpus.
func BenchmarkHTMLFullPage(b *testing.B) {
	benchRead(b, filepath.Join(testenv.Corpus(b), "orig", "007_mozhacks-fetch-api.source.html"), false)
}
