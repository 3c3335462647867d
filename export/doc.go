// Package export writes finished documents: EPUB 3 through go-epub, and PDF
// through gofpdf by painting the pages that package layout placed, with
// the fonts subset and embedded by pamphlet itself (gofpdf's own Unicode
// fonts cost more than the pages). What gofpdf cannot write (the fonts,
// the structure tree of a tagged PDF, the XMP metadata, the trailer /ID)
// is added in one step on the parsed objects of its output
// (pdfobj.go, pdffinish.go, pdftags.go). Neither library's types leave
// this package, and PDF export never measures or breaks text itself.
//
// go-epub writes the whole EPUB: every document, resource, the navigation
// and the package document. What it has no way to express (several
// creators, accessibility metadata, headings in the contents, landmarks,
// a fixed modification date, the EPUB 2 cover guide, languages) is added
// by one step, finishEPUB, which edits its XML as parsed trees. go-epub is
// given each chapter as a placeholder; finishEPUB writes the chapter's
// XHTML in its place, made only as the chapter's entry of the container
// is written, so that a book's chapters are never all in memory.
package export
