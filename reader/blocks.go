package reader

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pkind is the kind of a block found in the text, before it becomes a
// model block.
type pkind uint8

const (
	pPara    pkind = iota
	pHeading       // atx, setext, or a bare line promoted by promoteHeadings
	pList
	pCode   // program code: indented or fenced
	pLayout // prose laid out by hand: letter headings, signatures (Victorian magazine)
	pVerse  // an indented verse quotation in prose (Victorian magazine)
	pQuote  // "> " lines
	pBreak
	pTable // rows of cells marked by pipes, tabs or aligned spaces
)

// pblock is one block found in the text. A text holds a block a
// paragraph while it is read, so a paragraph's block is kept small: the
// fields only other kinds of block use sit behind more.
type pblock struct {
	kind pkind
	// lineated marks a paragraph whose line breaks are the author's
	// (verse, a form, a sign-off): they become line breaks.
	lineated bool
	ordered  bool // list
	// splitBy says why a paragraph starts here though no blank line
	// separates it from the previous one, splitNone when one does.
	splitBy split
	lines   []srcLine // para, heading, code, layout, verse: the lines
	more    *pmore    // the fields other kinds use; nil for most paragraphs
}

// split is why a paragraph starts where no blank line separates it from
// the one before: joinFragments and promoteHeadings leave such a
// paragraph as it is.
type split uint8

const (
	splitNone       split = iota
	splitHeading          // its first line became the heading above it
	splitIndent           // it starts with an indented line
	splitSalutation       // the line before is a letter's salutation
	splitShortLine        // the line before ends a sentence short of the wrap
	splitDialogue         // it is a speaker's turn
	splitSignature        // it is the sign-off under an article
	splitKicker           // it is the label that stood above the title
)

// pmore holds the fields of a pblock that most paragraphs leave empty.
type pmore struct {
	// joins lists the indexes in lines where a fragment split off by a
	// blank line was joined back (a line join, not a wrap).
	joins []int

	text  string // heading: the text without markers
	level int    // heading: raw level (0 for a bare line)
	style string // heading: how it was recognised
	lang  string // code: the fence's info string
	start int    // list: first number
	// numbering is how an ordered list counts ("a" for "a)" items), as
	// model.List.Numbering.
	numbering string
	items     [][]*pblock
	blocks    []*pblock  // quote: the content
	table     *textTable // table: the cells
}

// rare returns b's rarely used fields for reading: empty ones when b
// has none.
func (b *pblock) rare() *pmore {
	if b.more == nil {
		return &noMore
	}
	return b.more
}

// noMore is what rare returns for a block with no rare fields. It is never
// written: writers go through setMore.
var noMore pmore

// setMore returns b's rarely used fields for writing, making them first.
func (b *pblock) setMore() *pmore {
	if b.more == nil {
		b.more = &pmore{}
	}
	return b.more
}

// first returns the first input line number of b.
func (b *pblock) first() int {
	switch {
	case len(b.lines) > 0:
		return int(b.lines[0].no)
	case len(b.rare().items) > 0 && len(b.rare().items[0]) > 0:
		return b.rare().items[0][0].first()
	case len(b.rare().blocks) > 0:
		return b.rare().blocks[0].first()
	}
	return 0
}

// lastLine returns the text of a paragraph's last line, which the join
// tests look at.
func (b *pblock) lastLine() string { return b.lines[len(b.lines)-1].text() }

