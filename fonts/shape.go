package fonts

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	gotext "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// Glyph is one glyph of shaped text, in font units.
type Glyph struct {
	// ID is the glyph's index in the face.
	ID uint16
	// Cluster is the index, in the shaped runes, of the first rune the
	// glyph stands for; the glyphs of one cluster (a letter and its
	// marks, a ligature) share it.
	Cluster int32
	// Advance is how far the pen moves after the glyph; XOffset and
	// YOffset move the glyph from the pen (y up) without moving the pen.
	Advance, XOffset, YOffset int32
}

// Feature is a set of optional OpenType features to shape with, beyond
// the ones a shaper applies by default (ligatures, kerning, the forms of
// joining scripts, mark positioning).
type Feature uint8

const (
	// SmallCaps turns lowercase letters into small capitals (smcp).
	SmallCaps Feature = 1 << iota
	// CapsToSmallCaps turns capitals into small capitals (c2sc).
	CapsToSmallCaps
	// NoLigatures turns the standard ligatures off, for code and for
	// spaced letters.
	NoLigatures
)

// shaping is a face parsed for the shaper, made on first use: its GSUB
// and GPOS tables are read only by documents that shape with the face.
type shaping struct {
	once sync.Once
	err  error
	font *harfbuzz.Font
	feat map[ot.Tag]bool
	mu   sync.Mutex
	buf  *harfbuzz.Buffer
	// done caches the glyphs of the texts shaped: documents are mostly
	// words that recur, within a document and across the documents a
	// process converts.
	done map[shapedKey][]Glyph
}

// shapedKey names one shaping of a text in a face.
type shapedKey struct {
	text     string
	rtl      bool
	features Feature
}

// maxShaped bounds a face's cache of shaped texts: past it the cache
// starts afresh rather than grow without end.
const maxShaped = 1 << 15

func (f *Face) shaper() (*shaping, error) {
	sh := &f.shaping
	sh.once.Do(func() {
		face, err := gotext.ParseTTF(bytes.NewReader(f.data))
		if err != nil {
			sh.err = fmt.Errorf("fonts: parse %s for shaping: %w", f.style, err)
			return
		}
		sh.font = harfbuzz.NewFont(face)
		// Font units: no scaling, so one shaping serves every size.
		sh.font.XScale, sh.font.YScale = int32(f.upem), int32(f.upem)
		sh.feat = map[ot.Tag]bool{}
		for _, r := range face.Font.GSUB.Features {
			sh.feat[r.Tag] = true
		}
		sh.buf = harfbuzz.NewBuffer()
		sh.done = map[shapedKey][]Glyph{}
	})
	return sh, sh.err
}

// HasFeature reports whether the face's GSUB table offers feature, as
// a four-letter tag ("smcp").
func (f *Face) HasFeature(tag string) bool {
	sh, err := f.shaper()
	if err != nil || len(tag) != 4 {
		return false
	}
	return sh.feat[ot.MustNewTag(tag)]
}

var (
	tagSmcp = ot.MustNewTag("smcp")
	tagC2sc = ot.MustNewTag("c2sc")
	tagLiga = ot.MustNewTag("liga")
	tagClig = ot.MustNewTag("clig")
)

// Shape appends to dst the glyphs that set text in the face, in the
// order they are drawn from left to right (for right-to-left text, the
// reverse of the text's order), with the face's ligatures, contextual
// forms, kerning and mark positions. Runes the face lacks become glyph 0:
// callers choose a face per rune with Cover first.
func (f *Face) Shape(dst []Glyph, text []rune, rtl bool, features Feature) ([]Glyph, error) {
	sh, err := f.shaper()
	if err != nil {
		return dst, err
	}
	var feats []harfbuzz.Feature
	add := func(tag ot.Tag, v uint32) {
		feats = append(feats, harfbuzz.Feature{Tag: tag, Value: v, Start: harfbuzz.FeatureGlobalStart, End: harfbuzz.FeatureGlobalEnd})
	}
	if features&SmallCaps != 0 {
		add(tagSmcp, 1)
	}
	if features&CapsToSmallCaps != 0 {
		add(tagC2sc, 1)
	}
	if features&NoLigatures != 0 {
		add(tagLiga, 0)
		add(tagClig, 0)
	}
	key := shapedKey{string(text), rtl, features}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if gs, ok := sh.done[key]; ok {
		return append(dst, gs...), nil
	}
	b := sh.buf
	b.Clear()
	b.AddRunes(text, 0, len(text))
	b.Props.Direction = harfbuzz.LeftToRight
	if rtl {
		b.Props.Direction = harfbuzz.RightToLeft
	}
	b.Props.Script = scriptOf(text)
	b.Shape(sh.font, feats)
	start := len(dst)
	for i, info := range b.Info {
		p := b.Pos[i]
		dst = append(dst, Glyph{ID: uint16(info.Glyph), Cluster: int32(info.Cluster),
			Advance: int32(p.XAdvance), XOffset: int32(p.XOffset), YOffset: int32(p.YOffset)})
	}
	if len(sh.done) >= maxShaped {
		clear(sh.done)
	}
	sh.done[key] = slices.Clone(dst[start:])
	return dst, nil
}

// scriptOf is the script of the first letter of text that has one
// (Common for digits and punctuation alone).
func scriptOf(text []rune) language.Script {
	for _, r := range text {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited {
			return s
		}
	}
	return language.Common
}

// Nominal appends the glyphs of text as the face's character map gives
// them, each at its advance, without shaping: for a face the shaper
// cannot read.
func (f *Face) Nominal(dst []Glyph, text []rune, rtl bool) []Glyph {
	start := len(dst)
	for i, r := range text {
		g := f.glyph(r)
		dst = append(dst, Glyph{ID: uint16(g.id), Cluster: int32(i), Advance: g.adv})
	}
	if rtl {
		slices.Reverse(dst[start:])
	}
	return dst
}
