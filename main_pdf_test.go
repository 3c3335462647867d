package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
)

func TestConvertPDF(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "note.txt", []byte("A Title\n\nBy Ada Printer\n\nSome text here, set in type. "+
		strings.Repeat("More words fill the page of this small pamphlet. ", 40)+"\n"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	var first []byte
	for i := 0; i < 2; i++ {
		out := filepath.Join(dir, "note.pdf")
		code, _, stderr := runCLI(t, "", "convert", "--paper", "a5", "--font-size", "11", "--links", "inline", "-o", out, in)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/CreationDate (D:20231114221320)")) {
			t.Fatalf("not a PDF dated by SOURCE_DATE_EPOCH: %q", b[:min(len(b), 64)])
		}
		if i == 0 {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Error("two runs gave different PDFs")
		}
	}
}

func TestPDFFlagErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "note.txt", []byte("A Title\n\nSome text here.\n"))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown paper", []string{"--paper", "b7"}, "--paper"},
		{"bad links", []string{"--links", "footnotes"}, "--links"},
		{"font too large", []string{"--font-size", "80"}, "font size"},
		{"three columns", []string{"--columns", "3"}, "columns"},
		{"bad margins", []string{"--margins", "10,10,10"}, "--margins"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"convert", "--to", "pdf", "--out-dir", dir}, tc.args...)
			code, _, stderr := runCLI(t, "", append(args, in)...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tc.want)
			}
			if left := listDir(t, dir); len(left) != 1 {
				t.Errorf("folder holds %v, want only the input", left)
			}
		})
	}
}

// TestSamplesToPDF converts every bundled sample to PDF: each must convert
// without warnings about the layout and pass qpdf's check.
func TestSamplesToPDF(t *testing.T) {
	qpdf := testenv.Tool(t, "qpdf")
	samples, err := filepath.Glob(filepath.Join("samples", "*.*"))
	if err != nil || len(samples) == 0 {
		t.Fatal("no samples")
	}
	dir := t.TempDir()
	for _, in := range samples {
		t.Run(filepath.Base(in), func(t *testing.T) {
			code, _, stderr := runCLI(t, "", "convert", "--to", "pdf", "--out-dir", dir, in)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if strings.Contains(stderr, "pdf:") {
				t.Errorf("layout warnings: %s", stderr)
			}
			out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+".pdf")
			if b, err := exec.Command(qpdf, "--check", out).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, b)
			}
		})
	}
}
