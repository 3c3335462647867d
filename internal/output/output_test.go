package output

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteFileKeepsAnExistingFilesMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o640, 0o664, 0o444, 0o755} {
		t.Run(mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.pdf")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			if err := WriteFile(path, writeString("new")); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != mode {
				t.Errorf("mode %v after writing, want %v kept", st.Mode().Perm(), mode)
			}
			if data, _ := os.ReadFile(path); string(data) != "new" {
				t.Errorf("content %q, want the new one", data)
			}
		})
	}
}

func TestCheckRefusesWhatCannotTakeAnOutput(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "ro.pdf")
	if err := os.WriteFile(readOnly, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	writable := filepath.Join(dir, "rw.pdf")
	if err := os.WriteFile(writable, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.pdf")
	if err := os.Symlink(filepath.Join(dir, "nowhere.pdf"), dangling); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
	linkToReadOnly := filepath.Join(dir, "link-ro.pdf")
	if err := os.Symlink(readOnly, linkToReadOnly); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		force bool
		want  string // "" for no error
	}{
		{"new file", filepath.Join(dir, "new.pdf"), false, ""},
		{"writable file", writable, false, ""},
		{"read-only file", readOnly, false, "the file is read-only; give --force to replace it"},
		{"read-only file forced", readOnly, true, ""},
		{"link to a read-only file", linkToReadOnly, false, "the file is read-only"},
		{"link to nothing", dangling, true, "a symbolic link to " + filepath.Join(dir, "nowhere.pdf") + ", which does not exist"},
		{"folder", dir, true, "is a folder"},
		{"missing folder", filepath.Join(dir, "no", "x.pdf"), false, "output folder " + filepath.Join(dir, "no") + " does not exist"},
		{"device", os.DevNull, true, "not a regular file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(tc.path, tc.force)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Check: %v, want no error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Check: %v, want %q", err, tc.want)
			}
		})
	}
}

func TestWriteFileWritesThroughASymbolicLink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "builds"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "builds", "v1.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.pdf")
	if err := os.Symlink(filepath.Join("builds", "v1.pdf"), link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
	if err := WriteFile(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", st, err)
	}
	if data, _ := os.ReadFile(target); string(data) != "new" {
		t.Errorf("target holds %q, want the new content", data)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640 kept", st.Mode().Perm())
	}
	for _, d := range []string{dir, filepath.Join(dir, "builds")} {
		for _, n := range names(t, d) {
			if strings.HasSuffix(n, ".tmp") {
				t.Errorf("temporary file %s left in %s", n, d)
			}
		}
	}
}

// deadPID returns the ID of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestPrepareRemovesStaleTemporaryFilesOnly(t *testing.T) {
	dir := t.TempDir()
	dead := strconv.Itoa(deadPID(t))
	live := strconv.Itoa(os.Getppid())
	files := []struct {
		name string
		kept bool
	}{
		{".out.pdf." + dead + "-12345.tmp", false},         // its process ended
		{".out.pdf." + live + "-12345.tmp", true},          // a run still going
		{".out.pdf.12345.tmp", true},                       // no process ID: not ours to judge
		{".other.pdf." + dead + "-12345.tmp", true},        // another output's
		{".out.pdf." + dead + "-12345.tmp.keep", true},     // not a temporary file's name
		{"notes.txt", true},                                // the user's
		{".out.pdf." + dead + "-1x.tmp", true},             // not a random number
		{".out.pdf." + dead + "-12345678901234.tmp", true}, // too long to be ours
		{".out.pdf.-12345.tmp", true},                      // no process ID
		{".out.pdf.0" + dead + "-9.tmp", false},            // leading zero still the process
		{".out.pdf." + dead + "-9.tmp", false},             // short random part
		{".out.pdf." + dead + "-" + dead + ".tmp", false},  // any digits
		{".out.pdf." + live + "-" + dead + ".tmp", true},   // the live process's
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "out.pdf"), writeString("new")); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if gone := errors.Is(err, os.ErrNotExist); gone == f.kept {
			t.Errorf("%s: removed %v, want removed %v", f.name, gone, !f.kept)
		}
	}
}

func TestAbortRemovesTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	defer func() {
		temps.Lock()
		temps.aborted = false
		temps.Unlock()
	}()
	p, err := Prepare(filepath.Join(dir, "a.epub"), writeString("a"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Prepare(filepath.Join(dir, "b.pdf"), func(w io.Writer) error {
		if len(names(t, dir)) != 2 {
			t.Errorf("folder holds %v while writing, want two temporary files", names(t, dir))
		}
		Abort()
		return nil
	})
	if left := names(t, dir); len(left) != 0 {
		t.Errorf("folder holds %v after Abort", left)
	}
	if err := p.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if _, err := Prepare(filepath.Join(dir, "c.pdf"), writeString("c")); !errors.Is(err, ErrAborted) {
		t.Errorf("Prepare after Abort: %v, want ErrAborted", err)
	}
	if left := names(t, dir); len(left) != 0 {
		t.Errorf("folder holds %v at the end", left)
	}
}

func TestFailedWriteLeavesNothingAndNamesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, func(w io.Writer) error {
		w.Write(make([]byte, 1<<17)) // past the buffer, into the file
		return errors.New("layout failed")
	})
	if err == nil || err.Error() != "layout failed" {
		t.Errorf("error %v, want the write's own", err)
	}
	if got := names(t, dir); len(got) != 1 || got[0] != "out.pdf" {
		t.Errorf("folder holds %v, want only out.pdf", got)
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("out.pdf holds %q, want it untouched", data)
	}
}

// TestBatchAllOrNothing writes two outputs over files of an earlier run:
// when either write fails, both files keep their old content and no
// temporary file is left; when both succeed, both are replaced.
func TestBatchAllOrNothing(t *testing.T) {
	fail := errors.New("disk full")
	// failing writes part of its output, then fails as a full disk does.
	failing := func(w io.Writer) error {
		io.WriteString(w, "half a file")
		return fail
	}
	tests := []struct {
		name        string
		first, next func(io.Writer) error
		want        [2]string
	}{
		{"both written", writeString("new a"), writeString("new b"), [2]string{"new a", "new b"}},
		{"second fails", writeString("new a"), failing, [2]string{"old a", "old b"}},
		{"first fails", failing, writeString("new b"), [2]string{"old a", "old b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := [2]string{filepath.Join(dir, "book.epub"), filepath.Join(dir, "book.pdf")}
			for i, p := range paths {
				if err := os.WriteFile(p, []byte("old "+string(rune('a'+i))), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run := func() (err error) {
				var b Batch
				defer b.Finish(&err)
				for i, write := range []func(io.Writer) error{tc.first, tc.next} {
					if err := b.Prepare(paths[i], write); err != nil {
						return err
					}
				}
				return nil
			}
			err := run()
			if ok := tc.want[0] != "old a"; ok != (err == nil) {
				t.Errorf("error %v", err)
			}
			for i, p := range paths {
				got, err := os.ReadFile(p)
				if err != nil || string(got) != tc.want[i] {
					t.Errorf("%s holds %q (%v), want %q", p, got, err, tc.want[i])
				}
			}
			if got := strings.Join(names(t, dir), " "); got != "book.epub book.pdf" {
				t.Errorf("folder holds %s", got)
			}
		})
	}
}

func TestScratchLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	f, done, err := Scratch(filepath.Join(dir, "book.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("pages"), 3); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 5)
	if _, err := f.ReadAt(got, 3); err != nil || string(got) != "pages" {
		t.Errorf("read back %q (%v), want %q", got, err, "pages")
	}
	for _, n := range names(t, dir) {
		if !strings.HasPrefix(n, ".book.pdf.") {
			t.Errorf("folder holds %s while the scratch is in use, want at most a temporary file beside book.pdf", n)
		}
	}
	done()
	if left := names(t, dir); len(left) != 0 {
		t.Errorf("folder holds %v once done", left)
	}
}
