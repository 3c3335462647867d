package reader

import (
	"strings"
	"unicode"

	"pamphlet/model"
)

// textTable is a table read from plain text: its rows of cells, how many
// of the first rows are a header, and how many input lines it took.
type textTable struct {
	rows  [][]string
	head  int
	lines int
	// from says how its columns were marked: "pipes", "tabs" or "spaces".
	from string
}

// readTextTable reads a table pasted as text at the start of lines, in
// one of three conventions: rows framed by pipes ("| a | b |", as
// Markdown and database shells print them), a spreadsheet's copy with
// tabs between cells, or columns lined up with runs of spaces. A line of
// dashes ("|---|---|", "-----  -----", "+----+----+") under the first rows
// makes them a header; without one, a first row without figures above
// rows with figures is a header ("Site  Plots  Waiting"). It is
// conservative: a cell boundary is only ever a pipe, a tab or a gutter of
// two or more spaces blank in every row, so splitting loses no
// character.
func readTextTable(lines []srcLine) (textTable, bool) {
	if t, ok := pipeTable(lines); ok {
		return t, true
	}
	if t, ok := tabTable(lines); ok {
		return t, true
	}
	return spaceTable(lines)
}

// isRuleRow reports whether a line only draws a table's rules: dashes or
// equals signs, with pipes, pluses, colons and spaces between them.
func isRuleRow(s string) bool {
	s = strings.TrimSpace(s)
	dashes := 0
	for _, r := range s {
		switch r {
		case '-', '=', '─', '═':
			dashes++
		case '|', '+', ':', ' ', '│', '┼', '├', '┤':
		default:
			return false
		}
	}
	return dashes >= 3
}

// pipeTable reads rows framed by pipes. Every row must open with a pipe
// (or a border line of pluses and dashes must frame them), hold at least
// two cells and as many cells as the first: a shell pipeline in a line
// of prose never qualifies.
func pipeTable(lines []srcLine) (textTable, bool) {
	t := textTable{from: "pipes"}
	framed := false
	cols := 0
	ruleAfter := -1 // rows above the first rule line that follows a row
	n := 0
	for _, l := range lines {
		if l.blank() || l.indent >= 4 {
			break
		}
		if isRuleRow(l.text()) && (strings.ContainsAny(l.text(), "|+") || strings.HasPrefix(l.text(), "-")) {
			if strings.HasPrefix(l.text(), "+") || strings.HasPrefix(l.text(), "|") {
				framed = true
			}
			if len(t.rows) > 0 && ruleAfter < 0 {
				ruleAfter = len(t.rows)
			}
			n++
			continue
		}
		if !strings.HasPrefix(l.text(), "|") && !(framed && strings.Contains(l.text(), "|")) {
			break
		}
		row := splitPipes(l.text())
		if len(row) < 2 || cols > 0 && len(row) != cols {
			break
		}
		cols = len(row)
		t.rows = append(t.rows, row)
		n++
	}
	if len(t.rows) < 2 {
		return textTable{}, false
	}
	// Trailing rule lines belong to the table; anything else that
	// stopped the scan does not.
	t.lines = n
	if ruleAfter > 0 && ruleAfter < len(t.rows) {
		t.head = ruleAfter
	} else {
		t.head = figureHeader(t.rows)
	}
	return t, true
}

// splitPipes splits a row at its pipes, the outer ones framing it; a
// pipe escaped with a backslash is text.
func splitPipes(s string) []string {
	var cells []string
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case esc:
			if r != '|' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
			esc = false
		case r == '\\':
			esc = true
		case r == '|' || r == '│':
			cells = append(cells, b.String())
			b.Reset()
		default:
			b.WriteRune(r)
		}
	}
	if esc {
		b.WriteByte('\\')
	}
	cells = append(cells, b.String())
	if strings.TrimSpace(cells[0]) == "" {
		cells = cells[1:]
	}
	if len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// tabTable reads two or more rows with tabs between their cells. An
