package hyph

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// refTrie is a plain pointer trie of the patterns, the reference the laid
// out trie is checked against.
type refTrie struct {
	kids map[byte]*refTrie
	vals []uint8 // (offset, value) pairs
}

func (r *refTrie) add(pat string) {
	n := r
	var digits []uint8
	pos := 0
	for _, c := range pat {
		if c >= '0' && c <= '9' {
			if c != '0' {
				digits = append(digits, uint8(pos), uint8(c-'0'))
			}
			continue
		}
		for _, b := range []byte(string(c)) {
			if n.kids == nil {
				n.kids = map[byte]*refTrie{}
			}
			if n.kids[b] == nil {
				n.kids[b] = &refTrie{}
			}
			n = n.kids[b]
		}
		pos++
	}
	n.vals = digits
}

func (r *refTrie) match(s []byte, k int, vals []uint8) {
	n := r
	for _, b := range s {
		if n = n.kids[b]; n == nil {
			return
		}
		for j := 0; j < len(n.vals); j += 2 {
			if i := k + int(n.vals[j]); i < len(vals) && n.vals[j+1] > vals[i] {
				vals[i] = n.vals[j+1]
			}
		}
	}
}

// TestTrieMatchesReference builds each language's trie and a reference
// trie from the same patterns and compares the values they give for
// every pattern's letters and for many made-up words built from pieces
// of patterns.
func TestTrieMatchesReference(t *testing.T) {
	for _, name := range []string{"en-us", "es", "fr", "de-1996", "it", "pt"} {
		t.Run(name, func(t *testing.T) {
			p, err := load(name)
			if err != nil {
				t.Fatal(err)
			}
			src, err := files.ReadFile("patterns/hyph-" + name + ".pat.txt")
			if err != nil {
				t.Fatal(err)
			}
			ref := &refTrie{}
			var pieces []string
			for _, line := range strings.Split(string(src), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "%") {
					continue
				}
				ref.add(line)
				pieces = append(pieces, strings.Trim(strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return -1
					}
					return r
				}, line), "."))
			}
			rng := rand.New(rand.NewSource(1))
			words := slices.Clone(pieces)
			for range 20000 {
				var w strings.Builder
				for range 1 + rng.Intn(3) {
					w.WriteString(pieces[rng.Intn(len(pieces))])
				}
				words = append(words, w.String())
			}
			bad := 0
			for _, w := range words {
				low := []byte("." + w + ".")
				n := utf8.RuneCount(low)
				got, want := make([]uint8, n+3), make([]uint8, n+3)
				for k, start := 0, 0; start < len(low); k++ {
					p.trie.match(low[start:], k, got)
					ref.match(low[start:], k, want)
					_, size := utf8.DecodeRune(low[start:])
					start += size
				}
				if !bytes.Equal(got, want) {
					bad++
					if bad <= 3 {
						t.Errorf("%q: values %v, reference %v", w, got, want)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words differ", bad, len(words))
			}
			t.Logf("%d patterns, %d nodes, %d words compared", len(pieces), len(p.trie.label), len(words))
		})
	}
}
