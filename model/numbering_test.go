package model

import "testing"

func TestItemLabel(t *testing.T) {
	tests := []struct {
		name      string
		numbering string
		n         int
		want      string
	}{
		{"digits", "", 12, "12"},
		{"first letter", "a", 1, "a"},
		{"last letter", "a", 26, "z"},
		{"past z", "a", 27, "aa"},
		{"past zz", "a", 26*26 + 26 + 1, "aaa"},
		{"capital letters", "A", 28, "AB"},
		{"roman four", "i", 4, "iv"},
		{"roman nineteen ninety-four", "i", 1994, "mcmxciv"},
		{"capital roman", "I", 9, "IX"},
		{"roman past 3999", "i", 4000, "4000"},
		{"zero stays a number", "a", 0, "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ItemLabel(tc.numbering, tc.n); got != tc.want {
				t.Errorf("ItemLabel(%q, %d) = %q, want %q", tc.numbering, tc.n, got, tc.want)
			}
		})
	}
}

func TestListNumberingValidated(t *testing.T) {
	item := Item{Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "x"}}}}}
	tests := []struct {
		name string
		list *List
		ok   bool
	}{
		{"letters", &List{Ordered: true, Start: 1, Numbering: "a", Items: []Item{item}}, true},
		{"roman", &List{Ordered: true, Start: 1, Numbering: "I", Items: []Item{item}}, true},
		{"unknown", &List{Ordered: true, Start: 1, Numbering: "x", Items: []Item{item}}, false},
		{"on bullets", &List{Numbering: "a", Items: []Item{item}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(&Document{Title: "T", Lang: "en", Blocks: []Block{tc.list}})
			if (err == nil) != tc.ok {
				t.Errorf("Validate = %v, want ok %v", err, tc.ok)
			}
		})
	}
}
