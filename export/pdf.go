package export

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

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
	// Spill, when set, is where each page's content waits, compressed,
	// from when it is painted until the file is written, rather than in
	// memory. A temporary file serves; the PDF is the same.
	Spill Spill
}

// Spill is storage outside memory (PDFOptions.Spill): bytes written at
// an offset and read back from it.
type Spill interface {
	io.ReaderAt
	io.WriterAt
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
	streams := newPageStreams(len(sides), opt.Spill)
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
	own, kept, err := streams.wait()
	if err == nil {
		err = book.Err()
	}
	if err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
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
		kept:    kept,
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
	for i := 0; i < len(runs); i++ {
		r := runs[i]
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
			word, hy := splitHyphen(r, h)
			p.run(word)
			p.artifact(artifactLayout)
			p.run(hy)
			continue
		}
		if props == "" && r.Hyphen == 0 && !r.Space && strings.HasSuffix(r.Text, "-") && (i == len(runs)-1 || runs[i+1].Y != r.Y) {
			// A hyphen of the text at a line end: extraction joins a
			// word broken at a hyphen-minus, so the text layer gives it
			// as U+2010, the hyphen that is a character of the text.
			p.runAs(r, strings.TrimSuffix(r.Text, "-")+"\u2010")
			continue
		}
		// The words of a line that need nothing of their own go in one
		// text object.
		j := i + 1
		for j < len(runs) && p.sameText(r, runs[j]) && p.sameText(r, runs[j-1]) {
			j++
		}
		if j > i+1 {
			p.line(runs[i:j])
			i = j - 1
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

// splitHyphen cuts a run that ends in a hyphen layout added, h wide, into
// the word and the hyphen.
func splitHyphen(r layout.Run, h layout.Sp) (word, hy layout.Run) {
	n := int32(len(r.Text) - 1)
	word, hy = r, r
	word.Text, word.Hyphen, word.Glyphs = r.Text[:n], 0, nil
	hy.Text, hy.X, hy.Width, hy.Hyphen, hy.Space, hy.Glyphs = "-", r.X+r.Width-h, h, 0, false, nil
	word.Width -= h
	for _, g := range r.Glyphs {
		if g.At < n {
			word.Glyphs = append(word.Glyphs, g)
			continue
		}
		g.At, g.End, g.X = g.At-n, g.End-n, g.X-(hy.X-r.X)
		hy.Glyphs = append(hy.Glyphs, g)
	}
	return word, hy
}

// run paints one run: its glyphs in one text object, inside a span whose
// /ActualText gives the run's text when the fonts' ToUnicode maps cannot
// (glyphs that do not split the run's text among them).
func (p *painter) run(r layout.Run) {
	text := ""
	if !p.fonts.by[r.Face].plainText(r) {
		text = r.Text
		if r.Space {
			text += " "
		}
	}
	p.runAs(r, text)
}

// sameText reports whether run b can be painted in the text object of
// run a, the first of a line's: the same baseline, face, size, scaling,
// grey and element, text extraction reads from its glyphs, and no hyphen
// at its end that needs painting apart.
func (p *painter) sameText(a, b layout.Run) bool {
	return b.Text != "" && b.Y == a.Y && b.Face == a.Face && b.Size == a.Size && b.Expand == a.Expand &&
		b.Grey == a.Grey && b.Tag == a.Tag && b.Hyphen == 0 && !strings.HasSuffix(b.Text, "-") &&
		p.fonts.by[b.Face].plainText(b)
}

// line paints runs that sameText joins in one text object.
func (p *painter) line(runs []layout.Run) {
	r := runs[0]
	p.setFont(r.Face, r.Size)
	p.setGrey(r.Grey)
	if r.Expand != p.expand {
		p.write(fmt.Sprintf("%.1f Tz", 100+float64(r.Expand)/10))
		p.expand = r.Expand
	}
	y := p.height - (r.Y + p.dy).Points()
	p.buf = p.fonts.by[r.Face].appendGlyphs(p.buf[:0], runs, (r.X + p.dx).Points(), y, r.Size.Points(), 1+float64(r.Expand)/1000)
	p.write(string(p.buf))
}

// runAs paints run r, inside a span whose /ActualText is actual unless
// actual is empty.
func (p *painter) runAs(r layout.Run, actual string) {
	p.setFont(r.Face, r.Size)
	p.setGrey(r.Grey)
	if r.Expand != p.expand {
		// Horizontal scaling (Tz) is text state too; it applies to
		// the text objects that follow.
		p.write(fmt.Sprintf("%.1f Tz", 100+float64(r.Expand)/10))
		p.expand = r.Expand
	}
	f := p.fonts.by[r.Face]
	y := p.height - (r.Y + p.dy).Points()
	p.buf = p.buf[:0]
	if actual != "" {
		p.buf = append(p.buf, "/Span <</ActualText "...)
		p.buf = appendTextString(p.buf, actual)
		p.buf = append(p.buf, ">> BDC "...)
	}
	p.buf = f.appendGlyphs(p.buf, []layout.Run{r}, (r.X + p.dx).Points(), y, r.Size.Points(), 1+float64(r.Expand)/1000)
	if actual != "" {
		p.buf = append(p.buf, " EMC"...)
	}
	p.write(string(p.buf))
}

// appendTextString appends s as a PDF text string: UTF-16BE with its byte
// order mark, in a literal string.
func appendTextString(b []byte, s string) []byte {
	b = append(b, '(')
	b = appendStringByte(appendStringByte(b, 0xFE), 0xFF)
	for _, u := range utf16.Encode([]rune(s)) {
		b = appendStringByte(appendStringByte(b, byte(u>>8)), byte(u))
	}
	return append(b, ')')
}
