package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line and returns exit code, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// listDir returns the names in dir, for checking that nothing was left
// behind.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "no command given"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"inspect", "--bogus", "x.txt"}, "unknown flag: --bogus"},
		{"inspect two files", []string{"inspect", "a.txt", "b.txt"}, "inspect takes one input"},
		{"bad from", []string{"inspect", "--from", "docx", "a.txt"}, `--from "docx"`},
		{"bad lang", []string{"inspect", "--lang", "English!", "a.txt"}, `--lang "English!"`},
		{"convert nothing", []string{"convert"}, "at least one input"},
		{"-o with two inputs", []string{"convert", "-o", "x.pdf", "a.txt", "b.txt"}, "use --out-dir"},
		{"bad -o extension", []string{"convert", "-o", "x.doc", "a.txt"}, "name a .epub or .pdf file"},
		{"bad --to", []string{"convert", "--to", "docx", "a.txt"}, `--to "docx"`},
		{"stdout needs one format", []string{"convert", "-o", "-", "a.txt"}, "give --to epub or --to pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q, want it to contain %q", stderr, tc.want)
			}
		})
	}
}

// TestBadInput checks bad inputs: each gives exit code 1, one clear line
// naming the file, no panic and no output file.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name  string
		input func() string
		want  string
	}{
		{"missing file", func() string { return filepath.Join(dir, "nope.txt") }, "no such file"},
		{"folder", func() string { return dir }, "is a folder"},
		{"empty file", func() string { return writeFile(t, dir, "empty.txt", nil) }, "no text content"},
		{"whitespace only", func() string { return writeFile(t, dir, "blank.txt", []byte(" \n\t\r\n  \n")) }, "no text content"},
		{"png image", func() string { return writeFile(t, dir, "photo.txt", png) }, "PNG image"},
		{"zip archive", func() string { return writeFile(t, dir, "book.txt", []byte("PK\x03\x04\x14\x00\x00\x00")) }, "ZIP archive"},
		{"nul bytes", func() string { return writeFile(t, dir, "data.txt", []byte("abc\x00\x01\x02def")) }, "NUL bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.input()
			outDir := t.TempDir()
			for _, cmd := range [][]string{{"inspect", in}, {"convert", "--out-dir", outDir, in}} {
				code, _, stderr := runCLI(t, "", cmd...)
				if code != exitFailure {
					t.Errorf("%s: exit code %d, want %d", cmd[0], code, exitFailure)
				}
				lines := strings.Split(strings.TrimSpace(stderr), "\n")
				if len(lines) > 3 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, in) {
					t.Errorf("%s: stderr %q: want at most 3 lines naming %s and saying %q", cmd[0], stderr, in, tc.want)
				}
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
					t.Errorf("%s: panic trace on stderr", cmd[0])
				}
			}
			if left := listDir(t, outDir); len(left) != 0 {
				t.Errorf("output folder holds %v after a failure", left)
			}
		})
	}
}

func TestOutputPathErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "note.txt", []byte("A Title\n\nSome text here.\n"))
	orig, _ := os.ReadFile(in)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing output folder", []string{"convert", "--to", "epub", "-o", filepath.Join(dir, "no", "x.epub"), in}, "does not exist"},
		{"output equals input", []string{"convert", "--to", "pdf", "-o", in, in}, "overwrite the input"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			if code != exitFailure || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, tc.want)
			}
			if now, _ := os.ReadFile(in); !bytes.Equal(now, orig) {
				t.Error("the input file was modified")
			}
			if left := listDir(t, dir); len(left) != 1 {
				t.Errorf("folder holds %v, want only the input", left)
			}
		})
	}
}

func TestInspectStdin(t *testing.T) {
	code, out, stderr := runCLI(t, "Bread and Roses\n\nWe want bread, and roses too.\n", "inspect", "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"title": "Bread and Roses"`, `"kind": "paragraph"`, `"repairs": [`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestInspectShowsConventions(t *testing.T) {
	src := "****** Club Notes ******\n" +
		"The club meets on Tuesdays in the back room of the library, from\n" +
		"seven until the caretaker locks up, which is rarely before ten.\n" +
		"New members are welcome.\n" +
		"***** Subscriptions *****\n" +
		"The subscription stays at ten pounds a year, payable to the\n" +
		"treasurer at any meeting or by post to the address on the card.\n" +
		"Nobody is turned away.\n"
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"text", []string{"inspect", "--from", "text", "-"}, []string{"--- conventions", "star-headings: 2 line(s)"}},
		{"json", []string{"inspect", "--json", "--from", "text", "-"}, []string{`"conventions": [`, `"name": "star-headings"`, `"evidence": "2 line(s)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, src, tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %s:\n%s", want, out)
				}
			}
		})
	}
}

func TestStrictWarnings(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "latin1.txt", []byte("Caf\xe9 notes\n\nThe caf\xe9 opens at nine.\n"))
	code, out, stderr := runCLI(t, "", "inspect", in)
	if code != exitOK || !strings.Contains(out, "Café") || !strings.Contains(stderr, "Windows-1252") {
		t.Fatalf("exit %d, out %q, stderr %q", code, out, stderr)
	}
	code, _, _ = runCLI(t, "", "inspect", "--strict", in)
	if code != exitWarnings {
		t.Errorf("--strict exit %d, want %d", code, exitWarnings)
	}
}

func TestConvertStdinSaysWhereItWrote(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"both formats", []string{"convert", "--out-dir", dir, "-"}, "pamphlet: wrote " + filepath.Join(dir, "stdin.epub") + " and " + filepath.Join(dir, "stdin.pdf") + " (name the output with -o)\n"},
		{"one format", []string{"convert", "--to", "pdf", "--out-dir", dir, "-"}, "pamphlet: wrote " + filepath.Join(dir, "stdin.pdf") + " (name the output with -o)\n"},
		{"named output", []string{"convert", "-o", filepath.Join(dir, "named.pdf"), "-"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "A Title\n\nSome text here.\n", append([]string{tc.args[0], "--lang", "en"}, tc.args[1:]...)...)
			if code != exitOK || stderr != tc.want {
				t.Errorf("exit %d, stderr %q; want %q", code, stderr, tc.want)
			}
		})
	}
}

// TestStdinFormat checks that stdin is sniffed as a file without a
// telling extension is, and that --from wins.
func TestStdinFormat(t *testing.T) {
	md := "# Notes\n\nSee ![a chart](chart.png) and *this*.\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"markdown sniffed", []string{"inspect", "-"}, `figure src="chart.png" alt="a chart"`},
		{"--from text wins", []string{"inspect", "--from", "text", "-"}, "paragraph: See !{link chart.png:a chart}"},
		{"--from html wins", []string{"inspect", "--from", "html", "-"}, "paragraph: # Notes See ![a chart](chart.png) and *this*."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, md, tc.args...)
			if code != exitOK || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, stderr %q, out:\n%s\nwant %q", code, stderr, out, tc.want)
			}
		})
	}
}
