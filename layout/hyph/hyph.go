// Package hyph finds hyphenation points with Frank Liang's algorithm, the
// one TeX uses, from the hyph-utf8 pattern files kept in patterns/ (each
// with its licence in its header). The patterns of each language are
// compiled ahead of time (go generate) into a flat trie in compiled/, which
// is embedded and used in place, so a conversion never parses them and
// the binary does not carry them; the few exceptions (patterns/*.hyp.txt)
// are embedded, read on first use of a language and shared afterwards.
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

//go:generate go test -run ^TestCompiled$ -update .

// exceptionFiles are the hyphenation exceptions; the pattern files
// themselves are read only by go generate.
//
//go:embed patterns/*.hyp.txt
var exceptionFiles embed.FS

// compiled holds each language's trie, made from its pattern file by
// TestCompiled (which checks it on every test run, and with -update
// rewrites it). The files are embedded as strings so that they are read
// where the binary maps them.
var compiled = map[string]string{
	"en-us": trieENUS, "es": trieES, "fr": trieFR, "de-1996": trieDE1996, "it": trieIT, "pt": triePT,
}

var (
	//go:embed compiled/hyph-en-us.trie
	trieENUS string
	//go:embed compiled/hyph-es.trie
	trieES string
	//go:embed compiled/hyph-fr.trie
	trieFR string
	//go:embed compiled/hyph-de-1996.trie
	trieDE1996 string
	//go:embed compiled/hyph-it.trie
	trieIT string
	//go:embed compiled/hyph-pt.trie
	triePT string
)

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
	data, ok := compiled[name]
	if !ok {
		return nil, fmt.Errorf("hyph: no compiled patterns for %s", name)
	}
	p := &Patterns{Lang: name, exceptions: map[string][]int{}}
	var err error
	if p.Left, p.Right, p.trie, err = decode(data); err != nil {
		return nil, fmt.Errorf("hyph: compiled/hyph-%s.trie: %w", name, err)
	}
	if exc, err := exceptionFiles.ReadFile("patterns/hyph-" + name + ".hyp.txt"); err == nil {
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

// build parses a hyph-utf8 pattern file into its trie and the minimums
// its header gives. It runs when the compiled tries are made (go
// generate), not when a conversion starts.
func build(name string, pat []byte) (left, right int, t trie, err error) {
	left, right = 2, 3
	// Each letter byte of the file adds at most one node: reserving that
	// many up front spares growing and copying the node list.
	letters := 0
	for _, c := range pat {
		if c > ' ' && (c < '0' || c > '9') {
			letters++
		}
	}
	b := builder{nodes: make([]trieNode, 0, letters+1)}
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
				left = atoiOr(strings.TrimPrefix(field, "left:"), left)
			case inTypesetting && strings.HasPrefix(field, "right:"):
				right = atoiOr(strings.TrimPrefix(field, "right:"), right)
				inTypesetting = false
			}
			continue
		}
		if len(line) == 0 {
			continue
		}
		if err := b.add(line); err != nil {
			return 0, 0, trie{}, fmt.Errorf("hyph-%s.pat.txt line %d: %w", name, n, err)
		}
	}
	return left, right, b.freeze(), nil
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
