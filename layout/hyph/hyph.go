// Package hyph finds hyphenation points with Frank Liang's algorithm, the
// one TeX uses, from the hyph-utf8 pattern files shipped in patterns/
// (each with its licence in its header). Patterns and exceptions are parsed
// on first use of a language and shared afterwards.
//
// Supported: English (American patterns, also used for other English
// variants), Spanish, French, German (reformed spelling), Italian and
// Portuguese.
package hyph

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.txt
var files embed.FS

// Patterns hyphenates the words of one language. It is safe for
// concurrent use.
type Patterns struct {
	// Lang is the hyph-utf8 tag of the pattern set, such as "en-us".
	Lang string
	// Left and Right are the minimum number of letters kept before the
	// first and after the last hyphen (TeX's \lefthyphenmin and
	// \righthyphenmin), read from the pattern file's header.
	Left, Right int

	trie       trie
	exceptions map[string][]int
}

var sets = map[string]*struct {
	once sync.Once
	p    *Patterns
	err  error
}{
	"en-us": {}, "es": {}, "fr": {}, "de-1996": {}, "it": {}, "pt": {},
}

// ForLang returns the patterns for a BCP 47 language tag ("en", "en-gb",
// "pt-br", "de-ch"…), or nil when the language has none here. The error
// reports a damaged embedded file, which tests rule out.
func ForLang(tag string) (*Patterns, error) {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	name := map[string]string{
		"en": "en-us", "es": "es", "fr": "fr", "de": "de-1996", "it": "it", "pt": "pt",
	}[primary]
	set := sets[name]
	if set == nil {
		return nil, nil
	}
	set.once.Do(func() { set.p, set.err = load(name) })
	return set.p, set.err
}

func load(name string) (*Patterns, error) {
	p := &Patterns{Lang: name, Left: 2, Right: 3, exceptions: map[string][]int{}}
	pat, err := files.ReadFile("patterns/hyph-" + name + ".pat.txt")
	if err != nil {
		return nil, fmt.Errorf("hyph: %w", err)
	}
	inTypesetting := false
	sc := bufio.NewScanner(strings.NewReader(string(pat)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "%") {
			// The header says which minimums to use when typesetting.
			field := strings.TrimSpace(strings.TrimPrefix(line, "%"))
			switch {
			case field == "typesetting:":
				inTypesetting = true
			case inTypesetting && strings.HasPrefix(field, "left:"):
				p.Left = atoiOr(strings.TrimPrefix(field, "left:"), p.Left)
			case inTypesetting && strings.HasPrefix(field, "right:"):
				p.Right = atoiOr(strings.TrimPrefix(field, "right:"), p.Right)
				inTypesetting = false
			}
			continue
		}
		if line == "" {
			continue
		}
		if err := p.trie.add(line); err != nil {
			return nil, fmt.Errorf("hyph: hyph-%s.pat.txt line %d: %w", name, n, err)
		}
	}
	if exc, err := files.ReadFile("patterns/hyph-" + name + ".hyp.txt"); err == nil {
		for _, line := range strings.Split(string(exc), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "%") {
				continue
			}
			var pts []int
			var word strings.Builder
			i := 0
			for _, r := range line {
				if r == '-' {
					pts = append(pts, i)
					continue
				}
				word.WriteRune(r)
				i++
			}
			p.exceptions[word.String()] = pts
		}
	}
	return p, nil
}

func atoiOr(s string, def int) int {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < 1 {
		return def
	}
	return v
}

// Hyphenate returns the places where word may be broken: rune indices i
// (Left <= i <= len-Right) meaning a hyphen may go before the i-th rune.
// The word should be letters only (an apostrophe inside is allowed); case
// is ignored. Exceptions from the .hyp.txt file take precedence over the
// patterns.
func (p *Patterns) Hyphenate(word string) []int {
	return p.AppendPoints(nil, word)
}

