package reader

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlClutterParts are the words of class and id names that sites give the
// boxes they hang inside an article's own element for readers of the page:
// sharing bars, related-article lists, comment sections, newsletter boxes,
// author biographies, breadcrumbs, advertisements, tag lists, the post's
// footer, pagers and tool bars, pop-ups, and recommendation widgets
// (`<div class="jp-relatedposts">`, `<section id="comments">`,
// `<div class="post-share-buttons">`, `<div id="EmailOptin">`), each
// name cut into words by htmlClutterName.
var htmlClutterParts = map[string]bool{
	"related": true, "relatedposts": true, "recommended": true, "morestories": true,
	"share": true, "sharing": true, "sharedaddy": true, "sharebar": true, "social": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true, "optin": true,
	"comments": true, "disqus": true,
	"authorbio": true, "bio": true, "biography": true,
	"breadcrumb": true, "breadcrumbs": true,
	"ad": true, "ads": true, "advert": true, "advertisement": true, "sponsor": true, "sponsored": true, "promo": true,
	"tag": true, "tags": true, "tagcloud": true, "taglist": true,
	"footer": true, "pagination": true, "pager": true, "navigation": true, "toolbar": true,
	"popup": true, "modal": true, "cookie": true, "outbrain": true, "taboola": true,
}

// htmlClutterTags are the containers such boxes are built of; a word in
// the class of a paragraph, a heading or a span says less about it.
var htmlClutterTags = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Aside: true, atom.Ul: true, atom.Ol: true,
	atom.Footer: true, atom.Header: true, atom.Nav: true, atom.Dl: true,
}

// htmlClutterShare is the largest share of the article's text a box named
// as clutter may hold and still be dropped: a name that matches a box
// holding much of the text is the site's name for the article itself
// ("post-with-share-bar").
const htmlClutterShare = 0.25

// htmlClutterName reports whether a class or id value names clutter. Its
// words are cut at every character that is not an ASCII letter and before
// a capital after a small letter ("EmailOptin" gives "email", "optin").
func htmlClutterName(v string) bool {
	start := -1
	for i := 0; i <= len(v); i++ {
		var c byte
		if i < len(v) {
			c = v[i]
		}
		upper, lower := 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z'
		if start >= 0 && (!(upper || lower) || (upper && 'a' <= v[i-1] && v[i-1] <= 'z')) {
			if htmlClutterParts[strings.ToLower(v[start:i])] {
				return true
			}
			start = -1
		}
		if start < 0 && (upper || lower) {
			start = i
		}
	}
	return false
}

// htmlAdLabel matches the whole text of the label a page sets over an
// advertisement's slot, or of the placeholder of a box it loads later,
// in the languages Readability knows them in ("Advertisement",
// "Publicité", "Anzeige", "Loading…").
var htmlAdLabel = regexp.MustCompile(`(?i)^(?:ad|ads|advertising|advertisement|sponsored|pub|publicité|publicidad|anuncio|werbung|anzeige|广告|реклама|(?:loading|正在加载|загрузка|chargement|cargando)(?:…|\.\.\.)?)$`)

// htmlAdLabelTags are the elements such a label stands in alone.
var htmlAdLabelTags = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Aside: true, atom.Section: true}

// htmlIsAdLabel reports whether n is an element that holds only an ad
// label or a loading placeholder.
func htmlIsAdLabel(n *html.Node) bool {
	if !htmlAdLabelTags[n.DataAtom] {
		return false
	}
	t := htmlText(n)
	if len(t) > 64 {
		return false
	}
	return htmlAdLabel.MatchString(strings.Join(strings.Fields(t), " "))
}

// htmlPruneClutter removes from an extracted article the boxes its class
// or id names as clutter (htmlClutterParts) when each holds a small share
// of the article's text, and the elements that hold only an ad label
// (htmlIsAdLabel), and returns those removed, in reading order. Code is never looked
// into: a highlighter's "comment" class marks part of the code.
func htmlPruneClutter(root *html.Node) []*html.Node {
	total := htmlTextLen(root)
	if total == 0 {
		return nil
	}
	var removed []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > htmlMaxDepth {
			return
		}
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			if ch.Type == html.ElementNode {
				switch {
				case ch.DataAtom == atom.Pre || ch.DataAtom == atom.Code:
				case htmlClutterTags[ch.DataAtom] && (htmlClutterName(attr(ch, "class")) || htmlClutterName(attr(ch, "id"))) &&
					float64(htmlTextLen(ch)) <= htmlClutterShare*float64(total),
					htmlIsAdLabel(ch):
					n.RemoveChild(ch)
					removed = append(removed, ch)
				default:
					walk(ch, depth+1)
				}
			}
			ch = next
		}
	}
	walk(root, 0)
	return removed
}
