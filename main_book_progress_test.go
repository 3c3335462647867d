package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBookProgressBar drives the bar as a terminal would see it: each
// phase is numbered, counts its steps and shows the time left; warnings
// wait for the end, and the summary line comes last.
func TestBookProgressBar(t *testing.T) {
	var term, stderr bytes.Buffer
	p := &progress{out: &term, stderr: &stderr, phases: 3, summary: "pamphlet: wrote b.epub: 2 articles, in 0.1s"}
	p.stage("reading", 2)
	p.step()
	p.say("pamphlet: warning: a.txt: odd\n")
	p.step()
	p.stage("laying out", 2)
	p.step()
	p.step()
	if stderr.Len() != 0 {
		t.Errorf("a warning tore the bar: %q", stderr.String())
	}
	p.done(nil)
	bar := term.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`\[1/3\] reading .*\(\d/2\)`), // count
		regexp.MustCompile(`\[2/3\] laying out .*\(\d/2\)`),
		regexp.MustCompile(`\[\d+s:\d+s\]`), // elapsed:left
	} {
		if !want.MatchString(bar) {
			t.Errorf("the bar lacks %v:\n%q", want, bar)
		}
	}
	if got, want := stderr.String(), "pamphlet: warning: a.txt: odd\npamphlet: wrote b.epub: 2 articles, in 0.1s\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

func TestBookProgressSummary(t *testing.T) {
	tests := []struct {
		name  string
		quiet bool
		err   error
		want  string
	}{
		{"success", false, nil, "pamphlet: wrote b.pdf: 1 article, 4 pages, in 1.2s\n"},
		{"quiet", true, nil, ""},
		{"failure", false, errors.New("disk full"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			p := &progress{stderr: &stderr, quiet: tc.quiet, summary: bookSummary([]string{"b.pdf"}, 1, 0, 4, 1234*time.Millisecond)}
			p.stage("reading", 1)
			p.step()
			p.done(tc.err)
			if stderr.String() != tc.want {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.want)
			}
		})
	}
}

func TestBookSummaryLine(t *testing.T) {
	tests := []struct {
		name              string
		files             []string
		articles, skipped int
		pages             int
		want              string
	}{
		{"both formats", []string{"b.epub", "b.pdf"}, 3, 0, 42, "pamphlet: wrote b.epub and b.pdf: 3 articles, 42 pages, in 2.5s"},
		{"EPUB only", []string{"b.epub"}, 1, 0, 0, "pamphlet: wrote b.epub: 1 article, in 2.5s"},
		{"skipped articles", []string{"b.pdf"}, 2, 1, 1, "pamphlet: wrote b.pdf: 2 articles (1 skipped), 1 page, in 2.5s"},
		{"stdout", []string{"the PDF to stdout"}, 2, 0, 9, "pamphlet: wrote the PDF to stdout: 2 articles, 9 pages, in 2.5s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := bookSummary(tc.files, tc.articles, tc.skipped, tc.pages, 2500*time.Millisecond); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBookRunSummary runs book: the summary line names both files and
// the articles, --quiet leaves stderr empty, and an EPUB warning names
// the article it comes from.
func TestBookRunSummary(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(article))
	pngFile(t, dir)
	pic := writeFile(t, dir, "pictured.md", []byte("# Notes\n\nA paragraph long enough to tell its language from the words it holds, and more words.\n\n![](cover.png)\n\nMore text after the picture, so that the article reads as English prose.\n"))
	out := filepath.Join(dir, "b")
	code, _, stderr := runCLI(t, "", "book", "-o", out, "--title", "B", a, pic)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	summary := regexp.MustCompile(`^pamphlet: wrote ` + regexp.QuoteMeta(out+".epub") + ` and ` + regexp.QuoteMeta(out+".pdf") + `: 2 articles, \d+ pages, in \d+\.\ds$`)
	if !summary.MatchString(lines[len(lines)-1]) {
		t.Errorf("last line %q is not the summary", lines[len(lines)-1])
	}
	if want := "pamphlet: warning: " + pic + ": epub: figure \"cover.png\" has no text alternative"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	for _, f := range []string{out + ".epub", out + ".pdf"} {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr = runCLI(t, "", "book", "-q", "-o", out, "--title", "B", a)
	if code != exitOK || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q; want nothing", code, stderr)
	}
}
