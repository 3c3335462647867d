package reader

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/locale"
	"pamphlet/model"
)

// bylinePrefixes open a byline, longest first so that "written by" wins
// over "by". The corpus shows "written by" (the seed), "By" (Go blog),
// "Author:" (Go blog), "Posted by" (Blogger) and "BY" in capitals (The
// Girl's Own Paper); the others are their
// equivalents in the supported languages.
var bylinePrefixes = []string{
	"written and photographed by ", "written by ", "posted by ", "words by ", "story by ", "text by ", "report by ",
	"authors: ", "author: ", "authors ", "author ", "by: ", "by ",
	"escrito por ", "écrit par ", "geschrieben von ", "scritto da ", "von ", "par ", "por ", "di ",
}

// datePrefixes may precede a date on its line ("Posted on March 10, 2015"
// in the Mozilla Hacks article).
var datePrefixes = []string{
	"posted on", "posted", "published on", "published", "updated on", "updated", "last updated", "date", "dated", "on",
	"publié le", "publicado el", "publicado em", "veröffentlicht am", "pubblicato il", "the", "le", "am", "el", "il", "em",
	"mis à jour le", "actualizado el", "aktualisiert am", "aggiornato il", "atualizado em",
}

// honorifics may open a name ("THE HON. VICTORIA GROSVENOR" in a Victorian
// magazine).
var honorifics = map[string]bool{
	"the": true, "hon.": true, "rev.": true, "dr.": true, "mr.": true, "mrs.": true, "ms.": true, "miss": true,
	"prof.": true, "sir": true, "lady": true, "lord": true, "dame": true, "right": true, "very": true, "revd.": true,
}

// nameParticles are lowercase words allowed inside a name.
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "da": true, "del": true, "della": true, "der": true, "den": true, "di": true,
	"du": true, "la": true, "le": true, "dos": true, "das": true, "do": true, "y": true, "bin": true, "ibn": true, "al": true, "ter": true, "zu": true,
}

// nameSuffixes follow a name after a comma.
var nameSuffixes = map[string]bool{"jr.": true, "jr": true, "sr.": true, "sr": true, "ii": true, "iii": true, "iv": true, "phd": true, "ph.d.": true}

// orgWords name organisations, not people: a line of capitalised words
// holding one is no bare byline.
var orgWords = map[string]bool{
	"association": true, "club": true, "society": true, "union": true, "committee": true, "council": true,
	"group": true, "team": true, "school": true, "primary": true, "academy": true, "library": true, "church": true,
	"trust": true, "foundation": true, "company": true, "ltd": true, "inc": true, "department": true, "office": true,
	"network": true, "alliance": true, "federation": true, "league": true, "branch": true, "party": true,
	"museum": true, "university": true, "college": true, "institute": true, "centre": true, "center": true,
	"press": true, "news": true, "times": true, "gazette": true, "magazine": true, "newsletter": true, "bulletin": true,
	"verein": true, "asociación": true, "associação": true, "associazione": true, "comité": true, "comitato": true,
	"gruppe": true, "grupo": true, "gruppo": true, "cooperativa": true, "genossenschaft": true, "coopérative": true,
}

// authorJoins separate several authors: the "and" of every language of
// package locale ("A, B and C" in the Go blog, "A et B"), "&", "with",
// and ";" ("A; B" in pandoc's plain text).
var authorJoins = func() []string {
	joins := []string{" & ", " with ", "; "}
	for _, w := range locale.All() {
		if j := " " + w.And + " "; !slices.Contains(joins, j) {
			joins = append(joins, j)
		}
	}
	return joins
}()

// parseAuthors reads the names in s (the byline without its prefix). Parts
// that are not names, such as the affiliation in "Russ Cox, for the Go
// team" (Go blog), are returned as rest. bare is true for a line without a
// "By" prefix, which needs a stricter test: two to four words.
func parseAuthors(s string, bare bool) (names []string, rest string, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ",;:")
	// A final period closes the Victorian byline "BY JAMES MASON."; keep the
	// period of an initial or abbreviation ("Jr.").
	if strings.HasSuffix(s, ".") && !endsWithInitial(s) {
		s = strings.TrimSuffix(s, ".")
	}
	work := s
	for _, j := range authorJoins {
		work = strings.ReplaceAll(work, j, ", ")
	}
	var restParts []string
	for _, part := range strings.Split(work, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		// "Martin Luther King, Jr.": a suffix belongs to the name before.
		if len(names) > 0 && len(restParts) == 0 && nameSuffixes[strings.ToLower(part)] {
			names[len(names)-1] += ", " + part
			continue
		}
		// Names come first; once a part is not a name, the rest is an
		// affiliation ("for the Go team").
		if len(restParts) == 0 && isName(part, bare) {
			names = append(names, part)
			continue
		}
		restParts = append(restParts, part)
	}
	if len(names) == 0 {
		return nil, s, false
	}
	return names, strings.Join(restParts, ", "), true
}

func endsWithInitial(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	return utf8.RuneCountInString(last) == 2 && unicode.IsUpper([]rune(last)[0]) || strings.EqualFold(last, "jr.") || strings.EqualFold(last, "sr.")
}

