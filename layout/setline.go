package layout

import (
	"slices"
	"unicode/utf8"
)

// vbox is an unbreakable piece of a vertical list: a set line, or a
// block drawn whole. Positions inside are relative to its origin: x from
// the left of its frame plus x, y from the baseline.
type vbox struct {
	// h and d are the height above and the depth below the baseline
	// (the line's strut): consecutive boxes sit h+d apart.
	h, d Sp
	x    Sp
	runs []Run
	// packed holds runs once the box is packed (see vlist.pack).
	packed packedRuns
	// rare holds what few boxes have (nil: none of it), so that a box
	// takes 96 bytes: a page's worth of them waits in the vertical list,
	// and the whole of an anthology chapter's.
	rare *boxRare
	// block, line and lines say what the box is, for tests of the page
	// breaks: the line-th (from 0) of lines lines of block number block.
	// They and frame are 32-bit, and the flags below share a word.
	block, line, lines int32
	// frame is where the box was placed: page*columns+column.
	frame int32
	// role is what the box holds.
	role role
	// rtl marks a line of a right-to-left paragraph, rare.measure wide:
	// its list marker goes on the right.
	rtl bool
}

// boxRare is what a box of the vertical list seldom has.
type boxRare struct {
	links  []LinkArea
	rules  []Rule
	images []Image
	// outline is one more than the index of the heading entry anchored
	// here (0: none).
	outline int
	// mark is the section title this box starts, for running heads,
	// when hasMark is set.
	mark    string
	hasMark bool
	// text is the line's text, for warnings.
	text string
	// overfull is how far a line sticks out of its measure (0: it fits).
	overfull Sp
	// measure is the width of a right-to-left line (see vbox.rtl).
	measure Sp
}

// more returns the box's rare fields, made on first use.
func (b *vbox) more() *boxRare {
	if b.rare == nil {
		b.rare = &boxRare{}
	}
	return b.rare
}

// overfull is how far the box sticks out of its measure (0: it fits).
func (b *vbox) overfull() Sp {
	if b.rare == nil {
		return 0
	}
	return b.rare.overfull
}

// links are the box's link areas.
func (b *vbox) links() []LinkArea {
	if b.rare == nil {
		return nil
	}
	return b.rare.links
}

// role is what a vertical box holds.
type role uint8

const (
	roleOther role = iota
	roleBody       // a line of running text (paragraph, list item, quote)
	roleHeading
	roleCode
	roleTable // a line of a table's cells or caption, or one of its rules
)