// parseBlocks finds the blocks in lines. inner is true inside quotes and
// list items, where bare lines never become headings.
func (r *textReader) parseBlocks(lines []srcLine, inner bool) []*pblock {
	var out []*pblock
	blankBefore := true
	for i := 0; i < len(lines); {
		l := lines[i]
		if l.blank() {
			blankBefore = true
			i++
			continue
		}
		var prev *pblock
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		startsBlock := blankBefore || (prev != nil && prev.kind != pPara)
		blankBefore = false
		if f := fence(l); f != "" {
			b, n := r.fenced(lines[i:], f)
			out = append(out, b)
			i += n
			continue
		}
		// An indented block after a blank line, or right under a line of
		// prose (paraChunk stops there).
		if l.indent >= 4 && !(prev != nil && prev.kind == pList) && (startsBlock || !inner && lines[i-1].indent < 2) {
			b, n := r.indented(lines[i:])
			out = append(out, b)
			i += n
			continue
		}
		if isQuoteLine(l) {
			b, n := r.quote(lines[i:])
			out = append(out, b)
			i += n
			continue
		}
		if l.head > 0 {
			out = append(out, &pblock{kind: pHeading, lines: []srcLine{l}, more: &pmore{text: l.text(), level: int(l.head), style: l.headBy.String()}})
			i++
			continue
		}
		if lv := atxLevel(l); lv > 0 {
			text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(l.text()[lv:]), "#"))
			if text == "" {
				text = l.text()
			}
			out = append(out, &pblock{kind: pHeading, lines: []srcLine{l}, more: &pmore{text: text, level: lv, style: "# marker"}})
			i++
			continue
		}
		if i+1 < len(lines) && !lines[i+1].blank() && l.indent < 4 && isUnderline(lines[i+1].text()) != 0 && !isBreak(l.text()) {
			lv := 1
			if isUnderline(lines[i+1].text()) == '-' {
				lv = 2
			}
			out = append(out, &pblock{kind: pHeading, lines: []srcLine{l}, more: &pmore{text: l.text(), level: lv, style: "underlined"}})
			i += 2
			continue
		}
		if isBreak(l.text()) && (i+1 >= len(lines) || lines[i+1].blank()) {
			out = append(out, &pblock{kind: pBreak, lines: []srcLine{l}})
			i++
			continue
		}
		if turns, n := r.dialogue(lines[i:]); n > 0 && !introduced(lines, i) {
			r.repair(int(l.no), "dialogue", "%d dialogue turn(s) opened by a dash kept as paragraphs", len(turns))
			out = append(out, turns...)
			i += n
			continue
		}
		if isMarker(l) && (startsBlock || inner || endsIntro(lines[i-1].text()) || listRun(lines[i:])) {
			if h, ok := r.numberedHeading(lines, i, inner); ok {
				out = append(out, h)
				i++
				continue
			}
			b, n := r.list(lines[i:])
			out = append(out, b)
			i += n
			continue
		}
		if strings.ContainsAny(l.text(), "\t|") || strings.Contains(l.text(), "  ") || isRuleRow(l.text()) {
			if t, ok := readTextTable(lines[i:]); ok {
				r.repair(int(l.no), "table", "table of %d row(s) and %d column(s) read from cells marked by %s", len(t.rows), len(t.rows[0]), t.from)
				out = append(out, &pblock{kind: pTable, lines: lines[i : i+t.lines], more: &pmore{table: &t}})
				i += t.lines
				continue
			}
		}
		if !inner && startsBlock {
			if n := indentedQuote(lines[i:]); n > 0 {
				r.repair(int(l.no), "quote", "block quotation of %d line(s) set in by %d column(s)", n, l.indent)
				inner := make([]srcLine, n)
				for k, q := range lines[i : i+n] {
					inner[k] = newLine(q.no, q.text())
				}
				out = append(out, &pblock{kind: pQuote, more: &pmore{blocks: r.parseBlocks(inner, true)}})
				i += n
				continue
			}
		}
		b, n := r.paraChunk(lines[i:], inner)
		if style, ok := r.headingBeforeText(b.lines); ok && !inner {
			h := b.lines[0]
			out = append(out, &pblock{kind: pHeading, lines: []srcLine{h}, more: &pmore{text: h.text(), style: style + ", right above its text"}})
			b = &pblock{kind: pPara, lines: b.lines[1:], splitBy: splitHeading}
		}
		if !inner && flatCode(b.lines) {
			r.repair(int(l.no), "code", "%d line(s) of program code that lost their indentation kept as code", len(b.lines))
			out = append(out, &pblock{kind: pCode, lines: b.lines})
			i += n
			continue
		}
		b.lineated = r.lineated(b.lines)
		if !startsBlock && prev != nil && prev.kind == pPara && b.splitBy == splitNone {
			b.splitBy = splitIndent
			if len(prev.lines) == 1 && isSalutation(prev.lines[0].text()) {
				b.splitBy = splitSalutation
				r.repair(int(l.no), "split-paragraph", "the salutation %q set apart from the letter's first line", prev.lines[0].text())
			} else if !(r.indentParas && l.indent >= 1 && l.indent <= 3) {
				b.splitBy = splitShortLine
				r.repair(int(l.no), "split-paragraph", "new paragraph at %q: the line before ends a sentence well short of the %d-column wrap", head(l.text()), r.wrap)
			}
		}
		out = append(out, b)
		i += n
	}
	out = r.joinFragments(out)
	if !inner {
		out = r.promoteHeadings(out)
	}
	return out
}

