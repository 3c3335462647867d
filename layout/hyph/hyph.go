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
	"bytes"
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
	// Each letter byte of the file adds at most one node: reserving that
	// many up front spares growing and copying the node list, the bulk
	// of the memory a load touches.
	letters := 0
	for _, c := range pat {
		if c > ' ' && (c < '0' || c > '9') {
			letters++
		}
	}
	p.trie.nodes = make([]trieNode, 0, letters+1)
	inTypesetting := false
	text := pat
	for n := 1; len(text) > 0; n++ {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimSpace(line)
		if bytes.HasPrefix(line, []byte("%")) {
			// The header says which minimums to use when typesetting.
			field := strings.TrimSpace(string(line[1:]))
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
		if len(line) == 0 {
			continue
		}
		if err := p.trie.add(line); err != nil {
			return nil, fmt.Errorf("hyph: hyph-%s.pat.txt line %d: %w", name, n, err)
		}
	}
	p.trie.freeze()
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

// trie maps pattern letters (as UTF-8 bytes) to their digit values. While
// patterns are added, each node keeps its children as a list of siblings,
// so they come in any order without moving anything; freeze then lays
// every node's children out side by side for fast lookups.
type trie struct {
	nodes []trieNode
	// values holds each pattern's digits: pairs (rune offset, value).
	values []uint8
	// After freeze: node i's children are nodes first[i]..first[i+1]-1
	// (in the frozen order), with their bytes in label.
	first []int32
	label []byte
	vals  [][2]int32
}

type trieNode struct {
	b                       byte
	firstChild, nextSibling int32
	// valStart, valLen locate the node's pattern digits in values.
	valStart, valLen int32
}

// add inserts one pattern such as ".ach4" or "1ba".
func (t *trie) add(pat []byte) error {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{firstChild: -1, nextSibling: -1})
	}
	var letterBuf [64]byte
	var digitBuf [64]uint8
	letters, digits := letterBuf[:0], digitBuf[:0] // digits: (offset, value) pairs
	pos := 0
	for _, r := range string(pat) {
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
		c := t.child(n, b)
		if c < 0 {
			t.nodes = append(t.nodes, trieNode{b: b, firstChild: -1, nextSibling: t.nodes[n].firstChild})
			c = int32(len(t.nodes) - 1)
			t.nodes[n].firstChild = c
		}
		n = c
	}
	t.nodes[n].valStart = int32(len(t.values))
	t.nodes[n].valLen = int32(len(digits))
	t.values = append(t.values, digits...)
	return nil
}

// child finds the child of node n on byte b, or -1.
func (t *trie) child(n int32, b byte) int32 {
	for c := t.nodes[n].firstChild; c >= 0; c = t.nodes[c].nextSibling {
		if t.nodes[c].b == b {
			return c
		}
	}
	return -1
}

// freeze renumbers the nodes breadth first, so that each node's children
// are consecutive, and drops the build-time links.
func (t *trie) freeze() {
	if len(t.nodes) == 0 {
		return
	}
	order := make([]int32, 0, len(t.nodes)) // frozen index -> build index
	order = append(order, 0)
	t.first = make([]int32, 0, len(t.nodes)+1)
	for i := 0; i < len(order); i++ {
		t.first = append(t.first, int32(len(order)))
		for c := t.nodes[order[i]].firstChild; c >= 0; c = t.nodes[c].nextSibling {
			order = append(order, c)
		}
	}
	t.first = append(t.first, int32(len(order)))
	t.label = make([]byte, len(order))
	t.vals = make([][2]int32, len(order))
	for i, b := range order {
		t.label[i] = t.nodes[b].b
		t.vals[i] = [2]int32{t.nodes[b].valStart, t.nodes[b].valLen}
	}
	t.nodes = nil
}

// match applies every pattern that starts at s (rune index k of the
// dotted word) to vals.
func (t *trie) match(s []byte, k int, vals []uint8) {
	if len(t.first) == 0 {
		return
	}
	n := int32(0)
	for _, b := range s {
		lo, hi := t.first[n], t.first[n+1]
		n = -1
		for c := lo; c < hi; c++ {
			if t.label[c] == b {
				n = c
				break
			}
		}
		if n < 0 {
			return
		}
		v := t.vals[n]
		for j := v[0]; j < v[0]+v[1]; j += 2 {
			i := k + int(t.values[j])
			if i < len(vals) && t.values[j+1] > vals[i] {
				vals[i] = t.values[j+1]
			}
		}
	}
}
