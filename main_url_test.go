package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertURLMatchesTheSavedPage serves a saved article page from this
// computer and converts it by its address: the EPUB is the one the saved
// file gives, its images fetched from the server, plus the address as
// dc:source, and the outputs are named after the title.
func TestConvertURLMatchesTheSavedPage(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir("samples")))
	defer srv.Close()
	t.Setenv("PAMPHLET_FETCH_ALLOW_LOOPBACK", "1")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	dir := t.TempDir()
	saved := filepath.Join(dir, "saved.epub")
	if code, _, stderr := runCLI(t, "", "convert", "-o", saved, filepath.Join("samples", "radio-on-the-harbour-wall.html")); code != exitOK {
		t.Fatalf("saved page: exit %d: %s", code, stderr)
	}
	addr := srv.URL + "/radio-on-the-harbour-wall.html"
	code, _, stderr := runCLI(t, "", "convert", "--out-dir", dir, addr)
	if code != exitOK {
		t.Fatalf("by address: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "pamphlet: wrote "+filepath.Join(dir, "radio-on-the-harbour-wall")) {
		t.Errorf("stderr does not say where it wrote:\n%s", stderr)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*.epub"))
	var fetched string
	for _, m := range matches {
		if m != saved {
			fetched = m
		}
	}
	if fetched == "" {
		t.Fatalf("no EPUB named after the title in %v", matches)
	}
	if _, err := os.Stat(strings.TrimSuffix(fetched, ".epub") + ".pdf"); err != nil {
		t.Errorf("no PDF beside %s: %v", fetched, err)
	}
	// The page names its own address (a canonical link): that is the
	// source of both, and the books are the same.
	a, b := zipFiles(t, saved), zipFiles(t, fetched)
	if len(a) != len(b) {
		t.Errorf("%d entries from the saved page, %d by address", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between the saved page and the page by address", name)
		}
	}
}

// TestConvertURLKeepsTheAddress converts a page that does not name its
// own address: the address it was fetched from is its source, in the
// EPUB's dc:source and under the title of the PDF.
func TestConvertURLKeepsTheAddress(t *testing.T) {
	page := "<html><head><title>Mending Nets</title></head><body><article><h1>Mending Nets</h1>" +
		"<p>The nets are mended on the quay every morning, before the boats go out with the tide.</p></article></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	t.Setenv("PAMPHLET_FETCH_ALLOW_LOOPBACK", "1")
	dir := t.TempDir()
	addr := srv.URL + "/nets"
	if code, _, stderr := runCLI(t, "", "convert", "--lang", "en", "--out-dir", dir, addr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	opf := string(zipFiles(t, filepath.Join(dir, "mending-nets.epub"))["EPUB/package.opf"])
	if !strings.Contains(opf, "<dc:source>"+addr+"</dc:source>") {
		t.Errorf("package.opf lacks dc:source %s:\n%s", addr, opf)
	}
	text := pdfText(t, filepath.Join(dir, "mending-nets.pdf"))
	if i, j := strings.Index(text, "Mending Nets"), strings.Index(text, addr); i < 0 || j < i {
		t.Errorf("the PDF does not print the address under the title:\n%s", text)
	}
}

// TestConvertURLRefusesPrivateAddresses checks that a page on this
// computer is refused without the test switch, with one line and no
// output.
func TestConvertURLRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir("samples")))
	defer srv.Close()
	t.Setenv("PAMPHLET_FETCH_ALLOW_LOOPBACK", "")
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "", "convert", "--out-dir", dir, srv.URL+"/radio-on-the-harbour-wall.html")
	if code != exitFailure || !strings.Contains(stderr, "refusing to connect") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left %d file(s) behind", len(ents))
	}
}

func TestFileNameFromTitle(t *testing.T) {
	tests := []struct{ title, addr, want string }{
		{"Radio on the Harbour Wall", "", "radio-on-the-harbour-wall"},
		{"  What's new? (2024)  ", "", "what-s-new-2024"},
		{"Café — Ça va", "", "café-ça-va"},
		{"", "https://example.org/posts/mending-nets.html", "mending-nets"},
		{"", "https://example.org/", "example-org"},
		{strings.Repeat("word ", 30), "", "word-word-word-word-word-word-word-word-word-word-word-word"},
	}
	for _, tc := range tests {
		if got := fileName(tc.title, tc.addr); got != tc.want {
			t.Errorf("fileName(%q, %q) = %q, want %q", tc.title, tc.addr, got, tc.want)
		}
	}
}