// endsIntro reports whether a line introduces a list or a quotation ("…is
// an attempt to:").
func endsIntro(s string) bool {
	return lastRune(s) == ':' || strings.HasSuffix(s, ":--")
}

// numberedHeading reads lines[i], a numbered line such as "1. Welcome"
// or "2. Spending", as a section heading when prose follows it rather
// than more items: meeting minutes and reports number their sections
// (the tenants-meeting-minutes and chess-club-treasurer samples). The
// line must read as a heading on its own — short, with no full stop —
// and must not answer a line that introduces a list ("Steps:").
func (r *textReader) numberedHeading(lines []srcLine, i int, inner bool) (*pblock, bool) {
	l := lines[i]
	m, ok := listMarker(l)
	if inner || !ok || !m.ordered || strings.Contains(m.style, "a") {
		return nil, false
	}
	text := l.text()[m.off:]
	if len(strings.Fields(text)) > 8 || r.headingStyle(text) == "" {
		return nil, false
	}
	if introduced(lines, i) {
		return nil, false
	}
	next := i + 1
	if next < len(lines) && lines[next].blank() {
		next = skipBlank(lines, next)
	}
	if next >= len(lines) {
		return nil, false
	}
	nx := lines[next]
	if isMarker(nx) || int(nx.indent) >= m.content || !opensSentence(nx.text()) {
		return nil, false
	}
	return &pblock{kind: pHeading, lines: []srcLine{l}, more: &pmore{text: l.text(), style: "numbered line before prose"}}, true
}

// dialogue reads the turns of a dialogue at the start of lines, in a
// language whose typography opens each turn with a dash (French, Spanish,
// Italian, Portuguese): two or more paragraphs opened by "—", "–" or
// "-", each a sentence — a capital after the dash, a full stop, question
// or exclamation mark at the end — perhaps with blank lines between
// them. A list of such items reads the same, but lists there open in
// lowercase and end with ";" (the piscine-fermeture-fr sample), or answer
// a line ending with a colon (parseBlocks checks). It returns the turns
// and the lines they take, or no turns.
func (r *textReader) dialogue(lines []srcLine) ([]*pblock, int) {
	switch r.lang {
	case "fr", "es", "it", "pt":
	default:
		return nil, 0
	}
	var turns []*pblock
	k := 0
	for k < len(lines) {
		off := dashTurn(lines[k])
		if off == 0 || !opensSentence(strings.TrimLeft(lines[k].text()[off:], "¿¡")) {
			break
		}
		e := k + 1
		for e < len(lines) && !lines[e].blank() && dashTurn(lines[e]) == 0 && !isMarker(lines[e]) {
			e++
		}
		switch lastRune(stripClosers(lines[e-1].text())) {
		case '.', '?', '!', '…':
		default:
			return nil, 0
		}
		turns = append(turns, &pblock{kind: pPara, lines: lines[k:e], splitBy: splitDialogue})
		k = e
		if j := skipBlank(lines, k); j > k && j < len(lines) && dashTurn(lines[j]) > 0 {
			k = j
		}
	}
	if len(turns) < 2 {
		return nil, 0
	}
	return turns, k
}

// introduced reports whether the last line of text before lines[i] ends
// with a colon: what follows answers it, as a list does.
func introduced(lines []srcLine, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if !lines[k].blank() {
			return endsIntro(lines[k].text())
		}
	}
	return false
}

