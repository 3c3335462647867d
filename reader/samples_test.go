package reader

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/golden"
	"pamphlet/model"
)

// TestSamples reads every article in samples/: its model dump must match
// the golden file testdata/NAME.dump (go test -update rewrites it), the
// facts in testdata/NAME.truth.json (written by hand) must all be
// recovered, and the read must give no warning.
func TestSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "samples", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("want at least three samples, found %d", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			res, _, warnings, dump := readFile(t, f)
			if len(warnings) > 0 {
				t.Errorf("warnings: %q", warnings)
			}
			golden.Check(t, name+".dump", dump)

			tr := loadTruth(t, filepath.Join("testdata", name+".truth.json"))
			s := scoreDoc(name, res.Doc, tr)
			if s.paraF1 != 1 {
				t.Errorf("paragraph starts: missing %q, extra %q", s.missing, s.extra)
			}
			if s.headP != 1 || s.headR != 1 {
				t.Errorf("headings: missing %q, extra %q", s.headMissing, s.headExtra)
			}
			if !s.titleOK || !s.authorsOK || !s.dateOK {
				t.Errorf("title %q authors %q date %q; want %q %q %v", res.Doc.Title, res.Doc.Authors, res.Doc.Date, tr.Title, tr.Authors, tr.Date)
			}
			wantSub := ""
			if tr.Subtitle != nil {
				wantSub = *tr.Subtitle
			}
			if normHeading(res.Doc.Subtitle) != normHeading(wantSub) {
				t.Errorf("subtitle %q, want %q", res.Doc.Subtitle, wantSub)
			}
			paras := 0
			for _, b := range res.Doc.Blocks {
				if _, ok := b.(*model.Paragraph); ok {
					paras++
				}
			}
			if paras != tr.Paragraphs {
				t.Errorf("%d paragraphs, want %d", paras, tr.Paragraphs)
			}
		})
	}
}

// TestDeterministic reads the same input twice: the dumps and repairs
// must be identical.
func TestDeterministic(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "samples", "bakery-cooperative.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out [2][]byte
	for i := range out {
		res, err := Read(src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		js, err := res.JSON()
		if err != nil {
			t.Fatal(err)
		}
		out[i] = js
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two reads of the same input differ")
	}
}

// readFile reads the text file at path and returns the result, the input,
// the warnings and the model dump; an error ends the test.
func readFile(t *testing.T, path string) (*Result, []byte, []string, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	res, err := Read(src, Options{Name: path, Warn: func(w Warning) { warnings = append(warnings, w.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	var dump bytes.Buffer
	if err := model.Dump(&dump, res.Doc); err != nil {
		t.Fatal(err)
	}
	return res, src, warnings, dump.Bytes()
}
