package reader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Before the plain-text reader reads a line, it learns the conventions of
// the program the text was copied out of, each from the whole of the
// text, the way a typesetter looks over a manuscript before setting it.
// Each convention is inferred in one function below, which rewrites the
// lines into the form the rest of the reader already knows (a margin
// stripped, page furniture dropped, a blank line between paragraphs) and
// records what it found as a Convention:
//
//   - page breaks: form feeds, page numbers and running heads between the
//     pages of a PDF copy are furniture, not text;
//   - numbered references: a text browser prints "[3]" before a link's
//     text and lists the targets under "References" at the end;
//   - margin: a text browser indents every line by the same columns, and
//     a line set left of that margin is a heading;
//   - centred lines: a title set in the middle of the line (a text
//     browser centres it) moves to the left edge, where the title block
//     reads as in any other text;
//   - star headings: a converter sets headings between rows of stars,
//     "****** Title ******", the more stars the higher the level;
//   - underscored links: a converter joins the words of a link's text
//     with "_" ("the_code_behind");
//   - line-length paragraphs: with no blank lines between paragraphs, a
//     line that stops short of the wrap before a new sentence ends its
//     paragraph.

// Convention is a habit of the text's source that the plain-text reader
// found in the whole input before reading it, with its evidence.
type Convention struct {
	// Name is "page-breaks", "numbered-references", "margin",
	// "outdented-headings", "centred-lines", "star-headings",
	// "underscored-links" or "line-length-paragraphs"; "gutenberg" (a Project
	// Gutenberg wrapper), "deep-first-line-indent", "real-line-end-hyphens"
	// or "glued-paragraphs".
	Name string `json:"name"`
	// Evidence says what in the text showed the convention.
	Evidence string `json:"evidence"`
}

// found records a convention.
func (r *textReader) found(name, format string, args ...any) {
	r.conventions = append(r.conventions, Convention{Name: name, Evidence: fmt.Sprintf(format, args...)})
}

// inferConventions learns the conventions of lines and returns the lines
// rewritten by them.
func (r *textReader) inferConventions(lines []srcLine) []srcLine {
	lines, joins := r.pageBreaks(lines)
	lines = r.numberedReferences(lines)
	lines = r.margin(lines)
	lines = r.centredLines(lines)
	lines = r.starHeadings(lines)
	r.underscoredLinks(lines)
	return r.lineLengthParagraphs(lines, joins)
}

// pageNumber reports whether s is a page number alone on its line: "12",
// "- 12 -", "Page 12", "xii".
func pageNumber(s string) (int, bool) {
	s = strings.TrimSpace(strings.Trim(s, "-–— "))
	low := strings.ToLower(s)
	for _, p := range []string{"page ", "p. ", "seite ", "página ", "pagina "} {
		low = strings.TrimPrefix(low, p)
	}
	if n, err := strconv.Atoi(low); err == nil && n >= 0 && n < 10000 {
		return n, true
	}
	if low != "" && len(low) <= 8 && isRoman(low) {
		return -1, true
	}
	return 0, false
}

