// Command pamphlet turns articles — messy plain text, Markdown, HTML — into
// EPUB e-books and typeset PDF pamphlets.
//
//	pamphlet inspect [--json] FILE|-      show what the reader recovered
//	pamphlet convert [flags] FILE...      write EPUB and/or PDF
//	pamphlet book [flags] FILE...|DIR     bind articles into one book
//	pamphlet book [flags] MANIFEST.toml   the same, from a manifest
//	pamphlet FILE...                      same as convert
//
// Exit codes: 0 ok, 1 failure, 2 usage error, 3 warnings under --strict.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"pamphlet/export"
	"pamphlet/fonts"
	"pamphlet/internal/fetch"
	"pamphlet/internal/infile"
	"pamphlet/internal/output"
	"pamphlet/layout"
	"pamphlet/model"
	"pamphlet/reader"
)

// Exit codes.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitWarnings = 3
)

// maxInput caps how much of one input is read (bytes).
const maxInput = 64 << 20

const usage = `pamphlet turns articles into EPUB e-books and typeset PDF pamphlets.

Usage:
  pamphlet convert [flags] FILE...   write FILE.epub and FILE.pdf (or -o OUT)
  pamphlet inspect [--json] FILE|-   show the document recovered from FILE
  pamphlet book -o BOOK FILE...      bind articles into one book (or: book MANIFEST.toml)
  pamphlet FILE...                   same as convert
  pamphlet completion bash|zsh|fish   print a shell completion script
  pamphlet man                       print the manual page (pamphlet.1)
  pamphlet help [COMMAND] | version

Run 'pamphlet help COMMAND' (or 'pamphlet COMMAND --help') for a command's flags.
Exit codes: 0 ok, 1 failure, 2 usage error, 3 warnings under --strict.
`

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	tuneGC()
	cleanUpOnSignal()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cleanUpOnSignal makes an interrupt (Ctrl-C), a termination or a hang-up
// remove the temporary files of the outputs being written before the
// process ends, with 128 plus the signal's number as the exit code, as
// shells report it. Outputs already in place stay.
func cleanUpOnSignal() {
	ch := make(chan os.Signal, 1)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		// A signal ignored when pamphlet started (nohup, a shell's
		// background job) stays ignored: Notify would turn it back on.
		if !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	go func() {
		sig := <-ch
		output.Abort()
		fmt.Fprintf(os.Stderr, "\npamphlet: %v; the output being written was removed\n", sig)
		code := exitFailure
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
}

// tuneGC sets how far the heap grows before the collector runs, unless
// GOGC says otherwise: five times what is live (GOGC=400) while the live
// heap is under smallHeap, then by what is live up to headroom, by
// headroom from there, and by half of what is live past twice headroom
// (gcPercent). Unless GOMEMLIMIT says otherwise, the collector also keeps
// the program's memory under memoryLimit while what is live allows.
//
// A pamphlet is one short burst of allocation, where each collection
// costs more than the garbage it frees; a book or a long text holds far
// more, and there the garbage GOGC=400 lets pile up roughly doubles the
// peak. Measured with bench/measure.sh (user CPU, peak resident memory;
// 2-core machine):
//
//	input                            tuneGC           GOGC=100         GOGC=400
//	1,000-article book, both         3.9 s, 104 MB    4.0 s, 73 MB     3.4 s, 141 MB
//	50 MB text, PDF                  32.2 s, 415 MB   31.3 s, 551 MB
//	a million one-word paras, PDF    18.3 s, 444 MB   17.1 s, 460 MB   15.3 s, 1097 MB
//	4.3M one-word paras, EPUB        9.0 s, 1018 MB   8.0 s, 1127 MB   7.9 s, 1735 MB
//
// (the last two columns without a memory limit; the last row, 64 MB,
// is now past the plain-text structure cap). The limit costs
// nothing until what is live comes near it; past it the runtime keeps
// the collector to half the processor time.
func tuneGC() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(400)
	runtime.SetFinalizer(new(gcWatch), watchHeap)
}

