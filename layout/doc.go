// Package layout typesets a model.Document into pages of positioned
// items: boxes, glue and penalties; Knuth–Plass line breaking with
// hyphenation; pagination with widow, orphan and heading control; running
// heads and folios. It never draws: package export paints what it places.
package layout
