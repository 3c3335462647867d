package layout

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	_ "image/gif"  // sizes of GIF figures
	_ "image/jpeg" // sizes of JPEG figures
	_ "image/png"  // sizes of PNG figures
	"strings"

	"pamphlet/fonts"
	"pamphlet/highlight"
	"pamphlet/model"
)

// vkind says what a vertical item is.
type vkind uint8

const (
	vBox vkind = iota
	vGlue
	vPenalty
)

// vitem is an element of the vertical list: a box (a line), glue (fixed
// space between blocks) or a penalty (a possible page break and its
// cost). A page may break only at a penalty below Infinity; the glue and
// penalties after a break vanish at the top of the next page. A penalty
// between a table's rows holds in box the table's header, which a break
// there sets again at the top of the next frame. An item takes 24 bytes.
type vitem struct {
	box     *vbox
	size    Sp
	penalty int32 // in [Eject, Infinity]
	kind    vkind
}

// brokenPenalty is the cost of a page break after a line that ends in a
// hyphen (TeX's \brokenpenalty).
const brokenPenalty = 100

// vlist builds a vertical list.
type vlist struct {
	items []vitem
	// keep is how many following lines must stay on the page of what
	// came before (two after a heading).
	keep int
	// marker waits for the next line: a list item's bullet or number,
	// x from the frame's left, y from the baseline.
	marker marker
	// pack packs each box's runs once the next box is added (see
	// Options.Pack).
	pack bool
}

// marker is a list item's label: a number as text, or a bullet drawn.
type marker struct {
	runs  []Run
	rules []Rule
}

func (v *vlist) penalty(p int) {
	if v.keep > 0 {
		p = Infinity
	}
	v.items = append(v.items, vitem{kind: vPenalty, penalty: int32(p)})
}

func (v *vlist) box(b *vbox) {
	if m := v.marker; len(m.runs)+len(m.rules) > 0 {
		// A right-to-left item hangs its marker in the right margin:
		// as far right of the line as it would be left of it.
		mirror := func(x, w Sp) Sp {
			if b.rtl {
				return b.rare.measure + b.x - (x + w)
			}
			return x - b.x
		}
		for _, r := range m.runs {
			r.X = mirror(r.X, r.Width)
			b.runs = append([]Run{r}, b.runs...)
		}
		for _, r := range m.rules {
			r.X = mirror(r.X, r.W)
			br := b.more()
			br.rules = append(br.rules, r)
		}
		v.marker = marker{}
	}
	v.items = append(v.items, vitem{kind: vBox, box: b})
	if v.pack {
		// The box before is finished: only the last one added is
		// still changed (a code line's end marked as a word end).
		for k := len(v.items) - 2; k >= 0; k-- {
			if pb := v.items[k].box; v.items[k].kind == vBox && pb != nil {
				if pb.packed == "" && len(pb.runs) > 0 {
					pb.packed, pb.runs = packRuns(pb.runs), nil
				}
				break
			}
		}
	}
	if v.keep > 0 {
		v.keep--
	}
}

// gap separates blocks: a breakpoint, then space. Consecutive gaps
// merge into the larger one; there is none at the very start.
func (v *vlist) gap(size Sp) {
	n := len(v.items)
	if n == 0 {
		return
	}
	if last := &v.items[n-1]; last.kind == vGlue {
		last.size = max(last.size, size)
		return
	}
	v.penalty(0)
	if size > 0 {
		v.items = append(v.items, vitem{kind: vGlue, size: size})
	}
}

// ctx is the block context: indents and measure.
type ctx struct {
	left    Sp // from the frame's left edge
	measure Sp
	// list nesting depth, for markers
	depth int
	// ordered is set inside the items of a numbered list.
	ordered bool
	// quote is set inside block quotations, which use the small size.
	quote bool
	// tag is the structure element the blocks go in.
	tag int32
}

// strut returns the height and depth of a line of the given leading.
func strut(leading Sp) (h, d Sp) {
	h = leading * 72 / 100
	return h, leading - h
}

