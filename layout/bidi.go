package layout

import (
	"slices"
	"unicode/utf8"

	gobidi "github.com/go-text/typesetting/bidi"
	"golang.org/x/text/unicode/bidi"

	"pamphlet/fonts"
)

// Right-to-left text (Arabic, Hebrew) is kept in logical order through
// item building and line breaking, which measure the same either way.
// Each character gets its embedding level from the Unicode bidirectional
// algorithm (UAX #9) for its paragraph, and each set line is reordered
// for display (rule L2): the pieces of right-to-left runs are placed from
// right to left. The shaper has set each right-to-left piece already in
// drawing order (letters joined, marks placed, brackets mirrored), its
// text kept in logical order for extraction, so that the exporter paints
// every run's glyphs left to right.

// hasRTL reports whether cs holds any right-to-left character (or an
// explicit right-to-left mark or embedding), which is when a paragraph
// needs the bidirectional algorithm at all.
func hasRTL(cs []ch) bool {
	for _, c := range cs {
		if c.r >= 0x0590 && rtlClass(c.r) {
			return true
		}
	}
	return false
}

// textHasRTL is hasRTL for a string.
func textHasRTL(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && rtlClass(r) {
			return true
		}
	}
	return false
}

func rtlClass(r rune) bool {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.R, bidi.AL, bidi.RLE, bidi.RLO, bidi.RLI:
		return true
	}
	return false
}

// setLevels gives each character of a paragraph its embedding level and
// returns the paragraph's base level: 0 when its first strong character is
// left-to-right, 1 when right-to-left (rules P2 and P3). Line breaks count
// as spaces. The levels are those of the Unicode bidirectional algorithm
// as go-text implements it, nested embeddings and isolates included.
func setLevels(cs []ch) (base uint8) {
	rs := make([]rune, len(cs))
	for i, c := range cs {
		rs[i] = c.r
		if p, _ := bidi.LookupRune(c.r); p.Class() == bidi.B || c.r == '\n' {
			rs[i] = ' ' // one paragraph: separators would end it
		}
	}
	dir := gobidi.LeftToRight
	if firstStrongRTL(rs) {
		dir, base = gobidi.RightToLeft, 1
	}
	var p gobidi.Paragraph
	runs := p.Segment(rs, dir)
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		for k := r.Start; k < r.End && k < len(cs); k++ {
			cs[k].level = uint8(r.Level)
		}
	}
	return base
}

// firstStrongRTL reports whether the first strong character of rs, outside
// isolates, is right to left.
func firstStrongRTL(rs []rune) bool {
	depth := 0
	for _, r := range rs {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			depth++
		case bidi.PDI:
			depth = max(depth-1, 0)
		case bidi.L:
			if depth == 0 {
				return false
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// reorder places the runs of a set line in display order (rule L2). The
// line is seen as a row of segments: the space before the first run, the
// runs and the gaps between them, and the space after the last run up to
// width. Each has a level (a gap takes the lower of its neighbours', the
// outer spaces the paragraph's); from the highest level down to the
// lowest odd one, every stretch of segments at that level or above is
// reversed. Runs are then placed from the left in the new order, and the
// text of right-to-left runs is reversed. levels and links hold each
// run's level and link (0: none); links are rebuilt over the new
// positions.
func reorder(box *vbox, levels []uint8, links []int32, urls []string, width Sp, base uint8) {
	runs := box.runs
	if len(runs) == 0 {
		return
	}
	type segment struct {
		run   int // index in runs, or -1 for space
		w     Sp
		level uint8
	}
	segs := make([]segment, 0, 2*len(runs)+1)
	segs = append(segs, segment{-1, runs[0].X, base})
	for i, r := range runs {
		if i > 0 {
			prev := runs[i-1]
			segs = append(segs, segment{-1, r.X - (prev.X + prev.Width), min(levels[i-1], levels[i])})
		}
		segs = append(segs, segment{i, r.Width, levels[i]})
	}
	last := runs[len(runs)-1]
	segs = append(segs, segment{-1, width - (last.X + last.Width), base})
	if !reverseLevels(segs, func(sg segment) uint8 { return sg.level }) {
		return // all left to right
	}
	out := make([]Run, 0, len(runs))
	var outLinks []int32
	var x Sp
	for _, sg := range segs {
		if sg.run >= 0 {
			r := runs[sg.run]
			r.X = x
			out = append(out, r)
			outLinks = append(outLinks, links[sg.run])
		}
		x += sg.w
	}
	box.runs = out
	if len(box.links()) == 0 {
		return
	}
	r := box.rare
	r.links = r.links[:0]
	for i := 0; i < len(out); i++ {
		id := outLinks[i]
		if id == 0 {
			continue
		}
		j := i
		for j+1 < len(out) && outLinks[j+1] == id {
			j++
		}
		r.links = append(r.links, LinkArea{X: out[i].X, W: out[j].X + out[j].Width - out[i].X, URL: urls[id-1], Tag: id})
		i = j
	}
}

// shapeLine appends the pieces of a line of text set outside paragraphs
// (running heads, code), in display order: each stretch of one embedding
// level shaped in its direction, the stretches placed by rule L2.
func (sh *shaper) shapeLine(dst []piece, text string, s fonts.Style, size Sp) []piece {
	cs := make([]ch, 0, len(text))
	for _, r := range text {
		cs = append(cs, ch{r: r})
	}
	if !hasRTL(cs) {
		return sh.shape(dst, text, s, size)
	}
	setLevels(cs)
	start := len(dst)
	var b []byte
	for i := 0; i < len(cs); {
		j := i
		b = b[:0]
		for j < len(cs) && cs[j].level == cs[i].level {
			b = utf8.AppendRune(b, cs[j].r)
			j++
		}
		n := len(dst)
		dst = sh.shapeDir(dst, string(b), s, size, cs[i].level%2 == 1)
		for k := n; k < len(dst); k++ {
			dst[k].level = cs[i].level
		}
		i = j
	}
	reverseLevels(dst[start:], func(pc piece) uint8 { return pc.level })
	return dst
}

// reverseLevels applies rule L2 to items in logical order: from the
// highest level down to the lowest odd one, every longest stretch of items
// at that level or above is reversed. It reports whether any item is at
// an odd level, that is whether anything reads right to left.
func reverseLevels[T any](items []T, level func(T) uint8) bool {
	top, lowOdd := uint8(0), uint8(255)
	for _, it := range items {
		l := level(it)
		top = max(top, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for k := top; k >= lowOdd && k > 0; k-- {
		for i := 0; i < len(items); {
			if level(items[i]) < k {
				i++
				continue
			}
			j := i
			for j < len(items) && level(items[j]) >= k {
				j++
			}
			slices.Reverse(items[i:j])
			i = j
		}
	}
	return lowOdd != 255
}
