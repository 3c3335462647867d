package layout

import (
	"fmt"
	"strings"
	"testing"

	"pamphlet/model"
)

func TestHeadingTagsSkipNoLevel(t *testing.T) {
	heading := func(level int, s string) model.Block {
		return &model.Heading{Level: level, Content: []model.Inline{&model.Text{Text: s}}}
	}
	para := &model.Paragraph{Content: []model.Inline{&model.Text{Text: "Some words."}}}
	tests := []struct {
		name   string
		title  string
		levels []int
		want   string // the heading elements' levels and text, in order
	}{
		{"title and sections", "Title", []int{1, 2, 1}, "H1 Title|H2 a|H3 b|H2 c"},
		{"a deep first section", "Title", []int{3, 4, 1}, "H1 Title|H2 a|H3 b|H2 c"},
		{"no title", "", []int{2, 3, 3}, "H1 a|H2 b|H2 c"},
		{"a jump down the levels", "Title", []int{1, 4, 2}, "H1 Title|H2 a|H3 b|H3 c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &model.Document{Title: tt.title, Lang: "en"}
			for i, l := range tt.levels {
				doc.Blocks = append(doc.Blocks, heading(l, string(rune('a'+i))), para)
			}
			book, err := Layout(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			// The heading elements in the order their text is placed.
			var got []string
			seen := map[int32]bool{}
			for _, p := range book.Pages {
				for _, r := range p.Body {
					if tag := book.Tags[r.Tag]; r.Tag != 0 && tag.Role == RoleHeading && !seen[r.Tag] {
						seen[r.Tag] = true
						got = append(got, fmt.Sprintf("H%d %s", tag.Level, r.Text))
					}
				}
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("headings %q, want %q", g, tt.want)
			}
		})
	}
}

// TestTagsMarkContentNotFurniture checks that every run of the body is
// the content of an element under the root, that running heads and
// folios are not, and that list markers are labels of their items.
func TestTagsMarkContentNotFurniture(t *testing.T) {
	doc := &model.Document{Title: "Marked", Lang: "en"}
	for i := range 30 {
		doc.Blocks = append(doc.Blocks, &model.Paragraph{Content: []model.Inline{&model.Text{Text: strings.Repeat(fmt.Sprintf("Words of paragraph %d. ", i), 8)}}},
			&model.List{Ordered: true, Start: 1, Items: []model.Item{{Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: "An item."}}}}}}})
	}
	book, err := Layout(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Pages) < 3 || len(book.Tags) == 0 || book.Tags[0].Role != RoleDocument || book.Tags[0].Parent != -1 {
		t.Fatalf("%d pages, root %+v", len(book.Pages), book.Tags[:min(1, len(book.Tags))])
	}
	for i, tag := range book.Tags[1:] {
		if tag.Parent < 0 || int(tag.Parent) > i {
			t.Fatalf("tag %d has parent %d: parents come before their children", i+1, tag.Parent)
		}
	}
	labels := 0
	for i, p := range book.Pages {
		for _, r := range append(append([]Run(nil), p.Head...), p.Foot...) {
			if r.Tag != 0 {
				t.Errorf("page %d: furniture %q tagged %d", i+1, r.Text, r.Tag)
			}
		}
		for _, r := range p.Body {
			if r.Tag <= 0 || int(r.Tag) >= len(book.Tags) {
				t.Fatalf("page %d: run %q has no element", i+1, r.Text)
			}
			if book.Tags[r.Tag].Role == RoleLabel {
				labels++
				if item := book.Tags[book.Tags[r.Tag].Parent]; item.Role != RoleListItem {
					t.Errorf("label %q is in a %v, not a list item", r.Text, item.Role)
				}
			}
		}
	}
	if labels != 30 {
		t.Errorf("%d list labels, want 30", labels)
	}
}
