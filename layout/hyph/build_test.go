package hyph

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pamphlet/internal/golden"
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
			src, err := os.ReadFile("patterns/hyph-" + name + ".pat.txt")
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
			t.Logf("%d patterns, %d nodes, %d words compared", len(pieces), p.trie.n, len(words))
		})
	}
}

// TestCompiled checks that each embedded compiled trie is exactly what
// its pattern file builds, so that the two never drift apart; with
// -update (go generate) it rewrites them.
func TestCompiled(t *testing.T) {
	for name := range compiled {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("patterns/hyph-" + name + ".pat.txt")
			if err != nil {
				t.Fatal(err)
			}
			left, right, tr, err := build(name, src)
			if err != nil {
				t.Fatal(err)
			}
			got := encode(left, right, tr)
			path := filepath.Join("compiled", "hyph-"+name+".trie")
			if golden.Updating() {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(got, []byte(compiled[name])) {
				t.Fatalf("%s is not what hyph-%s.pat.txt builds (run go generate ./layout/hyph)", path, name)
			}
			if _, _, _, err := decode(string(got)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestDecodeRejectsDamage cuts and alters a compiled file: decode must
// return an error, never a trie that match could index out of range with.
func TestDecodeRejectsDamage(t *testing.T) {
	good := compiled["pt"]
	tests := []struct {
		name string
		data string
	}{
		{"empty", ""},
		{"bad magic", "xxxx" + good[4:]},
		{"truncated", good[:len(good)-1]},
		{"extra byte", good + "x"},
		{"child past the end", good[:headerSize+4] + "\xff\xff\xff\x00" + good[headerSize+8:]},
		{"odd digits", good[:headerSize+4*(u32(good[8:], 0)+1)+4] + "\x01\x00\x00\x00" + good[headerSize+4*(u32(good[8:], 0)+1)+8:]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, _, err := decode(tc.data); err == nil {
				t.Error("damaged file accepted")
			}
		})
	}
}