// smallHeap is the live heap past which tuneGC goes back to GOGC=100: a
// pamphlet stays under it (the seed article's PDF holds about 8 MB).
// Past it the heap may grow by headroom or by what is live, whichever
// is less, but never by less than half of what is live: GOGC=100 up to
// headroom, GOGC=50 from twice headroom, the same growth in between
// (a fixed step instead, at twice headroom, made the peaks of inputs
// near it differ by half). memoryLimit is the soft limit on all the
// memory the program takes: the worst inputs the reader's structure
// caps let in keep up to about 800 MB live.
const (
	smallHeap   = 16 << 20
	headroom    = 96 << 20
	memoryLimit = 1 << 30
)

// gcWatch is an object whose finalizer runs after a collection.
type gcWatch struct {
	_ *int
	_ [16]byte
}

// watchHeap runs after each collection and sets GOGC from the live heap
// (see smallHeap).
func watchHeap(*gcWatch) {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() == metrics.KindUint64 {
		if n := live[0].Value.Uint64(); n > smallHeap {
			debug.SetGCPercent(gcPercent(n))
		}
	}
	runtime.SetFinalizer(new(gcWatch), watchHeap)
}

// gcPercent is the GOGC for a live heap of n bytes past smallHeap.
func gcPercent(n uint64) int {
	return int(min(100, max(50, 100*headroom/n)))
}

// usageError marks errors in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env holds the process's streams so that run is testable.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	warnings       int
	// fetch is the run's one downloader, made on first use (see
	// fetcher), so that its total deadline covers every download.
	fetch *fetch.Fetcher
}

// fetcher gives the run's downloader, whose total deadline is that of
// one input times the run's inputs (0 counts as 1).
// PAMPHLET_FETCH_ALLOW_LOOPBACK=1 is a switch for tests that serve from
// this computer: it lets loopback addresses through (private networks
// stay refused).
func (e *env) fetcher(inputs int) (*fetch.Fetcher, bool) {
	loopback := os.Getenv("PAMPHLET_FETCH_ALLOW_LOOPBACK") == "1"
	if e.fetch == nil {
		total := fetch.DefaultTotal * time.Duration(max(1, inputs))
		e.fetch = fetch.New(fetch.Options{AllowLoopback: loopback, UserAgent: userAgent(), Total: total})
	}
	return e.fetch, loopback
}

// isURL reports whether an input names a web page rather than a file.
func isURL(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// loadURL reads the article at a web address: the page is fetched with
// the image downloader's rules (public addresses, a size cap, deadlines,
// checked redirects), read as HTML unless --from says otherwise, and its
// links and images resolved against the address, which the document
// keeps as its source.
func (e *env) loadURL(addr string, opt reader.Options) (*reader.Result, error) {
	f, _ := e.fetcher(1)
	src, err := f.Get(addr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", addr, err)
	}
	if opt.Format == reader.FormatAuto {
		opt.Format = reader.FormatHTML
	}
	opt.BaseURL = addr
	res, err := reader.Read(src, opt)
	if err != nil {
		if errors.Is(err, reader.ErrNoText) {
			return nil, fmt.Errorf("read %s: no text content (the page holds only markup)", addr)
		}
		return nil, fmt.Errorf("read %s: %w", addr, err)
	}
	if res.Doc.Source == "" {
		res.Doc.Source = addr
	}
	return res, nil
}

func (e *env) warn(name string, w reader.Warning) {
	e.warnings++
	fmt.Fprintf(e.stderr, "pamphlet: warning: %s: %s\n", name, w)
}

// run executes one command line and returns the exit code. Errors are
// classified here, once.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	strict, err := e.dispatch(args)
	var ue usageError
	switch {
	case err == nil:
		if strict && e.warnings > 0 {
			fmt.Fprintf(stderr, "pamphlet: %d warning(s) under --strict\n", e.warnings)
			return exitWarnings
		}
		return exitOK
	case errors.Is(err, pflag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "pamphlet: %s\nRun 'pamphlet help' for usage.\n", ue.msg)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "pamphlet: %s\n", oneLine(err.Error()))
		return exitFailure
	}
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (e *env) dispatch(args []string) (strict bool, err error) {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return false, usagef("no command given")
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 {
			return false, e.help(args[1])
		}
		fmt.Fprint(e.stdout, usage)
		return false, nil
	case "version", "--version":
		bi, _ := debug.ReadBuildInfo()
		fmt.Fprintln(e.stdout, versionLine(version, bi))
		return false, nil
	case "inspect":
		return e.inspect(args[1:])
	case "convert":
		return e.convert(args[1:])
	case "book":
		return e.book(args[1:])
	case "completion":
		return false, e.completion(args[1:])
	case "man":
		return false, e.manPage(args[1:])
	default:
		if strings.HasPrefix(args[0], "-") || looksLikeFile(args[0]) {
			return e.convert(args)
		}
		return false, unknownCommand(args[0])
	}
}

