package export

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sort"
	"strings"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

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
	// With the accent that makes 16 colours, a 4-bit PNG, half the bytes
	// (and half the time) of 8 bits a pixel; at the cover's size text
	// edges look as smooth as with 64 steps (an edge pixel differs by at
	// most 9 of 255 in a channel).
	inkLevels = 15
)

// px scales a length of the 2400-pixel design to the cover.
func px(v float64) int { return int(v*coverH/2400 + 0.5) }

var (
	paper  = color.RGBA{0xf4, 0xf0, 0xe8, 0xff}
	ink    = color.RGBA{0x1e, 0x23, 0x28, 0xff}
	accent = color.RGBA{0x8e, 0x3b, 0x2e, 0xff}
)

// coverPalette holds the ink ramp (index 0 is paper, inkLevels-1 full
// ink) and then the accent colour: 16 colours. A paletted image keeps
// the PNG small.
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

// coverMissing returns the characters of the cover's text that no
// embedded face has, in the order met, each once: they are drawn as
// U+FFFD, so the export reports them.
func coverMissing(t coverText) ([]rune, error) {
	var missing []rune
	seen := map[rune]bool{}
	for _, part := range []struct {
		style fonts.Style
		text  string
	}{{fonts.Bold, t.title}, {fonts.Italic, t.subtitle}, {fonts.Regular, strings.Join(t.authors, " ")}, {fonts.Italic, t.date}} {
		if part.text == "" {
			continue
		}
		_, m, err := layout.SetText(part.text, layout.TextStyle{Face: part.style, Size: layout.Pt(12), Measure: layout.Pt(coverW)})
		if err != nil {
			return nil, err
		}
		for _, r := range m {
			if !seen[r] {
				seen[r] = true
				missing = append(missing, r)
			}
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

// block is a run of lines set in one style and size by layout.SetText.
type block struct {
	lines   []layout.TextLine
	leading int // baseline to baseline, in pixels
}

func (b block) height() int { return len(b.lines) * b.leading }

// setBlock finds the largest size between maxSize and minSize (in pixels)
// at which the units (words, or names kept together when they fit) fit in
// maxLines lines of the measure, and sets them there; at the smallest
// size, the units that would need more lines are left out and the last
// line ends in an ellipsis. upper spaces the letters, for text in
// capitals.
func setBlock(style fonts.Style, units []string, maxSize, minSize float64, maxLines int, leading float64, upper bool) (block, error) {
	tied := make([]string, len(units))
	for i, u := range units {
		tied[i] = strings.Join(strings.Fields(u), "\u00a0")
	}
	st := layout.TextStyle{Face: style, Measure: layout.Pt(coverW - 2*coverMargin)}
	set := func(n int, ellipsis bool) ([]layout.TextLine, error) {
		text := strings.Join(tied[:n], " ")
		if ellipsis {
			text += "…"
		}
		lines, _, err := layout.SetText(text, st)
		return lines, err
	}
	size := maxSize
	for {
		st.Size = layout.Pt(size)
		if upper {
			st.Tracking = layout.Pt(size * 0.12)
		}
		lines, err := set(len(tied), false)
		if err != nil {
			return block{}, err
		}
		small := size*0.92 < minSize
		if len(lines) > maxLines && small {
			// Keep as many units as fit with the ellipsis.
			lo, hi := 0, len(tied)-1
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if l, err := set(mid, true); err != nil {
					return block{}, err
				} else if len(l) <= maxLines {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			if lines, err = set(lo, true); err != nil {
				return block{}, err
			}
		}
		if len(lines) <= maxLines || small {
			return block{lines: lines, leading: int(size*leading + 0.5)}, nil
		}
		size *= 0.92
	}
}

// coverLine is one line of text placed on the cover.
type coverLine struct {
	glyphs []coverGlyph
	// box bounds the line's ink; mask holds the ink level of each pixel
	// of box while the line is being written out.
	box  image.Rectangle
	mask []byte
}

// coverGlyph is a glyph's outline placed on the cover: dot is its origin
// on the baseline.
type coverGlyph struct {
	dot  fixed.Point26_6
	segs sfnt.Segments
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

// add places each line of b, as layout centred it on the measure, the
// first baseline a quarter of the leading above y+leading, and returns
// the y below the block.
func (l *coverLayout) add(b block, y int) (int, error) {
	for _, line := range b.lines {
		y += b.leading
		baseline := y - b.leading/4
		cl, err := placeLine(line, coverMargin, baseline)
		if err != nil {
			return 0, err
		}
		cl.box = cl.bounds().Intersect(image.Rect(0, 0, coverW, coverH))
		l.lines = append(l.lines, cl)
	}
	return y, nil
}

// toFixed converts a length in points (a pixel of the cover) to 26.6
// fixed point.
func toFixed(pt float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(pt * 64)) }

// placeLine takes the outline of every glyph of a line set by layout,
// the line's measure starting at x and its baseline at y. Each glyph
// stands where layout placed it, as in the PDF.
func placeLine(line layout.TextLine, x, y int) (*coverLine, error) {
	cl := &coverLine{}
	for _, run := range line.Runs {
		face, err := fonts.Get(run.Face)
		if err != nil {
			return nil, err
		}
		ppem := toFixed(run.Size.Points())
		for _, g := range run.Glyphs {
			segs, err := face.GlyphOutline(g.ID, ppem)
			if err != nil {
				return nil, err
			}
			if len(segs) > 0 {
				dot := fixed.Point26_6{X: toFixed(float64(x) + (run.X + g.X).Points()), Y: fixed.I(y) + toFixed((run.Y - g.Y).Points())}
				cl.glyphs = append(cl.glyphs, coverGlyph{dot: dot, segs: segs})
			}
		}
	}
	return cl, nil
}

// bounds returns the pixels the line's glyphs can touch.
func (cl *coverLine) bounds() image.Rectangle {
	var box image.Rectangle
	for _, g := range cl.glyphs {
		box = box.Union(g.pixels())
	}
	return box
}

// pixels returns the pixels the glyph's outline touches.
func (g coverGlyph) pixels() image.Rectangle {
	b := g.segs.Bounds().Add(g.dot)
	return image.Rect(b.Min.X.Floor(), b.Min.Y.Floor(), b.Max.X.Ceil(), b.Max.Y.Ceil())
}

// render rasterises the line into buf, as ink levels, with z and the
// coverage mask m as scratch space.
func (cl *coverLine) render(buf []byte, z *vector.Rasterizer, m *image.Alpha) {
	b := cl.box
	cl.mask = buf[:b.Dx()*b.Dy()]
	clear(cl.mask)
	for _, g := range cl.glyphs {
		dr := g.pixels()
		if dr.Empty() {
			continue
		}
		// The outline moved so that dr's corner is the rasteriser's
		// origin.
		bias := g.dot.Sub(fixed.P(dr.Min.X, dr.Min.Y))
		pt := func(p fixed.Point26_6) (float32, float32) {
			p = p.Add(bias)
			return float32(p.X) / 64, float32(p.Y) / 64
		}
		z.Reset(dr.Dx(), dr.Dy())
		z.DrawOp = draw.Src
		for _, seg := range g.segs {
			switch seg.Op {
			case sfnt.SegmentOpMoveTo:
				z.MoveTo(pt(seg.Args[0]))
			case sfnt.SegmentOpLineTo:
				z.LineTo(pt(seg.Args[0]))
			case sfnt.SegmentOpQuadTo:
				x1, y1 := pt(seg.Args[0])
				x2, y2 := pt(seg.Args[1])
				z.QuadTo(x1, y1, x2, y2)
			case sfnt.SegmentOpCubeTo:
				x1, y1 := pt(seg.Args[0])
				x2, y2 := pt(seg.Args[1])
				x3, y3 := pt(seg.Args[2])
				z.CubeTo(x1, y1, x2, y2, x3, y3)
			}
		}
		n := dr.Dx() * dr.Dy()
		if cap(m.Pix) < n {
			m.Pix = make([]byte, n)
		}
		m.Pix, m.Stride, m.Rect = m.Pix[:n], dr.Dx(), image.Rect(0, 0, dr.Dx(), dr.Dy())
		z.Draw(m, m.Rect, image.Opaque, image.Point{})
		cl.ink(dr, m, image.Point{})
	}
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
	if y, err = l.add(title, y); err != nil {
		return nil, err
	}
	if len(sub.lines) > 0 {
		if y, err = l.add(sub, y+gapSub); err != nil {
			return nil, err
		}
	}
	// A short rule in the accent colour between the titles and the names.
	y += gapRule
	l.fills = append(l.fills, coverFill{image.Rect(coverW/2-px(90), y, coverW/2+px(90), y+rule), accentIndex})
	y += rule
	if len(names.lines) > 0 {
		if _, err := l.add(names, y+gapNames); err != nil {
			return nil, err
		}
	}
	if t.date != "" {
		date, err := setBlock(fonts.Italic, []string{t.date}, float64(px(52)), float64(px(40)), 1, 1.3, false)
		if err != nil {
			return nil, err
		}
		if _, err := l.add(date, coverH-px(260)-date.leading+date.leading/4); err != nil {
			return nil, err
		}
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
	var z vector.Rasterizer
	var m image.Alpha
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
			cl.render(buf, &z, &m)
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
