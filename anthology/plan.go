// Package anthology gathers the articles of a book: it turns the inputs
// of `pamphlet book` (files in order, a folder, or a TOML manifest) into a
// Plan, then reads every article concurrently into one model.Book, in
// the order the plan gives whatever the number of workers.
//
// It sits on the input side of the pipeline: it uses the readers and the
// model, and knows nothing of layout or export. Like every library
// package it never prints: warnings and progress go through callbacks.
package anthology

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pamphlet/internal/infile"
	"pamphlet/model"
)

// Order says how the articles are arranged in the book.
type Order string

// The orders of a book's articles.
const (
	// OrderGiven keeps the articles in the order given.
	OrderGiven Order = "given"
	// OrderDate sorts them by date, oldest first; articles without a
	// date come last, and articles of the same date keep the order given.
	OrderDate Order = "date"
)

// ParseOrder reads "given" (or "") and "date".
func ParseOrder(s string) (Order, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "given":
		return OrderGiven, nil
	case "date":
		return OrderDate, nil
	}
	return "", fmt.Errorf("order %q: want given or date", s)
}

// Source is one input file of the book and what replaces the metadata
// its reader finds.
type Source struct {
	// Path is the file: as given on the command line, or relative to the
	// manifest's folder (with slashes or the system's separator); or the
	// article's web address (http or https), read through Options.Fetch.
	Path string
	// Title, when not empty, replaces the article's title.
	Title string
	// Authors, when not empty, replace the article's authors (and its
	// printed byline).
	Authors []string
	// Date, when not zero, replaces the article's date.
	Date model.Date
	// Folder is the folder given on the command line that Path was
	// found in ("" otherwise): like a manifest's folder, the article may
	// not lead out of it through a symbolic link.
	Folder string
}

// Plan is what a book is made of: its metadata, its preface and
// articles, and where they are read from.
type Plan struct {
	Title, Subtitle string
	Editors         []string
	Date            model.Date
	// Lang is the book's language ("" lets the articles decide).
	Lang        string
	Description string
	// Publisher, Rights and Identifier are the book's (see model.Book).
	Publisher, Rights, Identifier string
	// Cover is the path of the cover image ("" for a generated cover),
	// relative to Dir when Dir is set.
	Cover string
	// Preface is the file printed before the first article (nil: none).
	Preface *Source
	// Articles are the chapters, in the order given.
	Articles []Source
	// Order arranges the articles once read.
	Order Order
	// Dir is the manifest's folder, to which the paths of a manifest are
	// relative and confined; "" for files named on the command line.
	Dir string
	// Name names the plan's origin in messages: the manifest's path, or
	// "" for command-line inputs.
	Name string
}

// articleExts are the extensions of the files a folder contributes: the
// formats the readers know.
var articleExts = map[string]bool{
	".txt": true, ".text": true,
	".md": true, ".markdown": true, ".mdown": true,
	".html": true, ".htm": true, ".xhtml": true,
}

// IsArticle reports whether a file name has the extension of an article
// (text, Markdown or HTML).
func IsArticle(name string) bool {
	return articleExts[strings.ToLower(filepath.Ext(name))]
}

// FromPaths makes the plan of files named on the command line, in the
// order given. A folder stands for the article files directly inside
// it, sorted by name; hidden files, subfolders and other files are left
// out, and so is a README; a folder without articles is an error when it
// is the only input, and adds nothing among others. The book's metadata
// is left for the caller to fill.
func FromPaths(paths []string) (*Plan, error) {
	p := &Plan{Order: OrderGiven}
	for _, path := range paths {
		if path == "-" {
			return nil, errors.New("a book is made of files: save the article from stdin to a file and name it")
		}
		if IsURL(path) {
			p.Articles = append(p.Articles, Source{Path: path})
			continue
		}
		st, err := os.Stat(path)
		if err != nil || !st.IsDir() {
			// Files are checked when they are read, so that a missing
			// one can be skipped with the others.
			p.Articles = append(p.Articles, Source{Path: path})
			continue
		}
		names, err := folderArticles(path)
		if errors.Is(err, errNoArticles) && len(paths) > 1 {
			// A folder among other inputs (an images folder caught by
			// a shell's *) adds nothing.
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			p.Articles = append(p.Articles, Source{Path: filepath.Join(path, n), Folder: path})
		}
	}
	if len(p.Articles) == 0 {
		return nil, errors.New("no articles given")
	}
	return p, nil
}

// folderArticles lists the article files directly inside dir, sorted by
// name.
func folderArticles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read folder %s: %w", dir, unwrapPath(err))
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !IsArticle(n) || isReadme(n) {
			continue
		}
		if e.Type()&fs.ModeType != 0 && e.Type()&fs.ModeSymlink == 0 {
			continue // a folder or a device, whatever its name
		}
		if e.Type()&fs.ModeSymlink != 0 {
			// A link to a file outside the folder is kept, for reading
			// to refuse by name.
			if st, err := os.Stat(filepath.Join(dir, n)); err != nil || !st.Mode().IsRegular() {
				continue
			}
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("folder %s %w (%s)", dir, errNoArticles, strings.Join(sortedExts(), ", "))
	}
	slices.Sort(names)
	return names, nil
}

// errNoArticles is the error of a folder without article files.
var errNoArticles = errors.New("holds no article files")

// isReadme reports a README file, which describes a folder rather than
// being one of its articles (the shared corpus has one beside its texts).
func isReadme(name string) bool {
	return strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), "readme")
}

func sortedExts() []string {
	var out []string
	for e := range articleExts {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// unwrapPath drops the path from *os.PathError, since messages name the
// file themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// display is how a source is named in messages: its path as given, or
// joined to the manifest's folder.
func (p *Plan) display(s Source) string {
	if p.Dir == "" || IsURL(s.Path) {
		return s.Path
	}
	return filepath.Join(p.Dir, filepath.FromSlash(s.Path))
}

// ReadFile reads a file the plan names (the cover): through the
// manifest's folder when there is one, so that it cannot leave it.
func (p *Plan) ReadFile(path string, limit int64) ([]byte, error) {
	f, err := p.open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, limit)
}

// open opens a file of the plan.
func (p *Plan) open(path string) (*os.File, error) {
	if p.Dir == "" {
		return infile.Open(path)
	}
	root, err := os.OpenRoot(p.Dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return infile.OpenIn(root, filepath.FromSlash(path))
}

// Apply sets the book's metadata from what the command line says (see
// model.Metadata), over the manifest's; authors are the book's editors.
func (p *Plan) Apply(m model.Metadata) {
	for _, f := range []struct {
		dst *string
		v   string
	}{{&p.Title, m.Title}, {&p.Subtitle, m.Subtitle}, {&p.Lang, m.Lang}, {&p.Description, m.Description},
		{&p.Publisher, m.Publisher}, {&p.Rights, m.Rights}, {&p.Identifier, m.Identifier}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if len(m.Authors) > 0 {
		p.Editors = slices.Clone(m.Authors)
	}
	if !m.Date.IsZero() {
		p.Date = m.Date
	}
}
