package layout

import (
	"fmt"
	"slices"

	"pamphlet/fonts"
	"pamphlet/model"
)

// Tables are set as books set them: no grid, a rule above the table, a
// thinner one under the header and one at the end; columns as wide as
// their cells need, each cell wrapped and hyphenated like text, figures
// flush right. A table longer than the frame breaks between rows only and
// repeats its header rows at the top of the next frame. A table too wide
// for the measure is set at smaller sizes (tableSizes) before its
// columns are squeezed below the width of their longest words.

// tableSizes are the sizes a table is tried at, in thousandths of the
// body size, until its columns fit the measure: the body size, the
// size of notes and code, then the smallest size still comfortable to
// read in print (7pt for a 10pt body).
var tableSizes = [...]Sp{1000, 830, 700}

// Rule weights: the rules above and below a table are heavier than the
// one under its header, as booktabs draws them.
var (
	tableOuterRule = Pt(0.6)
	tableInnerRule = Pt(0.35)
)

// tableCell is one cell built for a size: its paragraph and the widths it
// asks for.
type tableCell struct {
	p *para
	// natural is the width of its longest line set without breaks;
	// least the width of its widest word, the narrowest it can go
	// without splitting a word other than at a hyphenation point.
	natural, least Sp
}

// tableSetting is a table prepared at one size.
type tableSetting struct {
	size, leading, gutter Sp
	cells                 [][]tableCell // rows, header rows first
	// tag and caption are the elements of the table and its caption in
	// the structure tree.
	tag, caption int32
	// natural, least and tight are per column: the widest of its cells'
	// natural widths, widest words and widest pieces (see cellWidths).
	natural, least, tight []Sp
}

