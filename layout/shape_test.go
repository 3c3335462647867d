package layout

import (
	"fmt"
	"strings"
	"testing"

	"pamphlet/fonts"
)

func TestShapeKerning(t *testing.T) {
	sh, err := newShaper(nil)
	if err != nil {
		t.Fatal(err)
	}
	size := Pt(10)
	pcs := sh.shape(nil, "AVA", fonts.Fallback, size)
	if len(pcs) != 1 || len(pcs[0].glyphs) != 3 {
		t.Fatalf("pieces %+v, want one of three glyphs", pcs)
	}
	pc := pcs[0]
	f := fonts.MustGet(fonts.Fallback)
	adv := func(r rune) Sp { return sh.units(fonts.Fallback, size, f.Advance(r)) }
	if pc.glyphs[1].pen >= adv('A') {
		t.Errorf("V starts at %v, not closer than A's advance %v", pc.glyphs[1].pen, adv('A'))
	}
	natural := adv('A') + adv('V') + adv('A')
	if pc.width >= natural || pc.width < natural-Pt(3) {
		t.Errorf("width %v, natural %v", pc.width, natural)
	}
	// Charis spaces its capitals without kerning: width = advances.
	r := fonts.MustGet(fonts.Regular)
	if pcs := sh.shape(nil, "AVA", fonts.Regular, size); pcs[0].width != sh.units(fonts.Regular, size, 2*r.Advance('A')+r.Advance('V')) {
		t.Errorf("Charis AVA %v wide, want its advances", pcs[0].width)
	}
}

func TestShapeSetsLigatures(t *testing.T) {
	tests := []struct {
		name, text string
		face       fonts.Style
		clusters   []string // the text of each glyph
	}{
		{"ffi", "office", fonts.Regular, []string{"o", "ffi", "c", "e"}},
		{"fl", "flow", fonts.Italic, []string{"fl", "o", "w"}},
		{"fi after a dropped soft hyphen", "of\u00adfice", fonts.Regular, []string{"o", "ffi", "c", "e"}},
		{"none in the code face", "office", fonts.Mono, []string{"o", "f", "f", "i", "c", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, _ := newShaper(nil)
			pcs := sh.shape(nil, tt.text, tt.face, Pt(10))
			if len(pcs) != 1 {
				t.Fatalf("%d pieces", len(pcs))
			}
			var got []string
			for _, g := range pcs[0].glyphs {
				got = append(got, pcs[0].text[g.at:g.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.clusters, "|") {
				t.Errorf("glyphs %q, want %q", got, tt.clusters)
			}
		})
	}
}

func TestShapeDropsInvisibles(t *testing.T) {
	sh, _ := newShaper(nil)
	pcs := sh.shape(nil, "hy\u00adphen\u200bation", fonts.Regular, Pt(10))
	if len(pcs) != 1 || pcs[0].text != "hyphenation" {
		t.Errorf("pieces %+v", pcs)
	}
}

func TestSmallCaps(t *testing.T) {
	sh, _ := newShaper(nil)
	pcs := sh.smallCaps(nil, "Ada Lovelace", fonts.Regular, Pt(10))
	if len(pcs) != 1 || pcs[0].text != "Ada Lovelace" || pcs[0].size != Pt(10) {
		t.Fatalf("pieces %+v, want one run of the text at full size", pcs)
	}
	plain := sh.shape(nil, "Ada Lovelace", fonts.Regular, Pt(10))[0]
	for i, g := range pcs[0].glyphs {
		if c := pcs[0].text[g.at:g.end]; c != " " && g.id == plain.glyphs[i].id {
			t.Errorf("%q keeps its glyph, not the face's small capital", c)
		}
	}
	// A face without small capitals gets capitals at a smaller size.
	pcs = sh.smallCaps(nil, "Ada", fonts.Mono, Pt(10))
	if len(pcs) != 1 || pcs[0].text != "ADA" || pcs[0].size >= Pt(10) {
		t.Errorf("pieces %+v, want capitals at a smaller size", pcs)
	}
}

// TestShapePieces checks the text and the glyph clusters of pieces,
// whether they are substrings of the input or copies (a rune dropped or
// replaced).
func TestShapePieces(t *testing.T) {
	tests := []struct {
		name string
		text string
		face fonts.Style
		want []string // piece texts
		at   []int    // the cluster of each glyph of the first piece
	}{
		{"plain", "hyphen", fonts.Regular, []string{"hyphen"}, []int{0, 1, 2, 3, 4, 5}},
		{"invisible first", "\u200bword", fonts.Regular, []string{"word"}, []int{0, 1, 2, 3}},
		{"invisible last", "word\u00ad", fonts.Regular, []string{"word"}, []int{0, 1, 2, 3}},
		{"kerned", "AVA", fonts.Fallback, []string{"AVA"}, []int{0, 1, 2}},
		{"kerned after a dropped rune", "A\u00adVA", fonts.Fallback, []string{"AVA"}, []int{0, 1, 2}},
		{"face change", "caf\u00e9 \u2318 ok", fonts.Regular, []string{"caf\u00e9 ", "\u2318", " ok"}, []int{0, 1, 2, 3, 5}},
		{"symbol face", "a\U0001F339b", fonts.Regular, []string{"a", "\U0001F339", "b"}, []int{0}},
		{"no face has it", "a\U0001FAE0b", fonts.Regular, []string{"a\ufffdb"}, []int{0, 1, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, _ := newShaper(nil)
			pcs := sh.shape(nil, tt.text, tt.face, Pt(10))
			var got []string
			for _, pc := range pcs {
				got = append(got, pc.text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("pieces %q, want %q", got, tt.want)
			}
			var at []int
			for _, g := range pcs[0].glyphs {
				at = append(at, int(g.at))
			}
			if fmt.Sprint(at) != fmt.Sprint(tt.at) {
				t.Errorf("glyphs at %v, want %v", at, tt.at)
			}
		})
	}
}

// TestNoWideGlyphsBelow2000 backs the shortcut of parBuilder.wider: no
// glyph below U+2000 in any embedded face is two ems wide.
func TestNoWideGlyphsBelow2000(t *testing.T) {
	for _, s := range fonts.Styles {
		f := fonts.MustGet(s)
		for r := rune(0); r < 0x2000; r++ {
			if a := f.Advance(r); a >= 2*f.UnitsPerEm() {
				t.Errorf("%v: %U is %d units wide, %d to the em", s, r, a, f.UnitsPerEm())
			}
		}
	}
}
