package reader

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"pamphlet/model"
)

// htmlMaxNodes caps the elements a page may have for content extraction;
// beyond it the whole body is converted, which is linear.
const htmlMaxNodes = 200000

// readHTML reads a saved article or a whole web page: metadata from the
// page (JSON-LD, <meta>, Open Graph, microformats), the main content found
// by Readability when the page has more than the article, then the
// content converted to the model by an allow-list walker that drops
// scripts, styles, forms, embedded objects and unsafe links.
func readHTML(src string, opt Options) (*Result, error) {
	tr := &trail{opt: opt}
	doc, err := htmlParseDeep(src, tr, 0, html.Parse)
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	pm := htmlReadMeta(doc)
	baseURL := opt.BaseURL
	if baseURL == "" {
		baseURL = pm.Base
	}
	base := model.LinkBase(baseURL)
	body := htmlBody(doc)
	content, extracted, byline := htmlExtract(doc, body)
	pos := newHTMLPos(src, 1)
	if extracted {
		gone := htmlPruneClutter(content)
		tr.repair(pos.line(content), "extract", "kept the main content of the page, from here on, and dropped its navigation, sidebars and comments")
		if len(gone) > 0 {
			// The gone box is looked up from the article's start with a
			// cursor of its own (a copy of pos, which stands there):
			// pos reads forward, for the converter, and a short text
			// ("Home") looked up from the top is found first in the
			// navigation above the article.
			p := *pos
			tr.repair(p.line(gone[0]), "extract",
				"dropped %d box(es) of sharing, related articles, comments or advertising inside the article, the first at %q",
				len(gone), htmlPosText(htmlFirstText(gone[0], 0)))
		}
	}
	img := newImgLoader(opt, base, tr)
	conv := newHTMLConv(tr, img, base, 0)
	conv.pos = pos
	blocks := conv.blocks(content)
	img.finish()
	blocks = model.NormalizeBlocks(blocks)

	m := pm.meta
	// Readability's byline may run over several lines ("Written by Ann
	// Lee" then "Edited by Bo Chan"): the first names the author.
	if i := strings.IndexByte(strings.TrimSpace(byline), '\n'); i > 0 {
		byline = strings.TrimSpace(byline)[:i]
	}
	if b := strings.Join(strings.Fields(byline), " "); b != "" && strings.Contains(pm.Subject, b) {
		// Readability took a name from an infobox: the subject's.
		byline = ""
	}
	if byline != "" {
		// Readability's byline may be a whole dateline ("Posted on March
		// 3, 2021 by Jane Roe"), which it took out of the content.
		if a, d, ok := parseDateline(strings.Join(strings.Fields(byline), " "), primaryLang(opt.Lang, m.Lang)); ok {
			m.fill(meta{Authors: a, Date: d})
		} else if a := metaAuthors(byline); allNames(a) {
			m.fill(meta{Authors: a})
		}
	}
	// The title: the article's own title (Dublin Core, Open Graph,
	// JSON-LD) as the page gives it, less a trailing site name; else the
	// <title> without the site's name; else the page's only h1.
	hints := append([]string{pm.SiteName}, m.Authors...)
	switch {
	case m.Title != "":
		m.Title = metaStripSite(m.Title, pm.SiteName)
	case pm.DocTitle != "":
		m.Title = metaCleanTitle(pm.DocTitle, append([]string{pm.OGTitle}, pm.H1...), hints)
	case len(pm.H1) == 1:
		m.Title = pm.H1[0]
		line := 0
		for _, b := range blocks {
			if h, ok := b.(*model.Heading); ok && sameText(model.Plain(h.Content), m.Title) {
				line = tr.lineOf(h)
				break
			}
		}
		tr.repair(line, "title", "took the first heading %q as the title", m.Title)
	}
	site := pm.SiteName
	if site == "" {
		site = htmlSiteFromTitle(pm.DocTitle, m.Title)
		for _, a := range m.Authors {
			if sameText(a, site) {
				// A personal blog's <title> names its author.
				site = ""
			}
		}
	}
	m.fill(meta{Publisher: site})
	blocks = htmlTitle(blocks, &m, site, tr)
	blocks = htmlHeader(blocks, &m, tr)
	blocks = htmlFooter(blocks, &m, tr)
	return markupResult(blocks, m, tr), nil
}

// htmlBody finds <body> (html.Parse always makes one).
func htmlBody(doc *html.Node) *html.Node {
	var find func(*html.Node, int) *html.Node
	find = func(n *html.Node, depth int) *html.Node {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		if depth > 3 {
			return nil
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if b := find(ch, depth+1); b != nil {
				return b
			}
		}
		return nil
	}
	if b := find(doc, 0); b != nil {
		return b
	}
	return doc
}

