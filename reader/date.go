package reader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/locale"
	"pamphlet/model"
)

// dtok is one token of a line scanned for a date.
type dtok struct {
	start, end int    // byte offsets in the line
	word       string // lowercase letters, or digits
	num        int    // value when digits (-1 otherwise)
	ndigits    int
	sep        byte // the punctuation right after the token (0 if none)
}

// scanDateTokens splits s into words and numbers. Ordinal suffixes stay
// with their number ("2nd", "1er", "15."); an abbreviation keeps its
// period. The names of months and weekdays, the ordinal suffixes and the
// small words inside a date come from package locale, in every language
// it knows.
func scanDateTokens(s string) []dtok {
	var toks []dtok
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			j := i
			v := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if v < 1e6 {
					v = v*10 + int(s[j]-'0')
				}
				j++
			}
			t := dtok{start: i, end: j, word: s[i:j], num: v, ndigits: j - i}
			// Ordinal suffix: 1st 1er 1º (locale.IsOrdinal).
			k := j
			for k < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[k:])
				if !unicode.IsLetter(r2) && r2 != 'º' && r2 != 'ª' {
					break
				}
				k += n2
			}
			if locale.IsOrdinal(strings.ToLower(s[j:k])) {
				t.end = k
				j = k
			}
			if j < len(s) && !(s[j] >= '0' && s[j] <= '9') && !isLetterAt(s, j) && s[j] != ' ' {
				t.sep = s[j]
			}
			toks = append(toks, t)
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && r2 != '-' {
					break
				}
				j += n2
			}
			t := dtok{start: i, end: j, word: strings.ToLower(s[i:j]), num: -1}
			if j < len(s) && s[j] == '.' {
				t.sep = '.'
			} else if j < len(s) && s[j] != ' ' {
				t.sep = s[j]
			}
			toks = append(toks, t)
			i = j
		default:
			i += n
		}
	}
	return toks
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// findDate looks for one date in line and returns it with the byte span it
// covers (a weekday in front included). It knows the forms met in copied
// articles: "November 20, 2019", "Nov. 10, 2020", "2018-05-23",
// "31 January 2020", "Sunday, May 8, 2016", "2nd October, 1886",
// "15 de octubre de 2019", "15. Oktober 2019", "20/11/2019", and a month
// with a year or a bare year (both give a year-only date, since the model
// has no month-only form).
func findDate(line string, lang string) (model.Date, int, int, bool) {
	// Every form has a number in ASCII digits (a day or a year); most
	// lines of a text have none and need no tokens.
	if !strings.ContainsAny(line, "0123456789") {
		return model.Date{}, 0, 0, false
	}
	toks := scanDateTokens(line)
	for i := 0; i < len(toks); i++ {
		d, end, ok := dateAt(line, toks, i, lang)
		if !ok {
			continue
		}
		start := toks[i].start
		// Take a weekday right in front ("Sunday, May 8").
		if i > 0 && locale.IsWeekday(strings.TrimSuffix(toks[i-1].word, ".")) && onlySpacePunct(line[toks[i-1].end:start]) {
			start = toks[i-1].start
		}
		return d, start, end, true
	}
	return model.Date{}, 0, 0, false
}

func onlySpacePunct(s string) bool {
	for _, r := range s {
		if r != ' ' && r != ',' && r != '.' {
			return false
		}
	}
	return true
}

