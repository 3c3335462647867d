package layout

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"pamphlet/fonts"
	"pamphlet/model"
)

// Book is a laid-out document: pages of positioned material, the outline
// and the metadata to carry into the file. Coordinates are from each
// page's top-left corner, y downwards.
type Book struct {
	Meta Meta
	// Width and Height are the page size.
	Width, Height Sp
	Pages         []*Page
	// Outline lists the section headings in order, for bookmarks.
	Outline []OutlineEntry
	// Tags is the logical structure (tags.go): Tags[0] is the root, and
	// the Tag fields of the pages' material index it.
	Tags []Tag
	// Family is the text family the runs' faces belong to (nil: Charis
	// SIL), for the exporter to embed.
	Family *fonts.Family
	// spill holds the packed pages an anthology kept aside (nil: none).
	spill *spillStore
}

// Meta is the document information a PDF carries.
type Meta struct {
	Title, Subtitle string
	Authors         []string
	// Subject is the document's one-paragraph description.
	Subject string
	// Lang is the BCP 47 language tag ("" when unknown).
	Lang string
	Date model.Date
	// Publisher, Rights and Identifier are as in model.Document.
	Publisher, Rights, Identifier string
}

// Page is one laid-out page.
type Page struct {
	// Folio is the page number printed on the page.
	Folio int
	// Body holds the text of the page's text block.
	Body []Run
	// Head and Foot are the page's slots for the running head and the
	// folio (empty on a chapter's first page, which shows no head).
	Head, Foot []Run
	// Rules are filled rectangles (separators).
	Rules []Rule
	// Links are clickable areas.
	Links []LinkArea
	// Images are pictures placed on the page.
	Images []Image
	// Turned marks a page whose body is set across it, for a table too
	// wide for the measure: Body, Rules, Links and Images are placed as
	// on the paper turned a quarter turn clockwise (Height wide, Width
	// high, so x runs up the page from its foot). The exporter turns
	// them back: the page is read by turning the book clockwise. Head
	// and Foot stay upright.
	Turned bool
	// packed holds Body while it is packed (see Options.Pack).
	packed *packedBody
}

// Image is a picture scaled into the rectangle X, Y (top-left corner), W,
// H. Data is the file as the document holds it (PNG, JPEG or GIF).
type Image struct {
	X, Y, W, H Sp
	Data       []byte
	MediaType  string
	// Src is the picture's source as the article names it, for messages.
	Src string
	// Tag is the figure element (0: a decoration); At is where the
	// picture stands in reading order: before the page's Body[At].
	Tag int32
	At  int
}

// Run is text in one face and size on one baseline. The exporter paints
// it as is: it never measures or breaks text.
type Run struct {
	Face fonts.Style
	// Size is the font size.
	Size Sp
	// X, Y is the start of the baseline.
	X, Y Sp
	Text string
	// Glyphs are the glyphs that draw Text, shaped and placed by layout,
	// in the order they are drawn from left to right. Text stays in
	// logical order, right-to-left text included.
	Glyphs []Glyph
	// Width is the run's advance, kerns and expansion included.
	Width Sp
	// Expand is the horizontal scaling of the glyphs in thousandths
	// (+15: 1.5% wider), font expansion as pdfTeX does it to even out
	// the spacing of justified lines; 0 for none.
	Expand int
	// Tag is the index in Book.Tags of the element whose content the
	// run is; 0 for furniture and ornaments.
	Tag int32
	// Space is set when a word space follows the run: the glue between
	// words, or the end of a line broken at a space. Layout sets spaces
	// as room, not characters; an exporter that writes text for
	// extraction adds one here.
	Space bool
	// Grey is how much lighter than black the run is painted, in
	// percent: 0 (black) for all but highlighted code, at most 45.
	Grey uint8
	// Hyphen is the advance of the hyphen that ends the run when layout
	// added it to break a word at the line end (0: none). It is not
	// part of the text: an exporter of tagged text leaves it out.
	Hyphen Sp
}

// Glyph is one glyph of a Run, placed, so that the exporter paints
// shaped text (ligatures, kerning, joined letters, marks) without
// measuring it.
type Glyph struct {
	// ID is the glyph's index in the run's face.
	ID uint16
	// At and End are the bytes of the run's Text the glyph stands for:
	// its cluster, which several glyphs share (a letter and its marks)
	// or which holds several characters (a ligature).
	At, End int32
	// X is the glyph's origin from the run's X, kerning and expansion
	// included; Y lifts it above the run's baseline (a mark).
	X, Y Sp
}

// Rule is a filled rectangle, X, Y its top-left corner; Round fills the
// ellipse inscribed in it instead (a list bullet).
type Rule struct {
	X, Y, W, H Sp
	Round      bool
	// Tag is the element the rule belongs to (a list bullet's label); 0
	// for an ornament. At is where it stands in reading order: before
	// the page's Body[At].
	Tag int32
	At  int
}

