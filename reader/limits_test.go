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
