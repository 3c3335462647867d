package reader

import "strings"

// firstLineIndents reads the book and typewriter convention of marking
// each paragraph by a deep first-line indent (a tab, or four to eight
// spaces) with no blank line between paragraphs:
//
//	    The fishing boats came in late that autumn, and the men who
//	waited on the harbour wall had long since given up talking.
//	    When the first boat rounded the point, a boy ran along the wall
//
// An indent that deep otherwise marks code or a verse quotation, whose
// every line is indented. Here the line after it starts at the margin, and
// the text does so at least three times: those first lines get the
// shallow indent that analyze reads as the same convention (indentParas).
// It returns lines, changed in place.
func (r *textReader) firstLineIndents(lines []srcLine) []srcLine {
	var starts []int
	for i := range lines {
		if isDeepFirstLine(lines, i) {
			starts = append(starts, i)
		}
	}
	if len(starts) < 3 {
		return lines
	}
	for _, i := range starts {
		lines[i].indent = 2
	}
	r.repair(int(lines[starts[0]].no), "indent-paragraphs", "%d paragraphs marked by a deep first-line indent and no blank line", len(starts))
	r.found("deep-first-line-indent", "%d lines indented four to eight columns above a line at the margin, the first on line %d", len(starts), lines[starts[0]].no)
	return lines
}

// isDeepFirstLine reports whether lines[i] opens a paragraph with a deep
// first-line indent: indented four to eight columns, long enough to be
// wrapped prose, after a blank line or a line at the margin, and followed
// by a line at the margin.
func isDeepFirstLine(lines []srcLine, i int) bool {
	l := lines[i]
	if l.indent < 4 || l.indent > 8 || runeLen(l.text()) < 30 || strings.Count(l.text(), " ") < 4 || isMarker(l) || i+1 >= len(lines) {
		return false
	}
	next := lines[i+1]
	if next.blank() || next.indent > 1 || isMarker(next) {
		return false
	}
	return i == 0 || lines[i-1].blank() || lines[i-1].indent <= 1
}
