package anthology

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pamphlet/internal/infile"
	"pamphlet/internal/parallel"
	"pamphlet/model"
	"pamphlet/reader"
)

// DefaultMaxBytes caps the size of one article (bytes).
const DefaultMaxBytes = 64 << 20

// Options controls Load. The zero value reads with the readers'
// defaults, one worker per CPU, stops at the first bad article and
// discards warnings.
type Options struct {
	// Reader is the template of every read: its format, language,
	// fetcher and limits apply to each article. Name, Warn and Images
	// are set per article.
	Reader reader.Options
	// Workers is how many articles are read at once; 0 means one per CPU
	// (runtime.GOMAXPROCS). The book is the same whatever the number.
	Workers int
	// SkipBad leaves out an article that cannot be read (missing,
	// unreadable, not text) instead of failing; each one is listed in
	// Result.Skipped.
	SkipBad bool
	// MaxBytes caps the size of one article; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Warn receives warnings in book order: the readers' warnings about
	// each article and the articles given twice. Nil discards them.
	Warn func(Warning)
	// Progress, when set, is called once for each file read, from one
	// goroutine at a time.
	Progress func()
	// Fetch, when set, reads the articles given by a web address (a
	// Source whose Path starts with http:// or https://) and returns the
	// page's bytes. Such a page is read as HTML unless Reader.Format says
	// otherwise, its links and images are resolved against the address,
	// which the article keeps as its source, and its images are fetched
	// with Reader.Fetch, or with Fetch when that is nil. The caller
	// decides which addresses may be fetched (the package has no network
	// code of its own); without Fetch such an article cannot be read.
	// Fetch is called from several goroutines at once.
	Fetch func(url string) ([]byte, error)
}

// Warning is a problem with one input that did not stop the book.
type Warning struct {
	// File names the input (its path).
	File string
	// Line is the 1-based line in the input, 0 when not known.
	Line    int
	Message string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", w.File, w.Line, w.Message)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Message)
}

// Skipped is an article left out under SkipBad.
type Skipped struct {
	File string
	Err  error
}

// Result is a book read from a plan.
type Result struct {
	Book *model.Book
	// Files names the file of each of Book.Articles, in book order, so
	// that later messages about an article can name it.
	Files []string
	// Skipped lists the articles left out under SkipBad, in the order
	// given.
	Skipped []Skipped
}

// Load reads every file of the plan concurrently and binds the articles
// into a normalised, valid book: the plan's metadata, the overrides of
// each source applied, the articles in the plan's order. A file that
// cannot be read stops the load with an error naming it (the first in
// the order given), unless opt.SkipBad is set.
func Load(p *Plan, opt Options) (*Result, error) {
	if p == nil || len(p.Articles) == 0 {
		return nil, errors.New("no articles given")
	}
	srcs := slices.Clone(p.Articles)
	if p.Preface != nil {
		srcs = append(srcs, *p.Preface)
	}
	warnings := duplicates(p, p.Articles)
	reads := readAll(p, srcs, opt)
	emit := func(ws []Warning) {
		if opt.Warn != nil {
			for _, w := range ws {
				opt.Warn(w)
			}
		}
	}
	emit(warnings)

	res := &Result{Book: &model.Book{Title: p.Title, Subtitle: p.Subtitle, Editors: p.Editors, Date: p.Date,
		Lang: strings.ToLower(p.Lang), Description: p.Description, Publisher: p.Publisher, Rights: p.Rights, Identifier: p.Identifier}}
	var bad []Skipped
	type item struct {
		doc  *model.Document
		file string
	}
	var items []item
	for i, r := range reads {
		emit(r.warnings)
		name := p.display(srcs[i])
		if r.err != nil {
			bad = append(bad, Skipped{File: name, Err: r.err})
			continue
		}
		if i == len(p.Articles) {
			res.Book.Preface = r.doc
			continue
		}
		override(r.doc, srcs[i])
		items = append(items, item{r.doc, name})
	}
	if len(bad) > 0 && !opt.SkipBad {
		err := bad[0].Err
		if len(bad) > 1 {
			return nil, fmt.Errorf("%w (and %d more articles that cannot be read; --skip-bad leaves them out)", err, len(bad)-1)
		}
		return nil, fmt.Errorf("%w (--skip-bad leaves it out)", err)
	}
	res.Skipped = bad
	if len(items) == 0 {
		return nil, errors.New("no article could be read")
	}
	if p.Order == OrderDate {
		slices.SortStableFunc(items, func(a, b item) int { return compareDates(a.doc.Date, b.doc.Date) })
	}
	for _, it := range items {
		res.Book.Articles = append(res.Book.Articles, it.doc)
		res.Files = append(res.Files, it.file)
	}
	model.NormalizeBook(res.Book)
	if res.Book.Lang == "" {
		res.Book.Lang = "en"
	}
	if err := model.ValidateBook(res.Book); err != nil {
		return nil, err
	}
	return res, nil
}

