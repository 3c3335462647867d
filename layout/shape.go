package layout

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"pamphlet/fonts"
)

// piece is the content of a box item: text in one face and size, shaped
// into glyphs.
type piece struct {
	text  string
	face  fonts.Style
	size  Sp
	width Sp
	// glyphs are the piece's glyphs in the text's order (for
	// right-to-left text, the reverse of the order they are drawn in).
	glyphs []pglyph
	// raise lifts the baseline (superscript note markers).
	raise Sp
	// link is the 1-based index of the piece's link in the paragraph's
	// link table (0: not a link).
	link int32
	// level is the bidirectional embedding level (odd: right to left).
	level uint8
	// hyphen is the advance of the hyphen layout added at the piece's
	// end, to break a word there (0: none).
	hyphen Sp
	// base and at0 are where the piece starts in its glyphs' pen
	// positions and byte offsets: a piece cut from a shaped word shares
	// the word's glyphs.
	base Sp
	at0  int32
}

// pglyph is a glyph of a piece.
type pglyph struct {
	id uint16
	// at and end are the bytes of the piece's text the glyph's cluster
	// stands for; the glyphs of a cluster (a ligature, a letter and its
	// marks) share them.
	at, end int32
	// rs and re are the same cluster in the runes of the text that was
	// shaped, invisible ones included, for cutting a word at its breaks.
	rs, re int32
	// pen is where the pen stands before the glyph, from the piece's
	// left edge, and adv how far the glyph moves it; dx and dy move the
	// glyph from the pen (dy up).
	pen, adv, dx, dy Sp
}

// runGlyphs appends the glyphs of pc to dst as a Run's, the piece
// starting at x and its text at byte at of the run, with glyph positions
// widened by widen (font expansion).
func (pc *piece) runGlyphs(dst []Glyph, at int32, x Sp, widen func(Sp) Sp) []Glyph {
	n := len(dst)
	for _, g := range pc.glyphs {
		dst = append(dst, Glyph{ID: g.id, At: at + g.at - pc.at0, End: at + g.end - pc.at0, X: x + widen(g.pen-pc.base) + g.dx, Y: g.dy})
	}
	if pc.level%2 == 1 {
		slices.Reverse(dst[n:]) // in drawing order
	}
	return dst
}

// glyphsOf returns the glyphs of pc as a Run starting at pc's left edge
// has them.
func (pc *piece) glyphsOf() []Glyph {
	return pc.runGlyphs(nil, 0, 0, func(v Sp) Sp { return v })
}

// invisible reports runes that are never drawn: the soft hyphen (a break
// opportunity), zero-width spaces and joiners, the byte-order mark.
func invisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff',
		// bidirectional marks, embeddings and isolates: they steer the
		// order of the text and have no glyph
		'\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
		'\u2066', '\u2067', '\u2068', '\u2069':
		return true
	}
	return unicode.Is(unicode.Cc, r)
}

// replacementRune is drawn for a character no embedded face has, after a
// warning: a visible mark, never a blank.
const replacementRune = '\ufffd'

// shaper turns text into pieces. It chooses a face per rune (falling back
// to DejaVu Sans), shapes each face's stretch with the face's ligatures,
// kerning, contextual forms and mark positions, and reports characters it
// cannot draw once each.
type shaper struct {
	// fam is the text family (nil: Charis SIL); a family's faces are
	// parsed when it is loaded.
	fam     *fonts.Family
	warn    func(string)
	missing map[rune]bool
	// missingOrder lists the missing runes in the order first met, for
	// the one warning that reports them all.
	missingOrder []rune
	// later holds the missing runes met while deferring is set (the
	// title block, set before the body), which settle lists after the
	// body's, as when the title block is set last.
	later     []rune
	laterSet  map[rune]bool
	deferring bool
	faces     [fonts.NumStyles]*fonts.Face
	// hyphens caches the hyphen piece of each face and size.
	hyphens map[hyphenKey]piece
	// runes, src, offs, buf, gl and ends are scratch space for shape.
	runes           []rune
	src, offs, ends []int32
	buf             []byte
	gl              []fonts.Glyph
	// measured holds the pieces width measures.
	measured []piece
	// tracking is extra space between the characters of a word, for
	// spaced capitals (SetText); 0 in running text.
	tracking Sp
	// features are the optional features text is shaped with (small
	// capitals; no ligatures between spaced letters).
	features fonts.Feature
}

