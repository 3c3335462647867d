package layout

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/fonts"
)

// piece is the content of a box item: text in one face and size, with its
// kerning already measured.
type piece struct {
	text  string
	face  fonts.Style
	size  Sp
	width Sp
	kerns []GlyphKern
	// raise lifts the baseline (superscript note markers).
	raise Sp
	// link is the 1-based index of the piece's link in the paragraph's
	// link table (0: not a link).
	link int32
	// first and last are the outer runes, for kerning across pieces.
	first, last rune
	// level is the bidirectional embedding level (odd: right to left).
	level uint8
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
// to DejaVu Sans), measures advances and kerning, and reports characters
// it cannot draw once each.
type shaper struct {
	// fam is the text family (nil: Charis SIL); a family's faces are
	// parsed when it is loaded.
	fam     *fonts.Family
	warn    func(string)
	missing map[rune]bool
	// missingOrder lists the missing runes in the order first met, for
	// the one warning that reports them all.
	missingOrder []rune
	faces        [fonts.NumStyles]*fonts.Face
	// hyphens caches the hyphen piece of each face and size.
	hyphens map[hyphenKey]piece
	buf     strings.Builder
	// tracking is extra space between the characters of a word, for
	// spaced capitals (SetText); 0 in running text.
	tracking Sp
}

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
	if !sh.missing[r] {
		sh.missing[r] = true
		sh.missingOrder = append(sh.missingOrder, r)
	}
	face, ok = sh.fam.Cover(s, replacementRune)
	if ok {
		return face, replacementRune
	}
	return s, '?'
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
// split where the face changes. Invisible runes are dropped.
func (sh *shaper) shape(dst []piece, text string, s fonts.Style, size Sp) []piece {
	b := &sh.buf
	b.Reset()
	var cur piece
	curUnits, open := 0, false
	glyphs := 0 // in the open piece, for tracking
	prev := rune(-1)
	// A piece whose runes are drawn as they stand is a substring of text
	// (from, to); only one with a rune dropped or replaced is copied
	// into b.
	from, to, copied := 0, 0, false
	flush := func() {
		if !open {
			return
		}
		if copied {
			cur.text = b.String()
		} else {
			cur.text = text[from:to]
		}
		cur.width = sh.units(cur.face, size, curUnits) + Sp(glyphs-1)*sh.tracking
		dst = append(dst, cur)
		b.Reset()
		open = false
		prev = -1
	}
	for i, r := range text {
		if invisible(r) {
			if open && !copied {
				b.WriteString(text[from:to])
				copied = true
			}
			continue
		}
		face, rr := sh.resolve(s, r)
		if open && face != cur.face {
			flush()
		}
		f := sh.face(face)
		if !open {
			cur = piece{face: face, size: size, first: rr}
			curUnits, glyphs = 0, 0
			open = true
			from, to, copied = i, i, false
		}
		at := to - from
		if copied {
			at = b.Len()
		}
		kerned := false
		if prev >= 0 && !isRTLScript(prev) && !isRTLScript(rr) {
			if k := f.Kern(prev, rr); k != 0 {
				curUnits += k
				kerned = true
			}
		}
		if kerned || sh.tracking != 0 && prev >= 0 {
			cur.kerns = append(cur.kerns, GlyphKern{At: at, Offset: sh.units(face, size, curUnits) + Sp(glyphs)*sh.tracking})
		}
		curUnits += f.Advance(rr)
		glyphs++
		switch {
		case copied:
			b.WriteRune(rr)
		case rr != r || r == utf8.RuneError:
			// A replaced rune (or an invalid byte, drawn as U+FFFD).
			b.WriteString(text[from:to])
			b.WriteRune(rr)
			copied = true
		default:
			to = i + utf8.RuneLen(r)
		}
		cur.last = rr
		prev = rr
	}
	flush()
	return dst
}

// kernBetween returns the kerning between two adjacent pieces (zero
// unless they share face and size).
func (sh *shaper) kernBetween(a, b *piece) Sp {
	if a.face != b.face || a.size != b.size || a.raise != b.raise || a.level != b.level || a.text == "" || b.text == "" ||
		isRTLScript(a.last) || isRTLScript(b.first) {
		return 0
	}
	return sh.units(a.face, a.size, sh.face(a.face).Kern(a.last, b.first)) + sh.tracking
}

// width measures text in one face, ignoring fallback (for glue and
// markers made of characters every face has).
func (sh *shaper) width(text string, s fonts.Style, size Sp) Sp {
	return sh.units(s, size, sh.face(s).Width(text))
}

// smallCapsScale is the size of fake small capitals relative to the full
// size: the face's x-height over its cap height, plus a little so the
// letters keep their weight next to capitals (Charis: about 0.77).
func (sh *shaper) smallCapsScale(s fonts.Style) (num, den Sp) {
	f := sh.face(s)
	xh, ch := f.XHeight(), f.CapHeight()
	if xh <= 0 || ch <= 0 || xh >= ch {
		return 4, 5
	}
	return Sp(xh*100/ch + 5), 100
}

// smallCaps shapes text in fake small capitals: every letter becomes a
// capital at the small-caps size (all small caps, as for names). The
// exporter paints by character code, so a face's own small-cap glyphs
// (OpenType smcp) cannot be reached; scaled capitals stand in for them.
// Capitals are not kept at full size, because text extraction splits a
// word where the size changes.
func (sh *shaper) smallCaps(dst []piece, text string, s fonts.Style, size Sp) []piece {
	num, den := sh.smallCapsScale(s)
	return sh.shape(dst, strings.ToUpper(text), s, scale(size, num, den))
}
