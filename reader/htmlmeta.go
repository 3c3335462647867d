package reader

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"pamphlet/model"
)

// htmlPageMeta is what a page says about itself, gathered before content
// extraction changes the tree.
type htmlPageMeta struct {
	meta
	// OGTitle and H1 are titles known to be the article's own, used to
	// clean the <title> element (see metaCleanTitle).
	OGTitle, DocTitle string
	H1                []string
	SiteName          string
	// Base is the page's own address from <base href>, the canonical link
	// or og:url ("" when the page does not say).
	Base string
	// Subject is the text of the page's infoboxes (htmlSubjectBox), space
	// separated: a byline found there names the subject, not the author.
	Subject string
}

// htmlMetaKeys lists, for each field, the <meta name|property|itemprop>
// keys that give it, most trusted first: Dublin Core, then Open Graph,
// then plain HTML and Twitter, then the publishers' own vocabularies
// (Highwire citation_*, Parse.ly, Sailthru) and schema.org microdata. The
// order of the title and author keys is Readability's, the reference for
// article metadata. Keys are compared in htmlMetaKey's form.
var htmlMetaKeys = map[string][]string{
	"title": {"dc:title", "dcterm:title", "dcterms:title", "og:title", "weibo:article:title", "weibo:webpage:title",
		"title", "twitter:title", "parsely-title", "citation_title", "sailthru:title", "headline"},
	"author": {"dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author", "article:author",
		"citation_author", "sailthru:author", "byl"},
	"date": {"article:published_time", "og:article:published_time", "article:published", "datepublished", "date",
		"dc:date", "dc:date:issued", "dcterms:date", "dcterms:issued", "dcterms:created", "citation_publication_date",
		"citation_date", "pubdate", "publishdate", "publish-date", "publish_date", "sailthru:date", "parsely-pub-date",
		"published_time", "article:published"},
	"description": {"dc:description", "dcterm:description", "dcterms:description", "og:description", "description",
		"twitter:description"},
	"site": {"og:site_name", "application-name"},
	"url":  {"og:url"},
	"lang": {"og:locale", "dc:language", "content-language", "inlanguage"},
}

// htmlMetaKey normalises a meta key as Readability does: lowercase, no
// spaces, and dots as colons ("DC.Title" is "dc:title").
func htmlMetaKey(k string) string {
	k = strings.ToLower(strings.Join(strings.Fields(k), ""))
	return strings.ReplaceAll(k, ".", ":")
}

// htmlMetaWanted is the set of keys in htmlMetaKeys.
var htmlMetaWanted = func() map[string]bool {
	w := map[string]bool{}
	for _, keys := range htmlMetaKeys {
		for _, k := range keys {
			w[k] = true
		}
	}
	return w
}()

