package main

import (
	"bufio"
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
)

// fixtureLines reads a fixture list: one entry per line, "#" comments and
// blank lines skipped.
func fixtureLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// foldTypography maps curly quotes and dashes back to ASCII so required
// sentences can be compared after the typography pass.
var foldTypography = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "—", "-", "–", "-", "…", "...", "\u00a0", " ")

// epubText returns the concatenated contents of every entry of the EPUB
// at path, and the plain text of its XHTML documents (tags removed; the
// writer puts block elements on lines of their own).
func epubText(t *testing.T, path string) (all, text string) {
	t.Helper()
	files := zipFiles(t, path)
	var raw, plain strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		raw.WriteString(name + "\n")
		raw.Write(files[name])
		if strings.HasSuffix(name, ".xhtml") {
			plain.WriteString(stripTags(string(files[name])) + "\n")
		}
	}
	return raw.String(), plain.String()
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestHostilePageReachesNeitherOutput converts a hostile web page (script,
// event handlers, javascript: link, iframe, form, object, an image path
// outside its folder, a loopback tracking image) to EPUB and PDF: none of
// it may reach either output, the real text must, and the EPUB must pass
// epubcheck.
func TestHostilePageReachesNeitherOutput(t *testing.T) {
	dir := filepath.Join("testdata", "hostile")
	forbidden := fixtureLines(t, filepath.Join(dir, "forbidden.txt"))
	required := fixtureLines(t, filepath.Join(dir, "required.txt"))
	for _, page := range []string{"page.html", "page.md"} {
		t.Run(page, func(t *testing.T) {
			out := t.TempDir()
			in := filepath.Join(dir, page)
			code, _, stderr := runCLI(t, "", "convert", "--out-dir", out, in)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			base := strings.TrimSuffix(page, filepath.Ext(page))
			all, text := epubText(t, filepath.Join(out, base+".epub"))
			lowAll := strings.ToLower(all)
			for _, f := range forbidden {
				if strings.Contains(lowAll, strings.ToLower(f)) {
					t.Errorf("EPUB holds forbidden %q", f)
				}
			}
			folded := foldTypography.Replace(text)
			for _, r := range required {
				if !strings.Contains(folded, foldTypography.Replace(r)) {
					t.Errorf("EPUB text lacks %q", r)
				}
			}
			pdftotext := testenv.Tool(t, "pdftotext")
			pdfText, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(out, base+".pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			lowPDF := strings.ToLower(string(pdfText))
			for _, f := range forbidden {
				if strings.Contains(lowPDF, strings.ToLower(f)) {
					t.Errorf("PDF text holds forbidden %q", f)
				}
			}
			cmd := testenv.Command(t, "epubcheck")
			res, err := exec.Command(cmd[0], append(cmd[1:], filepath.Join(out, base+".epub"))...).CombinedOutput()
			if err != nil || !bytes.Contains(res, []byte("No errors or warnings detected")) {
				t.Errorf("epubcheck: %v\n%s", err, res)
			}
		})
	}
}
