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
// had last and the advance after a glyph last, in the run's face and
// size, scaled to the run's expansion.
type glyphModel struct {
	face   fonts.Style
	size   Sp
	expand int
	// gen counts the changes of face or size: an entry of another
	// generation is stale.
	gen  uint32
	adv  [128]advEntry
	char [128]struct{ key, id uint32 }
}

// advEntry is the advance after a glyph, at expansion expand.
type advEntry struct {
	key, adv uint32
	expand   int32
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
	if m.gen == 0 || r.Face != m.face || r.Size != m.size {
		m.face, m.size = r.Face, r.Size
		m.gen++
	}
	m.expand = r.Expand
}

// predict returns the glyph expected after pg (first: the run's first)
// in text.
func (m *glyphModel) predict(text string, pg *Glyph, first bool) Glyph {
	var p Glyph
	if !first {
		p.At = pg.End
		p.X = pg.X + m.advance(pg.ID)
	}
	p.End = p.At
	if p.At >= 0 && int(p.At) < len(text) {
		c, n := rune(text[p.At]), 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRuneInString(text[p.At:])
		}
		p.End += int32(n)
		if e := &m.char[c&127]; e.key == m.gen<<21|uint32(c) {
			p.ID = uint16(e.id)
		}
	}
	return p
}

// advance is the advance expected after glyph id (0: none known).
func (m *glyphModel) advance(id uint16) Sp {
	e := &m.adv[id&127]
	if e.key != m.gen<<16|uint32(id) {
		return 0
	}
	a := Sp(int32(e.adv))
	if e.expand != int32(m.expand) && e.expand > -1000 && m.expand > -1000 {
		// Expanded as layout expands: the same advance wider or
		// narrower.
		a = a * Sp(1000+m.expand) / Sp(1000+e.expand)
	}
	return a
}

// width is the width expected of run r, its glyphs read: to the end of
// its last glyph's advance.
func (m *glyphModel) width(r *Run) Sp {
	if len(r.Glyphs) == 0 {
		return 0
	}
	g := &r.Glyphs[len(r.Glyphs)-1]
	return g.X + m.advance(g.ID)
}

// learn notes glyph g, after pg unless first.
func (m *glyphModel) learn(text string, g, pg *Glyph, first bool) {
	if !first {
		if d := g.X - pg.X; d == Sp(int32(d)) && m.expand == int(int32(m.expand)) {
			m.adv[pg.ID&127] = advEntry{m.gen<<16 | uint32(pg.ID), uint32(int32(d)), int32(m.expand)}
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
			// As predicted: nothing to learn.
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
			m.learn(r.Text, g, &pg, i == 0)
		}
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
				m.learn(r.Text, &g, &pg, i == 0)
			}
		}
		if pending > 0 {
			pending--
		}
		slab = append(slab, g)
		pg = g
	}
	return slab
}
