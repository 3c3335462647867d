package reader

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"pamphlet/internal/lazyre"
	"pamphlet/model"
)

// meta is article metadata a reader found (front matter, <meta> tags,
// JSON-LD, a byline line) before it is applied to the document. Empty
// fields mean "not found".
type meta struct {
	Title, Subtitle string
	Authors         []string
	Date            model.Date
	Lang            string
	Description     string
	Source          string
}

// fill copies into m every field m lacks and o has: sources are merged in
// order of trust, the most trusted first.
func (m *meta) fill(o meta) {
	if m.Title == "" {
		m.Title = o.Title
	}
	if m.Subtitle == "" {
		m.Subtitle = o.Subtitle
	}
	if len(m.Authors) == 0 {
		m.Authors = o.Authors
	}
	if m.Date.IsZero() {
		m.Date = o.Date
	}
	if m.Lang == "" {
		m.Lang = o.Lang
	}
	if m.Description == "" {
		m.Description = o.Description
	}
	if m.Source == "" {
		m.Source = o.Source
	}
}

// apply sets the document's metadata from m.
func (m meta) apply(doc *model.Document) {
	doc.Title = m.Title
	doc.Subtitle = m.Subtitle
	doc.Authors = m.Authors
	doc.Date = m.Date
	doc.Lang = m.Lang
	doc.Description = m.Description
	doc.Source = m.Source
}

// metaMonths maps month names and their usual abbreviations (English,
// French, Spanish, German, Italian, Portuguese) to month numbers.
var metaMonths = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan janvier janv enero ene januar jän gennaio gen janeiro",
		"february feb febr février févr fevrier fevr febrero februar febbraio fevereiro fev",
		"march mar mars marzo märz marz março marco",
		"april apr avril avr abril abr aprile",
		"may mai mayo maggio mag maio",
		"june jun juin junio juni giugno giu junho",
		"july jul juillet juil julio juli luglio lug julho",
		"august aug août aout agosto ago",
		"september sep sept septembre septiembre setiembre settembre set setembro",
		"october oct octobre octubre oktober okt ottobre ott outubro out",
		"november nov novembre noviembre novemb novembro",
		"december dec décembre decembre déc diciembre dic dezember dez dicembre dezembro",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// metaWeekdays are day names a date line may start with; they carry no
// information the date does not.
var metaWeekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"lunes": true, "martes": true, "miércoles": true, "jueves": true, "viernes": true, "sábado": true, "domingo": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true, "samstag": true, "sonntag": true,
}

// metaDateFillers are words a written date may hold around its parts
// ("the 2nd of October", "le 3 mars", "3 de marzo de 2020").
var metaDateFillers = map[string]bool{"the": true, "of": true, "on": true, "le": true, "de": true, "del": true, "den": true, "am": true, "el": true, "il": true}

