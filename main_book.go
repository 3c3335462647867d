package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"pamphlet/anthology"
	"pamphlet/export"
	"pamphlet/internal/output"
	"pamphlet/layout"
	"pamphlet/model"
)

const bookUsage = `Usage: pamphlet book -o BOOK[.epub|.pdf] [flags] FILE...|FOLDER
       pamphlet book [flags] MANIFEST.toml

Bind several articles into one book: a title page, the contents, an
optional preface, then each article as a chapter with its own title,
byline and date. Articles are files or web addresses (http, https; fetched
as convert fetches one) in the order given, the article files of a folder
(sorted by name), or the [[article]] entries of a TOML manifest. -o BOOK without .epub or .pdf writes both formats.

`

// bookFlags are the flags of book: those of convert that apply (reading,
// output, EPUB, PDF) and the book's own.
type bookFlags struct {
	convertFlags
	title, subtitle, date, description, order string
	editors                                   []string
	print, skipBad, quiet                     bool
	jobs                                      int
}

// bookFlagSet makes book's flags.
func bookFlagSet(bf *bookFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("book", pflag.ContinueOnError)
	bf.readFlags.register(fs)
	fs.StringVarP(&bf.out, "output", "o", "", "output: BOOK.epub, BOOK.pdf, BOOK for both, or - for stdout (default: named after the manifest or folder)")
	fs.StringSliceVar(&bf.to, "to", nil, "formats to write: epub, pdf (default: the -o extension, else both)")
	bf.registerForce(fs)
	bf.meta.register(fs, false)
	fs.StringVar(&bf.title, "title", "", "book title (needed unless the manifest gives one)")
	fs.StringVar(&bf.subtitle, "subtitle", "", "book subtitle")
	fs.StringArrayVar(&bf.editors, "editor", nil, "`NAME` of an editor (repeat for several)")
	fs.StringVar(&bf.date, "date", "", "book date, YYYY-MM-DD or YYYY")
	fs.StringVar(&bf.description, "description", "", "one-paragraph summary of the book")
	fs.StringVar(&bf.order, "order", "", "article order: given or date (default: given, or the manifest's)")
	fs.BoolVar(&bf.print, "print", false, "PDF for double-sided printing: the contents, preface and chapters open on right-hand pages, after a blank page where needed")
	fs.BoolVar(&bf.skipBad, "skip-bad", false, "leave out articles that cannot be read (each is listed) instead of stopping")
	fs.BoolVarP(&bf.quiet, "quiet", "q", false, "show no progress bar and no summary line (warnings still print)")
	fs.IntVar(&bf.jobs, "jobs", 0, "articles read and laid out at once (default: one per CPU; the output is the same)")
	bf.epub.register(fs)
	bf.pdf.register(fs)
	return fs
}

func (e *env) book(args []string) (bool, error) {
	var bf bookFlags
	fs := bookFlagSet(&bf)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, bookUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return false, flagErr(err, fs)
	}
	if err := bf.meta.check(); err != nil {
		return false, err
	}
	plan, err := bf.plan(fs.Args())
	if err != nil {
		return bf.strict, err
	}
	formats, paths, err := bf.outputs(fs.Args())
	if err != nil {
		return false, err
	}
	if err := bf.epub.check(); err != nil {
		return false, err
	}
	if err := bf.pdf.check(e); err != nil {
		return false, err
	}
	if bf.jobs < 0 {
		return false, usagef("--jobs %d: want 0 (one per CPU) or more", bf.jobs)
	}
	if bf.epub.cover == "" && plan.Cover != "" && !bf.epub.noCover {
		data, err := plan.ReadFile(plan.Cover, maxInput)
		if err == nil {
			_, err = export.CheckImageHeader(data)
		}
		if err != nil {
			return false, fmt.Errorf("cover %s: %w", plan.Cover, unwrapPath(err))
		}
		bf.epub.coverData, bf.epub.cover = data, plan.Cover
	}
	return bf.strict, e.buildBook(plan, &bf, formats, paths)
}

