package fonts

import (
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// shapedWidth is the advance of text shaped in f, in font units.
func shapedWidth(t testing.TB, f *Face, text string, feat Feature) int {
	t.Helper()
	gs, err := f.Shape(nil, []rune(text), false, feat)
	if err != nil {
		t.Fatal(err)
	}
	w := 0
	for _, g := range gs {
		w += int(g.Advance)
	}
	return w
}

func TestShapeSetsLigatures(t *testing.T) {
	tests := []struct {
		name   string
		style  Style
		text   string
		feat   Feature
		glyphs int
	}{
		{"fi", Regular, "fine", 0, 3},
		{"ffi", Regular, "office", 0, 4},
		{"fl in italic", Italic, "flat", 0, 3},
		{"ff in bold", Bold, "staff", 0, 4},
		{"ligatures off", Regular, "office", NoLigatures, 6},
		{"mono has none", Mono, "office", 0, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs, err := MustGet(tt.style).Shape(nil, []rune(tt.text), false, tt.feat)
			if err != nil {
				t.Fatal(err)
			}
			if len(gs) != tt.glyphs {
				t.Errorf("%q shaped into %d glyphs, want %d", tt.text, len(gs), tt.glyphs)
			}
			for _, g := range gs {
				if g.ID == 0 {
					t.Errorf("%q: a glyph is .notdef", tt.text)
				}
			}
		})
	}
}

func TestShapeKerns(t *testing.T) {
	f := MustGet(Fallback)
	if got, plain := shapedWidth(t, f, "AV", 0), f.Advance('A')+f.Advance('V'); got >= plain {
		t.Errorf("DejaVu AV shaped %d units wide, not closer than the advances (%d)", got, plain)
	}
	if got, plain := shapedWidth(t, f, "nn", 0), 2*f.Advance('n'); got != plain {
		t.Errorf("DejaVu nn shaped %d units wide, want the advances (%d)", got, plain)
	}
}

func TestShapeSmallCaps(t *testing.T) {
	f := MustGet(Regular)
	if !f.HasFeature("smcp") || !f.HasFeature("c2sc") {
		t.Fatal("Charis SIL offers no smcp or c2sc")
	}
	plain, _ := f.Shape(nil, []rune("Ab"), false, 0)
	small, _ := f.Shape(nil, []rune("Ab"), false, SmallCaps|CapsToSmallCaps)
	if len(plain) != 2 || len(small) != 2 {
		t.Fatalf("shaped into %d and %d glyphs, want 2 each", len(plain), len(small))
	}
	for i := range plain {
		if plain[i].ID == small[i].ID {
			t.Errorf("glyph %d is the same with small caps on", i)
		}
	}
}

func TestShapeJoinsArabic(t *testing.T) {
	f := MustGet(Fallback)
	text := []rune("بيت") // beh, yeh, teh: initial, medial, final forms
	gs, err := f.Shape(nil, text, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 {
		t.Fatalf("shaped into %d glyphs, want 3", len(gs))
	}
	// Right to left: the glyphs come in drawing order, the last letter first.
	if gs[0].Cluster != 2 || gs[2].Cluster != 0 {
		t.Errorf("clusters %d..%d, want 2..0", gs[0].Cluster, gs[2].Cluster)
	}
	for i, r := range text {
		if g := f.glyph(r).id; uint16(g) == gs[2-i].ID {
			t.Errorf("%q kept its isolated form", r)
		}
	}
}

// TestSubsetKeepsShapedGlyphs checks that a subset keeps the glyphs a
// shaper chose that no character maps to (a ligature, a small capital),
// with their outlines and advances.
func TestSubsetKeepsShapedGlyphs(t *testing.T) {
	f := MustGet(Regular)
	var ids []uint16
	for _, tc := range []struct {
		text string
		feat Feature
	}{{"office", 0}, {"ab", SmallCaps}} {
		gs, err := f.Shape(nil, []rune(tc.text), false, tc.feat)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			ids = append(ids, g.ID)
		}
	}
	sf, err := Subset(Regular, nil, ids)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := sfnt.Parse(TTF(Regular))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sfnt.Parse(sf.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var ob, gb sfnt.Buffer
	ppem := fixed.I(f.UnitsPerEm())
	for _, id := range ids {
		i, ok := slices.BinarySearch(sf.Glyphs, id)
		if !ok {
			t.Errorf("glyph %d not kept", id)
			continue
		}
		want, err1 := orig.LoadGlyph(&ob, sfnt.GlyphIndex(id), ppem, nil)
		want = slices.Clone(want)
		have, err2 := got.LoadGlyph(&gb, sfnt.GlyphIndex(i+1), ppem, nil)
		if err1 != nil || err2 != nil || !slices.Equal(want, have) {
			t.Errorf("glyph %d: outline differs in the subset (%v, %v)", id, err1, err2)
		}
		if a, _ := orig.GlyphAdvance(&ob, sfnt.GlyphIndex(id), ppem, font.HintingNone); sf.Advances[i+1] != a.Round() {
			t.Errorf("glyph %d: advance %d, want %d", id, sf.Advances[i+1], a.Round())
		}
	}
}