// blocks adds blocks to v. A paragraph's first line is indented by 1em
// when it follows another paragraph; at the start (of the article, a list
// item, a quotation) and after a heading, a thematic break or a display
// (a list, a quotation, code, a figure, a table), the space above already
// marks the new paragraph, as the EPUB's style sheet says too.
func (s *setter) blocks(v *vlist, bs []model.Block, c ctx) error {
	indent := false
	drop := s.release && s.depth == 0
	s.depth++
	defer func() { s.depth-- }()
	for i, b := range bs {
		next := false
		switch b := b.(type) {
		case *model.Paragraph:
			in := Sp(0)
			if indent {
				in = s.g.size
			}
			s.paragraph(v, b.Content, c, in)
			next = true
		case *model.Heading:
			s.heading(v, b, c)
		case *model.List:
			if err := s.list(v, b, c); err != nil {
				return err
			}
		case *model.Quote:
			// An extract is indented on both sides and set a step
			// smaller, as books set long quotations.
			q := s.indent(c, s.g.size*3/2, s.g.size*3/2)
			q.quote = true
			q.tag = s.tag(RoleQuote, c.tag)
			v.gap(s.g.leading / 2)
			if err := s.blocks(v, b.Blocks, q); err != nil {
				return err
			}
			v.gap(s.g.leading / 2)
		case *model.Code:
			s.code(v, b, c)
		case *model.Break:
			s.thematicBreak(v, c)
		case *model.Figure:
			s.figure(v, b, c)
		case *model.Table:
			s.table(v, b, c)
		default:
			return fmt.Errorf("layout: unknown block %T", b)
		}
		indent = next
		if drop {
			// Set, the block is no longer needed: a long text's model
			// goes as its pages are made.
			bs[i] = nil
		}
		s.grown(v)
	}
	return nil
}

// indent returns context c indented by left and right, unless that would
// leave less than a third of the column: quotations and lists nested
// deeper than any article nests them (thousands of levels) stop
// moving in, rather than squeeze the text out of the page.
func (s *setter) indent(c ctx, left, right Sp) ctx {
	if c.measure-left-right < s.g.measure/3 {
		return c
	}
	c.left += left
	c.measure -= left + right
	return c
}

// bodyStyle is the style of running text in context c.
func (s *setter) bodyStyle(c ctx, indent Sp) parStyle {
	size := s.g.size
	if c.quote {
		size = s.small()
	}
	return parStyle{face: fonts.Regular, size: size, measure: c.measure, indent: indent,
		align: justified, hyphenate: true, expand: expansion, condense: condensation}
}

// Font expansion limits of justified lines, in thousandths: glyphs may
// widen by 2.5% (microtype's default is 2%; the narrow A5 measure needs a
// little more) and narrow by 1% (interword glue already shrinks by a
// third). Like pdfTeX, the breaker counts them as stretch and shrink of
// the boxes, so fewer lines need wide spaces or hyphens.
const (
	expansion    = 25
	condensation = 10
)

// leadingFor is the baseline distance of running text in context c.
func (s *setter) leadingFor(c ctx) Sp {
	if c.quote {
		return s.smallLeading()
	}
	return s.g.leading
}

// paragraph sets running text.
func (s *setter) paragraph(v *vlist, in []model.Inline, c ctx, indent Sp) {
	tag := s.tag(RoleParagraph, c.tag)
	h, d := strut(s.leadingFor(c))
	v.gap(0)
	if t, ok := longText(in); ok {
		s.addLongText(v, t, s.bodyStyle(c, indent), tag, c, h, d)
		return
	}
	p := s.buildPara(in, s.bodyStyle(c, indent))
	p.tag = tag
	s.addLines(v, p, c, h, d, s.params)
}

// addLines breaks a paragraph and adds its lines, with widow and orphan
// control: no break after the first line or before the last.
func (s *setter) addLines(v *vlist, p *para, c ctx, h, d Sp, params Params) {
	if p.style.align != justified {
		params.RuntWidth = 0
	}
	lines, err := Break(p.items, []Sp{p.style.measure}, params)
	if err != nil {
		return // no items: nothing to set
	}
	s.blockCount++
	s.setLines(v, p, lines, 0, len(lines), false, c, h, d, nil)
}

