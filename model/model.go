// Package model is pamphlet's intermediate document: what every reader
// produces and every exporter consumes. It is the only contract between the
// two sides, so it holds structure and text only — no layout, no markup
// syntax, no knowledge of where the text came from beyond its metadata.
//
// The package offers Normalize (canonical form, idempotent), Validate
// (invariants every exporter may rely on), Walk (visit every node) and Dump
// (a stable text rendering for golden tests). It uses the standard library
// only.
//
// It also holds the link policy (link.go), the one place that decides
// which links print: LinkScheme says which schemes a reader may keep, and
// LinkAddress gives the address a link leads to, or says it leads
// nowhere. The EPUB links and the PDF links and prints exactly those
// addresses.
package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Document is one article: metadata and a sequence of blocks.
type Document struct {
	// Title is the article title in its display form ("" when unknown).
	Title string
	// Subtitle is a secondary title line ("" when none).
	Subtitle string
	// Authors lists each author's name once, in byline order.
	Authors []string
	// Byline is the byline as the article printed it, its label and any
	// affiliation included ("written by Greg Butterfield", "Author: Russ
	// Cox, for the Go team"), so that exporters can show it without
	// losing a word; "" when the article has none or the reader did not
	// keep it (exporters then join Authors).
	Byline string
	// Date is when the article was published (zero when unknown).
	Date Date
	// Dateline is the date line as the article printed it, its label,
	// weekday or periodical included ("Posted on March 10, 2015",
	// "Tuesday 15 October 2019", "The Girl's Own Paper, October 2,
	// 1886"), so that exporters can show it without losing a word; ""
	// when the reader did not keep one (exporters then format Date).
	Dateline string
	// Lang is the primary language as a lowercase BCP 47 tag such as "en"
	// or "pt-br" ("" until a reader decides).
	Lang string
	// Source is where the article came from: a URL when known, else "".
	Source string
	// Description is a one-paragraph summary ("" when none).
	Description string
	// Publisher is who published the article: a site, a press, a
	// newsletter ("" when unknown).
	Publisher string
	// Rights is the article's copyright or licence statement ("" when
	// none).
	Rights string
	// Identifier identifies the publication (an ISBN, a DOI, a URN); ""
	// lets exporters derive a stable one from the metadata.
	Identifier string
	// Blocks is the body in reading order. The title, byline and date are
	// metadata and never repeated here.
	Blocks []Block
}

// Date is a calendar day or, when Month is 0, a bare year. Day is 0 only
// when Month is 0.
type Date struct {
	Year  int // 1..9999; 0 means no date
	Month int // 1..12, or 0 for a year-only date
	Day   int // 1..31, or 0 for a year-only date
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String gives the ISO form: "YYYY-MM-DD", "YYYY", or "" when unknown.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
}

// ParseDate reads the ISO forms String writes ("YYYY-MM-DD" or "YYYY").
func ParseDate(s string) (Date, error) {
	var d Date
	switch len(s) {
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil {
			return Date{}, fmt.Errorf("date %q: not a year", s)
		}
		d = Date{Year: y}
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
		}
		y, e1 := strconv.Atoi(s[:4])
		m, e2 := strconv.Atoi(s[5:7])
		dd, e3 := strconv.Atoi(s[8:])
		if e1 != nil || e2 != nil || e3 != nil {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
		}
		d = Date{Year: y, Month: m, Day: dd}
	default:
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD or YYYY", s)
	}
	if err := d.check(); err != nil {
		return Date{}, err
	}
	return d, nil
}

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func (d Date) check() error {
	if d.Year == 0 {
		if d.Month != 0 || d.Day != 0 {
			return fmt.Errorf("date %d-%d-%d: month or day without a year", d.Year, d.Month, d.Day)
		}
		return nil
	}
	if d.Year < 1 || d.Year > 9999 {
		return fmt.Errorf("date: year %d out of range 1..9999", d.Year)
	}
	if d.Month == 0 {
		if d.Day != 0 {
			return fmt.Errorf("date %04d: day without a month", d.Year)
		}
		return nil
	}
	if d.Month < 1 || d.Month > 12 {
		return fmt.Errorf("date %04d-%02d: month out of range", d.Year, d.Month)
	}
	max := daysIn[d.Month]
	if d.Month == 2 && !(d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0)) {
		max = 28
	}
	if d.Day < 1 || d.Day > max {
		return fmt.Errorf("date %04d-%02d-%02d: day out of range", d.Year, d.Month, d.Day)
	}
	return nil
}

// Node is any block or inline.
type Node interface{ node() }

// Block is a block-level element: Heading, Paragraph, Quote, List, Code,
// Break, Figure or Table.
type Block interface {
	Node
	block()
}

// Inline is a span inside a block: Text, Emph, Strong, CodeSpan, Link or
// LineBreak.
type Inline interface {
	Node
	inline()
}

