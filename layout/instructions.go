package layout

import (
	"fmt"
	"strings"
)

// PrintInstructions says how to print, fold and bind a book's pages, one
// line after another: page is the paper of the pages and pages their
// number; im is their imposition, or nil when they are printed as they
// are. They name the paper, which edge to flip when printing on both
// sides, how to stack, fold and staple or sew the sheets, and where to
// trim.
func PrintInstructions(page Paper, pages int, im *Imposition) string {
	var b strings.Builder
	size := func(w, h Sp) string {
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
	sheet := im.Sheet.Name
	if im.Bleed > 0 || sheet == "" {
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
		if im.Width <= Mm(320) && im.Height <= Mm(225) {
			paper = "SRA4 (320 × 225 mm)"
		}
		fmt.Fprintf(&b, "the sides are %s, larger than %s to hold the crop marks: print on %s paper\n",
			size(im.Width, im.Height), im.Sheet.Name, paper)
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
