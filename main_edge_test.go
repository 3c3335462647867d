package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"pamphlet/internal/testenv"
)

// utf16File encodes s as UTF-16 with a byte-order mark.
func utf16File(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	out := []byte{0xff, 0xfe}
	if bigEndian {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// pdfText extracts the body text of a PDF with pdftotext, as it comes,
// without the page furniture: the folio (a line of digits) and,
// after the first page, the running head (the page's first line).
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	cmd := testenv.Command(t, "pdftotext")
	out, err := exec.Command(cmd[0], append(cmd[1:], "-enc", "UTF-8", pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var body []string
	for i, page := range strings.Split(string(out), "\f") {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" && strings.Trim(l, "0123456789") != "" {
				lines = append(lines, l)
			}
		}
		if i > 0 && len(lines) > 0 {
			lines = lines[1:]
		}
		body = append(body, lines...)
	}
	return strings.Join(body, "\n")
}

// epubCheck runs epubcheck on an EPUB and fails the test on any message.
func epubCheck(t *testing.T, epub string) {
	t.Helper()
	cmd := testenv.Command(t, "epubcheck")
	res, err := exec.Command(cmd[0], append(cmd[1:], epub)...).CombinedOutput()
	if err != nil || !bytes.Contains(res, []byte("No errors or warnings detected")) {
		t.Errorf("epubcheck: %v\n%s", err, res)
	}
}

// TestOddInputsConvertToBothFormats checks odd but valid inputs: each
// converts to both formats (exit 0), its words come through the PDF's text,
// and the EPUB passes epubcheck.
func TestOddInputsConvertToBothFormats(t *testing.T) {
	longWord := strings.Repeat("abcdefghij", 200_000) // 2 MB, no space
	longTitle := strings.TrimSpace(strings.Repeat("A Title That Goes On ", 250))
	tests := []struct {
		name, file string
		data       []byte
		// words must appear in the PDF's text; warn in the warnings.
		words []string
		warn  string
		// noWarn must not appear in the warnings.
		noWarn string
	}{
		{name: "Latin-1", file: "latin1.txt", data: []byte("Caf\xe9 society\n\nThe caf\xe9 opens at nine; cr\xe8me br\xfbl\xe9e.\n"),
			words: []string{"Café", "café opens", "crème brûlée"}, warn: "Windows-1252"},
		{name: "UTF-16LE with BOM", file: "utf16le.txt", data: utf16File("Naïve title\n\nThe naïve reader’s café — opens.\n", false),
			words: []string{"Naïve title", "naïve reader’s café — opens"}},
		{name: "UTF-16BE with BOM", file: "utf16be.txt", data: utf16File("Straße\n\nDie Straße ist lang.\n", true),
			words: []string{"Straße", "Die Straße ist lang"}},
		{name: "UTF-8 BOM", file: "bom.txt", data: []byte("\xef\xbb\xbfBread and Roses\n\nWe want bread, and roses too.\n"),
			words: []string{"Bread and Roses", "roses too"}},
		{name: "control characters", file: "control.txt", data: []byte("Bell\x07 title\n\nA line\x0b with\x1b[0m escapes\x7f and a form\x0cfeed.\n"),
			words: []string{"Bell title", "escapes"}, warn: "control character"},
		{name: "2 MB word", file: "word.txt", data: []byte("Long word\n\n" + longWord + "\n"),
			words: []string{longWord}, noWarn: "too wide"},
		{name: "right to left", file: "rtl.md", data: []byte("# مقال عربي\n\nمرحبا بالعالم، هذا نص عربي.\n\nשלום עולם, זה טקסט בעברית.\n\nThe word سلام means peace.\n"),
			words: []string{"مرحبا بالعالم", "שלום עולם", "The word", "سلام", "means peace"}, noWarn: "no embedded font"},
		{name: "CJK", file: "cjk.txt", data: []byte("中文标题\n\n这是一个中文段落，用来测试没有空格的文本是否能够正确换行。日本語の文章もあります。ひらがなとカタカナ。\n"),
			words: []string{"中文标题", "这是一个中文段落", "ひらがなとカタカナ"}, noWarn: "no embedded font"},
		{name: "very long title", file: "title.md", data: []byte("# " + longTitle + "\n\nBody text follows the title.\n"),
			words: []string{longTitle, "Body text follows"}, noWarn: "too wide"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			in := writeFile(t, dir, tc.file, tc.data)
			code, _, stderr := runCLI(t, "", "convert", "--out-dir", dir, in)
			if code != exitOK {
				t.Fatalf("exit %d: %.500s", code, stderr)
			}
			if tc.warn != "" && !strings.Contains(stderr, tc.warn) {
				t.Errorf("warnings %q lack %q", stderr, tc.warn)
			}
			if tc.noWarn != "" && strings.Contains(stderr, tc.noWarn) {
				t.Errorf("warning %.300q", stderr)
			}
			if n := strings.Count(stderr, "\n"); n > 3 {
				t.Errorf("%d warning lines, want at most 3:\n%.1000s", n, stderr)
			}
			base := strings.TrimSuffix(in, filepath.Ext(in))
			text := pdfText(t, base+".pdf")
			flat := strings.Join(strings.Fields(text), " ")
			joined := strings.Join(strings.Fields(text), "")
			for _, w := range tc.words {
				if !strings.Contains(flat, w) && !strings.Contains(joined, strings.ReplaceAll(w, " ", "")) {
					t.Errorf("PDF text lacks %.60q", w)
				}
			}
			if strings.ContainsRune(text, '\ufffd') {
				t.Error("PDF text holds replacement characters")
			}
			epubCheck(t, base+".epub")
			if tc.name == "right to left" {
				text := epubEntry(t, base+".epub", "EPUB/xhtml/")
				for _, want := range []string{`xml:lang="ar" dir="rtl"`, `<p dir="auto">The word`} {
					if !strings.Contains(text, want) {
						t.Errorf("EPUB text lacks %s", want)
					}
				}
			}
		})
	}
}

