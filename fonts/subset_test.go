package fonts

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// subsetSample is text of the kind pamphlets print: Latin with accents,
// typographic punctuation, figures, and a few rarer letters.
const subsetSample = "The quick brown fox jumps over the lazy dog — “Ça va?” ‘déjà vu’… 0123456789 ½ € § ŁØÆœßñ fi ﬁ"

// compositeRunes returns up to n runes whose glyphs in face s are
// composite, so the tests exercise component closure.
func compositeRunes(t *testing.T, s Style, n int) []rune {
	t.Helper()
	src, size := Open(s)
	tt, err := openTTF(src, size)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := tt.table("head")
	maxp, _ := tt.table("maxp")
	gt, err := tt.glyphTable(int(binary.BigEndian.Uint16(maxp[4:])), binary.BigEndian.Uint16(head[50:]) != 0)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := sfnt.Parse(TTF(s))
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	var out []rune
	for r := rune(0xC0); r < 0x2000 && len(out) < n; r++ {
		id, err := orig.GlyphIndex(&buf, r)
		if err != nil || id == 0 {
			continue
		}
		if d, err := gt.glyph(int(id)); err == nil && len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			out = append(out, r)
		}
	}
	return out
}

// TestSubsetRoundTrip parses each face's subset with sfnt and checks that
// every kept rune maps to a glyph with the original advance and outline.
func TestSubsetRoundTrip(t *testing.T) {
	for _, s := range Styles {
		t.Run(s.String(), func(t *testing.T) {
			runes := append([]rune(subsetSample), compositeRunes(t, s, 8)...)
			sf, err := Subset(s, runes, nil)
			if err != nil {
				t.Fatal(err)
			}
			sub := sf.TTF
			if full := len(TTF(s)); len(sub) > full/10 {
				t.Errorf("subset is %d bytes, full face %d", len(sub), full)
			}
			orig, err := sfnt.Parse(TTF(s))
			if err != nil {
				t.Fatal(err)
			}
			got, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("sfnt cannot parse the subset: %v", err)
			}
			if got.UnitsPerEm() != orig.UnitsPerEm() {
				t.Errorf("units per em %d, want %d", got.UnitsPerEm(), orig.UnitsPerEm())
			}
			var ob, gb sfnt.Buffer
			ppem := fixed.I(int(orig.UnitsPerEm()))
			kept := map[sfnt.GlyphIndex]bool{0: true}
			compareGlyph := func(r rune, oid, gid sfnt.GlyphIndex) {
				oa, err1 := orig.GlyphAdvance(&ob, oid, ppem, font.HintingNone)
				ga, err2 := got.GlyphAdvance(&gb, gid, ppem, font.HintingNone)
				if err1 != nil || err2 != nil || oa != ga {
					t.Errorf("%q: advance %v (%v), want %v (%v)", r, ga, err2, oa, err1)
				}
				os, err1 := orig.LoadGlyph(&ob, oid, ppem, nil)
				os = slices.Clone(os)
				gs, err2 := got.LoadGlyph(&gb, gid, ppem, nil)
				if err1 != nil || err2 != nil || !slices.Equal(os, gs) {
					t.Errorf("%q: outline of %d segments (%v), want %d (%v)", r, len(gs), err2, len(os), err1)
				}
			}
			for _, r := range runes {
				oid, _ := orig.GlyphIndex(&ob, r)
				gid, err := got.GlyphIndex(&gb, r)
				if err != nil {
					t.Fatal(err)
				}
				if oid == 0 {
					if gid != 0 {
						t.Errorf("%q: the face lacks it, the subset maps it to glyph %d", r, gid)
					}
					continue
				}
				if gid == 0 {
					t.Errorf("%q: missing from the subset", r)
					continue
				}
				kept[gid] = true
				compareGlyph(r, oid, gid)
				i, ok := slices.BinarySearch(sf.Glyphs, uint16(oid))
				if !ok || i+1 != int(gid) {
					t.Errorf("%q: glyph %d listed %v at %d, cmap glyph %d; want glyph = place + 1", r, oid, ok, i, gid)
				} else if adv, _ := got.GlyphAdvance(&gb, gid, ppem, font.HintingNone); sf.Advances[gid] != adv.Round() {
					t.Errorf("%q: listed advance %d, hmtx %d", r, sf.Advances[gid], adv.Round())
				}
			}
			compareGlyph(0, 0, 0) // .notdef
			if got.NumGlyphs() < len(kept) {
				t.Errorf("%d glyphs, but %d distinct glyphs are mapped", got.NumGlyphs(), len(kept))
			}
			for _, r := range "ЖΩ☺" {
				if oid, _ := orig.GlyphIndex(&ob, r); oid == 0 {
					continue
				}
				if gid, _ := got.GlyphIndex(&gb, r); gid != 0 {
					t.Errorf("%q was not asked for but maps to glyph %d", r, gid)
				}
			}
		})
	}
}

