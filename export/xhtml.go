package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"io"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/bidi"

	"pamphlet/highlight"
	"pamphlet/locale"
	"pamphlet/model"
)

// Paths inside the EPUB folder of the container. go-epub fixes the folder
// names; the file names are ours.
const (
	xhtmlDir = "xhtml/"
	imageDir = "images/"
	fontDir  = "fonts/"
	cssDir   = "css/"
	cssFile  = cssDir + "pamphlet.css"
	// userCSSFile is the reader's own style sheet (EPUBOptions.CSS),
	// linked after cssFile so that its rules win.
	userCSSFile   = cssDir + "user.css"
	navFile       = "nav.xhtml"
	ncxFile       = "toc.ncx"
	coverFile     = "cover.xhtml"
	titlePageFile = "titlepage.xhtml"
	// fromXHTML leads from a document in xhtmlDir back to the EPUB folder.
	fromXHTML = "../"
)

// chapter is one article of a book, rendered as its own XHTML file. A
// single-article book has one chapter; an anthology has one per article.
type chapter struct {
	doc *model.Document
	// file is the XHTML file name inside xhtmlDir, such as "text.xhtml".
	file string
	// title names the article in the navigation and the document title:
	// its title, or a fallback when it has none.
	title string
	// front prints the article's subtitle, byline and date under its title.
	// A single-article book shows them on its title page instead.
	front bool
	// preface marks an anthology's preface, which is front matter.
	preface bool
	// article is the 1-based index of an anthology's article in
	// Book.Articles; 0 for a single article and a preface.
	article int
}

// rendered is what the package document, the navigation and the
// container need to know about a chapter, found by outlining it
// (outlineChapter) before any of the book is written; its XHTML is made
// only as the container is written (writeBody).
type rendered struct {
	ch *chapter
	// lang is the chapter's language.
	lang string
	// toc lists the chapter's section headings in order.
	toc []tocEntry
	// images are the figure images the chapter shows.
	images []resource
	// shown is, for each figure in order, its image as the book holds it,
	// or nil where its text stands instead.
	shown []*resource
	// figures counts all figures; described counts those whose image has
	// a text alternative (alt text or a caption).
	figures, described int
	// highlighted is set when the chapter has highlighted code, whose
	// classes the stylesheet then defines.
	highlighted bool
}

// tocEntry is one section heading of a chapter.
type tocEntry struct {
	level int    // model heading level, 1..6
	id    string // fragment identifier of the heading in the chapter file
	text  string // the heading as plain text
}

// resource is a file of the publication other than an XHTML document.
type resource struct {
	name      string // path inside the EPUB folder, such as "images/fig001.png"
	mediaType string
	data      []byte
}

// rtlLangs are the primary language subtags written right to left.
var rtlLangs = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true}

// direction returns "rtl" for right-to-left languages, else "" (the
// default, left to right).
func direction(lang string) string {
	primary, _, _ := strings.Cut(lang, "-")
	if rtlLangs[primary] {
		return "rtl"
	}
	return ""
}

// renderer turns one chapter's model into XHTML. It runs twice over a
// chapter: outlining, it finds the headings and the figures' images,
// warns, and writes the XHTML nowhere; writing, it writes the XHTML to
// the container, taking the figures' images from the outline.
type renderer struct {
	b   *xmlBuf
	loc *locale.Words
	// base resolves relative link targets (the article's source URL); nil
	// when the article has none.
	base *url.URL
	// outline is set for the first run; nextFigure numbers image files
	// across the whole book while outlining.
	outline    bool
	nextFigure *int
	warn       func(string)
	out        *rendered
	sections   int
	// written counts the figures written, to find each in out.shown.
	written int
	// rtl is set when the chapter's language is written right to left.
	rtl bool
}

// autoDir returns "auto" for a block whose first strong character runs
// against the document's direction (an Arabic paragraph in an English
// article, or the reverse), so that reading systems set it in its own
// direction, as the PDF does; else "" (no attribute).
func autoDir(text string, rtl bool) string {
	textRTL, found := strongDir(text)
	if found && textRTL != rtl {
		return "auto"
	}
	return ""
}

// autoDirOf is autoDir of the plain text of in (model.Plain), found
// without making that text.
func autoDirOf(in []model.Inline, rtl bool) string {
	textRTL, found := inlineDir(in)
	if found && textRTL != rtl {
		return "auto"
	}
	return ""
}

