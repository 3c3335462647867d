//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pamphlet/internal/testenv"
)

const shortArticle = "A Title\n\nSome text here, enough to make a page of prose.\n"

// TestOutputsAlreadyThere checks what convert does with what is already
// at an output's path: a file keeps its mode, a read-only one is refused
// unless --force, a symbolic link is written through, a link to nothing
// is refused; a new file gets 0666 less the umask.
func TestOutputsAlreadyThere(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string) // makes what is at out
		force bool
		umask int
		code  int
		msg   string      // in stderr
		mode  os.FileMode // of out (or its link's target) afterwards
		link  bool        // out is still a symbolic link
	}{
		{"new file, umask 022", nil, false, 0o022, exitOK, "", 0o644, false},
		{"new file, umask 077", nil, false, 0o077, exitOK, "", 0o600, false},
		{"new file, umask 002", nil, false, 0o002, exitOK, "", 0o664, false},
		{"private file keeps its mode", existing(0o600), false, 0o022, exitOK, "", 0o600, false},
		{"group-readable file keeps its mode", existing(0o640), false, 0o077, exitOK, "", 0o640, false},
		{"read-only file refused", existing(0o444), false, 0o022, exitFailure, "out.pdf: the file is read-only; give --force to replace it", 0o444, false},
		{"read-only file forced", existing(0o444), true, 0o022, exitOK, "", 0o444, false},
		{"link written through", linkTo("real.pdf", 0o640), false, 0o022, exitOK, "", 0o640, true},
		{"link to nothing refused", linkTo("", 0), false, 0o022, exitFailure, "out.pdf: a symbolic link to real.pdf, which does not exist", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, dir, "a.txt", []byte(shortArticle))
			out := filepath.Join(dir, "out.pdf")
			if tc.setup != nil {
				tc.setup(t, out)
			}
			old := syscall.Umask(tc.umask)
			args := []string{"convert", "-o", out, in}
			if tc.force {
				args = append(args, "--force")
			}
			code, _, stderr := runCLI(t, "", args...)
			syscall.Umask(old)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.msg)
			}
			if st, err := os.Lstat(out); err != nil || (st.Mode()&os.ModeSymlink != 0) != tc.link {
				t.Errorf("out.pdf: %v, %v; want a link %v", st, err, tc.link)
			}
			st, err := os.Stat(out)
			switch {
			case tc.mode == 0:
				if err == nil {
					t.Errorf("a file was made through a link to nothing")
				}
			case err != nil:
				t.Fatal(err)
			case st.Mode().Perm() != tc.mode:
				t.Errorf("mode %v, want %v", st.Mode().Perm(), tc.mode)
			}
			data, _ := os.ReadFile(out)
			if replaced := bytes.HasPrefix(data, []byte("%PDF")); replaced != (code == exitOK) && tc.mode != 0 {
				t.Errorf("output replaced %v with exit %d", replaced, code)
			}
			for _, n := range listDir(t, dir) {
				if strings.HasSuffix(n, ".tmp") {
					t.Errorf("temporary file %s left behind", n)
				}
			}
		})
	}
}

// existing makes a file of the given mode at the output's path.
func existing(mode os.FileMode) func(*testing.T, string) {
	return func(t *testing.T, out string) {
		if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(out, mode); err != nil {
			t.Fatal(err)
		}
	}
}

// linkTo makes the output's path a symbolic link to real.pdf beside it,
// which exists with the given mode unless mode is 0.
func linkTo(name string, mode os.FileMode) func(*testing.T, string) {
	return func(t *testing.T, out string) {
		if mode != 0 {
			existing(mode)(t, filepath.Join(filepath.Dir(out), name))
		}
		if err := os.Symlink("real.pdf", out); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
}

// TestImageThatIsAFIFO checks that an image path naming a FIFO (or other
// special file) neither blocks the conversion nor is read: the image is
// left out with a warning.
func TestImageThatIsAFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pic.png"), 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	in := writeFile(t, dir, "a.md", []byte("# Pipes\n\nA picture:\n\n![a pipe](pic.png)\n\nAnd text after it.\n"))
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, out, stderr := runCLI(t, "", "convert", "--out-dir", t.TempDir(), in)
		done <- result{code, out, stderr}
	}()
	select {
	case r := <-done:
		if r.code != exitOK {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
		if want := `image "pic.png": not a regular file (a FIFO, device or socket); not loaded`; !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the conversion blocked on a FIFO named as an image")
	}
}