// htmlReadMeta collects the metadata of a parsed page: <html lang>,
// <title>, <meta> tags, <link rel=canonical>, JSON-LD, and microformats
// in the body (rel=author, itemprop=author, hentry's "published").
func htmlReadMeta(doc *html.Node) htmlPageMeta {
	var pm htmlPageMeta
	var ld []map[string]any
	metaVals := map[string][]string{}
	var inBody struct {
		authors []string
		date    string
		dates   []string
	}
	// subject is the infobox being walked, if any: the names and dates
	// marked up in it are its subject's (a company's founder, a person's
	// birthday), not the article's author and date.
	var subject *html.Node
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 500 {
			return
		}
		if n.Type == html.ElementNode && subject == nil && htmlSubjectBox(attr(n, "class")) {
			subject = n
			defer func() { subject = nil }()
			if len(pm.Subject) < 1<<16 {
				pm.Subject += " " + strings.Join(strings.Fields(htmlText(n)), " ")
			}
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if l := attr(n, "lang"); l != "" && pm.Lang == "" {
					pm.Lang = metaLang(l)
				}
				if l := attr(n, "xml:lang"); l != "" && pm.Lang == "" {
					pm.Lang = metaLang(l)
				}
			case atom.Title:
				if pm.DocTitle == "" && n.Namespace == "" {
					pm.DocTitle = strings.TrimSpace(htmlText(n))
					if pm.DocTitle == "" && n.FirstChild != nil {
						pm.DocTitle = strings.TrimSpace(n.FirstChild.Data)
					}
				}
			case atom.Base:
				if h := attr(n, "href"); h != "" && pm.Base == "" && model.LinkBase(h) != nil {
					pm.Base = h
				}
			case atom.Link:
				rel := strings.ToLower(attr(n, "rel"))
				if strings.Contains(" "+rel+" ", " canonical ") && model.LinkBase(attr(n, "href")) != nil && pm.Source == "" {
					pm.Source = attr(n, "href")
				}
			case atom.Meta:
				// A property attribute may hold several keys separated by
				// spaces (RDFa: property="dc:title og:title").
				v := strings.TrimSpace(attr(n, "content"))
				if v == "" {
					break
				}
				var keys []string
				if p := attr(n, "property"); strings.TrimSpace(p) != "" {
					keys = strings.Fields(p)
				} else {
					keys = []string{firstNonEmpty(attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv"))}
				}
				for _, k := range keys {
					if k = htmlMetaKey(k); htmlMetaWanted[k] {
						metaVals[k] = append(metaVals[k], v)
						if k == "og:title" && pm.OGTitle == "" {
							pm.OGTitle = v
						}
					}
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					ld = append(ld, htmlJSONLD(n.FirstChild.Data)...)
				}
				return
			case atom.H1:
				if t := strings.Join(strings.Fields(htmlText(n)), " "); t != "" && len(pm.H1) < 5 {
					pm.H1 = append(pm.H1, t)
				}
			}
			if subject == nil {
				htmlMicroformats(n, &inBody.authors, &inBody.dates)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, depth+1)
		}
	}
	walk(doc, 0)

	// JSON-LD first: it is written for machines and rarely wrong.
	for _, obj := range ld {
		pm.fill(htmlLDMeta(obj, pm.DocTitle))
	}
	// first gives the values of the most trusted key of a field that the
	// page has. For a field of one value, the last of them counts, as in
	// Readability (a later <meta> overrides an earlier one).
	first := func(field string, ok func(string) bool) []string {
		for _, k := range htmlMetaKeys[field] {
			var vs []string
			for _, v := range metaVals[k] {
				if ok == nil || ok(v) {
					vs = append(vs, v)
				}
			}
			if len(vs) > 0 {
				return vs
			}
		}
		return nil
	}
	if v := first("site", nil); len(v) > 0 {
		pm.SiteName = v[len(v)-1]
	}
	var tags meta
	// Some sites put their own name in og:title.
	if v := first("title", func(v string) bool { return !sameText(v, pm.SiteName) }); len(v) > 0 {
		tags.Title = v[len(v)-1]
	}
	if sameText(pm.OGTitle, pm.SiteName) {
		pm.OGTitle = ""
	}
	// A profile URL or a Twitter handle is not a name. Several values of
	// one key (citation_author) are several authors.
	for _, v := range first("author", func(v string) bool { return model.LinkBase(v) == nil && !strings.HasPrefix(v, "@") }) {
		tags.Authors = append(tags.Authors, metaAuthors(v)...)
	}
	for _, v := range first("date", func(v string) bool { _, ok := parseDateValue(v, ""); return ok }) {
		tags.Date, _ = parseDateValue(v, "")
		break
	}
	for _, v := range first("lang", func(v string) bool { return metaLang(v) != "" }) {
		tags.Lang = metaLang(v)
		break
	}
	if v := first("description", nil); len(v) > 0 {
		tags.Description = v[len(v)-1]
	}
	if v := first("url", func(v string) bool { return model.LinkBase(v) != nil }); len(v) > 0 && pm.Source == "" {
		pm.Source = v[0]
	}
	pm.fill(tags)
	var body meta
	body.Authors = inBody.authors
	for _, d := range inBody.dates {
		if date, ok := parseDateValue(d, ""); ok {
			body.Date = date
			break
		}
	}
	pm.fill(body)
	if pm.Base == "" {
		pm.Base = pm.Source
	}
	return pm
}

