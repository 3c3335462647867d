//go:build unix

package infile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestOpenAcceptsRegularFilesOnlyWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pic.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.png"), 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	if err := os.Symlink("fifo.png", filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tests := []struct {
		name       string
		open       func() (fs.File, error)
		notRegular bool
	}{
		{"regular file", func() (fs.File, error) { return Open(filepath.Join(dir, "pic.png")) }, false},
		{"FIFO", func() (fs.File, error) { return Open(filepath.Join(dir, "fifo.png")) }, true},
		{"link to a FIFO", func() (fs.File, error) { return Open(filepath.Join(dir, "link.png")) }, true},
		{"device", func() (fs.File, error) { return Open(os.DevNull) }, true},
		{"regular file in a root", func() (fs.File, error) { return FS(root).Open("pic.png") }, false},
		{"FIFO in a root", func() (fs.File, error) { return FS(root).Open("fifo.png") }, true},
		{"link to a FIFO in a root", func() (fs.File, error) { return FS(root).Open("link.png") }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				f   fs.File
				err error
			}
			done := make(chan result, 1)
			go func() { f, err := tc.open(); done <- result{f, err} }()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("open blocked")
			}
			if r.f != nil {
				r.f.Close()
			}
			if got := errors.Is(r.err, ErrNotRegular); got != tc.notRegular {
				t.Errorf("error %v, want refused %v", r.err, tc.notRegular)
			}
			if !tc.notRegular && r.err != nil {
				t.Errorf("error %v, want the file open", r.err)
			}
		})
	}
}
