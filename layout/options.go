package layout

import (
	"fmt"
	"strconv"
	"strings"

	"pamphlet/fonts"
)

// Options controls a layout. The zero value gives pamphlet's defaults: an
// A5 page, Charis SIL at 10pt on 13pt, one column, links as numbered
// notes.
type Options struct {
	// Paper is the page size; the zero value means A5.
	Paper Paper
	// Margins are the page margins; zero fields take defaults scaled to
	// the paper (on A5: 18mm at the sides, top 18mm, bottom 22mm; in two
	// columns on A4: 20mm at the sides and top, 24mm at the bottom). The
	// default sides are equal, as a pamphlet is read a page at a time;
	// a bound book sets a narrower inner margin.
	Margins Margins
	// FontSize is the body text size; 0 means 10pt. Headings, notes and
	// code scale with it.
	FontSize Sp
	// Leading is the distance between body baselines; 0 means 1.3 times
	// FontSize.
	Leading Sp
	// Columns is 1 or 2 (0 means 1).
	Columns int
	// ColumnGap separates two columns; 0 means 2.5 times FontSize, wide
	// enough for text extraction to tell the columns apart.
	ColumnGap Sp
	// Links says how hyperlinks are printed; the zero value is LinkNotes.
	Links LinkMode
	// Contents puts a contents page in front of a single article (Layout):
	// its title and top-level sections with their folios, the article
	// opening on the next page (the next right-hand one with Recto).
	// Anthology always sets its contents and ignores it.
	Contents bool
	// FirstPage is the folio of the first page (0 means 1). An anthology
	// numbers its chapters on from the previous one.
	FirstPage int
	// BookTitle, when set, heads the left-hand pages (the article title
	// then heads the right-hand ones), as in a book of several articles.
	// Empty: the article title heads left pages and the current section
	// the right ones.
	BookTitle string
	// Warn receives each problem that did not stop the layout: characters
	// no font has, lines that could not be set within the measure. Nil
	// discards them. Anthology calls it from one goroutine, in book order.
	Warn func(Warning)
	// Recto makes an anthology's contents, preface and chapters open on
	// right-hand (odd) pages, with a blank left-hand page inserted where
	// needed and after the title page, as a book printed on both sides
	// of the paper is made up. Off, each simply starts a new page.
	Recto bool
	// Workers is how many chapters of an anthology are laid out at once;
	// 0 means one per CPU (runtime.GOMAXPROCS). The pages are the same
	// whatever the number.
	Workers int
	// Progress, when set, is called once for each chapter of an
	// anthology laid out, from one goroutine at a time.
	Progress func()
	// Pack keeps the text laid out packed (pack.go), at a tenth of the
	// memory or less: a document's lines from when the line after it is
	// set until its page is made (not an anthology's, whose chapters
	// are short and laid out a few at a time), each page's body from
	// when the page after the next is begun, an anthology's chapters
	// until they are bound, and every page of the result until
	// Book.Page unpacks it (or Book.EachRun reads it) for the exporter.
	// Book.Pages then holds the pages with their Body nil. The pages are
	// the same either way.
	Pack bool
	// Release lets Anthology drop each article of the book it is given
	// (and its preface) once the article's chapter is laid out, so that
	// a long book's text goes as its pages are made, and Layout each
	// top-level block of the document (its entry in Blocks set to nil)
	// once the block is set, unless Contents asks for the text to be set twice: the
	// caller must not need the articles or the blocks afterwards.
	Release bool
	// Spill, when set with Pack, is where Anthology keeps each chapter's
	// packed pages once the chapter is bound, so that a long book's
	// pages wait for the exporter outside memory; Book.Page and
	// Book.EachRun read them back, and Book.Err reports a failure to.
	Spill Spill
	// Family is the text family: body, headings, running heads and
	// notes are set in it, code and the characters it lacks in the
	// embedded code and fallback faces. Nil means Charis SIL.
	Family *fonts.Family
	// ShowSource prints the document's Source address under its title,
	// as the PDF of a web page converted from its address does.
	ShowSource bool
}

// Warning is a problem found while laying out.
type Warning struct {
	// Page is the 1-based folio where it shows, 0 when not known.
	Page    int
	Message string
	// Article is the 1-based index of the anthology article it concerns
	// (0: a single article, or an anthology's front matter).
	Article int
}

func (w Warning) String() string {
	if w.Page > 0 {
		return fmt.Sprintf("page %d: %s", w.Page, w.Message)
	}
	return w.Message
}

// LinkMode says how hyperlinks are printed.
type LinkMode int

const (
	// LinkNotes prints a superscript note number after the link text and
	// lists the URLs under "Notes" at the end; the text is also a
	// clickable link.
	LinkNotes LinkMode = iota
	// LinkInline prints the URL in parentheses after the link text.
	LinkInline
	// LinkNone prints the link text only (still clickable on screen).
	LinkNone
)

// ParseLinkMode reads "notes", "inline" or "none".
func ParseLinkMode(s string) (LinkMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "notes", "":
		return LinkNotes, nil
	case "inline":
		return LinkInline, nil
	case "none":
		return LinkNone, nil
	}
	return 0, fmt.Errorf("links %q: want inline, notes or none", s)
}

func (m LinkMode) String() string {
	switch m {
	case LinkInline:
		return "inline"
	case LinkNone:
		return "none"
	default:
		return "notes"
	}
}

// Paper is a page size.
type Paper struct {
	// Name is how the size was asked for ("A5", "210x297mm").
	Name          string
	Width, Height Sp
}

