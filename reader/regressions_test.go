package reader_test

import (
	"testing"

	"pamphlet/model"
	"pamphlet/reader"
)

// TestFuzzFoundInputsReadValid keeps the inputs the fuzzers of the Markdown
// and HTML readers found: each must read into a valid document.
func TestFuzzFoundInputsReadValid(t *testing.T) {
	tests := []struct {
		name   string
		format reader.Format
		src    string
	}{
		{"control character by reference in Markdown", reader.FormatMarkdown, "&#1;0"},
		{"control character by reference in HTML", reader.FormatHTML, "<p>a&#1;b&#x7f;c</p>"},
		{"line break inside an image path", reader.FormatHTML, "<img src=\"a\nb.png\" alt=\"x\">"},
		{"tab inside a code language", reader.FormatMarkdown, "```go\tx\ncode\n```\n"},
		{"dead link around an image", reader.FormatMarkdown, "[![alt](x.png)](#)"},
		{"table without body", reader.FormatMarkdown, "| a | b |\n|---|---|\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := reader.Read([]byte(tc.src), reader.Options{Format: tc.format})
			if err != nil {
				t.Fatal(err)
			}
			if err := model.Validate(res.Doc); err != nil {
				t.Fatal(err)
			}
		})
	}
}
