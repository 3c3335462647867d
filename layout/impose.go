package layout

import (
	"errors"
	"fmt"
)

// Imposition is a book's pages placed on printing sheets: the last stage
// of layout, run on finished pages (of one article or of a whole
// anthology), which it never changes. Export paints each side as one PDF
// page, drawing every placed page at its offset.
type Imposition struct {
	// Book holds the pages in reading order.
	Book *Book
	// Width and Height are the size of every side, landscape for a
	// booklet.
	Width, Height Sp
	// Sides are the printed sides in print order: sheet 1 front, sheet 1
	// back, sheet 2 front, … (a one-up imposition has fronts only).
	Sides []Side
	// Outline is Book.Outline with Page the index of the side that holds
	// the heading's page and Y measured on that side.
	Outline []OutlineEntry
	// Padded is the page count after padding (a multiple of four for a
	// booklet); Blanks of them are blank pages added at the end.
	Padded, Blanks int
	// Sheets is the number of sheets of paper; Signatures lists how many
	// sheets each signature folds together, in binding order.
	Sheets     int
	Signatures []int
	// Booklet is set when the sheets are printed duplex, folded and
	// stitched (false for one page a side).
	Booklet bool
	// Bleed is how far each side reaches beyond the trimmed spread on
	// every edge: room for crop marks, 0 without them.
	Bleed Sp
	// Sheet is the paper the sides are printed on, as ImposeOptions gave
	// it.
	Sheet Paper
}

// Side is one printed face of a sheet.
type Side struct {
	// Sheet is the 0-based sheet, Signature the 0-based signature it
	// belongs to, Back is set for the reverse face.
	Sheet, Signature int
	Back             bool
	// Slots place the pages, left to right.
	Slots []Slot
	// Marks are the crop and fold marks, thin filled rectangles.
	Marks []Rule
}

// Slot places one page on a side.
type Slot struct {
	// Page is the index in Book.Pages; -1 for a blank page.
	Page int
	// X, Y is where the page's top-left corner goes on the side, creep
	// shift included.
	X, Y Sp
	// Creep is the shift toward the fold included in X (positive
	// toward the fold, whichever side of it the page is on).
	Creep Sp
}

// ImposeOptions controls imposition. The zero value imposes a booklet in
// one signature, on a sheet exactly two pages wide, without creep
// compensation or marks.
type ImposeOptions struct {
	// Sheet is the paper printed on; it is turned landscape for a
	// booklet and must hold two pages side by side (one page one-up).
	// The pages are centred on their halves, touching at the fold. The
	// zero value is a sheet exactly two pages wide.
	Sheet Paper
	// Signature is the number of sheets folded together into one
	// signature; 0 puts every sheet in one signature. Each signature is
	// imposed as a booklet of its own, and the signatures are bound in
	// order.
	Signature int
	// Creep is how far the pages of a signature's innermost sheet move
	// toward the fold, to make up for the paper's thickness: folded
	// inside the others, inner sheets stick out at the fore-edge, and the
	// trim would take their outer margins. Sheet s (0 outermost) of a
	// signature of k sheets moves Creep × s ÷ (k−1); the outermost does
	// not move. A negative value moves pages away from the fold instead.
	// At most a tenth of the page width either way.
	Creep Sp
	// CropMarks draws trim marks at the corners of the spread and fold
	// marks at the spine. They go outside the finished page, so the side
	// grows by MarkZone on every edge (a booklet of A5 pages then needs
	// 310×224mm, which SRA4 paper holds), and the finished booklet keeps
	// its size.
	CropMarks bool
	// OneUp puts each page alone on its side instead of folding a
	// booklet: the way to get crop marks on plain pages.
	OneUp bool
}

// Crop mark geometry: the marks start MarkOffset away from the trim (clear
// of the 3mm bleed printers allow for) and end at MarkZone.
var (
	MarkOffset = Mm(3)
	MarkZone   = Mm(7)
	// MarkWeight is the thickness of a mark (0.25pt, a hairline that
	// still prints).
	MarkWeight = Pt(0.25)
)

