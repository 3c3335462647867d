package reader

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pamphlet/internal/golden"
	"pamphlet/model"
)

// TestMessy reads the small messy articles in testdata/messy — the kinds
// of text people paste that the corpus does not show: lists right under a
// line of prose, letter and bracketed list markers, numbered sections,
// headings right above their text, forms, verse, sign-offs, e-mail
// quoting, tables, kickers above the title, dates in five languages, a
// Windows-1252 file. Each model dump (with the read's warnings) must
// match testdata/messy/NAME.dump (go test -update rewrites it); every
// input word must come out once, in order; and no list item may be glued
// into prose.
func TestMessy(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "messy", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("want at least 25 messy inputs, found %d", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			res, src, warnings, dump := readFile(t, f)
			if len(warnings) > 0 {
				dump = append(dump, "--- warnings\n"+strings.Join(warnings, "\n")+"\n"...)
			}

			text, err := decode(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := compareWords(inputWords(text, res.Repairs), dropSectionNumbers(modelWords(res.Doc), res.Doc)); err != nil {
				t.Error(err)
			}
			if err := itemsApart(text, res); err != nil {
				t.Error(err)
			}

			golden.Check(t, filepath.Join("messy", name+".dump"), dump)
		})
	}
}

// itemRE matches a list item line: a bullet, or a number or letter of
// one or two characters with "." or ")", or one in brackets. Longer
// numbers ("240. That is…" in wrapped prose) are not items.
var itemRE = regexp.MustCompile(`^\s*(?:[-*+•·–o]|\d{1,2}[.)]|[a-z][.)]|\((?:\d{1,2}|[a-z])\))[ \t]+(\S.*)$`)

// itemsApart checks that the text of every list item line of the input
// opens a block or a line of the document: an item never turns into a
// dash inside a paragraph, nor is glued to the text before it.
func itemsApart(text string, res *Result) error {
	header := map[int]bool{}
	for _, r := range res.Repairs {
		if headerKinds[r.Kind] {
			header[r.Line] = true
		}
	}
	var starts []string
	_ = model.Walk(res.Doc.Blocks, func(n model.Node) error {
		var in []model.Inline
		switch n := n.(type) {
		case *model.Paragraph:
			in = n.Content
		case *model.Heading:
			in = n.Content
		case *model.Code:
			for _, l := range strings.Split(n.Text, "\n") {
				starts = append(starts, normText(l))
			}
			return nil
		default:
			return nil
		}
		line := ""
		for _, x := range in {
			if _, ok := x.(*model.LineBreak); ok {
				starts = append(starts, normText(line))
				line = ""
				continue
			}
			line += model.Plain([]model.Inline{x})
		}
		starts = append(starts, normText(line))
		return nil
	})
	for no, l := range strings.Split(text, "\n") {
		m := itemRE.FindStringSubmatch(l)
		if m == nil || header[no+1] {
			continue
		}
		item := normText(strings.Join(strings.Fields(m[1])[:min(3, len(strings.Fields(m[1])))], " "))
		found := false
		for _, s := range starts {
			if strings.HasPrefix(s, item) || strings.HasPrefix(s, normText(l)) {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("line %d: list item %q does not open a block or a line", no+1, m[1])
		}
	}
	return nil
}

// dropSectionNumbers removes from words the numbers of numbered headings
// ("1. Welcome"), which the input words leave out as list markers.
func dropSectionNumbers(words []string, doc *model.Document) []string {
	drop := map[int]bool{}
	pos := 0
	for _, b := range doc.Blocks {
		ws := modelWords(&model.Document{Blocks: []model.Block{b}})
		if h, ok := b.(*model.Heading); ok && len(ws) > 0 && itemRE.MatchString(model.Plain(h.Content)+" x") {
			drop[pos] = true
		}
		pos += len(ws)
	}
	out := words[:0:0]
	for k, w := range words {
		if !drop[k] {
			out = append(out, w)
		}
	}
	return out
}
