package reader

import "testing"

// TestMarkdownFancyLists checks the lettered and roman lists that
// CommonMark leaves as one paragraph, and the lines that only look like
// them.
func TestMarkdownFancyLists(t *testing.T) {
	const head = "---\ntitle: T\n---\n\n"
	tests := []struct{ name, src, want string }{
		{"letters with parentheses", "a) lunch\nb) a *coat*,\n   folded\nc) a form\n",
			"list ordered start=1 numbering=a:\n  item:\n    paragraph: lunch\n  item:\n    paragraph: a {em:coat}, folded\n  item:\n    paragraph: a form\n"},
		{"under an introduction", "Please bring:\n(a) lunch\n(b) a coat\n",
			"paragraph: Please bring:\nlist ordered start=1 numbering=a:\n  item:\n    paragraph: lunch\n  item:\n    paragraph: a coat\n"},
		{"hard line breaks", "Bring:  \na) lunch  \nb) a coat\n",
			"paragraph: Bring:\nlist ordered start=1 numbering=a:\n  item:\n    paragraph: lunch\n  item:\n    paragraph: a coat\n"},
		{"roman numerals", "i. One\nii. Two\niii. Three\niv. Four\n",
			"list ordered start=1 numbering=i:\n  item:\n    paragraph: One\n  item:\n    paragraph: Two\n  item:\n    paragraph: Three\n  item:\n    paragraph: Four\n"},
		{"capital roman, two spaces", "I.  Money\nII.  Meetings\n",
			"list ordered start=1 numbering=I:\n  item:\n    paragraph: Money\n  item:\n    paragraph: Meetings\n"},
		{"i then j is letters", "i) ink\nj) jam\n",
			"list ordered start=9 numbering=a:\n  item:\n    paragraph: ink\n  item:\n    paragraph: jam\n"},
		{"initials are names", "A. Lincoln said this\nB. Obama said that\n",
			"paragraph: A. Lincoln said this B. Obama said that\n"},
		{"one marker is no list", "a) lunch\nand nothing else\n",
			"paragraph: a) lunch and nothing else\n"},
		{"letters out of order", "a) lunch\nc) a coat\n",
			"paragraph: a) lunch c) a coat\n"},
		{"mixed punctuation", "a) lunch\nb. a coat\n",
			"paragraph: a) lunch b. a coat\n"},
		{"abbreviations", "The door opens at 9 a.m. sharp\nb.c. and e.g. are not markers\n",
			"paragraph: The door opens at 9~a.m. sharp b.c. and e.g. are not markers\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(head+tc.src), Options{Format: FormatMarkdown})
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpBody(t, res.Doc); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
