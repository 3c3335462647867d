package layout

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"pamphlet/fonts"
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

// isCell reports whether tag k of b is a table cell's element.
func isCell(b *Book, k int32) bool {
	return k > 0 && (b.Tags[k].Role == RoleTableCell || b.Tags[k].Role == RoleTableHeaderCell)
}

func TestTableBreaksBetweenRowsAndRepeatsItsHeader(t *testing.T) {
	tbl := longTable(70)
	b := tableBook(t, tableDoc(mpara(text(prose(1, 3))), tbl), Options{})
	pagesWithRows := 0
	seen := map[int32]int{} // body row element → page
	for i, p := range b.Pages {
		rows, repeated := false, false
		for _, r := range p.Body {
			switch {
			case r.Tag == 0 && r.Text == "Work":
				repeated = true
			case isCell(b, r.Tag) && b.Tags[r.Tag].Role == RoleTableCell:
				rows = true
				row := b.Tags[r.Tag].Parent
				if pg, ok := seen[row]; ok && pg != i {
					t.Errorf("row element %d split over pages %d and %d", row, pg+1, i+1)
				}
				seen[row] = i
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
	// Two rows at least on every page of the table.
	perPage := map[int]int{}
	for _, pg := range seen {
		perPage[pg]++
	}
	for pg, n := range perPage {
		if n < 2 {
			t.Errorf("page %d holds %d row(s) of the table", pg+1, n)
		}
	}
}

func TestTableNeverLeavesTheMeasure(t *testing.T) {
	for _, opt := range []Options{{}, {Paper: A4, Columns: 2}, {FontSize: Pt(12)}} {
		t.Run(fmt.Sprintf("%s-%dcol-%v", opt.Paper.Name, opt.Columns, opt.FontSize), func(t *testing.T) {
			// No word is broken between characters (that would warn).
			opt.Warn = func(w Warning) { t.Errorf("warning: %s", w.Message) }
			b, err := Layout(tableDoc(mpara(text("Before.")), wideTable()), opt)
			if err != nil {
				t.Fatal(err)
			}
			g, err := opt.geometry()
			if err != nil {
				t.Fatal(err)
			}
			sizes := map[Sp]bool{}
			cells, turned := 0, false
			for i, p := range b.Pages {
				left := g.margins.Inner
				if (i+1)%2 == 0 {
					left = g.margins.Outer
				}
				// The text block, across the paper on a turned page.
				x0, x1 := left, left+g.textWidth
				if p.Turned {
					turned = true
					x0, x1 = g.margins.Bottom, g.margins.Bottom+g.textHeight
				}
				for _, r := range p.Body {
					if !isCell(b, r.Tag) {
						continue
					}
					cells++
					sizes[r.Size] = true
					if r.X < x0 || r.X+r.Width > x1+Pt(0.01) {
						t.Errorf("page %d: %q at %v..%v leaves the text block %v..%v", i+1, r.Text, r.X, r.X+r.Width, x0, x1)
					}
				}
			}
			if cells == 0 {
				t.Fatal("no table cells placed")
			}
			// The table is set smaller, across both columns, or turned;
			// never at the body size in the column it is too wide for.
			if sizes[g.size] && g.columns == 1 && !turned {
				t.Errorf("the wide table kept the body size %v in the column", g.size)
			}
		})
	}
}

// TestTableColumnHoldsTiedWords checks that words tied by a no-break
// space count as one word when the columns are shared out: a column as
// wide as the wider of them alone left the tied pair sticking out of it,
// off the page in the right-hand column of a handout.
func TestTableColumnHoldsTiedWords(t *testing.T) {
	tied := strings.Repeat("m", 12) + "\u00a0" + strings.Repeat("w", 22)
	tests := []struct {
		name string
		opt  Options
	}{
		{"A5", Options{}},
		{"A4 two columns", Options{Paper: A4, Columns: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := &model.Table{Head: []model.Row{trow("", "", "Heading")}, Body: []model.Row{trow("one", "two", tied)}}
			// tableBook fails on a line too wide for its column.
			b := tableBook(t, tableDoc(mpara(text("Before.")), tb), tc.opt)
			found := false
			for i, p := range b.Pages {
				for _, r := range p.Body {
					found = found || strings.Contains(r.Text, "wwww")
					if r.X < 0 || r.X+r.Width > b.Width {
						t.Errorf("page %d: %q at %v..%v leaves the paper", i+1, r.Text, r.X, r.X+r.Width)
					}
				}
			}
			if !found {
				t.Fatal("the tied words were not set")
			}
		})
	}
}

func TestTableTooWideIsTurned(t *testing.T) {
	b := tableBook(t, tableDoc(mpara(text(prose(1, 2))), wideTable(), mpara(text(prose(2, 2)))), Options{})
	var turned []int
	for i, p := range b.Pages {
		if p.Turned {
			turned = append(turned, i)
			for _, r := range p.Body {
				if !isCell(b, r.Tag) && r.Tag != 0 {
					t.Errorf("page %d is turned for the table but holds %q", i+1, r.Text)
				}
			}
		}
	}
	if len(turned) != 1 || turned[0] == 0 || turned[0] == len(b.Pages)-1 {
		t.Errorf("turned pages %v of %d, want one between the text before and after", turned, len(b.Pages))
	}
}

func TestTableKeepsEveryWord(t *testing.T) {
	tbl := longTable(30)
	tbl.Body[3].Cells[1].Content = []model.Inline{text("a "), &model.Link{Target: "https://example.org/m", Content: []model.Inline{text("linked manuscript")}}}
	var want []string
	for _, r := range append(append([]model.Row{}, tbl.Head...), tbl.Body...) {
		for _, c := range r.Cells {
			want = append(want, strings.Fields(model.Plain(c.Content))...)
		}
	}
	b := tableBook(t, tableDoc(tbl), Options{Links: LinkNone})
	// A cell's lines interleave with its neighbours': gather them by
	// cell element, which the table numbers in reading order.
	lines := map[int32][]string{}
	var order []int32
	for _, p := range b.Pages {
		for i, r := range p.Body {
			k := r.Tag
			if b.Tags[k].Role == RoleLink {
				k = b.Tags[k].Parent
			}
			if !isCell(b, k) {
				continue
			}
			if _, ok := lines[k]; !ok {
				order = append(order, k)
			}
			// Runs that touch are pieces of one word.
			if i > 0 && len(lines[k]) > 0 {
				if prev := p.Body[i-1]; r.Y == prev.Y && r.X-(prev.X+prev.Width) <= Pt(0.5) {
					lines[k][len(lines[k])-1] += r.Text
					continue
				}
			}
			lines[k] = append(lines[k], r.Text)
		}
	}
	slices.Sort(order)
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

// TestTableTags checks the structure a tagged PDF gets of a table: the
// table holds its caption, a header and a body of rows, each row one cell
// element per column.
func TestTableTags(t *testing.T) {
	tbl := longTable(3)
	b := tableBook(t, tableDoc(mpara(text("Before.")), tbl), Options{})
	var table int32 = -1
	for k, tg := range b.Tags {
		if tg.Role == RoleTable {
			table = int32(k)
		}
	}
	if table < 0 {
		t.Fatal("no table element")
	}
	children := func(p int32) []Role {
		var out []Role
		for _, tg := range b.Tags {
			if tg.Parent == p {
				out = append(out, tg.Role)
			}
		}
		return out
	}
	if got, want := fmt.Sprint(children(table)), fmt.Sprint([]Role{RoleCaption, RoleTableHead, RoleTableBody}); got != want {
		t.Errorf("table children %s, want %s", got, want)
	}
	for k, tg := range b.Tags {
		switch tg.Role {
		case RoleTableHead, RoleTableBody:
			rows := children(int32(k))
			want := len(tbl.Head)
			if tg.Role == RoleTableBody {
				want = len(tbl.Body)
			}
			if len(rows) != want {
				t.Errorf("%v holds %d rows, want %d", tg.Role, len(rows), want)
			}
		case RoleTableRow:
			cell := RoleTableCell
			if b.Tags[tg.Parent].Role == RoleTableHead {
				cell = RoleTableHeaderCell
			}
			if got := children(int32(k)); len(got) != 4 || slices.ContainsFunc(got, func(r Role) bool { return r != cell }) {
				t.Errorf("row %d holds %v", k, got)
			}
		}
	}
}

func TestShiftXMovesATurnedPageAcrossThePaper(t *testing.T) {
	p := &Page{Turned: true, Body: []Run{{X: 1, Y: 2}}, Rules: []Rule{{X: 3, Y: 4}}}
	p.shiftX(10)
	if r, u := p.Body[0], p.Rules[0]; r.X != 1 || r.Y != 12 || u.X != 3 || u.Y != 14 {
		t.Errorf("run at %v,%v and rule at %v,%v; want 1,12 and 3,14", r.X, r.Y, u.X, u.Y)
	}
}

func TestWrappedCodeLineStaysOnItsPage(t *testing.T) {
	var lines []string
	for i := range 80 {
		lines = append(lines, fmt.Sprintf("    result_%d = compute_the_value(first_argument, second_argument, third_argument_%d)", i, i))
	}
	doc := tableDoc(mpara(text(prose(1, 3))), &model.Code{Text: strings.Join(lines, "\n"), Lang: "python"})
	b := tableBook(t, doc, Options{})
	pages := 0
	for i, p := range b.Pages {
		for _, r := range p.Body {
			if r.Face != fonts.Mono {
				continue
			}
			pages++
			if strings.HasPrefix(strings.TrimSpace(r.Text), strings.TrimSpace(codeContinuation)) {
				t.Errorf("page %d starts with the continuation of a code line: %q", i+1, r.Text)
			}
			break
		}
	}
	if pages < 2 {
		t.Fatalf("the code fits on %d page(s); the test needs it to break", pages)
	}
}