var (
	metaISODate  = lazyre.New(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)`)
	metaSlashYMD = lazyre.New(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
	metaTimeTail = lazyre.New(`(?i)\s*(?:,\s*|\s+at\s+|\s+)\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|[+-]\d{2}:?\d{2})?\.?$`)
	metaOrdinal  = lazyre.New(`^(\d{1,2})(?:st|nd|rd|th|er|re|e|º|°|\.)?$`)
)

// metaParseDate reads a date as people and web pages write it: ISO
// ("2020-11-10", "2020-11-10T12:01:00Z"), "2016/05/08", a bare year, or a
// written day, month name and year in either order ("25 March 2020",
// "Sunday, May 8, 2016", "Nov. 10, 2020", "2nd October, 1886"). A trailing
// time of day is ignored. The whole string must be the date: "Tuesday 15
// October 2019 by Bradley M. Kuhn" is not one (see metaSplitDateline).
func metaParseDate(s string) (model.Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 80 || s == "" {
		return model.Date{}, false
	}
	if m := metaISODate.FindStringSubmatch(s); m != nil {
		return metaDate(m[1], m[2], m[3])
	}
	if m := metaSlashYMD.FindStringSubmatch(s); m != nil {
		return metaDate(m[1], m[2], m[3])
	}
	s = metaTimeTail.ReplaceAllString(s, "")
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '/' || r == '-'
	})
	var day, month, year int
	for _, f := range fields {
		f = strings.TrimSuffix(f, ".")
		switch {
		case f == "":
		case metaWeekdays[f], metaDateFillers[f]:
		case metaMonths[f] > 0 && month == 0:
			month = metaMonths[f]
		case len(f) == 4 && year == 0 && isDigits(f):
			year, _ = strconv.Atoi(f)
		case day == 0 && metaOrdinal.MatchString(f):
			day, _ = strconv.Atoi(metaOrdinal.FindStringSubmatch(f)[1])
		default:
			return model.Date{}, false
		}
	}
	switch {
	case year == 0:
		return model.Date{}, false
	case month == 0 && day == 0:
		if len(fields) != 1 {
			return model.Date{}, false
		}
		return metaDate(strconv.Itoa(year), "0", "0")
	case month == 0 || day == 0:
		// "March 2020": the model holds a day or a bare year.
		return metaDate(strconv.Itoa(year), "0", "0")
	}
	return metaDate(strconv.Itoa(year), strconv.Itoa(month), strconv.Itoa(day))
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// metaDate builds a checked date from decimal strings; month "0" gives a
// bare year.
func metaDate(y, m, d string) (model.Date, bool) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	iso := model.Date{Year: yy, Month: mm, Day: dd}.String()
	date, err := model.ParseDate(iso)
	if err != nil || date.Year < 1000 {
		return model.Date{}, false
	}
	return date, true
}

// metaTimeDate gives the calendar day of t as written (in its own zone).
func metaTimeDate(t time.Time) (model.Date, bool) {
	if t.IsZero() {
		return model.Date{}, false
	}
	return metaDate(strconv.Itoa(t.Year()), strconv.Itoa(int(t.Month())), strconv.Itoa(t.Day()))
}

// metaBylinePrefix matches the words that introduce a byline.
var metaBylinePrefix = lazyre.New(`(?i)^(?:(?:posted|written|published|words|story|text|article)\s+by|by|authors?\s*:|von|par|por|di|de)\s+`)

// metaDatePrefix matches the words that introduce a date line.
var metaDatePrefix = lazyre.New(`(?i)^(?:(?:posted|published|written|updated|last\s+updated|dated?)(?:\s+on)?\s*:?|on)\s+`)

// metaByline reads a byline such as "By Carmen Andoh, Russ Cox and Steve
// Francia" or "Author: Russ Cox, for the Go team" and returns its authors.
// Without an introducing word it accepts nothing: a bare name is too easily
// a sentence.
func metaByline(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	loc := metaBylinePrefix.FindStringIndex(s)
	if loc == nil || len(s) > 200 {
		return nil, false
	}
	authors := metaAuthors(s[loc[1]:])
	if len(authors) == 0 {
		return nil, false
	}
	for _, a := range authors {
		if !metaName(a) {
			return nil, false
		}
	}
	return authors, true
}

// metaDateLine reads a date line such as "Posted on March 10, 2015".
func metaDateLine(s string) (model.Date, bool) {
	s = strings.TrimSpace(s)
	s = metaDatePrefix.ReplaceAllString(s, "")
	return metaParseDate(strings.TrimSuffix(s, "."))
}

// metaDatelineSplit matches the separators of a combined header line:
// "By X | 25 March 2020", "Tuesday 15 October 2019 by Bradley M. Kuhn",
// "March 10, 2015 · Nikhil Marathe", "By Jane Roe, 4 April 2022".
var metaDatelineSplit = lazyre.New(`\s+[|·•—–]\s+|\s+(?:-|/)\s+|,\s+|\s+(?i:posted\s+|written\s+)?(?i:by)\s+`)

// metaBareBy matches a byline whose name was taken out of the line (a page
// that marks its author up separately leaves "By · 8 March 2022").
var metaBareBy = lazyre.New(`(?i)^(?:(?:posted|written)\s+)?by$`)

// metaDateline reads a header line that holds a byline, a date or both, and
// returns what it found. ok is false unless every part of the line is
// accounted for, so a sentence that merely mentions a date is left alone.
func metaDateline(s string) (authors []string, date model.Date, ok bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if s == "" || len(s) > 200 {
		return nil, model.Date{}, false
	}
	if a, ok := metaByline(s); ok {
		return a, model.Date{}, true
	}
	if d, ok := metaDateLine(s); ok {
		return nil, d, true
	}
	// Split once at each separator and try both halves.
	for _, loc := range metaDatelineSplit.FindAllStringIndex(s, -1) {
		left, right := strings.TrimSpace(s[:loc[0]]), strings.TrimSpace(s[loc[1]:])
		sep := s[loc[0]:loc[1]]
		isBy := strings.Contains(strings.ToLower(sep), "by")
		if isBy {
			right = "by " + right
		}
		if d, ok := metaDateLine(left); ok {
			if a, ok := metaByline(right); ok {
				return a, d, true
			}
			if metaBareBy.MatchString(right) {
				return nil, d, true
			}
			if !isBy {
				if a := metaAuthors(right); len(a) > 0 && allNames(a) {
					return a, d, true
				}
			}
		}
		if d, ok := metaDateLine(right); ok {
			if a, ok := metaByline(left); ok {
				return a, d, true
			}
			if metaBareBy.MatchString(left) {
				return nil, d, true
			}
		}
	}
	return nil, model.Date{}, false
}

func allNames(names []string) bool {
	for _, n := range names {
		if !metaName(n) {
			return false
		}
	}
	return len(names) > 0
}

var (
	metaParens     = lazyre.New(`\s*[(\[][^()\[\]]*[)\]]`)
	metaEmailOrURL = lazyre.New(`\s*<?(?:https?://|www\.|mailto:)\S*>?|\s*<?[\w.+-]+@[\w-]+\.[\w.]+>?`)
	metaAuthorSep  = lazyre.New(`\s*[,;]\s*|\s+(?:and|&|und|et|y|e)\s+`)
	// metaAffiliation matches a byline part that says where an author works
	// rather than who they are ("Russ Cox, for the Go team", corpus 003).
	metaAffiliation = lazyre.New(`(?i)^(?:for|of|at|from|with|on behalf of|pour|para|für)\b`)
)

