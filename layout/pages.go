package layout

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"pamphlet/fonts"
)

// frame is a rectangle of a page that text flows into: one column.
type frame struct {
	page, column int
	x, y, w, h   Sp
}

// pager places vertical lists on pages.
type pager struct {
	s *setter
	// release drops each box's runs, links, rules and images once they
	// are on the page (Layout sets it; tests of the boxes do not).
	release bool
	pages   []*Page
	// first and last mark of each page, for running heads
	firstMark, lastMark []string
	hasFirst, hasLast   []bool
}

func (pg *pager) page(i int) *Page {
	for len(pg.pages) <= i {
		pg.pages = append(pg.pages, &Page{Folio: pg.s.firstFolio + len(pg.pages)})
		pg.firstMark = append(pg.firstMark, "")
		pg.lastMark = append(pg.lastMark, "")
		pg.hasFirst = append(pg.hasFirst, false)
		pg.hasLast = append(pg.hasLast, false)
	}
	return pg.pages[i]
}

// textLeft is the left edge of the text block of page i: the inner
// margin is on the left of right-hand (odd) pages.
func (s *setter) textLeft(i int) Sp {
	if (s.firstFolio+i)%2 == 1 {
		return s.g.margins.Inner
	}
	return s.g.margins.Outer
}

// frames returns the columns of page i, starting top below the top
// margin.
func (s *setter) frames(i int, top Sp) []frame {
	g := s.g
	x := s.textLeft(i)
	y := g.margins.Top + top
	h := g.textHeight - top
	out := make([]frame, g.columns)
	for c := range out {
		out[c] = frame{page: i, column: c, x: x + Sp(c)*(g.measure+g.gap), y: y, w: g.measure, h: h}
	}
	return out
}

// fill chooses where a frame of height h ends, for the list starting at
// i: the legal break with the least cost among those that fit, the later
// one on ties. The cost is the break's penalty plus the square of the
// space left empty, in tenths of a line. It returns the index of the
// break (len(items) for the end of the list).
func (pg *pager) fill(items []vitem, i int, h Sp) (end int, forced bool) {
	var total Sp
	best, bestCost := -1, 0
	lastFit := -1 // last box boundary that fits, if no legal break does
	leading := pg.s.g.leading
	for k := i; k < len(items); k++ {
		it := items[k]
		switch it.kind {
		case vBox:
			total += it.box.h + it.box.d
			if total > h {
				if best >= 0 {
					return best, false
				}
				if lastFit > i {
					return lastFit, true
				}
				return k + 1, true // a box taller than the frame: place it alone
			}
			lastFit = k + 1
		case vGlue:
			total += it.size
		case vPenalty:
			if it.penalty >= Infinity || total > h {
				continue
			}
			short := (h - total) * 10 / leading
			cost := it.penalty + int(short*short)
			if best < 0 || cost <= bestCost {
				best, bestCost = k, cost
			}
		}
	}
	return len(items), false
}

// height is the height of a vertical list set without breaks.
func height(items []vitem) Sp {
	var h Sp
	for _, it := range items {
		switch it.kind {
		case vBox:
			h += it.box.h + it.box.d
		case vGlue:
			h += it.size
		}
	}
	return h
}

// skip returns the first item at or after i that is a box: glue and
// penalties vanish at the top of a frame.
func skip(items []vitem, i int) int {
	for i < len(items) && items[i].kind != vBox {
		i++
	}
	return i
}

// place puts items[i:end] into frame f and returns the y below the last
// box.
func (pg *pager) place(items []vitem, i, end int, f frame) Sp {
	p := pg.page(f.page)
	y := f.y
	// Size the page's slice once: pages are kept until they are painted,
	// and the slack of a slice grown by appending is a third of a long
	// book's memory.
	runs := 0
	for k := i; k < end; k++ {
		if items[k].kind == vBox {
			runs += len(items[k].box.runs)
		}
	}
	p.Body = slices.Grow(p.Body, runs)
	for k := i; k < end; k++ {
		it := items[k]
		switch it.kind {
		case vGlue:
			y += it.size
		case vBox:
			b := it.box
			b.frame = int32(f.page*pg.s.g.columns + f.column)
			y += b.h
			x := f.x + b.x
			at := len(p.Body)
			for _, r := range b.runs {
				r.X += x
				r.Y += y
				p.Body = append(p.Body, r)
			}
			for _, l := range b.links {
				l.X += x
				l.Y += y
				p.Links = append(p.Links, l)
			}
			for _, r := range b.rules {
				r.X += x
				r.Y += y
				r.At = at
				p.Rules = append(p.Rules, r)
			}
			for _, im := range b.images {
				im.X += x
				im.Y += y
				im.At = at
				p.Images = append(p.Images, im)
			}
			if b.outline >= 0 {
				o := &pg.s.outline[b.outline]
				o.Page, o.Y = f.page, y-b.h
			}
			if b.hasMark {
				if !pg.hasFirst[f.page] {
					pg.firstMark[f.page], pg.hasFirst[f.page] = b.mark, true
				}
				pg.lastMark[f.page], pg.hasLast[f.page] = b.mark, true
			}
			if b.overfull > 0 {
				pg.s.warn(p.Folio, fmt.Sprintf("line %v too wide: %q", b.overfull, b.text))
			}
			if pg.release {
				// The page holds the material now: a long document
				// need not hold it twice until pagination ends.
				b.runs, b.links, b.rules, b.images = nil, nil, nil, nil
			}
			y += b.d
		}
	}
	return y
}

