package reader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/model"
)

// The plain-text reader. Its input is what people get when they copy an
// article out of a web page, an e-mail or an old scan: a title, a byline
// and a date in some order, then prose whose paragraphs were broken,
// wrapped, or glued together on the way. It works in passes:
//
//  1. lines: split, trailing spaces dropped, indentation measured; then
//     the conventions of the program the text was copied out of are
//     learnt from the whole text and the lines rewritten by them
//     (conventions.go: page furniture, a margin, centred lines, star
//     headings, numbered references, paragraphs by line length);
//  2. header: title, subtitle, byline and date become metadata (a
//     breadcrumb or label above the title stays in the body; a byline
//     right after the first paragraph is still a byline);
//  3. style: the document's habits (hard wrap width, paragraphs marked by
//     indentation, explicit Markdown-like headings) steer later choices;
//  4. blocks: fences, indented blocks, quotes, dialogue, lists, numbered
//     sections, tables, headings and paragraph chunks; a chunk's shape
//     (shape.go) tells a heading set right above its text and a block
//     whose line breaks are the author's (verse, a form, a sign-off);
//  5. repair: fragments split by a blank line are joined, bare lines that
//     read as headings become headings;
//  6. signature: with no byline, a signed last line or sign-off names the
//     author;
//  7. build: paragraph lines are unwrapped (rejoining hyphenated words),
//     inline markup is read, and the model is assembled.
//
// Every change is recorded as a Repair. Each heuristic names the convention
// it reads (and the kind of source that writes it: a blog, a Victorian
// magazine), the sample (samples/) or the messy input (testdata/messy) that
// motivated it.

// srcLine is one input line. A text holds one per input line while it is
// read, so a line takes 32 bytes: its text is found in raw, not kept as a
// second string, its numbers are 32-bit (an input of 2^31 lines or
// columns is far past any the reader is given) and its marks share a word.
type srcLine struct {
	raw    string // the line without trailing spaces, indentation kept
	no     int32  // 1-based line number in the input
	indent int32  // leading columns; a tab counts to the next multiple of 4
	// head is the level of a heading that a convention of the text marks
	// (rows of stars, a line left of the margin), 0 for other lines;
	// headBy names that convention.
	head   int32
	headBy headConv
	// quoted marks a line read from behind a ">": its depth is written
	// out, so it is no lazy continuation of a deeper quotation.
	quoted bool
	// lifted marks a line left of the margin that margin stripped from
	// the others: its indent is the one it was written with.
	lifted bool
	// joined marks a line whose text was set by setText: all of raw is
	// its text.
	joined bool
}

// text is the line without indentation and trailing spaces.
func (l srcLine) text() string {
	if l.joined {
		return l.raw
	}
	return l.raw[indentBytes(l.raw):]
}