// strongDir reports whether text's first strong character, if found, is
// right to left.
func strongDir(text string) (rtl, found bool) {
	for _, c := range text {
		p, _ := bidi.LookupRune(c)
		switch p.Class() {
		case bidi.L:
			return false, true
		case bidi.R, bidi.AL:
			return true, true
		}
	}
	return false, false
}

// inlineDir is strongDir of the text of in, in order: what model.Plain
// adds (a line end for a line break) has no direction.
func inlineDir(in []model.Inline) (rtl, found bool) {
	for _, n := range in {
		switch n := n.(type) {
		case *model.Text:
			rtl, found = strongDir(n.Text)
		case *model.CodeSpan:
			rtl, found = strongDir(n.Text)
		case *model.Emph:
			rtl, found = inlineDir(n.Content)
		case *model.Strong:
			rtl, found = inlineDir(n.Content)
		case *model.Link:
			rtl, found = inlineDir(n.Content)
		}
		if found {
			return rtl, true
		}
	}
	return false, false
}

// outlineChapter runs the renderer over ch without keeping its XHTML:
// it numbers the chapter's figures from *nextFigure on, checks their
// images, collects its headings and gives every warning the chapter's
// XHTML has.
func outlineChapter(ch *chapter, lang string, nextFigure *int, warn func(string), buf *xmlBuf) (*rendered, error) {
	r := newRenderer(&rendered{ch: ch, lang: lang}, io.Discard, buf)
	r.outline, r.nextFigure, r.warn = true, nextFigure, warn
	if err := r.render(); err != nil {
		return nil, err
	}
	return r.out, nil
}

// writeBody writes the content of the chapter's <body> to w, as
// outlineChapter found it, in pieces of at most a few xmlChunk: the
// chapter's XHTML is never whole in memory.
func (o *rendered) writeBody(w io.Writer, buf *xmlBuf) error {
	r := newRenderer(o, w, buf)
	r.warn = func(string) {} // given when outlining
	if err := r.render(); err != nil {
		return err
	}
	if err := r.b.flush(); err != nil {
		return fmt.Errorf("write %s: %w", o.ch.file, err)
	}
	return nil
}

// newRenderer makes the renderer of out's chapter, writing to sink
// through buf, a buffer that outlives it: the next chapter reuses it
// (nil gives the renderer its own).
func newRenderer(out *rendered, sink io.Writer, buf *xmlBuf) *renderer {
	if buf == nil {
		buf = new(xmlBuf)
	}
	buf.Reset()
	buf.sink, buf.err = sink, nil
	return &renderer{b: buf, loc: locale.Of(out.lang), base: model.LinkBase(out.ch.doc.Source), out: out,
		rtl: direction(out.lang) == "rtl"}
}

// render renders the chapter in its language: its title, its front
// matter and its blocks, in a section.
func (r *renderer) render() error {
	ch, b := r.out.ch, r.b
	// An article without a title gets no heading: the book's fallback
	// title names it in the navigation, but is not printed as its words.
	titled := ch.doc.Title != ""
	labelledBy := ""
	if titled {
		labelledBy = "title"
	}
	kind, role := "chapter", "doc-chapter"
	if ch.preface {
		kind, role = "preface", "doc-preface"
	}
	b.open("section", "epub:type", kind, "role", role, "aria-labelledby", labelledBy)
	b.WriteByte('\n')
	if ch.front {
		b.WriteString("<header>\n")
	}
	if titled {
		b.elem("h1", ch.doc.Title, "id", "title", "dir", r.dir(ch.doc.Title))
	}
	if ch.front {
		frontMatter(b, r.loc, ch.doc.Subtitle, ch.doc.Byline, ch.doc.Authors, ch.doc.Dateline, ch.doc.Date, r.rtl)
		b.WriteString("</header>\n")
	}
	if err := r.blocks(ch.doc.Blocks); err != nil {
		return err
	}
	b.WriteString("</section>\n")
	return nil
}

// dir is autoDir of text, or "" while outlining, which writes nothing.
func (r *renderer) dir(text string) string {
	if r.outline {
		return ""
	}
	return autoDir(text, r.rtl)
}

// dirOf is dir of the plain text of in.
func (r *renderer) dirOf(in []model.Inline) string {
	if r.outline {
		return ""
	}
	return autoDirOf(in, r.rtl)
}

