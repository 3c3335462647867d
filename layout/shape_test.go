package layout

import (
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