// metaAuthors splits an author field ("Carmen Andoh, Russ Cox and Steve
// Francia") into names, dropping a leading "By", parenthesised notes, URLs,
// e-mail addresses and affiliations ("for the Go team").
func metaAuthors(s string) []string {
	s = strings.TrimSpace(metaBylinePrefix.ReplaceAllString(strings.TrimSpace(s), ""))
	for {
		t := metaParens.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	s = metaEmailOrURL.ReplaceAllString(s, "")
	var out []string
	for _, part := range metaAuthorSep.Split(s, -1) {
		part = strings.Trim(strings.TrimSpace(part), ".,;:|·-–— ")
		if part == "" || metaAffiliation.MatchString(part) {
			continue
		}
		if utf8.RuneCountInString(part) > 80 {
			continue
		}
		// "M." keeps its period: only strip one the split left behind.
		if strings.HasSuffix(s, part+".") && len(strings.Fields(part)) > 1 {
			last := strings.Fields(part)[len(strings.Fields(part))-1]
			if utf8.RuneCountInString(last) == 1 {
				part += "."
			}
		}
		out = append(out, part)
	}
	return out
}

// metaNameParticles are lowercase words that may sit inside a name.
var metaNameParticles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "das": true, "do": true, "dos": true,
	"del": true, "della": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "ibn": true, "al": true, "y": true, "e": true, "ter": true, "zu": true,
}

// metaName reports whether s looks like a person's (or a team's) name: one
// to six words, each capitalised or a name particle, no digits.
func metaName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || utf8.RuneCountInString(s) > 60 {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		case metaNameParticles[w]:
		default:
			return false
		}
		for _, c := range w {
			if unicode.IsDigit(c) || strings.ContainsRune("@/:;!?", c) {
				return false
			}
		}
	}
	return caps > 0
}

// metaTitleSeps are the separators sites put between an article title and
// their own name, most specific first.
var metaTitleSeps = []string{" | ", " ✩ ", " » ", " :: ", " · ", " • ", " — ", " – ", " - ", " / ", ": "}

// metaCleanTitle removes a site name, an author's name or a blog name from
// a page title ("On Recent Controversial Events - Bradley M. Kuhn ( Brad )
// ( bkuhn )", corpus 005; "Silicon Exposed: Open Verilog flow …", corpus
// 006). exact lists titles known to be the article's own (Open Graph,
// JSON-LD, the page's h1): when one of them is inside the page title it
// wins. hints are names a suffix or prefix may carry (site, authors).
func metaCleanTitle(title string, exact, hints []string) string {
	title = strings.Join(strings.Fields(title), " ")
	for _, e := range exact {
		e = strings.Join(strings.Fields(e), " ")
		if e != "" && strings.Contains(strings.ToLower(title), strings.ToLower(e)) {
			return e
		}
	}
	lowerHints := make([]string, 0, len(hints))
	for _, h := range hints {
		if h = strings.ToLower(strings.Join(strings.Fields(h), " ")); len(h) >= 3 {
			lowerHints = append(lowerHints, h)
		}
	}
	matches := func(part string) bool {
		p := strings.ToLower(strings.TrimSpace(part))
		for _, h := range lowerHints {
			if strings.HasPrefix(p, h) || strings.HasPrefix(h, p) && len(p) >= 3 {
				return true
			}
		}
		return false
	}
	for _, sep := range metaTitleSeps {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if matches(tail) {
				return strings.TrimSpace(head)
			}
		}
		if i := strings.Index(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if matches(head) && strings.TrimSpace(tail) != "" {
				return strings.TrimSpace(tail)
			}
		}
	}
	// No hint: strip a short trailing part after a separator only sites
	// use, the common "Article Title | Site Name" form. Dashes are left
	// alone: "Knots – Part 2" is a title.
	for _, sep := range []string{" | ", " ✩ ", " » "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if len(strings.Fields(head)) >= 3 && len(strings.Fields(tail)) <= 6 && len(tail) < len(head) {
				return strings.TrimSpace(head)
			}
		}
	}
	return title
}

// metaHeader reads the header lines at the top of an article without
// front matter: byline and date lines, in any order, possibly combined on
// one line. It returns what it found and how many leading lines it used;
// it stops at the first line that is neither.
func metaHeader(lines []string) (m meta, used int) {
	for used < len(lines) && used < 4 {
		a, d, ok := metaDateline(lines[used])
		if !ok || (len(a) > 0 && len(m.Authors) > 0) || (!d.IsZero() && !m.Date.IsZero()) {
			break
		}
		if len(a) > 0 {
			m.Authors = a
		}
		if !d.IsZero() {
			m.Date = d
		}
		used++
	}
	return m, used
}

// metaLang turns a language field ("en-US", "en_US", "fr") into the
// model's lowercase BCP 47 form, or "" when it is not a tag.
func metaLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "_", "-")))
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if s == "" || model.Validate(&model.Document{Lang: s}) != nil {
		return ""
	}
	return s
}