// plan turns the inputs and the metadata flags into what to read.
func (bf *bookFlags) plan(args []string) (*anthology.Plan, error) {
	if len(args) == 0 {
		return nil, usagef("book needs articles: files, a folder, or a manifest (.toml)")
	}
	var plan *anthology.Plan
	var err error
	manifest := false
	for _, a := range args {
		if strings.EqualFold(filepath.Ext(a), ".toml") {
			manifest = true
		}
	}
	switch {
	case manifest && len(args) > 1:
		return nil, usagef("a manifest (.toml) names the articles itself; give it alone")
	case manifest:
		plan, err = anthology.ReadManifest(args[0])
	default:
		plan, err = anthology.FromPaths(args)
	}
	if err != nil {
		return nil, err
	}
	if bf.title != "" {
		plan.Title = bf.title
	}
	if bf.subtitle != "" {
		plan.Subtitle = bf.subtitle
	}
	if len(bf.editors) > 0 {
		plan.Editors = bf.editors
	}
	if bf.description != "" {
		plan.Description = bf.description
	}
	if bf.date != "" {
		d, err := model.ParseDate(strings.TrimSpace(bf.date))
		if err != nil {
			return nil, usagef("--date: %v", err)
		}
		plan.Date = d
	}
	if bf.order != "" {
		o, err := anthology.ParseOrder(bf.order)
		if err != nil {
			return nil, usagef("--order: %v", err)
		}
		plan.Order = o
	}
	if plan.Lang == "" && bf.lang != "" {
		if !model.ValidLang(strings.ToLower(bf.lang)) {
			return nil, usagef("--lang %q: want a language tag such as en, fr or pt-br", bf.lang)
		}
		plan.Lang = strings.ToLower(bf.lang)
	}
	// --metadata wins over the other flags and the manifest.
	plan.Apply(bf.meta.m)
	if strings.TrimSpace(plan.Title) == "" {
		if manifest {
			return nil, fmt.Errorf("manifest %s: no title; add title = \"…\" or give --title", args[0])
		}
		return nil, usagef("a book needs a title: give --title")
	}
	return plan, nil
}

// outputs decides the formats and their files: -o with .epub or .pdf
// names one; -o without either is the name both share; no -o names the
// book after its manifest or folder.
func (bf *bookFlags) outputs(args []string) ([]string, map[string]string, error) {
	want := map[string]bool{}
	for _, f := range bf.to {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "epub" && f != "pdf" {
			return nil, nil, usagef("--to %q: want epub, pdf or both", f)
		}
		want[f] = true
	}
	base := bf.out
	if base == "" {
		switch {
		case len(args) == 1 && strings.EqualFold(filepath.Ext(args[0]), ".toml"):
			base = strings.TrimSuffix(args[0], filepath.Ext(args[0]))
		case len(args) == 1 && isDir(args[0]):
			base = filepath.Clean(args[0])
		default:
			return nil, nil, usagef("name the book with -o BOOK.epub, BOOK.pdf, or BOOK for both")
		}
	}
	ext := strings.ToLower(filepath.Ext(base))
	named := ext == ".epub" || ext == ".pdf"
	if named {
		if len(want) > 0 && !want[ext[1:]] {
			return nil, nil, usagef("-o %s does not match --to %s", bf.out, strings.Join(bf.to, ","))
		}
		want = map[string]bool{ext[1:]: true}
	}
	if len(want) == 0 {
		want = map[string]bool{"epub": true, "pdf": true}
	}
	if base == "-" && len(want) != 1 {
		return nil, nil, usagef("-o - writes one format to stdout; give --to epub or --to pdf")
	}
	var formats []string
	paths := map[string]string{}
	for _, f := range []string{"epub", "pdf"} {
		if !want[f] {
			continue
		}
		formats = append(formats, f)
		switch {
		case base == "-" || named:
			paths[f] = base
		default:
			paths[f] = base + "." + f
		}
		if paths[f] == "-" {
			continue
		}
		for _, in := range args {
			if output.SameFile(paths[f], in) {
				return nil, nil, fmt.Errorf("write %s: the output would overwrite an input; choose another -o", paths[f])
			}
		}
		if err := output.Check(paths[f], bf.force); err != nil {
			return nil, nil, fmt.Errorf("write %s: %w", paths[f], err)
		}
	}
	return formats, paths, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// progress is what a book run says about itself on stderr. On a
// terminal a bar shows each phase (reading, then laying out and writing
// each format) with its number, its count of steps and the time left;
// while it shows, warnings wait, so that they do not tear it. At the end
// one line sums up the run (files written, articles, pages, time), on a
// terminal or not, since a script's log wants it as much as a person;
// --quiet silences the bar and the summary, not the warnings.
type progress struct {
	out    io.Writer // the terminal; nil for no bar
	stderr io.Writer // where messages go
	quiet  bool
	bar    *progressbar.ProgressBar
	held   []string
	// phase counts the phases started, of phases in all.
	phase, phases int
	start         time.Time
	// summary is the line done prints when the run succeeded.
	summary string
}

func (e *env) newProgress(quiet bool, phases int) *progress {
	p := &progress{stderr: e.stderr, quiet: quiet, phases: phases, start: time.Now()}
	if f, ok := e.stderr.(*os.File); ok && !quiet && output.IsTerminal(f) {
		p.out = f
	}
	return p
}

// stage starts the bar of the next phase, of total steps.
func (p *progress) stage(name string, total int) {
	p.phase++
	if p.out == nil {
		return
	}
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.out),
		progressbar.OptionSetDescription(fmt.Sprintf("[%d/%d] %-12s", p.phase, max(p.phases, p.phase), name)),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish())
}