// table sets t in context c: the caption above it, then the rules and
// rows, with header rows repeated after a break.
func (s *setter) table(v *vlist, t *model.Table, c ctx) {
	ncol := t.Columns()
	if ncol == 0 {
		return
	}
	s.tableCount++
	id := s.tableCount - 1
	base := s.g.size
	if c.quote {
		base = s.small()
	}
	ts, widths, fit := s.fitTable(t, base, ncol, c.measure)
	if fit != fitWhole && !s.turning && c.depth == 0 && !c.quote {
		// Too wide even at the smallest size: across both columns of a
		// handout, else turned a quarter turn on pages of its own,
		// where the measure is the text block's height.
		whole := func(measure Sp) bool {
			_, _, f := s.fitTable(t, base, ncol, measure)
			return f == fitWhole
		}
		wide := c.measure < s.g.textWidth
		switch {
		case wide && whole(s.g.textWidth):
			s.floatTable(v, t, ctx{measure: s.g.textWidth, tag: c.tag}, false)
			return
		case whole(s.g.textHeight):
			s.floatTable(v, t, ctx{measure: s.g.textHeight, tag: c.tag}, true)
			return
		case wide:
			s.floatTable(v, t, ctx{measure: s.g.textWidth, tag: c.tag}, false)
			return
		}
	}
	if fit == fitBroken {
		s.warn(0, fmt.Sprintf("table %d: too wide for the measure even at %v: some words are broken across lines", id+1, ts.size))
	}
	width := sum(widths) + Sp(ncol-1)*ts.gutter
	left := c.left + (c.measure-width)/2
	s.tableTags(t, ts, c.tag)

	v.gap(s.g.leading / 2)
	if len(t.Caption) > 0 {
		st := parStyle{face: fonts.Italic, size: ts.size, measure: c.measure, align: centered}
		h, d := strut(ts.leading)
		p := s.buildPara(t.Caption, st)
		p.tag = ts.caption
		before := len(v.items)
		s.addLines(v, p, c, h, d, s.params)
		for k := before; k < len(v.items); k++ {
			if v.items[k].kind == vBox {
				v.items[k].box.role = roleTable
			}
		}
		v.penalty(Infinity) // the caption stays with the table
		v.items = append(v.items, vitem{kind: vGlue, size: ts.leading / 4})
	}
	s.blockCount++
	block := int32(s.blockCount)
	// Rows stand half a line apart: easier to follow across wide gutters,
	// and text extractors (poppler's) then take each cell for a block of
	// its own and read them row by row, not column by column.
	rowGap := ts.leading / 2
	ruleBox := func(weight Sp, above, below Sp) *vbox {
		return &vbox{h: above + weight, d: below, x: left, role: roleTable, block: block,
			rare: &boxRare{rules: []Rule{{Y: -weight, W: width, H: weight}}}}
	}
	// setRows sets rows as line boxes, a slice of them per row.
	setRows := func(rows [][]tableCell) [][]*vbox {
		var out [][]*vbox
		for _, row := range rows {
			out = append(out, s.tableRow(t, ts, row, widths, left))
		}
		return out
	}
	head := setRows(ts.cells[:len(t.Head)])
	body := setRows(ts.cells[len(t.Head):])

	// The header as one box, repeated at the top of a frame after a
	// break between body rows. The repetition is no content of its own:
	// its runs carry no element (tag 0), like running heads.
	var repeat *vbox
	if len(head) > 0 {
		repeat = &vbox{x: left, role: roleTable, block: block, rare: &boxRare{}}
		stack := []*vbox{ruleBox(tableOuterRule, 0, rowGap)}
		for _, r := range head {
			stack = append(stack, r...)
		}
		stack = append(stack, ruleBox(tableInnerRule, rowGap, rowGap))
		var y Sp
		for _, b := range stack {
			y += b.h
			for _, r := range b.runs {
				r.Y += y
				r.Tag = 0
				repeat.runs = append(repeat.runs, r)
			}
			if b.rare != nil {
				for _, r := range b.rare.rules {
					r.Y += y
					repeat.rare.rules = append(repeat.rare.rules, r)
				}
			}
			y += b.d
		}
		// The box's baseline is its bottom edge: shift everything up.
		for k := range repeat.runs {
			repeat.runs[k].Y -= y
		}
		for k := range repeat.rare.rules {
			repeat.rare.rules[k].Y -= y
		}
		repeat.h = y
	}

	v.box(ruleBox(tableOuterRule, 0, rowGap))
	for _, r := range head {
		v.penalty(Infinity)
		for k, b := range r {
			if k > 0 {
				v.penalty(Infinity)
			}
			v.box(b)
		}
	}
	if len(head) > 0 {
		v.penalty(Infinity)
		v.box(ruleBox(tableInnerRule, rowGap, rowGap))
	}
	for i, r := range body {
		switch {
		case i < 2 || i > len(body)-2:
			// Two rows at least on either side of a break, as with
			// a paragraph's widows and orphans: the header keeps
			// two under it, and no row ends up alone.
			v.penalty(Infinity)
		default:
			v.items = append(v.items, vitem{kind: vPenalty, penalty: 0, box: repeat})
		}
		if i > 0 {
			v.items = append(v.items, vitem{kind: vGlue, size: rowGap})
		}
		for k, b := range r {
			if k > 0 {
				v.penalty(Infinity)
			}
			v.box(b)
		}
	}
	v.penalty(Infinity)
	v.box(ruleBox(tableOuterRule, rowGap, 0))
	v.gap(s.g.leading / 2)
}

// floatTable sets a table apart from the flow of the body, in context c
// (the measure it gets): across both columns of a handout, or turned a
// quarter turn on pages of its own. The body holds an empty box in its
// place, which the pager replaces (see pager.placeFloat).
func (s *setter) floatTable(v *vlist, t *model.Table, c ctx, turned bool) {
	tv := &vlist{}
	s.tableCount--
	s.turning = true
	s.table(tv, t, c)
	s.turning = false
	marker := &vbox{role: roleTable}
	if s.floats == nil {
		s.floats = map[*vbox]float{}
	}
	s.floats[marker] = float{items: tv.items, turned: turned}
	v.gap(s.g.leading / 2)
	v.items = append(v.items, vitem{kind: vBox, box: marker})
}

// float is material set apart from the body's flow: a table across both
// columns, or one turned a quarter turn on pages of its own.
type float struct {
	items  []vitem
	turned bool
}

// How well a table fits a measure (fitTable).
const (
	fitWhole      = iota // every column holds its longest word
	fitHyphenated        // words are hyphenated where the patterns allow
	fitBroken            // words are broken between any two characters
)