// pageBreaks drops the furniture between the pages of a PDF copy:
// pdftotext ends each page with a form feed, after its footer (a page
// number alone between blank lines), and a running head may open every
// page. The two halves of the text around a break are joined, without
// the blank lines that surrounded the furniture; joins lists the indexes
// (in the returned lines) of the first line after each break, where
// lineLengthParagraphs decides whether a paragraph ends.
func (r *textReader) pageBreaks(lines []srcLine) ([]srcLine, []int) {
	if strings.IndexByte(r.src, '\f') < 0 {
		return lines, nil // the lines are cut from src
	}
	var feeds []int // lines opened by a form feed
	for i, l := range lines {
		if strings.IndexByte(l.raw, '\f') >= 0 {
			feeds = append(feeds, i)
		}
	}
	if len(feeds) == 0 {
		return lines, nil
	}
	drop := make([]bool, len(lines))
	numbers, heads := 0, 0
	// A running head: the same first line (digits aside) on most pages.
	tops := map[string]int{}
	firstText := func(i int) int {
		for ; i < len(lines); i++ {
			if strings.TrimLeft(lines[i].text(), "\f") != "" {
				return i
			}
		}
		return -1
	}
	stripDigits := func(s string) string {
		return strings.TrimSpace(strings.Map(func(c rune) rune {
			if unicode.IsDigit(c) || c == '\f' {
				return -1
			}
			return c
		}, s))
	}
	for _, f := range feeds {
		if k := firstText(f); k >= 0 {
			tops[stripDigits(lines[k].text())]++
		}
	}
	last := 0 // the last page number read
	for page, f := range feeds {
		// The footer: the last line before the feed, a page number set
		// apart by a blank line or counting the pages.
		k := f - 1
		for k >= 0 && lines[k].blank() {
			k--
		}
		if k >= 0 {
			if n, ok := pageNumber(lines[k].text()); ok && (k == 0 || lines[k-1].blank() || n == page+1 || last > 0 && n == last+1) {
				drop[k] = true
				numbers++
				last = n
			}
		}
		if k := firstText(f); k >= 0 {
			t := stripDigits(lines[k].text())
			if _, ok := pageNumber(strings.TrimLeft(lines[k].text(), "\f")); ok && k+1 < len(lines) && lines[k+1].blank() {
				drop[k] = true // a page number at the top of the page
				numbers++
			} else if t != "" && len(feeds) >= 3 && tops[t]*2 > len(feeds) && runeLen(t) <= 80 {
				drop[k] = true
				heads++
			}
		}
	}
	// The last page's footer has no feed after it.
	k := len(lines) - 1
	for k >= 0 && lines[k].blank() {
		k--
	}
	if k > 0 && lines[k-1].blank() && numbers > 0 {
		if _, ok := pageNumber(lines[k].text()); ok {
			drop[k] = true
			numbers++
		}
	}
	out := make([]srcLine, 0, len(lines))
	var joins []int
	for i, l := range lines {
		if drop[i] {
			r.repair(int(l.no), "page-furniture", "%q between two pages dropped", strings.TrimSpace(strings.ReplaceAll(l.text(), "\f", "")))
			continue
		}
		if strings.IndexByte(l.raw, '\f') >= 0 {
			l = newLine(l.no, strings.TrimRight(strings.ReplaceAll(l.raw, "\f", ""), " \t"))
			// The blank lines that framed the furniture go.
			for len(out) > 0 && out[len(out)-1].blank() {
				out = out[:len(out)-1]
			}
			if l.blank() {
				// The page opens with blank lines (or a dropped head):
				// skip them too.
				continue
			}
			joins = append(joins, len(out))
		} else if l.blank() && len(joins) > 0 && joins[len(joins)-1] == len(out) {
			continue
		} else if len(joins) > 0 && len(out) > 0 && joins[len(joins)-1] > len(out) {
			joins[len(joins)-1] = len(out)
		}
		out = append(out, l)
	}
	r.found("page-breaks", "%d form feed(s) between pages; %d page number(s) and %d running head(s) dropped", len(feeds), numbers, heads)
	return out, joins
}

// numberedReferences reads the reference list a text browser prints at
// the end of a page ("References", then "   1. https://…"), keeps its
// targets for the "[1]" marks in the text (inlines turns them into
// links), and drops the list, which is no part of the article.
func (r *textReader) numberedReferences(lines []srcLine) []srcLine {
	// Find the heading from the end: everything after it must be the list.
	h := -1
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.blank() {
			continue
		}
		t := l.text()
		switch strings.TrimSuffix(t, ":") {
		case "References", "Visible links", "Hidden links":
			h = i
			continue
		}
		if _, _, ok := referenceEntry(t); ok {
			continue
		}
		break
	}
	if h < 0 {
		return lines
	}
	refs := map[int]string{}
	for _, l := range lines[h+1:] {
		if n, url, ok := referenceEntry(l.text()); ok {
			refs[n] = url
		}
	}
	if len(refs) == 0 {
		return lines
	}
	// The marks must be in the text, or this is a list the author wrote.
	marks := 0
	for _, l := range lines[:h] {
		for s := l.text(); ; {
			k := strings.IndexByte(s, '[')
			if k < 0 {
				break
			}
			if n, w := referenceMark(s[k:]); w > 0 && refs[n] != "" {
				marks++
			}
			s = s[k+1:]
		}
	}
	if marks == 0 {
		return lines
	}
	r.refs = refs
	r.repair(int(lines[h].no), "reference", "the list of %d link target(s) under %q read as the targets of the numbered links and dropped", len(refs), lines[h].text())
	for _, l := range lines[h+1:] {
		if n, url, ok := referenceEntry(l.text()); ok {
			r.repair(int(l.no), "reference", "[%d] is a link to %s", n, url)
		}
	}
	r.found("numbered-references", "%d numbered link(s) marked like \"[1]\" in the text; the list of %d target(s) under %q (line %d) dropped", marks, len(refs), lines[h].text(), lines[h].no)
	return lines[:h]
}

