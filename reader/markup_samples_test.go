package reader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/golden"
	"pamphlet/model"
	"pamphlet/reader"
)

// TestMarkupSamples reads the Markdown and HTML articles of samples/: each
// must read without a warning, embed its local image, and match its golden
// dump in testdata/samples-markup.
func TestMarkupSamples(t *testing.T) {
	dir := filepath.Join("..", "samples")
	files := globs(dir, "*.md", "*.html")
	if len(files) < 2 {
		t.Fatalf("want a Markdown and an HTML sample, found %d", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			res, _, warnings := readPath(t, path, reader.Options{Name: path, Images: os.DirFS(dir)})
			if len(warnings) > 0 {
				t.Errorf("warnings: %q", warnings)
			}
			if res.Doc.Title == "" || len(res.Doc.Authors) == 0 || res.Doc.Date.IsZero() {
				t.Errorf("metadata missing: title %q authors %q date %s", res.Doc.Title, res.Doc.Authors, res.Doc.Date)
			}
			embedded := 0
			_ = model.Walk(res.Doc.Blocks, func(n model.Node) error {
				if f, ok := n.(*model.Figure); ok && len(f.Data) > 0 {
					embedded++
				}
				return nil
			})
			if embedded == 0 {
				t.Error("the sample's local image was not embedded")
			}
			var b bytes.Buffer
			if err := model.Dump(&b, res.Doc); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("samples-markup", strings.ReplaceAll(name, ".", "-")+".dump"), b.Bytes())
		})
	}
}
