package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pamphlet/anthology"
	"pamphlet/internal/golden"
	"pamphlet/internal/testenv"
	"pamphlet/layout"
	"pamphlet/model"
)

// outlineEntry is a PDF bookmark as qpdf reports it.
type outlineEntry struct {
	Title string         `json:"title"`
	Page  int            `json:"destpageposfrom1"`
	Kids  []outlineEntry `json:"kids"`
}

// pdfOutline reads a PDF's bookmarks with qpdf.
func pdfOutline(t *testing.T, path string) []outlineEntry {
	t.Helper()
	qpdf := testenv.Tool(t, "qpdf")
	out, err := exec.Command(qpdf, "--json", "--json-key=outlines", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		Outlines []outlineEntry `json:"outlines"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Outlines
}

// pageText extracts one page of a PDF (1-based) with pdftotext.
func pageText(t *testing.T, path string, page int) string {
	t.Helper()
	tool := testenv.Tool(t, "pdftotext")
	out, err := exec.Command(tool, "-layout", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext page %d: %v", page, err)
	}
	return string(out)
}

// squash folds text for comparison: lower case, words only.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}), " ")
}

// contentsLine is an entry's last line on the contents page: its title's
// end, dot leaders, its page number.
var contentsLine = regexp.MustCompile(`^\s*(.*?)\s*(?:\. ?){3,}\s*(\d+)\s*$`)

// TestBookCorpus binds the ten corpus articles into one book in both
// formats and checks it: the EPUB passes epubcheck and its navigation
// lists every article; the PDF outline holds every title, each pointing
// at the page where it stands, and the contents give those pages.
func TestBookCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	truths, err := filepath.Glob(filepath.Join(dir, "*.truth.json"))
	if err != nil || len(truths) == 0 {
		testenv.Skipf(t, "no *.truth.json in %s", dir)
	}
	var titles []string
	for _, tr := range truths {
		b, err := os.ReadFile(tr)
		if err != nil {
			t.Fatal(err)
		}
		var truth struct{ Title string }
		if err := json.Unmarshal(b, &truth); err != nil {
			t.Fatal(err)
		}
		titles = append(titles, truth.Title)
	}
	out := filepath.Join(t.TempDir(), "corpus")
	code, _, stderr := runCLI(t, "", "book", "-o", out, "--title", "The Corpus", "--editor", "Ann Editor", "--date", "2024-03-01", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	epub, pdf := out+".epub", out+".pdf"

	t.Run("epubcheck", func(t *testing.T) {
		cmd := testenv.Command(t, "epubcheck")
		res, err := exec.Command(cmd[0], append(cmd[1:], epub)...).CombinedOutput()
		if err != nil || !bytes.Contains(res, []byte("No errors or warnings detected")) {
			t.Errorf("epubcheck: %v\n%s", err, res)
		}
	})
	t.Run("nav", func(t *testing.T) {
		nav := string(zipFiles(t, epub)["EPUB/nav.xhtml"])
		for i, title := range titles {
			file := fmt.Sprintf("xhtml/chapter%03d.xhtml", i+1)
			m := regexp.MustCompile(`<li>\s*<a href="` + regexp.QuoteMeta(file) + `">([^<]*)</a>`).FindStringSubmatch(nav)
			if m == nil || squash(m[1]) != squash(title) {
				t.Errorf("nav entry %d: %v, want %q", i+1, m, title)
			}
		}
	})
	t.Run("outline and contents", func(t *testing.T) {
		outline := pdfOutline(t, pdf)
		if len(outline) != 1 || squash(outline[0].Title) != "the corpus" || outline[0].Page != 1 {
			t.Fatalf("outline root %+v, want the book on page 1", outline)
		}
		parts := outline[0].Kids
		if len(parts) != 1+len(titles) || parts[0].Title != "Contents" {
			t.Fatalf("%d parts under the book, want the contents and %d articles", len(parts), len(titles))
		}
		// The contents pages list each article with its page number.
		var listed []int
		for p := parts[0].Page; p < parts[1].Page; p++ {
			for _, line := range strings.Split(pageText(t, pdf, p), "\n") {
				if m := contentsLine.FindStringSubmatch(line); m != nil {
					n, _ := strconv.Atoi(m[2])
					listed = append(listed, n)
				}
			}
		}
		if len(listed) != len(titles) {
			t.Fatalf("contents list %d page numbers, want %d", len(listed), len(titles))
		}
		for i, title := range titles {
			part := parts[1+i]
			if squash(part.Title) != squash(title) {
				t.Errorf("bookmark %d is %q, want %q", i+1, part.Title, title)
			}
			page := squash(pageText(t, pdf, part.Page))
			if !strings.Contains(page, squash(title)) {
				t.Errorf("bookmark %q points at page %d, which does not show it:\n%.300s", title, part.Page, page)
			}
			if listed[i] != part.Page {
				t.Errorf("contents give page %d for %q, the bookmark page %d", listed[i], title, part.Page)
			}
			for _, sec := range part.Kids {
				if sec.Page < part.Page || !strings.Contains(squash(pageText(t, pdf, sec.Page)), squash(sec.Title)) {
					t.Errorf("section %q of %q: page %d does not show it", sec.Title, title, sec.Page)
				}
			}
		}
	})
	t.Run("bookcheck", func(t *testing.T) {
		tool := filepath.Join(testenv.Root(t), "..", "shared", "tools", "bookcheck")
		if _, err := os.Stat(tool); err != nil {
			testenv.Skipf(t, "bookcheck not found at %s", tool)
		}
		for _, n := range []int{2, 8} {
			res, err := exec.Command(tool, "structure", "--article", strconv.Itoa(n), "--require-meta",
				"--min-heading-f1", "0.9", "--min-paragraph-f1", "0.9", "--strict", epub, truths[n-1]).CombinedOutput()
			lines := strings.Split(strings.TrimSpace(string(res)), "\n")
			if err != nil {
				t.Errorf("bookcheck structure --article %d: %v\n%s", n, err, lines[len(lines)-1])
			}
		}
	})
}

// TestBookDeterministic builds the samples book with one worker and with
// several: the files must be identical, byte for byte.
func TestBookDeterministic(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	samples := sampleFiles(t)
	var got [][]byte
	for _, jobs := range []string{"1", "3"} {
		out := filepath.Join(t.TempDir(), "book")
		args := append([]string{"book", "-o", out, "--title", "Samples", "--print", "--jobs", jobs}, samples...)
		if code, _, stderr := runCLI(t, "", args...); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, ext := range []string{".epub", ".pdf"} {
			b, err := os.ReadFile(out + ext)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, b)
		}
	}
	if !bytes.Equal(got[0], got[2]) || !bytes.Equal(got[1], got[3]) {
		t.Error("the book depends on the number of workers")
	}
}

func sampleFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("samples", "*.*"))
	if err != nil || len(files) == 0 {
		t.Fatal("no samples")
	}
	return files
}

// TestBookSamplesGolden lays out the book of the samples: its pages and
// its model are compared with goldens.
func TestBookSamplesGolden(t *testing.T) {
	plan, err := anthology.FromPaths(sampleFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	plan.Title, plan.Editors, plan.Date = "Samples", []string{"The Pamphlet Project"}, model.Date{Year: 2024}
	res, err := anthology.Load(plan, anthology.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dump bytes.Buffer
	if err := model.DumpBook(&dump, res.Book); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "book-samples.model", dump.Bytes())
	lb, err := layout.Anthology(res.Book, layout.Options{Recto: true})
	if err != nil {
		t.Fatal(err)
	}
	var pages bytes.Buffer
	if err := layout.Dump(&pages, lb); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "book-samples.pages", pages.Bytes())
}

// TestBookManifest builds from a manifest: the book is named after it,
// its cover, preface and overrides apply, and its paths stay inside its
// folder.
func TestBookManifest(t *testing.T) {
	dir := t.TempDir()
	pngFile(t, dir)
	writeFile(t, dir, "preface.md", []byte("Why these two: they argue with each other.\n"))
	writeFile(t, dir, "a.txt", []byte(article))
	writeFile(t, dir, "b.txt", []byte("Second Thoughts\n\nBy Ann Other\n\nA reply, in a paragraph long enough to be read as prose and not as a heading.\n"))
	manifest := writeFile(t, dir, "book.toml", []byte(`title = "Two Voices"
editors = ["Ed Itor"]
cover = "cover.png"
preface = "preface.md"

[[article]]
path = "b.txt"
title = "Second Thoughts, Revised"

[[article]]
path = "a.txt"
`))
	code, _, stderr := runCLI(t, "", "book", manifest)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files := zipFiles(t, filepath.Join(dir, "book.epub"))
	if _, ok := files["EPUB/images/cover.png"]; !ok {
		t.Error("the manifest's cover is not in the EPUB")
	}
	nav := string(files["EPUB/nav.xhtml"])
	pre, first := strings.Index(nav, ">Preface<"), strings.Index(nav, ">Second Thoughts, Revised<")
	if pre < 0 || first < pre || !strings.Contains(nav, ">Bread and Roses<") {
		t.Errorf("nav:\n%s", nav)
	}
	if _, err := os.Stat(filepath.Join(dir, "book.pdf")); err != nil {
		t.Errorf("no PDF beside the manifest: %v", err)
	}

	escape := writeFile(t, dir, "escape.toml", []byte("title = \"T\"\n[[article]]\npath = \"../a.txt\"\n"))
	code, _, stderr = runCLI(t, "", "book", escape)
	if code != exitFailure || !strings.Contains(stderr, "leaves the manifest's folder") {
		t.Errorf("exit %d, stderr %q; want a refused path", code, stderr)
	}
}

// TestBookErrors checks that a bad article stops the build with its name
// and writes nothing, that --skip-bad lists what it leaves out, and the
// usage errors.
func TestBookErrors(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(article))
	empty := writeFile(t, dir, "empty.txt", []byte("\n"))
	missing := filepath.Join(dir, "missing.txt")
	out := filepath.Join(dir, "out")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
		wrote  bool
	}{
		{"missing article", []string{"book", "-o", out, "--title", "T", a, missing}, exitFailure,
			[]string{"read " + missing + ": no such file", "--skip-bad"}, false},
		{"empty article", []string{"book", "-o", out, "--title", "T", empty, a}, exitFailure,
			[]string{"read " + empty + ": no text content"}, false},
		{"skip bad", []string{"book", "-o", out, "--title", "T", "--skip-bad", a, missing, empty}, exitOK,
			[]string{"warning: " + missing + ": skipped: no such file", "warning: " + empty + ": skipped: no text content"}, true},
		{"skip bad under strict", []string{"book", "-o", out, "--title", "T", "--skip-bad", "--strict", a, missing}, exitWarnings,
			[]string{"skipped"}, true},
		{"given twice", []string{"book", "-o", out, "--title", "T", a, filepath.Join(dir, ".", "a.txt")}, exitOK,
			[]string{"warning: " + filepath.Join(dir, "a.txt") + ": given twice (articles 1 and 2)"}, true},
		{"no title", []string{"book", "-o", out, a}, exitUsage, []string{"give --title"}, false},
		{"no output name", []string{"book", "--title", "T", a}, exitUsage, []string{"-o BOOK.epub"}, false},
		{"no articles", []string{"book", "-o", out, "--title", "T"}, exitUsage, []string{"book needs articles"}, false},
		{"manifest with files", []string{"book", "x.toml", a}, exitUsage, []string{"give it alone"}, false},
		{"bad order", []string{"book", "-o", out, "--title", "T", "--order", "size", a}, exitUsage, []string{`--order: order "size"`}, false},
		{"bad date", []string{"book", "-o", out, "--title", "T", "--date", "May 1", a}, exitUsage, []string{"--date:"}, false},
		{"stdout needs one format", []string{"book", "-o", "-", "--title", "T", a}, exitUsage, []string{"give --to epub or --to pdf"}, false},
		{"-o and --to disagree", []string{"book", "-o", out + ".pdf", "--to", "epub", "--title", "T", a}, exitUsage, []string{"does not match --to"}, false},
		{"bad jobs", []string{"book", "-o", out, "--title", "T", "--jobs", "-1", a}, exitUsage, []string{"--jobs -1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, ext := range []string{".epub", ".pdf"} {
				os.Remove(out + ext)
			}
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr %q lacks %q", stderr, want)
				}
			}
			for _, ext := range []string{".epub", ".pdf"} {
				_, err := os.Stat(out + ext)
				if wrote := err == nil; wrote != tt.wrote {
					t.Errorf("%s written: %v, want %v", ext, wrote, tt.wrote)
				}
			}
			for _, name := range listDir(t, dir) {
				if strings.HasSuffix(name, ".tmp") {
					t.Errorf("left behind %s", name)
				}
			}
		})
	}
}

// TestBookOneFormat writes one format to the file -o names, and on a
// stderr that is not a terminal no progress bar, only the summary line.
func TestBookOneFormat(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(article))
	for _, f := range []string{"epub", "pdf"} {
		out := filepath.Join(dir, "one."+f)
		code, stdout, stderr := runCLI(t, "", "book", "-o", out, "--title", "One", a)
		summary := regexp.MustCompile(`^pamphlet: wrote ` + regexp.QuoteMeta(out) + `: 1 article(, \d+ pages)?, in \d+\.\ds\n$`)
		if code != exitOK || stdout != "" || !summary.MatchString(stderr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want the summary line alone", f, code, stdout, stderr)
		}
		if _, err := os.Stat(out); err != nil {
			t.Error(err)
		}
	}
	if left := listDir(t, dir); len(left) != 3 {
		t.Errorf("folder holds %v", left)
	}
	code, stdout, stderr := runCLI(t, "", "book", "-o", "-", "--to", "pdf", "--title", "One", a)
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") {
		t.Errorf("to stdout: exit %d, stderr %q, output %.10q", code, stderr, stdout)
	}
}

// TestBookBooklet checks that the print flags of convert apply to a book:
// --booklet imposes its pages on landscape sheets.
func TestBookBooklet(t *testing.T) {
	pdfinfo := testenv.Tool(t, "pdfinfo")
	dir := t.TempDir()
	out := filepath.Join(dir, "booklet.pdf")
	args := append([]string{"book", "-o", out, "--title", "Samples", "--print", "--booklet"}, sampleFiles(t)...)
	if code, _, stderr := runCLI(t, "", args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	info, err := exec.Command(pdfinfo, out).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Page size:\s+841\.89 x 595\.28 pts`).Match(info) {
		t.Errorf("pages are not landscape A4 sheets:\n%s", info)
	}
}

