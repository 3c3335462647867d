package model

import (
	"strings"
	"testing"
)

func heading(level int, text string) *Heading {
	return &Heading{Level: level, Content: []Inline{&Text{Text: text}}}
}

func levels(doc *Document) []int {
	var out []int
	for _, b := range doc.Blocks {
		if h, ok := b.(*Heading); ok {
			out = append(out, h.Level)
		}
	}
	return out
}

func TestNormalizeBook(t *testing.T) {
	tests := []struct {
		name    string
		book    func() *Book
		editors string
		lang    string
		levels  [][]int
	}{
		{"headings lifted to level 1", func() *Book {
			return &Book{Title: " Collected ", Articles: []*Document{
				{Title: "A", Lang: "en", Blocks: []Block{heading(2, "x"), heading(3, "y"), heading(2, "z")}},
				{Title: "B", Lang: "en", Blocks: []Block{heading(1, "x"), heading(2, "y")}},
				{Title: "C", Lang: "en", Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "no headings"}}}}},
			}}
		}, "", "en", [][]int{{1, 2, 1}, {1, 2}, nil}},
		{"editors trimmed and deduplicated", func() *Book {
			return &Book{Title: "T", Editors: []string{" Ann  Lee ", "", "Ann Lee", "Bo"}, Articles: []*Document{{Title: "A"}}}
		}, "Ann Lee|Bo", "", [][]int{nil}},
		{"language of most articles", func() *Book {
			return &Book{Title: "T", Articles: []*Document{{Title: "A", Lang: "fr"}, {Title: "B", Lang: "EN"}, {Title: "C", Lang: "en"}}}
		}, "", "en", [][]int{nil, nil, nil}},
		{"given language kept", func() *Book {
			return &Book{Title: "T", Lang: "DE", Articles: []*Document{{Title: "A", Lang: "fr"}}}
		}, "", "de", [][]int{nil}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.book()
			NormalizeBook(b)
			if got := strings.Join(b.Editors, "|"); got != tc.editors {
				t.Errorf("editors %q, want %q", got, tc.editors)
			}
			if b.Lang != tc.lang {
				t.Errorf("lang %q, want %q", b.Lang, tc.lang)
			}
			for i, d := range b.Articles {
				if got := levels(d); !equalInts(got, tc.levels[i]) {
					t.Errorf("article %d levels %v, want %v", i+1, got, tc.levels[i])
				}
			}
			var first, second strings.Builder
			if err := DumpBook(&first, b); err != nil {
				t.Fatal(err)
			}
			NormalizeBook(b)
			if err := DumpBook(&second, b); err != nil {
				t.Fatal(err)
			}
			if first.String() != second.String() {
				t.Errorf("not idempotent:\n%s\n---\n%s", first.String(), second.String())
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestValidateBook(t *testing.T) {
	good := func() *Book {
		return &Book{Title: "T", Lang: "en", Articles: []*Document{{Title: "A", Lang: "en", Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "x"}}}}}}}
	}
	tests := []struct {
		name string
		edit func(*Book)
		want string // "" for valid
	}{
		{"valid", func(*Book) {}, ""},
		{"no title", func(b *Book) { b.Title = " " }, "no title"},
		{"no articles", func(b *Book) { b.Articles = nil }, "no articles"},
		{"nil article", func(b *Book) { b.Articles = append(b.Articles, nil) }, "article 2 is nil"},
		{"bad article", func(b *Book) {
			b.Articles = append(b.Articles, &Document{Title: "Bad", Blocks: []Block{&Paragraph{}}})
		}, `article 2 ("Bad")`},
		{"bad preface", func(b *Book) { b.Preface = &Document{Lang: "English!"} }, "preface"},
		{"empty editor", func(b *Book) { b.Editors = []string{" "} }, "editors[0]"},
		{"bad date", func(b *Book) { b.Date = Date{Year: 2020, Month: 13, Day: 1} }, "month out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := good()
			tc.edit(b)
			err := ValidateBook(b)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	if ValidateBook(nil) == nil {
		t.Error("nil book passed")
	}
}

func TestDumpBook(t *testing.T) {
	b := &Book{Title: "Collected", Subtitle: "Essays", Editors: []string{"Ann Lee"}, Date: Date{Year: 2024}, Lang: "en",
		Preface:  &Document{Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "Why."}}}}},
		Articles: []*Document{{Title: "One", Lang: "en", Blocks: []Block{heading(1, "Part")}}}}
	var sb strings.Builder
	if err := DumpBook(&sb, b); err != nil {
		t.Fatal(err)
	}
	want := "book: Collected\nsubtitle: Essays\neditors: Ann Lee\ndate: 2024\nlang: en\narticles: 1\n" +
		"=== preface\ntitle: \nauthors: \ndate: \nlang: \n---\nparagraph: Why.\n" +
		"=== article 1\ntitle: One\nauthors: \ndate: \nlang: en\n---\nheading 1: Part\n"
	if sb.String() != want {
		t.Errorf("dump:\n%s\nwant:\n%s", sb.String(), want)
	}
}
