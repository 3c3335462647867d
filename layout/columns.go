package layout

import (
	"slices"

	"pamphlet/fonts"
	"pamphlet/model"
)

// Two-column handouts: a masthead across both columns, columns that
// start clear of it, and balanced columns on the last page.

// handoutMargins are the default margins of a two-column page of w × h:
// on A4 20mm at the sides and the top, 24mm at the bottom. The A5 design
// scaled up would leave a sheet of A4 a quarter margin; a handout packs
// more, and columns of about 80mm keep the lines long enough to justify
// without many hyphens.
func handoutMargins(w, h Sp) Margins {
	side := w * 20 / 210
	return Margins{Inner: side, Outer: side, Top: h * 20 / 297, Bottom: h * 24 / 297}
}

// ruleWeight is the thickness of the masthead's rules.
var ruleWeight = Pt(0.5)

// masthead sets the title block of a two-column page across the full
// text width, flush left as a newsletter's: the title, the subtitle, then
// the byline and the date on one line, and a thin rule over the columns.
// Flush left, the short lines stay clear of the gutter, which keeps the
// columns apart for text extraction (see columnTop); centred lines would
// all cross it.
func (s *setter) masthead() *vlist {
	v := &vlist{}
	doc := s.doc
	w, l := s.g.textWidth, s.g.leading
	s.titles(v, parStyle{measure: w, align: raggedRight}, 7, 110, l/3)
	line := s.articleByline()
	if date := formatDate(s.loc, doc.Date); date != "" {
		if line != nil {
			// the dot outside the small capitals, at the date's size
			line = append(line, &model.Text{Text: "\u2002"}, &model.Emph{Content: plain("·\u2002" + date)})
		} else {
			line = append(line, &model.Emph{Content: plain(date)})
		}
	}
	if line != nil {
		// A full line apart: a title crowding the line below reads as a
		// running head to extractors that look for a line standing
		// apart at the top of the page.
		v.gap(l)
		s.headPara(v, line, parStyle{face: fonts.Regular, size: s.step(1), smallCaps: true, measure: w, align: raggedRight}, l)
	}
	if len(v.items) > 0 {
		v.gap(l * 2 / 3)
		s.ruleBox(v, w)
	}
	for k := range v.items {
		if v.items[k].kind == vPenalty {
			v.items[k].penalty = Infinity
		}
	}
	return v
}

// ruleBox adds a thin rule across width.
func (s *setter) ruleBox(v *vlist, width Sp) {
	v.box(&vbox{h: ruleWeight, rare: &boxRare{rules: []Rule{{Y: -ruleWeight, W: width, H: ruleWeight}}}})
}

// crossingClearance is how far, in body lines, the columns start below
// every full-width line but the last. A text extractor tells a gutter
// from a wide word space by the lines near it: when lines close above
// the columns cross the gutter, it takes the gutter for a word space and
// reads the columns across (poppler-based checkers look about six line
// heights around). One such line (the rule under a masthead is not text)
// is not enough to mislead it.
const crossingClearance = 8

// columnTop returns where the columns of the first page start, from the
// top of the text block, given top, the start after the title block:
// late enough that at most one line of the title block that crosses the
// gutter lies within crossingClearance lines above the first line.
func (pg *pager) columnTop(top Sp) Sp {
	s := pg.s
	if s.g.columns < 2 || len(pg.pages) == 0 {
		return top
	}
	mid := s.textLeft(0) + s.g.measure + s.g.gap/2
	type extent struct{ y, x0, x1 Sp }
	var lines []extent
	for _, r := range pg.pages[0].Body {
		// Runs on one baseline with a wide space between them (the
		// byline and the date) are separate lines to an extractor.
		if n := len(lines); n > 0 && lines[n-1].y == r.Y && r.X-lines[n-1].x1 < s.g.size {
			lines[n-1].x0 = min(lines[n-1].x0, r.X)
			lines[n-1].x1 = max(lines[n-1].x1, r.X+r.Width)
			continue
		}
		lines = append(lines, extent{r.Y, r.X, r.X + r.Width})
	}
	var crossing []Sp
	for _, e := range lines {
		if e.x0 < mid && e.x1 > mid {
			crossing = append(crossing, e.y)
		}
	}
	if len(crossing) < 2 {
		return top
	}
	slices.Sort(crossing)
	l := s.g.leading
	// The first line's baseline is about three quarters of a line below
	// the top of the column.
	need := crossing[len(crossing)-2] - s.g.margins.Top + (crossingClearance-1)*l
	if need > top {
		top = (need + l - 1) / l * l
	}
	return top
}

