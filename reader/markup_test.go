package reader_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/golden"
	"pamphlet/model"
	"pamphlet/reader"
)

// TestMarkupGolden reads the Markdown and HTML fixtures of
// testdata/markup and compares the model dump, the repairs and the
// warnings with testdata/markup/NAME.golden.
func TestMarkupGolden(t *testing.T) {
	dir := filepath.Join("testdata", "markup")
	var files []string
	for _, pat := range []string{"*.md", "*.html"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/markup")
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			res, err := reader.Read(src, reader.Options{
				Name:   name,
				Images: os.DirFS(dir),
				Warn:   func(w reader.Warning) { warnings = append(warnings, w.String()) },
			})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			fmt.Fprintf(&b, "format: %s\n", res.Format)
			if err := model.Dump(&b, res.Doc); err != nil {
				t.Fatal(err)
			}
			b.WriteString("--- repairs\n")
			for _, r := range res.Repairs {
				fmt.Fprintf(&b, "%d %s: %s\n", r.Line, r.Kind, r.Detail)
			}
			b.WriteString("--- warnings\n")
			for _, w := range warnings {
				b.WriteString(w + "\n")
			}
			// The same input gives the same document, every time.
			again, err := reader.Read(src, reader.Options{Name: name, Images: os.DirFS(dir)})
			if err != nil {
				t.Fatal(err)
			}
			var first, second bytes.Buffer
			_ = model.Dump(&first, res.Doc)
			_ = model.Dump(&second, again.Doc)
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Error("two reads of the same input differ")
			}
			golden.Check(t, filepath.Join("markup", strings.TrimSuffix(name, filepath.Ext(name))+filepath.Ext(name)+".golden"), b.Bytes())
		})
	}
}