// indentBytes is the length of the spaces and tabs that open s.
func indentBytes(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// setText gives l the text s in place of its own, with no indentation:
// a header line joined with the line that continues it.
func (l *srcLine) setText(s string) { l.raw, l.joined = s, true }

// headConv is the convention of the text that marks a line as a heading
// (head is then its level): rows of stars, a line left of the margin.
type headConv uint8

const (
	headNone headConv = iota
	headStars
	headLeft
)

// String names the convention, as heading repairs say it.
func (h headConv) String() string {
	switch h {
	case headStars:
		return "set between rows of stars"
	case headLeft:
		return "left of the margin"
	}
	return ""
}

func (l srcLine) blank() bool { return l.text() == "" }

// textReader holds the state of one read.
type textReader struct {
	opt     Options
	lang    string // the primary language subtag ("en" for "en-GB")
	repairs repairLog
	lines   blockLines

	src    string    // the decoded input, searched by joinHyphen and isAcronym
	body   []srcLine // the lines after the header
	kicker []srcLine // a label above the title, kept as the first paragraph
	// imprint is a title page's publisher and year, kept as a laid-out
	// block at the start of the body.
	imprint []srcLine

	// Document style, from analyze.
	wrap             int  // hard-wrap width in columns, 0 when not wrapped
	indentParas      bool // paragraphs start with a first-line indent (Victorian magazine)
	explicitHeadings bool // the text marks headings with # or underlines (Go blog and Mozilla Hacks)

	// conventions are the habits of the text's source (conventions.go);
	// refs maps the numbers of "[1]" link marks to their targets.
	conventions []Convention
	refs        map[int]string
	marginCols  int // the columns margin stripped from every line
	// lineLength is set when lineLengthParagraphs separated the
	// paragraphs: shortLine then has nothing left to decide.
	lineLength bool

	acronyms map[string]bool // isAcronym's answers
	hyphens  map[string]int  // hyphenUsage's counts
	// hyphenEnds counts the halves of line-end hyphenated words at line
	// ends, to take them off hyphenUsage's counts of the halves as words.
	hyphenEnds map[string]int
	// hyphenHabit caches realHyphens: 1 yes, -1 no, 0 not yet known.
	hyphenHabit int
	// rewrapped marks a text rewrapped without hyphenation (a Project
	// Gutenberg book): its line-end hyphens are real.
	rewrapped bool
}

// readText reads messy plain text.
func readText(text string, opt Options) (*Result, error) {
	r := &textReader{opt: opt, src: text}
	lines := r.splitLines(text)
	// given is the metadata the text states outright, in a front matter
	// block or a Project Gutenberg header; the text below is still read
	// and repaired as any other.
	given, fmLines, hasFM := r.frontMatter(text)
	lines = lines[fmLines:]
	lines, pg, isPG := r.gutenberg(lines)
	given.fill(pg)
	lines = r.inferConventions(lines)
	r.rewrapped = isPG
	tag := strings.ToLower(opt.Lang)
	switch {
	case tag != "":
	case given.Lang != "":
		tag = given.Lang
	case isPG || hasFM:
		tag = opt.detectLang(linesText(lines), firstLineNo(lines))
	default:
		tag = opt.detectLang(text, 0)
	}
	r.lang = primaryLang(tag)
	doc := &model.Document{Lang: tag}
	start := 0
	if given.Title == "" || opensWithTitle(lines, given.Title) {
		start = r.header(lines, doc, r.lang)
	}
	r.givenMeta(doc, given)
	r.body = r.lateByline(lines[start:], doc)
	r.body = r.firstLineIndents(r.body)
	r.analyze(r.body)
	blocks := r.parseBlocks(r.body, false)
	if len(r.imprint) > 0 {
		var ls []srcLine
		for _, l := range r.imprint {
			if !l.blank() {
				ls = append(ls, l)
			}
		}
		blocks = append([]*pblock{{kind: pLayout, lines: ls}}, blocks...)
	}
	if len(r.kicker) > 0 {
		blocks = append([]*pblock{{kind: pPara, lines: r.kicker, splitBy: splitKicker}}, blocks...)
	}
	blocks = r.signature(blocks, doc)
	doc.Blocks = r.splitGlued(r.build(blocks))
	if doc.Title == "" {
		if t := titleFromName(opt.Name); t != "" {
			doc.Title = t
			r.repair(0, "title", "%q from the file name: no line reads as a title", t)
			r.opt.warn(0, "no title line found; the title %q comes from the file name (put the title on a line of its own)", t)
		} else {
			r.opt.warn(0, "no title found; the first line reads as body text (put the title on a line of its own)")
		}
	}
	// The result takes a copy of the lines, not a pointer into r: r holds
	// the text's source lines, which are not kept beyond the read.
	placed := r.lines
	return &Result{Doc: doc, Repairs: r.repairs.repairs(), Conventions: r.conventions, lines: &placed}, nil
}

// repair records one change.
func (r *textReader) repair(line int, kind, format string, args ...any) {
	r.repairs.add(line, kind, func() string { return sprintf(format, args...) })
}

// sprintf is fmt.Sprintf, with the verbs repairs use most written
// directly: a text records a repair for most of its paragraphs. %d of an
// int, %s and %q of a string and %% are done here; any other verb, flag,
// width or argument type hands the whole format to fmt.
func sprintf(format string, args ...any) string {
	buf := make([]byte, 0, len(format)+32)
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			buf = append(buf, c)
			continue
		}
		if i+1 >= len(format) {
			return fmt.Sprintf(format, args...)
		}
		i++
		verb := format[i]
		if verb == '%' {
			buf = append(buf, '%')
			continue
		}
		if next >= len(args) {
			return fmt.Sprintf(format, args...)
		}
		switch a := args[next].(type) {
		case int:
			if verb != 'd' {
				return fmt.Sprintf(format, args...)
			}
			buf = strconv.AppendInt(buf, int64(a), 10)
		case string:
			switch verb {
			case 's':
				buf = append(buf, a...)
			case 'q':
				buf = strconv.AppendQuote(buf, a)
			default:
				return fmt.Sprintf(format, args...)
			}
		default:
			return fmt.Sprintf(format, args...)
		}
		next++
	}
	if next != len(args) {
		return fmt.Sprintf(format, args...)
	}
	return string(buf)
}

