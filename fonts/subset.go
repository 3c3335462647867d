package fonts

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// SubsetFont is a face cut down to the glyphs a document draws: a
// TrueType file of a few kilobytes instead of the whole face, with what a
// PDF font dictionary needs to describe it.
type SubsetFont struct {
	// TTF is the TrueType file.
	TTF []byte
	// Glyphs lists the face's glyphs the subset keeps, by their index in
	// the face, sorted: glyph i+1 of TTF is glyph Glyphs[i] of the face.
	// Glyph 0 is .notdef, and the glyphs after the last listed are
	// components of composite glyphs.
	Glyphs []uint16
	// Advances holds the advance width of each glyph of TTF, by glyph
	// ID, in font units.
	Advances []int
	// UnitsPerEm is the number of font units to the em.
	UnitsPerEm int
	// Ascent and Descent are the hhea table's (Descent is negative);
	// CapHeight is the OS/2 table's, or Ascent when the face does not
	// say; BBox is the head table's xMin, yMin, xMax and yMax. All are in
	// font units.
	Ascent, Descent, CapHeight int
	BBox                       [4]int
	// ItalicAngle is the slant in degrees, counterclockwise from the
	// vertical (negative for italics leaning right), from the post table.
	ItalicAngle float64
	// Weight is the OS/2 weight class: 400 regular, 700 bold (500 when
	// the face does not say).
	Weight int
	// Fixed reports a monospaced face.
	Fixed bool
}

// Subset cuts style s down to glyphs (indexes in the face, as a shaper
// gives them: ligatures, small capitals, contextual forms) and the glyphs
// that paint runes, plus .notdef and the components of composite glyphs.
//
// The subset keeps the outlines, advances, vertical metrics, hinting
// programs and licence of the face; it drops the layout tables (GSUB,
// GPOS, kern), which a PDF does not use: layout has already shaped and
// placed every glyph. Glyphs keep the order of the face (see
// SubsetFont.Glyphs), and the cmap maps each rune to its glyph. Runes the
// face lacks are left out. The same glyphs and runes always give the same
// bytes.
func Subset(s Style, runes []rune, glyphs []uint16) (*SubsetFont, error) {
	return (*Family)(nil).Subset(s, runes, glyphs)
}

// Subset is the package-level Subset for the face that sets style s in
// the family.
func (fam *Family) Subset(s Style, runes []rune, glyphs []uint16) (*SubsetFont, error) {
	f, err := fam.Get(s)
	if err != nil {
		return nil, err
	}
	src, size := fam.open(s)
	pairs := make([]cmapPair, 0, len(runes))
	for _, r := range runes {
		// sfnt reads the face's own cmap, so runes above the BMP resolve
		// too (format 12).
		if id := f.glyph(r).id; id != 0 {
			pairs = append(pairs, cmapPair{r, uint16(id)})
		}
	}
	out, err := subsetTTF(src, size, pairs, glyphs)
	if err != nil {
		return nil, fmt.Errorf("fonts: subset %s: %w", f.name, err)
	}
	return out, nil
}

// cmapPair maps a rune to a glyph ID.
type cmapPair struct {
	r   rune
	gid uint16
}

// keepTables are copied unchanged from the face: OS/2 for the metrics a
// PDF font descriptor needs, the rest because the kept glyph programs
// call into them (hinting).
var keepTables = []string{"OS/2", "cvt ", "fpgm", "gasp", "prep"}

// keepNames are the name records a subset carries: copyright, family,
// style, unique ID, full name, version, PostScript name, licence and
// licence URL.
var keepNames = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 13: true, 14: true}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// ttfReader reads big-endian fields of a TrueType file in place.
type ttfReader struct {
	src    io.ReaderAt
	size   int64
	tables map[string][2]uint32 // tag -> offset, length
}