// placeTurned sets a table turned a quarter turn on pages of its own,
// from the page after pageIdx when that holds anything (top > 0, or the
// columns above), breaking between its rows. Its material is placed on
// the page as if the paper were turned (Page.Turned): x runs from the
// foot of the page to its head, across the text block's height. It
// returns the page and top where the body goes on.
func (pg *pager) placeTurned(items []vitem, pageIdx int, top Sp) (int, Sp) {
	s := pg.s
	if top > 0 || len(pg.page(pageIdx).Body) > 0 {
		pageIdx++
	}
	j := skip(items, 0)
	for j < len(items) {
		p := pg.page(pageIdx)
		p.Turned = true
		f := frame{page: pageIdx, x: s.g.margins.Bottom, y: s.textLeft(pageIdx), w: s.g.textHeight, h: s.g.textWidth}
		f = pg.repeatHeader(items, j, f)
		end, _ := pg.fill(items, j, f.h)
		pg.place(items, j, end, f)
		j = skip(items, end)
		pageIdx++
	}
	return pageIdx, 0
}

// repeatHeader sets again, at the top of frame f, the header of a table
// that broke just before items[i], and returns the frame left below it.
func (pg *pager) repeatHeader(items []vitem, i int, f frame) frame {
	hdr := brokenHeader(items, i)
	if hdr == nil || hdr.h >= f.h/2 {
		return f
	}
	cp := *hdr
	f.y = pg.place([]vitem{{kind: vBox, box: &cp}}, 0, 1, f)
	f.h -= hdr.h
	return f
}

// brokenHeader returns the table header that a break right before
// items[i] (after skip) asks to repeat, or nil.
func brokenHeader(items []vitem, i int) *vbox {
	for k := i - 1; k >= 0 && items[k].kind != vBox; k-- {
		if items[k].kind == vPenalty && items[k].box != nil {
			return items[k].box
		}
	}
	return nil
}

// paginate flows the title block and the body into pages: the title
// block across the text width at the top of the first page, the body in
// columns below it and on the following pages.
func (pg *pager) paginate(title, body *vlist) {
	s := pg.s
	top := Sp(0)
	pg.page(0)
	if title != nil && len(title.items) > 0 {
		items := title.items
		if height(items) > s.g.textHeight {
			// A title block taller than a page (a title of thousands
			// of characters) runs on over as many pages as it needs,
			// breaking between its lines, rather than off the foot of
			// the first.
			for k := range items {
				if items[k].kind == vPenalty {
					items[k].penalty = 0
				}
			}
		}
		var bottom Sp
		page := 0
		for i := 0; ; page++ {
			pg.page(page)
			f := frame{page: page, x: s.textLeft(page), y: s.g.margins.Top, w: s.g.textWidth, h: s.g.textHeight}
			if page == 0 {
				f.y, f.h = f.y+s.sink, f.h-s.sink
			}
			end, _ := pg.fill(items, i, f.h)
			bottom = pg.place(items, i, end, f) - s.g.margins.Top
			if i = skip(items, end); i >= len(items) {
				break
			}
		}
		// Body lines stay on the page's grid: the title block and the
		// space after it take whole lines.
		l := s.g.leading
		top = pg.columnTop((bottom + 2*l + l - 1) / l * l)
		if top >= s.g.textHeight {
			top = 0
			pg.page(page + 1)
		}
	}
	items := body.items
	i := skip(items, 0)
	pageIdx := len(pg.pages) - 1
	// A table set across both columns ends the segment of columns before
	// it: that segment is balanced above the table. end is the next such
	// table (len(items): none), looked for once per segment, not once
	// per page, which made a long text's pagination quadratic.
	end := -1
	for i < len(items) {
		if end < i {
			end = i
			for end < len(items) && (items[end].kind != vBox || s.floats[items[end].box].items == nil) {
				end++
			}
		}
		seg := items[:end]
		if i < end {
			frames := s.frames(pageIdx, top)
			if bottom, ok := pg.balanced(seg, i, frames); ok {
				if end == len(items) {
					break // the last page, its columns balanced
				}
				i, top = end, bottom-s.g.margins.Top+s.g.leading
			} else {
				for _, f := range frames {
					if i >= end {
						break
					}
					f = pg.repeatHeader(seg, i, f)
					e, forced := pg.fill(seg, i, f.h)
					if forced {
						s.warn(pg.page(f.page).Folio, "no good page break: a kept block is split or taller than the page")
					}
					pg.place(seg, i, e, f)
					i = skip(seg, e)
				}
				pageIdx++
				top = 0
				if i < len(items) {
					pg.page(pageIdx)
				}
				continue
			}
		}
		if end < len(items) {
			if fl := s.floats[items[end].box]; fl.turned {
				pageIdx, top = pg.placeTurned(fl.items, pageIdx, top)
			} else {
				pageIdx, top = pg.placeSpan(fl.items, pageIdx, top)
			}
			i = skip(items, end+1)
			if i < len(items) {
				pg.page(pageIdx)
			}
		}
	}
}

