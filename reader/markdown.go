package reader

import (
	"html"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"pamphlet/model"
)

// mdParser is goldmark with the GitHub extensions whose content the model
// can hold: tables (model.Table), strikethrough
// (kept as plain text: the model has no struck-out span), task lists,
// bare-URL links and footnotes (numbered notes at the end). Only the
// parser is used: goldmark's HTML renderer and typographer never run.
// It is built on first use, so that reading other formats does not pay
// for it.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(
		extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList, extension.Footnote,
	)).Parser()
})

// readMarkdown reads CommonMark with GitHub extensions and YAML or TOML
// front matter. Without front matter (or without a title in it) the title
// is a leading level-1 heading, and byline and date lines right after it
// are read as the header.
func readMarkdown(src string, opt Options) (*Result, error) {
	tr := &trail{opt: opt}
	fm, body, fmLines, hasFM := frontMatter(src, opt)
	if hasFM {
		tr.repair(1, "front-matter", "read %d lines of front matter as metadata", fmLines)
	}
	md, deep := capIndent([]byte(body))
	if deep > 0 {
		tr.repair(fmLines+deep, "indent", "indentation deeper than %d columns cut to %d (lists nested that deep cannot be read in reasonable time)", maxIndent, maxIndent)
	}
	c := &mdConv{
		src:    md,
		offset: fmLines,
		tr:     tr,
		base:   model.LinkBase(opt.BaseURL),
	}
	c.img = newImgLoader(opt, c.base, tr)
	c.lineStarts = lineStarts(c.src)
	root := mdParse(c.src)
	blocks := append(c.blocks(root), c.notes()...)
	c.img.finish()
	blocks = model.NormalizeBlocks(blocks)

	m := fm
	blocks = mdHeader(blocks, &m, tr)
	return markupResult(blocks, m, tr), nil
}

// markupResult assembles the document of a Markdown or HTML read: its
// headings shifted to start at level 1, its metadata, and no control
// characters left.
func markupResult(blocks []model.Block, m meta, tr *trail) *Result {
	doc := &model.Document{Blocks: shiftHeadings(blocks)}
	m.apply(doc)
	scrub(doc)
	return &Result{Doc: doc, Repairs: tr.repairs.repairs(), lines: &tr.lines}
}

// mdParse parses Markdown, turning a parser panic (a goldmark bug) into an
// empty document rather than a crash.
func mdParse(src []byte) (root ast.Node) {
	defer func() {
		if r := recover(); r != nil {
			root = ast.NewDocument()
		}
	}()
	return mdParser().Parse(text.NewReader(src))
}

// mdHeader takes the article header out of the first blocks: a level-1
// heading as the title when the front matter gave none, then byline and
// date lines ("By Jane Roe", "*2020-03-25*"). What the front matter already
// said is not overridden, but the repeated line is still removed.
func mdHeader(blocks []model.Block, m *meta, tr *trail) []model.Block {
	if len(blocks) > 0 {
		if h, ok := blocks[0].(*model.Heading); ok && h.Level == 1 && onlyLevel1(blocks) {
			title := strings.TrimSpace(model.Plain(h.Content))
			switch {
			case m.Title == "":
				m.Title = title
				blocks = blocks[1:]
				tr.repair(tr.lineOf(h), "title", "took the first heading %q as the title", title)
			case sameText(m.Title, title):
				blocks = blocks[1:]
			}
		}
	}
	// A first line that reads like a title, right above a byline or date
	// line, is the title of a note written without Markdown headings.
	if m.Title == "" && len(blocks) > 1 {
		p0, ok0 := blocks[0].(*model.Paragraph)
		p1, ok1 := blocks[1].(*model.Paragraph)
		if ok0 && ok1 && mdTitleish(model.Plain(p0.Content)) {
			lines := strings.Split(model.Plain(p1.Content), "\n")
			if _, used := headerMeta(lines, primaryLang(tr.opt.Lang, m.Lang)); used == len(lines) {
				m.Title = strings.TrimSpace(model.Plain(p0.Content))
				blocks = blocks[1:]
				tr.repair(tr.lineOf(p0), "title", "took the first line %q, above the byline, as the title", m.Title)
			}
		}
	}
	// Byline and date: whole paragraphs only, each of whose lines is one.
	for len(blocks) > 0 {
		p, ok := blocks[0].(*model.Paragraph)
		if !ok {
			break
		}
		lines := strings.Split(model.Plain(p.Content), "\n")
		hm, used := headerMeta(lines, primaryLang(tr.opt.Lang, m.Lang))
		if used == 0 || used < len(lines) {
			break
		}
		if len(hm.Authors) > 0 && len(m.Authors) > 0 && !sameAuthors(hm.Authors, m.Authors) {
			break
		}
		if !hm.Date.IsZero() && !m.Date.IsZero() && hm.Date != m.Date {
			break
		}
		tr.repair(tr.lineOf(p), "byline", "read the header line %q as byline/date", strings.Join(lines, " / "))
		m.fill(hm)
		blocks = blocks[1:]
	}
	return blocks
}

