package reader

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/model"
)

// The typography pass runs after every reader (see finish). It turns
// typewriter punctuation into book punctuation: curly quotes and
// apostrophes, em and en dashes, the ellipsis, and no-break spaces where a
// line break would strand a short abbreviation. Code spans, code blocks
// and URLs are never touched. The text arrives in NFC from decode, and
// every character written here is NFC too.

// quoteSet holds a language's quotation marks: outer opening and closing,
// inner opening and closing, and whether a no-break space goes inside
// the outer marks (French).
type quoteSet struct {
	open, close, innerOpen, innerClose rune
	spaced                             bool
}

var quoteSets = map[string]quoteSet{
	"en": {'“', '”', '‘', '’', false},
	"de": {'„', '“', '‚', '‘', false},
	"fr": {'«', '»', '“', '”', true},
	"es": {'«', '»', '“', '”', false},
	"it": {'«', '»', '“', '”', false},
	"pt": {'«', '»', '“', '”', false},
}

// nbspBefore lists abbreviations that must not end a line: titles before a
// name ("Mr. George Seton") and, before a number only, "No.", "p." and the
// months ("Nov. 19", seed).
var nbspBefore = map[string]byte{
	"Mr.": 'A', "Mrs.": 'A', "Ms.": 'A', "Dr.": 'A', "St.": 'A', "Prof.": 'A', "Rev.": 'A', "Hon.": 'A',
	"Mt.": 'A', "Fr.": 'A', "Sr.": 'A', "Gen.": 'A', "Capt.": 'A', "Col.": 'A', "Lt.": 'A', "Sgt.": 'A',
	"Gov.": 'A', "Sen.": 'A', "Rep.": 'A', "Mme.": 'A', "Mlle.": 'A', "Sra.": 'A', "Sr": 'A', "Dra.": 'A',
	"No.": '9', "no.": '9', "Nos.": '9', "nos.": '9', "p.": '9', "pp.": '9', "vol.": '9', "Vol.": '9',
	"ch.": '9', "Ch.": '9', "fig.": '9', "Fig.": '9', "art.": '9', "Art.": '9', "n.": '9', "N.": '9',
	"Jan.": '9', "Feb.": '9', "Mar.": '9', "Apr.": '9', "Jun.": '9', "Jul.": '9', "Aug.": '9',
	"Sep.": '9', "Sept.": '9', "Oct.": '9', "Nov.": '9', "Dec.": '9',
}

// units take a no-break space after their number ("20 km", "10:00 AM").
var units = map[string]bool{
	"km": true, "cm": true, "mm": true, "m": true, "kg": true, "g": true, "mg": true, "ml": true, "cl": true,
	"kWh": true, "kW": true, "W": true, "V": true, "mV": true, "mA": true, "Hz": true, "kHz": true, "MHz": true,
	"GHz": true, "KB": true, "kB": true, "MB": true, "GB": true, "TB": true, "°C": true, "°F": true, "%": true,
	"px": true, "pt": true, "mph": true, "ft": true, "lb": true, "lbs": true, "oz": true, "AM": true, "PM": true,
	"a.m.": true, "p.m.": true, "BC": true, "AD": true, "BCE": true, "CE": true, "ms": true, "min": true,
	"MB/s": true, "km/h": true, "€": true,
}

// elisions start with an apostrophe, not an opening quote: 'tis, rock 'n'
// roll, 'em.
var elisions = map[string]bool{
	"tis": true, "twas": true, "em": true, "n": true, "cause": true, "til": true, "bout": true, "round": true,
	"fraid": true, "nuff": true, "twere": true, "ello": true,
}

// typoCounts counts the changes made in one block.
type typoCounts struct{ quotes, dashes, ellipses, nbsp int }

// typo is the state of the pass over one document.
type typo struct {
	q            quoteSet
	lang         string
	prev, prev2  rune // the last two characters written, across nodes
	dq, sq       int  // open double and single quotation marks
	n            typoCounts
	repairs      repairLog
	blockLine    *blockLines
	fixMisturned bool // turn curly quotes facing the wrong way (English)
	metadata     bool // no no-break spaces
}