// help prints a command's help on stdout, as asked for.
func (e *env) help(cmd string) error {
	switch cmd {
	case "convert", "inspect", "book":
		h := *e
		h.stderr = e.stdout
		_, err := h.dispatch([]string{cmd, "--help"})
		return err
	case "help", "version":
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	return unknownCommand(cmd)
}

// versionLine says which pamphlet this is: the version set at build time
// with -ldflags, else the module's version from the build information,
// with the revision it was built from (and whether the tree was
// modified) when the build recorded it.
func versionLine(set string, bi *debug.BuildInfo) string {
	v := buildVersion(set, bi)
	var rev, when, modified string
	if bi != nil {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = ", modified"
				}
			}
		}
	}
	line := "pamphlet " + v
	if rev != "" {
		line += fmt.Sprintf(" (revision %s", rev)
		if when != "" {
			line += " of " + when
		}
		line += modified + ")"
	}
	if bi != nil && bi.GoVersion != "" {
		line += ", built with " + bi.GoVersion
	}
	return line
}

// buildVersion is the version set at build time with -ldflags, else the
// module's version from the build information.
func buildVersion(set string, bi *debug.BuildInfo) string {
	if set == "dev" && bi != nil && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return set
}

// userAgent names pamphlet and its version to the servers it fetches
// from.
func userAgent() string {
	bi, _ := debug.ReadBuildInfo()
	return "pamphlet/" + buildVersion(version, bi) + " (article converter; fetches an article's images at its reader's request)"
}

// looksLikeFile reports whether a bare first argument names an input
// rather than a mistyped command.
func looksLikeFile(arg string) bool {
	if arg == "-" || strings.ContainsAny(arg, "./\\") {
		return true
	}
	_, err := os.Stat(arg)
	return err == nil
}

// readFlags are the flags shared by every command that reads articles.
type readFlags struct {
	from, lang  string
	strict      bool
	fetchImages bool
	// inputs is how many inputs the run reads (convert's files, a
	// book's articles): its one downloader has the time of one input
	// for each; 0 counts as 1.
	inputs int
}

func (r *readFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&r.from, "from", "", "input format: text, markdown or html (default: detect)")
	fs.StringVar(&r.lang, "lang", "", "document language, e.g. en, fr, pt-br (default: detect)")
	fs.BoolVar(&r.strict, "strict", false, "exit with code 3 when there were warnings")
	fs.BoolVar(&r.fetchImages, "fetch-images", false, "download remote images (http or https, public addresses only; 16 MB and 20 s each, 60 s per input in all)")
}

func (r *readFlags) options(name string, e *env) (reader.Options, error) {
	opt := reader.Options{Name: name, Lang: r.lang, Warn: func(w reader.Warning) { e.warn(name, w) }}
	switch strings.ToLower(r.from) {
	case "":
	case "text", "txt", "plain":
		opt.Format = reader.FormatText
	case "markdown", "md":
		opt.Format = reader.FormatMarkdown
	case "html", "htm":
		opt.Format = reader.FormatHTML
	default:
		return opt, usagef("--from %q: want text, markdown or html", r.from)
	}
	if r.fetchImages || isURL(name) {
		// An article given by its address has its images fetched too.
		f, loopback := e.fetcher(r.inputs)
		opt.Fetch = f.Get
		opt.FetchLoopback = loopback
	}
	if r.lang != "" && !model.ValidLang(strings.ToLower(r.lang)) {
		return opt, usagef("--lang %q: want a language tag such as en, fr or pt-br", r.lang)
	}
	return opt, nil
}