// BookletOrder returns the pages on each side of a saddle-stitched
// booklet of n pages, in print order, each side as [left, right] page
// indices. The pages are padded to a multiple of four; an index >= n is
// a blank page. Sheets of signature sheets each (0: all in one) are
// folded separately; within a signature of P pages starting at page p,
// sheet s (0 outermost) carries
//
//	front: [p+P−1−2s, p+2s]    back: [p+1+2s, p+P−2−2s]
//
// so the front of the first sheet shows the last page left of the first,
// and the back shows pages 2 and P−1 when the sheet is turned over on
// its short edge. It returns nil for n <= 0.
func BookletOrder(n, signature int) [][2]int {
	if n <= 0 {
		return nil
	}
	total := (n + 3) / 4 * 4
	sheets := total / 4
	if signature <= 0 || signature > sheets {
		signature = sheets
	}
	out := make([][2]int, 0, sheets*2)
	for first := 0; first < total; first += 4 * signature {
		p := min(4*signature, total-first)
		for s := 0; 4*s < p; s++ {
			out = append(out,
				[2]int{first + p - 1 - 2*s, first + 2*s},
				[2]int{first + 1 + 2*s, first + p - 2 - 2*s})
		}
	}
	return out
}

// HalfSheet returns the page size of a booklet printed on sheet: half the
// sheet turned landscape, named after the standard size it is (A5 on A4
// whose half is 148.5mm wide, so that the booklet pages are those of a
// plain A5 pamphlet; half-letter on Letter).
func HalfSheet(sheet Paper) Paper {
	switch sheet {
	case A4:
		return A5
	case Letter:
		return HalfLetter
	case A5:
		return Paper{Name: "A6", Width: Mm(105), Height: Mm(148)}
	}
	long, short := max(sheet.Width, sheet.Height), min(sheet.Width, sheet.Height)
	return Paper{Name: "half " + sheet.Name, Width: long / 2, Height: short}
}

