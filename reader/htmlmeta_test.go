package reader

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// TestHTMLBylineInBody checks where a page without author metadata names
// its author in the body: a byline whose parts run together ("by Lucas
// Nolan22 Dec 2016") gives way to the name marked inside it, a looser
// class ("author_fmt") to a rel=author link inside it, a byline with
// several names keeps them all, and a commenter is never the author.
func TestHTMLBylineInBody(t *testing.T) {
	tests := []struct {
		name, byline string
		want         []string
	}{
		{"name marked inside a run-together byline",
			`<p class="byline"><span class="by-author"><span class="by">by</span> <a class="byauthor" href="/author/lnolan/">Ann Lee</a></span><span class="bydate">22 Dec 2016</span><a class="bycount" href="#comments">651</a></p>`,
			[]string{"Ann Lee"}},
		{"rel author link inside a looser class",
			`<div class="author_fmt">By <a rel="author" href="/ann-lee">Ann Lee</a><br>Harbour Gazette News</div>`,
			[]string{"Ann Lee"}},
		{"co-authors in one byline",
			`<p class="byline">By Ann Lee and Bo Chan</p>`,
			[]string{"Ann Lee", "Bo Chan"}},
		{"commenter is no author",
			`<p>Posted in Harbour news.</p>`,
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			article := tc.byline + `<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>`
			page := clutterPage("<title>The harbour</title>", article)
			page = strings.Replace(page, `<aside class="sidebar">`, `<div class="comments"><span class="comment-author-name">Carl Dunn</span><p>Nice piece.</p></div><aside class="sidebar">`, 1)
			res, err := Read([]byte(page), Options{Format: FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Doc.Authors; strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("authors %q, want %q", got, tc.want)
			}
		})
	}
}

// TestHTMLInfoboxGivesNoByline checks that the names and dates marked up
// in a wiki's infobox, which describe the article's subject (a founder, a
// founding date), become neither the author nor the date, while a byline
// in the article still does.
func TestHTMLInfoboxGivesNoByline(t *testing.T) {
	infobox := `<table class="infobox vcard"><caption class="fn org">Lighthouse Trust</caption>
<tr><th>Founded</th><td><span class="bday dtstart published updated">1998-03-02</span></td></tr>
<tr><th>Founder</th><td><span class="author">Ann Lee</span></td></tr></table>`
	tests := []struct {
		name, article, authors, date string
	}{
		{"infobox alone", infobox, "", ""},
		{"infobox before a byline", infobox + `<p class="byline">By Bo Chan</p><time pubdate datetime="2020-05-01">1 May 2020</time>`, "Bo Chan", "2020-05-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := clutterPage("<title>The harbour</title>", tc.article+`<p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>`)
			res, err := Read([]byte(page), Options{Format: FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(res.Doc.Authors, "|"); got != tc.authors {
				t.Errorf("authors %q, want %q", got, tc.authors)
			}
			got := ""
			if !res.Doc.Date.IsZero() {
				got = res.Doc.Date.String()
			}
			if got != tc.date {
				t.Errorf("date %q, want %q", got, tc.date)
			}
		})
	}
}

// TestHTMLSiteFromTitle checks that the site's name is read from a <title>
// that joins it to the article's title, on either side, and only then.
func TestHTMLSiteFromTitle(t *testing.T) {
	tests := []struct {
		name, docTitle, title, want string
	}{
		{"after a bar", "Mending nets at scale | Harbour.Tech", "Mending nets at scale", "Harbour.Tech"},
		{"before a double colon", "Harbour Tech :: Mending nets at scale", "Mending nets at scale", "Harbour Tech"},
		{"title alone", "Mending nets at scale", "Mending nets at scale", ""},
		{"rest too long for a name", "Mending nets | a long story of the nets we mended on the quay", "Mending nets", ""},
		{"title not in the page title", "Harbour Tech", "Mending nets", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlSiteFromTitle(tc.docTitle, tc.title); got != tc.want {
				t.Errorf("htmlSiteFromTitle(%q, %q) = %q, want %q", tc.docTitle, tc.title, got, tc.want)
			}
		})
	}
}

// TestHTMLSiteNameLeavesTheText checks that a blog's name shown above its
// post (a link to the home page) becomes the publisher, not the first
// paragraph, and that a heading repeating the title goes.
func TestHTMLSiteNameLeavesTheText(t *testing.T) {
	tests := []struct{ name, head string }{
		{"site name from the page title", `<title>Mending nets at scale | Harbour.Tech</title><meta property="og:title" content="Mending nets at scale">`},
		{"site name from open graph", `<title>Mending nets at scale</title><meta property="og:site_name" content="Harbour.Tech">`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := clutterPage(tc.head, `<p><a href="/">Harbour.Tech</a></p><h1>Mending nets at scale</h1><p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>`)
			res, err := Read([]byte(page), Options{Format: FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			doc := res.Doc
			if doc.Title != "Mending nets at scale" || doc.Publisher != "Harbour.Tech" {
				t.Errorf("title %q publisher %q", doc.Title, doc.Publisher)
			}
			if len(doc.Blocks) == 0 || !strings.HasPrefix(model.BlockText(doc.Blocks[0]), "The lofts") {
				t.Errorf("first block %q", model.BlockText(doc.Blocks[0]))
			}
		})
	}
}

// TestHTMLHeaderLineNamingOthers checks that a byline line at the top of
// the article leaves the text when it only repeats what the metadata
// says, and stays when it names someone the metadata does not (a
// colleague's post on a team blog whose pages all name the team).
func TestHTMLHeaderLineNamingOthers(t *testing.T) {
	tests := []struct {
		name, head, line string
		authors          string
		kept             bool
	}{
		{"repeats the metadata", `<meta name="author" content="Ann Lee">`, "Posted by Ann Lee on March 3, 2021", "Ann Lee", false},
		{"no metadata", ``, "Posted by Ann Lee on March 3, 2021", "Ann Lee", false},
		{"names another", `<meta name="author" content="Harbour Team">`, "Posted by Ann Lee on March 3, 2021", "Harbour Team", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := clutterPage("<title>The harbour</title>"+tc.head, `<p>`+tc.line+`</p><p>The lofts were let to a cooperative of net menders from three villages along the coast.</p>`)
			res, err := Read([]byte(page), Options{Format: FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(res.Doc.Authors, "|"); got != tc.authors {
				t.Errorf("authors %q, want %q", got, tc.authors)
			}
			var text strings.Builder
			for _, b := range res.Doc.Blocks {
				text.WriteString(model.BlockText(b) + "\n")
			}
			if got := strings.Contains(text.String(), tc.line); got != tc.kept {
				t.Errorf("line kept %v, want %v:\n%s", got, tc.kept, text.String())
			}
		})
	}
}
