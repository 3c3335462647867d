package fonts

import (
	"bytes"
	"testing"

	"golang.org/x/image/math/fixed"
)

func TestEveryFaceHasRealWidths(t *testing.T) {
	for _, s := range Styles {
		t.Run(s.String(), func(t *testing.T) {
			f, err := Get(s)
			if err != nil {
				t.Fatal(err)
			}
			if f.UnitsPerEm() < 16 {
				t.Fatalf("units per em = %d", f.UnitsPerEm())
			}
			sample := "aAmn0 .,-’—é"
			switch s {
			case CJK:
				// The CJK face has no Latin letters: the others set them.
				sample = "汉字漢字かなカナ、。「」"
			case Hangul:
				// The Hangul face has no accented Latin letters.
				sample = "한국어 문장도 있습니다."
			}
			for _, r := range sample {
				if !f.Has(r) {
					t.Errorf("%s lacks %q", s, r)
				}
				if w := f.Advance(r); w <= 0 || w > 2*f.UnitsPerEm() {
					t.Errorf("advance of %q = %d units, want a real width", r, w)
				}
			}
			if f.Ascent() <= 0 || f.Descent() <= 0 || f.XHeight() <= 0 || f.CapHeight() <= f.XHeight() {
				t.Errorf("vertical metrics: ascent %d descent %d x-height %d cap height %d",
					f.Ascent(), f.Descent(), f.XHeight(), f.CapHeight())
			}
			if g, _ := Get(s); g != f {
				t.Error("Get parsed the face twice")
			}
		})
	}
}

func TestWidthsDiffer(t *testing.T) {
	reg, mono := MustGet(Regular), MustGet(Mono)
	if reg.Advance('i') >= reg.Advance('m') {
		t.Errorf("Charis i (%d) not narrower than m (%d)", reg.Advance('i'), reg.Advance('m'))
	}
	if mono.Advance('i') != mono.Advance('m') {
		t.Errorf("mono face is not monospaced: i %d, m %d", mono.Advance('i'), mono.Advance('m'))
	}
	if shapedWidth(t, MustGet(Bold), "bold", 0) <= shapedWidth(t, reg, "bold", 0) {
		t.Error("bold is not wider than regular")
	}
}

func TestCover(t *testing.T) {
	tests := []struct {
		name      string
		style     Style
		r         rune
		wantStyle Style
		wantOK    bool
	}{
		{"Charis letter", Italic, 'é', Italic, true},
		{"smiley falls back to DejaVu Sans", Regular, '☺', Fallback, true},
		{"for-all falls back to DejaVu Sans", Bold, '∀', Fallback, true},
		{"mono has its own", Mono, '∀', Mono, true},
		{"ideograph falls back to the CJK face", Regular, '汉', CJK, true},
		{"kana falls back to the CJK face", Italic, 'か', CJK, true},
		// Droid Sans Fallback has no Hangul syllables: NanumMyeongjo
		// draws them.
		{"hangul falls back to the Hangul face", Bold, '한', Hangul, true},
		{"emoticons fall back to DejaVu Sans", Regular, '😀', Fallback, true},
		{"a symbol outside the BMP", Italic, '🌹', Symbols, true},
		{"an emoji newer than every face", Regular, '🥲', Regular, false},
		{"unassigned", Regular, 0x0378, Regular, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := Cover(tt.style, tt.r)
			if s != tt.wantStyle || ok != tt.wantOK {
				t.Errorf("Cover(%v, %q) = %v, %v; want %v, %v", tt.style, tt.r, s, ok, tt.wantStyle, tt.wantOK)
			}
		})
	}
}

// TestCJKWidths checks the metrics the layout gets from the CJK face,
// which gofpdf embeds as TrueType outlines: ideographs and kana are one
// em wide, and the face measures like the others.
func TestCJKWidths(t *testing.T) {
	f := MustGet(CJK)
	for _, r := range "汉字漢字かなカナ、。" {
		if w := f.Advance(r); w != f.UnitsPerEm() {
			t.Errorf("advance of %q = %d units, want one em (%d)", r, w, f.UnitsPerEm())
		}
	}
	if got, want := shapedWidth(t, f, "汉字", 0), 2*f.UnitsPerEm(); got != want {
		t.Errorf("Width(汉字) = %d, want %d", got, want)
	}
}

func TestLicence(t *testing.T) {
	for _, s := range Styles {
		name, text := Licence(s)
		// Symbola's grant is four lines; the others are full licences.
		if len(text) < 200 || !bytes.Contains(bytes.ToLower(text), []byte("licen")) {
			t.Errorf("%s: licence %s looks empty", s, name)
		}
	}
}

func BenchmarkShape(b *testing.B) {
	f := MustGet(Regular)
	text := []rune("typesetting “quoted” words—with dashes")
	var gs []Glyph
	for i := 0; i < b.N; i++ {
		gs, _ = f.Shape(gs[:0], text, false, 0)
	}
}

func TestOutline(t *testing.T) {
	ppem := fixed.I(100)
	tests := []struct {
		name  string
		style Style
		r     rune
		empty bool
	}{
		{"capital", Regular, 'H', false},
		{"italic letter", Italic, 'g', false},
		{"ideograph", CJK, '面', false},
		{"space", Regular, ' ', true},
		{"a character the face lacks", Regular, '面', true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			segs, err := MustGet(tc.style).Outline(tc.r, ppem)
			if err != nil {
				t.Fatal(err)
			}
			if tc.empty != (len(segs) == 0) {
				t.Fatalf("%d segments, want empty %v", len(segs), tc.empty)
			}
			if tc.empty {
				return
			}
			b := segs.Bounds()
			// The outline sits on the baseline (y down), within an em.
			if b.Max.Y > fixed.I(30) || b.Min.Y < -fixed.I(100) || b.Max.X <= b.Min.X || b.Max.X-b.Min.X > ppem {
				t.Errorf("outline bounds %v at 100 pixels to the em", b)
			}
		})
	}
}