// setLine places the items of one line: boxes become runs, glue is
// stretched or shrunk to fill the measure exactly, and a line broken at a
// hyphenation point gets its hyphen.
func (s *setter) setLine(p *para, l Line, h, d Sp) *vbox {
	box := &vbox{h: h, d: d}
	items := p.items
	short := l.Width - l.Natural
	end := l.End
	if end > len(items) {
		end = len(items)
	}
	// The runs are built in the setter's buffer, kept from line to line,
	// and copied out at the end at their number.
	box.runs = s.lineRuns[:0]
	// The glyphs of the runs too, in order (only the last run grows),
	// copied out at the end at their number.
	glyphs, starts := s.lineGlyphs[:0], s.glyphStarts[:0]
	// Font expansion takes its share of the adjustment first, in whole
	// thousandths, up to its limit; the glue takes the rest exactly.
	expand := 0
	glueStretch, glueShrink := l.Stretch, l.Shrink
	if (p.style.expand > 0 || p.style.condense > 0) && l.Fil == 0 && short != 0 {
		var boxStretch, boxShrink Sp
		for i := l.Start; i < end; i++ {
			if it := items[i]; it.Kind == BoxItem {
				boxStretch += it.Stretch
				boxShrink += it.Shrink
			}
		}
		glueStretch, glueShrink = l.Stretch-boxStretch, l.Shrink-boxShrink
		switch {
		case short > 0 && l.Stretch > 0:
			expand = int(scale(Sp(p.style.expand), min(short, l.Stretch), l.Stretch))
		case short < 0 && l.Shrink > 0:
			expand = -int(scale(Sp(p.style.condense), min(-short, l.Shrink), l.Shrink))
		}
		if expand != 0 {
			var grown Sp
			for i := l.Start; i < end; i++ {
				if it := items[i]; it.Kind == BoxItem {
					grown += scale(it.Width, Sp(expand), 1000)
				}
			}
			if end < len(items) && items[end].Kind == PenaltyItem {
				grown += scale(items[end].Width, Sp(expand), 1000)
			}
			short -= grown
		}
	}
	var num, den Sp
	shrinking := false
	switch {
	case short > 0 && l.Fil > 0:
	case short > 0 && glueStretch != 0:
		num, den = short, glueStretch
	case short < 0 && glueShrink > 0:
		num, den, shrinking = max(short, -glueShrink), glueShrink, true
	}
	if l.Overfull() {
		box.more().overfull = l.Natural - l.Shrink - l.Width
	}
	// widen applies the line's expansion to a natural width.
	widen := func(w Sp) Sp { return w + scale(w, Sp(expand), 1000) }
	var x, cum, adj Sp
	fils := 0
	joinable := false // the last thing placed was a box or kern, not glue
	curLink, linkStart := int32(0), Sp(0)
	closeLink := func(end Sp) {
		if curLink != 0 {
			r := box.more()
			r.links = append(r.links, LinkArea{X: linkStart, W: end - linkStart, URL: p.links[curLink-1], Tag: curLink})
			curLink = 0
		}
	}
	var linkEnd Sp
	// spaced is set when a word space has moved x since the last piece:
	// the piece placed next starts a new word.
	spaced := false
	// With right-to-left text, each run keeps one level and one link,
	// which reorder needs.
	var levels []uint8
	var runLinks []int32
	place := func(pc *piece) {
		if pc.link != curLink {
			closeLink(linkEnd)
			if p.bidi {
				reorder(box, levels, runLinks, p.links, l.Width, p.base)
				box.rtl, box.more().measure = p.base%2 == 1, l.Width
			}
			if pc.link != 0 {
				curLink, linkStart = pc.link, x
			}
		}
		width := widen(pc.width)
		tag := s.pieceTag(p, pc)
		if spaced && len(box.runs) > 0 {
			box.runs[len(box.runs)-1].Space = true
		}
		spaced = false
		if n := len(box.runs); joinable && n > 0 {
			r := &box.runs[n-1]
			// A right-to-left run is one piece, its glyphs in drawing
			// order: pieces do not join it.
			sameBidi := !p.bidi || levels[n-1] == pc.level && runLinks[n-1] == pc.link && pc.level%2 == 0
			if r.Face == pc.face && r.Size == pc.size && r.Y == -pc.raise && r.Tag == tag && sameBidi {
				if p.bidi {
					r.Glyphs = pc.runGlyphs(r.Glyphs, int32(len(r.Text)), x-r.X, widen)
				} else {
					glyphs = pc.runGlyphs(glyphs, int32(len(r.Text)), x-r.X, widen)
				}
				r.Text += pc.text
				r.Width = x + width - r.X
				return
			}
		}
		run := Run{Face: pc.face, Size: pc.size, X: x, Y: -pc.raise, Text: pc.text, Width: width, Expand: expand, Tag: tag}
		if p.bidi {
			// reorder moves the runs of a line with right-to-left
			// text: each keeps glyphs of its own.
			run.Glyphs = pc.runGlyphs(nil, 0, 0, widen)
		} else {
			starts = append(starts, len(glyphs))
			glyphs = pc.runGlyphs(glyphs, 0, 0, widen)
		}
		box.runs = append(box.runs, run)
		if p.bidi {
			levels = append(levels, pc.level)
			runLinks = append(runLinks, pc.link)
		}
	}
	// boxEnd is where the last box or kern ended: a hyphen goes there,
	// before the stretchable space that ends an unjustified line.
	var boxEnd Sp
	for i := l.Start; i < l.End && i < len(items); i++ {
		it := items[i]
		switch it.Kind {
		case BoxItem:
			w := widen(it.Width)
			if it.Flags&AfterBreak != 0 && i > l.Start {
				// The ligature kern before it has drawn the word's
				// unbroken form.
				x += w
				boxEnd = x
				continue
			}
			if it.Ref >= 0 {
				pc := &p.pieces[it.Ref]
				if pc.text != "" {
					place(pc)
					if pc.link != 0 {
						linkEnd = x + w
					}
				}
			}
			x += w
			boxEnd = x
			joinable = true
		case KernItem:
			if it.Flags&Ligature != 0 && it.Ref >= 0 {
				// A ligature cut by a hyphenation point, unbroken.
				place(&p.pieces[it.Ref])
				joinable = true
			}
			x += it.Width
			boxEnd = x
		case GlueItem:
			before := x
			x += it.Width
			switch {
			case it.Flags&Fil != 0:
				if short > 0 && l.Fil > 0 {
					fils++
					x += short*Sp(fils)/Sp(l.Fil) - short*Sp(fils-1)/Sp(l.Fil)
				}
			case den != 0:
				if shrinking {
					cum += it.Shrink
				} else {
					cum += it.Stretch
				}
				want := scale(cum, num, den)
				x += want - adj
				adj = want
			}
			// Glue that sets to nothing (the pairs that give unjustified
			// lines their stretch) does not separate pieces.
			joinable = joinable && x == before
			// Word spaces are glue of some width; the glue between
			// ideographs has none, and stretches only.
			spaced = spaced || it.Width > 0 && x != before
		}
	}
	if l.End < len(items) {
		if it := items[l.End]; it.Kind == PenaltyItem && it.Ref >= 0 {
			// The pre-break text of a hyphenation point: its hyphen.
			pc := &p.pieces[it.Ref]
			x = boxEnd
			place(pc)
			if n := len(box.runs); n > 0 && !p.bidi && pc.hyphen > 0 {
				box.runs[n-1].Hyphen = widen(pc.hyphen)
			}
			if pc.link != 0 {
				linkEnd = x + widen(pc.width)
			}
		}
	}
	closeLink(linkEnd)
	if n := len(box.runs); n > 0 && l.End < len(items) && endsAtSpace(items, l.End) {
		box.runs[n-1].Space = true
	}
	if len(glyphs) > 0 {
		all := slices.Clone(glyphs)
		for k := range box.runs {
			end := len(all)
			if k+1 < len(starts) {
				end = starts[k+1]
			}
			box.runs[k].Glyphs = all[starts[k]:end:end]
		}
	}
	s.lineGlyphs, s.glyphStarts = glyphs[:0], starts[:0]
	built := box.runs
	if p.bidi {
		reorder(box, levels, runLinks, p.links, l.Width, p.base)
		box.rtl, box.more().measure = p.base%2 == 1, l.Width
	}
	// Until here a link area's Tag held its link's number. Link areas
	// cover the text's height: from a little above the capitals to
	// below the descenders.
	links := box.links()
	size := p.style.size
	for k := range links {
		links[k].Tag = s.linkTag(p, links[k].Tag)
		links[k].Y = -size * 85 / 100
		links[k].H = size * 110 / 100
	}
	// A line's runs are held until its page is made, for the whole
	// document, so they take only the room they need: a line's words
	// mostly join into one run, where a run a word was once reserved.
	switch {
	case len(box.runs) == 0:
		box.runs = nil
	case &box.runs[0] == &built[0]:
		box.runs = slices.Clone(box.runs)
	}
	s.lineRuns = built[:0]
	if box.overfull() > 0 {
		box.rare.text = lineText(box.runs)
	}
	return box
}

