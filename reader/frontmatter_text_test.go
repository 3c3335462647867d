package reader

import (
	"strings"
	"testing"
)

func TestTextFrontMatterGivesMetadata(t *testing.T) {
	const body = "The tenants met on Tuesday to plan the rent strike. Most of them had\n" +
		"never been to a meeting before, but they stayed until the end, and the\n" +
		"chair thanked them all for com-\ning out on such a wet night.\n"
	tests := []struct {
		name, src, title, authors, date, lang string
	}{
		{"YAML", "---\ntitle: The Rent Strike\nauthor: [Ana Lima, Tom Reed]\ndate: 2024-03-05\nlang: en-GB\n---\n\n" + body,
			"The Rent Strike", "Ana Lima; Tom Reed", "2024-03-05", "en-gb"},
		{"TOML", "+++\ntitle = \"The Rent Strike\"\nauthors = [\"Ana Lima\"]\ndate = 2024-03-05\n+++\n" + body,
			"The Rent Strike", "Ana Lima", "2024-03-05", "en"},
		{"YAML over a title line", "---\ntitle: The Rent Strike\n---\nTHE RENT STRIKE\n\n" + body,
			"The Rent Strike", "", "", "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			doc := res.Doc
			date := ""
			if !doc.Date.IsZero() {
				date = doc.Date.String()
			}
			if doc.Title != tc.title || strings.Join(doc.Authors, "; ") != tc.authors || date != tc.date || doc.Lang != tc.lang {
				t.Errorf("title %q authors %q date %q lang %q, want %q %q %q %q", doc.Title, doc.Authors, date, doc.Lang, tc.title, tc.authors, tc.date, tc.lang)
			}
			body := dumpBody(t, doc)
			if strings.Contains(body, "title") || strings.Contains(body, "+++") || strings.Contains(body, "RENT STRIKE") {
				t.Errorf("front matter or title left in the body:\n%s", body)
			}
			if !strings.Contains(body, "Most of them had never been") || !strings.Contains(body, "for coming out") {
				t.Errorf("the text below was not repaired:\n%s", body)
			}
		})
	}
}
