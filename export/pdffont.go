package export

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"pamphlet/fonts"
	"pamphlet/layout"
)

// pdfFonts embeds the faces a book draws with. gofpdf's own Unicode fonts
// cost more than the rest of a pamphlet put together: each registration
// parses the face, fills and hashes (as JSON) a 65,536-entry width table,
// and each embedding cuts the face again and deflates a 128 KB glyph map
// with a fresh compressor. pamphlet has shaped and placed every glyph
// already, so it hands the pages to gofpdf as raw text operators and
// writes the font objects itself, added to the file gofpdf produced (see
// finish).
//
// Each face is a Type 0 font with Identity-H encoding over a CIDFontType2
// holding the face's subset. The subset keeps the glyphs layout set
// (ligatures, small capitals, joining forms included) in the face's order.
// A CID stands for one glyph with one text: CIDs 1 to n are the subset's
// glyph IDs with the characters each glyph first stood for, and a glyph
// that stands for other characters elsewhere (a Hebrew letter bare and
// with its points, an Arabic letter with and without its harakat) gets a
// further CID for each other text, numbered from n+1 in order of first
// use, drawn through the font's CIDToGIDMap. A ToUnicode CMap turns each
// CID back into its characters, a ligature's into several, so that text
// extraction gives what layout set; where it cannot (a run whose glyphs
// do not split its text, such as a word cut at a hyphen), the painter
// marks the run with /ActualText.
type pdfFonts struct {
	faces []*pdfFace // in fonts.Styles order
	by    map[fonts.Style]*pdfFace
}

// pdfFace is one embedded face.
type pdfFace struct {
	style fonts.Style
	sub   *fonts.SubsetFont
	// res names the font in page resources ("/F0"); base is its
	// PostScript name with a subset tag ("ABCDEF+CharisSIL").
	res, base string
	// text holds, by CID, the characters its glyph stands for in the
	// ToUnicode CMap ("" for a glyph with none: a mark drawn with its
	// letter's cluster).
	text []string
	// gids holds the subset glyph ID of each CID past the subset's
	// glyphs (CID len(sub.Glyphs)+1 first); cids the CID of each text
	// of a glyph (by its glyph ID in the face) that has more than one,
	// split marking those glyphs.
	gids  []uint16
	cids  map[glyphUse]uint16
	split map[uint16]bool
	// space is the CID of the face's space glyph, drawn (invisible) at
	// word spaces for text extraction; 0 when the face has none.
	space uint16
}

// faceUse is what a book draws with one face.
type faceUse struct {
	runes  map[rune]bool
	glyphs map[uint16]string // glyph ID -> the characters it first stood for
	// seen holds every glyph with every text it stands for; more, in
	// order of first use, those whose glyph stood for other characters
	// before.
	seen map[glyphUse]bool
	more []glyphUse
}

// glyphUse is a glyph (its ID in the face) standing for text.
type glyphUse struct {
	id   uint16
	text string
}

// add notes that glyph id stands for text.
func (u *faceUse) add(id uint16, text string) {
	first, ok := u.glyphs[id]
	if ok && first == text {
		return // the common case, without a lookup by text
	}
	k := glyphUse{id, text}
	if u.seen[k] {
		return
	}
	u.seen[k] = true
	if ok {
		u.more = append(u.more, k)
		return
	}
	u.glyphs[id] = text
}

