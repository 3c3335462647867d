package layout

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pamphlet/internal/golden"
	"pamphlet/model"
)

func tcell(s string) model.Cell { return model.Cell{Content: []model.Inline{text(s)}} }

func trow(cells ...string) model.Row {
	var r model.Row
	for _, c := range cells {
		r.Cells = append(r.Cells, tcell(c))
	}
	return r
}

// longTable has a header and n rows of a ledger: dates, a description
// that wraps in a narrow column, and amounts.
func longTable(n int) *model.Table {
	t := &model.Table{Caption: []model.Inline{text("Ledger of the press")},
		Head: []model.Row{trow("Day", "Work done", "Hours", "Cost")}}
	for i := 1; i <= n; i++ {
		work := "set type"
		if i%4 == 0 {
			work = "proofread the pamphlet against the manuscript and marked the corrections"
		}
		t.Body = append(t.Body, trow(fmt.Sprint("day ", i), work, fmt.Sprint(i%9+1), fmt.Sprintf("%d.%02d", i*3, i%100)))
	}
	return t
}

// wideTable has more columns of long words than an A5 measure holds at
// the body size.
func wideTable() *model.Table {
	t := &model.Table{Head: []model.Row{trow("Typeface", "Designer", "Foundry", "Classification", "Introduced", "Characteristics", "Availability")}}
	t.Body = append(t.Body,
		trow("Baskerville", "John Baskerville", "Birmingham", "Transitional", "1757", "sharpened serifs", "everywhere"),
		trow("Caslon", "William Caslon", "Chiswell Street", "Old-style", "1722", "irregularities", "widespread"),
		trow("Bodoni", "Giambattista Bodoni", "Parma", "Didone", "1798", "hairlines", "commonplace"))
	return t
}

func tableDoc(blocks ...model.Block) *model.Document {
	return &model.Document{Title: "Tables", Lang: "en", Blocks: model.NormalizeBlocks(blocks)}
}

func TestGoldenTablePages(t *testing.T) {
	tests := []struct {
		name string
		doc  *model.Document
		opt  Options
	}{
		{"table-across-pages", tableDoc(mpara(text(prose(1, 3))), longTable(70), mpara(text(prose(2, 2)))), Options{}},
		{"table-too-wide", tableDoc(mpara(text(prose(3, 2))), wideTable(), mpara(text(prose(4, 1)))), Options{}},
		{"a4-two-columns-table", tableDoc(mpara(text(prose(5, 8))), longTable(12), mpara(text(prose(6, 6))), wideTable(),
			mpara(text(prose(7, 12)))), Options{Paper: A4, Columns: 2, Links: LinkNone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden.Check(t, tt.name+".pages", layoutDump(t, tt.doc, tt.opt))
		})
	}
}

