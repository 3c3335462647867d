package export

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"pamphlet/fonts"
	"pamphlet/layout"
)

// pdfFonts embeds the faces a book draws with. gofpdf's own Unicode fonts
// cost more than the rest of a pamphlet put together: each registration
// parses the face, fills and hashes (as JSON) a 65,536-entry width table,
// and each embedding cuts the face again and deflates a 128 KB glyph map
// with a fresh compressor. pamphlet has laid out every glyph already, so
// it hands the pages to gofpdf as raw text operators and writes the font
// objects itself, added to the file gofpdf produced (see finish).
//
// Each face is a Type 0 font with Identity-H encoding over a CIDFontType2
// holding the face's subset. CIDs number the face's runes in order (1 for
// the smallest), which is also the order of the subset's glyphs, so CIDs
// are glyph IDs; a ToUnicode CMap turns them back into the exact runes,
// so text extraction gives what layout set.
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
}

// newPDFFonts subsets every face the book draws with.
func newPDFFonts(book *layout.Book) (*pdfFonts, error) {
	pf := &pdfFonts{by: map[fonts.Style]*pdfFace{}}
	used := usedRunes(book)
	for _, s := range fonts.Styles {
		runes, ok := used[s]
		if !ok {
			continue
		}
		sub, err := book.Family.Subset(s, runes)
		if err != nil {
			return nil, fmt.Errorf("embed font %s: %w", s, err)
		}
		name := postScriptName(book.Family, s)
		f := &pdfFace{style: s, sub: sub, res: "/F" + strconv.Itoa(int(s)), base: subsetTag(name, runes) + "+" + name}
		pf.faces = append(pf.faces, f)
		pf.by[s] = f
	}
	return pf, nil
}

// postScriptName is how style s's face is named in the PDF: the user's
// face by its own name, an embedded face as fontInfo says.
func postScriptName(fam *fonts.Family, s fonts.Style) string {
	if name := fam.PostScriptName(s); name != "" {
		return name
	}
	return fontInfo[s].postscript
}

// usedRunes lists, for each face the book draws with, the runes it
// draws, sorted.
func usedRunes(b *layout.Book) map[fonts.Style][]rune {
	sets := map[fonts.Style]map[rune]bool{}
	for _, p := range b.Pages {
		if p == nil {
			continue // released by an earlier export
		}
		for _, rs := range [][]layout.Run{p.Head, p.Body, p.Foot} {
			for _, r := range rs {
				if r.Text == "" {
					continue
				}
				m := sets[r.Face]
				if m == nil {
					m = map[rune]bool{}
					sets[r.Face] = m
				}
				for _, c := range r.Text {
					m[c] = true
				}
				if r.Space {
					m[' '] = true
				}
			}
		}
	}
	out := make(map[fonts.Style][]rune, len(sets))
	for s, m := range sets {
		rs := make([]rune, 0, len(m))
		for r := range m {
			rs = append(rs, r)
		}
		slices.Sort(rs)
		out[s] = rs
	}
	return out
}

