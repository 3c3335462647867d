package export

import (
	"fmt"
	"image"
	"image/color"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"pamphlet/fonts"
	"pamphlet/layout"
	"pamphlet/locale"
)

// The generated cover: a calm typographic page in the proportions of a
// book (2:3), 1600 pixels tall as e-book stores ask at least. Text is set
// in the project's Charis SIL faces, centred: the title as large as fits,
// the subtitle in italics, a short rule, the authors in spaced capitals,
// and the date at the foot, inside a thin frame. Sizes and positions are
// given for a 2400-pixel-tall design and scaled by px.
const (
	coverH = 1600
	coverW = coverH * 2 / 3
	// coverMargin is the side margin of the text.
	coverMargin = coverH * 190 / 2400
	// inkLevels is the number of anti-aliasing steps from paper to ink.
	inkLevels = 64
)

// px scales a length of the 2400-pixel design to the cover.
func px(v float64) int { return int(v*coverH/2400 + 0.5) }

var (
	paper  = color.RGBA{0xf4, 0xf0, 0xe8, 0xff}
	ink    = color.RGBA{0x1e, 0x23, 0x28, 0xff}
	accent = color.RGBA{0x8e, 0x3b, 0x2e, 0xff}
)

// coverPalette holds the ink ramp (index 0 is paper, inkLevels-1 full
// ink) and then the accent colour. A paletted image keeps the PNG small.
var coverPalette = func() color.Palette {
	p := make(color.Palette, 0, inkLevels+1)
	for i := 0; i < inkLevels; i++ {
		mix := func(a, b uint8) uint8 {
			return uint8((int(a)*(inkLevels-1-i) + int(b)*i + (inkLevels-1)/2) / (inkLevels - 1))
		}
		p = append(p, color.RGBA{mix(paper.R, ink.R), mix(paper.G, ink.G), mix(paper.B, ink.B), 0xff})
	}
	return append(p, accent)
}()

const accentIndex = inkLevels

// coverText is what a generated cover shows. authors holds the byline in
// pieces that stay on one line when they can: "Ann Lee," "Bo Chan" "and
// Cy Day".
type coverText struct {
	title, subtitle, date string
	authors               []string
}

func (bk *book) coverText(loc *locale.Words) coverText {
	var names []string
	people := bk.creators
	if bk.coverNames != nil {
		people = bk.coverNames
	}
	for i, n := range people {
		switch {
		case i == len(people)-1 && i > 0:
			names = append(names, loc.And+" "+n)
		case i < len(people)-2:
			names = append(names, n+",")
		default:
			names = append(names, n)
		}
	}
	if len(names) > 12 {
		names = append(names[:11], "…")
	}
	for i := range names {
		names[i] = clip(names[i], coverRunes/2)
	}
	if bk.coverLabel != "" && len(names) > 0 {
		names = append([]string{bk.coverLabel}, names...)
	}
	return coverText{
		title:    clip(bk.title, coverRunes),
		subtitle: clip(bk.subtitle, coverRunes),
		authors:  names,
		date:     formatDate(loc, bk.date),
	}
}

// coverFonts holds every embedded face, each parsed on first use (a cover
// uses a few) and read in place from the embedded bytes, so only the
// tables and glyphs the cover needs are paged in. A parsed font is safe for concurrent use;
// faces are made per cover, as they are not.
var coverFonts = func() map[fonts.Style]func() (*opentype.Font, error) {
	m := map[fonts.Style]func() (*opentype.Font, error){}
	for _, s := range fonts.Styles {
		m[s] = sync.OnceValues(func() (*opentype.Font, error) {
			f, err := opentype.Parse(fonts.TTF(s))
			if err != nil {
				return nil, fmt.Errorf("parse font %s: %w", s, err)
			}
			return f, nil
		})
	}
	return m
}()

// coverFallbacks are the faces that draw what a cover style lacks, in
// the order tried: DejaVu Sans, then Droid Sans Fallback for Chinese and
// Japanese, then NanumMyeongjo for Korean, then Symbola for emoji and
// symbols.
var coverFallbacks = [...]fonts.Style{fonts.Fallback, fonts.CJK, fonts.Hangul, fonts.Symbols}