// typography applies the pass to res.Doc and adds its repairs, one per
// block and kind, to res.Repairs.
func typography(res *Result) {
	doc := res.Doc
	lang := doc.Lang
	if i := strings.IndexByte(lang, '-'); i > 0 {
		lang = lang[:i]
	}
	q, ok := quoteSets[lang]
	if !ok {
		q = quoteSets["en"]
	}
	tp := &typo{q: q, lang: lang, blockLine: res.lines, fixMisturned: lang == "en" || !ok}
	// Metadata gets quotes and dashes but no no-break spaces: it ends up
	// in catalogue fields, not in set lines.
	tp.metadata = true
	for _, f := range []*string{&doc.Title, &doc.Subtitle, &doc.Byline, &doc.Dateline, &doc.Description} {
		if *f != "" {
			tp.reset()
			*f = tp.run(*f, 0)
			tp.flush(0, "title")
		}
	}
	for i := range doc.Authors {
		tp.reset()
		doc.Authors[i] = tp.run(doc.Authors[i], 0)
		tp.flush(0, "byline")
	}
	tp.metadata = false
	tp.blocks(doc.Blocks)
	res.Repairs = append(res.Repairs, tp.repairs.repairs()...)
}

func (tp *typo) reset() {
	tp.prev, tp.prev2, tp.dq, tp.sq = 0, 0, 0, 0
}

// flush records the changes counted since the last flush.
func (tp *typo) flush(line int, where string) {
	n := tp.n
	tp.n = typoCounts{}
	add := func(count int, kind, what string) {
		if count > 0 {
			tp.repairs.add(line, kind, func() string { return where + ": " + strconv.Itoa(count) + " " + what })
		}
	}
	add(n.quotes, "smart-quotes", "quotation mark(s) and apostrophe(s) set")
	add(n.dashes, "dash", "dash(es) set")
	add(n.ellipses, "ellipsis", "ellipsis(es) set")
	add(n.nbsp, "nbsp", "no-break space(s) set")
}

func (tp *typo) blocks(bs []model.Block) {
	for _, b := range bs {
		switch b := b.(type) {
		case *model.Heading:
			tp.container(b.Content)
			tp.flush(tp.blockLine.lineOf(b), "heading")
		case *model.Paragraph:
			tp.container(b.Content)
			tp.flush(tp.blockLine.lineOf(b), "paragraph")
		case *model.Quote:
			tp.blocks(b.Blocks)
		case *model.List:
			for _, it := range b.Items {
				tp.blocks(it.Blocks)
			}
		case *model.Figure:
			tp.container(b.Caption)
			if b.Alt != "" {
				tp.reset()
				b.Alt = tp.run(b.Alt, 0)
			}
			tp.flush(tp.blockLine.lineOf(b), "figure")
		case *model.Table:
			// Each cell is a text of its own: quotes never pair across
			// cells.
			tp.container(b.Caption)
			for _, rs := range [][]model.Row{b.Head, b.Body} {
				for _, r := range rs {
					for _, c := range r.Cells {
						tp.container(c.Content)
					}
				}
			}
			tp.flush(tp.blockLine.lineOf(b), "table")
		default:
			// Code keeps its characters; breaks have none.
		}
	}
}

// tseg is one piece of a block's inline text: an editable text node, or
// protected text (code, a URL) that only gives context.
type tseg struct {
	t   *model.Text
	ctx string
}

func flattenInlines(in []model.Inline, segs []tseg) []tseg {
	for _, n := range in {
		switch n := n.(type) {
		case *model.Text:
			segs = append(segs, tseg{t: n})
		case *model.CodeSpan:
			segs = append(segs, tseg{ctx: "x"})
		case *model.Emph:
			segs = flattenInlines(n.Content, segs)
		case *model.Strong:
			segs = flattenInlines(n.Content, segs)
		case *model.Link:
			if p := model.Plain(n.Content); p == n.Target || "mailto:"+p == n.Target || looksLikeURL(p) {
				segs = append(segs, tseg{ctx: p})
			} else {
				segs = flattenInlines(n.Content, segs)
			}
		case *model.LineBreak:
			segs = append(segs, tseg{ctx: "\n"})
		}
	}
	return segs
}

