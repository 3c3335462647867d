package export

import (
	"errors"
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"

	"pamphlet/layout"
)

// ImposedPDF paints an imposition: one PDF page for each side of each
// sheet, in print order, every page drawn where the imposition placed
// it (creep included), with the crop and fold marks. Links keep working
// at the pages' new positions, and each bookmark leads to the side that
// holds its heading. Like PDF, it measures nothing.
func ImposedPDF(w io.Writer, im *layout.Imposition, opt PDFOptions) error {
	if im == nil || im.Book == nil || len(im.Book.Pages) == 0 || len(im.Sides) == 0 {
		return errors.New("export pdf: nothing to paint (no sheets)")
	}
	return paintSides(w, im.Book, im.Sides, im.Width, im.Height, im.Outline, opt)
}

// plainSides puts each page of a book on a side of its own, unmoved.
func plainSides(b *layout.Book) []layout.Side {
	sides := make([]layout.Side, len(b.Pages))
	for i := range b.Pages {
		sides[i] = layout.Side{Sheet: i, Slots: []layout.Slot{{Page: i}}}
	}
	return sides
}

// paintSide draws the pages placed on one side, then its marks.
func paintSide(pdf *gofpdf.Fpdf, images *imageSet, book *layout.Book, side layout.Side, sideNo int,
	faces *pdfFonts, st *structure, streams *pageStreams) error {
	// One painter for the side: font and glyph scaling carry over from
	// one page to the next within the content stream.
	_, height := pdf.GetPageSize()
	p := painter{pdf: pdf, fonts: faces, height: height, face: -1, st: st, side: sideNo}
	for _, sl := range side.Slots {
		if sl.Page < 0 || sl.Page >= len(book.Pages) {
			continue // a blank page
		}
		page := book.Page(sl.Page)
		p.end()
		p.dx, p.dy, p.page = sl.X, sl.Y, sl.Page
		p.runs(page.Head, artifactHeader)
		saved := p
		if page.Turned {
			// The body of a turned page is placed on the paper turned a
			// quarter turn clockwise; a matrix turns it back. The text
			// state set inside is lost at Q: the painter's record of it
			// goes back to what it was at q.
			p.end()
			saved = p
			p.flush()
			pdf.TransformBegin()
			pdf.Transform(turnBack(height, book.Height.Points(), sl.X.Points(), sl.Y.Points()))
		} else {
			p.runs(page.Body, "")
			p.runs(page.Foot, artifactFooter)
		}
		if page.Turned {
			p.runs(page.Body, "")
		}
		for _, r := range page.Rules {
			p.content(r.Tag, readingKey(sl.Page, 2*r.At))
			p.rule(r)
		}
		for _, im := range page.Images {
			im.X += sl.X
			im.Y += sl.Y
			if st.valid(im.Tag) && st.tags[im.Tag].Role == layout.RoleFigure {
				p.content(im.Tag, readingKey(sl.Page, 2*im.At))
				st.bbox[im.Tag] = [4]float64{im.X.Points(), height - (im.Y + im.H).Points(),
					(im.X + im.W).Points(), height - im.Y.Points()}
			} else {
				p.artifact(artifactLayout)
			}
			p.flush()
			if err := images.paint(im); err != nil {
				return fmt.Errorf("export pdf: page %d: %w", page.Folio, err)
			}
		}
		if page.Turned {
			p.end()
			p.flush()
			pdf.TransformEnd()
			p.face, p.size, p.expand = saved.face, saved.size, saved.expand
			p.runs(page.Foot, artifactFooter)
		}
		for k, l := range page.Links {
			if page.Turned {
				// The link's rectangle, turned back as its text is.
				l.X, l.Y, l.W, l.H = l.Y, book.Height-l.X-l.W, l.H, l.W
			}
			pdf.LinkString((l.X + sl.X).Points(), (l.Y + sl.Y).Points(), l.W.Points(), l.H.Points(), l.URL)
			st.link(sideNo, l.Tag, l.URL, readingKey(sl.Page, 2*len(page.Body)+2+k))
		}
	}
	p.dx, p.dy = 0, 0
	for _, r := range side.Marks {
		p.artifact(artifactMarks)
		p.rule(r)
	}
	p.end()
	if !p.mixed {
		// Painted by pamphlet alone: compressed now (see pageStreams).
		streams.add(sideNo, append([]byte(pagePrefix), p.out...))
		return nil
	}
	p.flush()
	return nil
}

// turnBack is the matrix that puts the body of a turned page back on
// its page: material placed at (x, y) of the paper turned a quarter
// turn clockwise, which the painter writes at PDF (x+dx, side−y−dy), goes
// to (y, pageHeight−x) of the upright page, at the page's place (dx, dy)
// on a side of height side. All in points.
func turnBack(side, pageHeight, dx, dy float64) gofpdf.TransformMatrix {
	return gofpdf.TransformMatrix{A: 0, B: 1, C: -1, D: 0, E: side - dy + dx, F: side - pageHeight - dx - dy}
}

// rule fills a rectangle, or the ellipse inside it, at the painter's
// offset.
func (p *painter) rule(r layout.Rule) {
	x, y := r.X+p.dx, r.Y+p.dy
	p.flush()
	if r.Round {
		p.pdf.Ellipse((x + r.W/2).Points(), (y + r.H/2).Points(), (r.W / 2).Points(), (r.H / 2).Points(), 0, "F")
		return
	}
	p.pdf.Rect(x.Points(), y.Points(), r.W.Points(), r.H.Points(), "F")
}

// bookmarks writes the outline once every side is painted, each entry on
// the side that holds its heading: an imposed booklet puts late pages on
// early sheets, while the outline keeps reading order.
func bookmarks(pdf *gofpdf.Fpdf, outline []layout.OutlineEntry) {
	if len(outline) == 0 {
		return
	}
	last := pdf.PageNo()
	prevLevel := 0
	for i, o := range outline {
		if o.Page < 0 || o.Page >= pdf.PageCount() {
			continue
		}
		// gofpdf nests bookmarks by level and needs each level at most
		// one deeper than the one before.
		level := min(max(o.Level-1, 0), prevLevel+1)
		if i == 0 {
			level = 0
		}
		pdf.SetPage(o.Page + 1)
		pdf.Bookmark(bookmarkTitle(o.Title), level, o.Y.Points())
		prevLevel = level
	}
	pdf.SetPage(last)
}