// referenceEntry reads "12. https://example.org/" (lynx) or "[12]
// https://example.org/" (w3m) from a reference list.
func referenceEntry(s string) (int, string, bool) {
	num, rest := "", ""
	if strings.HasPrefix(s, "[") {
		k := strings.Index(s, "] ")
		if k < 0 {
			return 0, "", false
		}
		num, rest = s[1:k], s[k+2:]
	} else {
		k := strings.Index(s, ". ")
		if k < 0 {
			return 0, "", false
		}
		num, rest = s[:k], s[k+2:]
	}
	if len(num) == 0 || len(num) > 5 {
		return 0, "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return 0, "", false
	}
	url := strings.TrimSpace(rest)
	c := strings.IndexByte(url, ':')
	if c <= 0 || strings.IndexAny(url[:c], " \t") >= 0 || c+1 == len(url) {
		return 0, "", false // no scheme: not a link's target
	}
	// A browser prints a space in an address as it was written.
	return n, strings.ReplaceAll(url, " ", "%20"), true
}

// referenceMark reads a "[12]" mark at the start of s, followed by the
// link's text; it returns the number and the mark's length, or 0.
func referenceMark(s string) (int, int) {
	if len(s) < 4 || s[0] != '[' {
		return 0, 0
	}
	k := 1
	for k < len(s) && k <= 5 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == 1 || k >= len(s)-1 || s[k] != ']' || s[k+1] == ' ' || s[k+1] == '(' {
		return 0, 0
	}
	n, _ := strconv.Atoi(s[1:k])
	return n, k + 1
}

// margin strips the columns that every line of the text is indented by:
// a text browser sets the body three columns in and its section headings
// at the left edge. The margin is the widest indent that four lines in
// five keep and that is the most common indent of all; a short line
// standing alone left of it is a heading.
func (r *textReader) margin(lines []srcLine) []srcLine {
	var hist [13]int
	total := 0
	for _, l := range lines {
		if !l.blank() {
			hist[min(l.indent, 12)]++
			total++
		}
	}
	if total < 4 {
		return lines
	}
	m, kept := 0, total
	for c := 0; c < 12; c++ {
		kept -= hist[c]
		if kept*5 < total*4 {
			break
		}
		m = c + 1
	}
	if m == 0 {
		return lines
	}
	for c := range hist {
		if hist[c] > hist[m] {
			return lines
		}
	}
	r.marginCols = m
	out := make([]srcLine, len(lines))
	heads := 0
	for i, l := range lines {
		switch {
		case l.blank():
		case int(l.indent) >= m:
			q := newLine(l.no, l.raw[byteCol(l.raw, m):])
			q.quoted, q.head, q.headBy = l.quoted, l.head, l.headBy
			l = q
		default:
			l.lifted = true
		}
		if l.lifted && (i == 0 || lines[i-1].blank()) && (i+1 == len(lines) || lines[i+1].blank()) &&
			len(strings.Fields(l.text())) <= 14 && runeLen(l.text()) <= 100 && !isMarker(l) && !isBreak(l.text()) && hasLetter(l.text()) {
			l.head, l.headBy = 2, headLeft
			heads++
		}
		out[i] = l
	}
	r.found("margin", "%d of %d lines indented by %d column(s) or more; the margin stripped", total-hist[0]-sumTo(hist[:], m), total, m)
	if heads > 0 {
		r.found("outdented-headings", "%d line(s) standing alone left of the margin read as headings", heads)
	}
	return out
}

func sumTo(h []int, m int) int {
	n := 0
	for c := 1; c < m; c++ {
		n += h[c]
	}
	return n
}

