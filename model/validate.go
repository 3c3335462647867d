package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxProblems caps how many problems Validate lists in its error.
const maxProblems = 10

// Validate reports whether doc keeps the invariants every exporter relies
// on: valid UTF-8 without control characters (tabs and newlines only in
// code), a well-formed date and language tag, heading levels 1..6, no nil
// or unknown nodes, no empty containers, rectangular tables, links with
// targets, and text in normalised form. A document fresh from Normalize passes unless its
// characters themselves are invalid. The error lists up to ten problems,
// each with the path of the node, such as "blocks[3].content[1]".
func Validate(doc *Document) error {
	v := &validator{}
	v.str(&vpath{name: "title", idx: -1}, doc.Title, false)
	v.str(&vpath{name: "subtitle", idx: -1}, doc.Subtitle, false)
	v.str(&vpath{name: "byline", idx: -1}, doc.Byline, false)
	v.str(&vpath{name: "dateline", idx: -1}, doc.Dateline, false)
	v.str(&vpath{name: "source", idx: -1}, doc.Source, false)
	v.str(&vpath{name: "description", idx: -1}, doc.Description, false)
	v.str(&vpath{name: "publisher", idx: -1}, doc.Publisher, false)
	v.str(&vpath{name: "rights", idx: -1}, doc.Rights, false)
	v.str(&vpath{name: "identifier", idx: -1}, doc.Identifier, false)
	for i, a := range doc.Authors {
		p := &vpath{name: "authors", idx: i}
		if strings.TrimSpace(a) == "" {
			v.add(p, "empty author")
		}
		v.str(p, a, false)
	}
	if err := doc.Date.check(); err != nil {
		v.add(&vpath{name: "date", idx: -1}, err.Error())
	}
	if doc.Lang != "" && !ValidLang(doc.Lang) {
		v.add(&vpath{name: "lang", idx: -1}, fmt.Sprintf("%q is not a lowercase BCP 47 tag", doc.Lang))
	}
	v.blocks(nil, "blocks", doc.Blocks)
	if len(v.problems) == 0 {
		return nil
	}
	msg := strings.Join(v.problems, "; ")
	if v.more > 0 {
		msg += fmt.Sprintf("; and %d more", v.more)
	}
	return errors.New("invalid document: " + msg)
}

type validator struct {
	problems []string
	more     int
}

// vpath is the path of a node, built into a string only when a problem
// is reported: most documents have none, and formatting a path for every
// node would cost more than the checks.
type vpath struct {
	parent *vpath
	name   string // ".content", "blocks", …
	idx    int    // the index after name, or -1
}

func (p *vpath) String() string {
	if p == nil {
		return ""
	}
	s := p.parent.String() + p.name
	if p.idx >= 0 {
		s += "[" + strconv.Itoa(p.idx) + "]"
	}
	return s
}

func (v *validator) add(p *vpath, msg string) {
	if len(v.problems) >= maxProblems {
		v.more++
		return
	}
	v.problems = append(v.problems, p.String()+": "+msg)
}

// str checks that s is valid UTF-8 without control characters; code text
// may also hold tabs and newlines.
func (v *validator) str(p *vpath, s string, code bool) {
	if strOK(s, code) {
		return
	}
	if !utf8.ValidString(s) {
		v.add(p, "invalid UTF-8")
		return
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			if !code {
				v.add(p, fmt.Sprintf("whitespace %U outside code", r))
				return
			}
			continue
		}
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0xfffe || r == 0xffff {
			v.add(p, fmt.Sprintf("control character %U", r))
			return
		}
	}
}

// Printable8 reports whether the eight bytes s[i:i+8] are all printable
// ASCII (0x20 to 0x7e), testing them together: no high bit, no byte
// below 0x20, none equal to 0x7f. Scans for control characters (Validate,
// the readers' decoding) skip such runs of plain text with it.
func Printable8(s string, i int) bool {
	w := s[i : i+8]
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (x - 0x20*ones) &^ x
	del := x ^ 0x7f*ones
	isDel := (del - ones) &^ del
	return (x|below|isDel)&highs == 0
}

// strOK is the one-pass test that str finds nothing to report, the
// common case; str looks again to word its message when it fails.
func strOK(s string, code bool) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && Printable8(s, i) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && !(code && (c == '\n' || c == '\t')) || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

