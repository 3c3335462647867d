package layout

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// TestListNumbering checks that an ordered list counts as its numbering
// says, from its start, with the marker hung before each item.
func TestListNumbering(t *testing.T) {
	items := func(words ...string) []model.Item {
		var its []model.Item
		for _, w := range words {
			its = append(its, model.Item{Blocks: []model.Block{mpara(text(w))}})
		}
		return its
	}
	tests := []struct {
		name string
		list *model.List
		want []string
	}{
		{"numbers", &model.List{Ordered: true, Start: 1, Items: items("lunch", "raincoat")}, []string{"1. lunch", "2. raincoat"}},
		{"letters from b", &model.List{Ordered: true, Start: 2, Numbering: "a", Items: items("lunch", "raincoat")}, []string{"b. lunch", "c. raincoat"}},
		{"capital roman", &model.List{Ordered: true, Start: 4, Numbering: "I", Items: items("Money", "Meetings")}, []string{"IV. Money", "V. Meetings"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &model.Document{Title: "Lists", Lang: "en", Blocks: []model.Block{tc.list}}
			book, err := Layout(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := book.Pages[0].Text()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("page lacks %q:\n%s", w, got)
				}
			}
		})
	}
}
