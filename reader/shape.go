package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The shape of a chunk of lines with no blank line between them says
// whether its line breaks are the author's or a wrapping program's. A
// wrapping program fills each line before it breaks; an author breaks a
// line where the sense does — after a field of a form, a line of verse, a
// salutation or a name under a letter. The functions here read that shape.

// lineated reports whether the line breaks of a paragraph chunk are
// meaningful and must survive as line breaks: a form of "Label: value"
// lines, verse, dialogue, an address or a sign-off (the allotment-poem,
// last-bus-story, street-party-announcement and school-trip-letter
// samples). Every line must be short (60 columns or fewer), at least one
// break must be one no wrapping program would make — the next line's first
// word would have fitted on the line before, at the text's own wrap width
// or at 40 columns, the narrowest anyone wraps prose at — and more breaks
// must fall at a natural place (after punctuation, before a capital) than
// at an unnatural one (after "the", "of", a hyphen). Stray line breaks in
// prose (Go blog) fall anywhere, mostly in long lines. Two lines only count
// when the first does not end a sentence.
func (r *textReader) lineated(lines []srcLine) bool {
	if len(lines) < 2 {
		return false
	}
	if fieldBlock(lines) {
		return true
	}
	width, urls := max(r.wrap, 40), 0
	for _, l := range lines {
		n := len(l.raw)
		if n > 60 {
			n = runeLen(l.raw)
		}
		if looksLikeURL(l.text()) && !strings.Contains(l.text(), " ") {
			urls++ // an address, however long
		} else if n > 60 || l.indent >= 4 || isMarker(l) {
			return false
		}
		width = max(width, n)
	}
	if urls == len(lines) {
		return true // a list of addresses, one a line
	}
	if len(lines) == 2 && lastRune(stripClosers(lines[0].text())) == '.' {
		// Two short sentences are prose: a break after a full stop shows
		// a layout only when it repeats (the last-bus-story sample).
		return false
	}
	unwrapped, good, bad := 0, 0, 0
	for k := 0; k+1 < len(lines); k++ {
		a, b := lines[k].text(), lines[k+1].text()
		if runeLen(lines[k].raw)+1+runeLen(firstWord(b)) <= width {
			unwrapped++
		}
		switch {
		case endsFunctionWord(a) || hyphenated(a):
			bad++
		case naturalBreak(a) || opensSentence(b) || startsSymbol(b):
			good++
		}
	}
	return unwrapped > 0 && good > bad
}

// hyphenated reports whether s ends with a word cut by a hyphen
// ("con-"), not with a line of dashes ("--" over a signature).
func hyphenated(s string) bool {
	_, ok := hyphenPrefix(s)
	return ok
}

// naturalBreak reports whether a line ending in s ends a phrase: with
// punctuation, a closing bracket or quotation mark, or an emoji.
func naturalBreak(s string) bool {
	r := lastRune(s)
	return strings.ContainsRune(",.;:!?…)]\"'”’»—–", r) || r > 0x2000 && unicode.IsSymbol(r)
}

// startsSymbol reports whether s opens with a symbol or a URL, which no
// sentence continues with: "🎉", "https://…".
func startsSymbol(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSymbol(r) || looksLikeURL(s)
}

// firstWord returns the text of s up to its first space.
func firstWord(s string) string {
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k]
	}
	return s
}

// lastWord returns the text of s after its last space.
func lastWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}

// functionWords are words a line of prose cannot end with when the
// sentence goes on: a break after them is a wrap or a stray break, not a
// line of verse or a form field (the six supported languages).
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "and": true, "or": true, "but": true, "in": true,
	"on": true, "at": true, "for": true, "with": true, "from": true, "by": true, "as": true, "that": true,
	"than": true, "into": true, "is": true, "are": true, "was": true, "were": true, "our": true, "your": true,
	"their": true, "its": true, "my": true, "his": true, "her": true,
	"el": true, "la": true, "los": true, "las": true, "un": true, "una": true, "y": true, "de": true, "del": true,
	"en": true, "con": true, "por": true, "para": true, "que": true, "le": true, "les": true, "du": true,
	"des": true, "et": true, "à": true, "au": true, "aux": true, "dans": true, "pour": true, "sur": true,
	"der": true, "die": true, "das": true, "und": true, "oder": true, "mit": true, "von": true, "zu": true,
	"im": true, "ein": true, "eine": true, "il": true, "lo": true, "gli": true, "di": true, "da": true,
	"per": true, "che": true, "do": true, "em": true, "os": true, "um": true, "uma": true, "no": true, "na": true,
}

// endsFunctionWord reports whether s ends with a function word.
func endsFunctionWord(s string) bool {
	return functionWords[strings.ToLower(lastWord(s))]
}

// fieldLine reports whether s is a line of a form: a short capitalised
// label, a colon and a value ("When: Saturday 22 July", "From: Grace
// Adeyemi <…>", "Renseignements : 01 23 45 67 89").
func fieldLine(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 40 || i+2 > len(s) || s[i+1] != ' ' || strings.TrimSpace(s[i+1:]) == "" {
		return false
	}
	label := strings.TrimRight(s[:i], " \u00a0")
	words := strings.Fields(label)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	r0, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsUpper(r0) {
		return false
	}
	for _, c := range label {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune(" -'’./&", c) {
			return false
		}
	}
	return true
}

