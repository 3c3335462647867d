package model

import (
	"fmt"
	"strings"
)

// Table is a grid of cells: header rows, body rows, the alignment of each
// column and an optional caption. Every row has the same number of cells
// after Normalize; a cell that spanned several columns or rows in the
// source keeps its text in its first position and leaves the others
// empty, so no cell's words are lost and the grid stays rectangular.
type Table struct {
	// Caption titles the table ("" content when none).
	Caption []Inline
	// Align holds one alignment per column; missing entries are
	// AlignDefault.
	Align []Align
	// Head are the header rows (usually one, possibly none).
	Head []Row
	// Body are the data rows.
	Body []Row
}

// Row is one row of a table.
type Row struct {
	Cells []Cell
}

// Cell is one cell: inline text, possibly empty.
type Cell struct {
	Content []Inline
}

// Align is the horizontal alignment of a table column.
type Align uint8

// The column alignments, as Markdown's delimiter row writes them
// (":--", ":-:", "--:").
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// String names the alignment as Dump and JSON show it.
func (a Align) String() string {
	switch a {
	case AlignDefault:
		return "default"
	case AlignLeft:
		return "left"
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	default:
		return fmt.Sprintf("align(%d)", a)
	}
}

func (*Table) node()  {}
func (*Table) block() {}

// Columns is the number of columns: the length of the longest row.
func (t *Table) Columns() int {
	n := 0
	for _, r := range t.Head {
		n = max(n, len(r.Cells))
	}
	for _, r := range t.Body {
		n = max(n, len(r.Cells))
	}
	return n
}

// ColumnAlign returns the alignment of column j.
func (t *Table) ColumnAlign(j int) Align {
	if j < len(t.Align) {
		return t.Align[j]
	}
	return AlignDefault
}