// AppendPoints is Hyphenate appending to dst, to avoid allocations in hot
// loops.
func (p *Patterns) AppendPoints(dst []int, word string) []int {
	if p == nil {
		return dst
	}
	n := utf8.RuneCountInString(word)
	if n < p.Left+p.Right {
		return dst
	}
	var lowBuf [64]byte
	low := append(lowBuf[:0], '.')
	for _, r := range word {
		low = utf8.AppendRune(low, unicode.ToLower(r))
	}
	low = append(low, '.')
	if pts, ok := p.exceptions[string(low[1:len(low)-1])]; ok {
		for _, i := range pts {
			if i >= p.Left && i <= n-p.Right {
				dst = append(dst, i)
			}
		}
		return dst
	}
	var valBuf [66]uint8
	vals := valBuf[:0]
	for i := 0; i < n+3; i++ {
		vals = append(vals, 0)
	}
	// vals[k] is the value between rune k-1 and rune k of low (which
	// starts with the '.' marker), so a break before word rune i reads
	// vals[i+1].
	start := 0
	for k := 0; start < len(low); k++ {
		p.trie.match(low[start:], k, vals)
		_, size := utf8.DecodeRune(low[start:])
		start += size
	}
	for i := p.Left; i <= n-p.Right; i++ {
		if vals[i+1]%2 == 1 {
			dst = append(dst, i)
		}
	}
	return dst
}

// trie maps pattern letters (as UTF-8 bytes) to their digit values.
type trie struct {
	nodes []trieNode
	edges []trieEdge
	// values holds each pattern's digits: pairs (rune offset, value).
	values []uint8
}

type trieNode struct {
	firstEdge, numEdges int32
	// valStart, valLen locate the node's pattern digits in values.
	valStart, valLen int32
}

type trieEdge struct {
	b    byte
	node int32
}

// add inserts one pattern such as ".ach4" or "1ba".
func (t *trie) add(pat string) error {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{})
	}
	var letters []byte
	var digits []uint8 // (offset, value) pairs
	pos := 0
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			if r != '0' {
				digits = append(digits, uint8(pos), uint8(r-'0'))
			}
			continue
		}
		letters = utf8.AppendRune(letters, r)
		pos++
	}
	if len(letters) == 0 {
		return fmt.Errorf("pattern %q has no letters", pat)
	}
	if pos > 250 {
		return fmt.Errorf("pattern %q too long", pat)
	}
	n := int32(0)
	for _, b := range letters {
		n = t.child(n, b, true)
	}
	t.nodes[n].valStart = int32(len(t.values))
	t.nodes[n].valLen = int32(len(digits))
	t.values = append(t.values, digits...)
	return nil
}

// child finds (or, with create, adds) the edge from node n on byte b. Edges
// of a node are kept contiguous by moving them to the end when a node
// grows; patterns load once, so the waste does not matter.
func (t *trie) child(n int32, b byte, create bool) int32 {
	nd := t.nodes[n]
	for _, e := range t.edges[nd.firstEdge : nd.firstEdge+nd.numEdges] {
		if e.b == b {
			return e.node
		}
	}
	if !create {
		return -1
	}
	t.nodes = append(t.nodes, trieNode{})
	id := int32(len(t.nodes) - 1)
	if nd.firstEdge+nd.numEdges != int32(len(t.edges)) {
		moved := append([]trieEdge(nil), t.edges[nd.firstEdge:nd.firstEdge+nd.numEdges]...)
		nd.firstEdge = int32(len(t.edges))
		t.edges = append(t.edges, moved...)
	}
	t.edges = append(t.edges, trieEdge{b: b, node: id})
	nd.numEdges++
	t.nodes[n] = nd
	return id
}

// match applies every pattern that starts at s (rune index k of the
// dotted word) to vals.
func (t *trie) match(s []byte, k int, vals []uint8) {
	if len(t.nodes) == 0 {
		return
	}
	n := int32(0)
	for _, b := range s {
		n = t.child(n, b, false)
		if n < 0 {
			return
		}
		nd := t.nodes[n]
		for j := nd.valStart; j < nd.valStart+nd.valLen; j += 2 {
			i := k + int(t.values[j])
			if i < len(vals) && t.values[j+1] > vals[i] {
				vals[i] = t.values[j+1]
			}
		}
	}
}