// compareDates orders dates oldest first, unknown dates last.
func compareDates(a, b model.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	for _, d := range [][2]int{{a.Year, b.Year}, {a.Month, b.Month}, {a.Day, b.Day}} {
		if d[0] != d[1] {
			return d[0] - d[1]
		}
	}
	return 0
}

// override applies a source's title, authors and date to its article, as
// the command line's metadata is applied (a new author list or date
// replaces the printed byline or date line, which named the old ones).
func override(doc *model.Document, s Source) {
	model.Metadata{Title: s.Title, Authors: s.Authors, Date: s.Date}.Apply(doc)
}

// duplicates warns about each article given more than once: the same
// file under the same or another name. The book prints it each time.
func duplicates(p *Plan, srcs []Source) []Warning {
	var out []Warning
	first := map[string]int{}
	for i, s := range srcs {
		key := p.identity(s)
		if j, ok := first[key]; ok {
			out = append(out, Warning{File: p.display(s), Message: fmt.Sprintf(
				"given twice (articles %d and %d); the book prints it twice", j+1, i+1)})
			continue
		}
		first[key] = i
	}
	return out
}

// identity is a key equal for two sources that name the same file.
func (p *Plan) identity(s Source) string {
	if IsURL(s.Path) {
		return s.Path
	}
	path := p.display(s)
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// read is the outcome of reading one source.
type read struct {
	doc      *model.Document
	warnings []Warning
	err      error
}

// readAll reads srcs concurrently; each result stands at its source's
// index.
func readAll(p *Plan, srcs []Source, opt Options) []read {
	out := make([]read, len(srcs))
	parallel.Each(len(srcs), opt.Workers, func(i int) { out[i] = readOne(p, srcs[i], opt) }, opt.Progress)
	return out
}

// readOne reads and parses one source. Images load from the article's
// folder and never from outside it (nor, for a manifest, from outside
// the manifest's folder).
func readOne(p *Plan, s Source, opt Options) (r read) {
	name := p.display(s)
	ropt := opt.Reader
	ropt.Name = name
	ropt.Warn = func(w reader.Warning) {
		r.warnings = append(r.warnings, Warning{File: name, Line: w.Line, Message: w.Message})
	}
	var src []byte
	var err error
	web := IsURL(s.Path)
	if web {
		src, err = fetchPage(s.Path, opt)
		ropt.BaseURL = s.Path
		if ropt.Format == reader.FormatAuto {
			ropt.Format = reader.FormatHTML
		}
		if ropt.Fetch == nil {
			ropt.Fetch = opt.Fetch
		}
	} else {
		var images *os.Root
		src, images, err = p.load(s, opt.MaxBytes)
		if images != nil {
			defer images.Close()
			ropt.Images = infile.FS(images)
		}
	}
	if err != nil {
		return read{err: fmt.Errorf("read %s: %w", name, err)}
	}
	res, err := reader.Read(src, ropt)
	if err != nil {
		if errors.Is(err, reader.ErrNoText) {
			what := "the file is empty or holds only whitespace or markup"
			if web {
				what = "the page holds only markup"
			}
			err = fmt.Errorf("no text content (%s)", what)
		}
		return read{warnings: r.warnings, err: fmt.Errorf("read %s: %w", name, err)}
	}
	if web && res.Doc.Source == "" {
		res.Doc.Source = s.Path
	}
	detach(res.Doc)
	r.doc = res.Doc
	return r
}

// detach copies out the texts of doc that may be pieces of its whole
// decoded source (a title, a line kept as it was): one such piece keeps
// the whole source in memory as long as the article is held, and a book
// holds every article until its last format is written.
func detach(doc *model.Document) {
	doc.Title, doc.Subtitle = strings.Clone(doc.Title), strings.Clone(doc.Subtitle)
	doc.Byline, doc.Dateline = strings.Clone(doc.Byline), strings.Clone(doc.Dateline)
	for i, a := range doc.Authors {
		doc.Authors[i] = strings.Clone(a)
	}
	// Walk fails only on a node it does not know, which Read never makes.
	_ = model.Walk(doc.Blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Text:
			n.Text = strings.Clone(n.Text)
		case *model.CodeSpan:
			n.Text = strings.Clone(n.Text)
		case *model.Code:
			n.Text = strings.Clone(n.Text)
		}
		return nil
	})
}

