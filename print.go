package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"pamphlet/export"
	"pamphlet/layout"
)

// printFlags are the flags for print production: booklet imposition,
// signatures, creep, crop marks and the printing instructions.
type printFlags struct {
	booklet, cropMarks, verbose bool
	signature                   int
	creep                       float64
	// paperSet is set when --paper was given: a booklet's default sheet
	// is A4, not the A5 of plain pages.
	paperSet bool
	// Set by check: the paper printed on, and the imposition.
	sheet  layout.Paper
	impose layout.ImposeOptions
}

func (pr *printFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&pr.booklet, "booklet", false, "PDF: impose a saddle-stitched booklet, two pages on each side of a landscape --paper sheet (default A4: A5 pages), for duplex printing flipped on the short edge")
	fs.IntVar(&pr.signature, "signature", 0, "booklet: fold `SHEETS` sheets together into each signature (default: all in one)")
	fs.Float64Var(&pr.creep, "creep", 0, "booklet: move the pages of the innermost sheet `MM` toward the fold, the others in proportion, to make up for the paper's thickness")
	fs.BoolVar(&pr.cropMarks, "crop-marks", false, "PDF: draw crop marks (and fold marks on a booklet) outside the page; the sheet grows by 7 mm on every edge")
	fs.BoolVar(&pr.verbose, "verbose", false, "print how to print the PDF: sides, sheets, duplex, which edge to flip, folding and stapling")
}

// check validates the print flags and turns them into the layout paper
// (half the sheet for a booklet) and the imposition options.
func (pr *printFlags) check(paper layout.Paper) (layout.Paper, error) {
	if !pr.booklet {
		switch {
		case pr.signature != 0:
			return paper, usagef("--signature needs --booklet")
		case pr.creep != 0:
			return paper, usagef("--creep needs --booklet")
		}
		pr.impose = layout.ImposeOptions{OneUp: true, CropMarks: pr.cropMarks}
		return paper, nil
	}
	if pr.signature < 0 {
		return paper, usagef("--signature %d: want a number of sheets, 1 or more", pr.signature)
	}
	if pr.creep < -10 || pr.creep > 10 {
		return paper, usagef("--creep %g: want a few tenths of a millimetre, at most 10", pr.creep)
	}
	if !pr.paperSet {
		paper = layout.A4
	}
	pr.sheet = paper
	pr.impose = layout.ImposeOptions{Sheet: paper, Signature: pr.signature, Creep: layout.Mm(pr.creep), CropMarks: pr.cropMarks}
	return layout.HalfSheet(paper), nil
}

// imposing reports whether the pages go through imposition.
func (pr *printFlags) imposing() bool { return pr.booklet || pr.cropMarks }

// paint writes laid-out pages (an article's or a whole book's) as a PDF:
// imposed on sheets when the flags ask for a booklet or crop marks, with
// the printing instructions under --verbose.
func (pf *pdfFlags) paint(w io.Writer, book *layout.Book, opt export.PDFOptions) error {
	pr := &pf.print
	if !pr.imposing() {
		if pr.verbose && pf.notice != nil {
			pf.notice(pr.instructions(pf.opt.Paper, len(book.Pages), nil))
		}
		return export.PDF(w, book, opt)
	}
	im, err := layout.Impose(book, pr.impose)
	if err != nil {
		return err
	}
	if pr.verbose && pf.notice != nil {
		pf.notice(pr.instructions(pf.opt.Paper, len(book.Pages), im))
	}
	return export.ImposedPDF(w, im, opt)
}

// instructions says how to print, fold and bind a booklet or plain pages.
func (pr *printFlags) instructions(page layout.Paper, pages int, im *layout.Imposition) string {
	var b strings.Builder
	size := func(w, h layout.Sp) string {
		return fmt.Sprintf("%.0f × %.0f mm", w.Points()*25.4/72, h.Points()*25.4/72)
	}
	name := page.Name
	if name == "" {
		name = size(page.Width, page.Height)
	}
	if im == nil || !im.Booklet {
		fmt.Fprintf(&b, "%d %s page(s); print at actual size (no \"fit to page\")", pages, name)
		if pages > 1 {
			b.WriteString(", double-sided, flipping on the long edge")
		}
		b.WriteString("\n")
		if im != nil && im.Bleed > 0 {
			fmt.Fprintf(&b, "each sheet is %s: print on larger paper and trim at the crop marks\n", size(im.Width, im.Height))
		}
		return b.String()
	}
	sheet := pr.sheet.Name
	if im.Bleed > 0 {
		sheet = size(im.Width, im.Height)
	}
	fmt.Fprintf(&b, "booklet of %d %s pages", im.Padded, name)
	if im.Blanks > 0 {
		fmt.Fprintf(&b, " (the last %d blank)", im.Blanks)
	}
	fmt.Fprintf(&b, " on %d sheet(s) of %s: %d sides\n", im.Sheets, sheet, len(im.Sides))
	b.WriteString("print double-sided, flipping on the SHORT edge, at actual size (no \"fit to page\"), in landscape\n")
	if im.Bleed > 0 {
		paper := "A3 or tabloid"
		if im.Width <= layout.Mm(320) && im.Height <= layout.Mm(225) {
			paper = "SRA4 (320 × 225 mm)"
		}
		fmt.Fprintf(&b, "the sides are %s, larger than %s to hold the crop marks: print on %s paper\n",
			size(im.Width, im.Height), pr.sheet.Name, paper)
	}
	if len(im.Signatures) == 1 {
		b.WriteString("stack the sheets in the order printed, fold the stack in half with sheet 1 outside (page 1 on the cover), and staple twice on the fold\n")
	} else {
		counts := make([]string, len(im.Signatures))
		for i, n := range im.Signatures {
			counts[i] = fmt.Sprint(n)
		}
		fmt.Fprintf(&b, "%d signatures of %s sheet(s): keep the sheets of each in the order printed, fold each signature in half on its own, "+
			"stack the folded signatures in order, and sew or glue them along the spine\n",
			len(im.Signatures), strings.Join(counts, ", "))
	}
	if im.Bleed > 0 {
		b.WriteString("after folding and stapling, trim the three open edges at the crop marks\n")
	} else if im.Sheets > 8 {
		b.WriteString("the inner sheets stick out at the open edge after folding: trim it, or set --creep\n")
	}
	return b.String()
}
