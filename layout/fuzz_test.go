package layout

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// fuzzDoc builds a document from arbitrary text: "# " lines are headings,
// "- " lines list items, lines indented by four spaces code, chunks
// opening with "|" tables, the rest paragraphs; blank lines separate
// blocks.
func fuzzDoc(src string) *model.Document {
	doc := &model.Document{Title: "Fuzz", Lang: "en"}
	for _, chunk := range strings.Split(src, "\n\n") {
		switch {
		case strings.HasPrefix(chunk, "# "):
			doc.Blocks = append(doc.Blocks, &model.Heading{Level: 1, Content: []model.Inline{&model.Text{Text: chunk[2:]}}})
		case strings.HasPrefix(chunk, "- "):
			doc.Blocks = append(doc.Blocks, &model.List{Items: []model.Item{{Blocks: []model.Block{
				&model.Paragraph{Content: []model.Inline{&model.Text{Text: chunk[2:]}}}}}}})
		case strings.HasPrefix(chunk, "    "):
			doc.Blocks = append(doc.Blocks, &model.Code{Text: chunk[4:]})
		case strings.HasPrefix(chunk, "|"):
			// A table: a row a line, cells between pipes, the first row
			// the header.
			t := &model.Table{}
			for i, line := range strings.Split(chunk[1:], "\n") {
				var row model.Row
				for _, c := range strings.Split(line, "|") {
					row.Cells = append(row.Cells, model.Cell{Content: []model.Inline{&model.Text{Text: c}}})
				}
				if i == 0 {
					t.Head = append(t.Head, row)
				} else {
					t.Body = append(t.Body, row)
				}
			}
			doc.Blocks = append(doc.Blocks, t)
		default:
			doc.Blocks = append(doc.Blocks, &model.Paragraph{Content: []model.Inline{&model.Text{Text: chunk},
				&model.Link{Target: "https://example.org/" + chunk[:min(len(chunk), 8)], Content: []model.Inline{&model.Text{Text: "link"}}}}})
		}
	}
	model.Normalize(doc)
	return doc
}

// FuzzLayout checks that any valid document lays out: no error, no panic,
// termination, and every run on its page.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"Hello, world.",
		"# Heading\n\nA paragraph with hyphenation and a verylongwordwithoutanybreakpointswhatsoeverthatgoesonandonandonbeyondthemeasure.",
		"- item one\n\n- item two\n\n    code line\n\tindented",
		"https://example.org/a/very/long/path/that/needs/breaking/somewhere/in/the/middle/of/it?query=1&more=2",
		"☺ ∀ 😀 \u00ad soft\u00adhyphen\u00a0nbsp — dash–dash",
		strings.Repeat("word ", 500),
		"|a|b|c\n1|2|3\n" + strings.Repeat("x|y|z\n", 80),
		"|" + strings.Repeat("Columnheading|", 30) + "\n" + strings.Repeat("Averyveryverylongwordindeed|", 30),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc := fuzzDoc(src)
		if model.Validate(doc) != nil {
			return // not a document a reader could produce
		}
		book, err := Layout(doc, Options{Paper: Paper{Name: "small", Width: Mm(100), Height: Mm(140)}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range book.Pages {
			for _, r := range p.Body {
				if r.Y < 0 || r.Y > book.Height {
					t.Fatalf("run %q at y %v off the page", r.Text, r.Y)
				}
			}
		}
	})
}