// tableBook lays out doc and fails the test on any warning other than
// those allowed.
func tableBook(t *testing.T, doc *model.Document, opt Options) *Book {
	t.Helper()
	opt.Warn = func(w Warning) {
		if !strings.Contains(w.Message, "too wide for the measure") {
			t.Errorf("warning: page %d: %s", w.Page, w.Message)
		}
	}
	if err := model.Validate(doc); err != nil {
		t.Fatal(err)
	}
	b, err := Layout(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTableBreaksBetweenRowsAndRepeatsItsHeader(t *testing.T) {
	tbl := longTable(70)
	b := tableBook(t, tableDoc(mpara(text(prose(1, 3))), tbl), Options{})
	pagesWithRows := 0
	seen := map[int]int{} // row → page
	for i, p := range b.Pages {
		rows := false
		repeated := false
		for _, c := range p.Cells {
			switch {
			case c.Repeat:
				repeated = true
			case c.Row > 0:
				rows = true
				if pg, ok := seen[c.Row]; ok && pg != i {
					t.Errorf("row %d split over pages %d and %d", c.Row, pg+1, i+1)
				}
				seen[c.Row] = i
			}
		}
		if rows {
			pagesWithRows++
			if pagesWithRows > 1 && !repeated {
				t.Errorf("page %d continues the table without its header", i+1)
			}
		}
	}
	if pagesWithRows < 2 {
		t.Fatalf("the table fits on %d page(s); the test needs it to break", pagesWithRows)
	}
	if len(seen) != len(tbl.Body) {
		t.Errorf("%d body rows placed, want %d", len(seen), len(tbl.Body))
	}
}

func TestTableNeverLeavesTheMeasure(t *testing.T) {
	for _, opt := range []Options{{}, {Paper: A4, Columns: 2}, {FontSize: Pt(12)}} {
		t.Run(fmt.Sprintf("%s-%dcol-%v", opt.Paper.Name, opt.Columns, opt.FontSize), func(t *testing.T) {
			b := tableBook(t, tableDoc(mpara(text("Before.")), wideTable()), opt)
			g, err := opt.geometry()
			if err != nil {
				t.Fatal(err)
			}
			sizes := map[Sp]bool{}
			for i, p := range b.Pages {
				left := g.margins.Inner
				if (i+1)%2 == 0 {
					left = g.margins.Outer
				}
				for _, c := range p.Cells {
					for _, r := range p.Body[c.First:c.End] {
						sizes[r.Size] = true
						if r.X < left || r.X+r.Width > left+g.textWidth+Pt(0.01) {
							t.Errorf("page %d: %q at %v..%v leaves the text block %v..%v", i+1, r.Text, r.X, r.X+r.Width, left, left+g.textWidth)
						}
					}
				}
			}
			// In one column the table is set smaller; in two, it may
			// keep the body size across both.
			if sizes[g.size] && g.columns == 1 {
				t.Errorf("the wide table kept the body size %v", g.size)
			}
		})
	}
}

func TestTableKeepsEveryWord(t *testing.T) {
	tbl := longTable(30)
	var want []string
	for _, r := range append(append([]model.Row{}, tbl.Head...), tbl.Body...) {
		for _, c := range r.Cells {
			want = append(want, strings.Fields(model.Plain(c.Content))...)
		}
	}
	b := tableBook(t, tableDoc(tbl), Options{})
	// A cell's lines interleave with its neighbours': gather them by
	// cell, in reading order.
	type key struct{ row, col int }
	var order []key
	lines := map[key][]string{}
	for _, p := range b.Pages {
		for _, c := range p.Cells {
			if c.Repeat || c.Row < 0 {
				continue
			}
			k := key{c.Row, c.Col}
			if _, ok := lines[k]; !ok {
				order = append(order, k)
			}
			// Runs that touch are pieces of one word.
			var line strings.Builder
			for i, r := range p.Body[c.First:c.End] {
				if i > 0 {
					if prev := p.Body[c.First+i-1]; r.X-(prev.X+prev.Width) > Pt(0.5) {
						line.WriteByte(' ')
					}
				}
				line.WriteString(r.Text)
			}
			lines[k] = append(lines[k], line.String())
		}
	}
	slices.SortStableFunc(order, func(a, b key) int { return cmp.Or(cmp.Compare(a.row, b.row), cmp.Compare(a.col, b.col)) })
	var got []string
	for _, k := range order {
		got = append(got, strings.Join(lines[k], " "))
	}
	joined := strings.ReplaceAll(strings.Join(got, " "), "- ", "")
	if g := strings.Fields(joined); strings.Join(g, " ") != strings.Join(want, " ") {
		t.Errorf("cell words:\n%q\nwant\n%q", g, want)
	}
}

func TestTableColumnWidths(t *testing.T) {
	tests := []struct {
		name           string
		natural, least []Sp
		measure        Sp
		want           []Sp
	}{
		{"natural widths when they fit", []Sp{30, 50}, []Sp{10, 20}, 100, []Sp{30, 50}},
		{"a short column gets its natural width, the long one the rest", []Sp{20, 100}, []Sp{10, 20}, 100, []Sp{20, 70}},
		{"the room left shared equally", []Sp{60, 100}, []Sp{10, 20}, 100, []Sp{40, 50}},
		{"least widths when nothing is left", []Sp{60, 100}, []Sp{40, 50}, 100, []Sp{40, 50}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := &tableSetting{gutter: 10, natural: tc.natural, least: tc.least}
			got := ts.columnWidths(tc.measure)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("widths %v, want %v", got, tc.want)
			}
		})
	}
}
