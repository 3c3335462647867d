package layout

import (
	"unicode"

	"pamphlet/fonts"
)

// Arabic letters take one of up to four shapes by whether they join the
// letters on either side. The exporter paints characters, not glyphs
// chosen by a shaping engine, so layout picks the shapes itself: each
// letter becomes its presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF),
// which DejaVu Sans draws, and lam followed by alef becomes their
// ligature, which Arabic requires.

// joinType is how a character joins its neighbours in cursive scripts.
type joinType uint8

const (
	joinNone        joinType = iota // breaks the joining (spaces, Latin, hamza)
	joinRight                       // joins the letter before it only (alef, dal, reh, waw)
	joinDual                        // joins on both sides (beh, seen, lam)
	joinCausing                     // makes its neighbours join (tatweel, zero-width joiner)
	joinTransparent                 // skipped over (vowel marks)
)

func joining(r rune) joinType {
	if f, ok := arabicForms[r]; ok {
		switch {
		case f[2] != 0:
			return joinDual
		case f[1] != 0:
			return joinRight
		}
		return joinNone
	}
	switch {
	case r == '\u0640' || r == '\u200d':
		return joinCausing
	case r >= 0x0300 && unicode.In(r, unicode.Mn, unicode.Me):
		return joinTransparent
	}
	return joinNone
}

// isArabicLetter reports whether r has presentation forms.
func isArabicLetter(r rune) bool {
	_, ok := arabicForms[r]
	return ok
}

// shapeArabic replaces the Arabic letters of cs (a paragraph's characters
// in logical order) by their contextual forms, and lam-alef pairs by
// their ligature, in place; it returns cs shortened by the ligatures.
// Letters keep their base form where no embedded face has the
// presentation form. Characters in other scripts are untouched, so the
// cost for them is one map look-up each, and only for paragraphs that
// hold Arabic at all (see hasRTL).
func shapeArabic(cs []ch) []ch {
	types := make([]joinType, len(cs))
	for i, c := range cs {
		types[i] = joining(c.r)
	}
	// neighbour returns the type of the first non-transparent character
	// from i in direction d, or joinNone.
	neighbour := func(i, d int) joinType {
		for i += d; i >= 0 && i < len(cs); i += d {
			if types[i] != joinTransparent {
				return types[i]
			}
		}
		return joinNone
	}
	out := cs[:0]
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		t := types[i]
		if t != joinRight && t != joinDual {
			out = append(out, c)
			continue
		}
		prev := neighbour(i, -1)
		joinsBefore := prev == joinDual || prev == joinCausing
		if c.r == '\u0644' && i+1 < len(cs) {
			if lig, ok := lamAlef[cs[i+1].r]; ok {
				form := lig[0]
				if joinsBefore {
					form = lig[1]
				}
				if drawable(form) {
					c.r = form
					out = append(out, c)
					i++ // the alef is part of the ligature
					continue
				}
			}
		}
		next := neighbour(i, 1)
		joinsAfter := t == joinDual && (next == joinRight || next == joinDual || next == joinCausing)
		f := arabicForms[c.r]
		var form rune
		switch {
		case joinsBefore && joinsAfter:
			form = f[3]
		case joinsBefore:
			form = f[1]
		case joinsAfter:
			form = f[2]
		default:
			form = f[0]
		}
		if form != 0 && drawable(form) {
			c.r = form
		}
		out = append(out, c)
	}
	return out
}

// drawable reports whether some embedded face has r.
func drawable(r rune) bool {
	_, ok := fonts.Cover(fonts.Regular, r)
	return ok
}
