package reader

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHTMLPosLine checks the line found for a node by its first text: the
// first occurrence from the last node found on, else the nearest one
// before it, so that a text the page repeats ("Home" in the menu, then in
// a breadcrumb) is placed where it was met.
func TestHTMLPosLine(t *testing.T) {
	src := "<ul>\n<li>Home</li>\n</ul>\n<p>Home</p>\n<p>The lofts were let.</p>\n<p>Nets</p>\n"
	node := func(text string) *html.Node {
		n := &html.Node{Type: html.ElementNode, Data: "p"}
		n.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		return n
	}
	tests := []struct {
		name string
		seek []string // looked up in turn; the last one's line is checked
		want int
	}{
		{"first from the top", []string{"Home"}, 2},
		{"the same node twice", []string{"Home", "Home"}, 2},
		{"ahead of the last found", []string{"Home", "Nets"}, 6},
		{"nearest behind the last found", []string{"The lofts were let.", "Home"}, 4},
		{"text not on the page", []string{"Ropes"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newHTMLPos(src, 1)
			got := 0
			for _, s := range tc.seek {
				got = p.line(node(s))
			}
			if got != tc.want {
				t.Errorf("line of %q = %d, want %d", strings.Join(tc.seek, " then "), got, tc.want)
			}
		})
	}
}
