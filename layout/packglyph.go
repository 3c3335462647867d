package layout

import (
	"encoding/binary"
	"unicode/utf8"

	"pamphlet/fonts"
)

// Packed glyphs. Most glyphs are one a character, at the advance the face
// gave the glyph before, unlifted: what a glyphModel predicts from the
// glyphs packed before it. A glyph is packed as what differs from its
// prediction, and a row of glyphs as predicted as their number, so that
// a word set plainly takes a byte or two beyond its text. Packing and
// reading keep the same model in step: a prediction is only a guess, and
// a wrong one costs bytes, never a glyph.

// glyphModel predicts glyphs from those before: the glyph a character
// had last and the advance after a glyph last, in the run's face, size
// and expansion.
type glyphModel struct {
	face   fonts.Style
	size   Sp
	expand int
	// gen counts the changes of face, size or expansion: an entry of
	// another generation is stale.
	gen  uint32
	adv  [128]struct{ key, adv uint32 }
	char [128]struct{ key, id uint32 }
}

// Glyph header flags: what differs from the prediction, beyond X off by
// less than two.
const (
	glyphID = 1 << iota
	glyphCluster
	glyphY
	glyphX
	glyphFlags = 4 // number of flag bits
)

// run starts a run in face, size and expansion.
func (m *glyphModel) run(r *Run) {
	if m.gen == 0 || r.Face != m.face || r.Size != m.size || r.Expand != m.expand {
		m.face, m.size, m.expand = r.Face, r.Size, r.Expand
		m.gen++
	}
}

// predict returns the glyph expected after pg (first: the run's first)
// in text.
func (m *glyphModel) predict(text string, pg *Glyph, first bool) Glyph {
	var p Glyph
	if !first {
		p.At = pg.End
		p.X = pg.X
		if e := &m.adv[pg.ID&127]; e.key == m.gen<<16|uint32(pg.ID) {
			p.X += Sp(int32(e.adv))
		}
	}
	p.End = p.At
	if p.At >= 0 && int(p.At) < len(text) {
		c, n := utf8.DecodeRuneInString(text[p.At:])
		p.End += int32(n)
		if e := &m.char[c&127]; e.key == m.gen<<21|uint32(c) {
			p.ID = uint16(e.id)
		}
	}
	return p
}

// learn notes glyph g, after pg unless first.
func (m *glyphModel) learn(text string, g, pg *Glyph, first bool) {
	if !first {
		if d := g.X - pg.X; d == Sp(int32(d)) {
			m.adv[pg.ID&127] = struct{ key, adv uint32 }{m.gen<<16 | uint32(pg.ID), uint32(int32(d))}
		}
	}
	if g.At >= 0 && g.At < g.End && int(g.End) <= len(text) {
		if c, n := utf8.DecodeRuneInString(text[g.At:]); int32(n) == g.End-g.At {
			m.char[c&127] = struct{ key, id uint32 }{m.gen<<21 | uint32(c), uint32(g.ID)}
		}
	}
}

// zigzag is the unsigned form binary.AppendVarint writes.
func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// appendGlyphs packs the glyphs of run r, m having begun it.
func (m *glyphModel) appendGlyphs(b []byte, r *Run) []byte {
	b = binary.AppendUvarint(b, uint64(len(r.Glyphs)))
	pending := uint64(0)
	var pg Glyph
	for i := range r.Glyphs {
		g := &r.Glyphs[i]
		p := m.predict(r.Text, &pg, i == 0)
		flags := uint64(0)
		if g.ID != p.ID {
			flags |= glyphID
		}
		if g.At != p.At || g.End != p.End {
			flags |= glyphCluster
		}
		if g.Y != 0 {
			flags |= glyphY
		}
		dx := zigzag(int64(g.X - p.X))
		if dx >= 4 {
			flags |= glyphX
		}
		if flags == 0 && dx == 0 {
			pending++
		} else {
			if pending > 0 {
				b = binary.AppendUvarint(b, pending<<1)
				pending = 0
			}
			h := 1 | flags<<1
			if flags&glyphX == 0 {
				h |= dx << (1 + glyphFlags)
			}
			b = binary.AppendUvarint(b, h)
			if flags&glyphID != 0 {
				b = binary.AppendUvarint(b, uint64(g.ID))
			}
			if flags&glyphCluster != 0 {
				b = binary.AppendVarint(b, int64(g.At)-int64(p.At))
				b = binary.AppendVarint(b, int64(g.End)-int64(g.At))
			}
			if flags&glyphY != 0 {
				b = binary.AppendVarint(b, int64(g.Y))
			}
			if flags&glyphX != 0 {
				b = binary.AppendVarint(b, int64(g.X-p.X))
			}
		}
		m.learn(r.Text, g, &pg, i == 0)
		pg = *g
	}
	if pending > 0 {
		b = binary.AppendUvarint(b, pending<<1)
	}
	return b
}

// readGlyphs reads the glyphs of run r, m having begun it, appending
// them to slab.
func (rd *packReader) readGlyphs(slab []Glyph, r *Run) []Glyph {
	m := &rd.glyphs
	k := int(rd.uvarint())
	pending := uint64(0)
	var pg Glyph
	for i := range k {
		g := m.predict(r.Text, &pg, i == 0)
		if pending == 0 {
			h := rd.uvarint()
			if h&1 == 0 {
				pending = h >> 1
			} else {
				flags := h >> 1 & (1<<glyphFlags - 1)
				if flags&glyphID != 0 {
					g.ID = uint16(rd.uvarint())
				}
				if flags&glyphCluster != 0 {
					g.At += int32(rd.varint())
					g.End = g.At + int32(rd.varint())
				}
				if flags&glyphY != 0 {
					g.Y = Sp(rd.varint())
				}
				if flags&glyphX != 0 {
					g.X += Sp(rd.varint())
				} else {
					u := h >> (1 + glyphFlags)
					g.X += Sp(int64(u>>1) ^ -int64(u&1))
				}
			}
		}
		if pending > 0 {
			pending--
		}
		m.learn(r.Text, &g, &pg, i == 0)
		slab = append(slab, g)
		pg = g
	}
	return slab
}