// load reads and parses one input ("-" is stdin).
func (e *env) load(name string, rf *readFlags) (*reader.Result, error) {
	opt, err := rf.options(name, e)
	if err != nil {
		return nil, err
	}
	if isURL(name) {
		return e.loadURL(name, opt)
	}
	src, err := e.readInput(name)
	if err != nil {
		return nil, err
	}
	// Images load from the input's folder (the current one for stdin) and
	// never from outside it: os.Root refuses "..", absolute paths and
	// symbolic links that leave it.
	dir := "."
	if name != "-" {
		dir = filepath.Dir(name)
	}
	if root, err := os.OpenRoot(dir); err == nil {
		defer root.Close()
		opt.Images = infile.FS(root)
	}
	res, err := reader.Read(src, opt)
	if err != nil {
		if errors.Is(err, reader.ErrNoText) {
			return nil, fmt.Errorf("read %s: no text content (the file is empty or holds only whitespace or markup)", name)
		}
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return res, nil
}

func (e *env) readInput(name string) ([]byte, error) {
	var r io.Reader
	size := int64(0) // the file's size, when known
	if name == "-" {
		r = e.stdin
	} else {
		st, err := os.Stat(name)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("read %s: no such file", name)
		case err != nil:
			return nil, fmt.Errorf("read %s: %w", name, unwrapPath(err))
		case st.IsDir():
			return nil, fmt.Errorf("read %s: is a folder, not a file (give the article files inside it)", name)
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, unwrapPath(err))
		}
		defer f.Close()
		r, size = f, st.Size()
	}
	// Read into a buffer of the file's size: io.ReadAll would grow its
	// buffer by copies, twice the text's size in garbage.
	buf := bytes.NewBuffer(make([]byte, 0, min(size, maxInput+1)+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, maxInput+1))
	src := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, unwrapPath(err))
	}
	if len(src) > maxInput {
		return nil, fmt.Errorf("read %s: larger than %d MB; split the article", name, maxInput>>20)
	}
	return src, nil
}

// unwrapPath drops the path from *os.PathError, since messages name the
// input themselves.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// inspectFlagSet makes inspect's flags.
func inspectFlagSet(rf *readFlags, asJSON *bool) *pflag.FlagSet {
	fs := pflag.NewFlagSet("inspect", pflag.ContinueOnError)
	rf.register(fs)
	fs.BoolVar(asJSON, "json", false, "print the document as JSON (a stable interface)")
	return fs
}

func (e *env) inspect(args []string) (bool, error) {
	var rf readFlags
	asJSON := new(bool)
	fs := inspectFlagSet(&rf, asJSON)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, "Usage: pamphlet inspect [--json] [flags] FILE|-\n\nShow the document the reader recovered, with its repairs.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return false, flagErr(err, fs)
	}
	if fs.NArg() != 1 {
		return false, usagef("inspect takes one input file (or - for stdin), got %d", fs.NArg())
	}
	res, err := e.load(fs.Arg(0), &rf)
	if err != nil {
		return rf.strict, err
	}
	if *asJSON {
		return rf.strict, res.WriteJSON(e.stdout)
	}
	if err := model.Dump(e.stdout, res.Doc); err != nil {
		return rf.strict, err
	}
	if len(res.Conventions) > 0 {
		fmt.Fprintln(e.stdout, "--- conventions")
		for _, c := range res.Conventions {
			fmt.Fprintf(e.stdout, "%s: %s\n", c.Name, c.Evidence)
		}
	}
	if len(res.Repairs) > 0 {
		fmt.Fprintln(e.stdout, "--- repairs")
		for _, r := range res.Repairs {
			fmt.Fprintf(e.stdout, "line %d: %s: %s\n", r.Line, r.Kind, r.Detail)
		}
	}
	return rf.strict, nil
}

// convertFlags are the flags of convert.
type convertFlags struct {
	readFlags
	out, outDir string
	to          []string
	force       bool
	meta        metaFlags
	epub        epubFlags
	pdf         pdfFlags
	// toc puts a contents page in both formats (a book has one always).
	toc bool
}

// metaFlags are the metadata given on the command line, over the input's.
type metaFlags struct {
	pairs, authors []string
	title, date    string
	// m is what they say, once checked.
	m model.Metadata
}

// register adds --metadata and, unless the command has its own,
// --title, --author and --date.
func (mf *metaFlags) register(fs *pflag.FlagSet, short bool) {
	fs.StringArrayVarP(&mf.pairs, "metadata", "M", nil, "set `KEY=VALUE` metadata ("+strings.Join(model.MetadataKeys, ", ")+"; repeat author for several), over the input's")
	if short {
		fs.StringVar(&mf.title, "title", "", "the title, over the input's")
		fs.StringArrayVar(&mf.authors, "author", nil, "`NAME` of an author, over the input's (repeat for several)")
		fs.StringVar(&mf.date, "date", "", "the date, YYYY-MM-DD or YYYY, over the input's")
	}
}

