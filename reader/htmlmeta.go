package reader

import (
	"encoding/json"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
}

// htmlMetaNames maps <meta name|property|itemprop> keys to the field they
// give, for the common vocabularies: plain HTML, Open Graph, Twitter,
// Dublin Core, Highwire (citation_*), Parse.ly, Sailthru and schema.org
// microdata.
var htmlMetaNames = map[string]string{
	"og:title": "title", "twitter:title": "title", "dc.title": "title", "dcterms.title": "title",
	"citation_title": "title", "parsely-title": "title", "sailthru.title": "title", "headline": "title",
	"author": "author", "article:author": "author", "dc.creator": "author", "dcterms.creator": "author",
	"citation_author": "author", "parsely-author": "author", "sailthru.author": "author", "byl": "author",
	"article:published_time": "date", "og:article:published_time": "date", "article:published": "date",
	"datepublished": "date", "date": "date", "dc.date": "date", "dc.date.issued": "date", "dcterms.date": "date",
	"dcterms.issued": "date", "dcterms.created": "date", "citation_publication_date": "date", "citation_date": "date",
	"pubdate": "date", "publishdate": "date", "publish-date": "date", "publish_date": "date", "sailthru.date": "date",
	"parsely-pub-date": "date", "published_time": "date", "article.published": "date",
	"description": "description", "og:description": "description", "twitter:description": "description", "dc.description": "description",
	"og:site_name": "site", "application-name": "site",
	"og:url":    "url",
	"og:locale": "lang", "dc.language": "lang", "content-language": "lang", "inlanguage": "lang",
}

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
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 500 {
			return
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
				if h := attr(n, "href"); h != "" && pm.Base == "" && linkBase(h) != nil {
					pm.Base = h
				}
			case atom.Link:
				rel := strings.ToLower(attr(n, "rel"))
				if strings.Contains(" "+rel+" ", " canonical ") && linkBase(attr(n, "href")) != nil && pm.Source == "" {
					pm.Source = attr(n, "href")
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(attr(n, "property")))
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(attr(n, "name")))
				}
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(attr(n, "itemprop")))
				}
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(attr(n, "http-equiv")))
				}
				if f, ok := htmlMetaNames[key]; ok {
					if v := strings.TrimSpace(attr(n, "content")); v != "" {
						metaVals[f] = append(metaVals[f], v)
						if key == "og:title" {
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
			htmlMicroformats(n, &inBody.authors, &inBody.dates)
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, depth+1)
		}
	}
	walk(doc, 0)

	// JSON-LD first: it is written for machines and rarely wrong.
	for _, obj := range ld {
		pm.fill(htmlLDMeta(obj))
	}
	if len(metaVals["site"]) > 0 {
		pm.SiteName = metaVals["site"][0]
	}
	var tags meta
	for _, v := range metaVals["title"] {
		// Some sites put their own name in og:title.
		if tags.Title == "" && !sameText(v, pm.SiteName) {
			tags.Title = v
		}
	}
	if sameText(pm.OGTitle, pm.SiteName) {
		pm.OGTitle = ""
	}
	for _, v := range metaVals["author"] {
		if linkBase(v) != nil || strings.HasPrefix(v, "@") {
			continue // a profile URL or a Twitter handle, not a name
		}
		if a := metaAuthors(v); len(a) > 0 && len(tags.Authors) == 0 {
			tags.Authors = a
		} else if len(a) > 0 && len(metaVals["author"]) > 1 {
			tags.Authors = append(tags.Authors, a...)
		}
	}
	for _, v := range metaVals["date"] {
		if d, ok := parseDateValue(v, ""); ok {
			tags.Date = d
			break
		}
	}
	for _, v := range metaVals["lang"] {
		if l := metaLang(v); l != "" {
			tags.Lang = l
			break
		}
	}
	if len(metaVals["description"]) > 0 {
		tags.Description = metaVals["description"][0]
	}
	for _, v := range metaVals["url"] {
		if linkBase(v) != nil && pm.Source == "" {
			pm.Source = v
		}
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
// rel=author, class "byline"/"author" (the first name-like one wins), and
// itemprop=datePublished, <time pubdate>, class "published"/"date-header"
// (Blogger) for dates.
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
// article.
func htmlLDMeta(obj map[string]any) meta {
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
	m.Title = ldString(obj["headline"])
	if m.Title == "" {
		m.Title = ldString(obj["name"])
	}
	m.Authors = ldAuthors(obj["author"], 0)
	if d, ok := parseDateValue(ldString(obj["datePublished"]), ""); ok {
		m.Date = d
	} else if d, ok := parseDateValue(ldString(obj["dateCreated"]), ""); ok {
		m.Date = d
	}
	m.Lang = metaLang(ldString(obj["inLanguage"]))
	m.Description = ldString(obj["description"])
	if u := ldString(obj["url"]); linkBase(u) != nil {
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
		if linkBase(v) != nil {
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
