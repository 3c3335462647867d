// Package output writes result files atomically: content goes to a
// temporary file in the target folder, which is renamed over the target
// only when everything succeeded. A failed or interrupted run leaves
// nothing behind.
//
// The rules for what is already at an output's path:
//   - an existing file keeps its permissions; a new file gets 0666 less
//     the umask, as any program's new file does;
//   - an existing file without write permission (chmod a-w) is refused
//     by Check unless forced, and then replaced with its mode kept;
//   - a symbolic link is written through: its target is replaced
//     atomically and the link stays; a link to nothing is refused;
//   - a folder is refused.
//
// Temporary files are named .NAME.PID-RANDOM.tmp beside NAME. Abort
// removes those of the running process (on a signal); Prepare removes
// those beside its output whose process has ended (after a kill).
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/term"
)

// ErrTerminal is returned when binary output would go to a terminal.
var ErrTerminal = errors.New("refusing to write binary output to a terminal (redirect it to a file, or use -o FILE)")

// ErrAborted is returned by Prepare once Abort was called.
var ErrAborted = errors.New("interrupted")

// WriteFile calls write with a buffered writer on a temporary file beside
// path and renames it to path when write and the flush succeed. On any
// error the temporary file is removed and path is left as it was. The
// folder of path must exist.
func WriteFile(path string, write func(io.Writer) error) error {
	p, err := Prepare(path, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// Check reports, before any work is done, why path cannot take an
// output: its folder is missing, it is a folder, it is a symbolic link to
// nothing, or it is an existing file without write permission and force
// is false. Messages never name a temporary file; callers add the path.
func Check(path string, force bool) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	if err := checkDir(filepath.Dir(target)); err != nil {
		return err
	}
	st, err := os.Stat(target)
	switch {
	case err != nil:
		return nil
	case st.IsDir():
		return fmt.Errorf("output %s is a folder", path)
	case !st.Mode().IsRegular():
		return errors.New("not a regular file (a device, FIFO or socket); give a file name")
	case st.Mode().Perm()&0o222 == 0 && !force:
		return errors.New("the file is read-only; give --force to replace it")
	}
	return nil
}

// resolve follows a symbolic link at path to the file it names, which
// is replaced in its place. A link to nothing is refused: writing
// through it would create a file wherever the link points.
func resolve(path string) (string, error) {
	st, err := os.Lstat(path)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		to, _ := os.Readlink(path)
		return "", fmt.Errorf("a symbolic link to %s, which does not exist", to)
	}
	return target, nil
}

func checkDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("output folder %s does not exist", dir)
	}
	if !st.IsDir() {
		return fmt.Errorf("output folder %s is not a folder", dir)
	}
	return nil
}

// Pending is an output written in full to a temporary file beside its
// path, waiting to be put in place. A run that writes several files
// prepares them all and commits them only when every one succeeded, so
// that a failure leaves none of them behind.
type Pending struct {
	tmp, path, target string
}

// Prepare writes an output as WriteFile does, but leaves it in its
// temporary file: Commit puts it in place, Discard removes it. The
// temporary file is made in the folder of the file finally replaced (a
// symbolic link's target), so that the rename is atomic.
func Prepare(path string, write func(io.Writer) error) (p *Pending, err error) {
	target, err := resolve(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(target)
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	existing, err := os.Stat(target)
	if err == nil && existing.IsDir() {
		return nil, fmt.Errorf("output %s is a folder", path)
	}
	removeStale(dir, filepath.Base(target))
	f, err := create(dir, filepath.Base(target))
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			forget(tmp)
		}
	}()
	bw := bufio.NewWriterSize(fileWriter{f}, 1<<16)
	if err = write(bw); err != nil {
		return nil, err
	}
	if err = bw.Flush(); err != nil {
		return nil, err
	}
	if existing != nil {
		if err = f.Chmod(existing.Mode().Perm()); err != nil {
			return nil, unwrapPath(err)
		}
	}
	if err = f.Close(); err != nil {
		return nil, unwrapPath(err)
	}
	return &Pending{tmp: tmp, path: path, target: target}, nil
}

// Scratch makes a temporary file beside the output path (in the
// system's temporary folder for "-", standard output), where a writer
// keeps what it would otherwise hold in memory until the output is
// written. Where an open file can lose its name (Unix), it loses it at
// once, so that nothing is left behind even by a crash; elsewhere done
// removes it, Abort removes it as it removes an output's temporary
// file, and a later run beside the same output removes it when a kill
// left it behind. done closes it.
func Scratch(path string) (f *os.File, done func(), err error) {
	dir, base := os.TempDir(), "pamphlet"
	if path != "-" {
		target, err := resolve(path)
		if err != nil {
			return nil, nil, err
		}
		dir, base = filepath.Dir(target), filepath.Base(target)
	}
	if f, err = create(dir, base); err != nil {
		return nil, nil, err
	}
	if os.Remove(f.Name()) == nil {
		temps.Lock()
		delete(temps.files, f.Name())
		temps.Unlock()
		return f, func() { f.Close() }, nil
	}
	return f, func() {
		f.Close()
		forget(f.Name())
	}, nil
}

