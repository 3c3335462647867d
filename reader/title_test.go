package reader

import (
	"strings"
	"testing"
)

func TestTitleNeverCutFromTheFirstSentence(t *testing.T) {
	const wrappedQuote = "\"We never thought the bakery would close,\" said Mrs Ellis, who has\n" +
		"lived on Mill Street for forty years. The council says the building\nis unsafe.\n\n" +
		"The owners were told last week.\n"
	const wrappedLong = "We never thought the bakery would close, said Mrs Ellis, who has lived\n" +
		"On Mill Street for forty years and more, the council told us in writing.\n\nThe owners were told last week.\n"
	tests := []struct {
		name, file, src, title string
		warns                  bool
	}{
		{"a quotation that runs on", "bakery-closes.txt", wrappedQuote, "Bakery closes", true},
		{"a long line that runs on", "notes/mill_street.txt", wrappedLong, "Mill street", true},
		{"read from stdin", "-", wrappedQuote, "", true},
		{"a title wrapped in two lines", "x.txt", "Open notes on the tide tables of the\nnorthern harbour\n\nThe tables were printed in 1921.\n",
			"Open notes on the tide tables of the northern harbour", false},
		{"a title on its own line", "x.txt", "The Bakery Closes\n\n\"We never thought it would close,\" said Mrs Ellis.\n", "The Bakery Closes", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warned []string
			res, err := Read([]byte(tc.src), Options{Name: tc.file, Format: FormatText, Warn: func(w Warning) {
				if strings.Contains(w.Message, "title") {
					warned = append(warned, w.Message)
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Doc.Title != tc.title {
				t.Errorf("title %q, want %q", res.Doc.Title, tc.title)
			}
			if (len(warned) > 0) != tc.warns {
				t.Errorf("title warnings %q, want some: %v", warned, tc.warns)
			}
			if body := dumpBody(t, res.Doc); tc.title != "" && strings.HasPrefix(tc.src, "\"") && !strings.Contains(body, "“We never thought") {
				t.Errorf("the first sentence left the body:\n%s", body)
			}
		})
	}
}