// frontMatter writes the lines under a title: subtitle, byline, date. The
// byline is the article's own when the reader kept it, so no word of it
// is lost, else the authors' names joined.
func frontMatter(b *xmlBuf, loc *locale.Words, subtitle, byline string, authors []string, dateline string, date model.Date, rtl bool) {
	if subtitle != "" {
		b.elem("p", subtitle, "class", "subtitle", "dir", autoDir(subtitle, rtl))
	}
	if byline == "" {
		byline = loc.JoinNames(authors)
	}
	if byline != "" {
		b.elem("p", byline, "class", "byline", "dir", autoDir(byline, rtl))
	}
	if !date.IsZero() {
		b.open("p", "class", "date")
		b.open("time", "datetime", date.String())
		if dateline != "" {
			// As printed, so that "Posted on" or a weekday is not lost.
			b.text(dateline)
		} else {
			b.text(formatDate(loc, date))
		}
		b.WriteString("</time></p>\n")
	}
}

func (r *renderer) blocks(bs []model.Block) error {
	for _, bl := range bs {
		if err := r.block(bl); err != nil {
			return err
		}
		r.b.spill()
	}
	return nil
}

func (r *renderer) block(bl model.Block) error {
	b := r.b
	switch n := bl.(type) {
	case *model.Heading:
		r.sections++
		id := "s" + strconv.Itoa(r.sections)
		tag := "h" + strconv.Itoa(min(n.Level+1, 6))
		b.open(tag, "id", id, "dir", r.dirOf(n.Content))
		if err := r.inlines(n.Content); err != nil {
			return err
		}
		b.close(tag)
		b.WriteByte('\n')
		if r.outline {
			text := strings.ReplaceAll(model.Plain(n.Content), "\n", " ")
			r.out.toc = append(r.out.toc, tocEntry{level: n.Level, id: id, text: text})
		}
	case *model.Paragraph:
		b.open("p", "dir", r.dirOf(n.Content))
		if err := r.inlines(n.Content); err != nil {
			return err
		}
		b.WriteString("</p>\n")
	case *model.Quote:
		b.WriteString("<blockquote>\n")
		if err := r.blocks(n.Blocks); err != nil {
			return err
		}
		b.WriteString("</blockquote>\n")
	case *model.List:
		return r.list(n)
	case *model.Code:
		if n.Layout {
			// Prose laid out by hand keeps its lines but reads in the text face.
			b.open("pre", "class", "layout")
			b.text(n.Text)
			b.WriteString("</pre>\n")
			return nil
		}
		b.WriteString("<pre>")
		b.open("code", "class", codeClass(n.Lang))
		if spans, ok := highlight.Code(n.Lang, n.Text); ok {
			r.out.highlighted = true
			for _, sp := range spans {
				if sp.Class == highlight.Plain {
					b.text(sp.Text)
					continue
				}
				b.open("span", "class", sp.Class.Name())
				b.text(sp.Text)
				b.WriteString("</span>")
			}
		} else {
			b.text(n.Text)
		}
		b.WriteString("</code></pre>\n")
	case *model.Break:
		b.WriteString("<hr/>\n")
	case *model.Figure:
		return r.figure(n)
	case *model.Table:
		return r.table(n)
	default:
		return fmt.Errorf("render %s: unknown block %T", r.out.ch.file, bl)
	}
	return nil
}

func (r *renderer) list(n *model.List) error {
	b := r.b
	tag := "ul"
	start, numbering := "", ""
	if n.Ordered {
		tag = "ol"
		if n.Start != 1 {
			start = strconv.Itoa(n.Start)
		}
		numbering = n.Numbering
	}
	b.open(tag, "start", start, "type", numbering)
	b.WriteByte('\n')
	for _, it := range n.Items {
		// A one-paragraph item is the common case: its text goes straight
		// into the item, so no paragraph indent or margin applies.
		if len(it.Blocks) == 1 {
			if p, ok := it.Blocks[0].(*model.Paragraph); ok {
				b.open("li", "dir", r.dirOf(p.Content))
				if err := r.inlines(p.Content); err != nil {
					return err
				}
				b.WriteString("</li>\n")
				continue
			}
		}
		b.WriteString("<li>\n")
		if err := r.blocks(it.Blocks); err != nil {
			return err
		}
		b.WriteString("</li>\n")
	}
	b.close(tag)
	b.WriteByte('\n')
	return nil
}

