package reader

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// joinFragments joins paragraph chunks that a blank line split in
// mid-sentence (the seed's "into a" / "crowd of protesters"; Go blog posts,
// a personal blog, Mozilla Hacks and a Victorian magazine have more).
//
// bs is filtered in place.
func (r *textReader) joinFragments(bs []*pblock) []*pblock {
	out := bs[:0]
	for _, b := range bs {
		if len(out) > 0 {
			prev := out[len(out)-1]
			if prev.kind == pPara && b.kind == pPara && b.splitBy == splitNone && !prev.lineated && !b.lineated && r.shouldJoin(prev, b) {
				r.repair(b.first(), "join-paragraph", "joined %q to %q across a blank line", tail(prev.lastLine()), head(b.lines[0].text()))
				n := len(prev.lines)
				if len(prev.rare().joins) > 0 {
					// Joined before, prev has lines of its own: append
					// in place (copying them at every join took the
					// square of their number).
					prev.lines = append(prev.lines, b.lines...)
				} else {
					// Its lines are a window on the text's: copy them,
					// so that b's stay.
					prev.lines = append(prev.lines[:n:n], b.lines...)
				}
				prev.setMore().joins = append(prev.more.joins, n)
				continue
			}
		}
		out = append(out, b)
	}
	clear(bs[len(out):]) // the joined blocks
	return out
}

// shouldJoin decides whether paragraph chunk b continues a.
func (r *textReader) shouldJoin(a, b *pblock) bool {
	at, bt := a.lastLine(), b.lines[0].text()
	if len(a.lines) == 1 && isSalutation(at) {
		return false // "Liebe Mitglieder," above "nach langer Pause" (verein-training-de)
	}
	if r.indentParas && b.lines[0].indent >= 1 && b.lines[0].indent <= 3 {
		return false // an indented line opens a paragraph
	}
	if startsLower(bt) {
		// A new paragraph never opens in lowercase: join unless a ends
		// with a full stop (not an abbreviation such as "Dr.").
		switch lastRune(stripClosers(at)) {
		case '!', '?', '…':
			return false
		case '.':
			return endsAbbreviation(stripClosers(at))
		}
		return true
	}
	if endsSentence(at) {
		return false
	}
	// b opens with a capital (a name, "I"), a digit or a quotation mark:
	// join only when a is a long run of prose cut off mid-clause and b is
	// not a heading ("Feedback is great, pull requests are even better,"
	// before a heading on Blogger stays apart).
	if len(b.lines) == 1 && r.headingStyle(bt) != "" {
		return false
	}
	if endsWithURL(at) {
		return false
	}
	words := 0
	for _, l := range a.lines {
		words += len(strings.Fields(l.text()))
	}
	return words >= 10
}

// endsWithURL reports whether s ends with a bare or bracketed URL, after
// which a missing full stop is normal.
func endsWithURL(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	w := s[i+1:]
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.")
}

// tail and head quote the end and start of a text (30 characters) in
// repair details.
func tail(s string) string {
	i, n := len(s), 0
	for i > 0 && n < 30 {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		n++
	}
	if i == 0 {
		return s
	}
	return "…" + s[i:]
}

func head(s string) string {
	i, n := 0, 0
	for i < len(s) && n < 30 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}

// promoteHeadings turns single-line paragraphs that read as headings into
// headings: bare lines (the seed), capitals (Go blog and Victorian
// magazine), Title Case and short questions (Blogger). A heading needs a
// block after it.
func (r *textReader) promoteHeadings(bs []*pblock) []*pblock {
	for k, b := range bs {
		if b.kind != pPara || len(b.lines) != 1 || len(b.rare().joins) > 0 || b.splitBy != splitNone || k+1 >= len(bs) {
			continue
		}
		t := b.lines[0].text()
		style := r.headingStyle(t)
		if style == "" {
			continue
		}
		if style == "bare line" {
			// A short sentence-case line is a heading only between
			// finished paragraphs.
			if k > 0 && bs[k-1].kind == pPara && unfinished(bs[k-1]) {
				continue
			}
			if nx := bs[k+1]; nx.kind == pPara && len(nx.lines) == 1 && r.headingStyle(nx.lines[0].text()) != "" {
				continue
			}
		}
		b.kind = pHeading
		b.setMore().text, b.more.style = t, style
	}
	return bs
}