// LinkArea is a clickable rectangle (X, Y its top-left corner) leading to
// URL.
type LinkArea struct {
	X, Y, W, H Sp
	URL        string
	// Tag is the link's element (0: none).
	Tag int32
}

// OutlineEntry is a heading for the PDF outline.
type OutlineEntry struct {
	// Level is 1 for the top section level, as in model.Heading.
	Level int
	Title string
	// Page is the index in Book.Pages; Y is the top of the heading.
	Page int
	Y    Sp
}

// Dump writes a stable text rendering of the laid pages for golden tests:
// every run with its face, size and position in points, rules, links,
// images and the outline.
func Dump(w io.Writer, b *Book) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "book %v x %v, %d pages\n", b.Width, b.Height, len(b.Pages))
	fmt.Fprintf(&sb, "meta title=%q subtitle=%q authors=%q lang=%q date=%q\n",
		b.Meta.Title, b.Meta.Subtitle, b.Meta.Authors, b.Meta.Lang, b.Meta.Date.String())
	for _, o := range b.Outline {
		fmt.Fprintf(&sb, "outline %d %q page %d y %v\n", o.Level, o.Title, o.Page+1, o.Y)
	}
	for i := range b.Pages {
		p := b.Page(i)
		turned := ""
		if p.Turned {
			turned = " turned"
		}
		fmt.Fprintf(&sb, "\npage %d (folio %d)%s\n", i+1, p.Folio, turned)
		dumpRuns(&sb, "head", p.Head)
		dumpRuns(&sb, "", p.Body)
		dumpRuns(&sb, "foot", p.Foot)
		for _, r := range p.Rules {
			shape := "rule"
			if r.Round {
				shape = "dot"
			}
			fmt.Fprintf(&sb, "  %s %v,%v %vx%v\n", shape, r.X, r.Y, r.W, r.H)
		}
		for _, l := range p.Links {
			fmt.Fprintf(&sb, "  link %v,%v %vx%v %s\n", l.X, l.Y, l.W, l.H, l.URL)
		}
		for _, im := range p.Images {
			fmt.Fprintf(&sb, "  image %v,%v %vx%v %s %d bytes\n", im.X, im.Y, im.W, im.H, im.MediaType, len(im.Data))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// dumpRuns prints runs grouped by baseline: one line per baseline with
// its first x, then each run.
func dumpRuns(sb *strings.Builder, slot string, runs []Run) {
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].Y == runs[i].Y {
			j++
		}
		prefix := "  "
		if slot != "" {
			prefix = "  " + slot + " "
		}
		fmt.Fprintf(sb, "%sy=%v x=%v", prefix, runs[i].Y, runs[i].X)
		for _, r := range runs[i:j] {
			fmt.Fprintf(sb, " [%s %v", shortFace(r.Face), r.Size)
			if r.X != runs[i].X {
				fmt.Fprintf(sb, " @%v", r.X)
			}
			if r.Expand != 0 {
				fmt.Fprintf(sb, " x%+d", r.Expand)
			}
			if r.Grey != 0 {
				fmt.Fprintf(sb, " grey%d", r.Grey)
			}
			fmt.Fprintf(sb, " %q", r.Text)
			for k, g := range r.Glyphs {
				// Clusters of several characters: ligatures, letters
				// with their marks.
				if (k == 0 || r.Glyphs[k-1].At != g.At) && g.End-g.At > 1 && utf8.RuneCountInString(r.Text[g.At:g.End]) > 1 {
					fmt.Fprintf(sb, " lig%q", r.Text[g.At:g.End])
				}
			}
			sb.WriteByte(']')
		}
		sb.WriteByte('\n')
		i = j
	}
}

func shortFace(s fonts.Style) string {
	switch s {
	case fonts.Regular:
		return "R"
	case fonts.Italic:
		return "I"
	case fonts.Bold:
		return "B"
	case fonts.BoldItalic:
		return "BI"
	case fonts.Mono:
		return "M"
	case fonts.Fallback:
		return "F"
	case fonts.CJK:
		return "C"
	case fonts.Hangul:
		return "K"
	case fonts.Symbols:
		return "S"
	case fonts.MonoBold:
		return "MB"
	case fonts.MonoOblique:
		return "MO"
	}
	return s.String()
}

// Text returns the words of the page's body in reading order, one line a
// baseline, for tests.
func (p *Page) Text() string {
	var sb strings.Builder
	for i, r := range p.Body {
		if i > 0 {
			if r.Y != p.Body[i-1].Y {
				sb.WriteByte('\n')
			} else if r.X > p.Body[i-1].X+p.Body[i-1].Width+Pt(0.5) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(r.Text)
	}
	return sb.String()
}
