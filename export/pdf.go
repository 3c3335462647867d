package export

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"pamphlet/fonts"
	"pamphlet/layout"
)

// PDFOptions controls PDF export.
type PDFOptions struct {
	// Date is written as the creation and modification date. Callers
	// pass SOURCE_DATE_EPOCH here (see SourceDate); zero means the
	// document's date (midnight UTC), and a document without one gets no
	// dates. The exporter never reads the clock.
	Date time.Time
	// Creator names the program in the document information
	// ("pamphlet" when empty).
	Creator string
	// Progress, when set, is called once for each page painted.
	Progress func()
	// ReleasePages drops each page from book.Pages once it is painted,
	// so that a long book's laid-out pages and gofpdf's copy of them are
	// not all in memory at once. The book is left without pages.
	ReleasePages bool
}

// fontInfo is how an embedded face is named in the PDF.
var fontInfo = [...]struct{ postscript string }{
	fonts.Regular:     {"CharisSIL"},
	fonts.Italic:      {"CharisSIL-Italic"},
	fonts.Bold:        {"CharisSIL-Bold"},
	fonts.BoldItalic:  {"CharisSIL-BoldItalic"},
	fonts.Mono:        {"DejaVuSansMono"},
	fonts.Fallback:    {"DejaVuSans"},
	fonts.CJK:         {"DroidSansFallback"},
	fonts.Hangul:      {"NanumMyeongjo"},
	fonts.Symbols:     {"Symbola"},
	fonts.MonoBold:    {"DejaVuSansMono-Bold"},
	fonts.MonoOblique: {"DejaVuSansMono-Oblique"},
}

// PDF paints a laid-out book with gofpdf and writes the file to w. Every
// run is drawn where layout placed it; nothing is measured or wrapped
// here. Fonts are embedded as subsets of the glyphs used.
func PDF(w io.Writer, book *layout.Book, opt PDFOptions) error {
	if book == nil || len(book.Pages) == 0 {
		return errors.New("export pdf: nothing to paint (no pages)")
	}
	return paintSides(w, book, plainSides(book), book.Width, book.Height, book.Outline, opt)
}

// paintSides writes the PDF of a book whose pages are placed on sides
// (of width × height): one PDF page a side, each placed page painted at
// its offset. outline gives each heading's side.
func paintSides(w io.Writer, book *layout.Book, sides []layout.Side, width, height layout.Sp,
	outline []layout.OutlineEntry, opt PDFOptions) error {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		UnitStr: "pt",
		Size:    gofpdf.SizeType{Wd: width.Points(), Ht: height.Points()},
	})
	pdf.SetCatalogSort(true)
	// Streams are compressed afterwards, in parallel (see finish).
	pdf.SetCompression(false)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	creator := opt.Creator
	if creator == "" {
		creator = "pamphlet"
	}
	date := outputDate(opt.Date, book.Meta.Date)
	xmpDate := date // what the document information says
	noDates := date.IsZero()
	if noDates {
		// gofpdf would use the clock; a fixed stand-in is removed from
		// the file afterwards.
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date.UTC())
	pdf.SetModificationDate(date.UTC())
	m := book.Meta
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(strings.Join(m.Authors, ", "), true)
	subject := m.Subject
	if subject == "" {
		subject = m.Subtitle
	}
	pdf.SetSubject(subject, true)
	pdf.SetCreator(creator, true)
	pdf.SetProducer(creator+" (gofpdf)", true)

	faces, err := newPDFFonts(book)
	if err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}

	images := imageSet{pdf: pdf, names: map[string]*imageObj{}}
	tags := book.Tags
	if len(tags) == 0 {
		tags = []layout.Tag{{Role: layout.RoleDocument, Parent: -1}}
	}
	st := newStructure(tags)
	streams := newPageStreams(len(sides))
	for i, side := range sides {
		pdf.AddPage()
		if err := paintSide(pdf, &images, book, side, i, faces, st, streams); err != nil {
			streams.wait()
			return err
		}
		if opt.Progress != nil {
			opt.Progress()
		}
		if opt.ReleasePages {
			for _, sl := range side.Slots {
				if sl.Page >= 0 && sl.Page < len(book.Pages) {
					book.Pages[sl.Page] = nil
				}
			}
		}
	}
	own := streams.wait()
	bookmarks(pdf, outline)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	var doc captured
	if err := pdf.Output(&doc); err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	f, err := finish(doc.data, finishing{
		lang:    m.Lang,
		noDates: noDates,
		fonts:   faces,
		streams: own,
		images:  images.list,
		tags:    st,
		xmp:     xmpPacket(m, creator, creator+" (gofpdf)", xmpDate),
	})
	if err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	doc.data = nil // f holds copies of all it needs
	return f.writeTo(w)
}

// painter draws runs, switching fonts and glyph scaling only when
// needed. Each page starts from the default graphics state. What it
// writes itself goes through write, and flush comes before every call
// that has gofpdf paint (a rectangle, a picture, a transformation), so
// that the content keeps its order.
type painter struct {
	pdf    *gofpdf.Fpdf
	fonts  *pdfFonts
	height float64 // page height in points: PDF measures y upwards
	face   fonts.Style
	size   layout.Sp
	expand int
	// grey is the text colour set, as layout.Run.Grey (0: black).
	grey uint8
	// dx, dy move everything painted: where the page sits on its side.
	dx, dy layout.Sp
	buf    []byte
	// out is the content written and not yet handed to gofpdf (see
	// write); mixed is set once gofpdf painted on the side too.
	out   []byte
	mixed bool
	// st records the marked content; side is the side painted, page the
	// index in the book of the page painted on it.
	st         *structure
	side, page int
	// open is the marked-content sequence open: a tag, or an artifact's
	// properties; none when both are zero.
	openTag      int32
	openArtifact string
}