func (t *ttfReader) read(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off+int64(n) > t.size {
		return nil, errors.New("read past the end of the file")
	}
	b := make([]byte, n)
	if _, err := t.src.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// table returns a whole table, or an error naming it when it is missing.
func (t *ttfReader) table(tag string) ([]byte, error) {
	e, ok := t.tables[tag]
	if !ok {
		return nil, fmt.Errorf("no %s table", tag)
	}
	b, err := t.read(int64(e[0]), int(e[1]))
	if err != nil {
		return nil, fmt.Errorf("%s table: %w", tag, err)
	}
	return b, nil
}

// part reads n bytes at off inside a table, or fails naming the table
// when it is missing or shorter.
func (t *ttfReader) part(tag string, off, n int) ([]byte, error) {
	e, ok := t.tables[tag]
	if !ok {
		return nil, fmt.Errorf("no %s table", tag)
	}
	if off < 0 || n < 0 || int64(off)+int64(n) > int64(e[1]) {
		return nil, fmt.Errorf("%s table too short", tag)
	}
	return t.read(int64(e[0])+int64(off), n)
}

func openTTF(src io.ReaderAt, size int64) (*ttfReader, error) {
	t := &ttfReader{src: src, size: size, tables: map[string][2]uint32{}}
	head, err := t.read(0, 12)
	if err != nil {
		return nil, fmt.Errorf("table directory: %w", err)
	}
	if v := binary.BigEndian.Uint32(head); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType file (version %#x)", v)
	}
	n := int(binary.BigEndian.Uint16(head[4:]))
	dir, err := t.read(12, 16*n)
	if err != nil {
		return nil, fmt.Errorf("table directory: %w", err)
	}
	for i := range n {
		rec := dir[16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if int64(off)+int64(length) > size {
			return nil, fmt.Errorf("table %q runs past the end of the file", rec[:4])
		}
		t.tables[string(rec[:4])] = [2]uint32{off, length}
	}
	return t, nil
}

// subsetTTF builds the subset of the TrueType file src that maps pairs.
func subsetTTF(src io.ReaderAt, size int64, pairs []cmapPair, glyphs []uint16) (*SubsetFont, error) {
	t, err := openTTF(src, size)
	if err != nil {
		return nil, err
	}
	head, err := t.table("head")
	if err != nil {
		return nil, err
	}
	hhea, err := t.table("hhea")
	if err != nil {
		return nil, err
	}
	maxp, err := t.table("maxp")
	if err != nil {
		return nil, err
	}
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("head, hhea or maxp table too short")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return nil, fmt.Errorf("%d horizontal metrics for %d glyphs", numHMetrics, numGlyphs)
	}
	table, err := t.glyphTable(numGlyphs, binary.BigEndian.Uint16(head[50:]) != 0)
	if err != nil {
		return nil, err
	}
	// Tables are read in the parts needed: a subset touches a few
	// kilobytes of a face, not its glyph names or all its metrics.
	if e, ok := t.tables["hmtx"]; !ok || int(e[1]) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return nil, errors.New("hmtx table missing or too short")
	}

	// The glyphs, in their new order: .notdef, then the glyphs asked for
	// and those of the runes, in the face's order, then the components of
	// composite glyphs not there yet, transitively.
	pairs = sortPairs(slices.Clone(pairs))
	kept := slices.Clone(glyphs)
	for _, p := range pairs {
		kept = append(kept, p.gid)
	}
	slices.Sort(kept)
	kept = slices.Compact(kept)
	if len(kept) > 0 && kept[0] == 0 {
		kept = kept[1:]
	}
	slots := make([]int, 0, len(kept)+8) // slot (new glyph ID) -> old glyph ID
	newID := map[int]uint16{}            // old glyph ID -> its slot
	data := map[int][]byte{}             // old glyph ID -> glyph data
	add := func(g int) error {
		if g >= numGlyphs {
			return fmt.Errorf("glyph %d out of range (%d glyphs)", g, numGlyphs)
		}
		if len(slots) >= 0xFFFF {
			return errors.New("too many glyphs")
		}
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(slots))
		}
		slots = append(slots, g)
		return nil
	}
	if err := add(0); err != nil {
		return nil, err
	}
	for _, g := range kept {
		if err := add(int(g)); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(slots); i++ {
		g := slots[i]
		if _, ok := data[g]; ok {
			continue
		}
		b, err := table.glyph(g)
		if err != nil {
			return nil, err
		}
		data[g] = b
		comps, err := components(b)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for _, c := range comps {
			if cg := int(binary.BigEndian.Uint16(b[c:])); !has(newID, cg) {
				if err := add(cg); err != nil {
					return nil, fmt.Errorf("glyph %d: %w", g, err)
				}
			}
		}
	}

	// glyf, loca and hmtx in the new order. Each glyph is padded to four
	// bytes, so every offset is even and the short loca form fits small
	// subsets.
	var glyf []byte
	offsets := make([]int, 0, len(slots)+1)
	newHmtx := make([]byte, 0, 4*len(slots))
	advances := make([]int, 0, len(slots))
	for _, g := range slots {
		offsets = append(offsets, len(glyf))
		start := len(glyf)
		glyf = append(glyf, data[g]...)
		comps, _ := components(data[g])
		for _, c := range comps {
			binary.BigEndian.PutUint16(glyf[start+c:], newID[int(binary.BigEndian.Uint16(data[g][c:]))])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		m := min(g, numHMetrics-1)
		adv, err := t.part("hmtx", 4*m, 2)
		if err != nil {
			return nil, err
		}
		lsbAt := 4*g + 2
		if g >= numHMetrics {
			lsbAt = 4*numHMetrics + 2*(g-numHMetrics)
		}
		lsb, err := t.part("hmtx", lsbAt, 2)
		if err != nil {
			return nil, err
		}
		newHmtx = append(append(newHmtx, adv...), lsb...)
		advances = append(advances, int(binary.BigEndian.Uint16(adv)))
	}
	offsets = append(offsets, len(glyf))
	short := len(glyf)/2 <= 0xFFFF
	var newLoca []byte
	for _, o := range offsets {
		if short {
			newLoca = binary.BigEndian.AppendUint16(newLoca, uint16(o/2))
		} else {
			newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(o))
		}
	}

	newHead := slices.Clone(head[:54])
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(newHead[50:], 1)
	if short {
		binary.BigEndian.PutUint16(newHead[50:], 0)
	}
	newHhea := slices.Clone(hhea[:36])
	binary.BigEndian.PutUint16(newHhea[34:], uint16(len(slots)))
	newMaxp := slices.Clone(maxp)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(len(slots)))

	mapped := make([]cmapPair, len(pairs))
	for i, p := range pairs {
		mapped[i] = cmapPair{p.r, newID[int(p.gid)]}
	}
	cmapTable, err := buildCmap(mapped)
	if err != nil {
		return nil, err
	}
	sf := &SubsetFont{
		Advances:   advances,
		UnitsPerEm: int(binary.BigEndian.Uint16(head[18:])),
		Ascent:     int(int16(binary.BigEndian.Uint16(hhea[4:]))),
		Descent:    int(int16(binary.BigEndian.Uint16(hhea[6:]))),
		Weight:     500,
	}
	for i := range sf.BBox {
		sf.BBox[i] = int(int16(binary.BigEndian.Uint16(head[36+2*i:])))
	}
	sf.Glyphs = kept

	tables := map[string][]byte{
		"cmap": cmapTable,
		"glyf": glyf,
		"head": newHead,
		"hhea": newHhea,
		"hmtx": newHmtx,
		"loca": newLoca,
		"maxp": newMaxp,
	}
	if post, err := t.part("post", 0, 32); err == nil {
		// Format 3: no glyph names, which PDF readers never use.
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000)
		tables["post"] = p
		sf.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		sf.Fixed = binary.BigEndian.Uint32(post[12:]) != 0
	}
	sf.CapHeight = sf.Ascent
	if os2, err := t.table("OS/2"); err == nil && len(os2) >= 72 {
		sf.Weight = int(binary.BigEndian.Uint16(os2[4:]))
		// A face without hhea line metrics gives its typographic ones.
		if sf.Ascent == 0 {
			sf.Ascent = int(int16(binary.BigEndian.Uint16(os2[68:])))
			sf.CapHeight = sf.Ascent
		}
		if sf.Descent == 0 {
			sf.Descent = int(int16(binary.BigEndian.Uint16(os2[70:])))
		}
		if binary.BigEndian.Uint16(os2) >= 2 && len(os2) >= 90 {
			sf.CapHeight = int(int16(binary.BigEndian.Uint16(os2[88:])))
		}
	}
	// PDF writers may read the name table (gofpdf requires one).
	if _, ok := t.tables["name"]; ok {
		name, err := t.subsetNames()
		if err != nil {
			// A table the subsetter cannot read travels whole.
			if name, err = t.table("name"); err != nil {
				return nil, err
			}
		}
		tables["name"] = name
	}
	for _, tag := range keepTables {
		if _, ok := t.tables[tag]; ok {
			b, err := t.table(tag)
			if err != nil {
				return nil, err
			}
			tables[tag] = b
		}
	}
	sf.TTF = assembleTTF(tables)
	return sf, nil
}