// TestBookLeavesNothingWhenAFormatFails binds a book over the files of an
// earlier run while one format cannot be written (its path is a folder):
// the command fails, the other format's old file is left as it was, and
// no temporary file remains.
func TestBookLeavesNothingWhenAFormatFails(t *testing.T) {
	for _, failing := range []string{"epub", "pdf"} {
		t.Run(failing, func(t *testing.T) {
			dir := t.TempDir()
			a := writeFile(t, dir, "a.txt", []byte(article))
			other := map[string]string{"epub": "pdf", "pdf": "epub"}[failing]
			old := writeFile(t, dir, "book."+other, []byte("the earlier run's file"))
			if err := os.Mkdir(filepath.Join(dir, "book."+failing), 0o755); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCLI(t, "", "book", "-o", filepath.Join(dir, "book"), "--title", "T", a)
			if code != exitFailure || !strings.Contains(stderr, "book."+failing) {
				t.Errorf("exit %d, stderr %q; want a failure naming book.%s", code, stderr, failing)
			}
			if got, err := os.ReadFile(old); err != nil || string(got) != "the earlier run's file" {
				t.Errorf("book.%s was replaced (%v)", other, err)
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"a.txt", "book.epub", "book.pdf"}) {
				t.Errorf("folder holds %v", got)
			}
		})
	}
}

// TestBookCSS checks that book takes --css as convert does: the sheet is
// in the EPUB and every chapter links it after pamphlet's.
func TestBookCSS(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(article))
	sheet := writeFile(t, dir, "mine.css", []byte("h1 { font-variant: small-caps; }\n"))
	out := filepath.Join(dir, "b.epub")
	if code, _, stderr := runCLI(t, "", "book", "-q", "-o", out, "--title", "B", "--css", sheet, a); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files := zipFiles(t, out)
	if string(files["EPUB/css/user.css"]) != "h1 { font-variant: small-caps; }\n" {
		t.Errorf("css/user.css is %q", files["EPUB/css/user.css"])
	}
	chapter := string(files["EPUB/xhtml/chapter001.xhtml"])
	ours, theirs := strings.Index(chapter, "../css/pamphlet.css"), strings.Index(chapter, "../css/user.css")
	if ours < 0 || theirs < ours {
		t.Errorf("the chapter does not link the sheet after pamphlet's:\n%.600s", chapter)
	}
}
