package anthology

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pamphlet/model"
)

// page is an article as a web server sends it.
const page = `<!DOCTYPE html><html lang="en"><head><title>Harbour lights</title></head><body>
<article><h1>Harbour lights</h1>
<p>The harbour lights were lit at dusk by a keeper who walked the length of the wall with a ladder and a can of oil.</p>
<p><img src="img/wall.png" alt="The harbour wall at dusk"></p>
<p>Read <a href="/about">about the wall</a> and its keepers, who kept a log of every ship that passed.</p>
</article></body></html>`

// fakeWeb serves addresses from a map and records what was asked.
type fakeWeb struct {
	mu    sync.Mutex
	pages map[string][]byte
	asked []string
}

func (w *fakeWeb) get(url string) ([]byte, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.asked = append(w.asked, url)
	if b, ok := w.pages[url]; ok {
		return b, nil
	}
	return nil, errors.New("404 Not Found")
}

// TestLoadArticleByURL reads a book of a web page and a file: the page
// is fetched through Options.Fetch, read as HTML, its links and images
// resolved against its address, which it keeps as its source.
func TestLoadArticleByURL(t *testing.T) {
	dir := files(t, map[string]string{"local.txt": article("Tide tables", "Ann Reader", "2024-01-02")})
	const addr = "https://example.org/posts/harbour"
	web := &fakeWeb{pages: map[string][]byte{addr: []byte(page), "https://example.org/posts/img/wall.png": pngData(t)}}
	p, err := FromPaths([]string{addr, filepath.Join(dir, "local.txt")})
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Harbours"
	res, err := Load(p, Options{Fetch: web.get})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Book.Articles) != 2 || res.Files[0] != addr {
		t.Fatalf("articles %d, files %q", len(res.Book.Articles), res.Files)
	}
	doc := res.Book.Articles[0]
	if doc.Title != "Harbour lights" || doc.Source != addr {
		t.Errorf("title %q, source %q; want the page's title and its address", doc.Title, doc.Source)
	}
	var fig *model.Figure
	var links []string
	err = model.Walk(doc.Blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Figure:
			fig = n
		case *model.Link:
			links = append(links, n.Target)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fig == nil || len(fig.Data) == 0 {
		t.Errorf("the page's image was not fetched (asked %q)", web.asked)
	}
	if !strings.Contains(strings.Join(links, " "), "https://example.org/about") {
		t.Errorf("links %q, want /about resolved against the address", links)
	}
}

func TestLoadArticleByURLFails(t *testing.T) {
	const addr = "https://example.org/gone"
	tests := []struct {
		name  string
		fetch func(string) ([]byte, error)
		max   int64
		want  string
	}{
		{"no fetcher", nil, 0, "read " + addr + ": articles given by a web address cannot be fetched here"},
		{"not found", (&fakeWeb{}).get, 0, "read " + addr + ": 404 Not Found"},
		{"markup only", (&fakeWeb{pages: map[string][]byte{addr: []byte("<html><body><div></div></body></html>")}}).get, 0, "read " + addr + ": no text content (the page holds only markup)"},
		{"too large", (&fakeWeb{pages: map[string][]byte{addr: []byte(page)}}).get, 100, "read " + addr + ": larger than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := FromPaths([]string{addr})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Load(p, Options{Fetch: tc.fetch, MaxBytes: tc.max})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestURLGivenTwice(t *testing.T) {
	const addr = "https://example.org/post"
	p, err := FromPaths([]string{addr, addr})
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Twice"
	var warnings []string
	web := &fakeWeb{pages: map[string][]byte{addr: []byte(page)}}
	if _, err := Load(p, Options{Fetch: web.get, Warn: func(w Warning) { warnings = append(warnings, w.String()) }}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(warnings, "\n"), addr+": given twice") {
		t.Errorf("warnings %q, want the address given twice", warnings)
	}
}

// pngData is a small PNG image.
func pngData(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
