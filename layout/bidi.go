package layout

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text (Arabic, Hebrew) is kept in logical order through
// item building and line breaking, which measure the same either way.
// Each character gets its embedding level from the Unicode bidirectional
// algorithm (UAX #9) for its paragraph, and each set line is reordered
// for display (rule L2): the pieces of right-to-left runs are placed from
// right to left and their characters reversed, with brackets mirrored,
// so that the exporter can paint every run left to right.

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

func rtlClass(r rune) bool {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.R, bidi.AL, bidi.RLE, bidi.RLO, bidi.RLI:
		return true
	}
	return false
}

// isRTLScript reports characters of the right-to-left scripts, between
// which layout applies no kerning: their runs are reversed for display,
// and a reversed run must measure the same.
func isRTLScript(r rune) bool {
	return r >= 0x0590 && (r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF)
}

// setLevels gives each character of a paragraph its embedding level and
// returns the paragraph's base level: 0 when its first strong character is
// left-to-right, 1 when right-to-left. Line breaks count as spaces. The
// bidi package resolves runs of one direction; a left-to-right run of
// digits between right-to-left ones in a left-to-right paragraph (a
// number in an Arabic phrase) nests one level deeper, as rule W2 and I2
// make it.
func setLevels(cs []ch) (base uint8) {
	rs := make([]rune, len(cs))
	for i, c := range cs {
		rs[i] = c.r
		if p, _ := bidi.LookupRune(c.r); p.Class() == bidi.B || c.r == '\n' {
			rs[i] = ' ' // one paragraph: separators would end it
		}
	}
	defer func() {
		// The bidi package is young; text it cannot order stays in
		// logical order rather than failing the layout.
		if recover() != nil {
			for i := range cs {
				cs[i].level = 0
			}
			base = 0
		}
	}()
	var p bidi.Paragraph
	if _, err := p.SetString(string(rs)); err != nil {
		return 0
	}
	o, err := p.Order()
	if err != nil {
		return 0
	}
	if !p.IsLeftToRight() {
		base = 1
	}
	n := o.NumRuns()
	dirs := make([]bidi.Direction, n)
	for i := range n {
		r := o.Run(i)
		dirs[i] = r.Direction()
	}
	for i := range n {
		r := o.Run(i)
		start, end := r.Pos()
		level := base
		rtl := dirs[i] == bidi.RightToLeft
		if rtl != (base == 1) {
			level++
		}
		if base == 0 && !rtl && i > 0 && i < n-1 && dirs[i-1] == bidi.RightToLeft && dirs[i+1] == bidi.RightToLeft &&
			weakOnly(rs[start:min(end+1, len(rs))]) {
			level = 2
		}
		for k := start; k <= end && k < len(cs); k++ {
			cs[k].level = level
		}
	}
	return base
}

// weakOnly reports whether rs has no strong left-to-right character.
func weakOnly(rs []rune) bool {
	for _, r := range rs {
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.L {
			return false
		}
	}
	return true
}

// reverseRTL returns the characters of a right-to-left run in display
// order: reversed, brackets mirrored, and each combining mark kept after
// the letter it belongs to (the faces position marks over the glyph
// before them).
func reverseRTL(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	end := len(rs)
	for end > 0 {
		start := end - 1
		for start > 0 && unicode.In(rs[start], unicode.Mn, unicode.Me) {
			start--
		}
		for k := start; k < end; k++ {
			r := rs[k]
			if p, _ := bidi.LookupRune(r); p.IsBracket() {
				if m := []rune(bidi.ReverseString(string(r))); len(m) == 1 {
					r = m[0]
				}
			}
			out = append(out, r)
		}
		end = start
	}
	return string(out)
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
			if sg.level%2 == 1 {
				r.Text = reverseRTL(r.Text)
				r.Kerns = nil
			}
			out = append(out, r)
			outLinks = append(outLinks, links[sg.run])
		}
		x += sg.w
	}
	box.runs = out
	if len(box.links) == 0 {
		return
	}
	box.links = box.links[:0]
	for i := 0; i < len(out); i++ {
		id := outLinks[i]
		if id == 0 {
			continue
		}
		j := i
		for j+1 < len(out) && outLinks[j+1] == id {
			j++
		}
		box.links = append(box.links, LinkArea{X: out[i].X, W: out[j].X + out[j].Width - out[i].X, URL: urls[id-1], Tag: id})
		i = j
	}
}

// Visual returns a line of text in display order, for painting it left
// to right with the embedded faces: Arabic letters in their contextual
// forms, and right-to-left runs reversed (rule L2, brackets mirrored,
// combining marks after their letters). Text without right-to-left
// characters comes back unchanged. It serves text set outside the
// layout's pages, such as a generated cover.
func Visual(s string) string {
	cs := make([]ch, 0, len(s))
	for _, r := range s {
		cs = append(cs, ch{r: r})
	}
	if !hasRTL(cs) {
		return s
	}
	cs = shapeArabic(cs)
	setLevels(cs) // every level is at least the base level, so L2 needs no more
	// clusters: a character with the combining marks after it
	type cluster struct {
		rs    []rune
		level uint8
	}
	var cl []cluster
	for _, c := range cs {
		if n := len(cl); n > 0 && unicode.In(c.r, unicode.Mn, unicode.Me) {
			cl[n-1].rs = append(cl[n-1].rs, c.r)
			continue
		}
		cl = append(cl, cluster{rs: []rune{c.r}, level: c.level})
	}
	reverseLevels(cl, func(c cluster) uint8 { return c.level })
	var out []rune
	for _, c := range cl {
		if c.level%2 == 1 {
			if p, _ := bidi.LookupRune(c.rs[0]); p.IsBracket() {
				if m := []rune(bidi.ReverseString(string(c.rs[0]))); len(m) == 1 {
					c.rs[0] = m[0]
				}
			}
		}
		out = append(out, c.rs...)
	}
	return string(out)
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
