// Package output writes result files atomically: content goes to a
// temporary file in the target folder, which is renamed over the target
// only when everything succeeded. A failed run leaves nothing behind.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrTerminal is returned when binary output would go to a terminal.
var ErrTerminal = errors.New("refusing to write binary output to a terminal (redirect it to a file, or use -o FILE)")

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

// Pending is an output written in full to a temporary file beside its
// path, waiting to be put in place. A run that writes several files
// prepares them all and commits them only when every one succeeded, so
// that a failure leaves none of them behind.
type Pending struct {
	tmp, path string
}

// Prepare writes an output as WriteFile does, but leaves it in its
// temporary file: Commit puts it in place, Discard removes it.
func Prepare(path string, write func(io.Writer) error) (p *Pending, err error) {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s does not exist", dir)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("output folder %s is not a folder", dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("output %s is a folder", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return nil, err
	}
	if err = bw.Flush(); err != nil {
		return nil, err
	}
	if err = f.Chmod(0o644); err != nil {
		return nil, err
	}
	if err = f.Close(); err != nil {
		return nil, err
	}
	return &Pending{tmp: tmp, path: path}, nil
}

// Path returns where the output goes.
func (p *Pending) Path() string { return p.path }

// Commit renames the temporary file to the output's path.
func (p *Pending) Commit() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		os.Remove(p.tmp)
		return err
	}
	return nil
}

// Discard removes the temporary file; the output's path is left as it
// was.
func (p *Pending) Discard() { os.Remove(p.tmp) }

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
// every prepared output, else it commits them in the order prepared. When
// a commit fails, the outputs not yet committed are discarded and *err
// reports the failure. Call it deferred, with the run's named error.
func (b *Batch) Finish(err *error) {
	for _, p := range b.pending {
		if *err != nil {
			p.Discard()
		} else if cerr := p.Commit(); cerr != nil {
			*err = fmt.Errorf("write %s: %w", p.Path(), cerr)
		}
	}
	b.pending = nil
}

// IsTerminal reports whether f is a terminal: binary output must not go
// there. A character device that is not one (/dev/null) is not refused.
func IsTerminal(f *os.File) bool {
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	return isTerminal(f)
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