// table writes a table with its caption, a header of column headings
// (th with scope, so that a screen reader names each cell's column) and
// the body. Widths are left to the reading system; a column's alignment
// is a class (see epub.css), figures flush right.
func (r *renderer) table(n *model.Table) error {
	b := r.b
	b.WriteString("<table>\n")
	if len(n.Caption) > 0 {
		b.WriteString("<caption>")
		if err := r.inlines(n.Caption); err != nil {
			return err
		}
		b.WriteString("</caption>\n")
	}
	classes := make([]string, n.Columns())
	for j := range classes {
		switch n.EffectiveAlign(j) {
		case model.AlignRight:
			classes[j] = "right"
		case model.AlignCenter:
			classes[j] = "center"
		}
	}
	rows := func(tag string, rs []model.Row) error {
		for _, row := range rs {
			b.WriteString("<tr>")
			for j, c := range row.Cells {
				cell, scope := "td", ""
				if tag == "thead" {
					cell, scope = "th", "col"
				}
				b.open(cell, "scope", scope, "class", classes[j])
				if err := r.inlines(c.Content); err != nil {
					return err
				}
				b.close(cell)
			}
			b.WriteString("</tr>\n")
		}
		return nil
	}
	if len(n.Head) > 0 {
		b.WriteString("<thead>\n")
		if err := rows("thead", n.Head); err != nil {
			return err
		}
		b.WriteString("</thead>\n")
	}
	if len(n.Body) > 0 {
		b.WriteString("<tbody>\n")
		if err := rows("tbody", n.Body); err != nil {
			return err
		}
		b.WriteString("</tbody>\n")
	}
	b.WriteString("</table>\n")
	return nil
}

// codeClass turns a code language hint into a class token such as
// "language-go", keeping only characters that are safe in a class name.
func codeClass(lang string) string {
	var s strings.Builder
	for _, c := range lang {
		if c < 0x80 && (c == '-' || c == '+' || c == '#' || c == '_' || c == '.' ||
			('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')) {
			s.WriteRune(c)
		}
	}
	if s.Len() == 0 {
		return ""
	}
	return "language-" + s.String()
}

// figure writes an image with its text alternative and caption. An image
// without usable data prints its alt text instead, so no word is lost.
func (r *renderer) figure(n *model.Figure) error {
	b := r.b
	res := r.image(n)
	hasCaption := len(n.Caption) > 0
	if res == nil && n.Alt == "" && !hasCaption {
		r.warn(fmt.Sprintf("figure %s has neither image data nor text; left out", figureName(n)))
		return nil
	}
	b.WriteString("<figure>\n")
	switch {
	case res != nil:
		alt := n.Alt
		if alt == "" && hasCaption {
			alt = strings.ReplaceAll(model.Plain(n.Caption), "\n", " ")
		}
		if alt == "" {
			r.warn(fmt.Sprintf("figure %s has no text alternative", figureName(n)))
		} else if r.outline {
			r.out.described++
		}
		w, h := "", ""
		if n.Width > 0 && n.Height > 0 {
			w, h = strconv.Itoa(n.Width), strconv.Itoa(n.Height)
		}
		// alt is written even when empty: an empty alt marks the image as
		// decorative, a missing one is an accessibility error.
		b.WriteString(`<img src="`)
		b.attr(fromXHTML + res.name)
		b.WriteString(`" alt="`)
		b.attr(alt)
		b.WriteByte('"')
		b.attrs([]string{"width", w, "height", h})
		b.WriteString("/>\n")
	case n.Alt != "":
		b.elem("p", n.Alt, "class", "alt")
	}
	if hasCaption {
		b.WriteString("<figcaption>")
		if err := r.inlines(n.Caption); err != nil {
			return err
		}
		b.WriteString("</figcaption>\n")
	}
	b.WriteString("</figure>\n")
	return nil
}

