// Package export writes finished documents: EPUB 3 through go-epub, and PDF
// through gofpdf by painting the pages that package layout placed, with
// the fonts subset and embedded by pamphlet itself (gofpdf's own Unicode
// fonts cost more than the pages). Neither library's types leave this
// package, and PDF export never measures or breaks text itself.
package export