// endsAtSpace reports whether a line broken at items[end] ends at a word
// space: a break at interword glue (which has a width; the glue between
// ideographs has none), or at a penalty next to it (ragged and centred
// lines break between the glue items of a word space), or a forced break
// (a line break in the text). A break inside a word (a hyphen, after a
// dash or in a URL) has boxes on both sides.
func endsAtSpace(items []Item, end int) bool {
	space := func(k int) bool { return k >= 0 && k < len(items) && items[k].Kind == GlueItem && items[k].Width > 0 }
	if space(end) || items[end].Kind == PenaltyItem && items[end].Penalty <= Eject {
		return true
	}
	return items[end].Kind == PenaltyItem && items[end].Ref < 0 && (space(end-1) || space(end+1))
}

// lineText joins a line's runs for messages, cut to its first 60
// characters: a warning is one line of a terminal, whatever the input.
func lineText(runs []Run) string {
	const most = 60
	var b []byte
	for i, r := range runs {
		if i > 0 && r.X > runs[i-1].X+runs[i-1].Width {
			b = append(b, ' ')
		}
		b = append(b, r.Text...)
		if utf8.RuneCount(b) > most {
			break
		}
	}
	return excerpt(string(b), most)
}

// excerpt returns s cut to at most n characters, with an ellipsis when it
// was cut.
func excerpt(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}