// dashTurn returns where the words of a dialogue turn opened by a dash
// start in l ("— Oui." or "—Sí."), or 0.
func dashTurn(l srcLine) int {
	s := l.text()
	for _, d := range []string{"—", "–", "-"} {
		if strings.HasPrefix(s, d) {
			n := len(d)
			for n < len(s) && s[n] == ' ' {
				n++
			}
			if n == len(d) && d != "—" || n == len(s) {
				return 0
			}
			return n
		}
	}
	return 0
}

// opensSentence reports whether s begins like a sentence: a capital or a
// digit, perhaps after an opening quotation mark or bracket.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "\"'“‘«(¡¿"))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// indentedQuote returns the length of a quotation at the start of lines:
// a chunk of two lines or more, up to a blank line, all set in by the same
// one to three columns from the margin (which margin has stripped), as
// pandoc's plain text and text browsers set a <blockquote>. A paragraph
// marked by a first-line indent indents its first line only; an indent of
// four columns or more is read by indented.
func indentedQuote(lines []srcLine) int {
	in := lines[0].indent
	if in < 1 || in > 3 {
		return 0
	}
	n := 0
	for n < len(lines) && !lines[n].blank() {
		if lines[n].indent != in || isMarker(lines[n]) || lines[n].head > 0 {
			return 0
		}
		n++
	}
	if n < 2 {
		return 0
	}
	return n
}

// paraChunk collects the lines of one paragraph: up to a blank line or a
// line that starts another block. In a text whose paragraphs are marked by
// a first-line indent (Victorian magazine) an indented line starts a new
// paragraph.
func (r *textReader) paraChunk(lines []srcLine, inner bool) (*pblock, int) {
	n := 1
	for n < len(lines) {
		l := lines[n]
		if l.blank() || l.head > 0 || isQuoteLine(l) || atxLevel(l) > 0 || fence(l) != "" {
			break
		}
		if n == 1 && isSalutation(lines[0].text()) {
			break // "Hi all," over the letter's first line (bus-route-forward)
		}
		if r.indentParas && !inner && l.indent >= 1 && l.indent <= 3 {
			break
		}
		// A hand-laid block right under a line of prose (a verse quoted
		// without a blank line before it).
		if l.indent >= 4 && lines[n-1].indent < 2 && !inner {
			break
		}
		if n+1 < len(lines) && isUnderline(lines[n+1].text()) != 0 && !lines[n+1].blank() {
			break // l is a setext heading
		}
		if isMarker(l) && (inner || endsIntro(lines[n-1].text()) || listRun(lines[n:])) {
			break
		}
		if !inner && r.shortLine(lines[n-1], l) {
			break
		}
		n++
	}
	return &pblock{kind: pPara, lines: lines[:n]}, n
}

// shortLine reports whether, in hard-wrapped text, the line prev ends a
// paragraph although no blank line follows: it ends a sentence, the next
// line opens with a capital, and the next line's first word would have
// fitted on prev — a wrapping program would have put it there. In the
// corpus every such line ends a list item, never prose. Quotes and list
// items are wrapped narrower than the text around them, so the test is
// for top-level prose only.
func (r *textReader) shortLine(prev, l srcLine) bool {
	if r.wrap == 0 || r.lineLength || prev.indent >= 4 || l.indent >= 4 {
		return false
	}
	switch lastRune(stripClosers(prev.text())) {
	case '.', '!', '?', '…':
	default:
		return false
	}
	lead := strings.TrimLeft(l.text(), "\"'“‘(")
	r0, _ := utf8.DecodeRuneInString(lead)
	if !unicode.IsUpper(r0) && !unicode.IsDigit(r0) {
		return false
	}
	first := l.text()
	if k := strings.IndexByte(first, ' '); k >= 0 {
		first = first[:k]
	}
	// Two columns of slack: the width is an estimate.
	return runeLen(prev.raw)+1+runeLen(first) < r.wrap-2
}

