package export

import (
	"errors"
	"fmt"
	"io"
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
	fonts.Regular:    {"CharisSIL"},
	fonts.Italic:     {"CharisSIL-Italic"},
	fonts.Bold:       {"CharisSIL-Bold"},
	fonts.BoldItalic: {"CharisSIL-BoldItalic"},
	fonts.Mono:       {"DejaVuSansMono"},
	fonts.Fallback:   {"DejaVuSans"},
	fonts.CJK:        {"DroidSansFallback"},
	fonts.Hangul:     {"NanumMyeongjo"},
	fonts.Symbols:    {"Symbola"},
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

	images := imageSet{pdf: pdf, names: map[string]string{}}
	for _, side := range sides {
		pdf.AddPage()
		if err := paintSide(pdf, &images, book, side, faces); err != nil {
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
	bookmarks(pdf, outline)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	var doc captured
	if err := pdf.Output(&doc); err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	out, err := finish(doc.data, finishing{
		lang:    m.Lang,
		noDates: noDates,
		fonts:   faces,
	})
	if err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// painter draws runs, switching fonts and glyph scaling only when
// needed. Each page starts from the default graphics state.
type painter struct {
	pdf    *gofpdf.Fpdf
	fonts  *pdfFonts
	height float64 // page height in points: PDF measures y upwards
	face   fonts.Style
	size   layout.Sp
	expand int
	// dx, dy move everything painted: where the page sits on its side.
	dx, dy layout.Sp
	buf    []byte
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
	p.pdf.RawWriteStr(string(p.buf))
	p.face, p.size = face, size
}

func (p *painter) runs(runs []layout.Run) {
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		p.setFont(r.Face, r.Size)
		if r.Expand != p.expand {
			// Horizontal scaling (Tz) is text state too; it applies to
			// the Tj operators that follow.
			p.pdf.RawWriteStr(fmt.Sprintf("%.1f Tz", 100+float64(r.Expand)/10))
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
		if start < len(r.Text) {
			p.buf = append(f.appendText(p.buf, x.Points(), y, r.Text[start:]), '\n')
		}
		if len(p.buf) > 0 {
			p.pdf.RawWriteStr(string(p.buf[:len(p.buf)-1]))
		}
	}
}