// centredLines moves lines set in the middle of the text's width (a text
// browser centres a page's title, wrapped over two lines or three when it
// is long) to the left edge: a run of one to three lines between blank
// lines, one of them indented by six columns or more, each with as much
// room on its right as on its left, give or take four columns or a
// quarter of the room on the left (the width is an estimate). Read there,
// the title block or the heading is what it would be in any other text.
func (r *textReader) centredLines(lines []srcLine) []srcLine {
	// left is the line's indent before margin stripped it.
	left := func(l srcLine) int {
		if l.lifted {
			return int(l.indent)
		}
		return int(l.indent) + r.marginCols
	}
	// runs lists the runs of non-blank lines worth a look: short, with a
	// line set well in.
	var runs [][2]int
	for i := 0; i < len(lines); {
		if lines[i].blank() {
			i++
			continue
		}
		e := i
		deep := false
		for e < len(lines) && !lines[e].blank() {
			deep = deep || lines[e].indent >= 4 && left(lines[e]) >= 6
			e++
		}
		if e-i <= 3 && deep {
			runs = append(runs, [2]int{i, e})
		}
		i = e
	}
	if len(runs) == 0 {
		return lines
	}
	// The width is the text's without the runs looked at.
	var lens []int
	k := 0
	for i, l := range lines {
		for k < len(runs) && runs[k][1] <= i {
			k++
		}
		if !l.blank() && (k == len(runs) || i < runs[k][0]) {
			lens = append(lens, runeLen(l.raw))
		}
	}
	if len(lens) < 4 {
		return lines
	}
	slices.Sort(lens)
	// The margin stripped before counts on both sides.
	width := lens[len(lens)*95/100] + 2*r.marginCols
	if width < 40 {
		return lines
	}
	n := 0
	for _, run := range runs {
		centred := true
		for _, l := range lines[run[0]:run[1]] {
			lf := left(l)
			right := width - lf - runeLen(l.text())
			if tol := max(4, lf/4); right-lf > tol || lf-right > tol {
				centred = false
				break
			}
		}
		if !centred {
			continue
		}
		for i := run[0]; i < run[1]; i++ {
			q := newLine(lines[i].no, lines[i].text())
			q.head, q.headBy = lines[i].head, lines[i].headBy
			lines[i] = q
			n++
		}
	}
	if n > 0 {
		r.found("centred-lines", "%d line(s) centred in the %d-column width moved to the left edge", n, width)
	}
	return lines
}

// starRun returns the text of a "***** Heading *****" line and the
// number of stars on each side, or 0.
func starRun(s string) (string, int) {
	n := 0
	for n < len(s) && s[n] == '*' {
		n++
	}
	if n < 2 || !strings.HasSuffix(s, " "+s[:n]) || len(s) < 2*n+3 || s[n] != ' ' {
		return "", 0
	}
	inner := strings.TrimSpace(s[n : len(s)-n])
	if inner == "" || strings.Contains(inner, s[:n]) {
		return "", 0
	}
	return inner, n
}

// starHeadings reads headings set between rows of stars, as html2text
// marks <h1> with six stars and <h2> with five: the more stars, the
// higher the level.
func (r *textReader) starHeadings(lines []srcLine) []srcLine {
	most, count := 0, 0
	for _, l := range lines {
		if _, n := starRun(l.text()); n > 0 && l.indent < 4 {
			most = max(most, n)
			count++
		}
	}
	if count == 0 {
		return lines
	}
	for i, l := range lines {
		if inner, n := starRun(l.text()); n > 0 && l.indent < 4 {
			q := newLine(l.no, inner)
			q.head, q.headBy = int32(most-n+1), headStars
			lines[i] = q
		}
	}
	r.found("star-headings", "%d line(s) set between rows of stars (\"%s Heading %s\") read as headings", count, strings.Repeat("*", most), strings.Repeat("*", most))
	return lines
}