// epubEntry returns the contents of the EPUB's files under prefix.
func epubEntry(t *testing.T, epub, prefix string) string {
	t.Helper()
	z, err := zip.OpenReader(epub)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var sb strings.Builder
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		sb.Write(b)
	}
	return sb.String()
}

// TestBadOutputPathsLeaveNothing checks bad output paths: exit 1, a short
// message naming the path, no file left in the output folder, the input
// untouched.
func TestBadOutputPathsLeaveNothing(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "note.txt", []byte("A Title\n\nSome text here.\n"))
	orig, _ := os.ReadFile(in)
	if err := os.Symlink(in, filepath.Join(dir, "link.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "note.pdf"), 0o755); err != nil {
		t.Fatal(err)
	}
	respelled := filepath.Join(dir, "..", filepath.Base(dir), ".", "note.txt")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing folder, EPUB", []string{"--to", "epub", "-o", filepath.Join(dir, "no", "x.epub")}, "does not exist"},
		{"missing folder, PDF", []string{"--to", "pdf", "-o", filepath.Join(dir, "no", "x.pdf")}, "does not exist"},
		{"missing --out-dir", []string{"--out-dir", filepath.Join(dir, "none")}, "does not exist"},
		{"output is the input", []string{"--to", "epub", "-o", in}, "overwrite the input"},
		{"output is the input spelled otherwise", []string{"--to", "pdf", "-o", respelled}, "overwrite the input"},
		{"output is a link to the input", []string{"-o", filepath.Join(dir, "link.pdf")}, "overwrite the input"},
		// The EPUB would be written, but the PDF cannot: neither is left.
		{"second output fails", []string{"--out-dir", dir}, "is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", append(append([]string{"convert"}, tc.args...), in)...)
			if code != exitFailure || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, tc.want)
			}
			if n := strings.Count(stderr, "\n"); n > 3 || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr of %d lines: %q", n, stderr)
			}
			if now, _ := os.ReadFile(in); !bytes.Equal(now, orig) {
				t.Fatal("the input file was modified")
			}
			if left := listDir(t, dir); fmt.Sprint(left) != "[link.pdf note.pdf note.txt]" {
				t.Errorf("folder holds %v, want only what the test made", left)
			}
		})
	}
}

// TestBinaryOutputRefusedOnTerminal checks that binary output is refused on
// a terminal (before the input is even read) and allowed into /dev/null,
// which is a character device but no terminal.
func TestBinaryOutputRefusedOnTerminal(t *testing.T) {
	tty := openTerminal(t)
	var errb bytes.Buffer
	code := run([]string{"convert", "--to", "pdf", "-o", "-", "no-such-file.txt"}, strings.NewReader(""), tty, &errb)
	if code != exitFailure || !strings.Contains(errb.String(), "terminal") {
		t.Errorf("to a terminal: exit %d, stderr %q; want exit 1 and a refusal", code, errb.String())
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	errb.Reset()
	code = run([]string{"convert", "--to", "epub", "-o", "-", "-"}, strings.NewReader("Title\n\nText.\n"), null, &errb)
	if code != exitOK {
		t.Errorf("to %s: exit %d, stderr %q", os.DevNull, code, errb.String())
	}
}
