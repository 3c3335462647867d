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
	// st is how far the body is placed.
	st flowState
	// stream is set when the body is placed as it is built (Layout):
	// what is placed is dropped, and warnings wait for the body's end.
	stream bool
}

func (pg *pager) page(i int) *Page {
	for len(pg.pages) <= i {
		if n := len(pg.pages); pg.s.opt.Pack && n >= 3 {
			// With Options.Pack, a page two before the one begun is
			// finished: packed. The first page stays whole while the
			// pages are made (a masthead's columns measure it).
			pg.pages[n-2].pack()
		}
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
			cost := int(it.penalty) + int(short*short)
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
		if b := items[k].box; items[k].kind == vBox {
			runs += len(b.runs)
			runs += b.packed.count()
		}
	}
	if p.packed != nil {
		// Material placed on a page packed already: whole again.
		p.Body, p.packed = p.packed.unpack(), nil
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
			if b.packed != "" {
				p.Body = b.packed.appendTo(p.Body)
			} else {
				p.Body = append(p.Body, b.runs...)
			}
			for k := at; k < len(p.Body); k++ {
				p.Body[k].X += x
				p.Body[k].Y += y
			}
			if r := b.rare; r != nil {
				pg.placeRare(r, p, f, x, y-b.h, y, at)
			}
			if pg.release {
				// The page holds the material now: a long document
				// need not hold it twice until pagination ends.
				b.runs, b.packed = nil, ""
				if r := b.rare; r != nil {
					r.links, r.rules, r.images = nil, nil, nil
				}
			}
			y += b.d
		}
	}
	return y
}

// placeRare puts on page p what few boxes have: the link areas, rules
// and pictures of a box placed in frame f at x, its top at top and its
// baseline at y, its runs from p.Body[at]; its outline entry, running
// head mark, and warning when it is too wide.
func (pg *pager) placeRare(r *boxRare, p *Page, f frame, x, top, y Sp, at int) {
	for _, l := range r.links {
		l.X += x
		l.Y += y
		p.Links = append(p.Links, l)
	}
	for _, ru := range r.rules {
		ru.X += x
		ru.Y += y
		ru.At = at
		p.Rules = append(p.Rules, ru)
	}
	for _, im := range r.images {
		im.X += x
		im.Y += y
		im.At = at
		p.Images = append(p.Images, im)
	}
	if r.outline > 0 {
		o := &pg.s.outline[r.outline-1]
		o.Page, o.Y = f.page, top
	}
	if r.hasMark {
		if !pg.hasFirst[f.page] {
			pg.firstMark[f.page], pg.hasFirst[f.page] = r.mark, true
		}
		pg.lastMark[f.page], pg.hasLast[f.page] = r.mark, true
	}
	if r.overfull > 0 {
		pg.warn(p.Folio, fmt.Sprintf("line %v too wide: %q", r.overfull, r.text))
	}
}

