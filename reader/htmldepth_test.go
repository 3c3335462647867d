package reader

import (
	"fmt"
	"strings"
	"testing"
)

// TestDeepHTMLIsFlattenedAndKeepsItsText checks pages nested past the
// HTML parser's limit of 512 elements: the deepest elements are left
// out, every word is kept (scripts excepted), and a warning says so.
func TestDeepHTMLIsFlattenedAndKeepsItsText(t *testing.T) {
	wrap := func(open, close string, n int, inner string) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	page := func(body string) string {
		return "<html><head><title>Deep page</title></head><body><h1>Deep page</h1><p>Opening words first.</p>" + body + "<p>Closing words last.</p></body></html>"
	}
	var numbered strings.Builder
	var numbers []string
	for i := range 700 {
		fmt.Fprintf(&numbered, "<div>word%d ", i)
		numbers = append(numbers, fmt.Sprintf("word%d ", i))
	}
	numbered.WriteString(strings.Repeat("</div>", 700))
	tests := []struct {
		name    string
		src     string
		format  Format
		words   []string // each must be read
		absent  []string // none may be read
		warning string   // "" for none
	}{
		{"shallow page untouched", page(wrap("<div>", "</div>", 100, "<p>Middle words here.</p>")), FormatHTML,
			[]string{"Opening", "Middle words here.", "Closing"}, nil, ""},
		{"nested blocks", page(wrap("<div>", "</div>", 600, "<p>Middle <b>bold</b> words.</p><script>alert('hidden')</script>")), FormatHTML,
			[]string{"Opening", "Middle bold words.", "Closing"}, []string{"alert", "hidden"}, "deeper than 256 were flattened"},
		{"never closed", page(strings.Repeat("<section>", 900) + "<p>Middle words here."), FormatHTML,
			[]string{"Opening", "Middle words here."}, nil, "deeper than 256 were flattened"},
		{"inline elements", page(wrap("<span><b>", "</b></span>", 400, "Middle words here.")), FormatHTML,
			[]string{"Opening", "Middle words here.", "Closing"}, nil, "flattened"},
		{"nested tables", page(wrap("<table><tr><td>", "</td></tr></table>", 200, "Middle words here.")), FormatHTML,
			[]string{"Opening", "Middle words here.", "Closing"}, nil, "HTML nested too deeply"},
		{"text at every level", page(numbered.String()), FormatHTML,
			numbers, nil, "flattened"},
		{"Markdown HTML block", "# Deep\n\nOpening words first.\n\n" + wrap("<div>", "</div>", 600, "Middle words here.") + "\n\nClosing words last.\n", FormatMarkdown,
			[]string{"Opening", "Middle words here.", "Closing"}, nil, "flattened"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []string
			res, err := Read([]byte(tc.src), Options{Format: tc.format, Warn: func(w Warning) { warnings = append(warnings, w.String()) }})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, bl := range res.Doc.Blocks {
				b.WriteString(blockPlain(bl) + "\n")
			}
			text := strings.Join(strings.Fields(b.String()), " ") + " "
			for _, w := range tc.words {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%.300s", w, text)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(text, w) {
					t.Errorf("text holds %q", w)
				}
			}
			all := strings.Join(warnings, "\n")
			if (tc.warning == "") != (all == "") || !strings.Contains(all, tc.warning) {
				t.Errorf("warnings %q, want %q", all, tc.warning)
			}
		})
	}
}