// check reads the metadata flags: --title, --author and --date first,
// then --metadata in order, so that its pairs win.
func (mf *metaFlags) check() error {
	var pairs []string
	if mf.title != "" {
		pairs = append(pairs, "title="+mf.title)
	}
	for _, a := range mf.authors {
		pairs = append(pairs, "author="+a)
	}
	if mf.date != "" {
		pairs = append(pairs, "date="+mf.date)
	}
	for _, p := range append(pairs, mf.pairs...) {
		if err := mf.m.Set(p); err != nil {
			return usagef("--metadata %v", err)
		}
	}
	return nil
}

// convertFlagSet makes convert's flags.
func convertFlagSet(cf *convertFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("convert", pflag.ContinueOnError)
	cf.register(fs)
	fs.StringVarP(&cf.out, "output", "o", "", "output file (.epub or .pdf), or - for stdout; one input only")
	fs.StringVar(&cf.outDir, "out-dir", "", "folder for outputs named after each input (default: beside the input)")
	fs.StringSliceVar(&cf.to, "to", nil, "formats to write: epub, pdf (default: both, or the -o extension)")
	cf.registerForce(fs)
	cf.meta.register(fs, true)
	cf.epub.register(fs)
	cf.pdf.register(fs)
	fs.BoolVar(&cf.toc, "toc", false, "put a contents page (the title and the sections, with their pages in the PDF) before the article")
	return fs
}

func (e *env) convert(args []string) (bool, error) {
	var cf convertFlags
	fs := convertFlagSet(&cf)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, "Usage: pamphlet convert [flags] FILE...\n\nWrite an EPUB and a typeset PDF of each article.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return false, flagErr(err, fs)
	}
	if fs.NArg() == 0 {
		return false, usagef("convert needs at least one input file (or - for stdin)")
	}
	if cf.out != "" && fs.NArg() > 1 {
		return false, usagef("-o names one output, but %d inputs were given; use --out-dir", fs.NArg())
	}
	formats, err := cf.formats()
	if err != nil {
		return false, err
	}
	if err := cf.meta.check(); err != nil {
		return false, err
	}
	if err := cf.epub.check(); err != nil {
		return false, err
	}
	cf.pdf.print.paperSet = fs.Changed("paper")
	if err := cf.pdf.check(e); err != nil {
		return false, err
	}
	cf.epub.contents, cf.pdf.opt.Contents = cf.toc, cf.toc
	cf.inputs = fs.NArg()
	for _, in := range fs.Args() {
		if err := e.convertOne(in, formats, &cf); err != nil {
			return cf.strict, err
		}
	}
	return cf.strict, nil
}

func (cf *convertFlags) registerForce(fs *pflag.FlagSet) {
	fs.BoolVar(&cf.force, "force", false, "replace outputs that are read-only (their mode is kept)")
}