// placeTurned sets a table turned a quarter turn on pages of its own,
// from the page after pageIdx when that holds anything (top > 0, or the
// columns above), breaking between its rows. Its material is placed on
// the page as if the paper were turned (Page.Turned): x runs from the
// foot of the page to its head, across the text block's height. It
// returns the page and top where the body goes on.
func (pg *pager) placeTurned(items []vitem, pageIdx int, top Sp) (int, Sp) {
	s := pg.s
	if p := pg.page(pageIdx); top > 0 || len(p.Body) > 0 || p.packed != nil {
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
	hdr, rest := headerAt(items, i, f)
	if hdr != nil {
		// A copy, which placing may release.
		cp := *hdr
		if hdr.rare != nil {
			rare := *hdr.rare
			cp.rare = &rare
		}
		pg.place([]vitem{{kind: vBox, box: &cp}}, 0, 1, f)
	}
	return rest
}

// headerAt returns the header of a table that broke just before items[i]
// to set again at the top of frame f, if any fits, and the frame left
// below it.
func headerAt(items []vitem, i int, f frame) (*vbox, frame) {
	hdr := brokenHeader(items, i)
	if hdr == nil || hdr.h >= f.h/2 {
		return nil, f
	}
	f.y += hdr.h + hdr.d
	f.h -= hdr.h
	return hdr, f
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
// columns below it and on the following pages. The body is complete; a
// layout that paginates it as it is built calls start, then flow as it
// grows, then finish (see flowState).
func (pg *pager) paginate(title, body *vlist) {
	pg.start(title, body)
	pg.finish()
}

// flowState is how far the body's vertical list is placed. The body may
// be placed as it is built: each decision is taken only once the items
// that decide it are known (a frame's break once a box overflows it, the
// balancing of the last page's columns once the rest is more than they
// hold, or the list is complete), so the pages are the same as when the
// whole list is placed at once. What is placed, but for the glue and
// penalties a table's repeated header is found in, may then be dropped
// (drop).
type flowState struct {
	body *vlist
	// i is the next item to place; skipped tells that the glue and
	// penalties at i, which vanish at the top of a frame, are passed,
	// and newPage that a page is then to be begun if anything follows.
	i                int
	skipped, newPage bool
	// end is the placeholder of the float table that ends the segment
	// of columns being placed, when it is known to be at or after i;
	// scanned is how far the items hold no other.
	end, scanned int
	pageIdx      int
	top          Sp
	// done is set once the body is complete.
	done bool
	// tried is the length of the list at the last flow before it was
	// done (see grown); most is the longest it was then.
	tried, most int
	// titleEnd is the page after the title block's last.
	titleEnd int
	// held keeps the warnings of what is placed until the body is
	// complete: the warnings of building it come first, as when the
	// whole list is placed at once.
	held []Warning
}

// start places the title block at the top of the first page and sets the
// body's flow to begin below it.
func (pg *pager) start(title, body *vlist) {
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
	pg.st = flowState{body: body, end: -1, pageIdx: len(pg.pages) - 1, top: top, titleEnd: len(pg.pages), held: pg.st.held}
}

// flowBatch is how many items the body grows by between two attempts to
// place more of it: a few pages of lines, so that an attempt that finds
// too little known to decide a page costs little. A variable so that
// tests can try after every block.
var flowBatch = 256

// grown places what can be placed of the body once it has grown by
// flowBatch items since the last attempt, and drops what is placed.
func (pg *pager) grown() {
	st := &pg.st
	if len(st.body.items)-st.tried < flowBatch {
		return
	}
	st.most = max(st.most, len(st.body.items))
	pg.flow()
	pg.drop()
	st.tried = len(st.body.items)
}

// finish places the rest of the complete body and gives the title
// block's elements their numbers after the body's (see setter.later).
func (pg *pager) finish() {
	st := &pg.st
	st.done = true
	for _, w := range st.held {
		pg.s.warn(w.Page, w.Message)
	}
	st.held = nil
	pg.flow()
	if pg.stream {
		st.body.items = nil
	}
	pg.settle()
}

// flow places the body's items on pages as far as what is known of the
// list decides them: all of them once it is complete.
//
// A table set across both columns ends the segment of columns before it:
// that segment is balanced above the table. The segment's end is looked
// for once per segment, not once per page, which made a long text's
// pagination quadratic.
func (pg *pager) flow() {
	s, st := pg.s, &pg.st
	for {
		items := st.body.items
		if !st.skipped {
			j := skip(items, st.i)
			if j == len(items) && !st.done {
				return // the glue and penalties may go on
			}
			st.i, st.skipped = j, true
			if st.newPage && j < len(items) {
				pg.page(st.pageIdx)
			}
			st.newPage = false
		}
		i := st.i
		if i >= len(items) {
			return
		}
		if st.end < i {
			st.end, st.scanned = -1, max(st.scanned, i)
			for ; st.scanned < len(items); st.scanned++ {
				if it := items[st.scanned]; it.kind == vBox && s.floats[it.box].items != nil {
					st.end = st.scanned
					break
				}
			}
		}
		end, float := st.end, st.end >= i
		if !float {
			end = len(items)
		}
		// open is set while the segment goes on past the items known.
		open := !float && !st.done
		seg := items[:end]
		if i < end {
			frames := s.frames(st.pageIdx, st.top)
			if open && len(frames) == 2 && !overTwoColumns(seg, i, frames[0].h) {
				return // the rest may yet fit on the page, balanced
			}
			if bottom, ok := pg.balanced(seg, i, frames); ok {
				if !float {
					st.i = len(items) // the last page, its columns balanced
					return
				}
				st.i, st.top = end, bottom-s.g.margins.Top+s.g.leading
			} else {
				plan, next, ok := pg.planPage(seg, i, frames, open)
				if !ok {
					return
				}
				for k, fp := range plan {
					f := pg.repeatHeader(seg, fp.start, frames[k])
					if fp.forced {
						pg.warn(pg.page(f.page).Folio, "no good page break: a kept block is split or taller than the page")
					}
					pg.place(seg, fp.start, fp.end, f)
				}
				st.i = next
				st.pageIdx++
				st.top = 0
				if next < len(items) {
					pg.page(st.pageIdx)
				}
				continue
			}
		}
		if float {
			marker := items[end].box
			if fl := s.floats[marker]; fl.turned {
				st.pageIdx, st.top = pg.placeTurned(fl.items, st.pageIdx, st.top)
			} else {
				st.pageIdx, st.top = pg.placeSpan(fl.items, st.pageIdx, st.top)
			}
			if pg.stream {
				delete(s.floats, marker)
			}
			st.i, st.skipped, st.newPage = end+1, false, true
		}
	}
}

// framePlan is where one frame of a page starts and ends in the list,
// and whether the break was forced (see fill).
type framePlan struct {
	start, end int
	forced     bool
}

// planPage chooses the breaks of the frames of one page, for the list
// starting at i, and returns them with the item the next page starts
// at. While the list is open (more items may follow), ok is false when
// the items known do not decide every break.
func (pg *pager) planPage(items []vitem, i int, frames []frame, open bool) (plan []framePlan, next int, ok bool) {
	for _, f := range frames {
		if i >= len(items) {
			break
		}
		_, f = headerAt(items, i, f)
		e, forced := pg.fill(items, i, f.h)
		j := skip(items, e)
		if open && j == len(items) {
			// The frame is not full yet (fill reached the end), or
			// what the next frame starts with is not known.
			return nil, 0, false
		}
		plan = append(plan, framePlan{start: i, end: e, forced: forced})
		i = j
	}
	return plan, i, true
}

// drop lets go of the items of the body placed already, but for the
// glue and penalties just before the next, where a table's header to
// repeat is found.
func (pg *pager) drop() {
	st := &pg.st
	items := st.body.items
	k := st.i
	for k > 0 && items[k-1].kind != vBox {
		k--
	}
	if k == 0 {
		return
	}
	n := copy(items, items[k:])
	clear(items[n:])
	st.body.items = items[:n]
	st.i -= k
	st.scanned = max(st.scanned-k, 0)
	if st.end >= 0 {
		st.end -= k
	}
	st.tried -= k
}

// warn passes on a warning about what is placed, held until the body is
// complete (see flowState.held).
func (pg *pager) warn(page int, msg string) {
	if pg.stream && !pg.st.done {
		pg.st.held = append(pg.st.held, Warning{Page: page, Message: msg})
		return
	}
	pg.s.warn(page, msg)
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