// Impose places a laid-out book's pages on sheets. Any page sequence
// works: an article, or an anthology of many. The pages are not changed;
// blank pages are added at the end to fill the last sheet, as a
// saddle-stitched booklet needs a multiple of four pages.
func Impose(b *Book, opt ImposeOptions) (*Imposition, error) {
	if b == nil || len(b.Pages) == 0 {
		return nil, errors.New("impose: no pages")
	}
	if b.Width <= 0 || b.Height <= 0 {
		return nil, errors.New("impose: pages have no size")
	}
	if opt.Signature < 0 {
		return nil, fmt.Errorf("impose: signature of %d sheets: want 1 or more (0 for one signature)", opt.Signature)
	}
	if limit := b.Width / 10; opt.Creep > limit || opt.Creep < -limit {
		return nil, fmt.Errorf("impose: creep %v: want at most %v (a tenth of the page width)", opt.Creep, limit)
	}
	im := &Imposition{Book: b, Booklet: !opt.OneUp, Sheet: opt.Sheet}
	across := 2
	if opt.OneUp {
		across = 1
	}
	spreadW, spreadH := Sp(across)*b.Width, b.Height
	w, h := opt.Sheet.Width, opt.Sheet.Height
	if !opt.OneUp && h > w {
		w, h = h, w // landscape
	}
	if w == 0 || h == 0 {
		w, h = spreadW, spreadH
	}
	if opt.CropMarks {
		// The marks need room outside the finished page: the side grows
		// around the spread rather than the pages shrinking.
		im.Bleed = MarkZone
		w, h = spreadW+2*MarkZone, spreadH+2*MarkZone
	}
	// Half a millimetre of slack is allowed: A5 pages on A4.
	if slack := Mm(0.5); spreadW > w+slack || spreadH > h+slack {
		return nil, fmt.Errorf("impose: %d page(s) of %v × %v do not fit on the sheet (%v × %v)",
			across, b.Width, b.Height, w, h)
	}
	im.Width, im.Height = w, h
	x0, y0 := (w-spreadW)/2, (h-spreadH)/2
	where := make([]int, len(b.Pages)) // side of each page
	if opt.OneUp {
		im.Padded, im.Sheets, im.Signatures = len(b.Pages), len(b.Pages), []int{len(b.Pages)}
		for i := range b.Pages {
			side := Side{Sheet: i, Slots: []Slot{{Page: i, X: x0, Y: y0}}}
			if opt.CropMarks {
				side.Marks = cropMarks(x0, y0, spreadW, spreadH, false)
			}
			where[i] = i
			im.Sides = append(im.Sides, side)
		}
	} else {
		order := BookletOrder(len(b.Pages), opt.Signature)
		im.Sheets = len(order) / 2
		im.Padded = 2 * len(order)
		im.Blanks = im.Padded - len(b.Pages)
		per := opt.Signature
		if per <= 0 || per > im.Sheets {
			per = im.Sheets
		}
		for left := im.Sheets; left > 0; left -= per {
			im.Signatures = append(im.Signatures, min(per, left))
		}
		for k, pair := range order {
			sheet := k / 2
			sig := sheet / per
			s := sheet - sig*per // sheet within its signature
			creep := Sp(0)
			if n := im.Signatures[sig]; n > 1 {
				creep = scale(opt.Creep, Sp(s), Sp(n-1))
			}
			side := Side{Sheet: sheet, Signature: sig, Back: k%2 == 1}
			for c, p := range pair {
				slot := Slot{Page: p, X: x0 + Sp(c)*b.Width, Y: y0, Creep: creep}
				if c == 0 {
					slot.X += creep // the left page moves right, to the fold
				} else {
					slot.X -= creep
				}
				if p >= len(b.Pages) {
					slot.Page = -1
				} else {
					where[p] = len(im.Sides)
				}
				side.Slots = append(side.Slots, slot)
			}
			if opt.CropMarks {
				side.Marks = cropMarks(x0, y0, spreadW, spreadH, true)
			}
			im.Sides = append(im.Sides, side)
		}
	}
	for _, o := range b.Outline {
		if o.Page < 0 || o.Page >= len(b.Pages) {
			continue
		}
		side := where[o.Page]
		for _, sl := range im.Sides[side].Slots {
			if sl.Page == o.Page {
				o.Y += sl.Y
			}
		}
		o.Page = side
		im.Outline = append(im.Outline, o)
	}
	return im, nil
}

// cropMarks returns trim marks at the four corners of the spread x, y, w,
// h (a pair of lines each, running away from the corner, from MarkOffset
// to MarkZone outside the trim) and, for a booklet, fold marks at the
// spine above and below: two short dashes, so that they read differently
// from a cut.
func cropMarks(x, y, w, h Sp, fold bool) []Rule {
	t := MarkWeight
	l := MarkZone - MarkOffset
	var out []Rule
	for _, cx := range []Sp{x, x + w} {
		for _, cy := range []Sp{y, y + h} {
			// horizontal mark, outside the spread on the left or right
			hx := cx - MarkZone
			if cx > x {
				hx = cx + MarkOffset
			}
			out = append(out, Rule{X: hx, Y: cy - t/2, W: l, H: t})
			// vertical mark, above or below
			vy := cy - MarkZone
			if cy > y {
				vy = cy + MarkOffset
			}
			out = append(out, Rule{X: cx - t/2, Y: vy, W: t, H: l})
		}
	}
	if fold {
		mid := x + w/2
		dash := (l - Mm(1)) / 2
		for _, top := range []Sp{y - MarkZone, y + h + MarkOffset} {
			out = append(out,
				Rule{X: mid - t/2, Y: top, W: t, H: dash},
				Rule{X: mid - t/2, Y: top + l - dash, W: t, H: dash})
		}
	}
	return out
}