// fenced reads a ``` block up to its closing fence (or the end).
func (r *textReader) fenced(lines []srcLine, f string) (*pblock, int) {
	info := strings.TrimSpace(strings.TrimLeft(lines[0].text(), f[:1]))
	// The language is the info string's first word: a tab ends it too
	// (the model allows no whitespace there; found by FuzzText).
	if k := strings.IndexFunc(info, unicode.IsSpace); k >= 0 {
		info = info[:k]
	}
	n := 1
	for n < len(lines) {
		if t := lines[n].text(); lines[n].indent <= 3 && strings.HasPrefix(t, f) && strings.TrimLeft(t, f[:1]) == "" {
			n++
			r.repair(int(lines[0].no), "code", "fenced code block of %d line(s)", n-2)
			return &pblock{kind: pCode, lines: lines[1 : n-1], more: &pmore{lang: info}}, n
		}
		n++
	}
	// An open fence with nothing but blank lines after it encloses no
	// code: the line is text ("```go" at the end of a list item kept its
	// language nowhere; found by FuzzText).
	empty := true
	for _, l := range lines[1:n] {
		if !l.blank() {
			empty = false
			break
		}
	}
	if empty {
		return &pblock{kind: pPara, lines: lines[:1]}, 1
	}
	r.repair(int(lines[0].no), "code", "fenced code block without a closing fence runs to the end")
	r.opt.warn(int(lines[0].no), "code fence %q is never closed; the rest of the text is read as code", f)
	return &pblock{kind: pCode, lines: lines[1:n], more: &pmore{lang: info}}, n
}

// indented reads a block of lines indented by four columns or more, with
// the blank lines inside it (a MozillHacks's code samples hold blank
// lines), and tells program code from hand-laid prose.
func (r *textReader) indented(lines []srcLine) (*pblock, int) {
	n := 0
	end := 0
	for n < len(lines) {
		if lines[n].blank() {
			n++
			continue
		}
		if lines[n].indent < 4 {
			break
		}
		n++
		end = n
	}
	block := lines[:end]
	kind := classifyIndented(block)
	switch kind {
	case pCode:
		r.repair(int(block[0].no), "code", "indented code block of %d line(s)", len(block))
	case pLayout:
		r.repair(int(block[0].no), "layout", "hand-laid block of %d line(s) kept line by line", len(block))
	case pVerse:
		r.repair(int(block[0].no), "verse", "indented verse of %d line(s) read as a quotation", len(block))
	}
	return &pblock{kind: kind, lines: block}, end
}

// classifyIndented tells code (Mozilla Hacks: braces, semicolons, calls)
// from prose laid out by hand. Hand-laid prose with lines at different
// indents is a letter layout (a Victorian magazine: address, signature,
// enclosures); with all lines at one indent it is a quoted verse (Victorian
// magazine).
func classifyIndented(lines []srcLine) pkind {
	codeish, prose := 0, 0
	indents := map[int]bool{}
	for _, l := range lines {
		if l.blank() {
			continue
		}
		indents[int(l.indent)] = true
		if looksLikeCode(l.text()) {
			codeish++
		} else {
			prose++
		}
	}
	if codeish > 0 && codeish*3 >= prose {
		return pCode
	}
	// A lowercase command without punctuation ("make demo") is code too.
	if prose == 1 && len(lines) == 1 && startsLower(lines[0].text()) {
		return pCode
	}
	if len(indents) > 1 {
		return pLayout
	}
	return pVerse
}

// flatCode reports whether a chunk that reads as a paragraph is program
// code pasted without its indentation, as a text browser wraps a <pre>
// block it cannot keep: two lines in three or more hold three marks of
// code or more ("{", "}", "(", ")", ";", "="), one in 25 characters
// at least, and a brace or a semicolon appears. Prose that names a call,
// "the fetch() function", holds two; a long line of prose has its
// brackets and semicolons far apart.
func flatCode(lines []srcLine) bool {
	// Without a brace or a semicolon on any line the answer is no;
	// most paragraphs of prose have neither, and these searches are
	// cheaper than counting marks line by line.
	if !slices.ContainsFunc(lines, func(l srcLine) bool {
		return strings.IndexByte(l.text(), ';') >= 0 || strings.IndexByte(l.text(), '{') >= 0 || strings.IndexByte(l.text(), '}') >= 0
	}) {
		return false
	}
	sparse, braces := 0, false
	for _, l := range lines {
		n, b := codeMarks(l.text())
		braces = braces || b
		if n < 3 || n*25 < runeLen(l.text()) {
			if sparse++; sparse*3 > len(lines) {
				return false // prose, most often seen on its first line
			}
		}
	}
	return braces
}