// normTable normalises the cells' text, drops empty rows, pads every row
// to the widest and trims the alignments to the columns. It returns nil
// when no cell holds text.
func normTable(t *Table) Block {
	t.Caption = NormalizeInlines(t.Caption)
	rows := func(in []Row) []Row {
		out := in[:0]
		for _, r := range in {
			empty := true
			for j := range r.Cells {
				r.Cells[j].Content = NormalizeInlines(r.Cells[j].Content)
				if len(r.Cells[j].Content) > 0 {
					empty = false
				}
			}
			if !empty {
				out = append(out, r)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	t.Head, t.Body = rows(t.Head), rows(t.Body)
	// Trailing columns empty in every row carry nothing.
	n := 0
	for _, rs := range [][]Row{t.Head, t.Body} {
		for _, r := range rs {
			for j := len(r.Cells) - 1; j >= 0; j-- {
				if len(r.Cells[j].Content) > 0 {
					n = max(n, j+1)
					break
				}
			}
		}
	}
	if n == 0 {
		if len(t.Caption) > 0 {
			return &Paragraph{Content: t.Caption}
		}
		return nil
	}
	for _, rs := range [][]Row{t.Head, t.Body} {
		for i := range rs {
			for len(rs[i].Cells) < n {
				rs[i].Cells = append(rs[i].Cells, Cell{})
			}
			rs[i].Cells = rs[i].Cells[:n]
		}
	}
	if len(t.Align) > n {
		t.Align = t.Align[:n]
	}
	for len(t.Align) > 0 && t.Align[len(t.Align)-1] == AlignDefault {
		t.Align = t.Align[:len(t.Align)-1]
	}
	if len(t.Align) == 0 {
		t.Align = nil
	}
	return t
}

// validateTable checks a table's shape and its cells' text.
func (v *validator) table(p *vpath, t *Table) {
	n := t.Columns()
	if n == 0 {
		v.add(p, "empty table")
	}
	if len(t.Align) > n {
		v.add(p, fmt.Sprintf("%d alignments for %d columns", len(t.Align), n))
	}
	for j, a := range t.Align {
		if a > AlignRight {
			v.add(&vpath{p, ".align", j}, fmt.Sprintf("unknown alignment %d", a))
		}
	}
	v.inlines(p, ".caption", t.Caption)
	for _, part := range []struct {
		name string
		rows []Row
	}{{".head", t.Head}, {".body", t.Body}} {
		for i, r := range part.rows {
			rp := &vpath{p, part.name, i}
			if len(r.Cells) != n {
				v.add(rp, fmt.Sprintf("row of %d cells in a table of %d columns", len(r.Cells), n))
			}
			empty := true
			for j, c := range r.Cells {
				v.inlines(&vpath{rp, ".cells", j}, ".content", c.Content)
				if len(c.Content) > 0 {
					empty = false
				}
			}
			if empty {
				v.add(rp, "empty row")
			}
		}
	}
}

// walkTable visits the caption, then every cell's content, row by row.
func walkTable(t *Table, visit func(Node) error) error {
	if err := walkInlines(t.Caption, visit); err != nil {
		return err
	}
	for _, rs := range [][]Row{t.Head, t.Body} {
		for _, r := range rs {
			for _, c := range r.Cells {
				if err := walkInlines(c.Content, visit); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// tableText is the plain text of a table: the caption, then each row on
// a line of its own, its cells separated by tabs.
func tableText(t *Table) string {
	var lines []string
	if len(t.Caption) > 0 {
		lines = append(lines, Plain(t.Caption))
	}
	for _, rs := range [][]Row{t.Head, t.Body} {
		for _, r := range rs {
			cells := make([]string, len(r.Cells))
			for j, c := range r.Cells {
				cells[j] = Plain(c.Content)
			}
			lines = append(lines, strings.Join(cells, "\t"))
		}
	}
	return strings.Join(lines, "\n")
}

// dumpTable writes "table cols=N align=…: caption" (alignments and
// caption when there are any), then one line per
// row ("head |a|b|" or "row |a|b|").
func dumpTable(b *strings.Builder, t *Table, indent string) {
	head := fmt.Sprintf("table cols=%d", t.Columns())
	if len(t.Align) > 0 {
		names := make([]string, len(t.Align))
		for j, a := range t.Align {
			names[j] = a.String()
		}
		head += " align=" + strings.Join(names, ",")
	}
	if len(t.Caption) > 0 {
		head += ": " + dumpInlines(t.Caption)
	}
	fmt.Fprintf(b, "%s%s\n", indent, head)
	for _, part := range []struct {
		name string
		rows []Row
	}{{"head", t.Head}, {"row", t.Body}} {
		for _, r := range part.rows {
			fmt.Fprintf(b, "%s  %s |", indent, part.name)
			for _, c := range r.Cells {
				b.WriteString(dumpInlines(c.Content) + "|")
			}
			b.WriteByte('\n')
		}
	}
}

// ColumnIsNumeric reports whether column j of the body holds figures
// only: every non-empty body cell is a number, possibly signed, with
// thousands separators, a decimal point or comma, a currency sign or a
// percent sign ("1,200", "−3.5", "£40", "45 %"). Such a column of a
// default alignment is set flush right, as books set figures, so that
// units line up.
func (t *Table) ColumnIsNumeric(j int) bool {
	seen := false
	for _, r := range t.Body {
		if j >= len(r.Cells) || len(r.Cells[j].Content) == 0 {
			continue
		}
		if !isFigure(Plain(r.Cells[j].Content)) {
			return false
		}
		seen = true
	}
	return seen
}

// EffectiveAlign is the alignment column j is set with: its own, or for
// a default column flush right when it holds figures and flush left
// otherwise.
func (t *Table) EffectiveAlign(j int) Align {
	a := t.ColumnAlign(j)
	if a != AlignDefault {
		return a
	}
	if t.ColumnIsNumeric(j) {
		return AlignRight
	}
	return AlignLeft
}

func isFigure(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "+-−±~≈$£€¥")
	s = strings.TrimRight(s, "% \u00a0")
	s = strings.TrimLeft(s, "$£€¥ \u00a0")
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == '.' || r == ',' || r == '\u202f' || r == '\u00a0' || r == '\'') && i > 0:
		default:
			return false
		}
	}
	return digits > 0
}