// isName reports whether s looks like a person's name: one to six words,
// each capitalised (or, after "By", in a script without case), an
// initial, an honorific or a particle, with at least
// one capitalised word that is not an honorific. A single word is a name
// only after a "By" prefix.
func isName(s string, bare bool) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || bare && (len(words) < 2 || len(words) > 4) {
		return false
	}
	if len(words) == 1 && !bare && honorifics[strings.ToLower(words[0])] {
		return false
	}
	real := 0
	for i, w := range words {
		lw := strings.ToLower(w)
		if bare && (orgWords[strings.Trim(lw, ".,'’")] || strings.HasSuffix(lw, "s'") || strings.HasSuffix(lw, "s’")) {
			// "Riverside Tenants' Association" under a title is who
			// publishes, not who wrote (the tenants-meeting-minutes and
			// chess-club-treasurer samples).
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case i < len(words)-1 && honorifics[lw] && (i == 0 || honorifics[strings.ToLower(words[i-1])]):
		case nameParticles[lw] && i > 0:
		case unicode.IsUpper(r) || !bare && unicode.Is(unicode.Lo, r):
			// Scripts without capitals (山田 太郎, محمد علي) have none to
			// show a name by: after "By" their words count as they are.
			for _, c := range w {
				if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' && c != '’' {
					return false
				}
			}
			real++
		default:
			return false
		}
	}
	return real > 0
}

// bylineRest strips a byline prefix from s and returns what follows.
func bylineRest(s string) (string, bool) {
	lower := strings.ToLower(s)
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(lower, p) {
			return s[len(p):], true
		}
	}
	return "", false
}

// headerInfo is what one header line told.
type headerInfo struct {
	authors     []string
	affiliation string
	date        model.Date
	dateText    string // the date as written ("March 2021")
	publication string // a periodical named in front of the date (Victorian magazine)
	// aside is what the line said besides the byline and the date and
	// the reader leaves out: a second, "Updated" date, a reading time.
	aside []string
	// byline is the byline as printed, label and affiliation included
	// ("written by Greg Butterfield"); dateline is the rest of a line that
	// holds a date, as printed ("Posted on March 10, 2015"). Exporters
	// show them so that no word of the header is lost (the seed's
	// "written by").
	byline, dateline string
}

// parseHeaderLine recognises a byline, a date line, or both on one line:
// "By Carmen Andoh, Russ Cox and Steve Francia | 25 March 2020" (Go blog),
// "Tuesday 15 October 2019 by Bradley M. Kuhn" (a personal blog), "The
// Girl's Own Paper, October 2, 1886" (Victorian magazine). bareName allows
// a name without "By".
func parseHeaderLine(line, lang string, bareName bool) (headerInfo, bool) {
	var h headerInfo
	s := strings.TrimSpace(line)
	if s == "" || runeLen(s) > 160 {
		return h, false
	}
	d, ds, de, found := findDate(s, lang)
	var parts []string
	if found {
		h.date, h.dateText = d, s[ds:de]
		// "at 09:11", "à 14h05": the time of day goes with the date.
		de = skipTime(s, de)
		parts = append(parts, s[:ds], s[de:])
	} else {
		parts = []string{s}
	}
	any := found
	for pi, part := range parts {
		for _, piece := range splitHeaderParts(part) {
			low := strings.ToLower(piece)
			if piece == "" {
				continue
			}
			if found && (low == "by" || low == "posted by") {
				continue // a page that set its author apart: "By · 8 March 2022"
			}
			if found && (readingTime.MatchString(piece) || laterDate(piece, lang)) {
				// "6 min read", "Updated 5 May 2021" (the ebike-blog-copy
				// and library-closes-early samples).
				h.aside = append(h.aside, piece)
				continue
			}
			if rest, ok := bylineRest(piece); ok {
				// "Posted by X on": a date followed.
				rest = strings.TrimSpace(rest)
				for _, suf := range []string{" on", " at", " le", " el", " am", " il", " em"} {
					if strings.HasSuffix(strings.ToLower(rest), suf) {
						rest = rest[:len(rest)-len(suf)]
					}
				}
				names, aff, ok := parseAuthors(rest, false)
				if !ok || strings.Count(aff, " ") > 8 {
					return h, false
				}
				h.authors = append(h.authors, names...)
				h.affiliation = aff
				h.byline = piece
				any = true
				continue
			}
			if found && isDatePrefix(low) {
				continue
			}
			if found && pi == 0 {
				// A periodical's name in front of the date: "The Girl's Own
				// Paper, October 2, 1886".
				if p := strings.TrimSpace(strings.TrimRight(piece, ",;:")); isTitleish(p) {
					h.publication = p
					continue
				}
			}
			if bareName || found {
				// A name without "By" next to a date, or on its own line
				// beside a date line.
				if names, aff, ok := parseAuthors(piece, true); ok && aff == "" {
					h.authors = append(h.authors, names...)
					h.byline = piece
					any = true
					continue
				}
			}
			return h, false
		}
	}
	if found {
		h.dateline = datelineText(s, h)
	}
	return h, any
}

