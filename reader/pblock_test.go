package reader

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestBlocksWriteTheirRareFieldsOnlyThroughSetMore reads texts with every
// kind of block (lists, quotations, code, tables, headings, joined
// fragments): the empty fields that rare returns for a block without any
// must still be empty afterwards, or a write went through rare and was
// lost.
func TestBlocksWriteTheirRareFieldsOnlyThroughSetMore(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "messy", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	samples, err := filepath.Glob(filepath.Join("..", "samples", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, samples...)
	if len(files) < 10 {
		t.Fatalf("want at least ten texts, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Read(src, Options{Format: FormatText}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(noMore, pmore{}) {
				t.Fatalf("the empty rare fields were written: %+v", noMore)
			}
		})
	}
}