// TestSubsetComposites checks that a composite glyph brings its
// components along, renumbered.
func TestSubsetComposites(t *testing.T) {
	rs := compositeRunes(t, Regular, 1)
	if len(rs) == 0 {
		t.Skip("the face has no composite glyphs in the range scanned")
	}
	sf, err := Subset(Regular, rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	sub := sf.TTF
	got, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	if got.NumGlyphs() < 3 {
		t.Errorf("subset of composite %q has %d glyphs; want .notdef, the glyph and its components", rs[0], got.NumGlyphs())
	}
	tt, err := openTTF(bytes.NewReader(sub), int64(len(sub)))
	if err != nil {
		t.Fatal(err)
	}
	head, _ := tt.table("head")
	gt, err := tt.glyphTable(got.NumGlyphs(), binary.BigEndian.Uint16(head[50:]) != 0)
	if err != nil {
		t.Fatal(err)
	}
	for g := range got.NumGlyphs() {
		d, err := gt.glyph(g)
		if err != nil {
			t.Fatal(err)
		}
		offs, err := components(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range offs {
			if c := int(binary.BigEndian.Uint16(d[o:])); c >= got.NumGlyphs() {
				t.Errorf("glyph %d refers to component %d of %d glyphs", g, c, got.NumGlyphs())
			}
		}
	}
}

// TestSubsetFile checks the file structure: table checksums, the
// whole-file checksum, the tables kept and dropped, and determinism.
func TestSubsetFile(t *testing.T) {
	runes := []rune(subsetSample)
	sf, err := Subset(Fallback, runes, nil)
	if err != nil {
		t.Fatal(err)
	}
	sub := sf.TTF
	slices.Reverse(runes)
	again, err := Subset(Fallback, append(runes, 'a', 'a'), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sub, again.TTF) {
		t.Error("the same runes in another order give other bytes")
	}
	tt, err := openTTF(bytes.NewReader(sub), int64(len(sub)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"} {
		if _, ok := tt.tables[tag]; !ok {
			t.Errorf("no %s table", tag)
		}
	}
	for _, tag := range []string{"GPOS", "GSUB", "kern", "GDEF"} {
		if _, ok := tt.tables[tag]; ok {
			t.Errorf("layout table %s kept", tag)
		}
	}
	for i := range len(tt.tables) {
		rec := sub[12+16*i:]
		tag := string(rec[:4])
		data, _ := tt.table(tag)
		if tag == "head" {
			data = slices.Clone(data)
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		if got, want := binary.BigEndian.Uint32(rec[4:]), checksum(data); got != want {
			t.Errorf("%s checksum %#x, want %#x", tag, got, want)
		}
	}
	if sum := checksum(sub); sum != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %#x, want 0xB1B0AFBA", sum)
	}
	post, _ := tt.table("post")
	if v := binary.BigEndian.Uint32(post); v != 0x00030000 {
		t.Errorf("post version %#x, want format 3", v)
	}
	f, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	if name, err := f.Name(&buf, sfnt.NameIDFamily); err != nil || name != "DejaVu Sans" {
		t.Errorf("family name %q (%v)", name, err)
	}
}

// TestBuildCmap reads cmaps written for awkward mappings back through
// sfnt: runs with and without consecutive glyphs, a lone rune, and runes
// above the BMP (format 12).
func TestBuildCmap(t *testing.T) {
	tests := []struct {
		name  string
		pairs []cmapPair
	}{
		{"consecutive run", []cmapPair{{'a', 1}, {'b', 2}, {'c', 3}}},
		{"run with scattered glyphs", []cmapPair{{'a', 3}, {'b', 1}, {'c', 2}, {'x', 4}}},
		{"high BMP", []cmapPair{{0xFFFD, 1}, {0xFFFE, 2}, {'A', 3}}},
		{"above the BMP", []cmapPair{{'a', 1}, {0x1F600, 2}, {0x1F601, 3}, {0x10FFFD, 4}}},
		{"empty", nil},
	}
	sf, err := Subset(Regular, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := sf.TTF
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cm, err := buildCmap(tt.pairs)
			if err != nil {
				t.Fatal(err)
			}
			// Swap the cmap into a real subset so sfnt can read it.
			r, err := openTTF(bytes.NewReader(base), int64(len(base)))
			if err != nil {
				t.Fatal(err)
			}
			tables := map[string][]byte{}
			for tag := range r.tables {
				tables[tag], _ = r.table(tag)
			}
			tables["cmap"] = cm
			for _, p := range tt.pairs {
				for int(p.gid) >= int(binary.BigEndian.Uint16(tables["maxp"][4:])) {
					tables = withExtraGlyph(t, tables)
				}
			}
			f, err := sfnt.Parse(assembleTTF(tables))
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			for _, p := range tt.pairs {
				if id, err := f.GlyphIndex(&buf, p.r); err != nil || uint16(id) != p.gid {
					t.Errorf("%U maps to %d (%v), want %d", p.r, id, err, p.gid)
				}
			}
			if id, _ := f.GlyphIndex(&buf, 'Z'); id != 0 {
				t.Errorf("unmapped Z maps to %d", id)
			}
		})
	}
}

// withExtraGlyph appends an empty glyph to a set of tables, so cmap tests
// may name more glyphs than the base subset holds.
func withExtraGlyph(t *testing.T, tables map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for k, v := range tables {
		out[k] = slices.Clone(v)
	}
	n := int(binary.BigEndian.Uint16(out["maxp"][4:]))
	hhea := out["hhea"]
	if int(binary.BigEndian.Uint16(hhea[34:])) != n {
		t.Fatal("base subset does not have a metric per glyph")
	}
	binary.BigEndian.PutUint16(out["maxp"][4:], uint16(n+1))
	binary.BigEndian.PutUint16(hhea[34:], uint16(n+1))
	out["hmtx"] = append(out["hmtx"], 0, 0, 0, 0)
	loca := out["loca"]
	if binary.BigEndian.Uint16(out["head"][50:]) == 0 {
		out["loca"] = append(loca, loca[len(loca)-2:]...)
	} else {
		out["loca"] = append(loca, loca[len(loca)-4:]...)
	}
	return out
}

// TestSubsetBadInput checks that damaged files give errors, not panics.
func TestSubsetBadInput(t *testing.T) {
	sf, err := Subset(Regular, []rune("abc"), nil)
	if err != nil {
		t.Fatal(err)
	}
	good := sf.TTF
	cases := map[string][]byte{
		"empty":     nil,
		"not a TTF": []byte("OTTO but not really a font file at all"),
		"truncated": good[:len(good)/2],
		"directory only": func() []byte {
			b := slices.Clone(good[:12+16*int(binary.BigEndian.Uint16(good[4:]))])
			return b
		}(),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := subsetTTF(bytes.NewReader(b), int64(len(b)), []cmapPair{{'a', 1}}, nil); err == nil {
				t.Error("no error")
			}
		})
	}
}

