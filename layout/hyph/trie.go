package hyph

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// trie maps pattern letters (as UTF-8 bytes) to their digit values, laid
// out flat so that it is used in place from the compiled file embedded in
// the binary: nothing is parsed or allocated when a language is first
// used. Node 0 is the root; the children of node i are nodes
// first[i]..first[i+1]-1, with their bytes in label; the digits of the
// pattern ending at node i are values[valOff[i]:valOff[i+1]], as pairs
// (rune offset, value). first and valOff hold n+1 little-endian uint32s.
type trie struct {
	n                           int
	first, valOff, label, value string
}

// u32 reads the i-th little-endian uint32 of s.
func u32(s string, i int) int {
	j := 4 * i
	return int(uint32(s[j]) | uint32(s[j+1])<<8 | uint32(s[j+2])<<16 | uint32(s[j+3])<<24)
}

// match applies every pattern that starts at s (rune index k of the
// dotted word) to vals.
func (t *trie) match(s []byte, k int, vals []uint8) {
	if t.n == 0 {
		return
	}
	n := 0
	for _, b := range s {
		lo, hi := u32(t.first, n), u32(t.first, n+1)
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
		for j, end := u32(t.valOff, n), u32(t.valOff, n+1); j < end; j += 2 {
			i := k + int(t.value[j])
			if i < len(vals) && t.value[j+1] > vals[i] {
				vals[i] = t.value[j+1]
			}
		}
	}
}

// The compiled file: the magic, the minimums Left and Right, two zero
// bytes, the node count n and the value count as little-endian uint32s,
// then first, valOff, label and value.
const (
	magic      = "hyp1"
	headerSize = 16
)

// encode writes the compiled file of a trie and its minimums.
func encode(left, right int, t trie) []byte {
	out := make([]byte, 0, headerSize+len(t.first)+len(t.valOff)+len(t.label)+len(t.value))
	out = append(out, magic...)
	out = append(out, byte(left), byte(right), 0, 0)
	out = appendU32(out, t.n)
	out = appendU32(out, len(t.value))
	out = append(out, t.first...)
	out = append(out, t.valOff...)
	out = append(out, t.label...)
	return append(out, t.value...)
}

func appendU32(b []byte, v int) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

// decode checks a compiled file and slices its parts, copying nothing.
// Every offset is checked, so that match can never index out of range.
func decode(data string) (left, right int, t trie, err error) {
	if len(data) < headerSize || data[:len(magic)] != magic {
		return 0, 0, trie{}, errors.New("not a compiled pattern file")
	}
	left, right = int(data[4]), int(data[5])
	n, nv := u32(data[8:], 0), u32(data[8:], 1)
	if n < 1 || n > 1<<24 || nv > 1<<26 || len(data) != headerSize+8*(n+1)+n+nv {
		return 0, 0, trie{}, errors.New("damaged compiled pattern file: sizes")
	}
	rest := data[headerSize:]
	t = trie{n: n}
	t.first, rest = rest[:4*(n+1)], rest[4*(n+1):]
	t.valOff, rest = rest[:4*(n+1)], rest[4*(n+1):]
	t.label, t.value = rest[:n], rest[n:]
	prevF, prevV := 1, 0
	for i := 0; i <= n; i++ {
		f, v := u32(t.first, i), u32(t.valOff, i)
		if f < prevF || f > n || v < prevV || v > nv || (v-prevV)%2 != 0 {
			return 0, 0, trie{}, fmt.Errorf("damaged compiled pattern file: node %d", i)
		}
		prevF, prevV = f, v
	}
	return left, right, t, nil
}

// builder collects patterns into a trie whose nodes keep their children
// as a list of siblings, so patterns come in any order without moving
// anything; freeze then lays every node's children out side by side.
type builder struct {
	nodes []trieNode
	// values holds each pattern's digits: pairs (rune offset, value).
	values []uint8
}

type trieNode struct {
	b                       byte
	firstChild, nextSibling int32
	// valStart, valLen locate the node's pattern digits in values.
	valStart, valLen int32
}

// add inserts one pattern such as ".ach4" or "1ba".
func (t *builder) add(pat []byte) error {
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
func (t *builder) child(n int32, b byte) int32 {
	for c := t.nodes[n].firstChild; c >= 0; c = t.nodes[c].nextSibling {
		if t.nodes[c].b == b {
			return c
		}
	}
	return -1
}

// freeze renumbers the nodes breadth first, so that each node's children
// are consecutive, and lays the digits out in the same order.
func (t *builder) freeze() trie {
	if len(t.nodes) == 0 {
		return trie{}
	}
	order := make([]int32, 0, len(t.nodes)) // frozen index -> build index
	order = append(order, 0)
	var first []byte
	for i := 0; i < len(order); i++ {
		first = appendU32(first, len(order))
		for c := t.nodes[order[i]].firstChild; c >= 0; c = t.nodes[c].nextSibling {
			order = append(order, c)
		}
	}
	first = appendU32(first, len(order))
	label := make([]byte, len(order))
	var valOff, value []byte
	for i, b := range order {
		nd := t.nodes[b]
		label[i] = nd.b
		valOff = appendU32(valOff, len(value))
		value = append(value, t.values[nd.valStart:nd.valStart+nd.valLen]...)
	}
	valOff = appendU32(valOff, len(value))
	return trie{n: len(order), first: string(first), valOff: string(valOff), label: string(label), value: string(value)}
}
