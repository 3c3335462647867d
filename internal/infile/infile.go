// Package infile opens the input files pamphlet finds by itself — images
// an article names, the articles of a folder or a manifest, a cover —
// and accepts only regular files among them. A FIFO, a device or a
// socket there would block the run forever or feed it endless data, so
// it is opened without blocking and refused before anything is read.
// Files named on the command line are not opened here: a pipe given
// there (a shell's <(…)) is the user's choice.
package infile

import (
	"errors"
	"io/fs"
	"os"
)

// ErrNotRegular is the error for a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file (a FIFO, device or socket)")

// Open opens path for reading if it is a regular file.
func Open(path string) (*os.File, error) {
	return check(os.OpenFile(path, os.O_RDONLY|oNonblock, 0))
}

// OpenIn opens name inside root (which confines it, links included) for
// reading if it is a regular file.
func OpenIn(root *os.Root, name string) (*os.File, error) {
	return check(root.OpenFile(name, os.O_RDONLY|oNonblock, 0))
}

func check(f *os.File, err error) (*os.File, error) {
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: f.Name(), Err: ErrNotRegular}
	}
	return f, nil
}

// FS returns root as a file system that opens regular files and folders
// only, for a reader's images.
func FS(root *os.Root) fs.StatFS { return rootFS{root} }

type rootFS struct{ root *os.Root }

func (r rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := OpenIn(r.root, name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (r rootFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return r.root.Stat(name)
}