// underscoredLinks finds the link texts a converter wrote with "_" for
// each space ("go.dev_and_pkg.go.dev", "Go_turning_10") and gives them
// back their spaces. Program names join words with "_" too
// ("read_file"), so the convention needs evidence from the whole text:
// three such words or more, at least half of them holding a capital or
// a digit or three words or more, and none in a code span.
func (r *textReader) underscoredLinks(lines []srcLine) {
	var cands, strong int
	for _, l := range lines {
		if l.indent >= 4 || strings.IndexByte(l.text(), '_') < 0 {
			continue
		}
		if strings.IndexByte(l.text(), '`') >= 0 {
			return
		}
		for _, w := range strings.Fields(l.text()) {
			if parts, ok := underscored(w); ok {
				cands++
				if len(parts) >= 3 || strings.ContainsFunc(w, func(c rune) bool { return unicode.IsUpper(c) || unicode.IsDigit(c) }) {
					strong++
				}
			}
		}
	}
	if cands < 3 || strong*2 < cands {
		return
	}
	for i, l := range lines {
		if l.indent >= 4 || strings.IndexByte(l.text(), '_') < 0 {
			continue
		}
		ws := strings.Fields(l.text())
		changed := false
		for k, w := range ws {
			if _, ok := underscored(w); ok {
				ws[k] = strings.ReplaceAll(w, "_", " ")
				changed = true
			}
		}
		if changed {
			// Spaces inside the line are one each in such text.
			q := newLine(l.no, l.raw[:byteCol(l.raw, int(l.indent))]+strings.Join(ws, " "))
			q.head, q.headBy, q.quoted = l.head, l.headBy, l.quoted
			lines[i] = q
		}
	}
	r.found("underscored-links", "%d link text(s) with \"_\" for spaces, such as \"the_code_behind\", given back their spaces", cands)
}

// underscored reports whether w is words joined by single underscores,
// each part holding a letter or a digit; its parts are returned.
func underscored(w string) ([]string, bool) {
	w = strings.Trim(w, ",.;:!?\"'“”‘’()[]")
	if strings.Count(w, "_") == 0 || strings.Contains(w, "__") || strings.HasPrefix(w, "_") || strings.HasSuffix(w, "_") {
		return nil, false
	}
	if strings.ContainsAny(w, "=(){}<>*`$\\") {
		return nil, false
	}
	parts := strings.Split(w, "_")
	for _, p := range parts {
		if !strings.ContainsFunc(p, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) {
			return nil, false
		}
	}
	return parts, true
}