// shapeKey names one shaping of a text.
type shapeKey struct {
	text           string
	face           *fonts.Face
	size, tracking Sp
	features       fonts.Feature
	rtl            bool
}

// shaped caches the glyphs of each text shaped: texts are mostly words
// that recur, in a few sizes, within a document and across the documents
// a process sets. Pieces share the cached glyphs, which no one changes.
var shaped = struct {
	sync.Mutex
	m map[shapeKey]shapedText
}{m: map[shapeKey]shapedText{}}

// shapedText is a text shaped: its glyphs, their clusters counted in the
// text's runes, and its width.
type shapedText struct {
	glyphs []pglyph
	width  Sp
}

// maxShaped bounds the shaping cache: a text of more distinct words
// starts it afresh rather than grow without end.
const maxShaped = 1 << 16

type hyphenKey struct {
	face fonts.Style
	size Sp
}

// hyphen returns the piece drawn at a line end broken inside a word: a
// hyphen in face at size (or in the fallback face if face lacks one).
func (sh *shaper) hyphen(face fonts.Style, size Sp) piece {
	k := hyphenKey{face, size}
	if pc, ok := sh.hyphens[k]; ok {
		return pc
	}
	pcs := sh.shape(nil, "-", face, size)
	pc := piece{text: "-", face: face, size: size}
	if len(pcs) == 1 {
		pc = pcs[0]
	}
	pc.hyphen = pc.width
	sh.hyphens[k] = pc
	return pc
}

func newShaper(warn func(string)) (*shaper, error) {
	sh := &shaper{warn: warn, missing: map[rune]bool{}, hyphens: map[hyphenKey]piece{}}
	// The text face must load; the others load when first used.
	if _, err := fonts.Get(fonts.Regular); err != nil {
		return nil, err
	}
	return sh, nil
}

// face returns the metrics of style s. The embedded faces are known to
// parse (a test loads each), and a family's own are parsed when it is
// loaded, so a failure here is a broken build.
func (sh *shaper) face(s fonts.Style) *fonts.Face {
	if sh.faces[s] == nil {
		f, err := sh.fam.Get(s)
		if err != nil {
			panic(err)
		}
		sh.faces[s] = f
	}
	return sh.faces[s]
}

// units converts font units of face f at size to Sp.
func (sh *shaper) units(f fonts.Style, size Sp, u int) Sp {
	return scale(Sp(u), size, Sp(sh.face(f).UnitsPerEm()))
}

// resolve picks the face that draws r in style s, replacing a rune no
// face has.
func (sh *shaper) resolve(s fonts.Style, r rune) (fonts.Style, rune) {
	face, ok := sh.fam.Cover(s, r)
	if ok {
		return face, r
	}
	switch {
	case sh.deferring:
		if !sh.laterSet[r] {
			if sh.laterSet == nil {
				sh.laterSet = map[rune]bool{}
			}
			sh.laterSet[r] = true
			sh.later = append(sh.later, r)
		}
	case !sh.missing[r]:
		sh.missing[r] = true
		sh.missingOrder = append(sh.missingOrder, r)
	}
	face, ok = sh.fam.Cover(s, replacementRune)
	if ok {
		return face, replacementRune
	}
	return s, '?'
}

// settle adds the missing runes set aside (see later) after those met
// since.
func (sh *shaper) settle() {
	for _, r := range sh.later {
		if !sh.missing[r] {
			sh.missing[r] = true
			sh.missingOrder = append(sh.missingOrder, r)
		}
	}
	sh.later, sh.laterSet = nil, nil
}

