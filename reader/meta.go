package reader

import (
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	// Publisher is the site or press that published the article.
	Publisher string
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
	if m.Publisher == "" {
		m.Publisher = o.Publisher
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
	if m.Publisher != "" {
		doc.Publisher = m.Publisher
	}
}

// metaTimeDate gives the calendar day of t as written (in its own zone).
func metaTimeDate(t time.Time) (model.Date, bool) {
	d := model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	if t.IsZero() || d.Year < 1000 || !validDate(d) {
		return model.Date{}, false
	}
	return d, true
}

// headerMeta reads the header lines at the top of an article without
// front matter — byline and date lines in any order, perhaps combined on
// one line — with the text reader's rules (parseDateline). It returns
// what it found and how many leading lines it used; it stops at the first
// line that is neither, and at a second byline or date.
func headerMeta(lines []string, lang string) (m meta, used int) {
	for used < len(lines) && used < 4 {
		a, d, ok := parseDateline(lines[used], lang)
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

// allNames reports whether names is a non-empty list of people's (or
// teams') names.
func allNames(names []string) bool {
	for _, n := range names {
		if !isName(n, false) {
			return false
		}
	}
	return len(names) > 0
}

var (
	metaParens     = regexp.MustCompile(`\s*[(\[][^()\[\]]*[)\]]`)
	metaEmailOrURL = regexp.MustCompile(`\s*<?(?:https?://|www\.|mailto:)\S*>?|\s*<?[\w.+-]+@[\w-]+\.[\w.]+>?`)
	metaAuthorSep  = regexp.MustCompile(`\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&|und|et|y|e)\s+`)
	// metaAffiliation matches a byline part that says where an author works
	// rather than who they are ("Russ Cox, for the Go team", Go blog).
	metaAffiliation = regexp.MustCompile(`(?i)^(?:for|of|at|from|with|on behalf of|pour|para|für)\b`)
	// metaCredits matches the credits a byline gives after its author
	// ("Written by Ann Lee, edited by Bo Chan"; "photographs by …"):
	// they name other people's work.
	metaCredits = regexp.MustCompile(`(?i)[\s,;]*\b(?:edited|illustrated|illustrations|photographs|photos|translated|reviewed|fact-checked|updated)\s+by\b.*$`)
	// metaCredential matches a degree or title written after a name and a
	// comma ("Brenda Goodman, MA"; "Ann Lee, PhD"): not a second author.
	metaCredential = regexp.MustCompile(`^(?:MA|MS|MSc|BA|BSc|MD|DO|PhD|Ph\.D|DPhil|RN|MPH|MBA|JD|LLM|DDS|PharmD|Esq|Jr|Sr|II|III|IV)\.?$`)
)

// metaAuthors splits an author field ("Carmen Andoh, Russ Cox and Steve
// Francia") into names, dropping a leading "By", parenthesised notes, URLs,
// e-mail addresses and affiliations ("for the Go team").
func metaAuthors(s string) []string {
	s = strings.TrimSpace(s)
	if rest, ok := bylineRest(s); ok {
		s = strings.TrimSpace(rest)
	}
	for {
		t := metaParens.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	s = metaEmailOrURL.ReplaceAllString(s, "")
	s = metaCredits.ReplaceAllString(s, "")
	var out []string
	for _, part := range metaAuthorSep.Split(s, -1) {
		part = strings.Trim(strings.TrimSpace(part), ".,;:|·-–— ")
		if part == "" || metaAffiliation.MatchString(part) || metaCredential.MatchString(part) {
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

// metaTitleSeps are the separators sites put between an article title and
// their own name, most specific first.
var metaTitleSeps = []string{" | ", " ✩ ", " » ", " :: ", " · ", " • ", " — ", " – ", " - ", " / ", ": "}

// metaCleanTitle removes a site name, an author's name or a blog name from
// a page title ("On Recent Controversial Events - Bradley M. Kuhn ( Brad )
// ( bkuhn )", a personal blog; "Silicon Exposed: Open Verilog flow …",
// Blogger). exact lists titles known to be the article's own (Open Graph,
// JSON-LD, the page's h1): when one of them is inside the page title it
// wins. hints are names a suffix or prefix may carry (site, authors).
func metaCleanTitle(title string, exact, hints []string) string {
	title = strings.Join(strings.Fields(title), " ")
	for _, e := range exact {
		// A known title inside the page's, if it is most of it: a site's
		// logo set as an h1 ("V8") is not the article's title.
		e = strings.Join(strings.Fields(e), " ")
		if e != "" && len(e)*2 >= len(title) && strings.Contains(strings.ToLower(title), strings.ToLower(e)) {
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
	for _, sep := range []string{" | ", " ✩ ", " » ", " · "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if len(strings.Fields(head)) >= 3 && len(strings.Fields(tail)) <= 8 && len(tail) < len(head) {
				return strings.TrimSpace(head)
			}
		}
	}
	// A dash before a short name with no number ("… sit amet – My
	// website"), after a title of five words or more: shorter titles and
	// numbered parts ("Tying Knots – Part 2") keep it.
	for _, sep := range []string{" – ", " — ", " - "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if len(strings.Fields(head)) >= 5 && len(strings.Fields(tail)) <= 3 && !strings.ContainsAny(tail, "0123456789") {
				return strings.TrimSpace(head)
			}
		}
	}
	return title
}

// metaStripSite removes the site's own name from the end of a title the
// page gives as its article's ("Tide Tables | Harbour News" on the site
// Harbour News). Only the exact name goes: the rest of a metadata title is
// the publisher's choice.
func metaStripSite(title, site string) string {
	title = strings.Join(strings.Fields(title), " ")
	if strings.TrimSpace(site) == "" {
		return title
	}
	for _, sep := range metaTitleSeps {
		// The site's name, or the start of a longer one ("Harbour News -
		// All the tides").
		if i := strings.LastIndex(title, sep); i > 0 && (sameText(title[i+len(sep):], site) || metaNamePrefix(title[i+len(sep):], site)) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// metaNamePrefix reports whether part is the first words of name, with at
// least three letters ("Harbour News" of "Harbour News - All the tides").
func metaNamePrefix(part, name string) bool {
	p := strings.ToLower(strings.Join(strings.Fields(part), " "))
	n := strings.ToLower(strings.Join(strings.Fields(name), " "))
	return utf8.RuneCountInString(p) >= 3 && strings.HasPrefix(n, p+" ")
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

// titleFromName makes a title of an input's file name, for a text with no
// title line: "bakery-closes_2024.txt" gives "Bakery closes 2024". It
// returns "" for stdin ("-") or no name.
func titleFromName(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "" || name == "-" || base == "." || base == "/" {
		return ""
	}
	if ext := path.Ext(base); ext != "" && len(ext) <= 10 {
		base = strings.TrimSuffix(base, ext)
	}
	t := strings.Join(strings.FieldsFunc(base, func(c rune) bool { return c == '-' || c == '_' || c == '.' || unicode.IsSpace(c) }), " ")
	if t == "" || !hasLetter(t) {
		return ""
	}
	if strings.ToLower(t) == t {
		r, n := utf8.DecodeRuneInString(t)
		t = string(unicode.ToTitle(r)) + t[n:]
	}
	return t
}
