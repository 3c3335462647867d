package layout

import (
	"fmt"

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

// cellMark says which table cell a stretch of a line box's runs belongs
// to, for tagging: runs[from:to] of the box.
type cellMark struct {
	table    int
	row, col int
	head     bool
	from, to int
}

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
	natural, least        []Sp          // per column
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
	var ts *tableSetting
	for k, f := range tableSizes {
		ts = s.prepareTable(t, scale(base, f, 1000), ncol, c.measure)
		if sum(ts.least)+Sp(ncol-1)*ts.gutter <= c.measure || k == len(tableSizes)-1 {
			break
		}
	}
	widths := ts.columnWidths(c.measure)
	width := sum(widths) + Sp(ncol-1)*ts.gutter
	if width > c.measure {
		s.warn(0, fmt.Sprintf("table %d: too wide for the measure even at %v: its longest words are split", id+1, ts.size))
		widths = ts.squeeze(c.measure)
		width = c.measure
	}
	left := c.left + (c.measure-width)/2

	v.gap(s.g.leading / 2)
	if len(t.Caption) > 0 {
		st := parStyle{face: fonts.Italic, size: ts.size, measure: c.measure, align: centered}
		h, d := strut(ts.leading)
		p := s.buildPara(t.Caption, st)
		before := len(v.items)
		s.addLines(v, p, c, h, d, s.params)
		for k := before; k < len(v.items); k++ {
			if b := v.items[k].box; v.items[k].kind == vBox {
				b.role = roleTable
				b.cells = []cellMark{{table: id, row: -1, col: -1, to: len(b.runs)}}
			}
		}
		v.penalty(Infinity) // the caption stays with the table
		v.items = append(v.items, vitem{kind: vGlue, size: ts.leading / 4})
	}
	s.blockCount++
	block := int32(s.blockCount)
	rowGap := ts.leading / 4
	ruleBox := func(weight Sp, above, below Sp) *vbox {
		return &vbox{h: above + weight, d: below, x: left, outline: -1, role: roleTable, block: block,
			rules: []Rule{{Y: -weight, W: width, H: weight}}}
	}
	// rows sets rows first..first+len(rows) as line boxes, each row's
	// lines kept together.
	setRows := func(rows [][]tableCell, first int, head bool) [][]*vbox {
		var out [][]*vbox
		for i, row := range rows {
			out = append(out, s.tableRow(t, ts, row, widths, left, id, first+i, head))
		}
		return out
	}
	head := setRows(ts.cells[:len(t.Head)], 0, true)
	body := setRows(ts.cells[len(t.Head):], len(t.Head), false)

	// The header as one box, repeated at the top of a frame after a
	// break between body rows.
	var repeat *vbox
	if len(head) > 0 {
		repeat = &vbox{x: left, outline: -1, role: roleTable, block: block, repeat: true}
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
				repeat.runs = append(repeat.runs, r)
			}
			for _, r := range b.rules {
				r.Y += y
				repeat.rules = append(repeat.rules, r)
			}
			for _, m := range b.cells {
				off := len(repeat.runs) - len(b.runs)
				m.from, m.to = m.from+off, m.to+off
				repeat.cells = append(repeat.cells, m)
			}
			y += b.d
		}
		// The box's baseline is its bottom edge: shift everything up.
		for k := range repeat.runs {
			repeat.runs[k].Y -= y
		}
		for k := range repeat.rules {
			repeat.rules[k].Y -= y
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
		case i == 0 || i == len(body)-1 && len(body) > 2:
			// The header keeps a row under it, and the last row
			// does not end up alone.
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

// prepareTable builds every cell's paragraph at size and measures it.
func (s *setter) prepareTable(t *model.Table, size Sp, ncol int, measure Sp) *tableSetting {
	ts := &tableSetting{size: size, leading: scale(s.g.leading, size, s.g.size), gutter: size,
		natural: make([]Sp, ncol), least: make([]Sp, ncol)}
	add := func(rows []model.Row, face fonts.Style) {
		for _, r := range rows {
			cells := make([]tableCell, ncol)
			for j := 0; j < ncol && j < len(r.Cells); j++ {
				st := parStyle{face: face, size: size, measure: measure, align: raggedRight, hyphenate: true}
				p := s.buildPara(r.Cells[j].Content, st)
				nat, least := cellWidths(p.items)
				cells[j] = tableCell{p: p, natural: nat, least: least}
				ts.natural[j] = max(ts.natural[j], nat)
				ts.least[j] = max(ts.least[j], least)
			}
			ts.cells = append(ts.cells, cells)
		}
	}
	add(t.Head, fonts.Bold)
	add(t.Body, fonts.Regular)
	return ts
}

// cellWidths measures a cell's items: the widest line between forced
// breaks with glue at its natural width, and the widest word (boxes and
// kerns between two glues).
func cellWidths(items []Item) (natural, least Sp) {
	var line, word Sp
	for _, it := range items {
		switch it.Kind {
		case BoxItem, KernItem:
			line += it.Width
			word += it.Width
		case GlueItem:
			if it.Flags&Fil == 0 {
				line += it.Width
			}
			least, word = max(least, word), 0
		case PenaltyItem:
			if it.Penalty <= Eject {
				natural, line = max(natural, line), 0
			}
		}
	}
	return max(natural, line), max(least, word)
}

func sum(ws []Sp) Sp {
	var t Sp
	for _, w := range ws {
		t += w
	}
	return t
}

// columnWidths shares out measure as HTML's automatic table layout does:
// every column its natural width when they all fit, else its least width
// plus a share of the room left in proportion to how much more it would
// like.
func (ts *tableSetting) columnWidths(measure Sp) []Sp {
	n := len(ts.natural)
	room := measure - Sp(n-1)*ts.gutter
	w := make([]Sp, n)
	if sum(ts.natural) <= room {
		copy(w, ts.natural)
		return w
	}
	extra := room - sum(ts.least)
	var want Sp
	for j := range w {
		want += ts.natural[j] - ts.least[j]
	}
	for j := range w {
		w[j] = ts.least[j]
		if extra > 0 && want > 0 {
			w[j] += scale(extra, ts.natural[j]-ts.least[j], want)
		}
	}
	return w
}

// squeeze gives columns whose longest words do not fit widths in
// proportion to those words, filling measure.
func (ts *tableSetting) squeeze(measure Sp) []Sp {
	n := len(ts.least)
	room := max(measure-Sp(n-1)*ts.gutter, Sp(n))
	total := max(sum(ts.least), 1)
	w := make([]Sp, n)
	for j := range w {
		w[j] = max(scale(room, ts.least[j], total), 1)
	}
	return w
}

// tableRow breaks the cells of one row into their columns and returns
// the row's line boxes: the k-th line of every cell on the k-th box.
func (s *setter) tableRow(t *model.Table, ts *tableSetting, row []tableCell, widths []Sp, left Sp, id, index int, head bool) []*vbox {
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
		boxes[k] = &vbox{h: h, d: d, x: left, outline: -1, role: roleTable, block: int32(s.blockCount), line: int32(k), lines: int32(n)}
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
			from := len(b.runs)
			for _, r := range lb.runs {
				r.X += shift
				b.runs = append(b.runs, r)
			}
			for _, la := range lb.links {
				la.X += shift
				b.links = append(b.links, la)
			}
			b.cells = append(b.cells, cellMark{table: id, row: index, col: j, head: head, from: from, to: len(b.runs)})
			if lb.overfull > 0 {
				b.overfull, b.text = lb.overfull, lb.text
			}
		}
		x += widths[j] + ts.gutter
	}
	return boxes
}
