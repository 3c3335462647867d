package reader

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// TestHTMLCharset checks that a page's declared legacy character set is
// honoured, and that UTF-8 and undeclared pages are left to the decoder.
func TestHTMLCharset(t *testing.T) {
	tests := []struct {
		name, src, want string
		opt             Options
	}{
		{"koi8-r", "<html><head><meta charset=\"koi8-r\"></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body></html>", "Привет", Options{Name: "a.html"}},
		{"iso-8859-2 in http-equiv", "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"></head><body><p>\xb3\xf3d\xbc</p></body></html>", "łódź", Options{Format: FormatHTML}},
		{"undeclared falls back to windows-1252", "<html><body><p>caf\xe9</p></body></html>", "café", Options{Name: "a.html"}},
		{"utf-8 untouched", "<html><head><meta charset=\"koi8-r\"></head><body><p>déjà</p></body></html>", "déjà", Options{Name: "a.html"}},
		{"not html", "caf\xe9 <meta charset=\"koi8-r\">", "café", Options{Name: "a.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(tc.src), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(res.Doc.Title)
			for _, bl := range res.Doc.Blocks {
				b.WriteString(blockPlain(bl))
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("text %q lacks %q", b.String(), tc.want)
			}
		})
	}
}

func blockPlain(b model.Block) string { return model.BlockText(b) }

// TestHTMLMetadataPrecedence checks where a page's title and authors come
// from when it gives several: Dublin Core before Open Graph before the
// plain tags, the last of one key, keys listed together in one property
// attribute, and a JSON-LD name before a headline that only summarises.
func TestHTMLMetadataPrecedence(t *testing.T) {
	page := func(head string) string {
		return "<html><head>" + head + "</head><body><p>The nets are mended on the quay every morning before the boats go out.</p></body></html>"
	}
	tests := []struct {
		name, src, title, authors string
	}{
		{"dublin core before open graph",
			page(`<title>Page</title><meta property="og:title" content="Graph title"><meta property="dc:title" content="Core title"><meta name="author" content="Ann Lee">`),
			"Core title", "Ann Lee"},
		{"keys listed in one property",
			page(`<title>Page</title><meta property="x:title dc:title" content="Listed title"><meta property="dc:creator twitter:site_name" content="Bo Chan"><meta name="author" content="Wrong Name">`),
			"Listed title", "Bo Chan"},
		{"dotted key spelling",
			page(`<title>Page</title><meta name="DC.title" content="Dotted title"><meta name="og:title" content="Graph title">`),
			"Dotted title", ""},
		{"the later of one key",
			page(`<title>Page</title><meta name="dc:title" content="First"><meta property="dc:title" content="Second">`),
			"Second", ""},
		{"site name after a metadata title",
			page(`<meta property="og:title" content="Mending Nets | Harbour News"><meta property="og:site_name" content="Harbour News">`),
			"Mending Nets", ""},
		{"json-ld name before a summarising headline",
			page(`<title>Harbour - Encyclopedia</title><script type="application/ld+json">{"@type":"Article","name":"Harbour","headline":"sheltered body of water"}</script>`),
			"Harbour", ""},
		{"json-ld name that is the publisher's",
			page(`<meta property="og:title" content="Mending Nets"><script type="application/ld+json">{"@type":"NewsArticle","name":"Harbour News","publisher":{"@type":"Organization","name":"Harbour News"}}</script>`),
			"Mending Nets", ""},
		{"only h1 when nothing else names the page",
			"<h1>Mending Nets</h1><p>The nets are mended on the quay every morning.</p>",
			"Mending Nets", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(tc.src), Options{Name: "page.html"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Doc.Title != tc.title {
				t.Errorf("title %q, want %q", res.Doc.Title, tc.title)
			}
			if got := strings.Join(res.Doc.Authors, ", "); got != tc.authors {
				t.Errorf("authors %q, want %q", got, tc.authors)
			}
		})
	}
}

// TestHTMLLabelsKeepTheirSpace checks that a label set apart from the
// text after it only by the page's style sheet stays a word of its own.
func TestHTMLLabelsKeepTheirSpace(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"hidden label before a name", `<p>Photo: <span><span class="visually-hidden">Credit</span>Ann Lee/Harbour Press</span></p>`, "Photo: Credit Ann Lee/Harbour Press"},
		{"label before a capital", `<p><span>Posted</span>Monday</p>`, "Posted Monday"},
		{"camel case inside a word is kept", `<p>the i<span>Phone</span> app</p>`, "the iPhone app"},
		{"span before lowercase is kept", `<p><span>net</span>work</p>`, "network"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(tc.src), Options{Name: "a.html"})
			if err != nil {
				t.Fatal(err)
			}
			if got := blockPlain(res.Doc.Blocks[0]); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