// image is the image figure n shows, nil when its text stands instead.
// Outlining, it checks the figure's data and names the file the book
// holds it in; writing, it takes that from the outline.
func (r *renderer) image(n *model.Figure) *resource {
	if !r.outline {
		r.written++
		return r.out.shown[r.written-1]
	}
	r.out.figures++
	var res *resource
	if len(n.Data) > 0 {
		var err error
		if res, err = checkFigure(n); err != nil {
			r.warn(fmt.Sprintf("figure %s: %v; printing its text instead", figureName(n), err))
			res = nil
		}
	}
	if res != nil {
		*r.nextFigure++
		res.name = fmt.Sprintf("%sfig%03d%s", imageDir, *r.nextFigure, extensionOf(res.mediaType))
		r.out.images = append(r.out.images, *res)
	}
	r.out.shown = append(r.out.shown, res)
	return res
}

func figureName(n *model.Figure) string {
	if n.Src != "" {
		return strconv.Quote(n.Src)
	}
	if n.Alt != "" {
		return strconv.Quote(n.Alt)
	}
	return "(unnamed)"
}

// checkFigure checks that a figure's bytes are an image EPUB reading
// systems must support and returns it as a resource (without a name).
func checkFigure(n *model.Figure) (*resource, error) {
	mt := strings.ToLower(strings.TrimSpace(n.MediaType))
	switch mt {
	case "image/png", "image/jpeg", "image/gif":
		_, format, err := image.DecodeConfig(bytes.NewReader(n.Data))
		if err != nil {
			return nil, fmt.Errorf("image data does not decode as %s: %v", mt, err)
		}
		// Trust the bytes over the label: a mislabelled JPEG still shows.
		mt = "image/" + format
	case "image/svg+xml":
		if err := checkSVG(n.Data); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("media type %q is not one EPUB readers must show (PNG, JPEG, GIF, SVG)", n.MediaType)
	}
	return &resource{mediaType: mt, data: n.Data}, nil
}

// checkSVG accepts well-formed XML whose root is an SVG element without
// scripts (which would make the book "scripted") or references to other
// files.
func checkSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF && !root {
			return nil
		}
		if err != nil {
			return fmt.Errorf("SVG data is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			if se.Name.Local != "svg" || se.Name.Space != "http://www.w3.org/2000/svg" {
				return fmt.Errorf("root element <%s> is not an SVG element", se.Name.Local)
			}
			root = false
		}
		if se.Name.Local == "script" || se.Name.Local == "foreignObject" {
			return fmt.Errorf("SVG holds <%s>, which EPUB images must not", se.Name.Local)
		}
		// A reference to another file would be a resource missing from
		// the book; links and references inside the drawing are fine.
		for _, a := range se.Attr {
			if a.Name.Local == "href" && se.Name.Local != "a" &&
				!strings.HasPrefix(a.Value, "#") && !strings.HasPrefix(a.Value, "data:") {
				return fmt.Errorf("SVG <%s> refers to %q outside the image", se.Name.Local, a.Value)
			}
		}
	}
}

// extensionOf gives the file extension for an image media type.
func extensionOf(mediaType string) string {
	switch mediaType {
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "image/svg+xml":
		return ".svg"
	}
	return ""
}

func (r *renderer) inlines(in []model.Inline) error {
	b := r.b
	for _, n := range in {
		r.b.spill()
		switch n := n.(type) {
		case *model.Text:
			b.text(n.Text)
		case *model.Emph:
			b.WriteString("<em>")
			if err := r.inlines(n.Content); err != nil {
				return err
			}
			b.WriteString("</em>")
		case *model.Strong:
			b.WriteString("<strong>")
			if err := r.inlines(n.Content); err != nil {
				return err
			}
			b.WriteString("</strong>")
		case *model.CodeSpan:
			b.WriteString("<code>")
			b.text(n.Text)
			b.WriteString("</code>")
		case *model.Link:
			href, ok := model.LinkAddress(n.Target, r.base)
			if !ok {
				r.warn(fmt.Sprintf("link target %q is not a web or mail address; its text is kept without the link", n.Target))
				if err := r.inlines(n.Content); err != nil {
					return err
				}
				continue
			}
			b.open("a", "href", href)
			if err := r.inlines(n.Content); err != nil {
				return err
			}
			b.WriteString("</a>")
		case *model.LineBreak:
			b.WriteString("<br/>")
		default:
			return fmt.Errorf("render %s: unknown inline %T", r.out.ch.file, n)
		}
	}
	return nil
}

// formatDate writes d in the words of loc: "November 20, 2019", "1er mars
// 2020", or the bare year.
func formatDate(loc *locale.Words, d model.Date) string {
	return loc.Date(d.Year, d.Month, d.Day)
}