// htmlExtract picks the content to convert. A page with more than the
// article — navigation, a header or footer, sidebars, comments, sharing
// buttons — goes through Readability. A page without such furniture (a
// saved article, a fragment) is converted whole, since Readability would
// only risk dropping its headings, lists and short paragraphs. When
// Readability finds little in a short page, the whole body is kept too.
// It also returns Readability's byline.
func htmlExtract(doc, body *html.Node) (content *html.Node, extracted bool, byline string) {
	if !htmlHasChrome(body, 0) || htmlCount(doc) > htmlMaxNodes {
		return body, false, ""
	}
	bodyLen := htmlTextLen(body)
	// Readability changes the tree it reads: give it a copy.
	clone := htmlClone(doc, 0)
	parser := readability.NewParser()
	parser.DisableJSONLD = true // JSON-LD is read by htmlReadMeta
	// The converter reads classes: a code block's language, and the marks
	// of furniture inside the article (htmlFurniture).
	parser.KeepClasses = true
	var art readability.Article
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("readability failed: %v", r)
			}
		}()
		art, err = parser.ParseDocument(clone, nil)
	}()
	if err != nil || art.Node == nil {
		return body, false, ""
	}
	artLen := htmlTextLen(art.Node)
	switch {
	case artLen == 0:
		return body, false, ""
	case artLen < 500 && artLen*2 < bodyLen:
		// Too little to trust on a short page.
		return body, false, art.Byline()
	}
	htmlFixAtoms(art.Node, 0)
	return art.Node, true, art.Byline()
}

// htmlFixAtoms recomputes element atoms from tag names. Readability renames
// elements (a <div> of text becomes a <p>) by changing only the name, and
// the converter goes by atoms.
func htmlFixAtoms(n *html.Node, depth int) {
	if n.Type == html.ElementNode && n.Namespace == "" {
		n.DataAtom = atom.Lookup([]byte(n.Data))
	}
	if depth > 2000 {
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		htmlFixAtoms(ch, depth+1)
	}
}

// htmlChromeName matches class and id names of page furniture, after
// Readability's list of unlikely candidates.
var htmlChromeName = regexp.MustCompile(`(?i)\b(?:comment|sidebar|side-bar|menu|navbar|nav|footer|header|masthead|banner|share|sharing|social|related|widget|sponsor|advert|ads|popup|cookie|breadcrumbs?|pagination|pager|subscribe|newsletter|skip-link)s?\b`)

// htmlHasChrome reports whether a page body holds page furniture around
// its article.
func htmlHasChrome(n *html.Node, depth int) bool {
	if depth > 500 {
		return false
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		switch ch.DataAtom {
		case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Iframe:
			return true
		}
		if htmlChromeName.MatchString(attr(ch, "class")) || htmlChromeName.MatchString(attr(ch, "id")) ||
			htmlChromeName.MatchString(attr(ch, "role")) {
			return true
		}
		if htmlHasChrome(ch, depth+1) {
			return true
		}
	}
	return false
}

// htmlTextLen counts the non-space characters of n's text.
func htmlTextLen(n *html.Node) int {
	c := 0
	for _, r := range htmlText(n) {
		if r > ' ' && r != '\u00a0' {
			c++
		}
	}
	return c
}

func htmlCount(n *html.Node) int {
	c := 0
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for ch := m.FirstChild; ch != nil && c <= htmlMaxNodes; ch = ch.NextSibling {
			c++
			walk(ch)
		}
	}
	walk(n)
	return c
}

// htmlClone deep-copies a tree.
func htmlClone(n *html.Node, depth int) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	if depth > 2000 {
		return c
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(htmlClone(ch, depth+1))
	}
	return c
}

// htmlTitle removes from the top of the content the article title, which
// pages repeat as a heading (at any level, perhaps under a section label
// or the site's name), and a line that is only the site's name (a blog's
// name leaking in as its first paragraph); it takes the first heading as
// the title when the page named none. The top is what comes before the
// second paragraph of the article.
func htmlTitle(blocks []model.Block, m *meta, site string, tr *trail) []model.Block {
	if m.Title == "" {
		if h, ok := first[*model.Heading](blocks); ok && h.Level == 1 && onlyLevel1(blocks) {
			m.Title = strings.TrimSpace(model.Plain(h.Content))
			tr.repair(tr.lineOf(h), "title", "took the first heading %q as the title", m.Title)
			return blocks[1:]
		}
		return blocks
	}
	out := blocks[:0:0]
	paragraphs := 0
	for i, b := range blocks {
		if paragraphs >= 2 || i >= 8 {
			return append(out, blocks[i:]...)
		}
		switch b := b.(type) {
		case *model.Heading:
			if sameText(model.Plain(b.Content), m.Title) {
				tr.repair(tr.lineOf(b), "title", "dropped the heading %q that repeats the title", m.Title)
				continue
			}
		case *model.Paragraph:
			if text := model.Plain(b.Content); site != "" && sameText(text, site) {
				tr.repair(tr.lineOf(b), "boilerplate", "dropped the site's name %q from the text", text)
				continue
			}
			paragraphs++
		}
		out = append(out, b)
	}
	return out
}