// subsetTag derives a face's subset tag, six capitals, from the face's
// PostScript name and the runes it draws, so the same book always gets the same tags and
// different subsets of a face get different ones (readers may cache fonts
// by name).
func subsetTag(postscript string, runes []rune) string {
	h := fnv.New64a()
	h.Write([]byte(postscript))
	var buf [4]byte
	for _, r := range runes {
		h.Write(buf[:copy(buf[:], string(r))])
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// cid returns the CID that draws r in f: its place among the subset's
// runes, counting from 1; 0 (.notdef) when the face lacks r, which layout
// never lets happen.
func (f *pdfFace) cid(r rune) uint16 {
	if i, ok := slices.BinarySearch(f.sub.Runes, r); ok {
		return uint16(i + 1)
	}
	return 0
}

// appendText appends the operators that draw s with its left end on the
// baseline at (x, y), in PDF coordinates (points from the bottom left), as
// gofpdf's Text would: BT x y Td (CIDs) Tj ET, each CID in two bytes of a
// literal string.
func (f *pdfFace) appendText(b []byte, x, y float64, s string) []byte {
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, y, 'f', 2, 64)
	b = append(b, " Td ("...)
	for _, r := range s {
		c := f.cid(r)
		b = appendStringByte(appendStringByte(b, byte(c>>8)), byte(c))
	}
	return append(b, ") Tj ET"...)
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

// objects returns the five objects of one face, numbered from n: the Type
// 0 font, its CIDFont, the ToUnicode CMap, the font descriptor and the
// font file.
func (f *pdfFace) objects(n int) []*pdfObj {
	sub := f.sub
	// PDF glyph space is 1000 units to the em; the values and their
	// rounding are those gofpdf used to write.
	scale := 1000 / float64(sub.UnitsPerEm)
	width := func(glyph int) int {
		if glyph >= len(sub.Advances) {
			return 0
		}
		return int(math.Round(scale * float64(sub.Advances[glyph])))
	}
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
	if len(sub.Runes) > 0 {
		ws = append(ws, "\n/W [1 ["...)
		for i := range sub.Runes {
			if i > 0 {
				ws = append(ws, ' ')
			}
			ws = strconv.AppendInt(ws, int64(width(i+1)), 10)
		}
		ws = append(ws, "]]"...)
	}
	sc := func(v int) int { return int(float64(v) * scale) }
	return []*pdfObj{
		{raw: fmt.Appendf(nil, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>",
			f.base, n+1, n+2)},
		{raw: fmt.Appendf(nil, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\n/FontDescriptor %d 0 R\n/DW %d%s\n/CIDToGIDMap /Identity>>",
			f.base, n+3, width(0), ws)},
		{raw: []byte("<<>>"), stream: f.toUnicode()},
		{raw: fmt.Appendf(nil, "<</Type /FontDescriptor\n/FontName /%s\n/Flags %d\n/FontBBox [%d %d %d %d]\n/ItalicAngle %d\n/Ascent %d\n/Descent %d\n/CapHeight %d\n/StemV %d\n/MissingWidth %d\n/FontFile2 %d 0 R>>",
			f.base, flags, sc(sub.BBox[0]), sc(sub.BBox[1]), sc(sub.BBox[2]), sc(sub.BBox[3]), italic,
			sc(sub.Ascent), sc(sub.Descent), sc(sub.CapHeight), stemV, width(0), n+4)},
		{raw: fmt.Appendf(nil, "<</Length1 %d>>", len(sub.TTF)), stream: sub.TTF},
	}
}

// toUnicode writes the CMap from each CID back to its rune (UTF-16BE).
// Runes are sorted and CIDs number them in order, so a run of consecutive
// runes is one bfrange entry, as long as it stays within one high byte of
// the CIDs and of the runes (a range may vary only in its last byte).
// Other runes are bfchar entries; blocks hold at most 100 entries, as
// the CMap format requires.
func (f *pdfFace) toUnicode() []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	runes := f.sub.Runes
	var chars, ranges [][2]int // [first index, last index] into runes
	for i := 0; i < len(runes); {
		j := i
		for j+1 < len(runes) && runes[j+1] == runes[j]+1 && runes[j+1] <= 0xFFFF &&
			runes[j+1]>>8 == runes[i]>>8 && (j+2)>>8 == (i+1)>>8 {
			j++
		}
		if j > i {
			ranges = append(ranges, [2]int{i, j})
		} else {
			chars = append(chars, [2]int{i, i})
		}
		i = j + 1
	}
	utf16Hex := func(b []byte, r rune) []byte {
		for _, u := range utf16.AppendRune(nil, r) {
			b = fmt.Appendf(b, "%04X", u)
		}
		return b
	}
	for start := 0; start < len(chars); start += 100 {
		block := chars[start:min(start+100, len(chars))]
		b = fmt.Appendf(b, "%d beginbfchar\n", len(block))
		for _, c := range block {
			b = utf16Hex(fmt.Appendf(b, "<%04X> <", c[0]+1), runes[c[0]])
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	for start := 0; start < len(ranges); start += 100 {
		block := ranges[start:min(start+100, len(ranges))]
		b = fmt.Appendf(b, "%d beginbfrange\n", len(block))
		for _, r := range block {
			b = utf16Hex(fmt.Appendf(b, "<%04X> <%04X> <", r[0]+1, r[1]+1), runes[r[0]])
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfrange\n"...)
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