// mdTitleish reports whether a paragraph could be a title: one short line
// that does not end like a sentence and does not start in lowercase.
func mdTitleish(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.Contains(s, "\n") || len(strings.Fields(s)) > 15 || len(s) > 150 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		return false
	}
	return !strings.ContainsAny(s[len(s)-1:], ".,;:")
}

// onlyLevel1 reports whether the first heading is the only level-1 heading:
// a document with several is divided by them, and none is its title.
func onlyLevel1(blocks []model.Block) bool {
	n := 0
	for _, b := range blocks {
		if h, ok := b.(*model.Heading); ok && h.Level == 1 {
			n++
		}
	}
	return n == 1
}

// sameText compares two titles or names, ignoring case, spacing and
// typographic variants of quotes and dashes.
func sameText(a, b string) bool {
	return foldText(a) == foldText(b)
}

var foldReplacer = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"", "–", "-", "—", "-", "…", "...", "\u00a0", " ")

func foldText(s string) string {
	s = strings.ToLower(foldReplacer.Replace(s))
	return strings.Trim(strings.Join(strings.Fields(s), " "), " .:;,!?")
}

func sameAuthors(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameText(a[i], b[i]) {
			return false
		}
	}
	return true
}

// shiftHeadings renumbers headings so that the highest level used becomes
// level 1, keeping their relative depth: a Markdown article whose sections
// are "##" under a front-matter title has level-1 sections in the model.
func shiftHeadings(blocks []model.Block) []model.Block {
	var heads []*model.Heading
	_ = model.Walk(blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Heading:
			heads = append(heads, n)
			return model.SkipChildren
		case *model.Quote, *model.List:
			return nil
		}
		return model.SkipChildren
	})
	top := 7
	for _, h := range heads {
		top = min(top, h.Level)
	}
	if top <= 1 || top > 6 {
		return blocks
	}
	for _, h := range heads {
		h.Level -= top - 1
	}
	return blocks
}

// lineStarts gives the byte offset at which each line of src starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// mdConv walks goldmark's syntax tree into model blocks.
type mdConv struct {
	src        []byte
	offset     int // lines of front matter before src
	lineStarts []int
	tr         *trail
	img        *imgLoader
	base       *url.URL
	notesSeen  []*extast.FootnoteList
	// skip is the raw HTML element whose content is being dropped
	// ("script" between <script> and </script> inside a paragraph).
	skip string
}

// line gives the 1-based input line of a byte offset in src.
func (c *mdConv) line(off int) int {
	i := sort.Search(len(c.lineStarts), func(i int) bool { return c.lineStarts[i] > off })
	return i + c.offset
}

// blockLine gives the input line where a block node starts (0 if unknown).
func (c *mdConv) blockLine(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines() != nil && n.Lines().Len() > 0 {
			return c.line(n.Lines().At(0).Start)
		}
		if n.Type() != ast.TypeInline {
			// A container block: look at its first child.
			if fc := n.FirstChild(); fc != nil && fc.Type() == ast.TypeBlock && fc.Lines() != nil && fc.Lines().Len() > 0 {
				return c.line(fc.Lines().At(0).Start)
			}
			return 0
		}
	}
	return 0
}