// htmlSiteFromTitle gives the site's name from a page's <title> that
// joins the article's title and the site's name ("Mending nets | Harbour
// Tech", "Harbour Tech :: Mending nets"), or "" when docTitle is not so
// made or the rest is too long to be a name.
func htmlSiteFromTitle(docTitle, title string) string {
	docTitle, title = strings.Join(strings.Fields(docTitle), " "), strings.Join(strings.Fields(title), " ")
	if title == "" || len(docTitle) <= len(title) {
		return ""
	}
	for _, sep := range metaTitleSeps {
		var rest string
		switch {
		case strings.HasPrefix(docTitle, title+sep):
			rest = docTitle[len(title)+len(sep):]
		case strings.HasSuffix(docTitle, sep+title):
			rest = docTitle[:len(docTitle)-len(title)-len(sep)]
		default:
			continue
		}
		if rest = strings.TrimSpace(rest); rest != "" && len(strings.Fields(rest)) <= 5 {
			return rest
		}
	}
	return ""
}

// first gives blocks[0] as a T, if it is one.
func first[T model.Block](blocks []model.Block) (T, bool) {
	var zero T
	if len(blocks) == 0 {
		return zero, false
	}
	b, ok := blocks[0].(T)
	return b, ok
}

// htmlHeader reads byline and date paragraphs at the top of the content
// ("Tuesday 15 October 2019 by Bradley M. Kuhn", a personal blog): they are
// metadata, not body text.
func htmlHeader(blocks []model.Block, m *meta, tr *trail) []model.Block {
	for i := 0; i < len(blocks) && i < 3; i++ {
		p, ok := blocks[i].(*model.Paragraph)
		if !ok {
			continue
		}
		text := strings.Join(strings.Fields(model.Plain(p.Content)), " ")
		authors, date, ok := parseDateline(text, primaryLang(tr.opt.Lang, m.Lang))
		if !ok || !htmlSameAuthors(m.Authors, authors) {
			// A line naming others than the page's metadata (a
			// colleague's post on a team blog) stays: its names
			// would be lost.
			continue
		}
		tr.repair(tr.lineOf(p), "byline", "read the header line %q as byline/date", text)
		if len(m.Authors) == 0 {
			m.Authors = authors
		}
		if m.Date.IsZero() {
			m.Date = date
		}
		blocks = append(blocks[:i:i], blocks[i+1:]...)
		i--
	}
	return blocks
}

// htmlSameAuthors reports whether a byline's authors add no name to
// those known: none are known yet, or each is among them.
func htmlSameAuthors(known, byline []string) bool {
	if len(known) == 0 {
		return true
	}
	for _, a := range byline {
		if !slices.ContainsFunc(known, func(k string) bool { return sameText(k, a) }) {
			return false
		}
	}
	return true
}

// htmlPostedLine matches the signature line that ends a blog post ("Posted
// on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.", a personal
// blog).
var htmlPostedLine = regexp.MustCompile(`(?i)^(?:posted|published|written)\b`)

// htmlFooter removes a post's closing signature line and the page
// furniture after it (disclaimers, service marks) when it sits among the
// last blocks of the second half: what follows "Posted on … by …" is not
// the article.
func htmlFooter(blocks []model.Block, m *meta, tr *trail) []model.Block {
	for i := max(3, len(blocks)/2, len(blocks)-6); i < len(blocks); i++ {
		p, ok := blocks[i].(*model.Paragraph)
		if !ok {
			continue
		}
		text := strings.Join(strings.Fields(model.Plain(p.Content)), " ")
		if !htmlPostedLine.MatchString(text) {
			continue
		}
		authors, date, ok := parseDateline(text, primaryLang(tr.opt.Lang, m.Lang))
		if !ok {
			continue
		}
		if len(m.Authors) == 0 {
			m.Authors = authors
		}
		if m.Date.IsZero() {
			m.Date = date
		}
		tr.repair(tr.lineOf(p), "boilerplate", "dropped the post footer %q and %d block(s) of page furniture after it", text, len(blocks)-i-1)
		return blocks[:i]
	}
	return blocks
}

// htmlTranscode turns an HTML page in a legacy character set that its
// <meta charset> declares (Shift_JIS, KOI8-R, ISO-8859-2 …) into UTF-8
// before decoding. Valid UTF-8, input that is not HTML, and pages that
// declare UTF-8 or Windows-1252 (the decoder's own fallback) are returned
// as they are.
func htmlTranscode(src []byte, opt Options) []byte {
	if utf8.Valid(src) || !htmlLooksLike(src, opt) {
		return src
	}
	enc, name, _ := charset.DetermineEncoding(src[:min(len(src), 4096)], "")
	switch name {
	case "utf-8", "windows-1252", "":
		return src
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil || !utf8.Valid(out) {
		return src
	}
	return out
}

// htmlLooksLike reports whether raw input is to be read as HTML.
func htmlLooksLike(src []byte, opt Options) bool {
	switch opt.Format {
	case FormatHTML:
		return true
	case FormatAuto:
		head := src[:min(len(src), 1024)]
		return Detect(opt.Name, strings.ToValidUTF8(string(head), "\uFFFD")) == FormatHTML
	}
	return false
}
