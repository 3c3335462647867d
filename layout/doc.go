// Package layout typesets a model.Document into pages of positioned
// material that package export paints without measuring anything. It
// never draws and knows nothing of PDF.
//
// Layout runs these stages in order:
//
//  1. items: each block's inline content becomes a flat slice of boxes,
//     glue, kerns and penalties (para.go), with words shaped whole by
//     the faces of package fonts (fallback per character; ligatures,
//     kerning, small capitals, joined Arabic and placed marks from the
//     HarfBuzz port of go-text; shape.go), bidirectional levels from the
//     Unicode algorithm (bidi.go), and hyphenation points from Liang's
//     patterns for the document language (layout/hyph), a word cut at
//     them between its glyphs.
//  2. lines: the Knuth–Plass breaker chooses line breaks by total fit
//     (breaker.go: TeX's passes, fitness classes, adjacent and double
//     hyphen demerits, a last-line rule, a cap on hyphen ladders, an
//     emergency pass instead of overfull lines), and each line is set to
//     its measure in integer scaled points (setline.go).
//  3. vertical list: lines are stacked with the space between blocks and
//     the penalties that keep headings with what follows and forbid
//     widows and orphans (blocks.go); the title block and the link notes
//     are built the same way (front.go).
//  4. pages: the vertical list flows into frames (one or two columns per
//     page), each page ending at its cheapest legal break (pages.go); in
//     two columns the title block is a masthead across both, and the
//     last page's columns are balanced (columns.go). Layout makes the
//     body's pages as its lines are set, each once the lines that decide
//     it are known, so that the list holds a few pages, not the whole
//     document; the pages are those of the whole list placed at once.
//  5. furniture: running heads, folios and the outline's page positions.
//  6. imposition, a separate call on finished pages (Impose, impose.go):
//     the pages of an article or a whole book go on printing sheets, two
//     up for a saddle-stitched booklet, with creep and crop marks.
//
// Anthology lays out a book of several articles around these stages:
// the chapters (preface and articles) run stages 1 to 4 concurrently on
// pages numbered from 1, a few at a time and in order, and binding
// renumbers each chapter's pages, mirrors its margins when it changes
// side of the spread, and runs stage 5 with the book's running heads.
// A chapter is bound as soon as it and those before it are laid out when
// the contents' page count is known beforehand (the same for every
// width of their numbers); the contents are then set last, in pages kept
// for them. Otherwise the contents are set once every chapter's page
// count gives its folio, and the chapters are bound after them
// (anthology.go).
//
// SetText runs stages 1 and 2 alone on a short text, for what export
// draws itself: the generated cover's title, subtitle, names and date are
// set in centred lines by the same shaper and breaker (text.go).
//
// Options' zero value gives the defaults: A5, Charis SIL at 10pt on 13pt,
// margins scaled to the paper, one column, links as numbered notes. The
// FirstPage and BookTitle options let a collection lay out each article as
// a chapter of one book.
package layout
