//go:build unix

package anthology

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesAreNotRead checks that a FIFO among a book's articles
// neither blocks the build nor is read: a folder leaves one out, and a
// manifest entry naming one is refused.
func TestSpecialFilesAreNotRead(t *testing.T) {
	dir := files(t, map[string]string{
		"essays/a.txt": article("Alpha", "Ann Lee", "2020"),
		"book.toml":    "title = \"T\"\n[[article]]\npath = \"essays/a.txt\"\n[[article]]\npath = \"essays/pipe.txt\"\n",
	})
	essays := filepath.Join(dir, "essays")
	if err := syscall.Mkfifo(filepath.Join(essays, "pipe.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("pipe.txt", filepath.Join(essays, "link.txt")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		plan func() (*Plan, error)
		err  string
	}{
		{"folder", func() (*Plan, error) { return FromPaths([]string{essays}) }, ""},
		{"manifest", func() (*Plan, error) { return ReadManifest(filepath.Join(dir, "book.toml")) }, "pipe.txt: not a regular file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.plan()
			if err != nil {
				t.Fatal(err)
			}
			p.Title = "T"
			done := make(chan error, 1)
			go func() {
				res, err := Load(p, Options{})
				if err == nil && len(res.Book.Articles) != 1 {
					t.Errorf("%d articles, want the one regular file", len(res.Book.Articles))
				}
				done <- err
			}()
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("the build blocked on a FIFO")
			}
			if (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}