// codeMarks counts the marks of code in s ("{", "}", "(", ")", ";",
// "=") and says whether a brace or a semicolon is among them.
func codeMarks(s string) (n int, braces bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '}', ';':
			braces = true
			n++
		case '(', ')', '=':
			n++
		}
	}
	return n, braces
}

// denseCode reports whether the line s is program code by flatCode's
// measure: three marks of code or more, one in 25 characters at
// least, a brace or a semicolon among them.
func denseCode(s string) bool {
	if strings.IndexAny(s, "{};") < 0 {
		return false
	}
	n, b := codeMarks(s)
	return b && n >= 3 && n*25 >= runeLen(s)
}

// looksLikeCode reports whether a line holds marks of program code.
func looksLikeCode(s string) bool {
	if strings.ContainsAny(s, "{}<>=;$|\\") || strings.Contains(s, "//") || strings.Contains(s, "()") ||
		strings.Contains(s, "#!") || strings.Contains(s, "/*") || strings.Contains(s, ":=") {
		return true
	}
	// A call such as foo(bar) or a method chain a.b(.
	if i := strings.IndexByte(s, '('); i > 0 && (unicode.IsLetter(rune(s[i-1])) || s[i-1] == '_') && !strings.Contains(s[:i], " ") {
		return true
	}
	for _, kw := range []string{"func ", "var ", "let ", "const ", "def ", "import ", "return ", "package ", "class ", "#include"} {
		if strings.HasPrefix(s, kw) {
			return true
		}
	}
	return false
}

// quote reads "> " lines, their lazy continuation lines, and further "> "
// chunks after a blank line, and parses what is inside.
func (r *textReader) quote(lines []srcLine) (*pblock, int) {
	var inner []srcLine
	n := 0
	for n < len(lines) {
		l := lines[n]
		if l.blank() {
			k := skipBlank(lines, n)
			if k < len(lines) && isQuoteLine(lines[k]) {
				inner = append(inner, srcLine{no: l.no})
				n = k
				continue
			}
			break
		}
		if isQuoteLine(l) {
			t := strings.TrimPrefix(l.text(), ">")
			t = strings.TrimPrefix(t, " ")
			q := newLine(l.no, t)
			q.quoted = true
			inner = append(inner, q)
		} else {
			// Lazy continuation of the quoted paragraph — but in e-mail
			// every line says its depth: "> Yes to the kitchen" after
			// "> > Could we…" is the outer quotation (reply-chain).
			if atxLevel(l) > 0 || fence(l) != "" || l.quoted {
				break
			}
			inner = append(inner, l)
		}
		n++
	}
	r.repair(int(lines[0].no), "quote", "block quotation of %d line(s)", n)
	return &pblock{kind: pQuote, more: &pmore{blocks: r.parseBlocks(inner, true)}}, n
}