func has(m map[int]uint16, k int) bool {
	_, ok := m[k]
	return ok
}

// glyphTable reads glyph outlines through the loca table.
type glyphTable struct {
	t    *ttfReader
	long bool      // 32-bit loca offsets
	glyf [2]uint32 // offset and length of the glyf table
	n    int       // number of glyphs
}

func (t *ttfReader) glyphTable(numGlyphs int, long bool) (*glyphTable, error) {
	entry := 2
	if long {
		entry = 4
	}
	if e, ok := t.tables["loca"]; !ok || int(e[1]) < entry*(numGlyphs+1) {
		return nil, errors.New("loca table missing or too short")
	}
	glyf, ok := t.tables["glyf"]
	if !ok {
		return nil, errors.New("no glyf table (only TrueType outlines can be subset)")
	}
	return &glyphTable{t: t, long: long, glyf: glyf, n: numGlyphs}, nil
}

// glyph returns the data of glyph g (empty for a glyph with no outline).
func (gt *glyphTable) glyph(g int) ([]byte, error) {
	if g < 0 || g >= gt.n {
		return nil, fmt.Errorf("glyph %d out of range (%d glyphs)", g, gt.n)
	}
	var a, b uint32
	if gt.long {
		loca, err := gt.t.part("loca", 4*g, 8)
		if err != nil {
			return nil, err
		}
		a, b = binary.BigEndian.Uint32(loca), binary.BigEndian.Uint32(loca[4:])
	} else {
		loca, err := gt.t.part("loca", 2*g, 4)
		if err != nil {
			return nil, err
		}
		a, b = 2*uint32(binary.BigEndian.Uint16(loca)), 2*uint32(binary.BigEndian.Uint16(loca[2:]))
	}
	if b < a || b > gt.glyf[1] {
		return nil, fmt.Errorf("glyph %d has bad loca offsets", g)
	}
	d, err := gt.t.read(int64(gt.glyf[0])+int64(a), int(b-a))
	if err != nil {
		return nil, fmt.Errorf("glyph %d: %w", g, err)
	}
	return d, nil
}