// splitLines cuts text into lines, measuring indentation and dropping
// trailing spaces (a Go blog post has them after a third of its lines).
func (r *textReader) splitLines(text string) []srcLine {
	n := strings.Count(text, "\n") + 1
	lines := make([]srcLine, 0, n)
	trailing, firstTrailing := 0, 0
	for no := 1; ; no++ {
		i := strings.IndexByte(text, '\n')
		var l string
		if i < 0 {
			l = text
		} else {
			l = text[:i]
		}
		t := strings.TrimRight(l, " \t\u00a0")
		if len(t) != len(l) && t != "" {
			trailing++
			if firstTrailing == 0 {
				firstTrailing = no
			}
		}
		lines = append(lines, newLine(int32(no), t))
		if i < 0 {
			break
		}
		text = text[i+1:]
	}
	if trailing > 0 {
		r.repair(firstTrailing, "trailing-space", "removed trailing spaces from %d line(s)", trailing)
	}
	return lines
}

// newLine measures the indentation of raw (trailing spaces already gone).
func newLine(no int32, raw string) srcLine {
	col := 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return srcLine{no: no, indent: int32(col), raw: raw}
		}
	}
	return srcLine{no: no, raw: raw}
}

// runeLen is the length of s in characters. Lines are mostly ASCII: it
// counts eight bytes at a time while none has its high bit set, and
// leaves the rest to utf8.RuneCountInString from the first that has.
func runeLen(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		if (uint64(w[0])|uint64(w[1])<<8|uint64(w[2])<<16|uint64(w[3])<<24|
			uint64(w[4])<<32|uint64(w[5])<<40|uint64(w[6])<<48|uint64(w[7])<<56)&0x8080808080808080 != 0 {
			break
		}
	}
	return i + utf8.RuneCountInString(s[i:])
}