// reportMissing sends one warning for all the characters no face had, if
// any: a document in a script without a face gets one line that says how
// many and which, not a line per character.
func (sh *shaper) reportMissing() {
	n := len(sh.missingOrder)
	if n == 0 || sh.warn == nil {
		return
	}
	const shown = 5
	var list []string
	for _, r := range sh.missingOrder[:min(n, shown)] {
		list = append(list, fmt.Sprintf("%U %q", r, r))
	}
	more := ""
	if n > shown {
		more = ", …"
	}
	what := "1 character"
	if n > 1 {
		what = fmt.Sprintf("%d different characters", n)
	}
	sh.warn(fmt.Sprintf("no embedded font has %s (%s%s); printed as %q", what, strings.Join(list, ", "), more, replacementRune))
}

// shape appends to dst the pieces that draw text in style s at size,
// left to right, split where the face changes. Invisible runes are
// dropped.
func (sh *shaper) shape(dst []piece, text string, s fonts.Style, size Sp) []piece {
	return sh.shapeDir(dst, text, s, size, false)
}

// shapeDir is shape for text of one direction: rtl shapes it right to
// left (Arabic letters joined, Hebrew marks placed). The pieces and their
// glyphs stay in the text's order.
func (sh *shaper) shapeDir(dst []piece, text string, s fonts.Style, size Sp, rtl bool) []piece {
	sh.runes, sh.src, sh.offs, sh.buf = sh.runes[:0], sh.src[:0], sh.offs[:0], sh.buf[:0]
	var face fonts.Style
	open := false
	// from is where the open piece starts in text, for using the text
	// itself when nothing in it was dropped or replaced.
	from := 0
	idx := int32(0)
	for i, r := range text {
		if invisible(r) {
			idx++
			continue
		}
		f, rr := sh.resolve(s, r)
		if open && f != face {
			dst = sh.flush(dst, text[from:i], face, size, rtl)
			sh.runes, sh.src, sh.offs, sh.buf = sh.runes[:0], sh.src[:0], sh.offs[:0], sh.buf[:0]
			open = false
		}
		if !open {
			face, open, from = f, true, i
		}
		sh.runes = append(sh.runes, rr)
		sh.src = append(sh.src, idx)
		sh.offs = append(sh.offs, int32(len(sh.buf)))
		sh.buf = utf8.AppendRune(sh.buf, rr)
		idx++
	}
	if open {
		dst = sh.flush(dst, text[from:], face, size, rtl)
	}
	return dst
}

// flush shapes the runes gathered by shapeDir into one piece; orig is
// the stretch of text they come from.
func (sh *shaper) flush(dst []piece, orig string, face fonts.Style, size Sp, rtl bool) []piece {
	text := orig
	if string(sh.buf) != orig {
		text = string(sh.buf)
	}
	key := shapeKey{text, sh.face(face), size, sh.tracking, sh.features, rtl}
	shaped.Lock()
	st, ok := shaped.m[key]
	shaped.Unlock()
	if !ok {
		st = sh.shapeText(text, face, size, rtl)
		shaped.Lock()
		if len(shaped.m) >= maxShaped {
			clear(shaped.m)
		}
		shaped.m[key] = st
		shaped.Unlock()
	}
	glyphs := st.glyphs
	// Clusters count the runes drawn; the caller counts every rune of its
	// text, the invisible ones dropped here too.
	if n := len(sh.src); n > 0 && (sh.src[0] != 0 || sh.src[n-1] != int32(n-1)) {
		glyphs = slices.Clone(glyphs)
		for i := range glyphs {
			g := &glyphs[i]
			g.rs = sh.src[g.rs]
			if int(g.re) < n {
				g.re = sh.src[g.re]
			} else {
				g.re = sh.src[n-1] + 1
			}
		}
	}
	return append(dst, piece{text: text, face: face, size: size, width: st.width, glyphs: glyphs})
}

