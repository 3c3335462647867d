package fonts

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is one embedded face parsed once, with its metrics in font units
// (UnitsPerEm units to the em). A Face is safe for concurrent use.
type Face struct {
	style Style
	// name is the face's file name, for messages.
	name string
	font *sfnt.Font
	upem int

	// Vertical metrics in font units; Descent is positive below the
	// baseline.
	ascent, descent, capHeight, xHeight int

	// low caches the glyphs of the runes below lowRunes, each packed by
	// pack and filled on first use, so the common case needs no lock and
	// loading a face does not look up hundreds of runes a text never uses.
	low [lowRunes]atomic.Uint64

	// data is the TrueType file; shaping is the face parsed for the
	// shaper, made when first used (see Shape).
	data    []byte
	shaping shaping

	mu   sync.Mutex
	buf  sfnt.Buffer
	high map[rune]glyph
}

// glyph is a rune's glyph in a face: id 0 means the face lacks the rune.
type glyph struct {
	id  sfnt.GlyphIndex
	adv int32
}

// lowRunes bounds the runes cached without a lock: Latin, Latin-1, Latin
// Extended-A and -B. General punctuation and the rest go through the
// locked cache.
const lowRunes = 0x250

var (
	faceOnce [len(fileNames)]sync.Once
	faces    [len(fileNames)]*Face
	faceErrs [len(fileNames)]error
)

// Get returns the parsed face of style s. The embedded file is parsed on
// the first call only; later calls return the same Face.
func Get(s Style) (*Face, error) {
	if s < 0 || int(s) >= len(fileNames) {
		return nil, fmt.Errorf("fonts: unknown style %d", int(s))
	}
	faceOnce[s].Do(func() { faces[s], faceErrs[s] = load(s) })
	return faces[s], faceErrs[s]
}

// MustGet is Get for the embedded faces, which are known to parse: it
// panics only if the binary was built with a broken font file.
func MustGet(s Style) *Face {
	f, err := Get(s)
	if err != nil {
		panic(err)
	}
	return f
}

func load(s Style) (*Face, error) {
	// Parse the embedded file in place: sfnt and the table scan touch
	// only the tables they need, not the whole file, and a byte slice
	// lets sfnt read them without copying.
	return parseFace(s, s.String(), TTF(s))
}

// parseFace parses the TrueType file data, named name, as the face of
// style s.
func parseFace(s Style, name string, data []byte) (*Face, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("fonts: parse %s: %w", name, err)
	}
	fc := &Face{
		style: s,
		name:  name,
		font:  f,
		upem:  int(f.UnitsPerEm()),
		high:  map[rune]glyph{},
		data:  data,
	}
	m, err := f.Metrics(&fc.buf, fc.ppem(), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("fonts: metrics of %s: %w", name, err)
	}
	fc.ascent = int(m.Ascent >> 6)
	fc.descent = int(m.Descent >> 6)
	// sfnt measures heights it derives from glyph outlines downwards
	// (negative) for faces whose OS/2 table predates version 2.
	fc.capHeight = abs(int(m.CapHeight >> 6))
	fc.xHeight = abs(int(m.XHeight >> 6))
	return fc, nil
}

// ppem asks sfnt for values in font units: one pixel per unit.
func (f *Face) ppem() fixed.Int26_6 { return fixed.Int26_6(f.upem) << 6 }

// lookup reads r's glyph from the font; the caller holds f.mu or owns f.
func (f *Face) lookup(r rune) glyph {
	if r < 0 || r > unicode.MaxRune {
		return glyph{}
	}
	id, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil || id == 0 {
		return glyph{}
	}
	adv, err := f.font.GlyphAdvance(&f.buf, id, f.ppem(), font.HintingNone)
	if err != nil {
		return glyph{}
	}
	return glyph{id: id, adv: int32(adv >> 6)}
}

