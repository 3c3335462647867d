package reader

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlPos finds the input line of converted HTML. The parser keeps no
// positions, so the source is tokenized once more and each text token
// remembered with its line; a node's line is that of its first text,
// looked up among the tokens in reading order. The tree converted may be
// a copy that Readability rearranged, so texts, not nodes, are matched.
type htmlPos struct {
	texts []string // each text token, spaces collapsed, at most htmlPosKey bytes
	lines []int    // the 1-based line each text starts on
	cur   int      // the token of the last node found: reading goes forward
}

// htmlPosKey is how much of a text identifies it; htmlPosWindow how many
// tokens a lookup passes over before it gives up.
const (
	htmlPosKey    = 48
	htmlPosWindow = 4096
)

// newHTMLPos tokenizes src; firstLine is the line src starts on.
func newHTMLPos(src string, firstLine int) *htmlPos {
	p := &htmlPos{}
	z := html.NewTokenizer(strings.NewReader(src))
	line := firstLine
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		raw := z.Raw()
		if tt == html.TextToken {
			lead := len(raw) - len(strings.TrimLeft(string(raw), " \t\r\n\f"))
			if key := htmlPosText(string(z.Text())); key != "" {
				p.texts = append(p.texts, key)
				p.lines = append(p.lines, line+strings.Count(string(raw[:lead]), "\n"))
			}
		}
		line += strings.Count(string(raw), "\n")
	}
}

// htmlPosText is the key of a text: its first words, spaces collapsed.
func htmlPosText(s string) string {
	s = strings.Join(strings.Fields(s[:min(len(s), 4*htmlPosKey)]), " ")
	if len(s) > htmlPosKey {
		s = s[:htmlPosKey]
	}
	return s
}

// line gives the line of n's first text, or 0 when it is not found.
func (p *htmlPos) line(n *html.Node) int {
	if p == nil {
		return 0
	}
	key := htmlPosText(htmlFirstText(n, 0))
	if key == "" {
		return 0
	}
	match := func(i int) bool {
		t := p.texts[i]
		return strings.HasPrefix(key, t) || strings.HasPrefix(t, key)
	}
	for i := p.cur; i < len(p.texts) && i < p.cur+htmlPosWindow; i++ {
		if match(i) {
			p.cur = i
			return p.lines[i]
		}
	}
	// Behind: the nearest match, a text repeated from the page's top
	// (a menu's "Home") being the likelier wrong one.
	for i := p.cur - 1; i >= 0 && i >= p.cur-htmlPosWindow; i-- {
		if match(i) {
			return p.lines[i]
		}
	}
	return 0
}

// htmlFirstText gives the data of n's first text node that is not only
// spaces.
func htmlFirstText(n *html.Node, depth int) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	if depth > 64 {
		return ""
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if s := htmlFirstText(ch, depth+1); strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