// list reads a list: items with their continuation lines (Blogger indents
// them under the item's text), and further items after blank lines.
func (r *textReader) list(lines []srcLine) (*pblock, int) {
	m0, _ := listMarker(lines[0])
	b := &pblock{kind: pList, ordered: m0.ordered, more: &pmore{start: m0.num}}
	if m0.ordered && strings.Contains(m0.style, "a") {
		b.more.numbering = "a"
	}
	markerIndent := lines[0].indent
	sameList := func(l srcLine) bool {
		m, ok := listMarker(l)
		return ok && m.style == m0.style && l.indent <= markerIndent+1
	}
	n := 0
	for n < len(lines) && sameList(lines[n]) {
		l := lines[n]
		m, _ := listMarker(l)
		item := []srcLine{newLine(l.no, l.text()[m.off:])}
		subStyle := "" // the style of a second level pasted without indentation
		n++
		for n < len(lines) {
			c := lines[n]
			if c.blank() {
				k := skipBlank(lines, n)
				if k >= len(lines) {
					break
				}
				if nx := lines[k]; !isMarker(nx) && int(nx.indent) >= m.content && int(nx.indent) < m.content+4 {
					// A second paragraph of the item.
					for ; n < k; n++ {
						item = append(item, srcLine{no: lines[n].no})
					}
					continue
				}
				break
			}
			if sameList(c) || isMarker(c) && c.indent < markerIndent {
				break
			}
			if isQuoteLine(c) && c.indent <= markerIndent || atxLevel(c) > 0 {
				break
			}
			if c.indent <= markerIndent+1 {
				// A marker of another style where this list's markers stand.
				// Word processors paste their second level without its
				// indentation ("·" items, then "o" items under one that ends
				// with a colon: the school-trip-letter sample); after an item
				// that introduces nothing it is another list.
				if sub, ok := subBullet(c); ok && (subStyle == "o" || endsIntro(lines[n-1].text()) || strings.HasPrefix(sub, "◦\t") || strings.HasPrefix(sub, "◦  ")) {
					item = append(item, newLine(c.no, strings.Repeat(" ", m.content)+sub))
					subStyle = "o"
					n++
					continue
				}
				if cm, ok := listMarker(c); ok {
					if cm.style != subStyle && !endsIntro(lines[n-1].text()) {
						break
					}
					subStyle = cm.style
				}
			}
			// Continuation: dedent by the item's content column; lazy lines
			// that start further left keep what they have.
			item = append(item, newLine(c.no, c.raw[byteCol(c.raw, min(int(c.indent), m.content)):]))
			n++
		}
		b.more.items = append(b.more.items, r.parseBlocks(item, true))
		// Blank lines between items keep the list going.
		if k := skipBlank(lines, n); k > n && k < len(lines) && sameList(lines[k]) {
			n = k
		}
	}
	kind := "bulleted"
	if m0.ordered {
		kind = "numbered"
	}
	r.repair(int(lines[0].no), "list", "%s list of %d item(s)", kind, len(b.rare().items))
	return b, n
}

// subBullet reads a second-level item that a word processor marks with a
// lowercase "o" (the school-trip-letter sample) and returns it with a
// bullet the list reader knows. An "o" opens no list on its own: in
// Portuguese, Spanish and Italian it is a word, so list only takes it
// with a tab or spaces after it, as word processors paste it, or under
// an item that introduces it.
func subBullet(l srcLine) (string, bool) {
	s := l.text()
	if len(s) < 3 || s[0] != 'o' || s[1] != ' ' && s[1] != '\t' || strings.TrimSpace(s[1:]) == "" {
		return "", false
	}
	return "◦" + s[1:], true
}

// listRun reports whether the marker line lines[0] opens a list of at
// least two items: more lines with a marker of the same style (numbered
// on from the first) before the first line of other prose. A list may
// then follow a line of prose without a blank line (the
// garden-club-newsletter and food-bank-appeal samples), while a single
// line that happens to open with "- " or "240. " inside a wrapped
// paragraph stays prose (the chess-club-treasurer sample).
func listRun(lines []srcLine) bool {
	m0, ok := listMarker(lines[0])
	if !ok {
		return false
	}
	last, items := m0.num, 1
	for k := 1; k < len(lines); k++ {
		l := lines[k]
		if l.blank() {
			j := skipBlank(lines, k)
			if j >= len(lines) || !isMarker(lines[j]) {
				break
			}
			k = j - 1
			continue
		}
		m, ok := listMarker(l)
		if !ok || l.indent > lines[0].indent+1 {
			continue // a continuation or a nested item
		}
		if m.style != m0.style || m.ordered && m.num != last+1 {
			break
		}
		last = m.num
		items++
	}
	return items >= 2
}

// byteCol returns the byte offset in raw of display column col, counting
// a tab to the next multiple of 4.
func byteCol(raw string, col int) int {
	c := 0
	for i := 0; i < len(raw); i++ {
		if c >= col {
			return i
		}
		switch raw[i] {
		case ' ':
			c++
		case '\t':
			c += 4 - c%4
		default:
			return i
		}
	}
	return len(raw)
}