// The named paper sizes.
var (
	A4         = Paper{"A4", Mm(210), Mm(297)}
	A5         = Paper{"A5", Mm(148), Mm(210)}
	Letter     = Paper{"Letter", Pt(612), Pt(792)}
	HalfLetter = Paper{"half-letter", Pt(396), Pt(612)}
)

// ParsePaper reads a paper size: "a4", "a5", "letter", "half-letter"
// (also "halfletter", "statement"), or a custom "WIDTHxHEIGHTmm" such as
// "120x190mm". Sizes outside 50..1000mm are refused.
func ParsePaper(s string) (Paper, error) {
	switch k := strings.ToLower(strings.TrimSpace(s)); k {
	case "a4":
		return A4, nil
	case "a5", "":
		return A5, nil
	case "letter", "us-letter":
		return Letter, nil
	case "half-letter", "halfletter", "statement":
		return HalfLetter, nil
	default:
		spec := strings.TrimSuffix(k, "mm")
		ws, hs, ok := strings.Cut(spec, "x")
		if ok && spec != k {
			w, e1 := strconv.ParseFloat(ws, 64)
			h, e2 := strconv.ParseFloat(hs, 64)
			if e1 == nil && e2 == nil && w >= 50 && h >= 50 && w <= 1000 && h <= 1000 {
				return Paper{Name: s, Width: Mm(w), Height: Mm(h)}, nil
			}
		}
	}
	return Paper{}, fmt.Errorf("paper %q: want a4, a5, letter, half-letter or WIDTHxHEIGHTmm (50..1000mm)", s)
}

// ParseMargins reads four margins in millimetres, "INNER,OUTER,TOP,BOTTOM"
// ("20,15,18,25"); each must be a positive number. Whether they leave room
// for the text is for Options.Check to say.
func ParseMargins(s string) (Margins, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return Margins{}, fmt.Errorf("%q: want four sizes in mm, INNER,OUTER,TOP,BOTTOM", s)
	}
	var mm [4]float64
	for i, p := range parts {
		var err error
		if mm[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil || mm[i] <= 0 {
			return Margins{}, fmt.Errorf("%q: %q is not a positive size in mm", s, p)
		}
	}
	return Margins{Inner: Mm(mm[0]), Outer: Mm(mm[1]), Top: Mm(mm[2]), Bottom: Mm(mm[3])}, nil
}

// Margins are the four page margins. Inner is on the binding side (left
// on right-hand pages), Outer on the other.
type Margins struct {
	Inner, Outer, Top, Bottom Sp
}

// Check reports whether the options describe a possible page: a known
// column count, a text block wide and high enough for the font size.
func (o Options) Check() error {
	_, err := o.geometry()
	return err
}

// geometry is Options resolved to numbers.
type geometry struct {
	paper                 Paper
	margins               Margins
	size, leading         Sp
	columns               int
	gap                   Sp
	textWidth, textHeight Sp
	measure               Sp // one column's width
}

func (o Options) geometry() (geometry, error) {
	g := geometry{paper: o.Paper, margins: o.Margins, size: o.FontSize, leading: o.Leading, columns: o.Columns, gap: o.ColumnGap}
	if g.paper.Width == 0 || g.paper.Height == 0 {
		g.paper = A5
	}
	if g.size == 0 {
		g.size = Pt(10)
	}
	if g.size < Pt(4) || g.size > Pt(36) {
		return g, fmt.Errorf("font size %v: want 4..36pt", g.size)
	}
	if g.leading == 0 {
		g.leading = g.size * 13 / 10
	}
	if g.leading < g.size || g.leading > 3*g.size {
		return g, fmt.Errorf("leading %v: want between the font size and three times it", g.leading)
	}
	switch g.columns {
	case 0:
		g.columns = 1
	case 1, 2:
	default:
		return g, fmt.Errorf("columns %d: want 1 or 2", g.columns)
	}
	if g.gap == 0 {
		g.gap = g.size * 5 / 2
	}
	w, h := g.paper.Width, g.paper.Height
	// Default margins are those of the A5 design scaled to the paper.
	def := Margins{Inner: w * 18 / 148, Outer: w * 18 / 148, Top: h * 18 / 210, Bottom: h * 22 / 210}
	if g.columns > 1 {
		def = handoutMargins(w, h)
	}
	if g.margins.Inner == 0 {
		g.margins.Inner = def.Inner
	}
	if g.margins.Outer == 0 {
		g.margins.Outer = def.Outer
	}
	if g.margins.Top == 0 {
		g.margins.Top = def.Top
	}
	if g.margins.Bottom == 0 {
		g.margins.Bottom = def.Bottom
	}
	m := g.margins
	if m.Inner < 0 || m.Outer < 0 || m.Top < 0 || m.Bottom < 0 {
		return g, fmt.Errorf("margins must not be negative")
	}
	g.textWidth = w - m.Inner - m.Outer
	g.textHeight = h - m.Top - m.Bottom
	g.measure = (g.textWidth - Sp(g.columns-1)*g.gap) / Sp(g.columns)
	if g.measure < 12*g.size {
		return g, fmt.Errorf("text column %v wide: too narrow for %v type (want at least 12 em); use smaller margins, one column or a smaller font size", g.measure, g.size)
	}
	if g.textHeight < 10*g.leading {
		return g, fmt.Errorf("text block %v high: too short for ten lines; use smaller margins or a smaller font size", g.textHeight)
	}
	// Whole lines only: the bottom margin takes what is left over.
	lines := (g.textHeight - g.size) / g.leading
	g.textHeight = g.size + lines*g.leading
	return g, nil
}
