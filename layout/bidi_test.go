package layout

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"pamphlet/fonts"
	"pamphlet/model"
)

// drawn returns the characters of runs' glyphs in drawing order, left to
// right, each cluster once, and the glyph IDs in the same order.
func drawn(runs []Run) (string, []uint16) {
	runs = slices.Clone(runs)
	slices.SortStableFunc(runs, func(a, b Run) int { return cmp.Compare(a.X, b.X) })
	var sb strings.Builder
	var ids []uint16
	for i, r := range runs {
		if i > 0 && r.X > runs[i-1].X+runs[i-1].Width+Pt(1) {
			sb.WriteByte(' ')
		}
		gs := slices.Clone(r.Glyphs)
		slices.SortStableFunc(gs, func(a, b Glyph) int { return cmp.Compare(a.X, b.X) })
		for k, g := range gs {
			ids = append(ids, g.ID)
			if k > 0 && gs[k-1].At == g.At {
				continue
			}
			sb.WriteString(r.Text[g.At:g.End])
		}
	}
	return sb.String(), ids
}

func TestShapeLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"left to right unchanged", "plain text (as is)", "plain text (as is)"},
		{"Hebrew reversed", "שלום עולם", "םלוע םולש"},
		{"Hebrew in English", "the word שלום means peace", "the word םולש means peace"},
		{"English in Hebrew", "שלום abc עולם", "םלוע abc םולש"},
		{"number stays left to right", "שלום 123 עולם", "םלוע 123 םולש"},
		{"Arabic reversed", "بيت", "تيب"},
		{"lam-alef one glyph", "لا", "لا"},
		{"a mark stays with its letter", "بَيت", "تيبَ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sh, _ := newShaper(nil)
			var runs []Run
			x := Sp(0)
			for _, pc := range sh.shapeLine(nil, tc.in, fonts.Regular, Pt(10)) {
				runs = append(runs, Run{Face: pc.face, X: x, Text: pc.text, Width: pc.width, Glyphs: pc.glyphsOf()})
				x += pc.width
			}
			// spaces are glyphs here: compare without the gap test
			got, _ := drawn(runs)
			if got = strings.ReplaceAll(got, "  ", " "); got != tc.want {
				t.Errorf("shapeLine(%q) draws %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestShapeLineMirrorsAndJoins(t *testing.T) {
	sh, _ := newShaper(nil)
	pcs := sh.shapeLine(nil, "(שלום)", fonts.Fallback, Pt(10))
	if len(pcs) != 1 {
		t.Fatalf("%d pieces", len(pcs))
	}
	_, ids := drawn([]Run{{Text: pcs[0].text, Glyphs: pcs[0].glyphsOf()}})
	if open := glyphOf(t, sh, '('); ids[0] != open {
		t.Errorf("first glyph drawn is %d, want the opening bracket %d", ids[0], open)
	}
	// Arabic letters take their joining forms: no letter of a joined
	// word keeps the glyph it has alone.
	pcs = sh.shapeLine(nil, "بيت", fonts.Fallback, Pt(10))
	for _, g := range pcs[0].glyphs {
		r := []rune(pcs[0].text[g.at:g.end])[0]
		if g.id == glyphOf(t, sh, r) {
			t.Errorf("%q is drawn in its isolated form", r)
		}
	}
}

// glyphOf returns the glyph that draws r alone in DejaVu Sans.
func glyphOf(t *testing.T, sh *shaper, r rune) uint16 {
	t.Helper()
	pcs := sh.shape(nil, string(r), fonts.Fallback, Pt(10))
	if len(pcs) != 1 || len(pcs[0].glyphs) != 1 {
		t.Fatalf("%q: pieces %+v", r, pcs)
	}
	return pcs[0].glyphs[0].id
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
		s, _ := drawn(lines[y])
		return s
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
	if got, want := text(ys[3]), "ملاعلاب ابحرم"; got != want {
		t.Errorf("Arabic line reads %q (%U), want %q", got, []rune(got), want)
	}
}

// TestRightToLeftWordsBrokenInsideFitTheirLines checks right-to-left words
// too wide for the measure, broken between their characters: each line is
// set as wide as the line breaker measured it, so its runs neither overlap
// nor pass the margins. Characters no face has are drawn as U+FFFD, which
// takes the direction of the letters around it. Every box of a broken
// right-to-left word but the first was once counted two glyphs narrower
// than it was set.
func TestRightToLeftWordsBrokenInsideFitTheirLines(t *testing.T) {
	tests := []struct{ name, in string }{
		{"missing Arabic letters after left-to-right text", "Left to right words first, then " + strings.Repeat("\u08a2", 40) + " and more words after them."},
		{"Hebrew word with replacement characters", "מילה " + strings.Repeat("א\ufffdב", 30) + " סוף"},
		{"long Hebrew word", strings.Repeat("שלום", 30)},
		{"Arabic word between numbers", "12 " + strings.Repeat("بيت", 25) + " 34"},
	}
	paper := Paper{Name: "narrow", Width: Mm(80), Height: Mm(140)}
	margins := Margins{Inner: Mm(10), Outer: Mm(10), Top: Mm(15), Bottom: Mm(15)}
	left, right := margins.Inner, paper.Width-margins.Outer
	// Font expansion is set in whole thousandths: a line with no glue
	// (one word broken between characters) may end that much off.
	slack := (right - left) / 1000
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &model.Document{Title: "Directions", Lang: "en", Blocks: []model.Block{mpara(text(tc.in))}}
			var warns []string
			book, err := Layout(doc, Options{Paper: paper, Margins: margins, Warn: func(w Warning) { warns = append(warns, w.String()) }})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range warns {
				if !strings.Contains(w, "no embedded font has") {
					t.Errorf("warning: %s", w)
				}
			}
			for pi, p := range book.Pages {
				lines := map[Sp][]Run{}
				for _, r := range p.Body {
					lines[r.Y] = append(lines[r.Y], r)
				}
				for y, runs := range lines {
					slices.SortStableFunc(runs, func(a, b Run) int { return cmp.Compare(a.X, b.X) })
					for i, r := range runs {
						if r.X < left-slack || r.X+r.Width > right+slack {
							t.Errorf("page %d: run %q at %v, %v wide, passes the margins (%v to %v)", pi+1, r.Text, r.X, r.Width, left, right)
						}
						if i > 0 && r.X < runs[i-1].X+runs[i-1].Width-Pt(0.01) {
							t.Errorf("page %d, y %v: run %q at %v overlaps %q, %v to %v", pi+1, y, r.Text, r.X, runs[i-1].Text, runs[i-1].X, runs[i-1].X+runs[i-1].Width)
						}
					}
				}
			}
		})
	}
}