// shapeText shapes the runes gathered by shapeDir, text, in one face.
func (sh *shaper) shapeText(text string, face fonts.Style, size Sp, rtl bool) shapedText {
	gl, err := sh.face(face).Shape(sh.gl[:0], sh.runes, rtl, sh.features)
	if err != nil {
		// A face the shaper cannot read is set glyph by glyph, unshaped,
		// from its character map.
		gl = sh.face(face).Nominal(gl[:0], sh.runes, rtl)
	}
	sh.gl = gl
	n := len(sh.runes)
	// ends[c] is where the cluster starting at rune c ends: the next rune
	// that starts a cluster.
	ends := slices.Grow(sh.ends[:0], n+1)[:n+1]
	sh.ends = ends
	for c := range ends {
		ends[c] = -1
	}
	ends[n] = int32(n)
	for _, g := range gl {
		if c := int(g.Cluster); c >= 0 && c < n {
			ends[c] = 0 // a start
		}
	}
	next := int32(n)
	for c := n - 1; c >= 0; c-- {
		start := ends[c] == 0
		ends[c] = next
		if start {
			next = int32(c)
		}
	}
	upem := Sp(sh.face(face).UnitsPerEm())
	u := func(v int32) Sp { return scale(Sp(v), size, upem) }
	glyphs := make([]pglyph, len(gl))
	var units int32
	var extra Sp
	for i, g := range gl {
		c := min(max(int(g.Cluster), 0), n-1)
		if i > 0 && sh.tracking != 0 && gl[i-1].Cluster != g.Cluster {
			extra += sh.tracking
		}
		pen := u(units) + extra
		units += g.Advance
		e := ends[c]
		glyphs[i] = pglyph{id: g.ID, at: sh.offs[c], end: int32(len(text)), rs: int32(c), re: e,
			pen: pen, adv: u(units) + extra - pen, dx: u(g.XOffset), dy: u(g.YOffset)}
		if int(e) < n {
			glyphs[i].end = sh.offs[e]
		}
	}
	if rtl {
		slices.Reverse(glyphs)
	}
	return shapedText{glyphs: glyphs, width: u(units) + extra}
}

// width measures text in one face, ignoring fallback (for glue and
// markers made of characters every face has).
func (sh *shaper) width(text string, s fonts.Style, size Sp) Sp {
	var w Sp
	sh.measured = sh.shape(sh.measured[:0], text, s, size)
	for _, pc := range sh.measured {
		w += pc.width
	}
	return w
}

// smallCapsScale is the size of synthesised small capitals relative to
// the full size: the face's x-height over its cap height, plus a little
// so the letters keep their weight next to capitals (about 0.77).
func (sh *shaper) smallCapsScale(s fonts.Style) (num, den Sp) {
	f := sh.face(s)
	xh, ch := f.XHeight(), f.CapHeight()
	if xh <= 0 || ch <= 0 || xh >= ch {
		return 4, 5
	}
	return Sp(xh*100/ch + 5), 100
}

// smallCaps shapes text in small capitals, every letter a small capital
// (all small caps, as for names): the face's own (OpenType smcp and
// c2sc) where it has them, else capitals at the small-caps size.
// Synthesised ones keep no capital at full size, because text extraction
// splits a word where the size changes.
func (sh *shaper) smallCaps(dst []piece, text string, s fonts.Style, size Sp) []piece {
	if f := sh.face(s); f.HasFeature("smcp") && f.HasFeature("c2sc") {
		saved := sh.features
		sh.features |= fonts.SmallCaps | fonts.CapsToSmallCaps
		dst = sh.shape(dst, text, s, size)
		sh.features = saved
		return dst
	}
	num, den := sh.smallCapsScale(s)
	return sh.shape(dst, strings.ToUpper(text), s, scale(size, num, den))
}