func (f *Face) glyph(r rune) glyph {
	if r >= 0 && r < lowRunes {
		if v := f.low[r].Load(); v != 0 {
			return unpack(v)
		}
		f.mu.Lock()
		g := f.lookup(r)
		f.mu.Unlock()
		f.low[r].Store(pack(g))
		return g
	}
	f.mu.Lock()
	g, ok := f.high[r]
	if !ok {
		g = f.lookup(r)
		f.high[r] = g
	}
	f.mu.Unlock()
	return g
}

// pack stores a glyph in a word that is never zero, zero meaning "not
// looked up yet".
func pack(g glyph) uint64 { return 1<<63 | uint64(g.id)<<32 | uint64(uint32(g.adv)) }

func unpack(v uint64) glyph {
	return glyph{id: sfnt.GlyphIndex(v >> 32), adv: int32(uint32(v))}
}

// Style returns the style this face was loaded for.
func (f *Face) Style() Style { return f.style }

// UnitsPerEm returns the number of font units to the em.
func (f *Face) UnitsPerEm() int { return f.upem }

// Ascent returns the height above the baseline of the face's tallest
// glyphs, in font units.
func (f *Face) Ascent() int { return f.ascent }

// Descent returns the depth below the baseline of the face's lowest
// glyphs, in font units (positive).
func (f *Face) Descent() int { return f.descent }

// CapHeight returns the height of capital letters in font units (0 when
// the face does not say).
func (f *Face) CapHeight() int { return f.capHeight }

// XHeight returns the height of lowercase letters in font units (0 when
// the face does not say).
func (f *Face) XHeight() int { return f.xHeight }

// Has reports whether the face has a glyph for r that can be painted.
func (f *Face) Has(r rune) bool { return f.glyph(r).id != 0 }

// Advance returns the advance width of r in font units, or 0 when the
// face lacks r.
func (f *Face) Advance(r rune) int { return int(f.glyph(r).adv) }

// Outline returns the outline of r's glyph at ppem pixels to the em:
// segments in 26.6 fixed-point pixels from the glyph's origin on the
// baseline, y down, as package sfnt gives them. It is empty when the face
// lacks r or the glyph has no outline (a colour emoji).
func (f *Face) Outline(r rune, ppem fixed.Int26_6) (sfnt.Segments, error) {
	return f.GlyphOutline(uint16(f.glyph(r).id), ppem)
}

// GlyphOutline is Outline for the glyph with index id, such as a
// ligature a shaper chose (empty for glyph 0).
func (f *Face) GlyphOutline(id uint16, ppem fixed.Int26_6) (sfnt.Segments, error) {
	if id == 0 {
		return nil, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	segs, err := f.font.LoadGlyph(&f.buf, sfnt.GlyphIndex(id), ppem, nil)
	if errors.Is(err, sfnt.ErrColoredGlyph) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fonts: outline of glyph %d in %s: %w", id, f.name, err)
	}
	// The segments live in f.buf, which the next lookup reuses.
	return append(sfnt.Segments(nil), segs...), nil
}

// Cover returns the face that paints r for text in style s: s itself when
// it has r, else the fallback face (DejaVu Sans), else the code face, else
// the CJK face (Droid Sans Fallback), else the Hangul face
// (NanumMyeongjo), else the symbol face (Symbola); those three are parsed
// only when a character gets that far. ok is false when no embedded face has r; the
// caller must then report it.
func Cover(s Style, r rune) (face Style, ok bool) {
	if f, err := Get(s); err == nil && f.Has(r) {
		return s, true
	}
	return fallbackCover(s, r)
}

// fallbackCover is Cover after style s's own face lacks r.
func fallbackCover(s Style, r rune) (face Style, ok bool) {
	for _, alt := range [...]Style{Fallback, Mono, CJK, Hangul, Symbols} {
		if alt == s {
			continue
		}
		if f, err := Get(alt); err == nil && f.Has(r) {
			return alt, true
		}
	}
	return s, false
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
