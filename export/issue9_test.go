package export

import (
	"strings"
	"testing"
)

// TestIssue9CoverText checks the generated cover's text: a title of
// thousands of characters is clipped before it is set (the cover then
// costs the same as a short one), Chinese and Japanese come from the CJK
// face, and characters no face has are reported.
func TestIssue9CoverText(t *testing.T) {
	bk := &book{title: strings.Repeat("A very long title ", 1000), creators: []string{strings.Repeat("Name ", 500)}}
	loc, _ := localeFor("en")
	ct := bk.coverText(loc)
	if n := len([]rune(ct.title)); n > coverRunes+1 || !strings.HasSuffix(ct.title, "…") {
		t.Errorf("title of %d characters on the cover, want at most %d ending in an ellipsis", n, coverRunes+1)
	}
	if _, err := coverPNG(ct); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title string
		missing     string
	}{
		{"Latin", "Bread and Roses", ""},
		{"Chinese and Japanese", "面包与玫瑰 パンとバラ", ""},
		{"Arabic and Hebrew", "خبز وورود לחם ושושנים", ""},
		{"Korean", "빵과 장미", "빵과장미"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			missing, err := coverMissing(coverText{title: tc.title})
			if err != nil {
				t.Fatal(err)
			}
			if string(missing) != tc.missing {
				t.Errorf("missing %q, want %q", string(missing), tc.missing)
			}
		})
	}
}

func TestAutoDir(t *testing.T) {
	tests := []struct {
		text string
		rtl  bool
		want string
	}{
		{"An English paragraph", false, ""},
		{"فقرة عربية", false, "auto"},
		{"“שלום” is Hebrew", false, "auto"},
		{"The word שלום", false, ""},
		{"فقرة عربية", true, ""},
		{"English in an Arabic book", true, "auto"},
		{"123 — …", false, ""},
	}
	for _, tc := range tests {
		if got := autoDir(tc.text, tc.rtl); got != tc.want {
			t.Errorf("autoDir(%q, %v) = %q, want %q", tc.text, tc.rtl, got, tc.want)
		}
	}
}