// unfinished reports whether paragraph b stops in mid-sentence: a run
// of prose that does not end a sentence, or a line that ends inside a
// clause (with a comma or a semicolon). A single line without a full stop
// ("Serves 4 | Prep 10 min", the lentil-soup-recipe sample) is finished.
func unfinished(b *pblock) bool {
	last := b.lastLine()
	if endsSentence(last) || b.lineated {
		return false
	}
	switch lastRune(stripClosers(last)) {
	case ',', ';':
		return true
	}
	return len(b.lines) > 1 || runeLen(last) > 60
}

// headingStyle says why the line t reads as a heading ("capitals", "title
// case", "bare line"), or "" when it does not.
func (r *textReader) headingStyle(t string) string {
	if inner, ok := boldLine(t); ok {
		// "**Water butts**" over its text: a heading set in bold, as
		// Markdown writers without "#" do.
		if r.headingStyle(inner) != "" || colonHeading(inner) != "" {
			return "bold line"
		}
		return ""
	}
	n := runeLen(t)
	if n < 2 || n > 100 {
		return ""
	}
	// It opens with a capital or a digit, perhaps after a quotation mark.
	lead := strings.TrimLeft(t, "\"'“‘(«[")
	r0, _ := utf8.DecodeRuneInString(lead)
	if !unicode.IsUpper(r0) && !unicode.IsDigit(r0) {
		return ""
	}
	words := strings.Fields(t)
	if len(words) > 14 {
		return ""
	}
	if endMarks[strings.ToLower(strings.Trim(t, " -–—*#"))] {
		return "" // "ENDS" under a press release (library-press-release)
	}
	core := stripClosers(t)
	if strings.HasSuffix(core, "-") || strings.HasSuffix(core, "—") || strings.HasSuffix(core, "–") {
		return ""
	}
	last := lastRune(core)
	switch last {
	case ',', ';', ':':
		return ""
	}
	if isAllCaps(t) && letters(t) >= 3 {
		// "A HINT FOR WORKERS.--St. Bernard…" is a run-in lead-in, not a
		// heading (it is never a line of its own there, but a short item
		// could be).
		if strings.Contains(t, ".--") || strings.Contains(t, ". --") || strings.Contains(t, ".—") {
			return ""
		}
		return "capitals"
	}
	// Texts that mark their headings (Go blog "## ", Mozilla Hacks
	// underlines) say so: there a short line such as "For a better web!"
	// (Mozilla Hacks) is prose.
	if r.explicitHeadings {
		return ""
	}
	if last == '.' || last == '…' {
		return ""
	}
	if titleCased(words) {
		return "title case"
	}
	// A short line in sentence case (the seed's "International struggle"),
	// but not a line of dialogue (a Victorian magazine's "'You are all
	// poisoned!") or one holding more than a sentence.
	if r0, _ := utf8.DecodeRuneInString(t); len(words) <= 8 && !strings.ContainsRune("\"'“‘«(", r0) && !strings.Contains(core, ". ") {
		return "bare line"
	}
	return ""
}

// boldLine returns the text of a line set wholly in bold ("**Water
// butts**", "__Notes__").
func boldLine(t string) (string, bool) {
	for _, m := range []string{"**", "__"} {
		if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(t, m) {
			inner := t[len(m) : len(t)-len(m)]
			if !strings.Contains(inner, m) && strings.TrimSpace(inner) == inner {
				return inner, true
			}
		}
	}
	return "", false
}

// endMarks close a press release or a wire story ("ENDS", "-30-",
// "###"): a line of capitals that heads nothing.
var endMarks = map[string]bool{"ends": true, "end": true, "30": true, "": true, "fin": true}

func letters(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n
}

// titleCased reports whether most significant words start with a capital
// ("I Love It / It Segfaulted / there's a Problem in the Manual!").
func titleCased(words []string) bool {
	sig, caps := 0, 0
	for _, w := range words {
		lead := strings.TrimLeft(w, "\"'“‘([«")
		if !hasLetter(lead) {
			continue
		}
		lw := strings.ToLower(strings.TrimRight(lead, ".,!?:;\"'”’)"))
		if smallWords[lw] {
			continue
		}
		sig++
		r0, _ := utf8.DecodeRuneInString(lead)
		if unicode.IsUpper(r0) || unicode.IsDigit(r0) {
			caps++
		}
	}
	return sig >= 2 && caps*10 >= sig*7
}