// Path returns where the output goes, as it was asked for.
func (p *Pending) Path() string { return p.path }

// Commit renames the temporary file to the output's path (or to the
// file a symbolic link there names).
func (p *Pending) Commit() error {
	err := os.Rename(p.tmp, p.target)
	forget(p.tmp)
	return unwrapPath(err)
}

// Discard removes the temporary file; the output's path is left as it
// was.
func (p *Pending) Discard() { forget(p.tmp) }

// fileWriter keeps the temporary file's name out of write errors: a
// message names the output asked for.
type fileWriter struct{ f *os.File }

func (w fileWriter) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	return n, unwrapPath(err)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// The temporary files of this process, removed by Abort.
var temps = struct {
	sync.Mutex
	files   map[string]bool
	aborted bool
}{files: map[string]bool{}}

// create makes a new temporary file for base in dir, with permissions
// 0666 less the umask (the system applies it), and records it.
func create(dir, base string) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	if temps.aborted {
		return nil, ErrAborted
	}
	prefix := "." + base + "." + strconv.Itoa(os.Getpid()) + "-"
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot create a file in %s: %w", dir, unwrapPath(err))
		}
		temps.files[name] = true
		return f, nil
	}
	return nil, fmt.Errorf("cannot create a file in %s: too many temporary files", dir)
}

// forget removes a temporary file and its record.
func forget(name string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.files, name)
	os.Remove(name)
}

// Abort removes every temporary file of this process and makes later
// Prepare calls fail with ErrAborted. The command line calls it on an
// interrupt or termination signal, just before exiting.
func Abort() {
	temps.Lock()
	defer temps.Unlock()
	temps.aborted = true
	for name := range temps.files {
		os.Remove(name)
		delete(temps.files, name)
	}
}

// removeStale removes the temporary files for base in dir left by a
// process that has ended (killed before it could clean up). A file is
// recognised by its name alone, and only when the process it names no
// longer runs, so that a concurrent run's file is never touched.
func removeStale(dir, base string) {
	prefix := "." + base + "."
	for _, name := range tempNames(dir) {
		pid, ok := tempPID(name, prefix)
		if !ok || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		if st, err := os.Lstat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// tempListings holds, for each folder written to, the names in it that
// look like temporary files, read once per process: stale files are
// older than the run, and a run writing many outputs to one large folder
// must not read it again for each.
var tempListings sync.Map // folder → []string

func tempNames(dir string) []string {
	if names, ok := tempListings.Load(dir); ok {
		return names.([]string)
	}
	var names []string
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if n := e.Name(); strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") {
				names = append(names, n)
			}
		}
	}
	tempListings.Store(dir, names)
	return names
}

// tempPID returns the process ID in a temporary file's name
// (PREFIX PID-RANDOM.tmp).
func tempPID(name, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	rest, ok = strings.CutSuffix(rest, ".tmp")
	if !ok {
		return 0, false
	}
	pidText, random, ok := strings.Cut(rest, "-")
	if !ok || !allDigits(random) || !allDigits(pidText) {
		return 0, false
	}
	pid, err := strconv.Atoi(pidText)
	return pid, err == nil && pid > 0
}

func allDigits(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Batch writes the outputs of one run all or nothing: each is prepared in
// its temporary file, and Finish puts every one in place only when the
// whole run succeeded. The zero value is an empty batch.
type Batch struct {
	pending []*Pending
}

// Prepare writes an output to its temporary file (see Prepare) and adds
// it to the batch.
func (b *Batch) Prepare(path string, write func(io.Writer) error) error {
	p, err := Prepare(path, write)
	if err != nil {
		return err
	}
	b.pending = append(b.pending, p)
	return nil
}

// Finish ends the run whose error *err holds: on an error it discards
// every prepared output, else it commits them in the order prepared and
// returns their paths. When a commit fails, the outputs not yet committed
// are discarded and *err reports the failure. Call it deferred, with the
// run's named error.
func (b *Batch) Finish(err *error) (committed []string) {
	for _, p := range b.pending {
		if *err != nil {
			p.Discard()
		} else if cerr := p.Commit(); cerr != nil {
			*err = fmt.Errorf("write %s: %w", p.Path(), cerr)
		} else {
			committed = append(committed, p.Path())
		}
	}
	b.pending = nil
	return committed
}

// IsTerminal reports whether f is a terminal: binary output must not go
// there. A character device that is not one (/dev/null) is not refused.
func IsTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// SameFile reports whether paths a and b name the same existing file.
func SameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}
