package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestBookMixesAddressesAndFiles binds two pages served from this
// computer and a file into one book: each page is fetched with its
// image, keeps its address as its source, and messages name it by its
// address.
func TestBookMixesAddressesAndFiles(t *testing.T) {
	pages := map[string]string{
		"/nets": "<html lang=\"en\"><head><title>Mending Nets</title></head><body><article><h1>Mending Nets</h1>" +
			"<p>The nets are mended on the quay every morning, before the boats go out with the tide.</p>" +
			"<p><img src=\"knot.png\" alt=\"A reef knot\"></p></article></body></html>",
		"/oars": "<html lang=\"en\"><head><title>Shipping Oars</title></head><body><article><h1>Shipping Oars</h1>" +
			"<p>An oar is shipped when it is brought inboard and laid along the thwarts, out of the way of the pier.</p>" +
			"<p><img src=\"missing.png\"></p></article></body></html>",
	}
	dir := t.TempDir()
	png := pngFile(t, dir)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/knot.png":
			http.ServeFile(w, r, png)
		case pages[r.URL.Path] != "":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(pages[r.URL.Path]))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	t.Setenv("PAMPHLET_FETCH_ALLOW_LOOPBACK", "1")
	a := writeFile(t, dir, "a.txt", []byte(article))
	out := filepath.Join(dir, "issue-12")
	code, _, stderr := runCLI(t, "", "book", "-o", out, "--title", "Issue 12", srv.URL+"/nets", srv.URL+"/oars", a)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "pamphlet: warning: "+srv.URL+"/oars: ") {
		t.Errorf("no warning names the page it comes from:\n%s", stderr)
	}
	if !strings.Contains(stderr, ": 3 articles, ") {
		t.Errorf("the summary does not count 3 articles:\n%s", stderr)
	}
	files := zipFiles(t, out+".epub")
	if !hasImage(files) {
		t.Error("the page's image is not in the book")
	}
	chapter := string(files["EPUB/xhtml/chapter001.xhtml"])
	if !strings.Contains(chapter, "Mending Nets") || !strings.Contains(string(files["EPUB/xhtml/chapter002.xhtml"]), "Shipping Oars") {
		t.Errorf("the pages are not the first two chapters")
	}
}

// TestBookAddressRefused checks that a book's pages are fetched under the
// fetcher's rules: without the test switch, this computer is refused, and
// the error names the address.
func TestBookAddressRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the server was asked for %s", r.URL)
	}))
	defer srv.Close()
	t.Setenv("PAMPHLET_FETCH_ALLOW_LOOPBACK", "")
	dir := t.TempDir()
	out := filepath.Join(dir, "b")
	code, _, stderr := runCLI(t, "", "book", "-o", out, "--title", "B", srv.URL+"/page")
	if code != exitFailure || !strings.Contains(stderr, "read "+srv.URL+"/page: ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want one line refusing the address", code, stderr)
	}
	if left := listDir(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// hasImage reports whether an EPUB holds a figure image.
func hasImage(files map[string][]byte) bool {
	for name := range files {
		if strings.HasPrefix(name, "EPUB/images/") && !strings.Contains(name, "cover") {
			return true
		}
	}
	return false
}