// Heading is a section title inside the body. The article title is
// Document.Title, not a heading.
type Heading struct {
	// Level is 1..6; 1 is the top section level inside an article (it is
	// exported as h2 under the article's h1 title).
	Level   int
	Content []Inline
}

// Paragraph is a run of prose.
type Paragraph struct {
	Content []Inline
}

// Quote is a block quotation.
type Quote struct {
	Blocks []Block
}

// List is an ordered or unordered list.
type List struct {
	Ordered bool
	// Start is the first number of an ordered list (1 unless the source
	// said otherwise); ignored for unordered lists.
	Start int
	// Numbering is how an ordered list counts, as HTML's type attribute
	// says it: "" for numbers (1, 2, 3), "a" or "A" for letters, "i" or
	// "I" for roman numerals. Letters matter: a text that refers to
	// "item b)" must still find it. Empty for unordered lists.
	Numbering string
	Items     []Item
}

// Numberings lists the values List.Numbering may hold besides "".
const Numberings = "aAiI"

// IsNumbering reports whether s is one of Numberings.
func IsNumbering(s string) bool { return len(s) == 1 && strings.Contains(Numberings, s) }

// Item is one list entry.
type Item struct {
	Blocks []Block
}

// Code is preformatted text whose line breaks and spaces matter.
type Code struct {
	// Text is the content with "\n" between lines and no trailing newline.
	Text string
	// Lang is a language hint such as "go" ("" when unknown).
	Lang string
	// Layout marks prose laid out by hand (a letter heading, an address, a
	// signature block) rather than program code: exporters keep its lines
	// and indentation but may set it in the text face.
	Layout bool
}

// Break is a thematic break (a scene change, "* * *").
type Break struct{}

// Figure is an image with an optional caption.
type Figure struct {
	// Src is where the image came from (a path relative to the input, or a
	// URL), kept for reference and messages.
	Src string
	// Alt is the text alternative for readers who cannot see the image.
	Alt string
	// MediaType is the image's MIME type ("image/png", "image/jpeg",
	// "image/gif", "image/svg+xml"); "" when Data is empty.
	MediaType string
	// Data holds the image bytes; empty when the image was not loaded (then
	// exporters print Alt instead).
	Data []byte
	// Width and Height are the pixel size (0 when unknown).
	Width, Height int
	Caption       []Inline
}

// Text is plain characters. Spaces inside are single U+0020 or U+00A0
// (no-break space) characters after Normalize.
type Text struct {
	Text string
}

// Emph is emphasis, usually set in italics.
type Emph struct {
	Content []Inline
}

// Strong is strong importance, usually set in bold.
type Strong struct {
	Content []Inline
}

// CodeSpan is a fragment of code inside prose. Its text is never changed
// by typography.
type CodeSpan struct {
	Text string
}

// Link is a hyperlink. Target is a real, absolute or relative URL; readers
// turn dead targets ("#", "") into plain text instead.
type Link struct {
	Target  string
	Content []Inline
}

// LineBreak is a forced line break inside a block (verse, addresses).
type LineBreak struct{}

func (*Heading) node()   {}
func (*Paragraph) node() {}
func (*Quote) node()     {}
func (*List) node()      {}
func (*Code) node()      {}
func (*Break) node()     {}
func (*Figure) node()    {}
func (*Text) node()      {}
func (*Emph) node()      {}
func (*Strong) node()    {}
func (*CodeSpan) node()  {}
func (*Link) node()      {}
func (*LineBreak) node() {}

func (*Heading) block()   {}
func (*Paragraph) block() {}
func (*Quote) block()     {}
func (*List) block()      {}
func (*Code) block()      {}
func (*Break) block()     {}
func (*Figure) block()    {}

func (*Text) inline()      {}
func (*Emph) inline()      {}
func (*Strong) inline()    {}
func (*CodeSpan) inline()  {}
func (*Link) inline()      {}
func (*LineBreak) inline() {}

// Kind names a node kind as used in Dump and in pamphlet's JSON output:
// "heading", "paragraph", "quote", "list", "code", "break", "figure",
// "table", "text", "emph", "strong", "codespan", "link", "linebreak".
func Kind(n Node) string {
	switch n.(type) {
	case *Heading:
		return "heading"
	case *Paragraph:
		return "paragraph"
	case *Quote:
		return "quote"
	case *List:
		return "list"
	case *Code:
		return "code"
	case *Break:
		return "break"
	case *Figure:
		return "figure"
	case *Table:
		return "table"
	case *Text:
		return "text"
	case *Emph:
		return "emph"
	case *Strong:
		return "strong"
	case *CodeSpan:
		return "codespan"
	case *Link:
		return "link"
	case *LineBreak:
		return "linebreak"
	default:
		return fmt.Sprintf("unknown(%T)", n)
	}
}
