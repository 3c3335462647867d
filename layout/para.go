package layout

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/fonts"
	"pamphlet/model"
)

// align is how a paragraph's lines sit in the measure.
type align uint8

const (
	justified align = iota
	raggedRight
	centered
)

// parStyle says how to set one paragraph.
type parStyle struct {
	// face is the upright face of the paragraph; emphasis and strong
	// switch to italic and bold from it.
	face fonts.Style
	size Sp
	// measure is the line width; indent the first line's indent.
	measure, indent Sp
	align           align
	hyphenate       bool
	// smallCaps sets the upright text in small capitals (italics stay
	// as they are).
	smallCaps bool
	// expand and condense are how far font expansion may widen and
	// narrow the glyphs of a justified line, in thousandths (0: none).
	expand, condense int
}

// Penalties for breaks inside words, in TeX's units.
const (
	hyphenPenalty   = 100  // at a pattern or soft hyphen (\hyphenpenalty; TeX: 50)
	exHyphenPenalty = 50   // after an explicit hyphen (\exhyphenpenalty)
	dashPenalty     = 50   // after an em or en dash
	urlPenalty      = 100  // after punctuation in a URL or code
	charPenalty     = 1000 // between any two characters of a word too long for the measure
)

// overlongMeasures bounds the words that may break between any two
// characters: a word wider than this many measures (a run of thousands
// of characters without a space, such as pasted data) is instead cut
// into pieces that fill a line each, and breaks only between them. TeX
// would leave an overfull box; a break at every character would give the
// breaker a feasible break per character and a cost quadratic in the
// line length times the word's length.
const overlongMeasures = 3

// Interword glue, in percent of the face's space (0.29 em in Charis), in
// the proportions of TeX's fonts: stretch half the space, shrink a third.
const (
	interwordStretch = 50
	interwordShrink  = 33
)

// span is a stretch of inline text with one style.
type span struct {
	text string
	face fonts.Style
	size Sp
	// code and url text is never hyphenated and may break after
	// punctuation.
	code, url bool
	// brk is a forced line break (text is empty).
	brk   bool
	raise Sp
	link  int32
}

// para is a paragraph turned into items.
type para struct {
	style  parStyle
	items  []Item
	pieces []piece
	// links holds the URL of each link; piece.link indexes it from 1.
	links []string
	// tag is the structure element of the paragraph's text (0: none,
	// the text is not content); linkTags and refTags hold, made when
	// first set, the elements of each link's text and note marker.
	tag               int32
	linkTags, refTags []int32
	// bidi is set when the paragraph holds right-to-left text: its
	// lines are reordered for display, from base, the paragraph's
	// embedding level (1: a right-to-left paragraph).
	bidi bool
	base uint8
}

// ch is one character of a paragraph with the span it comes from and its
// bidirectional embedding level (0 in left-to-right paragraphs).
type ch struct {
	r     rune
	span  int32
	level uint8
}

// breakKind is what may happen before a character inside a word.
type breakKind uint8

const (
	noBreak      breakKind = iota
	patternBreak           // pattern hyphenation: a hyphen is drawn
	softBreak              // after a soft hyphen: a hyphen is drawn
	hyphenBreak            // after an explicit hyphen: nothing is added
	dashBreak              // after a dash
	urlBreak               // after punctuation in a URL or code
	charBreak              // anywhere, for a word wider than the measure
	ideoBreak              // between ideographs (CJK text has no spaces)
)

// inlineState is the style inherited while walking inlines.
type inlineState struct {
	italic, bold bool
	link         int32
	// url marks text that spells a URL (a link whose text is its
	// target): it breaks like one.
	url bool
}

// parBuilder turns inline content into a para.
type parBuilder struct {
	s     *setter
	p     *para
	spans []span
	chars []ch
	pts   []int
	kinds []breakKind
	text  []byte
	// ties holds the index of the penalty of each no-break space.
	ties []int
	// whole holds the pieces of the word being cut at its breaks.
	whole []piece
	// spaces, when not nil, collects the breakable interword glues of
	// a paragraph set in segments (see addLongText).
	spaces *[]spaceMark
}