// balance looks for the best split of items[i:] into two columns of
// height h: as LaTeX's multicol balances, the left column is never the
// shorter when a legal break allows it, and then the taller column is as
// short as the legal breaks allow; between equals, the cheapest break
// wins. ok is false when the rest does not fit in two columns. split is
// the break's index (len(items) when everything goes in the left
// column).
func (pg *pager) balance(items []vitem, i int, h Sp) (split int, ok bool) {
	if overTwoColumns(items, i, h) {
		return 0, false // too much for one page, wherever the breaks fall
	}
	// rest[j] is the height of items[j:], with the glue and penalties
	// at a column's top dropped by the caller through skip.
	rest := make([]Sp, len(items)+1-i)
	for j := len(items) - 1; j >= i; j-- {
		rest[j-i] = rest[j+1-i] + itemHeight(items[j])
	}
	best, bestTall, bestPen, bestLeftShort := -1, Sp(0), 0, false
	consider := func(k int, left, right Sp, pen int) {
		if left > h || right > h {
			return
		}
		tall, leftShort := max(left, right), left < right
		var better bool
		switch {
		case best < 0:
			better = true
		case leftShort != bestLeftShort:
			better = !leftShort
		case tall != bestTall:
			better = tall < bestTall
		default:
			better = pen < bestPen
		}
		if better {
			best, bestTall, bestPen, bestLeftShort = k, tall, pen, leftShort
		}
	}
	var left Sp
	for k := i; k < len(items); k++ {
		it := items[k]
		if it.kind == vPenalty && it.penalty < Infinity && k > i {
			right := rest[skip(items, k)-i]
			if it.box != nil {
				right += it.box.h // a table's header repeated
			}
			consider(k, left, right, max(int(it.penalty), 0))
		}
		left += itemHeight(it)
		if left > h {
			break
		}
	}
	if rest[0] <= h {
		consider(len(items), rest[0], 0, 0)
	}
	if best < 0 {
		return 0, false
	}
	return best, true
}

// overTwoColumns reports whether items[i:] are more than balance ever
// splits into two columns of height h: more than two and a half. It
// reads no further than that, so a long list costs no more than a page's
// worth, and more items after them change nothing.
func overTwoColumns(items []vitem, i int, h Sp) bool {
	var total Sp
	for ; i < len(items); i++ {
		if total += itemHeight(items[i]); total > 2*h+h/2 {
			return true
		}
	}
	return false
}

// itemHeight is the vertical space an item takes in a column.
func itemHeight(it vitem) Sp {
	switch it.kind {
	case vBox:
		return it.box.h + it.box.d
	case vGlue:
		return it.size
	}
	return 0
}

// balanced places the rest of the list in the two columns of the page,
// split by balance, and returns the y below the taller column. It reports
// false, placing nothing, when the page has one column or the rest does
// not fit on it.
func (pg *pager) balanced(items []vitem, i int, frames []frame) (Sp, bool) {
	if len(frames) != 2 {
		return 0, false
	}
	split, ok := pg.balance(items, i, frames[0].h)
	if !ok {
		return 0, false
	}
	bottom := pg.place(items, i, split, frames[0])
	if j := skip(items, split); j < len(items) {
		bottom = max(bottom, pg.place(items, j, len(items), pg.repeatHeader(items, j, frames[1])))
	}
	return bottom, true
}

// placeSpan sets a table across both columns, from top (below the text
// block's top) on page pageIdx, breaking between its rows onto the next
// pages as needed; it starts on the next page when not even its first
// rows fit. It returns the page and the top where the columns go on.
func (pg *pager) placeSpan(items []vitem, pageIdx int, top Sp) (int, Sp) {
	s := pg.s
	l := s.g.leading
	j := skip(items, 0)
	for j < len(items) {
		pg.page(pageIdx)
		f := frame{page: pageIdx, x: s.textLeft(pageIdx), y: s.g.margins.Top + top, w: s.g.textWidth, h: s.g.textHeight - top}
		f = pg.repeatHeader(items, j, f)
		end, forced := pg.fill(items, j, f.h)
		if forced && top > 0 {
			pageIdx, top = pageIdx+1, 0
			continue
		}
		y := pg.place(items, j, end, f)
		if j = skip(items, end); j < len(items) {
			pageIdx, top = pageIdx+1, 0
			continue
		}
		// The columns go on a line below, on the body's grid.
		top = (y - s.g.margins.Top + l + l - 1) / l * l
	}
	if top >= s.g.textHeight-2*l {
		pageIdx, top = pageIdx+1, 0
	}
	return pageIdx, top
}
