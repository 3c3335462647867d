// Package export writes finished documents: EPUB 3 through go-epub, and PDF
// through gofpdf by painting the pages that package layout placed. Neither
// library's types leave this package, and PDF export never measures or
// breaks text itself.
package export
