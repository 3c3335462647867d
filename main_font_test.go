package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pamphlet/fonts"
	"pamphlet/internal/testenv"
)

// fontFolder writes a folder of font files, with an OFL licence file
// unless noLicence, and returns it. The faces are ones the program
// embeds, standing in for a user's own.
func fontFolder(t *testing.T, files map[string][]byte, noLicence bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "my fonts")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		writeFile(t, dir, name, data)
	}
	if !noLicence {
		writeFile(t, dir, "OFL.txt", []byte("This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"))
	}
	return dir
}

// fontArticle is a short article for the font tests, with emphasis, a
// heading and a word in a script the test family lacks.
const fontArticle = "# A Title\n\nSome *emphasised* text in the reader's own type, and a name: אבג.\n\n## A Section\n\nMore **strong** words.\n"

func TestConvertSetsThePDFInTheUsersFamily(t *testing.T) {
	pdffonts := testenv.Tool(t, "pdffonts")
	qpdf := testenv.Tool(t, "qpdf")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	fontDir := fontFolder(t, map[string][]byte{"Mono.ttf": fonts.TTF(fonts.Mono)}, false)
	dir := t.TempDir()
	in := writeFile(t, dir, "note.md", []byte(fontArticle))
	tests := []struct {
		name string
		args []string
		// want and not are PostScript names pdffonts must and must not list.
		want, not []string
	}{
		{"default family", nil, []string{"+CharisSIL", "+DejaVuSans "}, []string{"DejaVuSansMono"}},
		{"the user's family, fallback kept", []string{"--font", fontDir}, []string{"+DejaVuSansMono", "+DejaVuSans "}, []string{"CharisSIL"}},
		{"the family named", []string{"--font", fontDir, "--font-family", "dejavu sans mono"}, []string{"+DejaVuSansMono"}, []string{"CharisSIL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var first []byte
			for i := range 2 {
				out := filepath.Join(dir, "note.pdf")
				code, _, stderr := runCLI(t, "", append(append([]string{"convert", "-o", out}, tc.args...), in)...)
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if i == 1 {
					if !bytes.Equal(first, b) {
						t.Error("two runs gave different PDFs")
					}
					break
				}
				first = b
				list, err := exec.Command(pdffonts, out).CombinedOutput()
				if err != nil {
					t.Fatalf("pdffonts: %v\n%s", err, list)
				}
				for _, name := range tc.want {
					if !strings.Contains(string(list), name) {
						t.Errorf("pdffonts lists no %q:\n%s", name, list)
					}
				}
				for _, name := range tc.not {
					if strings.Contains(string(list), name) {
						t.Errorf("pdffonts lists %q:\n%s", name, list)
					}
				}
				for _, line := range strings.Split(strings.TrimSpace(string(list)), "\n")[2:] {
					if f := strings.Fields(line); len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
						t.Errorf("a font is not embedded as a subset: %s", line)
					}
				}
				if res, err := exec.Command(qpdf, "--check", out).CombinedOutput(); err != nil {
					t.Errorf("qpdf --check: %v\n%s", err, res)
				}
			}
		})
	}
}

func TestFontFlagsSayWhatTheFamilyLacks(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "note.md", []byte(fontArticle))
	tests := []struct {
		name      string
		files     map[string][]byte
		noLicence bool
		strict    bool
		code      int
		warnings  []string
	}{
		{"styles set in the regular face", map[string][]byte{"Mono.ttf": fonts.TTF(fonts.Mono)}, false, false, exitOK,
			[]string{`font family "DejaVu Sans Mono" has no italic face (set in regular), bold face (set in regular), bold italic face (set in regular)`}},
		{"a whole family warns of nothing", map[string][]byte{"r.ttf": fonts.TTF(fonts.Regular), "i.ttf": fonts.TTF(fonts.Italic), "b.ttf": fonts.TTF(fonts.Bold), "bi.ttf": fonts.TTF(fonts.BoldItalic)}, true, true, exitOK, nil},
		{"warnings count under --strict", map[string][]byte{"Mono.ttf": fonts.TTF(fonts.Mono)}, false, true, exitWarnings,
			[]string{`font family "DejaVu Sans Mono" has no italic face`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fontDir := fontFolder(t, tc.files, tc.noLicence)
			args := []string{"convert", "--to", "pdf", "--font", fontDir, "-o", filepath.Join(dir, "out.pdf")}
			if tc.strict {
				args = append(args, "--strict")
			}
			code, _, stderr := runCLI(t, "", append(args, in)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if strings.HasPrefix(line, "pamphlet: warning: "+fontDir+": ") {
					got = append(got, line)
				}
			}
			if len(got) != len(tc.warnings) {
				t.Fatalf("font warnings %q, want %d like %q", got, len(tc.warnings), tc.warnings)
			}
			for i, w := range tc.warnings {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q, want %q", got[i], w)
				}
			}
		})
	}
}