// unwrap joins the lines of a paragraph into one text: hard-wrapped lines
// (Go blog, Blogger and Victorian magazines) and stray line breaks (Go
// blog) become spaces, and a word hyphenated across a line end is rejoined
// (Blogger: "synthe-" / "sis").
func (r *textReader) unwrap(b *pblock) string {
	if len(b.lines) == 1 {
		return b.lines[0].text()
	}
	size := 0
	for _, l := range b.lines {
		size += len(l.text()) + 1
	}
	var buf strings.Builder
	buf.Grow(size)
	breaks := 0
	ji := 0
	for k, l := range b.lines {
		t := l.text()
		if k == 0 {
			buf.WriteString(t)
			continue
		}
		if ji < len(b.rare().joins) && b.rare().joins[ji] == k {
			ji++ // a blank-line join, already recorded
		} else if t != "" {
			breaks++
		}
		if t == "" {
			continue
		}
		prev := b.lines[k-1].text()
		if pre, ok := hyphenPrefix(prev); ok && startsLower(t) {
			suf := leadingLetters(t)
			if join, why := r.joinHyphen(pre, suf); join {
				// Drop the hyphen just written: rebuild without it.
				s := buf.String()
				buf.Reset()
				buf.Grow(size)
				buf.WriteString(s[:len(s)-1])
				r.repair(int(l.no), "rejoin-hyphenation", "%q + %q → %q (%s)", pre+"-", suf, pre+suf, why)
			} else {
				r.repair(int(l.no), "keep-hyphen", "%q + %q kept as the compound %q (%s)", pre+"-", suf, pre+"-"+suf, why)
			}
			buf.WriteString(t)
			continue
		}
		if buf.Len() > 0 {
			buf.WriteByte(' ')
		}
		buf.WriteString(t)
	}
	if breaks > 0 {
		if r.wrap > 0 {
			r.repair(b.first(), "unwrap-lines", "joined %d hard-wrapped line(s)", breaks+1)
		} else {
			r.repair(b.first(), "join-lines", "removed %d stray line break(s)", breaks)
		}
	}
	return buf.String()
}