// datelineText is the date part of header line s as printed: the line
// without its byline piece, the separators around it and the asides the
// reader leaves out.
func datelineText(s string, h headerInfo) string {
	cut := func(s, piece string) string {
		if piece == "" {
			return s
		}
		if i := strings.Index(s, piece); i >= 0 {
			return s[:i] + " | " + s[i+len(piece):]
		}
		return s
	}
	s = cut(s, h.byline)
	for _, a := range h.aside {
		s = cut(s, a)
	}
	var keep []string
	for _, p := range splitHeaderParts(s) {
		if p = strings.TrimSpace(p); p != "" && hasLetterOrDigit(p) {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, ", ")
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// readingTime matches the reading time blogs print beside the date ("6
// min read", "Lesezeit: 4 Minuten", "5 min de lecture").
var readingTime = regexp.MustCompile(`(?i)^(?:lesezeit:?\s*|tiempo de lectura:?\s*|tempo di lettura:?\s*)?\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos|minuti)\.?(?:\s+(?:read|reading|de lecture|de lectura|de leitura|di lettura|lesezeit|lesen))?$`)

// laterDate reports whether piece is a second date with its prefix, as
// in "Published 3 May 2021 | Updated 5 May 2021".
func laterDate(piece, lang string) bool {
	_, ds, de, ok := findDate(piece, lang)
	return ok && isDatePrefix(strings.ToLower(strings.Trim(piece[:ds], " ,;:"))) && strings.TrimSpace(piece[skipTime(piece, de):]) == ""
}

// splitHeaderParts cuts a header line at the separators people put
// between a byline and a date ("|", "·", " - ", " — ").
func splitHeaderParts(s string) []string {
	for _, sep := range []string{" | ", "|", " · ", " • ", " - ", " — ", " – ", " -- "} {
		s = strings.ReplaceAll(s, sep, "\x00")
	}
	parts := strings.Split(s, "\x00")
	for i, p := range parts {
		parts[i] = strings.Trim(p, " ,;:–—-")
		// "Posted on" before the date stays as one prefix piece.
	}
	return parts
}

func isDatePrefix(low string) bool {
	for _, p := range datePrefixes {
		if low == p {
			return true
		}
	}
	return false
}

// isTitleish reports whether s is a short capitalised phrase, such as a
// periodical's name.
func isTitleish(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return caps*2 >= len(words)+1
}

// smallWords stay lowercase inside a title-cased English heading, unless
// first or last.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true, "for": true, "so": true, "yet": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "by": true, "up": true, "as": true, "via": true, "per": true,
	"from": true, "with": true, "into": true, "onto": true, "upon": true, "vs": true, "vs.": true, "off": true, "over": true,
}

// isAllCaps reports whether s has at least two letters, all uppercase.
func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// recase turns a line set in capitals ("THE AMATEUR CHURCH ORGANIST") into
// a readable case: title case in English, sentence case in other languages.
// Roman numerals, words with digits or inner periods ("COVID-19", "U.S.")
// and words that appear in capitals in the body (acronyms such as "FSF")
// keep their capitals.
func recase(s, lang string, acronym func(string) bool) string {
	words := strings.Split(s, " ")
	first, last := -1, -1
	for i, w := range words {
		if hasLetter(w) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, w := range words {
		if !hasLetter(w) {
			continue
		}
		// Separate leading and trailing punctuation: `"WOMAN`, `STENAY."`.
		lead, core, trail := splitPunct(w)
		switch {
		case keepCaps(core, acronym):
		case lang == "en" && i != first && i != last && smallWords[strings.ToLower(core)]:
			core = strings.ToLower(core)
		case lang == "en" || i == first:
			core = capitalize(core)
		default:
			core = strings.ToLower(core)
		}
		words[i] = lead + core + trail
	}
	return strings.Join(words, " ")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// splitPunct splits w into leading punctuation, the word, and trailing
// punctuation (a final period of an abbreviation stays with the word).
func splitPunct(w string) (lead, core, trail string) {
	i := 0
	for i < len(w) {
		r, n := utf8.DecodeRuneInString(w[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += n
	}
	j := len(w)
	for j > i {
		r, n := utf8.DecodeLastRuneInString(w[:j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		j -= n
	}
	return w[:i], w[i:j], w[j:]
}

// keepCaps reports whether a word in capitals must stay so.
func keepCaps(w string, acronym func(string) bool) bool {
	if w == "" || isRoman(w) {
		return true
	}
	for _, r := range w {
		if unicode.IsDigit(r) || r == '.' {
			return true
		}
	}
	return acronym != nil && acronym(w)
}

// isRoman reports whether w is a roman numeral of the kind used for parts
// and chapters ("PART I."). "I" alone is both the pronoun and the numeral;
// either way it stays a capital.
func isRoman(w string) bool {
	if w == "" || len(w) > 7 {
		return false
	}
	for _, r := range w {
		if !strings.ContainsRune("IVXLC", r) {
			return false
		}
	}
	// Real words made of these letters.
	switch w {
	case "CIVIL", "LIV", "VIC", "LIC", "CLI":
		return false
	}
	return true
}

// capitalize lowercases w except its first letter, and the first letter
// after a hyphen ("OPEN-SOURCE" → "Open-Source"); after an apostrophe the
// letters stay lowercase ("GIRL'S" → "Girl's").
func capitalize(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	up := true
	for _, r := range w {
		if up && unicode.IsLetter(r) {
			b.WriteRune(unicode.ToTitle(r))
			up = false
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		if r == '-' || r == '/' {
			up = true
		}
	}
	return b.String()
}

// skipBlank returns the index of the first non-blank line at or after i.
func skipBlank(lines []srcLine, i int) int {
	for i < len(lines) && lines[i].blank() {
		i++
	}
	return i
}

// header reads the title, subtitle, byline and date at the top of the text
// into doc and returns the index of the first body line. The corpus shows
// every order: title, byline, date (seed, Go blog, Mozilla Hacks and
// Victorian magazine); title, date, byline (Go blog and Blogger); title,
// subtitle, byline, date (Victorian magazine); byline and date on one line
// (Go blog and a personal blog); a periodical's name with the date
// (Victorian magazine).
func (r *textReader) header(lines []srcLine, doc *model.Document, lang string) int {
	i := skipBlank(lines, 0)
	if i >= len(lines) {
		return i
	}
	if k := skipBlank(lines, i+1); k < len(lines) && isKicker(lines[i].text()) && lines[k].indent < 4 &&
		r.titleLike(lines[k], nextLine(lines, k), lang) && !isHeader(lines[k].text(), lang) && r.headerFollows(lines, k+1, lang) {
		// A breadcrumb, a label or the site's name above the title
		// ("Home › Blog › Cycling", "FOR IMMEDIATE RELEASE", "The Valley
		// Gazette": the ebike-blog-copy, library-press-release and
		// valley-gazette-site-name samples) is not the title; it stays in
		// the body, as the first paragraph.
		r.kicker = lines[i : i+1]
		r.repair(int(lines[i].no), "kicker", "%q above the title kept as the first paragraph", lines[i].text())
		i = k
	}
	first := lines[i]
	next := nextLine(lines, i)
	switch {
	case atxLevel(first) > 0:
		r.setTitle(doc, first, strings.TrimSpace(strings.TrimRight(first.text()[atxLevel(first):], "# ")), "a # heading line", lang)
		i++
	case !next.blank() && first.indent < 4 && isUnderline(next.text()) != 0:
		r.setTitle(doc, first, first.text(), "an underlined line", lang)
		i += 2
	case !next.blank() && startsLower(next.text()) && wrappedTitle(lines, i, lang):
		r.setTitle(doc, first, first.text()+" "+next.text(), "a title wrapped over two lines", lang)
		r.repair(int(next.no), "title", "%q continues the title", next.text())
		i += 2
	default:
		if _, ok := parseHeaderLine(first.text(), lang, false); ok {
			break // no title: the text opens with its byline or date
		}
		if r.titleLike(first, next, lang) {
			r.setTitle(doc, first, first.text(), "the first line", lang)
			i++
		}
	}
	prevDate := -1 // line index of the last date line, for bare names next to it
	lastKind := "title"
	if doc.Title == "" {
		lastKind = ""
	}
	for n := 0; n < 6; n++ {
		j := skipBlank(lines, i)
		if j >= len(lines) || lines[j].indent >= 4 {
			break
		}
		l := lines[j]
		h, ok := parseHeaderLine(l.text(), lang, false)
		// A name without "By" counts only on the line right after a date
		// line, or on the line before one, perhaps across blank lines as
		// a text browser sets a title block; further away it is more
		// likely a heading.
		if !ok && (prevDate == j-1 || nextDateLine(lines, j+1, lang)) {
			h, ok = parseHeaderLine(l.text(), lang, true)
		}
		next := j + 1
		if !ok {
			if bl, k, found := splitByline(lines, j, lang); found {
				h, ok = parseHeaderLine(bl.text(), lang, false)
				l, next = bl, k+1
			}
		}
		if !ok && n == 0 && lastKind != "" && r.bareByline(lines, j, lang) {
			h, ok = parseHeaderLine(l.text(), lang, true)
		}
		if ok {
			// "Authors: A, B," wrapped over the next line: "C and D".
			for len(h.authors) > 0 && h.date.IsZero() && next < len(lines) && runsOn(lines[next-1].text()) {
				more, ok := parseHeaderLine(lines[next].text(), lang, true)
				if !ok || len(more.authors) == 0 || !more.date.IsZero() {
					break
				}
				h.authors = append(h.authors, more.authors...)
				l.setText(strings.TrimSpace(l.text() + " " + lines[next].text()))
				h.byline = l.text()
				next++
			}
			r.applyHeader(doc, l, h, lang)
			if !h.date.IsZero() {
				prevDate = j
			}
			lastKind = "meta"
			i = next
			continue
		}
		if lastKind == "meta" && len(doc.Authors) > 0 && isCredit(l.text()) {
			// "AUTHOR OF “THE TIN WHISTLE.”" under the name on a title
			// page belongs to the byline.
			credit := l.text()
			if isAllCaps(credit) {
				credit = recase(credit, lang, r.isAcronym)
			}
			doc.Byline = strings.TrimRight(cmp.Or(doc.Byline, strings.Join(doc.Authors, ", ")), ",;") + ", " + credit
			r.repair(int(l.no), "byline", "credit %q kept with the byline", l.text())
			i = j + 1
			continue
		}
		if lastKind != "" && len(r.imprint) == 0 {
			if e := imprintEnd(lines, j); e > j {
				// A title page's imprint: the place, the publisher, the
				// street and the year, each on its own line. It stays in
				// the body as a laid-out block, never as headings; its year
				// dates the edition.
				r.imprint = lines[j:e]
				r.repair(int(l.no), "imprint", "publisher's imprint (lines %d-%d) kept as a laid-out block", l.no, lines[e-1].no)
				if doc.Date.IsZero() {
					for _, il := range r.imprint {
						if y, ok := imprintYear(il.text()); ok {
							doc.Date = model.Date{Year: y}
							r.repair(int(il.no), "date", "%d from the imprint", y)
							break
						}
					}
				}
				i = e
				lastKind = "meta"
				continue
			}
		}
		if lastKind == "title" && doc.Subtitle == "" && subtitleLike(l) && r.headerFollows(lines, j+1, lang) {
			sub := l.text()
			if isAllCaps(sub) {
				rc := strings.TrimSuffix(recase(sub, lang, r.isAcronym), ".")
				r.repair(int(l.no), "recase", "subtitle set in capitals %q shown as %q", sub, rc)
				sub = rc
			}
			doc.Subtitle = sub
			r.repair(int(l.no), "subtitle", "%q", sub)
			lastKind = "subtitle"
			i = j + 1
			continue
		}
		break
	}
	return i
}

// lateByline takes a byline or date line that stands alone after the
// first paragraph of the body — news sites put the standfirst above the
// byline (the night-bus-byline-after-lead sample) — into the metadata,
// when the header did not give it, and returns the body without it.
func (r *textReader) lateByline(body []srcLine, doc *model.Document) []srcLine {
	a := skipBlank(body, 0)
	e := a
	for e < len(body) && !body[e].blank() {
		e++
	}
	c := skipBlank(body, e)
	if a == e || c == e || c >= len(body) || c+1 < len(body) && !body[c+1].blank() || body[c].indent >= 4 {
		return body
	}
	h, ok := parseHeaderLine(body[c].text(), r.lang, false)
	if !ok || len(h.authors) == 0 || len(doc.Authors) > 0 || !h.date.IsZero() && !doc.Date.IsZero() {
		return body
	}
	r.applyHeader(doc, body[c], h, r.lang)
	out := make([]srcLine, 0, len(body)-1)
	return append(append(out, body[:c]...), body[c+1:]...)
}

// primaryLang returns the primary language subtag of the first tag that
// is not empty ("en" for "en-GB"), or "". The header heuristics need the
// language only.
func primaryLang(tags ...string) string {
	for _, t := range tags {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			if i := strings.IndexAny(t, "-_"); i > 0 {
				t = t[:i]
			}
			return t
		}
	}
	return ""
}

// nextLine returns lines[i+1], or a blank line at the end.
func nextLine(lines []srcLine, i int) srcLine {
	if i+1 < len(lines) {
		return lines[i+1]
	}
	return srcLine{}
}

// kickers are labels that news sites and press offices set above a
// title.
var kickers = map[string]bool{
	"for immediate release": true, "press release": true, "news release": true, "media release": true,
	"opinion": true, "editorial": true, "analysis": true, "breaking news": true, "sponsored": true,
	"comunicado de prensa": true, "nota de prensa": true, "communiqué de presse": true, "communiqué": true,
	"pressemitteilung": true, "comunicato stampa": true, "comunicado de imprensa": true, "nota à imprensa": true,
}

// mastheads end the name of a periodical ("The Valley Gazette"). Words
// that end titles as often ("Times", "News", "Post") are left out.
var mastheads = map[string]bool{
	"gazette": true, "herald": true, "tribune": true, "chronicle": true, "courier": true, "newsletter": true,
	"bulletin": true, "magazine": true, "digest": true, "zeitung": true, "gazzetta": true, "diario": true, "jornal": true,
}

// isHeader reports whether s is a byline or date line.
func isHeader(s, lang string) bool {
	_, ok := parseHeaderLine(s, lang, false)
	return ok
}

// breadcrumbSeps separate the steps of a breadcrumb trail.
var breadcrumbSeps = []string{" › ", " » ", " > ", " / ", " | ", " · ", " → "}

// isKicker reports whether s is a label set above a title: one of the
// kickers, a breadcrumb trail of two to six short steps ("Home › Blog ›
// Cycling"), or a masthead: up to four capitalised words ending with a
// word that names a periodical ("The Valley Gazette").
func isKicker(s string) bool {
	if kickers[strings.ToLower(strings.Trim(s, " :.-–—*"))] {
		return true
	}
	// A line of spaces the trim above leaves (U+202F) has no words (a
	// FuzzText crasher).
	if w := strings.Fields(s); len(w) > 0 && (len(w) <= 4 && mastheads[strings.ToLower(w[len(w)-1])] && titleCased(w) || len(w) == 1 && mastheads[strings.ToLower(w[0])]) {
		return true
	}
	for _, sep := range breadcrumbSeps {
		if !strings.Contains(s, sep) {
			continue
		}
		steps := strings.Split(s, sep)
		if len(steps) < 2 || len(steps) > 6 {
			continue
		}
		ok := true
		for _, st := range steps {
			if n := len(strings.Fields(st)); n == 0 || n > 4 || strings.ContainsAny(st, ".!?,;") {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// parseDateline reads a header line of a Markdown or HTML article with
// the text reader's rules (parseHeaderLine): the authors and the date it
// names. ok is false unless every part of the line is accounted for, so a
// sentence that mentions a date or a name is left alone.
func parseDateline(s, lang string) (authors []string, date model.Date, ok bool) {
	h, ok := parseHeaderLine(strings.Join(strings.Fields(s), " "), lang, false)
	if !ok {
		return nil, model.Date{}, false
	}
	return h.authors, h.date, true
}

// nextDateLine reports whether the first line from i on that is not blank
// is a date line, perhaps after more names on lines of their own (a text
// browser sets each author of a title block apart).
func nextDateLine(lines []srcLine, i int, lang string) bool {
	for n := 0; n < 6; n++ {
		i = skipBlank(lines, i)
		if i >= len(lines) || lines[i].indent >= 4 {
			return false
		}
		if isDateLine(lines[i].text(), lang) {
			return true
		}
		if h, ok := parseHeaderLine(lines[i].text(), lang, true); !ok || len(h.authors) == 0 || !h.date.IsZero() {
			return false
		}
		i++
	}
	return false
}

// isDateLine reports whether s is a header line holding a date.
func isDateLine(s, lang string) bool {
	h, ok := parseHeaderLine(s, lang, false)
	return ok && !h.date.IsZero()
}

// titleLike reports whether the first line reads as a title: short, on a
// line of its own (or followed by a byline or date), not ending like a
// clause.
func (r *textReader) titleLike(first, next srcLine, lang string) bool {
	t := first.text()
	n := runeLen(t)
	if first.indent >= 4 || n == 0 || n > 150 {
		return false
	}
	if isMarker(first) || isQuoteLine(first) || fence(first) != "" {
		return false
	}
	switch lastRune(t) {
	case ',', ';':
		return false
	}
	if n > 100 && lastRune(stripClosers(t)) == '.' {
		return false
	}
	if unbalancedQuote(t) {
		// An opening quotation mark that does not close on the line
		// starts a sentence, not a title.
		return false
	}
	if next.blank() {
		return true
	}
	if (startsLower(next.text()) || n > 60 && runeLen(next.text()) > 40) && !isHeader(next.text(), lang) {
		// The line runs on: the first line of a wrapped paragraph, with
		// no title above it.
		return false
	}
	_, ok := parseHeaderLine(next.text(), lang, false)
	return ok || subtitleLike(next) && next.indent < 4
}

// subtitleLike reports whether l may be a subtitle: a short line that does
// not end a sentence (a Victorian magazine sets its subtitle in capitals).
func subtitleLike(l srcLine) bool {
	n := runeLen(l.text())
	if n == 0 || n > 150 || l.indent >= 4 {
		return false
	}
	if isMarker(l) {
		return false
	}
	switch lastRune(stripClosers(l.text())) {
	case ',', ';', ':':
		return false
	case '.':
		return isAllCaps(l.text())
	}
	return true
}

// headerFollows reports whether one of the next two non-blank lines after
// i is a byline or date line.
func (r *textReader) headerFollows(lines []srcLine, i int, lang string) bool {
	for k := 0; k < 2; k++ {
		i = skipBlank(lines, i)
		if i >= len(lines) {
			return false
		}
		if _, ok := parseHeaderLine(lines[i].text(), lang, false); ok {
			return true
		}
		if _, _, ok := splitByline(lines, i, lang); ok {
			return true
		}
		i++
	}
	return false
}

// splitByline reads the title-page byline whose "BY" stands alone on its
// line, with the name on the next non-blank line:
//
//	BY
//
//	HARRIET QUILL,
//
// It returns the byline as one line (numbered as the "BY" line) and the
// index of the name's line.
func splitByline(lines []srcLine, i int, lang string) (srcLine, int, bool) {
	if i >= len(lines) {
		return srcLine{}, 0, false
	}
	by := strings.TrimSpace(lines[i].text())
	if _, ok := bylineRest(by + " "); !ok || strings.Contains(by, " ") && !strings.HasSuffix(strings.ToLower(by), " by") {
		return srcLine{}, 0, false
	}
	k := skipBlank(lines, i+1)
	if k >= len(lines) || k > i+2 || lines[k].indent >= 4 {
		return srcLine{}, 0, false
	}
	l := lines[i]
	l.setText(by + " " + lines[k].text())
	h, ok := parseHeaderLine(l.text(), lang, false)
	if !ok || len(h.authors) == 0 {
		return srcLine{}, 0, false
	}
	return l, k, true
}

// creditPrefixes open the line of a title page that names the author's
// other work or the book's other makers.
var creditPrefixes = []string{"author of ", "authoress of ", "editor of ", "translated by ", "translated from ", "illustrated by ", "with illustrations by ", "edited by ", "with an introduction by "}

// isCredit reports whether s is such a line.
func isCredit(s string) bool {
	low := strings.ToLower(s)
	for _, p := range creditPrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// imprintPublisher matches the publisher's line of an imprint
// ("LONGMANS, GREEN, AND CO.", "Smith & Sons", "The Riverside Press").
var imprintPublisher = regexp.MustCompile(`(?i)(?:\b(?:and|&)\s+(?:co|sons|bros|brothers|company)\b\.?|\bpublishers?\b|\bpress\b|\bprinters?\b)`)

// imprintPlace matches a place name ending with a colon ("LONDON:", "New
// York:") or an address that opens with a number ("39 PATERNOSTER ROW").
var imprintPlace = regexp.MustCompile(`^(?:(?:[A-Z][A-Za-z.'’]*\s?){1,3}:|\d{1,4}\s+[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)*[,.]?(?:\s+[A-Z][A-Za-z]*)*\.?)$`)

// imprintYear reads a year alone on its line ("1891.", "MDCCCXCI").
func imprintYear(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if len(s) == 4 {
		y := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			y = y*10 + int(c-'0')
		}
		return y, y >= 1450 && y <= 2100
	}
	return 0, false
}

// imprintShort reports whether s may stand in an imprint beside its
// publisher: a place or an edition of one to three capitalised words
// ("LONDON", "New York", "NEW IMPRESSION").
func imprintShort(s string) bool {
	s = strings.TrimRight(s, ".:")
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	for _, x := range w {
		if r, _ := utf8.DecodeRuneInString(x); !unicode.IsUpper(r) {
			return false
		}
	}
	for _, c := range s {
		if !unicode.IsLetter(c) && c != ' ' && c != '\'' && c != '’' {
			return false
		}
	}
	return true
}

// imprintEnd returns the end of a publisher's imprint starting at lines[i]
// (its lines may be separated by single blank lines), or i when there is
// none. Every line must be a place, an address, a publisher or a year,
// and one of them a publisher or a year.
func imprintEnd(lines []srcLine, i int) int {
	end, strong := i, false
	for j := i; j < len(lines) && j < i+12; {
		l := lines[j]
		if l.blank() || l.indent >= 4 || runeLen(l.text()) > 60 {
			break
		}
		_, year := imprintYear(l.text())
		pub := imprintPublisher.MatchString(l.text()) && isTitleish(strings.NewReplacer(",", " ", "&", "And").Replace(l.text()))
		if !year && !pub && !imprintPlace.MatchString(l.text()) && !imprintShort(l.text()) {
			break
		}
		strong = strong || year || pub
		end = j + 1
		j++
		if j < len(lines) && lines[j].blank() {
			j++
		}
	}
	if !strong {
		return i
	}
	return end
}

// setTitle stores the title, recased when set in capitals: Victorian
// magazines print "THE AMATEUR CHURCH ORGANIST." with a closing period,
// which goes.
func (r *textReader) setTitle(doc *model.Document, l srcLine, title, how, lang string) {
	title = strings.TrimSpace(title)
	if t, pre := mailSubject(title); pre != "" {
		how += fmt.Sprintf(", %q left out", pre)
		title = t
	}
	if isAllCaps(title) {
		rc := recase(title, lang, r.isAcronym)
		if c := strings.TrimSuffix(rc, "."); c != "" && !strings.HasSuffix(c, ".") {
			rc = c
		}
		r.repair(int(l.no), "recase", "title set in capitals %q shown as %q", title, rc)
		title = rc
	}
	doc.Title = title
	r.repair(int(l.no), "title", "%q (%s)", title, how)
}

// mailSubject strips what an e-mail puts before its subject line —
// "Subject:", "Re:", "Fwd:" and their equivalents — from a title (the
// bus-route-forward and reply-chain samples), and returns what it
// stripped.
func mailSubject(t string) (string, string) {
	rest := t
	for {
		low := strings.ToLower(rest)
		n := 0
		for _, p := range []string{"subject:", "betreff:", "objet :", "objet:", "asunto:", "oggetto:", "assunto:", "re:", "fwd:", "fw:", "aw:", "wg:", "tr:", "rv:", "enc:"} {
			if strings.HasPrefix(low, p) {
				n = len(p)
				break
			}
		}
		if n == 0 || strings.TrimSpace(rest[n:]) == "" {
			break
		}
		rest = strings.TrimSpace(rest[n:])
	}
	if rest == t {
		return t, ""
	}
	return rest, strings.TrimSpace(t[:len(t)-len(rest)])
}

// applyHeader stores what a header line told.
func (r *textReader) applyHeader(doc *model.Document, l srcLine, h headerInfo, lang string) {
	if !h.date.IsZero() {
		if doc.Date.IsZero() {
			doc.Date = h.date
			detail := fmt.Sprintf("%s from %q", h.date, l.text())
			if h.date.Month == 0 && hasLetter(h.dateText) {
				// The model holds a day or a year: "March 2021" keeps
				// its year, and the month is named here.
				detail += fmt.Sprintf(" (the month-only date %q kept as its year)", h.dateText)
			}
			if len(h.aside) > 0 {
				detail += fmt.Sprintf(" (%q left out)", strings.Join(h.aside, "; "))
			}
			r.repair(int(l.no), "date", "%s", detail)
		} else {
			r.repair(int(l.no), "date", "second date %s in %q kept out of the body", h.date, l.text())
		}
		if h.publication != "" {
			r.repair(int(l.no), "publication", "%q named with the date", h.publication)
		}
		if doc.Dateline == "" && h.dateline != "" {
			doc.Dateline = h.dateline
			if isAllCaps(doc.Dateline) {
				doc.Dateline = recase(doc.Dateline, lang, nil)
			}
		}
	}
	if doc.Byline == "" && h.byline != "" && len(doc.Authors) == 0 {
		doc.Byline = strings.TrimSpace(h.byline)
		if isAllCaps(doc.Byline) {
			doc.Byline = recase(doc.Byline, lang, nil)
		}
	}
	if len(h.authors) > 0 {
		names := make([]string, len(h.authors))
		for k, a := range h.authors {
			names[k] = a
			if isAllCaps(a) {
				names[k] = recase(a, lang, nil)
			}
		}
		if len(doc.Authors) == 0 {
			doc.Authors = names
			detail := fmt.Sprintf("%s from %q", strings.Join(names, "; "), l.text())
			if h.affiliation != "" {
				detail += fmt.Sprintf(" (affiliation %q left out)", h.affiliation)
			}
			r.repair(int(l.no), "byline", "%s", detail)
		} else {
			doc.Authors = append(doc.Authors, names...)
			r.repair(int(l.no), "byline", "more authors %s from %q", strings.Join(names, "; "), l.text())
		}
	}
}

// isAcronym reports whether w, a word in capitals, is written in capitals
// inside ordinary prose too ("FSF's Board"), and so keeps its capitals when
// a heading set in capitals is recased. A run of several words in capitals
// is a lead-in set in capitals (a Victorian magazine's "THE MOONLIGHT
// SONATA.--The…"), not acronyms.
func (r *textReader) isAcronym(w string) bool {
	if v, ok := r.acronyms[w]; ok {
		return v
	}
	if r.acronyms == nil {
		r.acronyms = map[string]bool{}
	}
	found := false
	s := r.src
	for off := 0; !found; {
		k := strings.Index(s[off:], w)
		if k < 0 {
			break
		}
		p := off + k
		off = p + len(w)
		if p > 0 && isWordByte(s, p, true) || off < len(s) && isWordByte(s, off, false) {
			continue // part of a longer word
		}
		// Not on a line set in capitals (the heading itself).
		ls := strings.LastIndexByte(s[:p], '\n') + 1
		le := strings.IndexByte(s[p:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += p
		}
		if isAllCaps(s[ls:le]) {
			continue
		}
		found = !capsWordAround(s, p, true) && !capsWordAround(s, off, false)
	}
	r.acronyms[w] = found
	return found
}

// isWordByte reports whether the character before (or at) s[i] is a letter
// or digit.
func isWordByte(s string, i int, before bool) bool {
	var c rune
	if before {
		c, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		c, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

// capsWordAround reports whether the word before s[i] (before) or after
// it, on the same line, is in capitals — or whether there is no such word
// and the line is all capitals.
func capsWordAround(s string, i int, before bool) bool {
	// Find the neighbouring word on the same line.
	j := i
	if before {
		for j > 0 && s[j-1] != '\n' && !isWordByte(s, j, true) {
			j--
		}
		e := j
		for j > 0 && isWordByte(s, j, true) {
			_, n := utf8.DecodeLastRuneInString(s[:j])
			j -= n
		}
		return e > j && e-j >= 2 && isAllCaps(s[j:e])
	}
	for j < len(s) && s[j] != '\n' && !isWordByte(s, j, false) {
		j++
	}
	b := j
	for j < len(s) && isWordByte(s, j, false) {
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return j > b && j-b >= 2 && isAllCaps(s[b:j])
}

// unbalancedQuote reports whether s opens a quotation that it does not
// close: a “ without its ”, or an odd number of straight double quotes.
func unbalancedQuote(s string) bool {
	return strings.Count(s, "“") > strings.Count(s, "”") || strings.Count(s, "\"")%2 == 1
}

// wrappedTitle reports whether lines[i] and the next line are one title
// wrapped in two, as a PDF copy sets a long title: together short, ending
// no sentence, with a blank line or the byline or date right after.
func wrappedTitle(lines []srcLine, i int, lang string) bool {
	first, next := lines[i], lines[i+1]
	if isHeader(next.text(), lang) {
		return false // "by Rosa Delgado" under the title
	}
	t := first.text() + " " + next.text()
	if first.indent >= 4 || next.indent >= 4 || runeLen(t) > 90 || strings.Count(t, ",") > 1 || unbalancedQuote(t) || isMarker(first) {
		return false
	}
	switch lastRune(stripClosers(t)) {
	case '.', ',', ';', ':', '!', '?':
		return false
	}
	k := i + 2
	if k >= len(lines) || lines[k].blank() || isHeader(lines[k].text(), lang) {
		return true
	}
	_, ok := parseHeaderLine(lines[k].text(), lang, true)
	return ok && k+1 < len(lines) && isDateLine(lines[k+1].text(), lang)
}

// runsOn reports whether a byline line continues on the next one: it
// ends with a comma or a joining word ("Ana Lima, Tom Reed," / "and").
func runsOn(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasSuffix(s, ",") || strings.HasSuffix(s, "&") {
		return true
	}
	for _, j := range authorJoins {
		if strings.HasSuffix(s, strings.TrimRight(j, " ")) {
			return true
		}
	}
	return false
}

// bareByline reports whether lines[i], right under the title, is the
// author's name with no "By": a line of its own, of two to four
// capitalised words, none of which the text writes in lowercase
// elsewhere. A heading such as "Getting Started" fails the last test,
// since its words are ordinary ones the text uses.
func (r *textReader) bareByline(lines []srcLine, i int, lang string) bool {
	l := lines[i]
	if i+1 < len(lines) && !lines[i+1].blank() || l.indent >= 4 {
		return false
	}
	h, ok := parseHeaderLine(l.text(), lang, true)
	if !ok || len(h.authors) != 1 || !h.date.IsZero() || h.authors[0] != strings.TrimSpace(l.text()) {
		return false
	}
	for _, w := range strings.Fields(h.authors[0]) {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if nameParticles[lw] || honorifics[lw] || len(lw) <= 2 {
			continue
		}
		if countWord(r.src, lw) > 0 {
			return false
		}
	}
	return true
}