// Artifacts: what is painted but is not content.
const (
	artifactHeader = "<</Type /Pagination /Subtype /Header>>"
	artifactFooter = "<</Type /Pagination /Subtype /Footer>>"
	artifactLayout = "<</Type /Layout>>"
	artifactMarks  = "<</Type /Page>>" // printer's marks
)

// write adds a line of content. The lines go to gofpdf together, at the
// next flush: its buffer of each page's content is held until the whole
// file is written, and one write of a page's text gives it the room it
// needs where a write a line grows it by doubling, to half as much again
// on average.
func (p *painter) write(line string) {
	p.out = append(append(p.out, line...), '\n')
}

// flush hands the content written to gofpdf, as the lines RawWriteStr
// would have written one at a time; it comes before anything gofpdf
// paints itself.
func (p *painter) flush() {
	p.mixed = true
	if len(p.out) > 0 {
		p.pdf.RawWriteStr(string(p.out[:len(p.out)-1]))
		p.out = p.out[:0]
	}
}

// content opens a marked-content sequence for tag's content at reading
// key, unless one is open for it already; a tag outside the tree makes
// an artifact of the layout.
func (p *painter) content(tag int32, key int64) {
	if !p.st.valid(tag) {
		p.artifact(artifactLayout)
		return
	}
	if p.openTag == tag {
		return
	}
	p.end()
	mcid := p.st.mark(p.side, tag, key)
	p.write(fmt.Sprintf("/%s <</MCID %d>> BDC", structType(p.st.tags[tag]), mcid))
	p.openTag = tag
}

// artifact opens an artifact's marked-content sequence.
func (p *painter) artifact(props string) {
	if p.openArtifact == props {
		return
	}
	p.end()
	p.write("/Artifact " + props + " BDC")
	p.openArtifact = props
}

// end closes the open marked-content sequence.
func (p *painter) end() {
	if p.openTag != 0 || p.openArtifact != "" {
		p.write("EMC")
		p.openTag, p.openArtifact = 0, ""
	}
}

// setFont selects a face and size, as gofpdf's SetFont does: inside an
// empty text object, since the font is text state that lasts.
func (p *painter) setFont(face fonts.Style, size layout.Sp) {
	if face == p.face && size == p.size {
		return
	}
	p.buf = append(p.buf[:0], "BT "...)
	p.buf = append(p.buf, p.fonts.by[face].res...)
	p.buf = append(p.buf, ' ')
	p.buf = strconv.AppendFloat(p.buf, size.Points(), 'f', 2, 64)
	p.buf = append(p.buf, " Tf ET"...)
	p.write(string(p.buf))
	p.face, p.size = face, size
}

// runs paints runs as the artifact props, or, when props is empty, as
// the page's body: each run the content of its tag.
func (p *painter) runs(runs []layout.Run, props string) {
	for i, r := range runs {
		if r.Text == "" {
			continue
		}
		if props != "" {
			p.artifact(props)
		} else {
			p.content(r.Tag, readingKey(p.page, 2*i+1))
		}
		if h := r.Hyphen; h > 0 && props == "" && strings.HasSuffix(r.Text, "-") {
			// The hyphen layout added is no part of the text: the word
			// is content, the hyphen an artifact.
			word := r
			word.Text, word.Hyphen = r.Text[:len(r.Text)-1], 0
			word.Kerns = slices.DeleteFunc(slices.Clone(r.Kerns), func(k layout.GlyphKern) bool { return k.At >= len(word.Text) })
			p.run(word)
			p.artifact(artifactLayout)
			p.run(layout.Run{Face: r.Face, Size: r.Size, X: r.X + r.Width - h, Y: r.Y, Text: "-", Expand: r.Expand, Grey: r.Grey})
			continue
		}
		p.run(r)
	}
	// Rules and images painted next fill in black.
	p.setGrey(0)
}

// setGrey sets the colour text is filled with: a grey g percent lighter
// than black. Only highlighted code is grey, so a book without it gets no
// colour operator at all.
func (p *painter) setGrey(g uint8) {
	if g == p.grey {
		return
	}
	p.write(strconv.FormatFloat(float64(g)/100, 'f', 2, 64) + " g")
	p.grey = g
}

// run paints one run.
func (p *painter) run(r layout.Run) {
	p.setFont(r.Face, r.Size)
	p.setGrey(r.Grey)
	if r.Expand != p.expand {
		// Horizontal scaling (Tz) is text state too; it applies to
		// the Tj operators that follow.
		p.write(fmt.Sprintf("%.1f Tz", 100+float64(r.Expand)/10))
		p.expand = r.Expand
	}
	f := p.fonts.by[r.Face]
	y := p.height - (r.Y + p.dy).Points()
	start, x := 0, r.X+p.dx
	p.buf = p.buf[:0]
	for _, k := range r.Kerns {
		if k.At > start && k.At <= len(r.Text) {
			p.buf = append(f.appendText(p.buf, x.Points(), y, r.Text[start:k.At]), '\n')
		}
		start, x = k.At, r.X+p.dx+k.Offset
	}
	if start < len(r.Text) || r.Space {
		text := r.Text[start:]
		if r.Space && f.cid(' ') != 0 {
			// The word space layout set as room, drawn as an
			// (invisible) character for text extraction.
			text += " "
		}
		p.buf = append(f.appendText(p.buf, x.Points(), y, text), '\n')
	}
	if len(p.buf) > 0 {
		p.write(string(p.buf[:len(p.buf)-1]))
	}
}