// furnish adds running heads and folios. The first page has no head.
// Left-hand pages carry the book title, or the article title; right-hand
// pages the article title in a book, else the current section.
func (pg *pager) furnish() {
	s := pg.s
	size := s.small()
	current := ""
	if s.doc != nil {
		current = s.doc.Title
	}
	for i, p := range pg.pages {
		if pg.hasFirst[i] {
			current = pg.firstMark[i]
		}
		left := s.textLeft(i)
		verso := (s.firstFolio+i)%2 == 0
		// One column: head and folio centred. Two: at the outer edge,
		// clear of the gutter.
		align := 0
		if s.g.columns > 1 {
			align = 1
			if verso {
				align = -1
			}
		}
		folio := fmt.Sprint(p.Folio)
		fy := s.g.margins.Top + s.g.textHeight + 2*s.g.leading
		p.Foot = s.slotRuns(folio, fonts.Regular, size, left, s.g.textWidth, fy, align)
		if i > 0 {
			head := ""
			switch {
			case s.opt.BookTitle != "" && verso:
				head = s.opt.BookTitle
			case s.opt.BookTitle != "" || verso:
				head = s.label
			default:
				head = current
			}
			hy := s.g.margins.Top - 3*s.g.leading/2
			p.Head = s.slotRuns(oneLine(head), fonts.Italic, size, left, s.g.textWidth, hy, align)
		}
		if pg.hasLast[i] {
			current = pg.lastMark[i]
		}
	}
}

// slotRuns sets one line of page furniture in width, centred (align 0),
// flush left (-1) or flush right (1), shortened with an ellipsis when it
// does not fit (see fitText).
func (s *setter) slotRuns(text string, face fonts.Style, size, left, width, y Sp, align int) []Run {
	if text == "" {
		return nil
	}
	pieces := s.sh.shapeLine(nil, s.fitText(text, face, size, width), face, size)
	var w Sp
	for _, pc := range pieces {
		w += pc.width
	}
	x := left + (width-w)/2
	switch align {
	case -1:
		x = left
	case 1:
		x = left + width - w
	}
	var runs []Run
	for _, pc := range pieces {
		runs = append(runs, Run{Face: pc.face, Size: pc.size, X: x, Y: y, Text: pc.text, Glyphs: pc.glyphsOf(), Width: pc.width})
		x += pc.width
	}
	return runs
}

// fitKey names a line of furniture fitted to a width.
type fitKey struct {
	text        string
	face        fonts.Style
	size, width Sp
}

// fitText returns text when it fits in width, else its longest beginning
// that fits with an ellipsis after it: cut at a space when there is one
// in the last third of the room, else between two characters (a title of
// one long word, or in a script without spaces). Characters are measured
// in the face that draws them. Only the room's worth of text is looked at,
// however long the title, and each result is kept for the following
// pages, which mostly repeat it.
func (s *setter) fitText(text string, face fonts.Style, size, width Sp) string {
	key := fitKey{text, face, size, width}
	if t, ok := s.fitted[key]; ok {
		return t
	}
	const ellipsis = " …"
	measure := func(t string) Sp {
		var w Sp
		for _, pc := range s.sh.shapeLine(nil, t, face, size) {
			w += pc.width
		}
		return w
	}
	room := width - measure(ellipsis)
	// ends[i] is the byte offset after the i+1 first characters that fit.
	var ends []int
	var w Sp
	fits := true
	for i, r := range text {
		if invisible(r) {
			continue
		}
		f, rr := s.sh.resolve(face, r)
		w += s.sh.units(f, size, s.sh.face(f).Advance(rr))
		if w > width {
			fits = false
			break
		}
		if w <= room {
			ends = append(ends, i+utf8.RuneLen(r))
		}
	}
	out := text
	if !fits || measure(text) > width {
		out = ""
		for len(ends) > 0 {
			cut, mark := ends[len(ends)-1], "…"
			if sp := strings.LastIndexByte(text[:cut], ' '); sp > 0 && len(ends) > 3 && sp >= ends[len(ends)*2/3-1] {
				cut, mark = sp, ellipsis
			}
			out = strings.TrimRight(text[:cut], " ,;:") + mark
			if measure(out) <= width {
				break
			}
			// Kerning made it wider than measured: one character less.
			ends = ends[:len(ends)-1]
			out = ""
		}
		if out == "" {
			out = "…"
		}
	}
	if s.fitted == nil {
		s.fitted = map[fitKey]string{}
	}
	s.fitted[key] = out
	return out
}