// convertOne reads one input and writes each format. Every output path is
// checked before anything is read, and the files are put in place only
// when every format was written: a failure leaves none behind.
func (e *env) convertOne(in string, formats []string, cf *convertFlags) (err error) {
	// A web page is named after its title, known once it is read.
	var res *reader.Result
	if isURL(in) && cf.out == "" {
		if res, err = e.load(in, &cf.readFlags); err != nil {
			return err
		}
	}
	paths := map[string]string{}
	for _, f := range formats {
		p, err := outputPath(in, f, cf, res)
		if err != nil {
			return err
		}
		if p == "-" {
			if f, ok := e.stdout.(*os.File); ok && output.IsTerminal(f) {
				return output.ErrTerminal
			}
		} else if in != "-" && output.SameFile(p, in) {
			return fmt.Errorf("write %s: the output would overwrite the input; choose another -o or --out-dir", p)
		} else if err := output.Check(p, cf.force); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
		paths[f] = p
	}
	if res == nil {
		if res, err = e.load(in, &cf.readFlags); err != nil {
			return err
		}
	}
	cf.meta.m.Apply(res.Doc)
	cf.pdf.opt.ShowSource = isURL(in)
	cf.epub.warn = func(msg string) { e.warn(in, reader.Warning{Message: "epub: " + msg}) }
	cf.pdf.warn = func(msg string) { e.warn(in, reader.Warning{Message: msg}) }
	cf.pdf.out = paths["pdf"]
	cf.pdf.notice = func(msg string) {
		for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
			fmt.Fprintf(e.stderr, "pamphlet: %s: %s\n", paths["pdf"], line)
		}
	}
	var outputs output.Batch
	defer func() {
		// Names made up for stdin and web pages are said, since none
		// was given.
		if wrote := outputs.Finish(&err); (in == "-" || isURL(in)) && cf.out == "" && len(wrote) > 0 {
			fmt.Fprintf(e.stderr, "pamphlet: wrote %s (name the output with -o)\n", strings.Join(wrote, " and "))
		}
	}()
	for n, f := range formats {
		last := n == len(formats)-1
		write := func(w io.Writer) error {
			doc := res.Doc
			if last {
				// The last writer alone holds the document, so that it
				// can go once laid out: a long text's PDF is finished
				// without it.
				res.Doc = nil
			}
			switch f {
			case "epub":
				return cf.epub.write(w, doc)
			case "pdf":
				return cf.pdf.write(w, doc, last)
			default:
				return fmt.Errorf("unknown format %q", f)
			}
		}
		p := paths[f]
		if p == "-" {
			if err := write(e.stdout); err != nil {
				return fmt.Errorf("export %s of %s: %w", f, in, err)
			}
			continue
		}
		if err := outputs.Prepare(p, write); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	return nil
}

// outputPath names the output of format f for input in: -o when given,
// else the input's base name with the format's extension, in --out-dir or
// beside the input (the current folder for stdin).
func outputPath(in, f string, cf *convertFlags, res *reader.Result) (string, error) {
	if cf.out != "" {
		return cf.out, nil
	}
	base := "stdin"
	dir := "."
	switch {
	case isURL(in):
		// A page goes to the current folder, named after its title.
		base = fileName(res.Doc.Title, in)
	case in != "-":
		base = strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		dir = filepath.Dir(in)
	}
	if cf.outDir != "" {
		dir = cf.outDir
	}
	return filepath.Join(dir, base+"."+f), nil
}

// epubFlags are the flags of EPUB export.
type epubFlags struct {
	embedFonts bool
	cover      string
	noCover    bool
	css        string
	// contents puts the contents in the reading order (convert --toc).
	contents bool
	// Set by check: the cover's and the style sheet's bytes and the time
	// to stamp the book with.
	coverData, cssData []byte
	modified           time.Time
	// warn reports an export warning about the input being converted.
	warn func(string)
}

func (ef *epubFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&ef.embedFonts, "embed-fonts", false, "carry the text fonts (with their licence) inside the EPUB")
	fs.StringVar(&ef.cover, "cover", "", "use `IMAGE` (PNG, JPEG or GIF) as the EPUB cover instead of a generated one")
	fs.BoolVar(&ef.noCover, "no-cover", false, "write the EPUB without a cover")
	fs.StringVar(&ef.css, "css", "", "add the style sheet `FILE` to the EPUB, after pamphlet's, so that its rules win")
}

// check validates the flags and reads what they name, before any input is
// converted.
func (ef *epubFlags) check() error {
	if ef.cover != "" && ef.noCover {
		return usagef("--cover and --no-cover exclude each other")
	}
	t, err := export.SourceDate(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	ef.modified = t
	if ef.css != "" {
		if ef.cssData, err = readOption("css", ef.css, "a style sheet"); err != nil {
			return err
		}
		if err := export.CheckCSS(ef.cssData); err != nil {
			return fmt.Errorf("css %s: %w", ef.css, err)
		}
	}
	if ef.cover == "" {
		return nil
	}
	data, err := readOption("cover", ef.cover, "an image")
	if err != nil {
		return err
	}
	// Refused early from its header, checked whole when the EPUB is written.
	if _, err := export.CheckImageHeader(data); err != nil {
		return fmt.Errorf("cover %s: %w", ef.cover, err)
	}
	ef.coverData = data
	return nil
}

// readOption reads the file an option names (--cover, --css), up to
// maxInput; what says what the file should be, for the message about a
// folder.
func readOption(option, name, what string) ([]byte, error) {
	st, err := os.Stat(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%s %s: no such file", option, name)
	case err != nil:
		return nil, fmt.Errorf("%s %s: %w", option, name, unwrapPath(err))
	case st.IsDir():
		return nil, fmt.Errorf("%s %s: is a folder, not %s", option, name, what)
	case st.Size() > maxInput:
		return nil, fmt.Errorf("%s %s: larger than %d MB", option, name, maxInput>>20)
	}
	f, err := infile.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", option, name, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInput))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", option, name, unwrapPath(err))
	}
	return data, nil
}

