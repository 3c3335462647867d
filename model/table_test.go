package model

import (
	"strings"
	"testing"
)

func cell(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{Content: []Inline{txt(s)}}
}

func row(cells ...string) Row {
	r := Row{}
	for _, c := range cells {
		r.Cells = append(r.Cells, cell(c))
	}
	return r
}

func TestNormalizeTable(t *testing.T) {
	tests := []struct {
		name string
		in   *Table
		want string // body part of the dump
	}{
		{"rows padded to the widest",
			&Table{Head: []Row{row("Name", "Age")}, Body: []Row{row("Ann"), row("Bo", "7", "tall")}},
			"table cols=3\n  head |Name|Age||\n  row |Ann|||\n  row |Bo|7|tall|\n"},
		{"empty rows and trailing empty columns dropped",
			&Table{Align: []Align{AlignLeft, AlignRight, AlignCenter}, Body: []Row{row("a", " 1 ", ""), row(" ", ""), row("b", "2", " ")}},
			"table cols=2 align=left,right\n  row |a|1|\n  row |b|2|\n"},
		{"caption kept",
			&Table{Caption: []Inline{txt(" Prices  in 2024 ")}, Body: []Row{row("tea", "3")}},
			"table cols=2: Prices in 2024\n  row |tea|3|\n"},
		{"table without text leaves its caption",
			&Table{Caption: []Inline{txt("Empty")}, Body: []Row{row(" ", "")}},
			"paragraph: Empty\n"},
		{"table without anything dropped", &Table{Body: []Row{row("")}}, ""},
		{"default alignments trimmed",
			&Table{Align: []Align{AlignRight, AlignDefault}, Body: []Row{row("1", "x")}},
			"table cols=2 align=right\n  row |1|x|\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &Document{Blocks: []Block{tc.in}}
			Normalize(doc)
			got := dumpString(t, doc)
			body := got[strings.Index(got, "---\n")+4:]
			if body != tc.want {
				t.Errorf("body:\n%s\nwant:\n%s", body, tc.want)
			}
			if err := Validate(doc); err != nil {
				t.Errorf("Validate after Normalize: %v", err)
			}
			Normalize(doc)
			if again := dumpString(t, doc); again != got {
				t.Errorf("Normalize not idempotent:\n%s\nthen\n%s", got, again)
			}
		})
	}
}

func TestValidateTable(t *testing.T) {
	tests := []struct {
		name string
		in   *Table
		want string // substring of the error; "" means valid
	}{
		{"valid", &Table{Head: []Row{row("a", "b")}, Body: []Row{row("1", "")}}, ""},
		{"ragged rows", &Table{Body: []Row{row("a", "b"), row("c")}}, "row of 1 cells in a table of 2 columns"},
		{"empty table", &Table{}, "empty table"},
		{"empty row", &Table{Body: []Row{row("a"), row("")}}, "blocks[0].body[1]: empty row"},
		{"too many alignments", &Table{Align: []Align{AlignLeft, AlignLeft}, Body: []Row{row("a")}}, "2 alignments for 1 columns"},
		{"unknown alignment", &Table{Align: []Align{9}, Body: []Row{row("a")}}, "unknown alignment 9"},
		{"cell text checked", &Table{Body: []Row{row("a\x02")}}, "blocks[0].body[0].cells[0].content[0]: control character"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(&Document{Blocks: []Block{tc.in}})
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestWalkVisitsTableCells(t *testing.T) {
	tbl := &Table{Caption: []Inline{txt("cap")}, Head: []Row{row("h1", "h2")},
		Body: []Row{{Cells: []Cell{{Content: []Inline{&Emph{Content: []Inline{txt("e")}}}}, cell("x")}}}}
	var got []string
	err := Walk([]Block{tbl}, func(n Node) error {
		if t, ok := n.(*Text); ok {
			got = append(got, t.Text)
		} else {
			got = append(got, Kind(n))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "table cap h1 h2 emph e x"; strings.Join(got, " ") != want {
		t.Errorf("visited %q, want %q", strings.Join(got, " "), want)
	}
	if bt, want := BlockText(tbl), "cap\nh1\th2\ne\tx"; bt != want {
		t.Errorf("BlockText %q, want %q", bt, want)
	}
}

func TestColumnAlignment(t *testing.T) {
	tbl := &Table{Align: []Align{AlignDefault, AlignDefault, AlignCenter, AlignDefault},
		Head: []Row{row("Item", "Price", "Qty", "Note")},
		Body: []Row{row("tea", "£1.20", "3", "hot"), row("cake", "12,500", "", "2 slices"), row("jam", "−4", "45 %", "")}}
	want := []Align{AlignLeft, AlignRight, AlignCenter, AlignLeft}
	for j, w := range want {
		if got := tbl.EffectiveAlign(j); got != w {
			t.Errorf("column %d: %v, want %v", j, got, w)
		}
	}
	for _, tc := range []struct {
		s    string
		want bool
	}{{"1,200", true}, {"2.5", true}, {"45%", true}, {"-3", true}, {"2.5 years", false}, {"v1.2", false}, {"", false}, {"1.", true}, {",5", false}} {
		if got := isFigure(tc.s); got != tc.want {
			t.Errorf("isFigure(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
