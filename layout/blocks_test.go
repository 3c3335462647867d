package layout

import (
	"fmt"
	"strings"
	"testing"

	"pamphlet/fonts"
	"pamphlet/highlight"
	"pamphlet/model"
)

func sp(text string, c highlight.Class) highlight.Span { return highlight.Span{Text: text, Class: c} }

func TestHighlightedLinesSetAsPlainCode(t *testing.T) {
	const (
		P = highlight.Plain
		K = highlight.Keyword
		S = highlight.String
		C = highlight.Comment
	)
	tests := []struct {
		name      string
		spans     []highlight.Span
		lines     []string
		wantClass []string // one letter a rune: P, K, S or C
	}{
		{"one line", []highlight.Span{sp("if", K), sp(" x ", P), sp(`"y"`, S)},
			[]string{`if x "y"`}, []string{"KKPPPSSS"}},
		{"a tab to the fourth column keeps its class",
			[]highlight.Span{sp("ab", K), sp("\t", P), sp("c", S)},
			[]string{"ab  c"}, []string{"KKPPS"}},
		{"blanks at the end dropped", []highlight.Span{sp("x", P), sp("  \t", P), sp("\n", P), sp("// c", C)},
			[]string{"x", "// c"}, []string{"P", "CCCC"}},
		{"a span across lines", []highlight.Span{sp("/* a\n b */", C), sp("\nz", P)},
			[]string{"/* a", " b */", "z"}, []string{"CCCC", "CCCCC", "P"}},
		{"wide characters", []highlight.Span{sp(`"漢字"`, S), sp(" ", P)},
			[]string{`"漢字"`}, []string{"SSSS"}},
	}
	letter := map[highlight.Class]byte{P: 'P', K: 'K', S: 'S', C: 'C'}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines, classes := highlightedLines(tc.spans)
			var text strings.Builder
			for _, sp := range tc.spans {
				text.WriteString(sp.Text)
			}
			// The lines are those plain code gets from the same text.
			var plain []string
			for _, l := range strings.Split(text.String(), "\n") {
				plain = append(plain, expandTabs(strings.TrimRight(l, " \t"), 4))
			}
			var got, gotClass []string
			for i, l := range lines {
				got = append(got, string(l))
				var b strings.Builder
				for _, c := range classes[i] {
					b.WriteByte(letter[c])
				}
				gotClass = append(gotClass, b.String())
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.lines) || fmt.Sprint(got) != fmt.Sprint(plain) {
				t.Errorf("lines %q, want %q (plain code: %q)", got, tc.lines, plain)
			}
			if fmt.Sprint(gotClass) != fmt.Sprint(tc.wantClass) {
				t.Errorf("classes %q, want %q", gotClass, tc.wantClass)
			}
		})
	}
}

func TestHighlightedCodeKeepsPlainCodesLines(t *testing.T) {
	src := "package main\n\nvar words = []string{\"שלום\", \"עולם\"} // Hebrew\n// main prints a greeting that is long enough to wrap onto a second line of the page.\nfunc main() {\n\tif n := 42; n > 0 {\n\t\tfmt.Println(\"hello, world\", n, \"and a string long enough to wrap as well\")\n\t}\n}"
	set := func(lang string) *Book {
		doc := &model.Document{Title: "Code", Blocks: []model.Block{&model.Code{Text: src, Lang: lang}}}
		b, err := Layout(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	plain, lit := set(""), set("go")
	if len(plain.Pages) != len(lit.Pages) {
		t.Fatalf("%d pages highlighted, %d plain", len(lit.Pages), len(plain.Pages))
	}
	faces := map[fonts.Style]bool{}
	greys := map[uint8]bool{}
	for i := range plain.Pages {
		if got, want := lit.Pages[i].Text(), plain.Pages[i].Text(); got != want {
			t.Errorf("page %d: highlighted text\n%s\nplain text\n%s", i+1, got, want)
		}
		// Each line starts where the plain one does and ends at the same x.
		ends := func(runs []Run) map[Sp][2]Sp {
			m := map[Sp][2]Sp{}
			for _, r := range runs {
				e, ok := m[r.Y]
				if !ok {
					e[0] = r.X
				}
				e[1] = r.X + r.Width
				m[r.Y] = e
			}
			return m
		}
		if got, want := ends(lit.Pages[i].Body), ends(plain.Pages[i].Body); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("page %d: lines at %v highlighted, %v plain", i+1, got, want)
		}
		for _, r := range lit.Pages[i].Body {
			faces[r.Face] = true
			greys[r.Grey] = true
		}
	}
	if !faces[fonts.MonoBold] || !faces[fonts.MonoOblique] || len(greys) < 2 {
		t.Errorf("highlighted code set in faces %v and greys %v; want bold, oblique and greys", faces, greys)
	}
}