// setLines sets lines, the k0th line of the paragraph onwards, of a
// paragraph of n lines; hyphen tells whether the line before them ends
// in a hyphen. Their boxes are added to boxes if it is not nil.
func (s *setter) setLines(v *vlist, p *para, lines []Line, k0, n int, hyphen bool, c ctx, h, d Sp, boxes *[]*vbox) {
	for i, l := range lines {
		k := k0 + i
		b := s.setLine(p, l, h, d)
		b.x = c.left
		b.role, b.block, b.line, b.lines = roleBody, int32(s.blockCount), int32(k), int32(n)
		if boxes != nil {
			*boxes = append(*boxes, b)
		}
		if i > 0 {
			hyphen = lines[i-1].Hyphen
		}
		if k > 0 {
			pen := 0
			switch {
			case k == 1 || k == n-1:
				pen = Infinity
			case k == 2 && c.ordered:
				// A numbered item's second line starts the block of
				// lines hanging under the number: keep two of them too.
				pen = Infinity
			case hyphen:
				pen = brokenPenalty
			}
			v.penalty(pen)
		}
		v.box(b)
	}
}

// step returns the body size times 1.125^n: pamphlet's modular scale (a
// major second), shared by headings and the title block.
func (s *setter) step(n int) Sp {
	v := s.g.size
	for range n {
		v = v * 1125 / 1000
	}
	return v
}

// headingStyle gives the size, face and space above and below of a
// heading level on the modular scale: three steps up for level 1, two
// for level 2, one for the rest (level 3 bold, deeper levels bold
// italic).
func (s *setter) headingStyle(level int) (size Sp, face fonts.Style, above, below Sp) {
	l := s.g.leading
	switch level {
	case 1:
		return s.step(3), fonts.Bold, 2 * l, l / 2
	case 2:
		return s.step(2), fonts.Bold, 3 * l / 2, l / 2
	case 3:
		return s.step(1), fonts.Bold, l, l / 4
	default:
		return s.step(1), fonts.BoldItalic, l, l / 4
	}
}

