// Package reader turns article bytes — messy plain text, Markdown or HTML —
// into a model.Document. Every cleanup heuristic of pamphlet lives here:
// reflowing broken paragraphs, finding the title, byline and date, and the
// typography pass (quotes, dashes, ellipses) applied after every reader.
//
// Readers are total: any byte sequence that holds text gives a document,
// with warnings for what looked wrong. Errors are kept for input with no
// text at all, binary data and unknown formats.
package reader

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"pamphlet/model"
)

// Format names an input format.
type Format string

// The input formats pamphlet reads.
const (
	FormatAuto     Format = ""
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
)

// Options controls a read. The zero value detects the format and the
// language and discards warnings.
type Options struct {
	// Name is the input's name for messages (a path, or "-" for stdin).
	Name string
	// Format forces an input format; FormatAuto detects it from Name's
	// extension and from the content.
	Format Format
	// Lang forces the document language (a BCP 47 tag such as "fr"); ""
	// detects it from the body (DetectLang), falling back to en with a
	// warning when the evidence is weak.
	Lang string
	// Warn receives each warning as it is found; nil discards them.
	Warn func(Warning)
	// Images is the input's folder, from which images with a relative
	// path are loaded (Markdown and HTML). A path that leaves this folder
	// is refused with a warning. nil loads no local image: figures keep
	// their path and alt text.
	Images fs.FS
	// BaseURL is the address the input was published at (http or https).
	// Relative links and image paths are resolved against it; "" keeps
	// relative links as written, unless an HTML page names its own
	// address (<base>, canonical link, og:url).
	BaseURL string
	// Fetch downloads a remote image (an http or https URL) and returns
	// its bytes. nil means remote images are never fetched: figures keep
	// their URL and alt text. The reader never asks for an address that
	// is not public (package netaddr), nor for loopback unless
	// FetchLoopback is set. Fetch may be called from several goroutines
	// at once: the images of one input download together.
	Fetch func(url string) ([]byte, error)
	// FetchLoopback lets images on this computer's loopback addresses
	// through to Fetch, for tests that serve them locally; private
	// networks stay refused.
	FetchLoopback bool
	// MaxImageBytes caps the size of one image in bytes; 0 means
	// DefaultMaxImageBytes.
	MaxImageBytes int64
}

// Warning is something the reader repaired or could not repair but that
// did not stop it.
type Warning struct {
	Line    int // 1-based line in the input, 0 when not known
	Message string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, w.Message)
	}
	return w.Message
}

// Repair is one change the reader made to the text, for the audit trail of
// `pamphlet inspect`.
type Repair struct {
	// Line is the 1-based input line where the change applies (0 when it
	// concerns the whole input).
	Line int `json:"line"`
	// Kind names the change. The text reader records: "title",
	// "subtitle", "byline", "date", "publication", "signature" (header
	// and sign-off read as metadata); "kicker" (a label above the title
	// kept in the body); "recase" (capitals shown in a readable case);
	// "page-furniture" (a page number or running head between pages
	// dropped), "reference" (a numbered link's target read from the list
	// that ends a text browser's dump);
	// "heading", "list", "quote", "verse", "code", "layout" (blocks
	// recognised; "layout" also for tables; "dialogue" for turns opened
	// by a dash); "join-paragraph",
	// "split-paragraph", "unwrap-lines", "join-lines", "keep-lines",
	// "rejoin-hyphenation", "keep-hyphen" (each saying why),
	// "indent-paragraphs" (paragraphs marked by a deep first-line
	// indent), "trailing-space" (line and paragraph repairs);
	// "front-matter", "gutenberg" (a Project Gutenberg header read as
	// metadata, its licence dropped), "imprint" (a title page's
	// publisher kept as a laid-out block); "link", "dead-link" (links); and, after every
	// reader, "smart-quotes", "dash", "ellipsis", "nbsp" (typography,
	// counted per block).
	Kind string `json:"kind"`
	// Detail says what was changed, quoting the text involved.
	Detail string `json:"detail"`
}

// Result is a read document with its audit trail.
type Result struct {
	Doc     *model.Document
	Repairs []Repair
	// Format is the format the input was read as.
	Format Format
	// Conventions are the habits of the text's source that the
	// plain-text reader found before reading it (a margin, page breaks,
	// numbered references); empty for Markdown and HTML.
	Conventions []Convention

	// lines maps blocks to the input line they start on, so that passes
	// after the reader (typography) can say where they changed something;
	// finish drops it once they have.
	lines *blockLines
}

// ErrNoText means the input holds no text content (empty, only whitespace,
// or markup without words).
var ErrNoText = errors.New("no text content")