func TestFontFlagErrorsWriteNothing(t *testing.T) {
	cff := slices.Clone(fonts.TTF(fonts.Regular))
	copy(cff, "OTTO")
	woff2 := slices.Clone(fonts.TTF(fonts.Regular))
	copy(woff2, "wOF2")
	tests := []struct {
		name  string
		files map[string][]byte // nil: --font names a missing folder
		args  []string
		code  int
		want  string
	}{
		{"family without a folder", map[string][]byte{}, []string{"--font-family", "Charis SIL"}, exitUsage, `--font-family "Charis SIL" needs --font DIR`},
		{"missing folder", nil, nil, exitFailure, "no such folder"},
		{"CFF outlines", map[string][]byte{"Garamond.otf": cff}, nil, exitFailure, "Garamond.otf: OpenType with PostScript (CFF) outlines, which the PDF cannot embed; use the family's TrueType (.ttf) files"},
		{"web font", map[string][]byte{"Garamond.woff2": woff2}, nil, exitFailure, "Garamond.woff2: a web font (WOFF or WOFF2)"},
		{"family not in the folder", map[string][]byte{"Mono.ttf": fonts.TTF(fonts.Mono)}, []string{"--font-family", "Garamond"}, exitFailure, `no font family "Garamond" (found "DejaVu Sans Mono")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, dir, "note.md", []byte(fontArticle))
			args := []string{"convert", "--out-dir", dir}
			if tc.files != nil {
				fontDir := fontFolder(t, tc.files, false)
				if len(tc.files) > 0 {
					args = append(args, "--font", fontDir)
				}
			} else {
				args = append(args, "--font", filepath.Join(dir, "no such fonts"))
			}
			code, _, stderr := runCLI(t, "", append(append(args, tc.args...), in)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.want)
			}
			if tc.code == exitFailure && strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr %q, want one line", stderr)
			}
			if left := listDir(t, dir); !slices.Equal(left, []string{"note.md"}) {
				t.Errorf("folder holds %v, want only the input", left)
			}
		})
	}
}

// TestFontFlagsLeaveTheEPUBAlone: the flags choose the PDF's face; the
// EPUB, whose reader chooses its own type, is the same with or without
// them, fonts carried or not.
func TestFontFlagsLeaveTheEPUBAlone(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	fontDir := fontFolder(t, map[string][]byte{"Mono.ttf": fonts.TTF(fonts.Mono)}, false)
	dir := t.TempDir()
	in := writeFile(t, dir, "note.md", []byte(fontArticle))
	for _, extra := range [][]string{nil, {"--embed-fonts"}} {
		t.Run(strings.Join(append([]string{"flags"}, extra...), " "), func(t *testing.T) {
			var books [2][]byte
			for i, font := range [][]string{nil, {"--font", fontDir}} {
				out := filepath.Join(dir, "note.epub")
				args := append(append(append([]string{"convert", "-o", out}, extra...), font...), in)
				if code, _, stderr := runCLI(t, "", args...); code != exitOK {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				var err error
				if books[i], err = os.ReadFile(out); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(books[0], books[1]) {
				t.Error("--font changed the EPUB")
			}
		})
	}
}

func TestBookSetsThePDFInTheUsersFamily(t *testing.T) {
	pdffonts := testenv.Tool(t, "pdffonts")
	fontDir := fontFolder(t, map[string][]byte{"Mono.ttf": fonts.TTF(fonts.Mono)}, false)
	dir := t.TempDir()
	a := writeFile(t, dir, "a.md", []byte(fontArticle))
	b := writeFile(t, dir, "b.md", []byte("# Another\n\nA second article, in *the same* type.\n"))
	out := filepath.Join(dir, "out", "issue")
	if err := os.Mkdir(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "", "book", "-o", out, "--to", "pdf", "--title", "Two", "--font", fontDir, a, b)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	list, err := exec.Command(pdffonts, out+".pdf").CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, list)
	}
	if !strings.Contains(string(list), "+DejaVuSansMono") || strings.Contains(string(list), "CharisSIL") {
		t.Errorf("the book is not set in the user's family:\n%s", list)
	}
}