// fitTable chooses the size of a table and the widths of its columns so
// that it fits measure: at the first of tableSizes where every column
// holds its longest word; else at the smallest, with words hyphenated
// where the patterns allow; else, as a last resort, with the columns
// shared out by their widest pieces and words broken between any two
// characters where they must, so that nothing is cut off or runs into
// the next column. fit says which of the three it took.
func (s *setter) fitTable(t *model.Table, base Sp, ncol int, measure Sp) (ts *tableSetting, widths []Sp, fit int) {
	gutters := func(ts *tableSetting) Sp { return Sp(ncol-1) * ts.gutter }
	for _, f := range tableSizes {
		ts = s.prepareTable(t, scale(base, f, 1000), ncol, nil, measure)
		if sum(ts.least)+gutters(ts) <= measure {
			return ts, ts.columnWidths(measure), fitWhole
		}
	}
	if sum(ts.tight)+gutters(ts) <= measure {
		ts.least = ts.tight
		return ts, ts.columnWidths(measure), fitHyphenated
	}
	widths = ts.squeeze(measure)
	return s.prepareTable(t, ts.size, ncol, widths, measure), widths, fitBroken
}

// tableTags adds the table's elements under parent: the table, its
// header and body, their rows and every cell (empty ones too, so that
// each row keeps its columns), and gives each cell's paragraph its
// element.
func (s *setter) tableTags(t *model.Table, ts *tableSetting, parent int32) {
	ts.tag = s.tag(RoleTable, parent)
	if len(t.Caption) > 0 {
		ts.caption = s.tag(RoleCaption, ts.tag)
	}
	part := func(role Role, rows [][]tableCell, cell Role) {
		if len(rows) == 0 {
			return
		}
		pt := s.tag(role, ts.tag)
		for _, row := range rows {
			rt := s.tag(RoleTableRow, pt)
			for j := range row {
				ct := s.tag(cell, rt)
				if row[j].p != nil {
					row[j].p.tag = ct
				}
			}
		}
	}
	part(RoleTableHead, ts.cells[:len(t.Head)], RoleTableHeaderCell)
	part(RoleTableBody, ts.cells[len(t.Head):], RoleTableCell)
}

// prepareTable builds every cell's paragraph at size and measures it.
// Cells are built for columns of widths (nil: measure), so that a word
// wider than its column is broken between characters rather than
// sticking out.
func (s *setter) prepareTable(t *model.Table, size Sp, ncol int, widths []Sp, measure Sp) *tableSetting {
	ts := &tableSetting{size: size, leading: scale(s.g.leading, size, s.g.size), gutter: size,
		natural: make([]Sp, ncol), least: make([]Sp, ncol), tight: make([]Sp, ncol)}
	add := func(rows []model.Row, face fonts.Style) {
		for _, r := range rows {
			cells := make([]tableCell, ncol)
			for j := 0; j < ncol && j < len(r.Cells); j++ {
				m := measure
				if widths != nil {
					m = widths[j]
				}
				st := parStyle{face: face, size: size, measure: m, align: raggedRight, hyphenate: true}
				p := s.buildPara(r.Cells[j].Content, st)
				// Every cell waits until the table is set: it keeps no
				// room to grow.
				if cap(p.items) > len(p.items) {
					p.items = slices.Clone(p.items)
				}
				if cap(p.pieces) > len(p.pieces) {
					p.pieces = slices.Clone(p.pieces)
				}
				nat, least, tight := cellWidths(p.items)
				cells[j] = tableCell{p: p, natural: nat, least: least}
				ts.natural[j] = max(ts.natural[j], nat)
				ts.least[j] = max(ts.least[j], least)
				ts.tight[j] = max(ts.tight[j], tight)
			}
			ts.cells = append(ts.cells, cells)
		}
	}
	add(t.Head, fonts.Bold)
	add(t.Body, fonts.Regular)
	return ts
}

// cellWidths measures a cell's items: the widest line between forced
// breaks with glue at its natural width, the widest word (boxes and
// kerns between two glues), and the widest piece between any two
// breakpoints, a hyphen included. Words tied by a no-break space count
// as one, glue and all: a glue after a forbidden break (a tie's
// penalty) does not part them, so a column is never narrower than the
// tied words, which would leave its line overfull.
func cellWidths(items []Item) (natural, least, tight Sp) {
	var line, word, piece Sp
	for i, it := range items {
		switch it.Kind {
		case BoxItem, KernItem:
			line += it.Width
			word += it.Width
			piece += it.Width
		case GlueItem:
			if it.Flags&Fil == 0 {
				line += it.Width
			}
			if i > 0 && items[i-1].Kind == PenaltyItem && items[i-1].Penalty >= Infinity {
				word += it.Width
				piece += it.Width
				continue
			}
			least, word = max(least, word), 0
			tight, piece = max(tight, piece), 0
		case PenaltyItem:
			if it.Penalty <= Eject {
				natural, line = max(natural, line), 0
			}
			if it.Penalty < Infinity {
				tight, piece = max(tight, piece+it.Width), 0
			}
		}
	}
	return max(natural, line), max(least, word), max(tight, piece)
}

