//go:build unix

package output

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestNewFileModeFollowsTheUmask(t *testing.T) {
	tests := []struct {
		umask int
		want  os.FileMode
	}{
		{0o022, 0o644},
		{0o077, 0o600},
		{0o002, 0o664},
		{0o027, 0o640},
	}
	for _, tc := range tests {
		t.Run(os.FileMode(tc.umask).String(), func(t *testing.T) {
			old := syscall.Umask(tc.umask)
			defer syscall.Umask(old)
			path := filepath.Join(t.TempDir(), "new.epub")
			if err := WriteFile(path, writeString("x")); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != tc.want {
				t.Errorf("umask %03o: mode %v, want %v", tc.umask, st.Mode().Perm(), tc.want)
			}
		})
	}
}

func TestCheckRefusesAFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.pdf")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	if err := Check(path, true); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Check: %v, want a refusal", err)
	}
}