// face sets text in one style at one size, taking characters the style
// lacks from the fallback faces.
type face struct {
	main      font.Face
	fallbacks [len(coverFallbacks)]font.Face // each made when first needed
	opts      *opentype.FaceOptions
	size      float64
	// tracking is extra space after each character.
	tracking fixed.Int26_6
	err      error
}

func newFace(style fonts.Style, size float64) (*face, error) {
	f, err := coverFonts[style]()
	if err != nil {
		return nil, err
	}
	opts := &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone}
	main, err := opentype.NewFace(f, opts)
	if err != nil {
		return nil, err
	}
	return &face{main: main, opts: opts, size: size}, nil
}

// pick returns the face that has r: the main face, else the first
// fallback that has it, else the main face's replacement glyph (the
// export warns about those characters up front; see coverMissing).
func (f *face) pick(r rune) font.Face {
	if _, ok := f.main.GlyphAdvance(r); ok {
		return f.main
	}
	for i, s := range coverFallbacks {
		if f.fallbacks[i] == nil && f.err == nil {
			fb, err := coverFonts[s]()
			if err == nil {
				f.fallbacks[i], err = opentype.NewFace(fb, f.opts)
			}
			f.err = err
		}
		if f.fallbacks[i] != nil {
			if _, ok := f.fallbacks[i].GlyphAdvance(r); ok {
				return f.fallbacks[i]
			}
		}
	}
	return f.main
}

// coverMissing returns the characters of the cover's text that none of
// its faces has, in the order met, each once: they would be drawn as
// empty boxes, so the export reports them.
func coverMissing(t coverText) ([]rune, error) {
	var missing []rune
	seen := map[rune]bool{}
	check := func(style fonts.Style, s string) error {
		f, err := newFace(style, 12)
		if err != nil {
			return err
		}
		for _, r := range s {
			if seen[r] || unicode.IsSpace(r) || !unicode.IsGraphic(r) {
				continue
			}
			seen[r] = true
			if _, ok := f.pick(r).GlyphAdvance(r); !ok {
				missing = append(missing, r)
			}
		}
		return f.err
	}
	for _, part := range []struct {
		style fonts.Style
		text  string
	}{{fonts.Bold, t.title}, {fonts.Italic, t.subtitle}, {fonts.Regular, strings.Join(t.authors, " ")}, {fonts.Italic, t.date}} {
		if err := check(part.style, part.text); err != nil {
			return nil, err
		}
	}
	return missing, nil
}

// coverRunes bounds the text a cover shows of each part: more than the
// four lines of the smallest title size hold. A longer title is cut
// first, at a space when there is one near the end, so that setting it
// costs the same whatever its length.
const coverRunes = 160

// clip cuts s to n characters, ending it with an ellipsis when it was
// cut.
func clip(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			cut := s[:k]
			if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)*2/3 {
				cut = cut[:sp]
			}
			return strings.TrimRight(cut, " ,;:") + "…"
		}
		i++
	}
	return s
}

// width measures s as it is drawn (see coverLine.walk).
func (f *face) width(s string) fixed.Int26_6 {
	s = layout.Visual(s)
	var w fixed.Int26_6
	prev := rune(-1)
	var prevFace font.Face
	for _, r := range s {
		ff := f.pick(r)
		if prev >= 0 && ff == prevFace {
			w += ff.Kern(prev, r)
		}
		adv, _ := ff.GlyphAdvance(r)
		w += adv + f.tracking
		prev, prevFace = r, ff
	}
	if w > 0 {
		w -= f.tracking
	}
	return w
}