// ErrBinary means the input looks like binary data (an image, an archive,
// an executable), not an article.
var ErrBinary = errors.New("binary data, not text")

// Read decodes src, picks the reader for its format and returns the
// normalised, validated document. Errors wrap ErrNoText or ErrBinary when
// those apply.
func Read(src []byte, opt Options) (*Result, error) {
	text, err := decode(htmlTranscode(src, opt), opt)
	if err != nil {
		return nil, err
	}
	format := opt.Format
	if format == FormatAuto {
		format = Detect(opt.Name, text)
	}
	if err := checkStructure(text, format); err != nil {
		return nil, err
	}
	if format != FormatText {
		// Only the text reader reads pages: elsewhere a form feed
		// separates lines.
		text = strings.ReplaceAll(text, "\f", "\n")
	}
	var res *Result
	switch format {
	case FormatText:
		res, err = readText(text, opt)
	case FormatMarkdown:
		res, err = readMarkdown(text, opt)
	case FormatHTML:
		res, err = readHTML(text, opt)
	default:
		return nil, fmt.Errorf("unknown input format %q (want text, markdown or html)", format)
	}
	if err != nil {
		return nil, err
	}
	res.Format = format
	finish(res, text, opt)
	if len(res.Doc.Blocks) == 0 && res.Doc.Title == "" {
		return nil, ErrNoText
	}
	if err := model.Validate(res.Doc); err != nil {
		// A reader bug, not bad input: say so plainly.
		return nil, fmt.Errorf("internal error: reader produced an invalid document: %w", err)
	}
	return res, nil
}

// Detect guesses the format of text from the input name's extension, then
// from its content.
func Detect(name string, text string) Format {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".md"), strings.HasSuffix(lower, ".markdown"), strings.HasSuffix(lower, ".mdown"):
		return FormatMarkdown
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), strings.HasSuffix(lower, ".xhtml"):
		return FormatHTML
	case strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".text"):
		return FormatText
	}
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 1024)]))
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		(strings.HasPrefix(head, "<") && (strings.Contains(head, "<body") || strings.Contains(head, "<p>") || strings.Contains(head, "<article"))) {
		return FormatHTML
	}
	if looksLikeMarkdown(text) {
		return FormatMarkdown
	}
	return FormatText
}

// finish applies the steps every reader shares: language, normalisation,
// then typography (which needs whitespace already collapsed, to see
// " - " between words).
func finish(res *Result, text string, opt Options) {
	doc := res.Doc
	if opt.Lang != "" {
		doc.Lang = strings.ToLower(opt.Lang)
	} else if doc.Lang == "" {
		doc.Lang = opt.detectLang(bodyText(doc), 0)
	}
	model.Normalize(doc)
	typography(res)
	// The block lines served the repairs above: a long text's are not
	// kept beside the document while it is written out.
	res.lines = nil
	// The audit trail reads in input order; repairs of the whole input
	// (line 0) come first.
	slices.SortStableFunc(res.Repairs, func(a, b Repair) int { return a.Line - b.Line })
}

// detectLang detects the language of body, the document's text without
// its markup and metadata, and warns when the evidence is too weak to
// leave English. line is where the body starts (0 when unknown).
func (opt Options) detectLang(body string, line int) string {
	g := detectLang(body)
	if !g.sure {
		if g.guess != "" && g.guess != "en" {
			opt.warn(line, "language unclear (perhaps %q, confidence %.2f): English assumed; give the language if it is not English", g.guess, g.confidence)
		} else {
			opt.warn(line, "language unclear (too little text to tell): English assumed; give the language if it is not English")
		}
	}
	return g.lang
}

// bodyText is the prose of doc's headings, paragraphs, quotations and
// lists, one block a line, up to about a megabyte (the language detector
// samples it): code, link targets and metadata are left out.
func bodyText(doc *model.Document) string {
	var b strings.Builder
	_ = model.Walk(doc.Blocks, func(n model.Node) error {
		if b.Len() > 1<<20 {
			return errors.New("enough")
		}
		switch n := n.(type) {
		case *model.Code:
			return model.SkipChildren
		case *model.Text:
			b.WriteString(n.Text)
		case *model.Heading, *model.Paragraph:
			b.WriteByte('\n')
		case *model.LineBreak:
			b.WriteByte(' ')
		}
		return nil
	})
	return b.String()
}

// warn sends a warning to opt.Warn when set.
func (opt Options) warn(line int, format string, args ...any) {
	if opt.Warn != nil {
		opt.Warn(Warning{Line: line, Message: fmt.Sprintf(format, args...)})
	}
}