func (p *progress) step() {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

// done removes the bar, prints the messages it held, and, when the run
// succeeded (err is nil), the summary.
func (p *progress) done(err error) {
	if p.bar != nil {
		_ = p.bar.Clear()
		p.bar = nil
	}
	p.out = nil
	for _, m := range p.held {
		fmt.Fprint(p.stderr, m)
	}
	p.held = nil
	if err == nil && !p.quiet && p.summary != "" {
		fmt.Fprintln(p.stderr, p.summary)
	}
}

// say prints a line on stderr, after the bar when one shows.
func (p *progress) say(line string) {
	if p.out != nil {
		p.held = append(p.held, line)
		return
	}
	fmt.Fprint(p.stderr, line)
}

// bookSummary is the line that ends a book run: what was written, from
// how many articles, the PDF's pages (0: no PDF), and how long it took.
func bookSummary(files []string, articles, skipped, pages int, took time.Duration) string {
	var b strings.Builder
	b.WriteString("pamphlet: wrote ")
	for i, f := range files {
		switch {
		case i == 0:
		case i == len(files)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(f)
	}
	b.WriteString(": " + plural(articles, "article"))
	if skipped > 0 {
		fmt.Fprintf(&b, " (%d skipped)", skipped)
	}
	if pages > 0 {
		b.WriteString(", " + plural(pages, "page"))
	}
	fmt.Fprintf(&b, ", in %.1fs", took.Seconds())
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// bookWarn reports a warning about the book or one of its articles.
func (e *env) bookWarn(p *progress, name, msg string) {
	e.warnings++
	p.say(fmt.Sprintf("pamphlet: warning: %s: %s\n", name, msg))
}

// buildBook reads the articles and writes each format. The files are put
// in place only when every format was written: a failure leaves none
// behind, and the files of an earlier run as they were.
func (e *env) buildBook(plan *anthology.Plan, bf *bookFlags, formats []string, paths map[string]string) (err error) {
	chapters := len(plan.Articles)
	if plan.Preface != nil {
		chapters++
	}
	// Reading, then laying out and writing the PDF, writing the EPUB.
	phases := 1
	for _, f := range formats {
		phases += map[string]int{"epub": 1, "pdf": 2}[f]
	}
	prog := e.newProgress(bf.quiet, phases)
	defer func() { prog.done(err) }()
	prog.stage("reading", chapters)
	bf.readFlags.inputs = chapters
	bf.inputs = chapters
	ropt, err := bf.readFlags.options("", e)
	if err != nil {
		return err
	}
	// Articles given by their address are fetched as convert fetches one,
	// under the same rules, with their images.
	var fetchPage func(string) ([]byte, error)
	for _, a := range plan.Articles {
		if anthology.IsURL(a.Path) {
			f, loopback := e.fetcher(bf.inputs)
			fetchPage = f.Get
			ropt.FetchLoopback = loopback
			break
		}
	}
	res, err := anthology.Load(plan, anthology.Options{
		Reader:   ropt,
		Workers:  bf.jobs,
		SkipBad:  bf.skipBad,
		MaxBytes: maxInput,
		Fetch:    fetchPage,
		Warn: func(w anthology.Warning) {
			msg := w.Message
			if w.Line > 0 {
				msg = fmt.Sprintf("line %d: %s", w.Line, w.Message)
			}
			e.bookWarn(prog, w.File, msg)
		},
		Progress: prog.step,
	})
	if err != nil {
		return err
	}
	for _, s := range res.Skipped {
		e.bookWarn(prog, s.File, fmt.Sprintf("skipped: %v", strings.TrimPrefix(s.Err.Error(), "read "+s.File+": ")))
	}
	bookName := plan.Name
	if bookName == "" {
		bookName = "book"
	}
	nameOf := func(article int) string {
		if article > 0 && article <= len(res.Files) {
			return res.Files[article-1]
		}
		return bookName
	}
	bf.epub.warn = func(msg string) { e.bookWarn(prog, bookName, "epub: "+msg) }
	articleWarn := func(article int, msg string) { e.bookWarn(prog, nameOf(article), "epub: "+msg) }
	bf.pdf.notice = func(msg string) {
		for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
			prog.say(fmt.Sprintf("pamphlet: %s: %s\n", paths["pdf"], line))
		}
	}

	var outputs output.Batch
	defer outputs.Finish(&err)
	pages, articles := 0, len(res.Book.Articles)
	var written []string
	defer func() {
		prog.summary = bookSummary(written, articles, len(res.Skipped), pages, time.Since(prog.start))
	}()
	for _, f := range formats {
		write := func(w io.Writer) error {
			switch f {
			case "epub":
				prog.stage("writing EPUB", chapters)
				return export.EPUBBook(w, res.Book, export.EPUBOptions{
					Modified: bf.epub.modified, EmbedFonts: bf.epub.embedFonts, Cover: bf.epub.coverData,
					CoverName: bf.epub.cover, NoCover: bf.epub.noCover, CSS: bf.epub.cssData, CSSName: bf.epub.css, Warn: bf.epub.warn, ArticleWarn: articleWarn, Progress: prog.step,
					// Nothing reads the articles after the last format.
					ReleaseArticles: f == formats[len(formats)-1],
				})
			case "pdf":
				prog.stage("laying out", chapters)
				opt := bf.pdf.opt
				opt.Recto = bf.print
				opt.Workers = bf.jobs
				opt.Pack = true
				opt.Progress = prog.step
				opt.Warn = func(w layout.Warning) { e.bookWarn(prog, nameOf(w.Article), "pdf: "+w.String()) }
				// Nothing reads the articles after the PDF, written last:
				// each article's model goes once its chapter is laid out.
				opt.Release = f == formats[len(formats)-1]
				// The pages laid out wait for the painter in a file
				// beside the PDF, not in memory.
				spill, done, err := pagesAside(paths[f])
				if err != nil {
					return err
				}
				defer done()
				opt.Spill = spill
				lb, err := layout.Anthology(res.Book, opt)
				if err != nil {
					return err
				}
				pages = len(lb.Pages)
				prog.stage("writing PDF", len(lb.Pages))
				// The pages painted wait, compressed, in another.
				streams, done, err := pagesAside(paths[f])
				if err != nil {
					return err
				}
				defer done()
				// The convert path: --booklet and --crop-marks apply.
				return bf.pdf.paint(w, lb, export.PDFOptions{Date: bf.pdf.date, Progress: prog.step, ReleasePages: true, Spill: streams})
			}
			return fmt.Errorf("unknown format %q", f)
		}
		if paths[f] == "-" {
			if tty, ok := e.stdout.(*os.File); ok && output.IsTerminal(tty) {
				return output.ErrTerminal
			}
			if err := write(e.stdout); err != nil {
				return fmt.Errorf("export %s: %w", f, err)
			}
			written = append(written, "the "+strings.ToUpper(f)+" to stdout")
			return nil
		}
		if err := outputs.Prepare(paths[f], write); err != nil {
			return fmt.Errorf("write %s: %w", paths[f], err)
		}
		written = append(written, paths[f])
	}
	return nil
}