func FuzzSubsetTTF(f *testing.F) {
	sf, err := Subset(Regular, []rune("abcé"), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sf.TTF, uint16(1))
	f.Fuzz(func(t *testing.T, b []byte, gid uint16) {
		out, err := subsetTTF(bytes.NewReader(b), int64(len(b)), []cmapPair{{'a', gid}, {'b', 1}}, nil)
		if err == nil && len(out.TTF) < 12 {
			t.Errorf("subset of %d bytes without an error", len(out.TTF))
		}
	})
}

func BenchmarkSubset(b *testing.B) {
	runes := []rune(subsetSample)
	MustGet(Regular)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Subset(Regular, runes, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSubsetMetrics checks the face-wide values a PDF font descriptor is
// written from.
func TestSubsetMetrics(t *testing.T) {
	tests := []struct {
		style  Style
		weight int
		italic bool
		fixed  bool
	}{
		{Regular, 400, false, false},
		{Italic, 400, true, false},
		{Bold, 700, false, false},
		{BoldItalic, 700, true, false},
		{Mono, 400, false, true},
		{Fallback, 400, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.style.String(), func(t *testing.T) {
			sf, err := Subset(tt.style, []rune("Hx"), nil)
			if err != nil {
				t.Fatal(err)
			}
			f := MustGet(tt.style)
			if sf.UnitsPerEm != f.UnitsPerEm() {
				t.Errorf("units per em %d, want %d", sf.UnitsPerEm, f.UnitsPerEm())
			}
			if sf.Weight != tt.weight || (sf.ItalicAngle < 0) != tt.italic || sf.Fixed != tt.fixed {
				t.Errorf("weight %d italic angle %v fixed %v", sf.Weight, sf.ItalicAngle, sf.Fixed)
			}
			// DejaVu's OS/2 table predates cap heights: they read as the ascent.
			if sf.Ascent < sf.CapHeight || sf.CapHeight <= 0 || sf.Descent >= 0 {
				t.Errorf("ascent %d cap height %d descent %d", sf.Ascent, sf.CapHeight, sf.Descent)
			}
			if b := sf.BBox; b[0] >= b[2] || b[1] >= 0 || b[3] <= sf.CapHeight {
				t.Errorf("bounding box %v", b)
			}
			if len(sf.Glyphs) != 2 || len(sf.Advances) < 3 || sf.Advances[1] != f.Advance('H') || sf.Advances[2] != f.Advance('x') {
				t.Errorf("glyphs %v advances %v; H advance %d", sf.Glyphs, sf.Advances, f.Advance('H'))
			}
		})
	}
}

// TestSubsetSharedGlyph maps two runes to one glyph, as a face may, and
// checks that the glyph is kept once and both runes map to it.
func TestSubsetSharedGlyph(t *testing.T) {
	orig, err := sfnt.Parse(TTF(Regular))
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	a, _ := orig.GlyphIndex(&buf, 'a')
	src, size := Open(Regular)
	sf, err := subsetTTF(src, size, []cmapPair{{'b', uint16(a)}, {'a', uint16(a)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sfnt.Parse(sf.TTF)
	if err != nil {
		t.Fatal(err)
	}
	want, err := orig.LoadGlyph(&buf, a, fixed.I(2048), nil)
	if err != nil {
		t.Fatal(err)
	}
	want = slices.Clone(want)
	var gb sfnt.Buffer
	if got.NumGlyphs() != 2 {
		t.Errorf("%d glyphs, want .notdef and the shared one", got.NumGlyphs())
	}
	for _, r := range "ab" {
		gid, err := got.GlyphIndex(&gb, r)
		if err != nil || gid != 1 {
			t.Errorf("%q: glyph %d (%v), want 1", r, gid, err)
			continue
		}
		segs, err := got.LoadGlyph(&gb, gid, fixed.I(2048), nil)
		if err != nil || !slices.Equal(segs, want) {
			t.Errorf("%q: outline differs from the shared glyph's (%v)", r, err)
		}
	}
}