// components returns the offsets, inside a glyph's data, of the glyph IDs
// of its components; none for a simple or empty glyph.
func components(g []byte) ([]int, error) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil, nil
	}
	var offs []int
	for p := 10; ; {
		if p+4 > len(g) {
			return nil, errors.New("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(g[p:])
		offs = append(offs, p+2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			if p > len(g) {
				return nil, errors.New("composite glyph truncated")
			}
			return offs, nil
		}
	}
}

// buildCmap writes a cmap table: format 4 for the Basic Multilingual
// Plane (platform 3, encoding 1), which every reader knows, and format 12
// (platform 3, encoding 10) as well when a rune lies above it.
func buildCmap(pairs []cmapPair) ([]byte, error) {
	pairs = sortPairs(slices.Clone(pairs))
	var bmp []cmapPair
	wide := false
	for _, p := range pairs {
		if p.r < 0 || p.r > 0x10FFFF {
			continue
		}
		if p.r >= 0xFFFF {
			// U+FFFF is the format 4 terminator and not a character.
			wide = wide || p.r > 0xFFFF
			continue
		}
		bmp = append(bmp, p)
	}
	f4, err := cmapFormat4(bmp)
	if err != nil {
		return nil, err
	}
	n := 1
	if wide {
		n = 2
	}
	out := binary.BigEndian.AppendUint16(nil, 0)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = appendEncodingRecord(out, 3, 1, uint32(4+8*n))
	if !wide {
		return append(out, f4...), nil
	}
	out = appendEncodingRecord(out, 3, 10, uint32(4+8*n+len(f4)))
	out = append(out, f4...)
	return append(out, cmapFormat12(pairs)...), nil
}

// sortPairs sorts pairs by rune and drops repeated runes.
func sortPairs(pairs []cmapPair) []cmapPair {
	slices.SortFunc(pairs, func(a, b cmapPair) int { return cmp.Compare(a.r, b.r) })
	return slices.CompactFunc(pairs, func(a, b cmapPair) bool { return a.r == b.r })
}

func appendEncodingRecord(b []byte, platform, encoding uint16, offset uint32) []byte {
	b = binary.BigEndian.AppendUint16(b, platform)
	b = binary.BigEndian.AppendUint16(b, encoding)
	return binary.BigEndian.AppendUint32(b, offset)
}

// cmapFormat4 writes a format 4 subtable for sorted BMP pairs. Each run of
// consecutive runes is one segment: with a delta when its glyphs are
// consecutive too, else through the glyph ID array.
func cmapFormat4(pairs []cmapPair) ([]byte, error) {
	type segment struct {
		start, end uint16
		delta      uint16
		glyphs     []uint16 // nil when delta maps the segment
	}
	var segs []segment
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j].r == pairs[j-1].r+1 {
			j++
		}
		run := pairs[i:j]
		seg := segment{start: uint16(run[0].r), end: uint16(run[len(run)-1].r)}
		seg.delta = run[0].gid - uint16(run[0].r)
		for _, p := range run {
			if p.gid-uint16(p.r) != seg.delta {
				seg.delta = 0
				seg.glyphs = make([]uint16, len(run))
				for k, q := range run {
					seg.glyphs[k] = q.gid
				}
				break
			}
		}
		segs = append(segs, seg)
		i = j
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	arrayLen := 0
	for _, s := range segs {
		arrayLen += len(s.glyphs)
	}
	length := 16 + 8*n + 2*arrayLen
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d characters in %d ranges do not fit a format 4 cmap", len(pairs), n)
	}
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	b := make([]byte, 0, length)
	for _, v := range []int{4, length, 0, 2 * n, 2 * searchRange, selector, 2*n - 2*searchRange} {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.end)
	}
	b = binary.BigEndian.AppendUint16(b, 0)
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.start)
	}
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.delta)
	}
	// idRangeOffset counts bytes from the entry itself to the segment's
	// first glyph in the array that follows the offsets.
	arrayAt := 0
	for i, s := range segs {
		if s.glyphs == nil {
			b = binary.BigEndian.AppendUint16(b, 0)
			continue
		}
		b = binary.BigEndian.AppendUint16(b, uint16(2*(n-i)+2*arrayAt))
		arrayAt += len(s.glyphs)
	}
	for _, s := range segs {
		for _, g := range s.glyphs {
			b = binary.BigEndian.AppendUint16(b, g)
		}
	}
	return b, nil
}