// dateAt tries every date form starting at token i and returns the date
// and the byte offset where it ends.
func dateAt(line string, toks []dtok, i int, lang string) (model.Date, int, bool) {
	t := toks[i]
	next := func(j int) (dtok, int, bool) {
		// Skip fillers: "of", "de".
		for j < len(toks) && toks[j].num < 0 && locale.IsDateFiller(toks[j].word) {
			j++
		}
		if j >= len(toks) {
			return dtok{}, j, false
		}
		return toks[j], j, true
	}
	year := func(tk dtok) bool { return tk.num >= 1000 && tk.num <= 2999 && tk.ndigits == 4 }
	valid := func(d model.Date) bool { return d.String() != "" && validDate(d) }
	if t.num >= 0 {
		// ISO and numeric forms: 2018-05-23, 2018/05/23, 20/11/2019, 20.11.2019.
		if sep := t.sep; (sep == '-' || sep == '/' || sep == '.') && i+2 < len(toks) {
			a, b := toks[i+1], toks[i+2]
			if a.num >= 0 && b.num >= 0 && a.start == t.start+t.ndigits+1 && b.start == a.end+1 && line[a.end] == sep {
				var d model.Date
				switch {
				case year(t):
					d = model.Date{Year: t.num, Month: a.num, Day: b.num}
				case year(b) && t.num > 12:
					d = model.Date{Year: b.num, Month: a.num, Day: t.num}
				case year(b) && a.num > 12:
					d = model.Date{Year: b.num, Month: t.num, Day: a.num}
				case year(b) && lang == "en" && sep == '/':
					// American order for English slashed dates.
					d = model.Date{Year: b.num, Month: t.num, Day: a.num}
				case year(b):
					d = model.Date{Year: b.num, Month: a.num, Day: t.num}
				}
				if valid(d) && (b.end == len(line) || !isDigitAt(line, b.end)) {
					return d, b.end, true
				}
			}
		}
		// Day Month Year: "31 January 2020", "2nd October, 1886".
		if t.num >= 1 && t.num <= 31 && t.ndigits <= 2 {
			if m, j, ok := next(i + 1); ok && locale.MonthNumber(m.word) > 0 {
				if y, _, ok := next(j + 1); ok && year(y) {
					d := model.Date{Year: y.num, Month: locale.MonthNumber(m.word), Day: t.num}
					if valid(d) {
						return d, y.end, true
					}
				}
			}
		}
		// A bare year: only when it is the whole line.
		if year(t) && strings.TrimSpace(line) == line[t.start:t.end] {
			return model.Date{Year: t.num}, t.end, true
		}
		return model.Date{}, 0, false
	}
	mon := locale.MonthNumber(t.word)
	if mon == 0 {
		return model.Date{}, 0, false
	}
	// "May" is also a word; it needs a number right after it.
	// Month Day Year: "November 20, 2019", "Nov. 10, 2020".
	if dd, j, ok := next(i + 1); ok && dd.num >= 1 && dd.num <= 31 && dd.ndigits <= 2 {
		if y, _, ok := next(j + 1); ok && year(y) {
			d := model.Date{Year: y.num, Month: mon, Day: dd.num}
			if valid(d) {
				return d, y.end, true
			}
		}
	}
	// Month Year: a year-only date (not after a number: "32 May 2020" is
	// no date at all).
	if i > 0 && toks[i-1].num >= 0 && toks[i-1].ndigits <= 2 {
		return model.Date{}, 0, false
	}
	if y, _, ok := next(i + 1); ok && year(y) {
		return model.Date{Year: y.num}, y.end, true
	}
	return model.Date{}, 0, false
}

func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// validDate reports whether d is a real calendar day (or a year): the
// ISO form reads back as the same date, so "1000-0-1" (a day without a
// month) is none.
func validDate(d model.Date) bool {
	back, err := model.ParseDate(d.String())
	return err == nil && back == d
}

// timeOfDay matches a time of day written after a date: "at 09:11", "à
// 14h05", ", 10:20", "um 18 Uhr" is not one (no minutes), "9am" is. The
// zone may follow ("09:11 UTC", "10:00 AM (EST)"). The library-closes-early
// and piscine-fermeture-fr samples, and the footer "Posted on … at 09:11 by
// …" of blog pages (a personal blog).
var timeOfDay = regexp.MustCompile(`^(?i:\s*,?\s*(?:at|@|à|a las|a la|um|alle|ore|às|kl\.?)?\s*)(?:\d{1,2}[:.h]\d{2}(?::\d{2})?(?i:\s*[ap]\.?m\.?)?|\d{1,2}(?i:\s*[ap]\.?m\.?))(?i:\s*(?:uhr|hrs|h)\b)?(?:\s*\(?(?:[A-Z]{2,5}|UTC[+-]\d{1,2}(?::?\d{2})?|GMT[+-]\d{1,2}|[+-]\d{2}:?\d{2})\)?)?`)

// isoTime matches the time part of an ISO 8601 timestamp
// ("2020-11-10T12:01:00Z", as front matter and <meta> tags write dates).
var isoTime = regexp.MustCompile(`^T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`)

// skipTime returns where a time of day written right after s[:i] ends,
// or i when none follows.
func skipTime(s string, i int) int {
	if m := isoTime.FindStringIndex(s[i:]); m != nil {
		return i + m[1]
	}
	if m := timeOfDay.FindStringIndex(s[i:]); m != nil {
		return i + m[1]
	}
	return i
}

// parseDateValue reads a date that is the whole of s, as metadata fields
// (front matter, <meta> tags, JSON-LD, a date marked up in a page) and
// date lines write it: the forms findDate knows, perhaps after a date
// prefix ("Posted on") and before a time of day or the rest of an ISO
// timestamp ("2020-11-10T12:01:00Z"). A sentence that mentions a date is
// not one.
func parseDateValue(s, lang string) (model.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return model.Date{}, false
	}
	d, ds, de, ok := findDate(s, lang)
	if !ok {
		return model.Date{}, false
	}
	before := strings.ToLower(strings.Trim(s[:ds], " ,.:;"))
	after := strings.Trim(s[skipTime(s, de):], " .")
	if before != "" && !isDatePrefix(before) || after != "" {
		return model.Date{}, false
	}
	return d, true
}
