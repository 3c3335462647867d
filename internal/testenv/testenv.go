// Package testenv finds the resources tests share: the project's root, the
// shared article corpus beside it, and external validators. A missing
// resource skips the test with a clear message, except under CI=true, where
// it fails.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// CI reports whether the tests run under continuous integration (CI=true).
func CI() bool { return os.Getenv("CI") == "true" }

// Root returns the repository root: the nearest folder above the working
// directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testenv: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Corpus returns the shared corpus folder ($PAMPHLET_CORPUS, else
// ../shared/corpus beside the repository). When it is absent the test is
// skipped with a message that names the folder, or fails under CI.
func Corpus(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PAMPHLET_CORPUS")
	if dir == "" {
		dir = filepath.Join(Root(t), "..", "shared", "corpus")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		Skipf(t, "shared corpus not found at %s (set PAMPHLET_CORPUS to use another folder)", dir)
	}
	return dir
}

// Skipf skips the test with the formatted reason for a missing shared
// resource (a corpus file, a tool), or fails it under CI, where every
// resource must be present.
func Skipf(t testing.TB, format string, args ...any) {
	t.Helper()
	if CI() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// Tool returns the path of an external command such as epubcheck or
// pdftotext. When it is missing the test is skipped, or fails under CI.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := name + " not found on PATH; install it (Debian: apt-get install epubcheck poppler-utils qpdf) to run this test"
		Skipf(t, "%s", msg)
	}
	return p
}