// cmapFormat12 writes a format 12 subtable for sorted pairs: one group
// per run of consecutive runes with consecutive glyphs.
func cmapFormat12(pairs []cmapPair) []byte {
	type group struct {
		start, end rune
		gid        uint32
	}
	var groups []group
	for _, p := range pairs {
		if p.r < 0 || p.r > 0x10FFFF {
			continue
		}
		if k := len(groups) - 1; k >= 0 && p.r == groups[k].end+1 && uint32(p.gid) == groups[k].gid+uint32(p.r-groups[k].start) {
			groups[k].end = p.r
			continue
		}
		groups = append(groups, group{p.r, p.r, uint32(p.gid)})
	}
	b := binary.BigEndian.AppendUint16(nil, 12)
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(16+12*len(groups)))
	b = binary.BigEndian.AppendUint32(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(groups)))
	for _, g := range groups {
		b = binary.BigEndian.AppendUint32(b, uint32(g.start))
		b = binary.BigEndian.AppendUint32(b, uint32(g.end))
		b = binary.BigEndian.AppendUint32(b, g.gid)
	}
	return b
}

// subsetNames returns the name table cut down to the records listed in
// keepNames, as format 0.
func (t *ttfReader) subsetNames() ([]byte, error) {
	head, err := t.part("name", 0, 6)
	if err != nil {
		return nil, err
	}
	count := int(binary.BigEndian.Uint16(head[2:]))
	storage := int(binary.BigEndian.Uint16(head[4:]))
	recs, err := t.part("name", 6, 12*count)
	if err != nil {
		return nil, err
	}
	var kept, strs []byte
	n := 0
	for i := range count {
		rec := recs[12*i : 12*i+12]
		if !keepNames[binary.BigEndian.Uint16(rec[6:])] {
			continue
		}
		size, off := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
		str, err := t.part("name", storage+off, size)
		if err != nil {
			return nil, err
		}
		kept = append(kept, rec[:8]...)
		kept = binary.BigEndian.AppendUint16(kept, uint16(size))
		kept = binary.BigEndian.AppendUint16(kept, uint16(len(strs)))
		strs = append(strs, str...)
		n++
		if len(strs) > 0xFFFF {
			return nil, errors.New("name strings too long")
		}
	}
	out := binary.BigEndian.AppendUint16(nil, 0)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(6+len(kept)))
	out = append(out, kept...)
	return append(out, strs...), nil
}

// assembleTTF writes the table directory and the tables, sorted by tag,
// each padded to four bytes, with their checksums and the head table's
// whole-file checksum adjustment.
func assembleTTF(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, b := range tables {
		tags = append(tags, tag)
		size += (len(b) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	out := make([]byte, 0, size)
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	for _, v := range []int{n, 16 * searchRange, selector, 16*n - 16*searchRange} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	offset := 12 + 16*n
	headAt := -1
	for _, tag := range tags {
		b := tables[tag]
		if tag == "head" {
			headAt = offset
		}
		out = append(out, tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(b))
		out = binary.BigEndian.AppendUint32(out, uint32(offset))
		out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
		offset += (len(b) + 3) &^ 3
	}
	for _, tag := range tags {
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the TrueType table checksum: the sum of the big-endian
// 32-bit words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
