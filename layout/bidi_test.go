package layout

import (
	"strings"
	"testing"

	"pamphlet/model"
)

func TestVisual(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"left to right unchanged", "plain text (as is)", "plain text (as is)"},
		{"Hebrew reversed", "שלום עולם", "םלוע םולש"},
		{"Hebrew in English", "the word שלום means peace", "the word םולש means peace"},
		{"English in Hebrew", "שלום abc עולם", "םלוע abc םולש"},
		{"brackets mirrored", "(שלום)", "(םולש)"},
		{"number stays left to right", "שלום 123 עולם", "םלוע 123 םולש"},
		{"Arabic joined and reversed", "بيت", "\ufe96\ufef4\ufe91"},
		{"lam-alef ligature", "لا", "ﻻ"},
		{"marks follow their letter", "بَيت", "ﺖﻴ" + "ﺑ" + "\u064e"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Visual(tc.in); got != tc.want {
				t.Errorf("Visual(%q) = %q (%U), want %q (%U)", tc.in, got, []rune(got), tc.want, []rune(tc.want))
			}
		})
	}
}

// TestRightToLeftParagraphs checks right-to-left text: a Hebrew or Arabic
// paragraph is set flush right with its first word rightmost, a Hebrew word
// inside an English sentence keeps the sentence's order, and Arabic letters
// are joined.
func TestRightToLeftParagraphs(t *testing.T) {
	doc := &model.Document{Title: "Directions", Lang: "en", Blocks: []model.Block{
		mpara(text("שלום עולם, זה טקסט בעברית.")),
		mpara(text("The word שלום means peace.")),
		mpara(text("مرحبا بالعالم")),
	}}
	book, warns := layoutWarnings(t, doc)
	if len(warns) != 0 {
		t.Errorf("warnings: %q", warns)
	}
	lines := map[Sp][]Run{}
	var ys []Sp
	for _, r := range book.Pages[0].Body {
		if _, ok := lines[r.Y]; !ok {
			ys = append(ys, r.Y)
		}
		lines[r.Y] = append(lines[r.Y], r)
	}
	text := func(y Sp) string {
		rs := lines[y]
		// in display order: by position
		for i := range rs {
			for j := i + 1; j < len(rs); j++ {
				if rs[j].X < rs[i].X {
					rs[i], rs[j] = rs[j], rs[i]
				}
			}
		}
		var sb strings.Builder
		for i, r := range rs {
			if i > 0 && r.X > rs[i-1].X+rs[i-1].Width+Pt(1) {
				sb.WriteByte(' ')
			}
			sb.WriteString(r.Text)
		}
		return sb.String()
	}
	// ys[0] is the title.
	if got, want := text(ys[1]), ".תירבעב טסקט הז ,םלוע םולש"; got != want {
		t.Errorf("Hebrew line reads %q, want %q", got, want)
	}
	last := lines[ys[1]][len(lines[ys[1]])-1]
	if right := last.X + last.Width; right < Mm(148)-Mm(18)-Pt(1) {
		t.Errorf("Hebrew line ends at %v, want it flush right", right)
	}
	if got, want := text(ys[2]), "The word םולש means peace."; got != want {
		t.Errorf("mixed line reads %q, want %q", got, want)
	}
	if got, want := text(ys[3]), "ﻢﻟﺎﻌﻟﺎﺑ ﺎﺒﺣﺮﻣ"; got != want {
		t.Errorf("Arabic line reads %q (%U), want %q", got, []rune(got), want)
	}
}