var built struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// pamphletBinary builds the command into a folder every user may read,
// once per test run.
func pamphletBinary(t *testing.T) string {
	t.Helper()
	gobin := testenv.Tool(t, "go")
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "pamphlet-bin-")
		if err != nil {
			built.err = err
			return
		}
		os.Chmod(dir, 0o755)
		built.dir, built.path = dir, filepath.Join(dir, "pamphlet")
		out, err := exec.Command(gobin, "build", "-buildvcs=auto", "-o", built.path, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// longBook writes a folder of articles that takes the built command a
// while to lay out.
func longBook(t *testing.T, dir string, n int) string {
	t.Helper()
	arts := filepath.Join(dir, "articles")
	if err := os.Mkdir(arts, 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("The committee met again on Tuesday and argued about the budget for the new library wing until late. ", 12)
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Chapter %d\n\nBy Ann Lee\n\n", i+1)
		for range 40 {
			b.WriteString(para + "\n\n")
		}
		writeFile(t, arts, fmt.Sprintf("%03d.txt", i), []byte(b.String()))
	}
	return arts
}

// TestInterruptLeavesNoTemporaryFiles runs the built command on a long
// book, interrupts it while its output is being written and checks that
// the folder holds neither the output nor a temporary file. A signal
// ignored when the command started (nohup) stays ignored: the book is
// finished.
func TestInterruptLeavesNoTemporaryFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a long book")
	}
	bin := pamphletBinary(t)
	tests := []struct {
		name     string
		sig      syscall.Signal
		ignored  bool // started with the signal ignored, as nohup does
		articles int
	}{
		{"interrupt", syscall.SIGINT, false, 60},
		{"termination", syscall.SIGTERM, false, 60},
		{"hang-up", syscall.SIGHUP, false, 60},
		{"hang-up under nohup", syscall.SIGHUP, true, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			arts := longBook(t, dir, tc.articles)
			outDir := filepath.Join(dir, "out")
			if err := os.Mkdir(outDir, 0o755); err != nil {
				t.Fatal(err)
			}
			args := []string{"book", "--title", "Minutes", "--jobs", "1", "-o", filepath.Join(outDir, "minutes.pdf"), arts}
			cmd := exec.Command(bin, args...)
			if tc.ignored {
				// The shell ignores the signal and runs the command in
				// its place, which inherits that.
				cmd = exec.Command("/bin/sh", append([]string{"-c", `trap "" HUP; exec "$0" "$@"`, bin}, args...)...)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			// Wait for the temporary file, then send the signal.
			deadline := time.Now().Add(2 * time.Minute)
			for len(listDir(t, outDir)) == 0 {
				select {
				case err := <-exited:
					t.Fatalf("finished before the signal (%v): make the book longer", err)
				default:
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("no temporary file appeared")
				}
				time.Sleep(2 * time.Millisecond)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(3 * time.Minute):
				cmd.Process.Kill()
				t.Fatal("did not exit after the signal")
			}
			want, left := 128+int(tc.sig), []string(nil)
			if tc.ignored {
				want, left = 0, []string{"minutes.pdf"}
			}
			if code := cmd.ProcessState.ExitCode(); code != want {
				t.Errorf("exit code %d, want %d; stderr %q", code, want, stderr.String())
			}
			if got := listDir(t, outDir); fmt.Sprint(got) != fmt.Sprint(left) {
				t.Errorf("output folder holds %v after the signal, want %v", got, left)
			}
		})
	}
}

// TestReadOnlyFolderNamesTheOutput checks that the error for a folder
// that cannot be written names the output asked for, not a temporary
// file. As root the command runs as nobody, since root may write there.
func TestReadOnlyFolderNamesTheOutput(t *testing.T) {
	bin := pamphletBinary(t)
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // let nobody reach the input
	}
	in := writeFile(t, dir, "a.txt", []byte(shortArticle))
	if err := os.Chmod(in, 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "ro")
	if err := os.Mkdir(outDir, 0o555); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(outDir, "a.pdf")
	cmd := exec.Command(bin, "convert", "-o", out, in)
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	stderr, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("wrote into a read-only folder: %s", stderr)
	}
	want := fmt.Sprintf("pamphlet: write %s: cannot create a file in %s: permission denied\n", out, outDir)
	if string(stderr) != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

// TestVersionNamesTheRevision checks that the built command reports the
// revision it was built from, read from its build information.
func TestVersionNamesTheRevision(t *testing.T) {
	bin := pamphletBinary(t)
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not built from a git checkout: %v", err)
	}
	if st, err := os.Stat(filepath.Join(testenv.Root(t), ".git")); err != nil || !st.IsDir() {
		t.Skip("go build records the revision only in a checkout whose .git is a folder (not in a git worktree)")
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "revision " + strings.TrimSpace(string(head))
	if !strings.HasPrefix(string(out), "pamphlet ") || !strings.Contains(string(out), want) || strings.HasPrefix(string(out), "pamphlet dev") {
		t.Errorf("version %q, want the module's version and %q", out, want)
	}
}