// wrap breaks units (words, or whole names) into lines no wider than max,
// greedily. A unit wider than max on its own is broken into its words,
// and a word between characters.
func (f *face) wrap(units []string, max fixed.Int26_6) []string {
	var lines []string
	line := ""
	for i := 0; i < len(units); i++ {
		u := units[i]
		try := u
		if line != "" {
			try = line + " " + u
		}
		if f.width(try) <= max {
			line = try
			continue
		}
		if words := strings.Fields(u); len(words) > 1 && f.width(u) > max {
			units = append(append(append([]string(nil), units[:i]...), words...), units[i+1:]...)
			i--
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = u
		for f.width(line) > max {
			head := f.fit(line, max)
			lines = append(lines, head)
			line = line[len(head):]
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fit returns the longest prefix of s (at least one character) no wider
// than max.
func (f *face) fit(s string, max fixed.Int26_6) string {
	end := 0
	for i, r := range s {
		next := i + len(string(r))
		if end > 0 && f.width(s[:next]) > max {
			break
		}
		end = next
	}
	return s[:end]
}

// balance rewraps lines to the narrowest measure that keeps their number,
// so a title does not end in a short last line.
func (f *face) balance(words []string, max fixed.Int26_6) []string {
	lines := f.wrap(words, max)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := max/fixed.Int26_6(len(lines)), max
	for hi-lo > fixed.I(2) {
		mid := (lo + hi) / 2
		if len(f.wrap(words, mid)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return f.wrap(words, hi)
}

// block is a run of lines in one face.
type block struct {
	f       *face
	lines   []string
	leading int // baseline to baseline, in pixels
}

func (b block) height() int { return len(b.lines) * b.leading }

// setBlock finds the largest size between maxSize and minSize at which
// the units (words, or names kept together when they fit) fit in maxLines
// lines of the measure, and sets them there; at the smallest size, lines
// beyond maxLines are cut and end in an ellipsis. upper spaces the
// letters, for text in capitals.
func setBlock(style fonts.Style, words []string, maxSize, minSize float64, maxLines int, leading float64, upper bool) (block, error) {
	measure := fixed.I(coverW - 2*coverMargin)
	size := maxSize
	for {
		f, err := newFace(style, size)
		if err != nil {
			return block{}, err
		}
		if upper {
			f.tracking = fixed.Int26_6(size * 0.12 * 64)
		}
		lines := f.balance(words, measure)
		small := size*0.92 < minSize
		if len(lines) <= maxLines || small {
			if len(lines) > maxLines {
				lines = lines[:maxLines]
				last := lines[maxLines-1] + "…"
				for f.width(last) > measure && len(last) > len("…") {
					r := []rune(strings.TrimSuffix(last, "…"))
					last = strings.TrimRight(string(r[:len(r)-1]), " ") + "…"
				}
				lines[maxLines-1] = last
			}
			return block{f: f, lines: lines, leading: int(size*leading + 0.5)}, f.err
		}
		size *= 0.92
	}
}

// coverLine is one line of text placed on the cover.
type coverLine struct {
	f    *face
	text string
	// dot is where the line starts, on its baseline.
	dot fixed.Point26_6
	// box bounds the line's ink (generously); mask holds the ink level of
	// each pixel of box while the line is being written out.
	box  image.Rectangle
	mask []byte
}

// coverLayout is the cover's content: lines of text and solid
// rectangles, each with a palette index.
type coverLayout struct {
	lines []*coverLine
	fills []coverFill
}

type coverFill struct {
	r     image.Rectangle
	index uint8
}

// add centres each line of b on the page, the first baseline a quarter of
// the leading above y+leading, and returns the y below the block.
func (l *coverLayout) add(b block, y int) int {
	for _, text := range b.lines {
		y += b.leading
		baseline := y - b.leading/4
		w := b.f.width(text)
		x := (fixed.I(coverW) - w) / 2
		cl := &coverLine{f: b.f, text: text, dot: fixed.Point26_6{X: x, Y: fixed.I(baseline)}}
		cl.box = cl.bounds().Intersect(image.Rect(0, 0, coverW, coverH))
		l.lines = append(l.lines, cl)
	}
	return y
}

// bounds returns the pixels the line's glyphs can touch.
func (cl *coverLine) bounds() image.Rectangle {
	var box fixed.Rectangle26_6
	first := true
	cl.walk(func(ff font.Face, dot fixed.Point26_6, r rune) {
		gb, _, _ := ff.GlyphBounds(r)
		if gb.Empty() {
			return
		}
		gb = gb.Add(dot)
		if first {
			box, first = gb, false
		} else {
			box = box.Union(gb)
		}
	})
	if first {
		return image.Rectangle{}
	}
	// One pixel more on every side for anti-aliasing.
	return image.Rect(box.Min.X.Floor()-1, box.Min.Y.Floor()-1, box.Max.X.Ceil()+1, box.Max.Y.Ceil()+1)
}

// walk calls f for each character of the line with its face and pen
// position.
func (cl *coverLine) walk(f func(ff font.Face, dot fixed.Point26_6, r rune)) {
	dot := cl.dot
	prev := rune(-1)
	var prevFace font.Face
	// Right-to-left words are drawn in display order, Arabic in its
	// joined forms, as the PDF sets them.
	for _, r := range layout.Visual(cl.text) {
		ff := cl.f.pick(r)
		if prev >= 0 && ff == prevFace {
			dot.X += ff.Kern(prev, r)
		}
		f(ff, dot, r)
		adv, _ := ff.GlyphAdvance(r)
		dot.X += adv + cl.f.tracking
		prev, prevFace = r, ff
	}
}

// render rasterises the line into buf, as ink levels.
func (cl *coverLine) render(buf []byte) {
	b := cl.box
	cl.mask = buf[:b.Dx()*b.Dy()]
	clear(cl.mask)
	cl.walk(func(ff font.Face, dot fixed.Point26_6, r rune) {
		dr, gm, gp, _, _ := ff.Glyph(dot, r)
		if gm == nil || dr.Empty() {
			return
		}
		m, ok := gm.(*image.Alpha)
		if !ok {
			// Not a plain coverage mask: let draw convert it.
			m = image.NewAlpha(dr)
			draw.DrawMask(m, dr, image.Opaque, image.Point{}, gm, gp, draw.Src)
			gp = dr.Min
		}
		cl.ink(dr, m, gp)
	})
}

// ink adds a glyph's coverage (m from mp, drawn at r) to the mask,
// keeping the darker level where glyphs overlap.
func (cl *coverLine) ink(r image.Rectangle, m *image.Alpha, mp image.Point) {
	clip := r.Intersect(cl.box)
	w := cl.box.Dx()
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		src := m.Pix[m.PixOffset(mp.X+clip.Min.X-r.Min.X, mp.Y+y-r.Min.Y):]
		dst := cl.mask[(y-cl.box.Min.Y)*w+clip.Min.X-cl.box.Min.X:]
		for x := 0; x < clip.Dx(); x++ {
			if a := src[x]; a != 0 {
				if lvl := uint8((int(a)*(inkLevels-1) + 127) / 255); lvl > dst[x] {
					dst[x] = lvl
				}
			}
		}
	}
}

// coverPNG lays out the cover and writes it as PNG. The same text always
// gives the same bytes.
func coverPNG(t coverText) ([]byte, error) {
	var l coverLayout
	// Title sizes: the largest that fits in four lines wins; at the
	// smallest the title wraps further and is cut short.
	title, err := setBlock(fonts.Bold, strings.Fields(t.title), float64(px(176)), float64(px(80)), 4, 1.12, false)
	if err != nil {
		return nil, err
	}
	var sub, names block
	if t.subtitle != "" {
		if sub, err = setBlock(fonts.Italic, strings.Fields(t.subtitle), float64(px(72)), float64(px(48)), 3, 1.3, false); err != nil {
			return nil, err
		}
	}
	if len(t.authors) > 0 {
		upper := make([]string, len(t.authors))
		for i, a := range t.authors {
			upper[i] = strings.ToUpper(a)
		}
		if names, err = setBlock(fonts.Regular, upper, float64(px(56)), float64(px(40)), 3, 1.5, true); err != nil {
			return nil, err
		}
	}
	// The group of title, subtitle, rule and names is centred on the
	// upper golden section of the page, never above a top margin.
	gapSub, gapRule, rule, gapNames := px(40), px(110), px(7), px(50)
	height := title.height() + gapRule + rule
	if len(sub.lines) > 0 {
		height += gapSub + sub.height()
	}
	if len(names.lines) > 0 {
		height += gapNames + names.height()
	}
	y := max(px(300), coverH*382/1000-height/2)
	y = l.add(title, y)
	if len(sub.lines) > 0 {
		y = l.add(sub, y+gapSub)
	}
	// A short rule in the accent colour between the titles and the names.
	y += gapRule
	l.fills = append(l.fills, coverFill{image.Rect(coverW/2-px(90), y, coverW/2+px(90), y+rule), accentIndex})
	y += rule
	if len(names.lines) > 0 {
		l.add(names, y+gapNames)
	}
	if t.date != "" {
		date, err := setBlock(fonts.Italic, []string{t.date}, float64(px(52)), float64(px(40)), 1, 1.3, false)
		if err != nil {
			return nil, err
		}
		l.add(date, coverH-px(260)-date.leading+date.leading/4)
	}
	// A thin frame holds the page together.
	m, w := px(80), px(4)
	frame := image.Rect(m, m, coverW-m, coverH-m)
	for _, r := range []image.Rectangle{
		{frame.Min, image.Pt(frame.Max.X, frame.Min.Y+w)},
		{image.Pt(frame.Min.X, frame.Max.Y-w), frame.Max},
		{frame.Min, image.Pt(frame.Min.X+w, frame.Max.Y)},
		{image.Pt(frame.Max.X-w, frame.Min.Y), frame.Max},
	} {
		l.fills = append(l.fills, coverFill{r, inkLevels - 1})
	}
	return l.png(), nil
}

// png writes the layout row by row. Only the lines a row crosses are
// rasterised at a time, into reused buffers: a one-shot command then
// touches a few hundred kilobytes instead of a whole page image, which
// matters where every fresh memory page costs a fault.
func (l *coverLayout) png() []byte {
	sort.SliceStable(l.lines, func(i, j int) bool { return l.lines[i].box.Min.Y < l.lines[j].box.Min.Y })
	var free [][]byte
	var active []*coverLine
	next := 0
	maxMask := 0
	for _, cl := range l.lines {
		maxMask = max(maxMask, cl.box.Dx()*cl.box.Dy())
	}
	return writePalettedPNG(coverW, coverH, coverPalette, func(y int, row []byte) {
		clear(row)
		for _, f := range l.fills {
			if y >= f.r.Min.Y && y < f.r.Max.Y {
				fillRow(row[f.r.Min.X:f.r.Max.X], f.index)
			}
		}
		// Retire lines above the row, start those that reach it.
		kept := active[:0]
		for _, cl := range active {
			if cl.box.Max.Y > y {
				kept = append(kept, cl)
			} else {
				free = append(free, cl.mask)
				cl.mask = nil
			}
		}
		active = kept
		for next < len(l.lines) && l.lines[next].box.Min.Y <= y {
			cl := l.lines[next]
			next++
			if cl.box.Empty() || cl.box.Max.Y <= y {
				continue
			}
			n := cl.box.Dx() * cl.box.Dy()
			var buf []byte
			for i, b := range free {
				if cap(b) >= n {
					buf = b[:n]
					free = append(free[:i], free[i+1:]...)
					break
				}
			}
			if buf == nil {
				// Big enough for any line of the block, so it is reused.
				buf = make([]byte, n, max(n, maxMask))
			}
			cl.render(buf)
			active = append(active, cl)
		}
		for _, cl := range active {
			w := cl.box.Dx()
			src := cl.mask[(y-cl.box.Min.Y)*w : (y-cl.box.Min.Y+1)*w]
			dst := row[cl.box.Min.X:cl.box.Max.X]
			for x, lvl := range src {
				if d := dst[x]; lvl > d && d < inkLevels {
					dst[x] = lvl
				}
			}
		}
	})
}

func fillRow(row []byte, index uint8) {
	for i := range row {
		row[i] = index
	}
}