func (v *validator) blocks(parent *vpath, name string, bs []Block) {
	for i, b := range bs {
		v.block(&vpath{parent, name, i}, b)
	}
}

func (v *validator) block(p *vpath, b Block) {
	switch b := b.(type) {
	case nil:
		v.add(p, "nil block")
	case *Heading:
		if b.Level < 1 || b.Level > 6 {
			v.add(p, fmt.Sprintf("heading level %d out of range 1..6", b.Level))
		}
		if len(b.Content) == 0 {
			v.add(p, "empty heading")
		}
		v.inlines(p, ".content", b.Content)
	case *Paragraph:
		if !hasText(b.Content) {
			v.add(p, "empty paragraph")
		}
		v.inlines(p, ".content", b.Content)
	case *Quote:
		if len(b.Blocks) == 0 {
			v.add(p, "empty quote")
		}
		v.blocks(p, ".blocks", b.Blocks)
	case *List:
		if len(b.Items) == 0 {
			v.add(p, "empty list")
		}
		if b.Ordered && b.Start < 1 {
			v.add(p, fmt.Sprintf("ordered list starts at %d", b.Start))
		}
		if b.Numbering != "" && (!IsNumbering(b.Numbering) || !b.Ordered) {
			v.add(p, fmt.Sprintf("list numbering %q (want one of %q on an ordered list)", b.Numbering, Numberings))
		}
		for i, it := range b.Items {
			ip := &vpath{p, ".items", i}
			if len(it.Blocks) == 0 {
				v.add(ip, "empty item")
			}
			v.blocks(ip, ".blocks", it.Blocks)
		}
	case *Code:
		if b.Text == "" {
			v.add(p, "empty code block")
		}
		v.str(&vpath{p, ".text", -1}, b.Text, true)
		v.str(&vpath{p, ".lang", -1}, b.Lang, false)
	case *Figure:
		v.str(&vpath{p, ".src", -1}, b.Src, false)
		v.str(&vpath{p, ".alt", -1}, b.Alt, false)
		if len(b.Data) > 0 && b.MediaType == "" {
			v.add(p, "image data without a media type")
		}
		if b.Width < 0 || b.Height < 0 {
			v.add(p, "negative image size")
		}
		v.inlines(p, ".caption", b.Caption)
	case *Break:
	case *Table:
		v.table(p, b)
	default:
		v.add(p, fmt.Sprintf("unknown block %T", b))
	}
}

func (v *validator) inlines(parent *vpath, name string, in []Inline) {
	for i, n := range in {
		p := &vpath{parent, name, i}
		switch n := n.(type) {
		case nil:
			v.add(p, "nil inline")
		case *Text:
			if n.Text == "" {
				v.add(p, "empty text")
			}
			v.str(p, n.Text, false)
			if strings.Contains(n.Text, "  ") {
				v.add(p, "double space (not normalised)")
			}
		case *CodeSpan:
			if n.Text == "" {
				v.add(p, "empty code span")
			}
			v.str(p, n.Text, false)
		case *Emph:
			if len(n.Content) == 0 {
				v.add(p, "empty emphasis")
			}
			v.inlines(p, ".content", n.Content)
		case *Strong:
			if len(n.Content) == 0 {
				v.add(p, "empty strong")
			}
			v.inlines(p, ".content", n.Content)
		case *Link:
			if strings.TrimSpace(n.Target) == "" {
				v.add(p, "link without a target")
			}
			if strings.ContainsAny(n.Target, " \t\n\r") {
				v.add(p, fmt.Sprintf("link target %q holds whitespace", n.Target))
			}
			v.str(&vpath{p, ".target", -1}, n.Target, false)
			if len(n.Content) == 0 {
				v.add(p, "empty link")
			}
			v.inlines(p, ".content", n.Content)
		case *LineBreak:
		default:
			v.add(p, fmt.Sprintf("unknown inline %T", n))
		}
	}
}

// ValidLang reports whether s is a lowercase BCP 47 language tag such as
// "en", "pt-br" or "zh-hant-tw": a primary subtag of two or three
// letters, then subtags of one to eight letters or digits.
func ValidLang(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 || (i == 0 && (len(part) < 2 || len(part) > 3)) {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z') && !(i > 0 && r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