func (st inlineState) face(base fonts.Style) fonts.Style {
	italic := st.italic != (base == fonts.Italic || base == fonts.BoldItalic)
	bold := st.bold || base == fonts.Bold || base == fonts.BoldItalic
	switch {
	case italic && bold:
		return fonts.BoldItalic
	case italic:
		return fonts.Italic
	case bold:
		return fonts.Bold
	}
	return fonts.Regular
}

// buildPara makes the items of a paragraph of inlines.
func (s *setter) buildPara(in []model.Inline, style parStyle) *para {
	b := &parBuilder{s: s, p: &para{style: style}}
	b.inlines(in, inlineState{})
	b.emit()
	return b.p
}

// buildText makes the items of a paragraph of plain text.
func (s *setter) buildText(text string, style parStyle) *para {
	return s.buildPara([]model.Inline{&model.Text{Text: text}}, style)
}

func (b *parBuilder) add(sp span) {
	if sp.text == "" && !sp.brk {
		return
	}
	b.spans = append(b.spans, sp)
}

func (b *parBuilder) inlines(in []model.Inline, st inlineState) {
	style := b.p.style
	for _, n := range in {
		switch n := n.(type) {
		case *model.Text:
			b.add(span{text: n.Text, face: st.face(style.face), size: style.size, link: st.link, url: st.url})
		case *model.Emph:
			inner := st
			inner.italic = !st.italic
			b.inlines(n.Content, inner)
		case *model.Strong:
			inner := st
			inner.bold = true
			b.inlines(n.Content, inner)
		case *model.CodeSpan:
			b.add(span{text: n.Text, face: fonts.Mono, size: style.size * 9 / 10, code: true, link: st.link})
		case *model.LineBreak:
			b.add(span{brk: true})
		case *model.Link:
			b.link(n, st)
		default:
			// Unknown inline kinds cannot come from a validated document;
			// their text, if any, is still set.
			b.add(span{text: model.Plain([]model.Inline{n}), face: st.face(style.face), size: style.size})
		}
	}
}

// link sets a link's content and, by the link mode, its note marker or
// its URL.
func (b *parBuilder) link(n *model.Link, st inlineState) {
	url, ok := model.LinkAddress(n.Target, b.s.base)
	if !ok || st.link != 0 {
		b.inlines(n.Content, st)
		return
	}
	b.p.links = append(b.p.links, url)
	inner := st
	inner.link = int32(len(b.p.links))
	if sameURL(model.Plain(n.Content), url) {
		// The text is the URL: it breaks like one, and needs no note.
		inner.url = true
		b.inlines(n.Content, inner)
		return
	}
	b.inlines(n.Content, inner)
	size := b.p.style.size
	switch b.s.opt.Links {
	case LinkNotes:
		num := b.s.note(url)
		b.add(span{text: strconv.Itoa(num), face: fonts.Regular, size: size * 6 / 10, raise: size * 38 / 100, link: inner.link})
	case LinkInline:
		face := st.face(b.p.style.face)
		b.add(span{text: " (", face: face, size: size})
		b.add(span{text: url, face: face, size: size, url: true, link: inner.link})
		b.add(span{text: ")", face: face, size: size})
	}
}