// htmlMicroformats looks at one element for an author or a publication date
// marked up in the body: itemprop=author (with its itemprop=name),
// rel=author, class "byline"/"author"/"fn", or a looser byline class
// (htmlBylineClass) holding no marked name, for authors (the first
// name-like one wins); itemprop=datePublished, <time pubdate>, class
// "published"/"date-header" (Blogger) for dates.
func htmlMicroformats(n *html.Node, authors *[]string, dates *[]string) {
	class := " " + strings.ToLower(attr(n, "class")) + " "
	itemprop := " " + strings.ToLower(attr(n, "itemprop")) + " "
	rel := " " + strings.ToLower(attr(n, "rel")) + " "
	if len(*authors) == 0 {
		var cand string
		switch {
		case strings.Contains(itemprop, " author "):
			cand = htmlItemName(n)
		case strings.Contains(rel, " author "), strings.Contains(class, " byline "), strings.Contains(class, " author "), strings.Contains(class, " fn "):
			cand = htmlText(n)
		case htmlBylineClass(class) && !htmlHasAuthorMark(n, 0):
			// A looser class name ("by-author", "author_fmt") may wrap
			// more than the name; a marked name inside it is read instead.
			cand = htmlText(n)
		}
		if cand = strings.Join(strings.Fields(cand), " "); cand != "" {
			if a := metaAuthors(cand); allNames(a) {
				*authors = a
			}
		}
	}
	if len(*dates) < 3 {
		switch {
		case strings.Contains(itemprop, " datepublished "):
			*dates = append(*dates, firstNonEmpty(attr(n, "datetime"), attr(n, "content"), attr(n, "title"), htmlText(n)))
		case n.DataAtom == atom.Time && hasAttr(n, "pubdate"):
			*dates = append(*dates, firstNonEmpty(attr(n, "datetime"), htmlText(n)))
		case strings.Contains(class, " published "), strings.Contains(class, " entry-date "), strings.Contains(class, " post-date "):
			*dates = append(*dates, firstNonEmpty(attr(n, "datetime"), attr(n, "title"), htmlText(n)))
		case strings.Contains(class, " date-header "):
			*dates = append(*dates, htmlText(n))
		}
	}
}

// htmlSubjectBox reports whether a class value marks a box about the
// article's subject rather than the article: a wiki's infobox (MediaWiki's
// "infobox", also "infobox_v2", "sidebar-infobox"), a fact box, whose
// hCards and dates name a founder or a birthday.
func htmlSubjectBox(class string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(class), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if w == "infobox" || w == "factbox" {
			return true
		}
	}
	return false
}

// htmlBylineClasses are the words of class names that mark an article's
// byline or its author's name: "byline", "author", "by-author",
// "author-name", "byauthor", hCard's "fn".
var htmlBylineClasses = map[string]bool{"byline": true, "author": true, "byauthor": true, "authorname": true, "fn": true}

// htmlBylineClass reports whether a class value marks a byline: one of its
// words (cut at every character that is not a letter) is in
// htmlBylineClasses, and none says the name is a commenter's
// ("comment-author").
func htmlBylineClass(class string) bool {
	found := false
	for _, w := range strings.FieldsFunc(class, func(r rune) bool { return r < 'a' || r > 'z' }) {
		switch {
		case w == "comment" || w == "comments" || w == "reply":
			return false
		case htmlBylineClasses[w]:
			found = true
		}
	}
	return found
}

// htmlHasAuthorMark reports whether an element below n marks an author:
// rel=author, itemprop=author or a byline class.
func htmlHasAuthorMark(n *html.Node, depth int) bool {
	if depth > 20 {
		return false
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if strings.Contains(" "+strings.ToLower(attr(ch, "rel"))+" ", " author ") ||
			strings.Contains(" "+strings.ToLower(attr(ch, "itemprop"))+" ", " author ") ||
			htmlBylineClass(strings.ToLower(attr(ch, "class"))) || htmlHasAuthorMark(ch, depth+1) {
			return true
		}
	}
	return false
}

// htmlItemName gives the name of a microdata item: its itemprop=name
// descendant, a content attribute, or its text.
func htmlItemName(n *html.Node) string {
	var name string
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for ch := m.FirstChild; ch != nil && name == ""; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && strings.Contains(" "+strings.ToLower(attr(ch, "itemprop"))+" ", " name ") {
				name = firstNonEmpty(attr(ch, "content"), htmlText(ch))
				return
			}
			walk(ch)
		}
	}
	walk(n)
	return firstNonEmpty(name, attr(n, "content"), htmlText(n))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