// newPDFFonts subsets every face the book draws with.
func newPDFFonts(book *layout.Book) (*pdfFonts, error) {
	pf := &pdfFonts{by: map[fonts.Style]*pdfFace{}}
	used := usedGlyphs(book)
	for _, s := range fonts.Styles {
		u, ok := used[s]
		if !ok {
			continue
		}
		runes := make([]rune, 0, len(u.runes))
		for r := range u.runes {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		glyphs := make([]uint16, 0, len(u.glyphs)+1)
		for g := range u.glyphs {
			glyphs = append(glyphs, g)
		}
		slices.Sort(glyphs)
		sub, err := book.Family.Subset(s, runes, glyphs)
		if err != nil {
			return nil, fmt.Errorf("embed font %s: %w", s, err)
		}
		name := postScriptName(book.Family, s)
		f := &pdfFace{style: s, sub: sub, res: "/F" + strconv.Itoa(int(s)), base: subsetTag(name, sub.Glyphs) + "+" + name}
		f.text = make([]string, len(sub.Glyphs)+1)
		for i, g := range sub.Glyphs {
			f.text[i+1] = u.glyphs[g]
		}
		f.addTexts(u)
		if sp := spaceGlyph(book.Family, s); sp != 0 {
			f.space = f.cid(sp)
		}
		pf.faces = append(pf.faces, f)
		pf.by[s] = f
	}
	return pf, nil
}

// addTexts gives each further text a glyph of the face stands for (see
// faceUse) a CID of its own, as far as two-byte CIDs reach; the texts
// beyond are drawn with the glyph's first CID, the run marked with
// /ActualText.
func (f *pdfFace) addTexts(u *faceUse) {
	for _, k := range u.more {
		gid := f.cid(k.id)
		if gid == 0 || len(f.text) > math.MaxUint16 {
			continue
		}
		if f.cids == nil {
			f.cids, f.split = map[glyphUse]uint16{}, map[uint16]bool{}
		}
		if !f.split[k.id] {
			f.split[k.id] = true
			f.cids[glyphUse{k.id, u.glyphs[k.id]}] = gid
		}
		f.cids[k] = uint16(len(f.text))
		f.text = append(f.text, k.text)
		f.gids = append(f.gids, gid)
	}
}

// spaceGlyph returns the glyph of the space in face s of fam (0: none).
func spaceGlyph(fam *fonts.Family, s fonts.Style) uint16 {
	f, err := fam.Get(s)
	if err != nil {
		return 0
	}
	if g := f.Nominal(nil, []rune{' '}, false); len(g) == 1 {
		return g[0].ID
	}
	return 0
}

// postScriptName is how style s's face is named in the PDF: the user's
// face by its own name, an embedded face as fontInfo says.
func postScriptName(fam *fonts.Family, s fonts.Style) string {
	if name := fam.PostScriptName(s); name != "" {
		return name
	}
	return fontInfo[s].postscript
}

// usedGlyphs lists, for each face the book draws with, the glyphs it
// draws with the characters each first stands for, and the characters.
func usedGlyphs(b *layout.Book) map[fonts.Style]*faceUse {
	sets := map[fonts.Style]*faceUse{}
	for _, p := range b.Pages {
		if p == nil {
			continue // released by an earlier export
		}
		for _, rs := range [][]layout.Run{p.Head, p.Body, p.Foot} {
			for _, r := range rs {
				if r.Text == "" {
					continue
				}
				u := sets[r.Face]
				if u == nil {
					u = &faceUse{runes: map[rune]bool{}, glyphs: map[uint16]string{}, seen: map[glyphUse]bool{}}
					if sp := spaceGlyph(b.Family, r.Face); sp != 0 {
						u.add(sp, " ")
					}
					sets[r.Face] = u
				}
				for _, c := range r.Text {
					u.runes[c] = true
				}
				for i, g := range r.Glyphs {
					u.add(g.ID, glyphText(r, i))
				}
			}
		}
	}
	return sets
}

// glyphText returns the characters glyph i of run r stands for: its
// cluster's, when it is the cluster's only glyph (a letter, a ligature);
// the cluster's i-th character when the cluster has a glyph per character
// (a letter and its marks); else the whole cluster for its first glyph
// and nothing for the others.
func glyphText(r layout.Run, i int) string {
	g := r.Glyphs[i]
	if int(g.At) > len(r.Text) || int(g.End) > len(r.Text) || g.At >= g.End {
		return ""
	}
	cluster := r.Text[g.At:g.End]
	first, n := i, 0
	for first > 0 && r.Glyphs[first-1].At == g.At {
		first--
	}
	for k := first; k < len(r.Glyphs) && r.Glyphs[k].At == g.At; k++ {
		n++
	}
	if n == 1 {
		if rtlRun(r) {
			// Extraction reads right-to-left glyphs from the right and
			// each glyph's characters as drawn: a ligature's stand
			// reversed, so that the word comes back in its order.
			rs := []rune(cluster)
			slices.Reverse(rs)
			return string(rs)
		}
		return cluster
	}
	if rtlRun(r) {
		// The cluster's characters, reversed as above, go with its
		// first glyph (its letter, drawn last), none with its marks:
		// extraction keeps a glyph's characters together.
		if i == first+n-1 {
			rs := []rune(cluster)
			slices.Reverse(rs)
			return string(rs)
		}
		return ""
	}
	if utf8.RuneCountInString(cluster) == n {
		// In drawing order; a right-to-left cluster is drawn from its
		// last glyph.
		k := i - first
		if n > 1 && r.Glyphs[first].X > r.Glyphs[first+n-1].X {
			k = n - 1 - k
		}
		for j, c := range []rune(cluster) {
			if j == k {
				return string(c)
			}
		}
	}
	if i == first {
		return cluster
	}
	return ""
}

// subsetTag derives a face's subset tag, six capitals, from the face's
// PostScript name and the glyphs it draws, so the same book always gets
// the same tags and different subsets of a face get different ones
// (readers may cache fonts by name).
func subsetTag(postscript string, glyphs []uint16) string {
	h := fnv.New64a()
	h.Write([]byte(postscript))
	var buf [2]byte
	for _, g := range glyphs {
		buf[0], buf[1] = byte(g>>8), byte(g)
		h.Write(buf[:])
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// cid returns the CID that draws glyph g of the face: its place among
// the subset's glyphs, counting from 1; 0 (.notdef) when the subset lacks
// it, which never happens to a glyph of the book.
func (f *pdfFace) cid(g uint16) uint16 {
	if i, ok := slices.BinarySearch(f.sub.Glyphs, g); ok {
		return uint16(i + 1)
	}
	return 0
}

// cidAt returns the CID that draws glyph i of run r: the one for the
// characters the glyph stands for there (see glyphText), or its first
// when it has no CID for them.
func (f *pdfFace) cidAt(r layout.Run, i int) uint16 {
	id := r.Glyphs[i].ID
	if f.split[id] {
		if c, ok := f.cids[glyphUse{id, glyphText(r, i)}]; ok {
			return c
		}
	}
	return f.cid(id)
}

// gid returns the subset glyph ID CID c draws.
func (f *pdfFace) gid(c uint16) uint16 {
	if n := len(f.sub.Glyphs); int(c) > n && int(c)-n-1 < len(f.gids) {
		return f.gids[int(c)-n-1]
	}
	return c
}

// width returns the advance of CID c in PDF glyph space (1000 units to
// the em), as the font's /W array gives it.
func (f *pdfFace) width(c uint16) int {
	g := f.gid(c)
	if int(g) >= len(f.sub.Advances) {
		return 0
	}
	return int(math.Round(1000 / float64(f.sub.UnitsPerEm) * float64(f.sub.Advances[g])))
}

// rtlRun reports whether run r is drawn right to left: its glyphs, in
// drawing order, stand for its text from the end.
func rtlRun(r layout.Run) bool {
	for i := 1; i < len(r.Glyphs); i++ {
		if a, b := r.Glyphs[i-1].At, r.Glyphs[i].At; a != b {
			return a > b
		}
	}
	return false
}

// plainText reports whether the ToUnicode CMap gives back r's text from
// its glyphs, read in drawing order, or for a right-to-left run from the
// right, character by character, as extraction reads them: no ActualText
// is needed.
func (f *pdfFace) plainText(r layout.Run) bool {
	if !rtlRun(r) {
		pos := 0
		for i := range r.Glyphs {
			t := f.text[f.cidAt(r, i)]
			if !strings.HasPrefix(r.Text[pos:], t) {
				return false
			}
			pos += len(t)
		}
		return pos == len(r.Text)
	}
	var b []byte
	for i := range r.Glyphs {
		b = append(b, f.text[f.cidAt(r, i)]...)
	}
	rs := []rune(string(b))
	slices.Reverse(rs)
	return string(rs) == r.Text
}

// maxDrift is how far, in points, a glyph may stand from where layout
// placed it before a TJ number moves it back: the widths of the /W array
// are rounded to a thousandth of an em, and correcting every rounding
// would put a number between most glyphs for no visible difference.
const maxDrift = 0.02

// appendGlyphs appends a text object that draws the glyphs of runs (of
// one face, size and scaling, on one baseline) with the first run's
// origin at (x, y), in PDF coordinates (points from the bottom left), at
// size points with horizontal scaling th (1: none): one TJ array whose
// numbers move each glyph from where the one before leaves the pen to
// where layout placed it, and a text rise for glyphs above or below the
// baseline (marks). Each CID takes two bytes of a literal string. A run
// followed by a word space gets the face's space glyph at the pen, for
// extraction.
func (f *pdfFace) appendGlyphs(b []byte, runs []layout.Run, x, y, size, th float64) []byte {
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, y, 'f', 2, 64)
	b = append(b, " Td ["...)
	w := tjWriter{b: b, unit: size * th / 1000}
	for _, r := range runs {
		w.run(f, r, (r.X - runs[0].X).Points())
	}
	w.str(false)
	w.b = append(w.b, "] TJ"...)
	if w.rise != 0 {
		w.b = append(w.b, " 0 Ts"...)
	}
	return append(w.b, " ET"...)
}

// tjWriter writes a TJ array.
type tjWriter struct {
	b []byte
	// unit is the points per glyph-space unit along the line; pen is
	// where the glyphs so far left the pen, from the text object's
	// origin, in points; rise is the text rise they were drawn at.
	unit, pen float64
	rise      layout.Sp
	inString  bool
}

// str opens or closes the literal string of CIDs.
func (w *tjWriter) str(on bool) {
	switch {
	case on && !w.inString:
		w.b = append(w.b, '(')
	case !on && w.inString:
		w.b = append(w.b, ')')
	}
	w.inString = on
}

// glyph appends CID c.
func (w *tjWriter) glyph(f *pdfFace, c uint16) {
	w.str(true)
	w.b = appendStringByte(appendStringByte(w.b, byte(c>>8)), byte(c))
	w.pen += float64(f.width(c)) * w.unit
}

// run appends run r's glyphs, the run starting x points from the text
// object's origin.
func (w *tjWriter) run(f *pdfFace, r layout.Run, x float64) {
	for i, g := range r.Glyphs {
		if g.Y != w.rise {
			w.str(false)
			w.b = append(w.b, "] TJ "...)
			w.b = strconv.AppendFloat(w.b, g.Y.Points(), 'f', 2, 64)
			w.b = append(w.b, " Ts ["...)
			w.rise = g.Y
		}
		if d := x + g.X.Points() - w.pen; math.Abs(d) >= maxDrift {
			if adj := math.Round(-d/w.unit*100) / 100; adj != 0 {
				w.str(false)
				w.b = append(w.b, ' ')
				w.b = strconv.AppendFloat(w.b, adj, 'f', -1, 64)
				w.b = append(w.b, ' ')
				w.pen -= adj * w.unit
			}
		}
		w.glyph(f, f.cidAt(r, i))
	}
	if r.Space && f.space != 0 {
		w.glyph(f, f.space)
	}
}

// appendStringByte appends c to a PDF literal string, escaped when it
// would end the string or start an escape, or be read as a line end.
func appendStringByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// fontName is an entry of the page resources' /Font dictionary.
type fontName struct {
	name pdfName
	ref  pdfRef
}

// objects returns the font objects, to be numbered from first, and the
// entries of the page resources' /Font dictionary that name them.
func (pf *pdfFonts) objects(first int) (objs []*pdfObj, names []fontName) {
	for _, f := range pf.faces {
		n := first + len(objs)
		names = append(names, fontName{pdfName(strings.TrimPrefix(f.res, "/")), pdfRef(n)})
		objs = append(objs, f.objects(n)...)
	}
	return objs, names
}

// objects returns the objects of one face, numbered from n: the Type 0
// font, its CIDFont, the ToUnicode CMap, the font descriptor, the font
// file and, when CIDs are not the subset's glyph IDs, the CIDToGIDMap.
func (f *pdfFace) objects(n int) []*pdfObj {
	sub := f.sub
	// PDF glyph space is 1000 units to the em; the values and their
	// rounding are those gofpdf used to write.
	scale := 1000 / float64(sub.UnitsPerEm)
	width := func(glyph int) int { return f.width(uint16(glyph)) }
	flags := 4 // symbolic: the font's own glyphs, addressed by glyph ID
	if sub.Fixed {
		flags |= 1
	}
	italic := int(math.Floor(sub.ItalicAngle)) // the integer part, as the post table stores it
	if italic != 0 {
		flags |= 64
	}
	if sub.Weight >= 600 {
		flags |= 262144
	}
	stemV := 50 + int(math.Pow(float64(sub.Weight)/65, 2))
	var ws []byte
	if len(f.text) > 1 {
		ws = append(ws, "\n/W [1 ["...)
		for c := 1; c < len(f.text); c++ {
			if c > 1 {
				ws = append(ws, ' ')
			}
			ws = strconv.AppendInt(ws, int64(width(c)), 10)
		}
		ws = append(ws, "]]"...)
	}
	cidToGID := []byte("/Identity")
	var gidMap *pdfObj
	if len(f.gids) > 0 {
		// Two bytes, big-endian, per CID from 0.
		m := make([]byte, 0, 2*len(f.text))
		for c := range f.text {
			g := f.gid(uint16(c))
			m = append(m, byte(g>>8), byte(g))
		}
		gidMap = &pdfObj{raw: []byte("<<>>"), stream: m}
		cidToGID = fmt.Appendf(nil, "%d 0 R", n+5)
	}
	sc := func(v int) int { return int(float64(v) * scale) }
	objs := []*pdfObj{
		{raw: fmt.Appendf(nil, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>",
			f.base, n+1, n+2)},
		{raw: fmt.Appendf(nil, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\n/FontDescriptor %d 0 R\n/DW %d%s\n/CIDToGIDMap %s>>",
			f.base, n+3, width(0), ws, cidToGID)},
		{raw: []byte("<<>>"), stream: f.toUnicode()},
		{raw: fmt.Appendf(nil, "<</Type /FontDescriptor\n/FontName /%s\n/Flags %d\n/FontBBox [%d %d %d %d]\n/ItalicAngle %d\n/Ascent %d\n/Descent %d\n/CapHeight %d\n/StemV %d\n/MissingWidth %d\n/FontFile2 %d 0 R>>",
			f.base, flags, sc(sub.BBox[0]), sc(sub.BBox[1]), sc(sub.BBox[2]), sc(sub.BBox[3]), italic,
			sc(sub.Ascent), sc(sub.Descent), sc(sub.CapHeight), stemV, width(0), n+4)},
		{raw: fmt.Appendf(nil, "<</Length1 %d>>", len(sub.TTF)), stream: sub.TTF},
	}
	if gidMap != nil {
		objs = append(objs, gidMap)
	}
	return objs
}

// toUnicode writes the CMap from each CID back to the characters its
// glyph stands for (UTF-16BE): one bfchar entry per CID that has any, in
// blocks of at most 100 entries, as the CMap format requires. A ligature's
// entry holds all its characters.
func (f *pdfFace) toUnicode() []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var cids []int
	for c, t := range f.text {
		if c > 0 && t != "" {
			cids = append(cids, c)
		}
	}
	for start := 0; start < len(cids); start += 100 {
		block := cids[start:min(start+100, len(cids))]
		b = fmt.Appendf(b, "%d beginbfchar\n", len(block))
		for _, c := range block {
			b = fmt.Appendf(b, "<%04X> <", c)
			for _, u := range utf16.Encode([]rune(f.text[c])) {
				b = fmt.Appendf(b, "%04X", u)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"...)
}

// bookmarkTitle encodes a bookmark title as a PDF text string in
// UTF-16BE with its byte order mark, which gofpdf writes as given.
func bookmarkTitle(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}