// sameURL reports whether link text just spells its URL.
func sameURL(text, url string) bool {
	trim := func(s string) string {
		s = strings.TrimSpace(strings.ToLower(s))
		for _, p := range []string{"https://", "http://", "mailto:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimRight(s, "/")
	}
	return trim(text) == trim(url)
}

// emit turns the spans into items.
func (b *parBuilder) emit() {
	// The characters are counted first: a paragraph of a million
	// characters would otherwise leave twice its buffer behind as it
	// grew.
	n := 0
	for _, sp := range b.spans {
		if sp.brk {
			n++
		} else {
			n += utf8.RuneCountInString(sp.text)
		}
	}
	b.chars = slices.Grow(b.chars[:0], n)
	b.ties = b.ties[:0]
	for i, sp := range b.spans {
		if sp.brk {
			b.chars = append(b.chars, ch{r: '\n', span: int32(i)})
			continue
		}
		for _, r := range sp.text {
			b.chars = append(b.chars, ch{r: r, span: int32(i)})
		}
	}
	if hasRTL(b.chars) {
		b.p.bidi, b.p.base = true, setLevels(b.chars)
	}
	// About one item per two characters and one piece (a word, or a
	// part of one between hyphenation points, or its hyphen) per three
	// is never exceeded by much; reserving it saves regrowing the slices.
	// (A few more for a word or two: a table's cells are held all at
	// once, and a million of them would hold a gigabyte of room.)
	b.p.items = make([]Item, 0, len(b.chars)/2+4)
	b.p.pieces = make([]piece, 0, len(b.chars)/3+2)
	st := b.p.style
	if st.align == centered {
		b.p.items = append(b.p.items, Glue(0, 3*st.size, 0))
	} else if st.indent > 0 {
		b.p.items = append(b.p.items, Box(st.indent, -1))
	}
	lastWord := b.lastWordStart()
	for i := 0; i < len(b.chars); {
		c := b.chars[i]
		switch {
		case c.r == '\n':
			b.forcedBreak()
			i++
		case c.r == ' ':
			n := len(b.p.items)
			b.space(c.span, false)
			if b.spaces != nil && len(b.p.items) > n {
				*b.spaces = append(*b.spaces, spaceMark{item: int32(len(b.p.items) - 1), char: int32(i)})
			}
			i++
		case c.r == '\u00a0' || c.r == '\u202f':
			b.space(c.span, true)
			i++
		default:
			j := i
			for j < len(b.chars) && !isSep(b.chars[j].r) {
				j++
			}
			b.word(b.chars[i:j], i >= lastWord)
			i = j
		}
	}
	b.trimGlue()
	b.looseTies()
	if st.align == centered {
		b.p.items = append(b.p.items, Glue(0, 3*st.size, 0), Penalty(Eject, 0, 0))
	} else {
		b.p.items = append(b.p.items, Penalty(Infinity, 0, 0), FilGlue(0), Penalty(Eject, 0, 0))
	}
}

// tiePenalty is the cost of breaking at a no-break space, allowed only
// where the words it binds are together wider than a line: a row of
// guillemets or initials tied by no-break spaces would otherwise stick
// out of the measure, which loses text off the page.
const tiePenalty = 5000

// looseTies turns the ties of a stretch without any breakpoint that is
// wider than the measure into costly breakpoints. One pass over the
// items.
func (b *parBuilder) looseTies() {
	if len(b.ties) == 0 {
		return
	}
	items := b.p.items
	limit := max(b.p.style.measure-b.p.style.indent, b.p.style.measure/2)
	var width Sp
	first := 0 // index in b.ties of the first tie of the stretch
	k := 0     // index in b.ties of the next tie to pass
	loosen := func() {
		if width > limit {
			for _, t := range b.ties[first:k] {
				items[t].Penalty = tiePenalty
			}
		}
		width, first = 0, k
	}
	for i, it := range items {
		if it.Kind == GlueItem && i > 0 && items[i-1].Kind == BoxItem || it.Kind == PenaltyItem && it.Penalty < Infinity {
			loosen()
			continue
		}
		if k < len(b.ties) && b.ties[k] == i {
			k++
		}
		if it.Kind != PenaltyItem {
			width += it.Width
		}
	}
	loosen()
}

func isSep(r rune) bool { return r == ' ' || r == '\n' || r == '\u00a0' || r == '\u202f' }

// lastWordStart is the index of the first character of the paragraph's
// last word, which is never hyphenated.
func (b *parBuilder) lastWordStart() int {
	i := len(b.chars)
	for i > 0 && isSep(b.chars[i-1].r) {
		i--
	}
	for i > 0 && !isSep(b.chars[i-1].r) {
		i--
	}
	return i
}

// trimGlue drops glue (and ragged-right breaks) after the last box.
func (b *parBuilder) trimGlue() {
	it := b.p.items
	for len(it) > 0 && it[len(it)-1].Kind != BoxItem {
		last := it[len(it)-1]
		if last.Kind == PenaltyItem && last.Penalty <= Eject {
			break
		}
		it = it[:len(it)-1]
	}
	b.p.items = it
	for len(b.ties) > 0 && b.ties[len(b.ties)-1] >= len(it) {
		b.ties = b.ties[:len(b.ties)-1]
	}
}

func (b *parBuilder) forcedBreak() {
	b.trimGlue()
	items := b.p.items
	if n := len(items); n == 0 || (items[n-1].Kind == PenaltyItem && items[n-1].Penalty <= Eject) {
		// an empty line: give it a box so it is kept
		b.p.items = append(b.p.items, Box(0, -1))
	}
	if b.p.style.align == centered {
		b.p.items = append(b.p.items, Glue(0, 3*b.p.style.size, 0), Penalty(Eject, 0, 0),
			Box(0, -1), Penalty(Infinity, 0, 0), Glue(0, 3*b.p.style.size, 0))
		return
	}
	b.p.items = append(b.p.items, FilGlue(0), Penalty(Eject, 0, 0))
}

// space adds interword glue in the face of span si; a no-break space
// forbids the break.
func (b *parBuilder) space(si int32, noBreak bool) {
	items := b.p.items
	if n := len(items); n == 0 || items[n-1].Kind == GlueItem {
		return
	}
	sp := b.spans[si]
	// Spaced capitals (SetText) space their words as much more.
	w := b.s.sh.width(" ", sp.face, sp.size) + 2*b.s.sh.tracking
	// A no-break space is a tie: its penalty forbids the break, unless
	// the words it binds cannot fit on one line (see looseTies); it is
	// otherwise built like a breakable space, so that a loosened tie
	// breaks like one.
	tie := func(p int) Item {
		if noBreak {
			b.ties = append(b.ties, len(b.p.items))
			return Penalty(Infinity, 0, 0)
		}
		return Penalty(p, 0, 0)
	}
	switch b.p.style.align {
	case justified:
		if noBreak {
			b.p.items = append(b.p.items, tie(0))
		}
		b.p.items = append(b.p.items, Glue(w, w*interwordStretch/100, w*interwordShrink/100))
	case raggedRight:
		em := b.p.style.size
		if noBreak {
			// The stretch before the tie must not be a breakpoint.
			b.p.items = append(b.p.items, Penalty(Infinity, 0, 0))
		}
		b.p.items = append(b.p.items, Glue(0, 3*em, 0))
		b.p.items = append(b.p.items, tie(0), Glue(w, -3*em, 0))
	case centered:
		em := b.p.style.size
		if noBreak {
			b.p.items = append(b.p.items, Penalty(Infinity, 0, 0))
		}
		b.p.items = append(b.p.items, Glue(0, 3*em, 0))
		b.p.items = append(b.p.items, tie(0), Glue(w, -6*em, 0),
			Box(0, -1), Penalty(Infinity, 0, 0), Glue(0, 3*em, 0))
	}
}

// word adds the items of one word. The word is shaped whole, so that
// its ligatures and kerning hold across its breakpoints, and cut at them
// into boxes between penalties; a hyphenation point inside a ligature
// gets a ligature kern (see Ligature), the two halves shaped apart.
func (b *parBuilder) word(w []ch, last bool) {
	kinds := b.breaks(w, last)
	first := len(b.p.pieces)
	b.shapeChars(w)
	b.whole = append(b.whole[:0], b.p.pieces[first:]...)
	b.p.pieces = b.p.pieces[:first]
	pcs := b.whole
	pi, gi := 0, 0 // the piece and glyph next to emit
	prevPiece := -1
	// edge is where the last box emitted ended in its whole piece, in
	// reading order (-1: another piece), for the tracking between spaced
	// letters: its right edge, or its left edge in right-to-left text.
	edge := Sp(-1)
	emit := func(pc *piece, from, to int) {
		if from >= to {
			return
		}
		sub := subPiece(pc, from, to)
		if pc.level%2 == 1 {
			// Right to left, the box is drawn to the left of the one
			// before it: the gap is from its right edge to that box's
			// left edge. The glyphs run from right to left in the
			// text's order, and subtracting their pens the other way
			// round counted twice the width of every box but the
			// first against the line, which was then set wider than
			// measured.
			if from > 0 && edge >= 0 && edge != sub.base+sub.width {
				b.p.items = append(b.p.items, Kern(edge-(sub.base+sub.width)))
			}
			edge = sub.base
		} else {
			if left := pc.glyphs[from].pen; from > 0 && edge >= 0 && left != edge {
				b.p.items = append(b.p.items, Kern(left-edge))
			}
			edge = pc.glyphs[to-1].pen + pc.glyphs[to-1].adv
		}
		b.p.pieces = append(b.p.pieces, sub)
		prevPiece = len(b.p.pieces) - 1
		b.p.items = append(b.p.items, b.box(&b.p.pieces[prevPiece], int32(prevPiece)))
	}
	for k := 1; k < len(w); k++ {
		if kinds[k] == noBreak {
			continue
		}
		// Emit what lies before the break; find a ligature it cuts.
		cut := -1
		for pi < len(pcs) {
			pc := &pcs[pi]
			j := gi
			for j < len(pc.glyphs) && pc.glyphs[j].re <= int32(k) {
				j++
			}
			if j == len(pc.glyphs) {
				emit(pc, gi, j)
				pi, gi, edge = pi+1, 0, -1
				continue
			}
			if pc.glyphs[j].rs < int32(k) {
				cut = j
			}
			if cut < 0 || cut > gi {
				emit(pc, gi, j)
				gi = j
			}
			break
		}
		if cut < 0 {
			b.breakItem(kinds[k], w[k-1], prevPiece, nil)
			continue
		}
		if kinds[k] != patternBreak && kinds[k] != softBreak {
			continue // no break inside a ligature but at a hyphen
		}
		b.ligatureBreak(w, k, &pcs[pi], &gi, prevPiece)
		edge = -1
	}
	for ; pi < len(pcs); pi, gi, edge = pi+1, 0, -1 {
		emit(&pcs[pi], gi, len(pcs[pi].glyphs))
	}
}

// ligatureBreak adds a hyphenation point before w[k], which cuts the
// cluster of pc's glyph *gi (a ligature): the penalty draws the part
// before the break with a hyphen, a ligature kern the ligature, and a box
// the part after the break, each part shaped on its own. *gi moves past
// the cluster. A ligature whose parts do not shape in its face keeps
// the word whole there.
func (b *parBuilder) ligatureBreak(w []ch, k int, pc *piece, gi *int, prevPiece int) {
	g := pc.glyphs[*gi]
	end := *gi
	for end < len(pc.glyphs) && pc.glyphs[end].rs == g.rs {
		end++
	}
	n := len(b.p.pieces)
	b.shapeChars(w[g.rs:k])
	b.shapeChars(w[k:g.re])
	parts := b.p.pieces[n:]
	sp := b.spans[w[k-1].span]
	hy := b.s.sh.hyphen(pc.face, sp.size)
	if len(parts) != 2 || parts[0].face != pc.face || parts[1].face != pc.face || hy.face != pc.face {
		b.p.pieces = b.p.pieces[:n]
		return
	}
	pre, post := parts[0], parts[1]
	b.p.pieces = b.p.pieces[:n]
	lig := subPiece(pc, *gi, end)
	*gi = end
	// The penalty's text: the part before the break and the hyphen.
	for _, hg := range hy.glyphs {
		hg.at += int32(len(pre.text))
		hg.end += int32(len(pre.text))
		hg.pen += pre.width
		pre.glyphs = append(pre.glyphs, hg)
	}
	pre.text += hy.text
	pre.width += hy.width
	pre.hyphen = hy.width
	b.p.pieces = append(b.p.pieces, pre)
	b.breakItem(kindOf(w, k), w[k-1], prevPiece, &b.p.pieces[len(b.p.pieces)-1])
	b.p.pieces = append(b.p.pieces, lig)
	kern := Kern(lig.width - post.width)
	kern.Flags, kern.Ref = Ligature, int32(len(b.p.pieces)-1)
	b.p.items = append(b.p.items, kern)
	b.p.pieces = append(b.p.pieces, post)
	it := b.box(&b.p.pieces[len(b.p.pieces)-1], int32(len(b.p.pieces)-1))
	it.Flags = AfterBreak
	b.p.items = append(b.p.items, it)
}

// kindOf is the kind of a hyphenation point before w[k]: after a soft
// hyphen or found by the patterns.
func kindOf(w []ch, k int) breakKind {
	if w[k-1].r == '\u00ad' {
		return softBreak
	}
	return patternBreak
}

// box returns the box item of piece pc, number ref.
func (b *parBuilder) box(pc *piece, ref int32) Item {
	it := Box(pc.width, ref)
	it.Stretch = it.Width * Sp(b.p.style.expand) / 1000
	it.Shrink = it.Width * Sp(b.p.style.condense) / 1000
	return it
}

// subPiece returns the piece of pc's glyphs from to to (in the text's
// order): the text of their clusters, its width theirs. It shares pc's
// glyphs.
func subPiece(pc *piece, from, to int) piece {
	if from == 0 && to == len(pc.glyphs) {
		return *pc
	}
	gs := pc.glyphs[from:to]
	at, end := gs[0].at, gs[0].end
	left, right := gs[0].pen, gs[0].pen+gs[0].adv
	for _, g := range gs {
		at, end = min(at, g.at), max(end, g.end)
		left, right = min(left, g.pen), max(right, g.pen+g.adv)
	}
	out := *pc
	out.text, out.width = pc.text[at-pc.at0:end-pc.at0], right-left
	out.glyphs, out.base, out.at0 = gs[:len(gs):len(gs)], left, at
	return out
}

// breakItem adds the penalty for a break of kind before a character; prev
// is the character before the break and pi the piece it ended in. pre,
// when not nil, is what a hyphenation point draws at the line end instead
// of a hyphen: the part of a ligature before the break, and the hyphen.
func (b *parBuilder) breakItem(kind breakKind, prev ch, pi int, pre *piece) {
	if b.p.style.align != justified {
		// Unjustified lines end in stretchable space, wherever they
		// break (TeX's \rightskip): outside words the interword glue
		// provides it; inside one, glue that cancels out when the line
		// does not break there. The leading penalty keeps the glue from
		// being a breakpoint itself.
		em := 3 * b.p.style.size
		b.p.items = append(b.p.items, Penalty(Infinity, 0, 0), Glue(0, em, 0))
		if b.p.style.align == centered {
			// A centred line also starts with stretch, as after a space
			// (see space): the box keeps it from vanishing at the break.
			defer func() {
				b.p.items = append(b.p.items, Glue(0, -2*em, 0), Box(0, -1), Penalty(Infinity, 0, 0), Glue(0, em, 0))
			}()
		} else {
			defer func() { b.p.items = append(b.p.items, Glue(0, -em, 0)) }()
		}
	}
	switch kind {
	case charBreak:
		// A word broken where it does not fit draws no hyphen: it is not
		// a word of the language (a URL, data, a run of characters), and
		// a hyphen would add a character that is not there.
		b.p.items = append(b.p.items, Penalty(charPenalty, 0, 0))
	case ideoBreak:
		if b.p.style.align == justified {
			// Ideographs are set solid; the glue between them, which
			// only stretches, is where a justified line takes up its
			// slack, as CJK typesetting spreads it between characters.
			size := b.spans[prev.span].size
			b.p.items = append(b.p.items, Glue(0, size*ideoStretch/100, 0))
			return
		}
		b.p.items = append(b.p.items, Penalty(0, 0, 0))
	case patternBreak, softBreak:
		sp := b.spans[prev.span]
		face := sp.face
		if pi >= 0 {
			face = b.p.pieces[pi].face
		}
		var ref int32
		var w Sp
		if pre != nil {
			pre.link = sp.link
			ref, w = int32(len(b.p.pieces)-1), pre.width
		} else {
			hy := b.s.sh.hyphen(face, sp.size)
			hy.link = sp.link
			b.p.pieces = append(b.p.pieces, hy)
			ref, w = int32(len(b.p.pieces)-1), hy.width
		}
		flags := Flagged
		if kind == patternBreak {
			flags |= Pattern
		}
		it := Penalty(hyphenPenalty, w, flags)
		it.Ref = ref
		b.p.items = append(b.p.items, it)
	case hyphenBreak:
		b.p.items = append(b.p.items, Penalty(exHyphenPenalty, 0, Flagged))
	case dashBreak:
		b.p.items = append(b.p.items, Penalty(dashPenalty, 0, 0))
	case urlBreak:
		b.p.items = append(b.p.items, Penalty(urlPenalty, 0, 0))
	}
}

// shapeChars shapes characters of a word fragment into pieces, one run
// of shaping per span.
func (b *parBuilder) shapeChars(cs []ch) {
	for i := 0; i < len(cs); {
		j := i
		b.text = b.text[:0]
		for j < len(cs) && cs[j].span == cs[i].span && cs[j].level == cs[i].level {
			b.text = utf8.AppendRune(b.text, cs[j].r)
			j++
		}
		sp := b.spans[cs[i].span]
		n := len(b.p.pieces)
		if b.p.style.smallCaps && (sp.face == fonts.Regular || sp.face == fonts.Bold) {
			b.p.pieces = b.s.sh.smallCaps(b.p.pieces, string(b.text), sp.face, sp.size)
		} else {
			b.p.pieces = b.s.sh.shapeDir(b.p.pieces, string(b.text), sp.face, sp.size, cs[i].level%2 == 1)
		}
		for k := n; k < len(b.p.pieces); k++ {
			pc := &b.p.pieces[k]
			pc.raise = sp.raise
			pc.link = sp.link
			pc.level = cs[i].level
			if i > 0 {
				// The glyphs may be the shaper's cache's: counted
				// from the word's start on a copy.
				pc.glyphs = slices.Clone(pc.glyphs)
				for g := range pc.glyphs {
					pc.glyphs[g].rs += int32(i)
					pc.glyphs[g].re += int32(i)
				}
			}
		}
		i = j
	}
}

// breaks decides where a word may break: kinds[k] applies before w[k].
func (b *parBuilder) breaks(w []ch, last bool) []breakKind {
	if cap(b.kinds) < len(w) {
		b.kinds = make([]breakKind, len(w))
	}
	kinds := b.kinds[:len(w)]
	clear(kinds)
	limit := max(b.p.style.measure-b.p.style.indent, b.p.style.measure/2)
	// A word of several lines is no word of the language (data, a run
	// of characters): it is not hyphenated.
	huge := !b.short(w, overlongMeasures*limit) && b.width(w, overlongMeasures*limit) > overlongMeasures*limit
	codeLike, digits, soft := false, false, false
	for _, c := range w {
		sp := b.spans[c.span]
		codeLike = codeLike || sp.code || sp.url
		digits = digits || unicode.IsDigit(c.r)
		soft = soft || c.r == '\u00ad'
	}
	url := codeLike || looksLikeURL(w)
	for k := 1; k < len(w); k++ {
		prev := w[k-1].r
		switch {
		case prev == '\u00ad':
			kinds[k] = softBreak
		case url && k < len(w)-1 && strings.ContainsRune("/.?&=_-#:;,", prev) && !strings.ContainsRune("/.:", w[k].r):
			kinds[k] = urlBreak
		case url:
		case (prev == '-' || prev == '\u2010') && k >= 2 && k <= len(w)-2 && isWordRune(w[k].r):
			kinds[k] = hyphenBreak
		case (prev == '\u2014' || prev == '\u2013') && k <= len(w)-2 && w[k].r != '\u2014' && w[k].r != '\u2013':
			kinds[k] = dashBreak
		case ideoBreakable(prev, w[k].r):
			kinds[k] = ideoBreak
		}
	}
	if !url && !digits && !soft && !last && !huge && b.p.style.hyphenate {
		b.hyphenate(w, kinds)
	}
	b.breakWide(w, kinds, limit)
	return kinds
}

// breakWide adds breaks inside the stretches of a word, between its
// breakpoints, that are wider than limit and so cannot be set on any
// line: between any two characters for a stretch of up to
// overlongMeasures lines, else in line-wide pieces (see chunk). Each
// stretch is measured once, so the cost is linear in the word's length.
func (b *parBuilder) breakWide(w []ch, kinds []breakKind, limit Sp) {
	start := 0
	for k := 1; k <= len(w); k++ {
		if k < len(w) && kinds[k] == noBreak {
			continue
		}
		seg, segKinds := w[start:k], kinds[start:k]
		start = k
		if b.short(seg, limit) {
			continue
		}
		wd := b.width(seg, overlongMeasures*limit)
		switch {
		case wd <= limit:
		case wd > overlongMeasures*limit:
			b.chunk(seg, segKinds, limit)
		default:
			// Between ideographs the line-breaking rules have marked
			// their breaks already; a stretch still this wide (a row of
			// opening brackets) breaks against them rather than overflow.
			for i := 1; i < len(seg); i++ {
				if a, c := seg[i-1].r, seg[i].r; !invisible(a) && !invisible(c) {
					segKinds[i] = charBreak
				}
			}
		}
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// looksLikeURL recognises a URL or e-mail address set as plain text.
func looksLikeURL(w []ch) bool {
	if len(w) < 5 {
		return false
	}
	hint := false
	for _, c := range w {
		if c.r == '/' || c.r == '@' || c.r == ':' || c.r == '.' && len(w) > 4 && (w[0].r == 'w' || w[0].r == 'W') {
			hint = true
			break
		}
	}
	if !hint {
		return false
	}
	var sb strings.Builder
	for _, c := range w {
		sb.WriteRune(c.r)
	}
	s := strings.ToLower(sb.String())
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") ||
		strings.HasPrefix(s, "mailto:") || (strings.Contains(s, "@") && strings.Contains(s, ".")) ||
		hostPath.MatchString(s)
}

// hostPath matches a host name followed by a path, such as
// "golang.org/x/tools", set without its scheme.
var hostPath = regexp.MustCompile(`^\W*[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/\S`)

// hyphenate marks pattern breaks in each letter run of a word (between
// explicit hyphens and dashes), honouring the language's minimums, except
// at the joint of a word in camel case.
func (b *parBuilder) hyphenate(w []ch, kinds []breakKind) {
	pat := b.s.hyph
	if pat == nil {
		return
	}
	for i := 0; i < len(w); {
		j := i
		for j < len(w) && !(j > i && kinds[j] != noBreak) {
			j++
		}
		// letters only, apart from leading and trailing punctuation
		lo, hi := i, j
		for lo < hi && !unicode.IsLetter(w[lo].r) {
			lo++
		}
		for hi > lo && !unicode.IsLetter(w[hi-1].r) {
			hi--
		}
		if hi-lo >= pat.Left+pat.Right && lettersOnly(w[lo:hi]) {
			b.text = b.text[:0]
			for _, c := range w[lo:hi] {
				b.text = utf8.AppendRune(b.text, c.r)
			}
			b.pts = pat.AppendPoints(b.pts[:0], string(b.text))
			for _, p := range b.pts {
				// No hyphen where a capital follows a small letter
				// ("Service-Workers"): a reader would take it for the
				// author's.
				if unicode.IsUpper(w[lo+p].r) && unicode.IsLower(w[lo+p-1].r) {
					continue
				}
				if kinds[lo+p] == noBreak {
					kinds[lo+p] = patternBreak
				}
			}
		}
		i = j
	}
}

// lettersOnly accepts letters with inner apostrophes, and refuses words in
// capitals (acronyms), which are not hyphenated.
func lettersOnly(w []ch) bool {
	lower := false
	for i, c := range w {
		switch {
		case unicode.IsLetter(c.r):
			lower = lower || unicode.IsLower(c.r)
		case (c.r == '\'' || c.r == '’') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return lower
}

// short reports whether a word surely fits in limit without measuring
// it: below U+2000 no glyph of the embedded faces is two ems wide, and no
// span is set larger than the paragraph.
func (b *parBuilder) short(w []ch, limit Sp) bool {
	if Sp(len(w))*2*b.p.style.size >= limit {
		return false
	}
	for _, c := range w {
		if c.r >= 0x2000 {
			return false
		}
	}
	return true
}

// width measures a word, kerning aside, and stops as soon as it is wider
// than limit: the cost stays in proportion to the measure, whatever the
// word's length.
func (b *parBuilder) width(w []ch, limit Sp) Sp {
	var total Sp
	for _, c := range w {
		if invisible(c.r) {
			continue
		}
		sp := b.spans[c.span]
		face, r := b.s.sh.resolve(sp.face, c.r)
		total += b.s.sh.units(face, sp.size, b.s.sh.face(face).Advance(r))
		if total > limit {
			break
		}
	}
	return total
}

// chunk marks the breaks of an overlong word: it is cut into pieces each
// as wide as fits in limit, measured by the advances of its characters
// (shaping only narrows a word: ligatures and kerning close it up), less
// a little for the rounding of widths, so that every piece fills a line
// without overflowing it. One pass over the word: linear time and memory.
func (b *parBuilder) chunk(w []ch, kinds []breakKind, limit Sp) {
	limit -= limit / 100
	var total Sp
	for k, c := range w {
		if invisible(c.r) {
			continue
		}
		sp := b.spans[c.span]
		face, r := b.s.sh.resolve(sp.face, c.r)
		f := b.s.sh.face(face)
		adv := b.s.sh.units(face, sp.size, f.Advance(r))
		if total > 0 && total+adv > limit {
			kinds[k] = charBreak
			total = 0
		}
		total += adv
	}
}
