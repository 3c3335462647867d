package anthology

import (
	"bytes"
	"strings"
	"testing"
	"unsafe"

	"pamphlet/model"
)

// TestDetachCopiesTextsOutOfTheSource checks that an article's texts
// that were pieces of its source no longer share its memory, and read
// as they did.
func TestDetachCopiesTextsOutOfTheSource(t *testing.T) {
	src := strings.Repeat("A title\nAn author\nsome words of a line, `code`, and a block\n", 50)
	piece := func(s string) string {
		i := strings.Index(src, s)
		return src[i : i+len(s)]
	}
	doc := &model.Document{
		Title:   piece("A title"),
		Authors: []string{piece("An author")},
		Blocks: []model.Block{
			&model.Heading{Level: 1, Content: []model.Inline{&model.Text{Text: piece("A title")}}},
			&model.Paragraph{Content: []model.Inline{
				&model.Text{Text: piece("some words of a line, ")},
				&model.CodeSpan{Text: piece("code")},
				&model.Emph{Content: []model.Inline{&model.Text{Text: piece("and a block")}}},
			}},
			&model.Code{Text: piece("and a block")},
			&model.Quote{Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: piece("some words")}}}}},
		},
	}
	var before bytes.Buffer
	if err := model.Dump(&before, doc); err != nil {
		t.Fatal(err)
	}
	detach(doc)
	start := uintptr(unsafe.Pointer(unsafe.StringData(src)))
	inSource := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= start && p < start+uintptr(len(src))
	}
	texts := []string{doc.Title, doc.Authors[0]}
	_ = model.Walk(doc.Blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Text:
			texts = append(texts, n.Text)
		case *model.CodeSpan:
			texts = append(texts, n.Text)
		case *model.Code:
			texts = append(texts, n.Text)
		}
		return nil
	})
	for _, s := range texts {
		if inSource(s) {
			t.Errorf("%q still shares the source's memory", s)
		}
	}
	var after bytes.Buffer
	if err := model.Dump(&after, doc); err != nil {
		t.Fatal(err)
	}
	if after.String() != before.String() {
		t.Errorf("detached document reads\n%s\nwant\n%s", after.String(), before.String())
	}
}
