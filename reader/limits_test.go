package reader

import (
	"strings"
	"testing"

	"pamphlet/model"
)

func TestCapIndent(t *testing.T) {
	deep := strings.Repeat(" ", 70) + "- x\n"
	tests := []struct {
		name, in, want string
		first          int
	}{
		{"shallow", "- a\n  - b\n\tc\n", "- a\n  - b\n\tc\n", 0},
		{"deep spaces", "a\n" + deep + "b", "a\n" + strings.Repeat(" ", 64) + "- x\nb", 2},
		{"deep tabs", strings.Repeat("\t", 20) + "x", strings.Repeat("\t", 16) + "x", 1},
		{"no final newline", deep[:len(deep)-1], strings.Repeat(" ", 64) + "- x", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, first := capIndent([]byte(tc.in))
			if string(got) != tc.want || first != tc.first {
				t.Errorf("capIndent = %q, %d; want %q, %d", got, first, tc.want, tc.first)
			}
		})
	}
}

// TestDeepMarkdownNestingReadsLinearly is the regression test for Markdown
// nested past reason: thousands of levels of lists read in linear time,
// every item kept.
func TestDeepMarkdownNestingReadsLinearly(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Deep\n\n")
	for i := 0; i < 2000; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item" + string(rune('a'+i%26)) + "\n")
	}
	res, err := Read([]byte(b.String()), Options{Format: FormatMarkdown})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	_ = model.Walk(res.Doc.Blocks, func(nd model.Node) error {
		if tx, ok := nd.(*model.Text); ok {
			n += strings.Count(tx.Text, "item")
		}
		return nil
	})
	if n != 2000 {
		t.Errorf("%d items read, want 2000", n)
	}
}

// TestStructureCapsRefuseBeforeParsing checks that an input past its
// format's cap of lines or tags is refused with one line that says how
// many it holds and what to do, and that one at the cap passes it.
func TestStructureCapsRefuseBeforeParsing(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		unit   string
		limit  int
	}{
		{"plain text", FormatText, "a\n\n", MaxTextLines},
		{"Markdown", FormatMarkdown, "a\n\n", MaxMarkdownLines},
		{"HTML", FormatHTML, "<p>a</p>", MaxHTMLTags},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Each unit is two lines or two tags.
			at := strings.Repeat(tc.unit, tc.limit/2)
			if err := checkStructure(at, tc.format); err != nil {
				t.Errorf("at the cap: %v", err)
			}
			_, err := Read([]byte(at+tc.unit), Options{Format: tc.format})
			if err == nil {
				t.Fatal("past the cap: read")
			}
			msg := err.Error()
			if !strings.Contains(msg, group(tc.limit+2)) || !strings.Contains(msg, group(tc.limit)) ||
				!strings.HasSuffix(msg, "; split the article") || strings.Contains(msg, "\n") {
				t.Errorf("past the cap: %q", msg)
			}
		})
	}
}

// TestRepairsOfOneKindAreCapped checks that a text calling for more
// repairs of one kind than are listed lists the first, then one saying
// how many more went unlisted from which line.
func TestRepairsOfOneKindAreCapped(t *testing.T) {
	const extra = 5
	// A title, then fragments a blank line split mid-sentence: each joins
	// the one before.
	src := "Joined Words\n\nthe start" + strings.Repeat("\n\nand then", maxRepairsOfKind+extra)
	res, err := Read([]byte(src), Options{Format: FormatText})
	if err != nil {
		t.Fatal(err)
	}
	var joins []Repair
	for _, r := range res.Repairs {
		if r.Kind == "join-paragraph" {
			joins = append(joins, r)
		}
	}
	if len(joins) != maxRepairsOfKind+1 {
		t.Fatalf("%d join repairs, want %d listed and one more", len(joins), maxRepairsOfKind)
	}
	last := joins[len(joins)-1]
	if want := "5 more from here on, not listed"; last.Detail != want || last.Line <= joins[len(joins)-2].Line {
		t.Errorf("last repair %+v, want %q after the listed ones", last, want)
	}
	if len(res.Doc.Blocks) != 1 {
		t.Errorf("%d blocks, want the fragments joined in one", len(res.Doc.Blocks))
	}
}