// lineLengthParagraphs separates paragraphs in a text that has no blank
// lines between them (html2text, pdftotext): a line ends its paragraph
// when the next line opens a sentence and its first word would have
// fitted on the line — a wrapping program, or a typesetter, would have
// put it there. What "fitted" means comes from the text: the lengths of
// lines known to go on (the next line continues in lowercase) give the
// narrowest full line; a monospaced wrap makes that the wrap width, a
// justified page a little less. A full line that ends a paragraph leaves
// no trace and stays joined: a missed break costs less than a false one.
// The convention holds when the lines of prose at the margin that stop
// short go on to the next line more often than to a blank line; in a
// text that separates its paragraphs by blank lines, only the page joins
// (see pageBreaks) are decided this way.
func (r *textReader) lineLengthParagraphs(lines []srcLine, joins []int) []srcLine {
	nonBlank, gaps := 0, 0
	for i, l := range lines {
		if l.blank() {
			if i > 0 && !lines[i-1].blank() {
				gaps++
			}
			continue
		}
		nonBlank++
	}
	// Chunks of two lines or less on average: blank lines separate.
	if len(joins) == 0 && (nonBlank < 8 || gaps*3 >= nonBlank) {
		return lines
	}
	dense := make([]bool, len(lines))
	for i, l := range lines {
		dense[i] = !l.blank() && denseCode(l.text())
	}
	var full []int
	for i := 0; i+1 < len(lines); i++ {
		a, b := lines[i], lines[i+1]
		if !startsLower(b.text()) || a.blank() || a.indent >= 4 || b.indent >= 4 || a.head > 0 || dense[i] || dense[i+1] ||
			isMarker(a) {
			continue // program code is broken by hand, not by the wrap
		}
		full = append(full, fit(a, b))
	}
	if len(full) < 5 {
		return lines
	}
	slices.Sort(full)
	p := lineProfile{width: full[len(full)/20], median: full[len(full)/2]}
	if p.width < 30 {
		return lines
	}
	// Where do the lines of prose that stop short go: to a blank line, or
	// straight on to the next paragraph?
	toText, toBlank := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		a := lines[i]
		if a.blank() || a.indent != 0 || a.head > 0 || dense[i] || isMarker(a) {
			continue
		}
		k := skipBlank(lines, i+1)
		if k >= len(lines) || lines[k].indent != 0 || isMarker(lines[k]) || !p.endsShort(a, lines[k], false, false, false) {
			continue
		}
		if k == i+1 {
			toText++
		} else {
			toBlank++
		}
	}
	noBlanks := toText >= 2 && toText > toBlank
	r.lineLength = noBlanks
	if !noBlanks && len(joins) == 0 {
		return lines
	}
	breaks := 0
	out := make([]srcLine, 0, len(lines)+nonBlank/4)
	ji := 0
	// lines[i-1] belongs to a list item, to program code
	inItem, inCode := false, false
	for i, l := range lines {
		if l.blank() || i > 0 && lines[i-1].blank() {
			inItem, inCode = false, false
		}
		atJoin := false
		for ji < len(joins) && joins[ji] < i {
			ji++
		}
		if ji < len(joins) && joins[ji] == i {
			atJoin = true
		}
		if i > 0 && (noBlanks || atJoin) && p.endsShort(lines[i-1], l, inItem, inCode, dense[i]) {
			if lines[i-1].head == 0 && l.head == 0 {
				r.repair(int(l.no), "split-paragraph", "new paragraph at %q: the line before stops short of the %d columns a full line reaches", head(l.text()), p.width)
			}
			out = append(out, srcLine{no: l.no})
			breaks++
			inItem, inCode = false, false
		}
		if dense[i] {
			inCode = true
		}
		if isMarker(l) {
			inItem = true
		}
		out = append(out, l)
	}
	if noBlanks {
		r.found("line-length-paragraphs", "%d line(s) of prose stop short of the %d columns a full line reaches before a new sentence, %d of them with no blank line after; %d paragraph end(s) found there", toText+toBlank, p.width, toText, breaks)
	} else if breaks > 0 {
		r.found("line-length-paragraphs", "%d of %d page break(s) fall at a paragraph end: the line before stops short of the %d columns a full line reaches", breaks, len(joins), p.width)
	}
	return out
}

// lineProfile is what the lines known to go on (the next line continues
// in lowercase) say about the width of a full line, each length counted
// with the next line's first word: the narrowest such line (the fifth
// percentile, so that a few odd lines do not count) and the typical one.
type lineProfile struct {
	width, median int // columns
}

// fit is a's length with b's first word added.
func fit(a, b srcLine) int {
	return runeLen(a.raw) + 1 + firstWordLen(b)
}

// firstWordLen is the length of b's first word in characters.
func firstWordLen(b srcLine) int {
	first := b.text()
	if k := strings.IndexByte(first, ' '); k >= 0 {
		first = first[:k]
	}
	return runeLen(first)
}

// endsShort reports whether line a ends its paragraph before b: b opens a
// sentence, a heading or a list item, and b's first word would have fitted
// on a. The lines of a list item are set narrower than the text. A line
// far longer than a full one holds several lines of the page that the
// extraction ran together, the last of any length: it decides nothing.
// Program code that lost its layout and the prose around it are apart.
func (p lineProfile) endsShort(a, b srcLine, inItem, inCode, bCode bool) bool {
	if a.blank() || b.blank() {
		return false
	}
	if a.head > 0 || b.head > 0 {
		return true
	}
	limit := p.width
	if inItem {
		limit -= 8
	}
	if isMarker(b) {
		return fit(a, b) < limit || endsSentence(a.text())
	}
	// Program code wrapped like the prose around it: it starts at its
	// first dense line and ends before a sentence without marks of code.
	if inCode {
		return !bCode && opensSentence(b.text())
	}
	if bCode {
		return true
	}
	aLen := runeLen(a.raw)
	if aLen > p.median*6/5 {
		return false // no telling how long its last line was
	}
	if !opensSentence(b.text()) {
		return false
	}
	if strings.HasSuffix(a.text(), "-") || a.indent >= 4 && b.indent >= 4 {
		return false
	}
	return aLen+1+firstWordLen(b) < limit
}
