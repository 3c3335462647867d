package reader

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// clutterPage wraps an article in the furniture of a whole web page
// (navigation, a sidebar, a footer), so that the reader extracts the
// article from it.
func clutterPage(head, article string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` + head + `</head><body>
<header class="site-header"><nav class="menu"><a href="/">Home</a> <a href="/about">About</a> <a href="/archive">Archive</a></nav></header>
<div class="main"><article class="post">` + article + `
<p>The harbour had been silted for a decade before the council agreed to dredge it, and the fishermen who had
moored their boats at the outer wall all that time were the first to notice the change in the tides that spring.</p>
<p>By the end of the summer the inner basin held twenty boats again, and the old net lofts above the quay were
let to a cooperative that mended nets for the whole coast, working through the winter by lamplight.</p>
<p>Nobody on the quay remembered who had first proposed the dredging, but everyone agreed that the council had
taken too long, and that the money had in the end come from the fishermen themselves, boat by boat.</p>
</article></div>
<aside class="sidebar"><h3>Popular</h3><ul><li><a href="/a">Ten ways to mend a net</a></li><li><a href="/b">Tides explained</a></li></ul></aside>
<footer class="site-footer"><p>Copyright the Harbour Gazette. All rights reserved.</p></footer>
</body></html>`
}

// TestHTMLDropsArticleFurniture checks that what a page adds inside its
// own article for readers of the page leaves the text, also when the
// article is extracted from a whole page: a wiki's "[edit]" links beside
// its headings, a contents box, and the boxes a site names as sharing,
// related articles, newsletters, author notes or comments; code and a
// box that holds the article itself stay.
func TestHTMLDropsArticleFurniture(t *testing.T) {
	tests := []struct {
		name, article string
		// gone must be absent from the text; kept present.
		gone, kept []string
	}{
		{"wiki edit links beside headings",
			`<h2><span class="mw-headline" id="History">History</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Harbour&amp;action=edit&amp;section=1">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<p>The harbour was first dredged in the reign of a king whose name nobody on the quay could now recall.</p>`,
			[]string{"edit", "["}, []string{"History", "first dredged"}},
		{"contents box of a wiki",
			`<p>The harbour lies at the mouth of the river, sheltered by a long wall of granite blocks.</p>
<div id="toc" class="toc"><div class="toctitle"><h2>Contents</h2></div><ul><li><a href="#History"><span class="tocnumber">1</span> <span class="toctext">History</span></a></li><li><a href="#Trade"><span class="tocnumber">2</span> <span class="toctext">Trade</span></a></li></ul></div>
<h2 id="History">History</h2><p>The harbour was first dredged in the reign of a king whose name nobody remembers.</p>`,
			[]string{"Contents", "Trade"}, []string{"History", "sheltered by a long wall"}},
		{"contents box of a blog post",
			`<details class="toc-container" open><summary>On this page</summary><div class="toc"><ul><li><a class="toclink" href="#dredging">Dredging the basin</a></li><li><a class="toclink" href="#lofts">The net lofts</a></li></ul></div></details>
<h2 id="dredging">Dredging the basin</h2><p>The basin was dredged in the spring, when the tides were lowest.</p>`,
			[]string{"The net lofts"}, []string{"Dredging the basin", "tides were lowest"}},
		{"related posts box",
			`<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items"><div class="jp-relatedposts-post"><h4><a href="/c">Tides of the outer wall</a></h4><p>A short history of the tides that shaped the outer wall and the boats moored against it over the years.</p><p>April 8, 2015</p></div></div></div>`,
			[]string{"Related", "Tides of the outer wall", "April 8"}, []string{"cooperative of net menders"}},
		{"share bar and newsletter box",
			`<div class="post-share-buttons"><ul><li><a href="https://example.org/s?u=1">Share on a network</a></li><li><a href="mailto:?body=x">Email this story</a></li></ul></div>
<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>
<div class="newsletter-signup"><h3>Get the Gazette every morning</h3><p>Sign up for our daily letter from the harbour.</p></div>`,
			[]string{"Share on", "Email this", "Gazette every morning", "Sign up"}, []string{"cooperative of net menders"}},
		{"comment section and author box",
			`<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>
<div class="author-bio"><p>Ann Lee writes about the coast for the Gazette.</p></div>
<section id="comments"><h3>3 Comments</h3><ol class="comment-list"><li>Great piece, thanks for writing it!</li></ol></section>`,
			[]string{"writes about the coast", "3 Comments", "Great piece"}, []string{"cooperative of net menders"}},
		{"advertisement labels",
			`<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>
<div><p>ADVERTISEMENT</p></div><p>Publicité</p><div>Loading…</div>
<p>The ad in the <span>ad</span> column ran for a week; Advertisement alone paid for the lamps.</p>`,
			[]string{"ADVERTISEMENT", "Publicité", "Loading"}, []string{"cooperative of net menders", "The ad in the ad column", "Advertisement alone"}},
		{"post footer and pager",
			`<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>
<footer class="entry-footer"><span>Posted in Harbour news</span>, tagged <a href="/t/nets">nets</a></footer>
<div class="post-pagination"><a href="?p=2">Next page</a></div>`,
			[]string{"Posted in", "Next page"}, []string{"cooperative of net menders"}},
		{"comments in highlighted code stay",
			`<p>The menders keep their tallies in a small program they run each evening on the quay.</p>
<pre><code class="language-go"><span class="hljs-comment">// count the nets mended today</span>
nets := mended(today)</code></pre>`,
			nil, []string{"count the nets mended today", "nets := mended(today)"}},
		{"a box named for sharing that holds the article stays",
			`<div class="entry-content has-share-bar"><p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>
<p>They mended nets for the whole coast through the winter, by lamplight, for boats from every harbour.</p>
<p>The council paid for the lamps; the menders paid for the rent of the lofts out of their own earnings.</p>
<p>In spring the boats came back for their nets, and the menders were paid in fish as often as in coin.</p>
<p>The cooperative still meets in the same lofts, though the lamps have long since given way to electric light.</p></div>`,
			nil, []string{"cooperative of net menders", "paid in fish", "electric light"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(clutterPage("<title>The harbour</title>", tc.article)), Options{Format: FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, bl := range res.Doc.Blocks {
				b.WriteString(model.BlockText(bl))
				b.WriteString("\n")
			}
			text := b.String()
			if !strings.Contains(text, "fishermen themselves") || strings.Contains(text, "Ten ways") {
				t.Fatalf("article not extracted from the page:\n%s", text)
			}
			for _, w := range tc.gone {
				if strings.Contains(text, w) {
					t.Errorf("text holds %q:\n%s", w, text)
				}
			}
			for _, w := range tc.kept {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestHTMLClutterName checks how class and id names are cut into words
// before they are looked up as clutter.
func TestHTMLClutterName(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"dashed words", "post-share-buttons", true},
		{"underscores", "jp_relatedposts", true},
		{"joined in camel case", "EmailOptin", true},
		{"several classes", "widget newsletter-box", true},
		{"word inside a longer word", "shareholders-report", false},
		{"capitals only", "ADS", true},
		{"article body", "entry-content post-body", false},
		{"loading is no ad", "loading", false},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlClutterName(tc.value); got != tc.want {
				t.Errorf("htmlClutterName(%q) = %v, want %v", tc.value, got, tc.want)
			}
		})
	}
}
