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
	if len(pcs) != 1 {
		t.Fatalf("%d pieces", len(pcs))
	}
	pc := pcs[0]
	f := fonts.MustGet(fonts.Fallback)
	adv := func(r rune) Sp { return sh.units(fonts.Fallback, size, f.Advance(r)) }
	if len(pc.kerns) != 2 || pc.kerns[0].At != 1 || pc.kerns[1].At != 2 {
		t.Fatalf("kerns %v, want glyphs 1 and 2 placed", pc.kerns)
	}
	if pc.kerns[0].Offset >= adv('A') {
		t.Errorf("V starts at %v, not closer than A's advance %v", pc.kerns[0].Offset, adv('A'))
	}
	natural := adv('A') + adv('V') + adv('A')
	if pc.width >= natural || pc.width < natural-Pt(3) {
		t.Errorf("width %v, natural %v", pc.width, natural)
	}
	// Charis has no kerning: no adjustments, width = advances.
	if pcs := sh.shape(nil, "AVA", fonts.Regular, size); len(pcs[0].kerns) != 0 {
		t.Errorf("Charis kerns %v", pcs[0].kerns)
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
	if len(pcs) != 1 || pcs[0].text != "ADA LOVELACE" || pcs[0].size != Pt(7.6) {
		t.Errorf("pieces %+v, want one run of capitals at 7.6pt", pcs)
	}
}

// TestShapePieces checks the text and kerning offsets of pieces, whether
// they are substrings of the input or copies (a rune dropped or
// replaced).
func TestShapePieces(t *testing.T) {
	tests := []struct {
		name string
		text string
		face fonts.Style
		want []string // piece texts
		at   []int    // kerning offsets of the first piece
	}{
		{"plain", "hyphenation", fonts.Regular, []string{"hyphenation"}, nil},
		{"invisible first", "\u200bword", fonts.Regular, []string{"word"}, nil},
		{"invisible last", "word\u00ad", fonts.Regular, []string{"word"}, nil},
		{"kerned", "AVA", fonts.Fallback, []string{"AVA"}, []int{1, 2}},
		{"kerned after a dropped rune", "A\u00adVA", fonts.Fallback, []string{"AVA"}, []int{1, 2}},
		{"face change", "caf\u00e9 \u2318 ok", fonts.Regular, []string{"caf\u00e9 ", "\u2318", " ok"}, nil},
		{"symbol face", "a\U0001F339b", fonts.Regular, []string{"a", "\U0001F339", "b"}, nil},
		{"no face has it", "a\U0001FAE0b", fonts.Regular, []string{"a\ufffdb"}, nil},
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
			for _, k := range pcs[0].kerns {
				at = append(at, k.At)
			}
			if fmt.Sprint(at) != fmt.Sprint(tt.at) && !(len(at) == 0 && len(tt.at) == 0) {
				t.Errorf("kerns at %v, want %v", at, tt.at)
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