// analyze finds the document's habits.
func (r *textReader) analyze(lines []srcLine) {
	indentStarts := 0
	var wrapped []int // lengths of non-final lines of prose chunks
	laidOut := 0      // lines up to this index belong to a lineated chunk
	for i, l := range lines {
		if l.blank() {
			continue
		}
		if i >= laidOut && (i == 0 || lines[i-1].blank()) {
			// A chunk whose breaks are the author's (verse, a form) says
			// nothing about the wrap width (the allotment-poem sample).
			e := i
			for e < len(lines) && !lines[e].blank() {
				e++
			}
			if r.lineated(lines[i:e]) {
				laidOut = e
			}
		}
		if atxLevel(l) > 0 || (i > 0 && !lines[i-1].blank() && isUnderline(l.text()) != 0 && lines[i-1].indent < 4) {
			r.explicitHeadings = true
		}
		marker := isMarker(l)
		// Victorian magazines: paragraphs marked only by a two-space
		// first-line indent. A list item's continuation (Blogger) is
		// indented too, so lines after a list marker do not count.
		if l.indent >= 1 && l.indent <= 3 && !marker && i > 0 {
			prev := lines[i-1]
			if prev.blank() || prev.indent == 0 {
				if !isMarker(prev) {
					indentStarts++
				}
			}
		}
		// Hard wrap: the non-final lines of prose chunks.
		if i+1 < len(lines) && !lines[i+1].blank() && l.indent < 4 && !marker && lines[i+1].indent < 4 && i >= laidOut {
			wrapped = append(wrapped, runeLen(l.raw))
		}
	}
	r.indentParas = indentStarts >= 3
	// Go blog, Blogger and Victorian magazine texts are wrapped at 66-72
	// columns: nearly every non-final line of a paragraph ends within a
	// word or two of the width.
	if len(wrapped) >= 5 {
		// The width is the 90th percentile of those lengths: a few
		// unwrapped long lines (a URL, a list item) do not widen it.
		slices.Sort(wrapped)
		w := wrapped[len(wrapped)*9/10]
		near := 0
		for _, n := range wrapped {
			if n >= w-20 {
				near++
			}
		}
		// Nobody wraps prose narrower than 40 columns: shorter lines are
		// a layout, not a wrap.
		if w >= 40 && w <= 100 && near*10 >= len(wrapped)*8 {
			r.wrap = w
		}
	}
}

// atxLevel returns the level of a "## Heading" line, or 0.
func atxLevel(l srcLine) int {
	if l.indent > 3 {
		return 0
	}
	n := 0
	for n < len(l.text()) && l.text()[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(l.text()) || l.text()[n] != ' ' {
		return 0
	}
	return n
}

// isUnderline returns '=' or '-' when s is a setext underline (Mozilla
// Hacks uses "-----" under its section titles), 0 otherwise.
func isUnderline(s string) byte {
	if len(s) < 2 {
		return 0
	}
	c := s[0]
	if c != '=' && c != '-' {
		return 0
	}
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			return 0
		}
	}
	return c
}

// isBreak reports whether s is a thematic break: "* * *", "***", "---",
// "___" and the like.
func isBreak(s string) bool {
	var c byte
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
		case '*', '-', '_':
			if c != 0 && s[i] != c {
				return false
			}
			c = s[i]
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// marker is a list marker at the start of a line.
type marker struct {
	ordered bool
	num     int // the number of an ordered item ("c)" is 3)
	content int // the display column where the item's text starts
	off     int // the byte offset in the line's text where it starts
	// style tells lists apart: the bullet itself ("-", "•") or the shape
	// of the number ("1.", "1)", "(1)", "a.", "a)", "(a)"). A change of
	// style at the same indentation ends a list, as in Markdown.
	style string
}

// bullets open an unordered item: "-", "*" and "+" (Markdown, Go blog,
// Blogger, Mozilla Hacks), "•" (Go blog) and the glyphs word processors
// paste for their bullets ("·" followed by spaces or a tab, the
// school-trip-letter sample).
const bullets = "-*+•◦‣·–▪"

// listMarker reads a list marker at the start of l: a bullet, a number
// followed by "." or ")" (Blogger, Mozilla Hacks), a number in brackets
// ("(1)", the library-press-release sample), or a lowercase letter used the
// same way ("a)", "b." or "(c)": the tenants-meeting-minutes and
// cooperativa-assembleia-pt samples). Space or a tab separates the marker
// from the text.
func listMarker(l srcLine) (marker, bool) {
	if l.indent > 12 || l.text() == "" {
		return marker{}, false
	}
	s := l.text()
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune(bullets, r) {
		if isBreak(s) {
			return marker{}, false
		}
		return markerAt(l, n, marker{style: s[:n]})
	}
	open := 0
	if r == '(' {
		open = 1
	}
	i, num := open, 0
	for i < len(s) && i < open+4 && s[i] >= '0' && s[i] <= '9' {
		num = num*10 + int(s[i]-'0')
		i++
	}
	style := "1"
	if i == open && i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		// One letter, not a word: "a)" but not "as)".
		num = int(s[i]-'a') + 1
		i++
		style = "a"
	}
	// The model's lists start at 1 or more, so "0." stays text.
	if i == open || i > open+3 || num == 0 || i >= len(s) {
		return marker{}, false
	}
	switch {
	case open == 1 && s[i] == ')':
		style = "(" + style + ")"
	case open == 0 && (s[i] == '.' || s[i] == ')'):
		style += s[i : i+1]
	default:
		return marker{}, false
	}
	return markerAt(l, i+1, marker{ordered: true, num: num, style: style})
}