func (c *mdConv) blocks(parent ast.Node) []model.Block {
	var out []model.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		bs := c.block(n)
		line := c.blockLine(n)
		for _, b := range bs {
			c.tr.place(b, line)
		}
		out = append(out, bs...)
	}
	return out
}

func (c *mdConv) block(n ast.Node) []model.Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return c.paragraph(n)
	case *ast.Heading:
		c.skip = ""
		return []model.Block{&model.Heading{Level: n.Level, Content: c.inlines(n)}}
	case *ast.ThematicBreak:
		return []model.Block{&model.Break{}}
	case *ast.CodeBlock:
		return []model.Block{&model.Code{Text: c.lines(n)}}
	case *ast.FencedCodeBlock:
		lang := ""
		if n.Info != nil {
			lang = strings.TrimSpace(mdUnescape(string(n.Language(c.src))))
		}
		return []model.Block{&model.Code{Text: c.lines(n), Lang: lang}}
	case *ast.Blockquote:
		return []model.Block{&model.Quote{Blocks: c.blocks(n)}}
	case *ast.List:
		l := &model.List{Ordered: n.IsOrdered(), Start: n.Start}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, model.Item{Blocks: c.blocks(it)})
		}
		return []model.Block{l}
	case *ast.HTMLBlock:
		raw := c.lines(n)
		if n.HasClosure() {
			raw += "\n" + string(n.ClosureLine.Value(c.src))
		}
		return htmlFragmentBlocks(raw, c.blockLine(n), c.tr, c.img, c.base)
	case *ast.LinkReferenceDefinition:
		return nil
	case *extast.Table:
		return c.table(n)
	case *extast.FootnoteList:
		c.notesSeen = append(c.notesSeen, n)
		return nil
	default:
		if n.Type() == ast.TypeInline {
			return []model.Block{&model.Paragraph{Content: c.inline(n)}}
		}
		if n.HasChildren() {
			return c.blocks(n)
		}
		if n.Lines() != nil && n.Lines().Len() > 0 {
			// An unknown leaf block: keep its words.
			return []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: c.lines(n)}}}}
		}
		return nil
	}
}

// lines joins the raw lines of a leaf block (code, HTML).
func (c *mdConv) lines(n ast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b.Write(seg.Value(c.src))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// paragraph converts a paragraph, setting each image that stands at its
// top level (alone or among text) apart as a figure: the model keeps
// images as blocks.
func (c *mdConv) paragraph(n ast.Node) []model.Block {
	c.skip = ""
	var out []model.Block
	var cur []model.Inline
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if intro, l := fancyList(cur); l != nil {
			if len(intro) > 0 {
				out = append(out, &model.Paragraph{Content: intro})
			}
			out = append(out, l)
			c.tr.repair(c.blockLine(n), "list", "lines marked %s, %s… read as a list of %d item(s)",
				model.ItemLabel(l.Numbering, 1), model.ItemLabel(l.Numbering, 2), len(l.Items))
		} else {
			out = append(out, &model.Paragraph{Content: cur})
		}
		cur = nil
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if img := mdLoneImage(ch); img != nil && c.skip == "" {
			if fig := c.figure(img); fig != nil {
				flush()
				out = append(out, fig)
				continue
			}
		}
		cur = append(cur, c.inline(ch)...)
	}
	flush()
	return out
}

// mdLoneImage returns the image a node is, or a link that holds nothing
// but an image ("[![badge](b.png)](url)"), else nil.
func mdLoneImage(n ast.Node) *ast.Image {
	switch n := n.(type) {
	case *ast.Image:
		return n
	case *ast.Link:
		if n.ChildCount() == 1 {
			if img, ok := n.FirstChild().(*ast.Image); ok {
				return img
			}
		}
	}
	return nil
}

func (c *mdConv) figure(img *ast.Image) *model.Figure {
	dest := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(img.Destination))))
	alt := model.Plain(c.inlines(img))
	var caption []model.Inline
	if t := strings.TrimSpace(mdUnescape(string(img.Title))); t != "" {
		caption = []model.Inline{&model.Text{Text: t}}
	}
	return c.img.figure(dest, alt, 0, 0, caption, c.blockLine(img))
}