func (ef *epubFlags) write(w io.Writer, doc *model.Document) error {
	return export.EPUB(w, doc, export.EPUBOptions{
		Modified:   ef.modified,
		EmbedFonts: ef.embedFonts,
		Cover:      ef.coverData,
		CoverName:  ef.cover,
		NoCover:    ef.noCover,
		Contents:   ef.contents,
		CSS:        ef.cssData,
		CSSName:    ef.css,
		Warn:       ef.warn,
	})
}

// pdfFlags are the flags of PDF export.
type pdfFlags struct {
	paper, links, margins string
	fontSize              float64
	columns               int
	opt                   layout.Options
	print                 printFlags
	// date is the time SOURCE_DATE_EPOCH sets (zero: the document's date).
	date time.Time
	// warn reports layout warnings against the input being converted;
	// notice prints what --verbose asks for.
	warn, notice func(msg string)
	// fontDir and fontFamily choose the text family (--font,
	// --font-family).
	fontDir, fontFamily string
	// out is the output's path: a long text's painted pages wait in a
	// scratch file beside it.
	out string
}

func (pf *pdfFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&pf.paper, "paper", "a5", "PDF paper: a5, a4, letter, half-letter or WIDTHxHEIGHTmm (with --booklet: the sheet, default a4)")
	fs.Float64Var(&pf.fontSize, "font-size", 10, "PDF body text size in points")
	fs.StringVar(&pf.links, "links", "notes", "PDF links: notes (numbered, listed at the end), inline (URL after the text) or none")
	fs.StringVar(&pf.margins, "margins", "", "PDF margins in mm as INNER,OUTER,TOP,BOTTOM (default: scaled to the paper)")
	fs.IntVar(&pf.columns, "columns", 1, "PDF text columns: 1 or 2")
	fs.StringVar(&pf.fontDir, "font", "", "set the PDF's text in the TrueType family whose files are in the folder `DIR` (with its licence)")
	fs.StringVar(&pf.fontFamily, "font-family", "", "the `NAME` of the family to use among several in the --font folder")
	pf.print.register(fs)
}

// check validates the flags and loads the text family they name;
// warnings about the family go through e.
func (pf *pdfFlags) check(e *env) error {
	paper, err := layout.ParsePaper(pf.paper)
	if err != nil {
		return usagef("--paper: %v", err)
	}
	if paper, err = pf.print.check(paper); err != nil {
		return err
	}
	if pf.date, err = export.SourceDate(os.Getenv("SOURCE_DATE_EPOCH")); err != nil {
		return err
	}
	links, err := layout.ParseLinkMode(pf.links)
	if err != nil {
		return usagef("--links: %v", err)
	}
	pf.opt = layout.Options{Paper: paper, FontSize: layout.Pt(pf.fontSize), Links: links, Columns: pf.columns}
	if pf.margins != "" {
		if pf.opt.Margins, err = layout.ParseMargins(pf.margins); err != nil {
			return usagef("--margins %v", err)
		}
	}
	if err := pf.opt.Check(); err != nil {
		return usageError{err.Error()}
	}
	pf.opt.Family, err = pf.family(e)
	return err
}

// family loads the text family --font and --font-family name (nil: the
// embedded Charis SIL). Only the folder --font names is searched, never
// the system's font folders, so that a command gives the same PDF on
// every machine.
func (pf *pdfFlags) family(e *env) (*fonts.Family, error) {
	if pf.fontDir == "" {
		if pf.fontFamily != "" {
			return nil, usagef("--font-family %q needs --font DIR, the folder that holds the family's TrueType files", pf.fontFamily)
		}
		return nil, nil
	}
	st, err := os.Stat(pf.fontDir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("font %s: no such folder", pf.fontDir)
	case err != nil:
		return nil, fmt.Errorf("font %s: %w", pf.fontDir, unwrapPath(err))
	case !st.IsDir():
		return nil, fmt.Errorf("font %s: not a folder; name the folder that holds the family's TrueType files", pf.fontDir)
	}
	fam, err := fonts.LoadFamily(os.DirFS(pf.fontDir), pf.fontFamily, func(msg string) {
		e.warn(pf.fontDir, reader.Warning{Message: msg})
	})
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", pf.fontDir, err)
	}
	return fam, nil
}