// IsURL reports whether an article is given by its web address (http or
// https) rather than as a file.
func IsURL(path string) bool {
	l := strings.ToLower(path)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// fetchPage reads an article given by its web address through opt.Fetch.
func fetchPage(addr string, opt Options) ([]byte, error) {
	if opt.Fetch == nil {
		return nil, errors.New("articles given by a web address cannot be fetched here")
	}
	data, err := opt.Fetch(addr)
	if err != nil {
		return nil, err
	}
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d MB; split the article", limit>>20)
	}
	return data, nil
}

// load returns the bytes of a source and the folder its images load
// from (nil when it cannot be opened).
func (p *Plan) load(s Source, limit int64) ([]byte, *os.Root, error) {
	// A manifest's entries stay in its folder, a folder's articles in
	// it; both are opened only if they are regular files. A file named
	// on the command line is read whatever it is (a pipe from <(…)).
	dir, path, where := p.Dir, filepath.FromSlash(s.Path), "the manifest's folder"
	if dir == "" && s.Folder != "" {
		dir, path, where = s.Folder, filepath.Base(s.Path), "the folder "+s.Folder
	}
	var root *os.Root
	if dir != "" {
		var err error
		if root, err = os.OpenRoot(dir); err != nil {
			return nil, nil, fmt.Errorf("open %s: %w", where, unwrapPath(err))
		}
		defer root.Close()
	}
	stat := os.Stat
	open := func(name string) (*os.File, error) { return os.Open(name) }
	if root != nil {
		stat = root.Stat
		open = func(name string) (*os.File, error) { return infile.OpenIn(root, name) }
	}
	st, err := stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, errors.New("no such file")
	case err != nil && root != nil && strings.Contains(err.Error(), "escapes"):
		// os.Root refuses a symbolic link that leads out of the folder.
		return nil, nil, fmt.Errorf("leads out of %s (through a symbolic link); keep the articles inside it", where)
	case err != nil:
		return nil, nil, unwrapPath(err)
	case st.IsDir():
		return nil, nil, errors.New("is a folder, not an article")
	}
	f, err := open(path)
	if err != nil {
		return nil, nil, unwrapPath(err)
	}
	defer f.Close()
	data, err := readLimited(f, limit)
	if err != nil {
		return nil, nil, err
	}
	var images *os.Root
	if root != nil {
		images, _ = root.OpenRoot(filepath.Dir(path))
	} else {
		images, _ = os.OpenRoot(filepath.Dir(path))
	}
	return data, images, nil
}

// readLimited reads r to the end, failing past limit bytes (0 means
// DefaultMaxBytes).
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d MB; split the article", limit>>20)
	}
	return data, nil
}