func (c *mdConv) inlines(parent ast.Node) []model.Inline {
	var out []model.Inline
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.inline(n)...)
	}
	return out
}

// mdRawTag matches an inline HTML tag: its closing slash and name.
var mdRawTag = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9-]*)`)

// mdSkipTags are elements whose content is not prose: inside a paragraph
// their text is dropped along with the tags, as the HTML reader does.
var mdSkipTags = map[string]bool{"script": true, "style": true, "template": true, "textarea": true, "iframe": true, "object": true, "noscript": true, "select": true, "svg": true, "math": true, "title": true}

func (c *mdConv) inline(n ast.Node) []model.Inline {
	if c.skip != "" {
		if raw, ok := n.(*ast.RawHTML); ok {
			if m := mdRawTag.FindStringSubmatch(c.rawHTML(raw)); m != nil && m[1] == "/" && strings.EqualFold(m[2], c.skip) {
				c.skip = ""
			}
		}
		return nil
	}
	switch n := n.(type) {
	case *ast.Text:
		s := string(n.Segment.Value(c.src))
		if !n.IsRaw() {
			s = mdUnescape(s)
		}
		out := []model.Inline{&model.Text{Text: s}}
		switch {
		case n.HardLineBreak():
			out = append(out, &model.LineBreak{})
		case n.SoftLineBreak():
			out = append(out, &model.Text{Text: "\n"})
		}
		return out
	case *ast.String:
		return []model.Inline{&model.Text{Text: string(n.Value)}}
	case *ast.CodeSpan:
		var b strings.Builder
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch t := ch.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(c.src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return []model.Inline{&model.CodeSpan{Text: b.String()}}
	case *ast.Emphasis:
		if n.Level >= 2 {
			return []model.Inline{&model.Strong{Content: c.inlines(n)}}
		}
		return []model.Inline{&model.Emph{Content: c.inlines(n)}}
	case *ast.Link:
		return c.link(string(util.URLEscape(n.Destination, true)), c.inlines(n), n)
	case *ast.AutoLink:
		u := string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
			u = "mailto:" + u
		}
		label := []model.Inline{&model.Text{Text: string(n.Label(c.src))}}
		return c.link(string(util.URLEscape([]byte(u), false)), label, n)
	case *ast.Image:
		// An image inside a span, or a link among other words: its alt
		// text stands for it.
		dest := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(n.Destination))))
		return c.img.inline(dest, model.Plain(c.inlines(n)), 0, 0, c.blockLine(n))
	case *ast.RawHTML:
		raw := c.rawHTML(n)
		m := mdRawTag.FindStringSubmatch(raw)
		if m == nil {
			return nil // a comment or declaration
		}
		name := strings.ToLower(m[2])
		switch {
		case m[1] == "" && name == "br":
			return []model.Inline{&model.LineBreak{}}
		case m[1] == "" && mdSkipTags[name] && !strings.HasSuffix(raw, "/>"):
			c.skip = name
		case m[1] == "" && name == "img":
			return htmlInlineImage(raw, c.img, c.blockLine(n))
		}
		return nil
	case *extast.Strikethrough:
		return c.inlines(n)
	case *extast.TaskCheckBox:
		if n.IsChecked {
			return []model.Inline{&model.Text{Text: "[x] "}}
		}
		return []model.Inline{&model.Text{Text: "[ ] "}}
	case *extast.FootnoteLink:
		return []model.Inline{&model.Text{Text: "[" + strconv.Itoa(n.Index) + "]"}}
	case *extast.FootnoteBacklink:
		return nil
	default:
		if n.Type() == ast.TypeBlock {
			return []model.Inline{&model.Text{Text: model.Plain(c.inlines(n))}}
		}
		return c.inlines(n)
	}
}

func (c *mdConv) rawHTML(n *ast.RawHTML) string {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(c.src))
	}
	return b.String()
}

// link makes a link, or plain text when the target is dead or unsafe.
func (c *mdConv) link(dest string, content []model.Inline, n ast.Node) []model.Inline {
	target, verdict := linkTarget(dest, c.base)
	switch verdict {
	case linkOK:
		return []model.Inline{&model.Link{Target: target, Content: content}}
	case linkUnsafe:
		c.tr.repair(c.blockLine(n), "unsafe-link", "kept the text %q of a link whose scheme is not allowed, without the link", mdShort(model.Plain(content)))
	default:
		c.tr.repair(c.blockLine(n), "dead-link", "kept the text of a link to %q without the link", mdShort(dest))
	}
	return content
}

func mdShort(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// table converts a GitHub table: its header row, body rows and the
// alignment of each column from the delimiter row (":--", ":-:", "--:").
func (c *mdConv) table(t *extast.Table) []model.Block {
	tbl := &model.Table{}
	for _, a := range t.Alignments {
		tbl.Align = append(tbl.Align, mdAlign(a))
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row model.Row
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			row.Cells = append(row.Cells, model.Cell{Content: c.inlines(cell)})
		}
		if _, ok := r.(*extast.TableHeader); ok {
			tbl.Head = append(tbl.Head, row)
			continue
		}
		tbl.Body = append(tbl.Body, row)
	}
	return []model.Block{tbl}
}

func mdAlign(a extast.Alignment) model.Align {
	switch a {
	case extast.AlignLeft:
		return model.AlignLeft
	case extast.AlignCenter:
		return model.AlignCenter
	case extast.AlignRight:
		return model.AlignRight
	default:
		return model.AlignDefault
	}
}

// notes renders the footnotes as a numbered list at the end.
func (c *mdConv) notes() []model.Block {
	var out []model.Block
	for _, fl := range c.notesSeen {
		l := &model.List{Ordered: true, Start: 1}
		first := true
		for fn := fl.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*extast.Footnote)
			if !ok {
				continue
			}
			if first && f.Index > 0 {
				l.Start = f.Index
			}
			first = false
			l.Items = append(l.Items, model.Item{Blocks: c.blocks(f)})
		}
		if len(l.Items) > 0 {
			out = append(out, &model.Break{}, l)
		}
	}
	return out
}

// mdUnescape resolves what CommonMark resolves in text: backslash escapes
// of ASCII punctuation and entity and numeric character references.
func mdUnescape(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '&':
			if end := mdEntityEnd(s[i:]); end > 0 {
				ent := s[i : i+end]
				dec := html.UnescapeString(ent)
				if dec != ent {
					if dec == "\x00" || strings.ContainsRune(dec, 0) {
						dec = "\uFFFD"
					}
					b.WriteString(dec)
					i += end - 1
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var mdEntity = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

func mdEntityEnd(s string) int {
	return len(mdEntity.FindString(s))
}

var (
	mdSniffYAML  = regexp.MustCompile(`^---[ \t]*\n(?:[ \t]*#.*\n)*[A-Za-z_][\w-]*:`)
	mdSniffTOML  = regexp.MustCompile(`^\+\+\+[ \t]*\n(?:[ \t]*#.*\n)*[A-Za-z_][\w-]*[ \t]*=`)
	mdSniffFence = regexp.MustCompile("(?m)^[ ]{0,3}```[^`\n]*\n(?:.*\n)*?[ ]{0,3}```[ \t]*$")
	mdSniffImage = regexp.MustCompile(`!\[[^\]\n]*\]\([^()\s]+(?:[ \t]+"[^"\n]*")?\)`)
)

// looksLikeMarkdown reports whether text without a telling file name (a
// file without a known extension, or stdin) is Markdown: it opens with
// YAML or TOML front matter, or holds a fenced code block or an image
// written ![alt](path). Headings with "#" and "[text](url)" links are
// not enough: messy plain text copied from the web has those too, and the
// text reader repairs what goldmark would take literally; an image it
// cannot repair, and text copied from a page never writes one so.
func looksLikeMarkdown(text string) bool {
	head := text[:min(len(text), 4096)]
	if mdSniffYAML.MatchString(head) || mdSniffTOML.MatchString(head) {
		return true
	}
	body := text[:min(len(text), 65536)]
	return mdSniffFence.MatchString(body) || mdSniffImage.MatchString(body)
}