// fieldBlock reports whether lines are a form: two or more field lines,
// perhaps under one short line that names them ("---------- Forwarded
// message ---------" above From:, Date:, Subject:, in the
// bus-route-forward sample; Present: and Apologies: in the
// tenants-meeting-minutes sample).
func fieldBlock(lines []srcLine) bool {
	if len(lines) < 2 || len(lines) == 2 && !fieldLine(lines[0].text()) {
		return false
	}
	start := 0
	if !fieldLine(lines[0].text()) {
		if runeLen(lines[0].text()) > 60 {
			return false
		}
		start = 1
	}
	if len(lines)-start < 2 {
		return false
	}
	for _, l := range lines[start:] {
		if l.indent >= 4 || !fieldLine(l.text()) {
			return false
		}
	}
	return true
}

// headingBeforeText reports whether the first line of a paragraph chunk is
// a heading set directly above its text, with no blank line between ("Plot
// inspections" in the garden-club-newsletter sample, "Notes:" in the
// lentil-soup-recipe sample), and why. The line must read as a heading on
// its own, and its break must be the author's: in hard-wrapped text it
// stops well short of the wrap; in unwrapped text a long line of prose or a
// laid-out block follows it. A short sentence-case line needs that long
// line after it and must not end with a function word: a stray break after
// "We thank the" (Go blog) is no heading.
func (r *textReader) headingBeforeText(lines []srcLine) (string, bool) {
	if len(lines) < 2 || r.explicitHeadings {
		return "", false
	}
	first, next := lines[0], lines[1]
	t := first.text()
	if len(t) > 400 || !opensSentence(next.text()) ||
		r.wrap > 0 && runeLen(first.raw)+1+runeLen(firstWord(next.text())) >= r.wrap-2 {
		return "", false // a wrapped line of prose
	}
	if first.indent >= 4 || next.indent >= 4 || isMarker(first) || fieldLine(t) || isSalutation(t) || isValediction(t) || fieldBlock(lines) {
		return "", false
	}
	style := r.headingStyle(t)
	if style == "" {
		style = colonHeading(t)
	}
	if style == "" {
		return "", false
	}
	if r0, _ := utf8.DecodeRuneInString(next.text()); style == "colon" && strings.ContainsRune("\"'“‘«„", r0) {
		return "", false // "She said:" before a quotation
	}
	if style == "bare line" && endsFunctionWord(t) {
		return "", false
	}
	// Below a heading comes a paragraph (a long line, or one as long as
	// the wrap) or a laid-out block — not one short line, which makes the
	// pair a sign-off: "Helen Forsyth" / "Treasurer" (chess-club-treasurer).
	prose := runeLen(next.text()) > 60 || r.wrap > 0 && runeLen(next.raw) >= r.wrap-20
	return style, prose || len(lines) > 2 && r.lineated(lines[1:])
}

// colonHeading says "colon" when t is a short capitalised line ending
// with a colon that may head a section ("Lost property:", the
// school-weekly-newsletter sample), or "".
func colonHeading(t string) string {
	core := strings.TrimRight(t, " \u00a0")
	if lastRune(core) != ':' || strings.Count(core, ":") > 1 {
		return ""
	}
	core = strings.TrimRight(strings.TrimSuffix(core, ":"), " \u00a0")
	if core == "" || len(strings.Fields(core)) > 6 || strings.Contains(core, ". ") || !opensSentence(core) {
		return ""
	}
	switch lastRune(core) {
	case ',', ';', '.', '-', '—', '–':
		return ""
	}
	return "colon"
}

// greetings open a letter's salutation ("Dear Parents and Carers,",
// "Liebe Mitglieder,"): the line is a paragraph of its own, never glued
// to the text below it, which in German opens in lowercase (the
// verein-training-de sample).
var greetings = map[string]bool{
	"dear": true, "hi": true, "hello": true, "hey": true, "greetings": true,
	"liebe": true, "lieber": true, "liebes": true, "hallo": true, "sehr": true, "moin": true,
	"bonjour": true, "cher": true, "chère": true, "chers": true, "chères": true, "salut": true,
	"hola": true, "querido": true, "querida": true, "queridos": true, "queridas": true,
	"estimado": true, "estimada": true, "estimados": true, "estimadas": true,
	"caro": true, "cara": true, "cari": true, "care": true, "gentile": true, "gentili": true, "ciao": true, "buongiorno": true,
	"olá": true, "oi": true, "prezado": true, "prezada": true, "prezados": true, "prezadas": true, "caros": true, "caras": true,
}

// isSalutation reports whether s opens a letter: a greeting word, at most
// six words, and a comma, colon or exclamation mark at the end.
func isSalutation(s string) bool {
	switch lastRune(s) {
	case ',', ':', '!':
	default:
		return false
	}
	if len(s) > 80 || strings.Count(s, " ") > 5 {
		return false
	}
	return greetings[strings.ToLower(strings.TrimRight(firstWord(s), ",:!"))]
}

// isValediction reports whether s closes a letter above the signature:
// a short line ending with a comma ("Best,", "In solidarity,", "Yours
// sincerely,") or a closing without one ("Mit sportlichen Grüßen", the
// verein-training-de sample), or the "-- " line that opens an e-mail
// signature.
func isValediction(s string) bool {
	if s == "--" || s == "-- " || s == "—" {
		return true
	}
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 4 || !opensSentence(s) {
		return false
	}
	if lastRune(s) == ',' {
		return true
	}
	low := strings.ToLower(s)
	for _, c := range []string{"grüße", "grüßen", "gruß", "cordialement", "atentamente", "saludos", "saluti", "atenciosamente", "abraços", "regards"} {
		if strings.Contains(low, c) {
			return true
		}
	}
	return false
}