var htmlCDATA = regexp.MustCompile(`^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$`)

// htmlJSONLD decodes a JSON-LD script into its objects (a single object,
// an array, or an @graph).
func htmlJSONLD(s string) []map[string]any {
	s = htmlCDATA.ReplaceAllString(s, "")
	var v any
	if len(s) > 1<<20 || json.Unmarshal([]byte(s), &v) != nil {
		return nil
	}
	var out []map[string]any
	var collect func(any, int)
	collect = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				collect(e, depth+1)
			}
		case map[string]any:
			out = append(out, v)
			if g, ok := v["@graph"]; ok {
				collect(g, depth+1)
			}
		}
	}
	collect(v, 0)
	return out
}

// htmlLDArticleTypes are the JSON-LD types that describe an article.
var htmlLDArticleTypes = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "scholarlyarticle": true, "report": true,
	"techarticle": true, "socialmediaposting": true, "liveblogposting": true, "opinionnewsarticle": true,
	"analysisnewsarticle": true, "reportagenewsarticle": true, "reviewnewsarticle": true, "creativework": true,
	"posting": true, "webpage": false,
}

// htmlLDMeta reads the metadata of one JSON-LD object when it describes an
// article. docTitle is the page's <title>, which decides between a name
// and a headline that differ.
func htmlLDMeta(obj map[string]any, docTitle string) meta {
	var m meta
	isArticle := false
	switch t := obj["@type"].(type) {
	case string:
		isArticle = htmlLDArticleTypes[strings.ToLower(t)]
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && htmlLDArticleTypes[strings.ToLower(s)] {
				isArticle = true
			}
		}
	}
	if !isArticle {
		return m
	}
	// The name is the article's title; the headline is sometimes a
	// summary ("constitutional monarchy in Oceania" for an encyclopedia's
	// article on a country). As Readability does, the headline wins only
	// when it, and not the name, resembles the page's <title>.
	name, headline := ldString(obj["name"]), ldString(obj["headline"])
	if pub := ldString(obj["publisher"]); pub != "" && sameText(name, pub) {
		name = "" // the site's name given as the article's
	}
	switch {
	case name != "" && headline != "" && name != headline:
		m.Title = name
		if textSimilarity(headline, docTitle) > 0.75 && textSimilarity(name, docTitle) <= 0.75 {
			m.Title = headline
		}
	case name != "":
		m.Title = name
	default:
		m.Title = headline
	}
	m.Authors = ldAuthors(obj["author"], 0)
	if d, ok := parseDateValue(ldString(obj["datePublished"]), ""); ok {
		m.Date = d
	} else if d, ok := parseDateValue(ldString(obj["dateCreated"]), ""); ok {
		m.Date = d
	}
	m.Lang = metaLang(ldString(obj["inLanguage"]))
	m.Description = ldString(obj["description"])
	if u := ldString(obj["url"]); model.LinkBase(u) != nil {
		m.Source = u
	}
	return m
}

func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(v))
	case []any:
		if len(v) > 0 {
			return ldString(v[0])
		}
	case map[string]any:
		if s := ldString(v["@value"]); s != "" {
			return s
		}
		return ldString(v["name"])
	}
	return ""
}

func ldAuthors(v any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch v := v.(type) {
	case string:
		if model.LinkBase(v) != nil {
			return nil
		}
		return metaAuthors(v)
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, ldAuthors(e, depth+1)...)
		}
		return out
	case map[string]any:
		return ldAuthors(v["name"], depth+1)
	}
	return nil
}

// textSimilarity is the share of b's text made of words that a also has
// (1 when every word of b is in a), comparing lowercase words.
func textSimilarity(a, b string) float64 {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	ta, tb := split(a), split(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inA := map[string]bool{}
	for _, w := range ta {
		inA[w] = true
	}
	var all, uniq int
	for _, w := range tb {
		all += len(w)
		if !inA[w] {
			uniq += len(w)
		}
	}
	return 1 - float64(uniq)/float64(all)
}