// packFrom is the length of text, in bytes, from which an article is laid
// out packed (layout.Options.Pack): below it the pages take a few
// megabytes, and packing them would cost a tenth of the time to save
// memory that does not matter.
const packFrom = 1 << 20

// longText reports whether doc holds at least packFrom bytes of text.
func longText(doc *model.Document) bool {
	n := 0
	errLong := errors.New("long")
	err := model.Walk(doc.Blocks, func(nd model.Node) error {
		switch t := nd.(type) {
		case *model.Text:
			n += len(t.Text)
		case *model.Code:
			n += len(t.Text)
		}
		if n >= packFrom {
			return errLong
		}
		return nil
	})
	return err == errLong
}

// pagesAside makes the scratch file beside output path where pages wait
// outside memory until the PDF is written (output.Scratch).
func pagesAside(path string) (*os.File, func(), error) {
	f, done, err := output.Scratch(path)
	if err != nil {
		return nil, nil, fmt.Errorf("keep the pages aside: %w", err)
	}
	return f, done, nil
}

// write lays out doc and writes its PDF to w. When last, nothing reads
// doc afterwards, and its blocks go as they are set.
func (pf *pdfFlags) write(w io.Writer, doc *model.Document, last bool) error {
	opt := pf.opt
	opt.Pack = longText(doc)
	opt.Release = last
	if pf.warn != nil {
		opt.Warn = func(w layout.Warning) { pf.warn("pdf: " + w.String()) }
	}
	book, err := layout.Layout(doc, opt)
	if err != nil {
		return err
	}
	// Nothing reads a page once it is painted: a long article holds its
	// pages only until then, and the pages painted wait, compressed, in
	// a file beside the output.
	popt := export.PDFOptions{Date: pf.date, ReleasePages: true}
	if opt.Pack {
		streams, done, err := pagesAside(pf.out)
		if err != nil {
			return err
		}
		defer done()
		popt.Spill = streams
	}
	return pf.paint(w, book, popt)
}

// formats returns the output formats asked for, in a fixed order.
func (cf *convertFlags) formats() ([]string, error) {
	want := map[string]bool{}
	for _, f := range cf.to {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "epub" && f != "pdf" {
			return nil, usagef("--to %q: want epub, pdf or both", f)
		}
		want[f] = true
	}
	if cf.out != "" && cf.out != "-" {
		switch ext := strings.ToLower(filepath.Ext(cf.out)); ext {
		case ".epub", ".pdf":
			if len(want) > 0 && !want[ext[1:]] {
				return nil, usagef("-o %s does not match --to %s", cf.out, strings.Join(cf.to, ","))
			}
			want = map[string]bool{ext[1:]: true}
		default:
			if len(want) != 1 {
				return nil, usagef("-o %s: name a .epub or .pdf file, or give --to", cf.out)
			}
		}
	}
	if cf.out == "-" && len(want) != 1 {
		return nil, usagef("-o - writes one format to stdout; give --to epub or --to pdf")
	}
	if len(want) == 0 {
		want = map[string]bool{"epub": true, "pdf": true}
	}
	var out []string
	for _, f := range []string{"epub", "pdf"} {
		if want[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

// fileName makes a file name (without extension) of a web page's title:
// lowercase letters and digits joined by hyphens, at most 60 bytes; the
// last part of the address when the title gives nothing.
func fileName(title, addr string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			if b.Len()+utf8.RuneLen(r) > 60 {
				return strings.TrimRight(b.String(), "-")
			}
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	if b.Len() > 0 {
		return b.String()
	}
	if u, err := url.Parse(addr); err == nil {
		if base := path.Base(strings.TrimSuffix(u.Path, "/")); base != "." && base != "/" && base != "" {
			return fileName(strings.TrimSuffix(base, path.Ext(base)), "")
		}
		if u.Hostname() != "" {
			return fileName(u.Hostname(), "")
		}
	}
	return "article"
}
