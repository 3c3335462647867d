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
	files := globs(dir, "*.md", "*.html")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/markup")
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			res, src, warnings := readPath(t, path, reader.Options{Name: name, Images: os.DirFS(dir)})
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

// globs lists the files of dir that match any of patterns.
func globs(dir string, patterns ...string) []string {
	var files []string
	for _, pat := range patterns {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	return files
}

// readPath reads the file at path with opt and returns the result, the
// input and the warnings; an error ends the test.
func readPath(t *testing.T, path string, opt reader.Options) (*reader.Result, []byte, []string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	opt.Warn = func(w reader.Warning) { warnings = append(warnings, w.String()) }
	res, err := reader.Read(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, src, warnings
}