// empty cell keeps its place: "Hillside\t\t37".
func tabTable(lines []srcLine) (textTable, bool) {
	t := textTable{from: "tabs"}
	cols := 0
	for _, l := range lines {
		if l.indent >= 4 || !strings.Contains(l.text(), "\t") {
			break
		}
		row := strings.Split(strings.TrimRight(l.text(), "\t"), "\t")
		if len(row) < 2 || len(t.rows) > 0 && len(row) > cols {
			break
		}
		cols = max(cols, len(row))
		for j := range row {
			row[j] = strings.TrimSpace(row[j])
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) < 2 {
		return textTable{}, false
	}
	t.lines = len(t.rows)
	t.head = figureHeader(t.rows)
	return t, true
}

// spaceTable reads three or more rows whose columns line up: each has
// two or more spaces in a row inside it, and at least one gutter of two
// or more columns is blank in every row with text on its right. Prose
// with two spaces after its full stops has no such gutter. Tables are
// narrow: rows longer than 200 columns are prose.
func spaceTable(lines []srcLine) (textTable, bool) {
	var rows [][]rune
	for _, l := range lines {
		if l.indent >= 4 || l.indent != lines[0].indent || len(l.raw) > 800 ||
			!strings.Contains(l.text(), "  ") || strings.Contains(l.text(), "\t") {
			break
		}
		row := []rune(l.raw)
		if len(row) > 200 {
			break
		}
		rows = append(rows, row)
	}
	if len(rows) < 3 {
		return textTable{}, false
	}
	short := len(rows[0])
	for _, row := range rows {
		short = min(short, len(row))
	}
	// starts are the columns where a cell begins: the first after the
	// indent, and the end of every gutter.
	starts := []int{int(lines[0].indent)}
	run := 0
	for col := int(lines[0].indent) + 1; col < short; col++ {
		blank := true
		for _, row := range rows {
			if row[col] != ' ' {
				blank = false
				break
			}
		}
		switch {
		case blank:
			run++
		default:
			if run >= 2 {
				starts = append(starts, col)
			}
			run = 0
		}
	}
	if len(starts) < 2 {
		return textTable{}, false
	}
	t := textTable{from: "spaces", lines: len(rows)}
	ruleAfter := -1
	for _, row := range rows {
		if isRuleRow(string(row)) {
			if len(t.rows) > 0 && ruleAfter < 0 {
				ruleAfter = len(t.rows)
			}
			continue
		}
		cells := make([]string, len(starts))
		for j, s := range starts {
			end := len(row)
			if j+1 < len(starts) {
				end = min(starts[j+1], len(row))
			}
			if s < end {
				cells[j] = strings.TrimSpace(string(row[s:end]))
			}
		}
		t.rows = append(t.rows, cells)
	}
	if len(t.rows) < 2 {
		return textTable{}, false
	}
	if ruleAfter > 0 && ruleAfter < len(t.rows) {
		t.head = ruleAfter
	} else {
		t.head = figureHeader(t.rows)
	}
	return t, true
}

// figureHeader returns 1 when the first row holds no figure and a later
// row does (column titles above data), else 0.
func figureHeader(rows [][]string) int {
	hasDigit := func(row []string) bool {
		for _, c := range row {
			if strings.IndexFunc(c, unicode.IsDigit) >= 0 {
				return true
			}
		}
		return false
	}
	if hasDigit(rows[0]) {
		return 0
	}
	for _, r := range rows[1:] {
		if hasDigit(r) {
			return 1
		}
	}
	return 0
}

// table builds the model table of a text table, reading each cell's
// inline markup.
func (r *textReader) table(t textTable, first int) *model.Table {
	tbl := &model.Table{}
	for i, cells := range t.rows {
		var row model.Row
		for _, c := range cells {
			row.Cells = append(row.Cells, model.Cell{Content: r.inlines(c, first)})
		}
		if i < t.head {
			tbl.Head = append(tbl.Head, row)
		} else {
			tbl.Body = append(tbl.Body, row)
		}
	}
	return tbl
}