// markerAt completes m, whose marker takes the first n bytes of l.text:
// the text must follow after spaces or a tab.
func markerAt(l srcLine, n int, m marker) (marker, bool) {
	s := l.text()
	if n >= len(s) || s[n] != ' ' && s[n] != '\t' {
		return marker{}, false
	}
	col := int(l.indent) + runeLen(s[:n])
	k := n
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		if s[k] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		k++
	}
	if k == len(s) {
		return marker{}, false
	}
	m.content, m.off = col, k
	return m, true
}

func isMarker(l srcLine) bool {
	_, ok := listMarker(l)
	return ok
}

// isQuoteLine reports whether l starts with ">".
func isQuoteLine(l srcLine) bool { return l.indent <= 3 && strings.HasPrefix(l.text(), ">") }

// fence returns the fence string of a "```" or "~~~" line, or "".
func fence(l srcLine) string {
	if l.indent > 3 {
		return ""
	}
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(l.text(), f) {
			n := 0
			for n < len(l.text()) && l.text()[n] == f[0] {
				n++
			}
			return l.text()[:n]
		}
	}
	return ""
}

// startsLower reports whether s begins with a lowercase letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// lastRune returns the last rune of s (0 when empty).
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// stripClosers removes closing quotes, brackets and emphasis marks from
// the end of s, to look at the punctuation before them.
func stripClosers(s string) string {
	return strings.TrimRight(s, "\"'”’)]*_»")
}

// abbreviations end with a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "st.": true, "no.": true, "nos.": true, "prof.": true,
	"rev.": true, "hon.": true, "sr.": true, "jr.": true, "vs.": true, "etc.": true, "cf.": true, "vol.": true,
	"p.": true, "pp.": true, "fig.": true, "ch.": true, "approx.": true, "inc.": true, "ltd.": true, "co.": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true, "sep.": true,
	"sept.": true, "oct.": true, "nov.": true, "dec.": true, "mt.": true, "ft.": true, "gen.": true, "gov.": true,
}

// endsAbbreviation reports whether s ends with an abbreviation ("Dr.",
// "U.S.", "e.g.") rather than a full stop.
func endsAbbreviation(s string) bool {
	i := strings.LastIndexAny(s, " \u00a0(")
	w := strings.ToLower(s[i+1:])
	if abbreviations[w] {
		return true
	}
	// Initialisms: "U.S.", "e.g.", "i.e.".
	return len(w) >= 4 && strings.Count(w, ".") >= 2 && !strings.Contains(w, "..")
}

// endsSentence reports whether a paragraph chunk ending in s is complete:
// it ends with . ! ? … or :, or with a dash that introduces what follows
// ("saying--" before a quotation in a Victorian magazine).
func endsSentence(s string) bool {
	c := stripClosers(s)
	if strings.HasSuffix(c, "--") || strings.HasSuffix(c, "—") {
		return true
	}
	// Converters print "--" as an en dash: "such as–", "saying:–" (not
	// the open range "1990–").
	if b, ok := strings.CutSuffix(c, "–"); ok {
		if p := lastRune(b); unicode.IsLetter(p) || p == ':' {
			return true
		}
	}
	switch lastRune(c) {
	case '.', '!', '?', '…', ':':
		return true
	}
	return false
}