func looksLikeURL(s string) bool {
	for _, p := range [...]string{"http://", "https://", "www.", "mailto:", "ftp://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// container runs the pass over one block's inlines, with the characters
// around each node as context.
func (tp *typo) container(in []model.Inline) {
	tp.reset()
	segs := flattenInlines(in, nil)
	for k, s := range segs {
		if s.t == nil {
			if r := lastRune(s.ctx); r != 0 {
				tp.prev2, tp.prev = tp.prev, r
			}
			continue
		}
		var after rune
		for _, nx := range segs[k+1:] {
			txt := nx.ctx
			if nx.t != nil {
				txt = nx.t.Text
			}
			if txt != "" {
				after, _ = utf8.DecodeRuneInString(txt)
				break
			}
		}
		s.t.Text = tp.run(s.t.Text, after)
	}
}

// specialPlain marks the bytes the pass stops at; everything else is
// copied in runs. 0xE2 leads the curly quotes, which English text may
// have the wrong way round; digits may take a no-break space before a
// unit. French spacing also stops at spaces and ; : ! ?.
var specialPlain, specialSpaced = func() (a, b [256]bool) {
	for _, c := range "\"'-.0123456789" {
		a[c] = true
	}
	a[0xE2] = true
	b = a
	for _, c := range " ;:!?" {
		b[c] = true
	}
	return a, b
}()

// run returns s with book punctuation. after is the character that
// follows s in its block (0 at the end).
func (tp *typo) run(s string, after rune) string {
	special := &specialPlain
	if tp.q.spaced {
		special = &specialSpaced
	}
	var b strings.Builder
	changed := false
	next := func(k int) rune {
		if k >= len(s) {
			return after
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		return r
	}
	// change starts the copy of s up to i, before the first change.
	change := func(i int) {
		if !changed {
			changed = true
			b.Grow(len(s) + 16)
			b.WriteString(s[:i])
		}
	}
	write := func(t string) {
		if changed {
			b.WriteString(t)
		}
		tp.copied(t)
	}
	emit := func(r rune) {
		b.WriteRune(r)
		tp.track(r)
	}
	// ts is where the token before i starts (after the last space,
	// newline, "(", "<" or '"'), kept as i moves on: found afresh at each
	// special character, it took the square of a long token's length.
	ts, seen := 0, 0
	for i := 0; i < len(s); {
		// Copy a run of ordinary bytes.
		j := i
		for j < len(s) && !special[s[j]] {
			j++
		}
		if j > i {
			write(s[i:j])
			i = j
			if i >= len(s) {
				break
			}
		}
		// A URL in running text is copied as it is.
		for ; seen < i; seen++ {
			if urlBreak(s[seen]) {
				ts = seen + 1
			}
		}
		if e := urlEnd(s, ts, i); e > i {
			write(s[i:e])
			i = e
			continue
		}
		c := s[i]
		switch {
		case c == '"':
			change(i)
			nx := next(i + 1)
			m := tp.double(nx)
			// French sets a no-break space inside « ».
			if tp.q.spaced && m == tp.q.close && tp.prev != ' ' && tp.prev != '\u00a0' {
				emit('\u00a0')
			}
			emit(m)
			if tp.q.spaced && m == tp.q.open && nx != ' ' && nx != 0 {
				emit('\u00a0')
			}
			i++
		case c == '\'':
			change(i)
			emit(tp.single(s, i, after))
			i++
		case c == '-':
			n := runLen(s, i, '-')
			d := tp.dash(s, i, n, after)
			if d != s[i:i+n] {
				change(i)
			}
			write(d)
			i += n
		case c == '.':
			if n := runLen(s, i, '.'); n >= 3 || strings.HasPrefix(s[i:], ". . .") {
				change(i)
				emit('…')
				tp.n.ellipses++
				i += 3
				if n < 3 {
					i += 2
				}
				continue
			}
			write(s[i : i+1])
			i++
			// "Mr." before a name, "No." before a number.
			if i < len(s) && s[i] == ' ' && !tp.metadata && nbspAbbrev(s[wordStart(s, i):i], next(i+1)) {
				change(i)
				emit('\u00a0')
				tp.n.nbsp++
				i++
			}
		case c >= '0' && c <= '9':
			k := i
			for k < len(s) && (s[k] >= '0' && s[k] <= '9' || (s[k] == '.' || s[k] == ',' || s[k] == ':') && k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9') {
				k++
			}
			write(s[i:k])
			i = k
			// A number before its unit: "20 km", "10:00 AM".
			if i < len(s) && s[i] == ' ' && !tp.metadata && isUnit(s, i+1) {
				change(i)
				emit('\u00a0')
				tp.n.nbsp++
				i++
			}
		case c == 0xE2:
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == '“' || r == '”') && tp.fixMisturned {
				nr := tp.curly(r, next(i+size))
				if nr != r {
					tp.n.quotes++
					change(i)
				}
				if changed {
					b.WriteRune(nr)
				}
				tp.track(nr)
			} else {
				write(s[i : i+size])
			}
			i += size
		case c == ' ':
			// French spacing (only special for French).
			if !tp.metadata && tp.frenchSpace(next(i+1)) {
				change(i)
				emit('\u00a0')
				tp.n.nbsp++
			} else {
				write(" ")
			}
			i++
		default:
			write(s[i : i+1])
			i++
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// urlBreak reports whether c ends the token before it: a URL starts
// after it.
func urlBreak(c byte) bool {
	switch c {
	case ' ', '\n', '(', '<', '"':
		return true
	}
	return false
}

// urlEnd returns where the URL that s[i] is part of ends, or i when s[i]
// is not in a URL; the token holding s[i] starts at ts (after the last
// byte before i that urlBreak reports).
func urlEnd(s string, ts, i int) int {
	if i-ts < 4 {
		return i
	}
	switch s[ts] | 0x20 {
	case 'h', 'w':
	default:
		return i
	}
	if n := bareURL(s, ts); ts+n > i {
		return ts + n
	}
	return i
}

// wordStart returns where the word ending at s[i] starts.
func wordStart(s string, i int) int {
	return strings.LastIndexAny(s[:i], " \u00a0") + 1
}

// nbspAbbrev reports whether the space after word, before next, should not
// break: a title before a name ("Mr. George Seton"), "No.", "p." and the
// months before a number ("Nov. 19", seed).
func nbspAbbrev(word string, next rune) bool {
	word = strings.TrimLeft(word, "([\"“‘«")
	need, ok := nbspBefore[word]
	return ok && (need == 'A' && unicode.IsUpper(next) || need == '9' && unicode.IsDigit(next))
}

// isUnit reports whether the word at s[i] is a unit ("km", "MB", "AM").
func isUnit(s string, i int) bool {
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != ',' && s[j] != ';' && s[j] != ')' {
		j++
	}
	u := s[i:j]
	if !strings.HasSuffix(u, "a.m.") && !strings.HasSuffix(u, "p.m.") {
		u = strings.TrimRight(u, ".")
	}
	return units[u]
}

// frenchSpace reports whether a space before next is a no-break space in
// French: inside « », and before ; : ! ? ».
func (tp *typo) frenchSpace(next rune) bool {
	return tp.prev == tp.q.open || next != 0 && strings.ContainsRune(";:!?»", next) || next == '"' && tp.dq > 0
}

// copied notes the last two characters of text copied unchanged.
func (tp *typo) copied(s string) {
	r, n := utf8.DecodeLastRuneInString(s)
	if n == 0 {
		return
	}
	if n == len(s) {
		tp.track(r)
		return
	}
	r2, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	tp.prev2, tp.prev = r2, r
}

func (tp *typo) track(r rune) { tp.prev2, tp.prev = tp.prev, r }

// opensBefore reports whether a quotation mark after r opens a quotation.
func opensBefore(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || strings.ContainsRune("([{<«‹—–-/‘“„‚\u00a0", r)
}

// closesAfter reports whether r after a quotation mark shows it closes one.
func closesAfter(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || unicode.IsPunct(r) || strings.ContainsRune("—–", r)
}

// double chooses the mark for a straight double quote from the characters
// around it. A quotation that runs over several paragraphs opens each with
// a mark and closes only the last (Victorian magazine); since every
// paragraph starts after nothing, its mark opens.
func (tp *typo) double(next rune) rune {
	tp.n.quotes++
	prev := tp.prev
	open := false
	switch {
	case unicode.IsDigit(prev) && tp.dq == 0 && closesAfter(next):
		return '″' // inches: 12"
	case unicode.IsSpace(prev) && next != 0 && closesAfter(next) && !unicode.IsSpace(next) && tp.dq > 0:
		open = false // French spacing: « non ».
	case opensBefore(prev) && !unicode.IsSpace(next) && next != 0:
		open = true
	case !opensBefore(prev) && closesAfter(next):
		open = false
	default:
		open = tp.dq == 0
	}
	if open {
		tp.dq++
		return tp.q.open
	}
	if tp.dq > 0 {
		tp.dq--
	}
	return tp.q.close
}

// curly turns an English curly quote that faces the wrong way, as pasted
// text sometimes has them.
func (tp *typo) curly(r, next rune) rune {
	prev := tp.prev
	switch {
	case r == '”' && opensBefore(prev) && prev != '“' && !unicode.IsSpace(next) && next != 0 && !closesAfter(next):
		r = '“'
	case r == '“' && !opensBefore(prev) && closesAfter(next):
		r = '”'
	}
	if r == '“' {
		tp.dq++
	} else if tp.dq > 0 {
		tp.dq--
	}
	return r
}

// single chooses the mark for a straight single quote: an apostrophe
// inside or after a word (Let’s, Morales’), before a decade (’90s) or an
// elision (rock ’n’ roll), else an inner quotation mark.
func (tp *typo) single(s string, i int, after rune) rune {
	tp.n.quotes++
	prev := tp.prev
	var next rune = after
	if i+1 < len(s) {
		next, _ = utf8.DecodeRuneInString(s[i+1:])
	}
	alnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	switch {
	case alnum(prev) && unicode.IsLetter(next):
		return '’'
	case !opensBefore(prev):
		if tp.sq > 0 {
			tp.sq--
			return tp.q.innerClose
		}
		if unicode.IsDigit(prev) && !unicode.IsLetter(next) {
			return '′' // feet: 6'
		}
		return '’'
	case unicode.IsDigit(next):
		return '’'
	case next == 0 || unicode.IsSpace(next):
		return '’'
	}
	// An elision: the word after the mark.
	j := i + 1
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	if elisions[strings.ToLower(s[i+1:j])] {
		return '’'
	}
	tp.sq++
	return tp.q.innerOpen
}

// dash handles a run of n hyphens at s[i]: "--" and "---" become an em dash
// (Go blog and Victorian magazines), "----" two (a Victorian magazine's
// "----." for a name left out); a hyphen with a space on each side between
// words becomes an em dash with the same spaces (a personal blog and
// Blogger); a hyphen between two numbers becomes an en dash ("1990-1995", a
// MozillHacks's "200-299").
func (tp *typo) dash(s string, i, n int, after rune) string {
	var next rune = after
	if i+n < len(s) {
		next, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	prev := tp.prev
	switch {
	case n == 1:
		if prev == ' ' && next == ' ' && tp.prev2 != 0 && tp.prev2 != ' ' {
			// After the space: the next word.
			var after2 rune
			if i+2 < len(s) {
				after2, _ = utf8.DecodeRuneInString(s[i+2:])
			}
			if after2 != 0 && after2 != ' ' && !(unicode.IsDigit(tp.prev2) && unicode.IsDigit(after2)) {
				tp.n.dashes++
				return "—"
			}
		}
		if unicode.IsDigit(prev) && unicode.IsDigit(next) && numberRange(s, i) {
			tp.n.dashes++
			return "–"
		}
		return "-"
	case n == 2 || n == 3:
		// A command-line option ("--json") keeps its hyphens.
		if opensBefore(prev) && prev != '—' && unicode.IsLetter(next) && n == 2 {
			return "--"
		}
		tp.n.dashes++
		return "—"
	case n == 4:
		tp.n.dashes += 2
		return "——"
	}
	return s[i : i+n]
}

// numberRange reports whether the hyphen at s[i] joins two whole numbers
// that stand alone: not part of a date like 2018-05-23, a version, a
// phone-like chain, or a word like "COVID-19".
func numberRange(s string, i int) bool {
	a := i
	for a > 0 && s[a-1] >= '0' && s[a-1] <= '9' {
		a--
	}
	if a > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:a])
		if unicode.IsLetter(r) || strings.ContainsRune("-./:,_", r) {
			return false
		}
	}
	e := i + 1
	for e < len(s) && s[e] >= '0' && s[e] <= '9' {
		e++
	}
	if e < len(s) {
		r, _ := utf8.DecodeRuneInString(s[e:])
		if unicode.IsLetter(r) || strings.ContainsRune("-/_", r) {
			return false
		}
		if (r == '.' || r == ',' || r == ':') && e+1 < len(s) && s[e+1] >= '0' && s[e+1] <= '9' {
			return false
		}
	}
	return i-a <= 4 && e-i-1 <= 4
}