// hyphenPrefix returns the word part before a hyphen that ends s ("con-"
// gives "con"), when s ends with a letter and one hyphen.
func hyphenPrefix(s string) (string, bool) {
	if len(s) < 3 || s[len(s)-1] != '-' || s[len(s)-2] == '-' {
		return "", false
	}
	body := s[:len(s)-1]
	i := len(body)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(body[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	if i == len(body) {
		return "", false
	}
	return body[i:], true
}

// leadingLetters returns the letters at the start of s.
func leadingLetters(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// compoundFirst and compoundSecond are the parts of English compounds
// that keep their hyphen when a line ends after it ("self-" / "government"
// in the seed's "self-government"; "well-" / "known").
var compoundFirst = map[string]bool{
	"self": true, "non": true, "well": true, "ill": true, "ex": true, "anti": true, "post": true, "pre": true,
	"semi": true, "multi": true, "cross": true, "half": true, "all": true, "low": true, "high": true, "long": true,
	"short": true, "full": true, "part": true, "mid": true, "one": true, "two": true, "three": true, "four": true,
	"five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true, "first": true, "second": true,
	"third": true, "so": true, "open": true, "real": true, "hand": true, "hard": true, "old": true, "new": true,
	"twenty": true, "thirty": true, "forty": true, "fifty": true, "hundred": true, "in": true, "on": true, "off": true,
	"out": true, "up": true, "down": true, "far": true, "near": true, "left": true, "right": true, "free": true,
	"vice": true, "great": true, "step": true, "tax": true, "rank": true, "de": true,
}

// closedCompounds are common English words written closed whose halves
// are words too ("with-" / "out"): a line-end hyphen between them is a
// break, whatever the rest of the text shows.
var closedCompounds = map[string]bool{
	"without": true, "within": true, "himself": true, "herself": true, "itself": true, "myself": true, "yourself": true,
	"themselves": true, "ourselves": true, "yourselves": true, "something": true, "nothing": true, "anything": true,
	"everything": true, "someone": true, "anyone": true, "everyone": true, "somebody": true, "anybody": true,
	"everybody": true, "nobody": true, "however": true, "whatever": true, "whenever": true, "wherever": true,
	"whoever": true, "therefore": true, "otherwise": true, "another": true, "cannot": true, "into": true, "onto": true,
	"upon": true, "together": true, "understand": true, "understood": true, "outside": true, "inside": true,
	"afternoon": true, "somewhere": true, "anywhere": true, "everywhere": true, "nowhere": true, "although": true,
	"throughout": true, "meanwhile": true, "sometimes": true, "somehow": true, "newspaper": true, "breakfast": true,
	"football": true, "homework": true, "workshop": true, "software": true, "hardware": true, "network": true,
	"database": true, "website": true, "password": true, "keyboard": true, "headline": true, "landlord": true,
	"household": true, "grandmother": true, "grandfather": true, "understanding": true, "background": true,
	"overall": true, "whereas": true, "wherein": true, "thereby": true, "therein": true, "hereafter": true,
	"moreover": true, "nevertheless": true, "notwithstanding": true, "forward": true, "toward": true, "towards": true,
	"became": true, "become": true, "becoming": true, "behind": true, "beside": true, "besides": true, "beyond": true,
	"downtown": true, "upstairs": true, "downstairs": true, "outcome": true, "income": true, "overcome": true,
	"undertake": true, "undergo": true, "weekend": true, "today": true, "tonight": true,
}

var compoundSecond = map[string]bool{
	"based": true, "like": true, "free": true, "wide": true, "related": true, "driven": true, "friendly": true,
	"aware": true, "specific": true, "oriented": true, "style": true, "level": true, "scale": true, "term": true,
	"made": true, "owned": true, "run": true, "led": true, "known": true, "minded": true, "looking": true,
	"sized": true, "year": true, "time": true, "old": true, "up": true, "in": true, "out": true, "off": true,
	"on": true, "down": true, "over": true, "back": true, "end": true, "side": true, "file": true, "way": true,
	"government": true, "defense": true, "defence": true, "care": true, "esteem": true, "interest": true,
}

// joinHyphen decides an end-of-line hyphen: rejoin the word ("con-" /
// "tinued") or keep a real compound ("self-" / "government"), and says
// why. The text's own usage decides first — the joined or the hyphenated
// form written elsewhere on one line — then the document's habit: a text
// whose line-end hyphens are all real
// (Project Gutenberg rewraps its books without hyphenating, so its only
// line-end hyphens are compounds) keeps them; then the word lists (common
// closed English words, usual parts of compounds); and two halves that are
// each words of the text ("soap-" / "works", "fellow-" / "citizen") keep
// theirs, since a hyphen left alone costs the reader less than a wrong
// join. Failing all of these, the hyphen goes: hyphenation is far more
// common at a line end than a compound whose halves are not words.
func (r *textReader) joinHyphen(pre, suf string) (bool, string) {
	lp, ls := strings.ToLower(pre), strings.ToLower(suf)
	joined, hyph := r.hyphenEvidence(pre, suf)
	switch {
	case joined > 0 && hyph == 0:
		return true, fmt.Sprintf("%q is written elsewhere", lp+ls)
	case hyph > 0 && joined == 0:
		return false, fmt.Sprintf("%q is written elsewhere", lp+"-"+ls)
	case joined > 0 && hyph > 0:
		return joined >= 2, fmt.Sprintf("%q is written %d time(s) elsewhere, %q %d", lp+ls, joined, lp+"-"+ls, hyph)
	}
	if isAllCaps(pre) {
		return false, "a word in capitals"
	}
	if r.realHyphens() {
		return false, "this text's line-end hyphens are all real ones"
	}
	if r.lang == "en" && closedCompounds[lp+ls] {
		return true, fmt.Sprintf("%q is a common English word", lp+ls)
	}
	if compoundFirst[lp] || compoundSecond[ls] {
		return false, "a usual part of compounds"
	}
	// English writes most compounds open or hyphenated; German and the
	// Romance languages close theirs, so there two words are no evidence.
	counts := r.hyphenUsage()
	if r.lang == "en" && len([]rune(lp)) >= 3 && len([]rune(ls)) >= 3 && counts[lp] > r.hyphenEnds[lp] && counts[ls] > r.hyphenEnds[ls] {
		return false, fmt.Sprintf("%q and %q are each words of this text", lp, ls)
	}
	return true, "an ordinary word broken at the line end"
}

// hyphenEvidence counts how often the text writes the word broken by a
// line-end hyphen joined ("presuf") and hyphenated ("pre-suf").
func (r *textReader) hyphenEvidence(pre, suf string) (joined, hyph int) {
	lp, ls := strings.ToLower(pre), strings.ToLower(suf)
	counts := r.hyphenUsage()
	joined, ok1 := counts[lp+ls]
	hyph, ok2 := counts[lp+"-"+ls]
	if !ok1 || !ok2 {
		// A pair inside a quote or list item: count it on its own.
		joined, hyph = countWord(r.src, lp+ls)+countWord(r.src, pre+ls), countWord(r.src, lp+"-"+ls)+countWord(r.src, pre+"-"+ls)
		if pre == lp {
			joined, hyph = joined/2, hyph/2
		}
	}
	return joined, hyph
}

// realHyphens reports whether the text's line-end hyphens are all real:
// at least two of them are compounds the text writes hyphenated elsewhere
// too, and none is a word the text writes joined.
func (r *textReader) realHyphens() bool {
	if r.hyphenHabit != 0 {
		return r.hyphenHabit > 0
	}
	r.hyphenHabit = -1
	if r.rewrapped {
		r.hyphenHabit = 1
		r.found("real-line-end-hyphens", "a Project Gutenberg book, rewrapped without hyphenation")
		return true
	}
	keep := 0
	for k := 0; k+1 < len(r.body); k++ {
		pre, ok := hyphenPrefix(r.body[k].text())
		if !ok || !startsLower(r.body[k+1].text()) {
			continue
		}
		joined, hyph := r.hyphenEvidence(pre, leadingLetters(r.body[k+1].text()))
		if joined > 0 {
			return false
		}
		if hyph > 0 {
			keep++
		}
	}
	if keep >= 2 {
		r.hyphenHabit = 1
		r.found("real-line-end-hyphens", "%d line-end hyphens are compounds written hyphenated elsewhere too, and none is a word written joined", keep)
	}
	return r.hyphenHabit > 0
}

// hyphenUsage counts, in one pass over the input, the words that decide
// the end-of-line hyphens of the body: for each "pre-" / "suf" pair, how
// often "presuf" and "pre-suf" are written whole (lowercase keys).
func (r *textReader) hyphenUsage() map[string]int {
	if r.hyphens != nil {
		return r.hyphens
	}
	r.hyphens = map[string]int{}
	for k := 0; k+1 < len(r.body); k++ {
		pre, ok := hyphenPrefix(r.body[k].text())
		if !ok || !startsLower(r.body[k+1].text()) {
			continue
		}
		lp, ls := strings.ToLower(pre), strings.ToLower(leadingLetters(r.body[k+1].text()))
		r.hyphens[lp+ls] = 0
		r.hyphens[lp+"-"+ls] = 0
		// The halves as words of their own; their line-end occurrences
		// are counted apart, to be taken off.
		r.hyphens[lp], r.hyphens[ls] = 0, 0
		if r.hyphenEnds == nil {
			r.hyphenEnds = map[string]int{}
		}
		r.hyphenEnds[lp]++
		r.hyphenEnds[ls]++
	}
	if len(r.hyphens) == 0 {
		return r.hyphens
	}
	s := r.src
	var buf []byte
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf && !isASCIILetter(b) && (b < '0' || b > '9') {
			i++
			continue
		}
		c, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			i += n
			continue
		}
		// A word: letters and digits, with hyphens inside it (not one
		// that ends a line).
		buf = buf[:0]
		for i < len(s) {
			if b := s[i]; isASCIILetter(b) {
				buf = append(buf, b|0x20)
				i++
				continue
			}
			c, n = utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				buf = utf8.AppendRune(buf, unicode.ToLower(c))
				i += n
				continue
			}
			if c == '-' && i+1 < len(s) {
				if c2, _ := utf8.DecodeRuneInString(s[i+1:]); unicode.IsLetter(c2) || unicode.IsDigit(c2) {
					buf = append(buf, '-')
					i++
					continue
				}
			}
			break
		}
		if v, ok := r.hyphens[string(buf)]; ok {
			r.hyphens[string(buf)] = v + 1
		}
	}
	return r.hyphens
}

// countWord counts occurrences of w in s that are not part of a longer
// word (a letter, digit or hyphen on either side).
func countWord(s, w string) int {
	n := 0
	for off := 0; ; {
		k := strings.Index(s[off:], w)
		if k < 0 {
			return n
		}
		p := off + k
		off = p + len(w)
		if p > 0 && (isWordByte(s, p, true) || s[p-1] == '-') {
			continue
		}
		if off < len(s) && (isWordByte(s, off, false) || s[off] == '-' && off+1 < len(s) && s[off+1] != '\n') {
			continue
		}
		n++
	}
}