func sum(ws []Sp) Sp {
	var t Sp
	for _, w := range ws {
		t += w
	}
	return t
}

// columnWidths shares out measure: every column its natural width when
// they all fit; else every column its least width, and the room left
// shared equally among the columns that want more, a column that wants
// less than its share getting just what it wants (so short columns of
// names and figures stay on one line and the long text column wraps).
func (ts *tableSetting) columnWidths(measure Sp) []Sp {
	n := len(ts.natural)
	room := measure - Sp(n-1)*ts.gutter
	w := make([]Sp, n)
	if sum(ts.natural) <= room {
		copy(w, ts.natural)
		return w
	}
	copy(w, ts.least)
	rem := room - sum(ts.least)
	open := make([]int, 0, n)
	for j := range w {
		if ts.natural[j] > w[j] {
			open = append(open, j)
		}
	}
	for rem > 0 && len(open) > 0 {
		share := rem / Sp(len(open))
		rest := open[:0]
		satisfied := false
		for _, j := range open {
			if need := ts.natural[j] - w[j]; need <= share {
				w[j] += need
				rem -= need
				satisfied = true
			} else {
				rest = append(rest, j)
			}
		}
		open = rest
		if !satisfied {
			for _, j := range open {
				w[j] += share
			}
			w[open[len(open)-1]] += rem - share*Sp(len(open))
			break
		}
	}
	return w
}

// squeeze gives columns whose widest pieces do not fit widths in
// proportion to those pieces, filling measure.
func (ts *tableSetting) squeeze(measure Sp) []Sp {
	n := len(ts.tight)
	room := max(measure-Sp(n-1)*ts.gutter, Sp(n))
	total := max(sum(ts.tight), 1)
	w := make([]Sp, n)
	for j := range w {
		w[j] = max(scale(room, ts.tight[j], total), 1)
	}
	return w
}

// tableRow breaks the cells of one row into their columns and returns
// the row's line boxes: the k-th line of every cell on the k-th box.
func (s *setter) tableRow(t *model.Table, ts *tableSetting, row []tableCell, widths []Sp, left Sp) []*vbox {
	h, d := strut(ts.leading)
	params := s.params
	params.RuntWidth = 0
	type cellLines struct {
		p     *para
		lines []Line
	}
	cl := make([]cellLines, len(row))
	n := 1
	for j, c := range row {
		if c.p == nil || len(c.p.items) == 0 {
			continue
		}
		lines, err := Break(c.p.items, []Sp{widths[j]}, params)
		if err != nil {
			continue
		}
		cl[j] = cellLines{c.p, lines}
		n = max(n, len(lines))
	}
	boxes := make([]*vbox, n)
	s.blockCount++
	for k := range boxes {
		boxes[k] = &vbox{h: h, d: d, x: left, role: roleTable, block: int32(s.blockCount), line: int32(k), lines: int32(n)}
	}
	x := Sp(0)
	for j, c := range cl {
		for k, l := range c.lines {
			lb := s.setLine(c.p, l, h, d)
			shift := x
			switch t.EffectiveAlign(j) {
			case model.AlignRight:
				shift += max(widths[j]-l.Natural, 0)
			case model.AlignCenter:
				shift += max(widths[j]-l.Natural, 0) / 2
			}
			b := boxes[k]
			for _, r := range lb.runs {
				r.X += shift
				b.runs = append(b.runs, r)
			}
			if lr := lb.rare; lr != nil {
				r := b.more()
				for _, la := range lr.links {
					la.X += shift
					r.links = append(r.links, la)
				}
				if lr.overfull > 0 {
					r.overfull, r.text = lr.overfull, lr.text
				}
			}
		}
		x += widths[j] + ts.gutter
	}
	return boxes
}
