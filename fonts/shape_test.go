package fonts

import (
	"testing"
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
