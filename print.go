package main

import (
	"io"

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
	// impose is set by check.
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
			pf.notice(layout.PrintInstructions(pf.opt.Paper, len(book.Pages), nil))
		}
		return export.PDF(w, book, opt)
	}
	im, err := layout.Impose(book, pr.impose)
	if err != nil {
		return err
	}
	if pr.verbose && pf.notice != nil {
		pf.notice(layout.PrintInstructions(pf.opt.Paper, len(book.Pages), im))
	}
	return export.ImposedPDF(w, im, opt)
}
