package reader_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/model"
	"pamphlet/reader"
)

// hostileDir holds the hostile-page fixture shared with the exporters'
// tests: page.html, page.md, forbidden.txt and required.txt.
var hostileDir = filepath.Join("..", "testdata", "hostile")

// fixtureLines reads a list file of the fixture, skipping comments.
func fixtureLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(hostileDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// docText is every string of a document: its dump (metadata, text, link
// targets, figure sources and alt texts) and its JSON report.
func docText(t *testing.T, res *reader.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := model.Dump(&b, res.Doc); err != nil {
		t.Fatal(err)
	}
	js, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	b.Write(js)
	return b.String()
}

// plainText is the folded text of every block, for word-for-word checks.
func plainText(doc *model.Document) string {
	var parts []string
	for _, b := range doc.Blocks {
		parts = append(parts, model.BlockText(b))
	}
	return fold(strings.Join(parts, "\n"))
}

// TestHostileHTML reads a hostile page: scripts, event handlers,
// javascript: and data: links, an iframe, a form, an object, images that
// leave the input's folder and tracking images on loopback addresses. None
// of it may reach the model; the article's own text must.
func TestHostileHTML(t *testing.T) {
	for _, name := range []string{"page.html", "page.md"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(hostileDir, name)
			res, _, warnings := readPath(t, path, reader.Options{
				Name:   path,
				Images: os.DirFS(hostileDir),
				// A fetcher that fails the test if anything asks it for
				// a local-network address.
				Fetch: func(u string) ([]byte, error) {
					t.Errorf("fetch of %s: local-network images must never be fetched", u)
					return nil, os.ErrNotExist
				},
			})
			all := strings.ToLower(docText(t, res))
			for _, bad := range fixtureLines(t, "forbidden.txt") {
				if strings.Contains(all, strings.ToLower(bad)) {
					t.Errorf("%q reached the model", bad)
				}
			}
			text := plainText(res.Doc)
			for _, want := range fixtureLines(t, "required.txt") {
				if !strings.Contains(text, fold(want)) {
					t.Errorf("lost text: %q", want)
				}
			}
			var figs []*model.Figure
			_ = model.Walk(res.Doc.Blocks, func(n model.Node) error {
				if f, ok := n.(*model.Figure); ok {
					figs = append(figs, f)
				}
				return nil
			})
			if len(figs) != 1 || figs[0].Src != "harbour.png" || figs[0].MediaType != "image/png" || figs[0].Width != 48 || figs[0].Height != 32 {
				for _, f := range figs {
					t.Logf("figure %q %q %s %dx%d", f.Src, f.Alt, f.MediaType, f.Width, f.Height)
				}
				t.Errorf("want exactly the local figure harbour.png (image/png 48x32), got %d figures", len(figs))
			}
			for _, w := range []string{"leaves the input's folder", "local network"} {
				found := false
				for _, got := range warnings {
					found = found || strings.Contains(got, w)
				}
				if !found {
					t.Errorf("no warning saying %q; got %q", w, warnings)
				}
			}
			if res.Doc.Title != "The Harbour Keeper" || strings.Join(res.Doc.Authors, "|") != "Mara Lindqvist" || res.Doc.Date.String() != "2021-06-14" {
				t.Errorf("metadata: title %q authors %q date %s", res.Doc.Title, res.Doc.Authors, res.Doc.Date)
			}
		})
	}
}