// heading sets a section heading ragged right, keeps it with the two
// lines that follow, and records it in the outline and the running head.
func (s *setter) heading(v *vlist, hd *model.Heading, c ctx) {
	level := min(max(hd.Level, 1), 6)
	size, face, above, below := s.headingStyle(level)
	p := s.buildPara(hd.Content, parStyle{face: face, size: size, measure: c.measure, align: raggedRight})
	p.tag = s.headingTag(level, c.tag)
	leading := size * 12 / 10
	h, d := strut(leading)
	lines, err := Break(p.items, []Sp{c.measure}, s.params)
	if err != nil {
		return
	}
	// Keep the body on its grid: heading, space above and space below
	// take whole body lines, the rest going above.
	total := above + below + Sp(len(lines))*leading
	bl := s.g.leading
	if extra := (bl - total%bl) % bl; extra > 0 {
		above += extra
	}
	v.gap(above)
	title := model.Plain(hd.Content)
	s.blockCount++
	for k, l := range lines {
		b := s.setLine(p, l, h, d)
		b.x = c.left
		b.role, b.block, b.line, b.lines = roleHeading, int32(s.blockCount), int32(k), int32(len(lines))
		if k == 0 {
			s.outline = append(s.outline, OutlineEntry{Level: level, Title: oneLine(title)})
			r := b.more()
			r.outline = len(s.outline)
			if level <= s.markLevel {
				r.mark, r.hasMark = oneLine(title), true
			}
		} else {
			v.penalty(Infinity)
		}
		v.box(b)
	}
	v.keep = 2
	v.gap(below)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// list sets list items with hanging markers: numbers right-aligned, or
// bullets (dashes when nested) drawn as shapes, which are not words of
// the text. A top-level list keeps the text's left edge and hangs its
// markers into the margin, so that the text block stays one clean
// rectangle; nested lists indent.
func (s *setter) list(v *vlist, l *model.List, c ctx) error {
	em := s.g.size
	var widest Sp
	if l.Ordered {
		for i := range l.Items {
			widest = max(widest, s.sh.width(model.ItemLabel(l.Numbering, l.Start+i)+".", fonts.Regular, em))
		}
	}
	hang := max(em*3/2, widest+em/2)
	ic := c
	if c.depth == 0 {
		v.gap(s.g.leading / 2)
	}
	// Markers hang into the margin only in one column: in two, they
	// would stand in the gutter, where extraction joins them to the
	// lines of the column beside.
	if c.depth > 0 || s.g.columns > 1 {
		ic = s.indent(c, hang, 0)
	}
	ic.depth++
	ic.ordered = l.Ordered
	list := s.tag(RoleList, c.tag)
	for i, it := range l.Items {
		right := ic.left - em/2 // where the marker ends
		var m marker
		item := s.tag(RoleListItem, list)
		label := s.tag(RoleLabel, item)
		ic.tag = s.tag(RoleListBody, item)
		switch {
		case l.Ordered:
			num := model.ItemLabel(l.Numbering, l.Start+i) + "."
			x := right - s.sh.width(num, fonts.Regular, em)
			for _, pc := range s.sh.shape(nil, num, fonts.Regular, em) {
				m.runs = append(m.runs, Run{Face: pc.face, Size: pc.size, X: x, Text: pc.text, Glyphs: pc.glyphsOf(), Width: pc.width, Tag: label})
				x += pc.width
			}
		case c.depth == 0:
			d := em * 3 / 10
			m.rules = append(m.rules, Rule{X: right - d, Y: -em*26/100 - d/2, W: d, H: d, Round: true, Tag: label})
		default:
			w, t := em*4/10, em*6/100
			m.rules = append(m.rules, Rule{X: right - w, Y: -em*25/100 - t/2, W: w, H: t, Tag: label})
		}
		v.marker = m
		// Items stand apart by half a line, as in LaTeX's lists.
		if i > 0 {
			v.gap(s.g.leading / 2)
		}
		if err := s.blocks(v, it.Blocks, ic); err != nil {
			return err
		}
		v.marker = marker{}
	}
	if c.depth == 0 {
		v.gap(s.g.leading / 2)
	}
	return nil
}

// code sets preformatted text line by line. Program code goes in the
// monospaced face at a smaller size, never hyphenated; a line too long
// for the measure continues on the next, indented, broken at a space or
// punctuation when there is one near the end, else at the last character
// that fits. Prose laid out by hand keeps its lines in the text face.
func (s *setter) code(v *vlist, cd *model.Code, c ctx) {
	v.gap(s.g.leading / 2)
	if cd.Layout {
		s.handLaid(v, cd, c)
	} else {
		s.program(v, cd, c)
	}
	v.gap(s.g.leading / 2)
}

func (s *setter) program(v *vlist, cd *model.Code, c ctx) {
	size := s.small()
	h, d := strut(s.smallLeading())
	indent := s.g.size
	// Lines wrap by width, not by a count of characters: a character the
	// code face lacks comes from a wider face (an ideograph is nearly
	// twice a code character's width).
	capacity := max(c.measure-indent, 8*s.sh.width("0", fonts.Mono, size))
	tag := s.tag(RoleCode, c.tag)
	advance := func(r rune) Sp {
		face, rr := s.sh.resolve(fonts.Mono, r)
		return s.sh.units(face, size, s.sh.face(face).Advance(rr))
	}
	var chunks []string
	var classes [][]highlight.Class // each chunk's runes' classes; nil when plain
	var cont []bool                 // a chunk continues the source line above
	if spans, ok := highlight.Code(cd.Lang, cd.Text); ok {
		lines, lineClasses := highlightedLines(spans)
		for i, r := range lines {
			for k, ch := range wrapCodeChunks(r, capacity, advance) {
				lead := []rune(ch.lead)
				chunks = append(chunks, ch.lead+string(r[ch.start:ch.end]))
				cl := make([]highlight.Class, len(lead), len(lead)+ch.end-ch.start)
				classes = append(classes, append(cl, lineClasses[i][ch.start:ch.end]...))
				cont = append(cont, k > 0)
			}
		}
	} else {
		for _, line := range strings.Split(cd.Text, "\n") {
			line = expandTabs(strings.TrimRight(line, " \t"), 4)
			for k, c := range wrapCode(line, capacity, advance) {
				chunks = append(chunks, c)
				cont = append(cont, k > 0)
			}
		}
	}
	s.stackLines(v, cont, func(k int) *vbox {
		b := &vbox{h: h, d: d, x: c.left + indent}
		x := Sp(0)
		add := func(text string, face fonts.Style, grey uint8) {
			for _, pc := range s.sh.shapeLine(nil, text, face, size) {
				b.runs = append(b.runs, Run{Face: pc.face, Size: pc.size, X: x, Text: pc.text, Glyphs: pc.glyphsOf(), Width: pc.width, Tag: tag, Grey: grey})
				x += pc.width
			}
		}
		if classes == nil || textHasRTL(chunks[k]) {
			// A line with right-to-left text is set plain: its runs
			// are reordered across the whole line, not token by token.
			add(chunks[k], fonts.Mono, 0)
		} else {
			// One stretch of the line per class, each in its face and grey.
			text, cl := []rune(chunks[k]), classes[k]
			for i := 0; i < len(text); {
				j := i + 1
				for j < len(text) && cl[j] == cl[i] {
					j++
				}
				st := cl[i].Style()
				face := fonts.Mono
				if st.Bold {
					face = fonts.MonoBold
				} else if st.Italic {
					face = fonts.MonoOblique
				}
				add(string(text[i:j]), face, uint8(st.Grey))
				i = j
			}
		}
		if n := len(b.runs); n > 0 {
			b.runs[n-1].Space = true // a line end separates words
		}
		return b
	})
}

// highlightedLines splits highlighted code into lines set as program sets
// plain code (tabs expanded to every fourth column, blanks at the end
// dropped) and gives each line's runes their classes.
func highlightedLines(spans []highlight.Span) (lines [][]rune, classes [][]highlight.Class) {
	var line []rune
	var cl []highlight.Class
	end := func() {
		n := len(line)
		for n > 0 && line[n-1] == ' ' {
			n--
		}
		lines = append(lines, line[:n:n])
		classes = append(classes, cl[:n:n])
		line, cl = nil, nil
	}
	for _, sp := range spans {
		for _, r := range sp.Text {
			switch r {
			case '\n':
				end()
			case '\t':
				for n := 4 - len(line)%4; n > 0; n-- {
					line, cl = append(line, ' '), append(cl, sp.Class)
				}
			default:
				line, cl = append(line, r), append(cl, sp.Class)
			}
		}
	}
	end()
	return lines, classes
}

// stackLines adds a block's n lines, made by mk, broken only between
// lines, keeping at least two together at either end, and a line marked
// in cont with the one above (a wrapped line of code stays whole on its
// page).
func (s *setter) stackLines(v *vlist, cont []bool, mk func(k int) *vbox) {
	n := len(cont)
	s.blockCount++
	for k := range n {
		if k > 0 {
			if k == 1 || k == n-1 || cont[k] {
				v.penalty(Infinity)
			} else {
				v.penalty(0)
			}
		}
		b := mk(k)
		b.role, b.block, b.line, b.lines = roleCode, int32(s.blockCount), int32(k), int32(n)
		v.box(b)
	}
}

// handLaid sets prose laid out by hand (addresses, letter headings,
// verse): each source line starts a new line, its leading spaces become
// an indent, and a line too long for the measure wraps ragged right.
func (s *setter) handLaid(v *vlist, cd *model.Code, c ctx) {
	h, d := strut(s.leadingFor(c))
	space := s.sh.width(" ", fonts.Regular, s.bodyStyle(c, 0).size)
	tag := s.tag(RoleParagraph, c.tag)
	for i, line := range strings.Split(cd.Text, "\n") {
		line = expandTabs(strings.TrimRight(line, " \t"), 4)
		text := strings.TrimLeft(line, " ")
		indent := Sp(len(line)-len(text)) * space
		lc := c
		if i > 0 {
			v.penalty(0)
		}
		if text == "" {
			v.box(&vbox{h: h, d: d, x: c.left})
			continue
		}
		st := s.bodyStyle(lc, 0)
		st.align = raggedRight
		st.hyphenate = false
		p := s.buildText(text, st)
		p.tag = tag
		natural := Sp(0)
		for _, it := range p.items {
			if it.Kind != PenaltyItem {
				natural += it.Width
			}
		}
		// an indent that would push the line out is reduced so it fits
		indent = max(0, min(indent, c.measure-natural))
		lc.left += indent
		lc.measure -= indent
		p.style.measure = lc.measure
		s.addLines(v, p, lc, h, d, s.params)
		// The end of a line laid out by hand separates words.
		for k := len(v.items) - 1; k >= 0; k-- {
			if b := v.items[k].box; v.items[k].kind == vBox && b != nil {
				if n := len(b.runs); n > 0 {
					b.runs[n-1].Space = true
				}
				break
			}
		}
	}
}

// expandTabs replaces tabs by spaces up to the next multiple of width.
func expandTabs(s string, width int) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := width - col%width
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// codeContinuation marks a code line that continues the one above
// (a hooked arrow, as listings sets it): the reader must not take it for
// a new line of the program.
const codeContinuation = "\u21aa "

// wrapCode splits a code line into chunks no wider than capacity, each
// character measured by advance. A continuation keeps the line's
// indentation and starts with codeContinuation, so the program's shape
// stays visible. A chunk breaks after a space or punctuation in its last
// third when there is one, else before the token that straddles its end
// if that token fits on a continuation line, else at the last character
// that fits (a token longer than any line). Breaks inside the
// indentation do not count. It runs in time linear in the line's length,
// however long.
func wrapCode(line string, capacity Sp, advance func(rune) Sp) []string {
	r := []rune(line)
	chunks := wrapCodeChunks(r, capacity, advance)
	if len(chunks) == 1 {
		return []string{line}
	}
	out := make([]string, len(chunks))
	for i, c := range chunks {
		out[i] = c.lead + string(r[c.start:c.end])
	}
	return out
}

// codeChunk is one printed line of a wrapped code line: lead (the
// continuation's indentation and mark, "" on the first) followed by the
// line's runes [start, end).
type codeChunk struct {
	lead       string
	start, end int
}

// wrapCodeChunks is wrapCode on the line's runes, giving each chunk as
// a range of them, so that a caller can carry what it knows of each
// rune (its highlighting class) into the chunks.
func wrapCodeChunks(r []rune, capacity Sp, advance func(rune) Sp) []codeChunk {
	widths := make([]Sp, len(r))
	var total Sp
	for i, c := range r {
		widths[i] = advance(c)
		total += widths[i]
	}
	if total <= capacity {
		return []codeChunk{{start: 0, end: len(r)}}
	}
	indent := 0
	var indentWidth Sp
	for indent < len(r) && r[indent] == ' ' {
		indentWidth += widths[indent]
		indent++
	}
	prefix := codeContinuation
	var markWidth Sp
	for _, c := range codeContinuation {
		markWidth += advance(c)
	}
	if indentWidth+markWidth <= capacity/2 {
		prefix = string(r[:indent]) + prefix
		markWidth += indentWidth
	}
	var out []codeChunk
	room := capacity
	lead := ""
	base := 0 // r[0]'s index in the line
	contRoom := max(capacity-markWidth, capacity/2)
	for len(r) > 0 {
		// fit is how many characters fit in room (at least one).
		fit, w := 0, Sp(0)
		for fit < len(r) && (fit == 0 || w+widths[fit] <= room) {
			w += widths[fit]
			fit++
		}
		if fit == len(r) {
			out = append(out, codeChunk{lead, base, base + len(r)})
			break
		}
		lo := max(indent, fit*2/3)
		cut := lastCodeBreak(r, lo, fit)
		if cut < 0 {
			// No break near the end: an earlier one keeps the token that
			// straddles the end whole ("ProcessThisImmediately") when the
			// token fits on a continuation line.
			cut = fit
			if k := lastCodeBreak(r, indent, lo); k > 0 {
				tw := Sp(0)
				for j := k; j < len(r) && tw <= contRoom && (j == k || !codeBreak(r[j-1])); j++ {
					tw += widths[j]
				}
				if tw <= contRoom {
					cut = k
				}
			}
		}
		end := cut
		for end > 0 && r[end-1] == ' ' {
			end--
		}
		out = append(out, codeChunk{lead, base, base + end})
		r, widths, base = r[cut:], widths[cut:], base+cut
		// The continuation's own leading spaces would double the indent.
		for len(r) > 1 && r[0] == ' ' {
			r, widths, base = r[1:], widths[1:], base+1
		}
		indent = 0
		lead, room = prefix, contRoom
	}
	return out
}

// lastCodeBreak returns the largest k in (lo, hi] such that a code line
// may wrap after r[k-1], or -1 when there is none.
func lastCodeBreak(r []rune, lo, hi int) int {
	for k := hi; k > lo; k-- {
		if codeBreak(r[k-1]) {
			return k
		}
	}
	return -1
}

// codeBreak reports whether a code line may wrap after c.
func codeBreak(c rune) bool { return strings.ContainsRune(" ,;.([{/=+-", c) }

// thematicBreak sets a centred row of asterisks with space around it.
func (s *setter) thematicBreak(v *vlist, c ctx) {
	v.gap(s.g.leading / 2)
	st := s.bodyStyle(c, 0)
	st.align = centered
	st.hyphenate = false
	h, d := strut(s.g.leading)
	s.addLines(v, s.buildText("*\u00a0\u00a0\u00a0*\u00a0\u00a0\u00a0*", st), c, h, d, s.params)
	v.gap(s.g.leading / 2)
}

// figure prints a figure's caption, or its alternative text, centred in
// italics: images themselves are not placed.
func (s *setter) figure(v *vlist, f *model.Figure, c ctx) {
	content := f.Caption
	v.gap(s.g.leading / 2)
	pic := s.picture(f, c)
	role := RoleCaption
	if pic != nil {
		v.box(pic)
	} else if len(content) == 0 && f.Alt != "" {
		// No picture to show: its text alternative stands in.
		content = []model.Inline{&model.Text{Text: f.Alt}}
		role = RoleParagraph
	}
	if len(content) > 0 {
		if pic != nil {
			v.penalty(Infinity) // a caption stays with its picture
			v.items = append(v.items, vitem{kind: vGlue, size: s.g.leading / 4})
		}
		st := parStyle{face: fonts.Italic, size: s.small(), measure: c.measure, align: centered}
		h, d := strut(s.smallLeading())
		p := s.buildPara(content, st)
		p.tag = s.tag(role, c.tag)
		s.addLines(v, p, c, h, d, s.params)
	}
	v.gap(s.g.leading / 2)
}

// picture makes the box of a figure's image: at 96 pixels to the inch,
// reduced to fit the measure and half the page height, centred. It
// returns nil, with a warning, for an image it cannot place.
func (s *setter) picture(f *model.Figure, c ctx) *vbox {
	if len(f.Data) == 0 {
		return nil
	}
	switch f.MediaType {
	case "image/png", "image/jpeg", "image/gif":
	default:
		s.warn(0, fmt.Sprintf("image %s: %s cannot be placed in the PDF; its text is printed instead", f.Src, f.MediaType))
		return nil
	}
	wpx, hpx := f.Width, f.Height
	if wpx <= 0 || hpx <= 0 {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(f.Data))
		if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
			s.warn(0, fmt.Sprintf("image %s: unreadable (%v); its text is printed instead", f.Src, err))
			return nil
		}
		wpx, hpx = cfg.Width, cfg.Height
	}
	w := Sp(wpx) * Pt(0.75)
	h := Sp(hpx) * Pt(0.75)
	if maxW := c.measure; w > maxW {
		w, h = maxW, scale(h, maxW, w)
	}
	if maxH := s.g.textHeight / 2; h > maxH {
		w, h = scale(w, maxH, h), maxH
	}
	if w <= 0 || h <= 0 {
		return nil
	}
	s.blockCount++
	// A picture with neither a text alternative nor a caption is taken
	// for a decoration, as HTML takes an empty alt.
	var tag int32
	if alt := cmp.Or(strings.TrimSpace(f.Alt), oneLine(model.Plain(f.Caption))); alt != "" {
		tag = s.tag(RoleFigure, c.tag)
		s.tagAt(tag).setAlt(alt)
	}
	return &vbox{h: h, x: c.left + (c.measure-w)/2, role: roleOther, block: int32(s.blockCount), lines: 1,
		rare: &boxRare{images: []Image{{X: 0, Y: -h, W: w, H: h, Data: f.Data, MediaType: f.MediaType, Src: f.Src, Tag: tag}}}}
}

// small is the size of notes, code and page furniture: a clear step
// below the body (0.83), which also keeps DejaVu Sans Mono's large
// x-height level with Charis.
func (s *setter) small() Sp { return s.g.size * 83 / 100 }

// smallLeading is the baseline distance of small text.
func (s *setter) smallLeading() Sp { return s.g.leading * 85 / 100 }
