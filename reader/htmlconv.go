package reader

import (
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"pamphlet/model"
)

// htmlDropped are elements that never reach the model, content and all:
// scripts and styles, forms and their controls, embedded documents and
// plug-ins, media players, and page furniture that is never prose. This is
// an allow-list converter, so anything else unknown keeps only its text.
var htmlDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Frame: true, atom.Frameset: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Param: true, atom.Form: true, atom.Input: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Option: true, atom.Optgroup: true, atom.Datalist: true,
	atom.Output: true, atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Source: true,
	atom.Track: true, atom.Map: true, atom.Area: true, atom.Svg: true, atom.Math: true, atom.Head: true,
	atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true, atom.Dialog: true, atom.Nav: true,
	atom.Keygen: true, atom.Progress: true, atom.Meter: true,
}

// htmlBlockTags are elements that start a block of their own.
var htmlBlockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Menu: true, atom.Li: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Pre: true, atom.Hr: true, atom.Figure: true, atom.Figcaption: true,
	atom.Table: true, atom.Caption: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Address: true, atom.Center: true,
	atom.Details: true, atom.Summary: true, atom.Fieldset: true, atom.Legend: true, atom.Hgroup: true,
	atom.Body: true, atom.Html: true, atom.Listing: true, atom.Xmp: true, atom.Plaintext: true,
}

// htmlConv converts parsed HTML into model blocks. It reads only the
// elements and attributes it knows (href, src, alt, title, width, height,
// start, class for code languages); event handlers, styles and every other
// attribute are never looked at.
type htmlConv struct {
	tr    *trail
	img   *imgLoader
	base  *url.URL
	line  int // input line of what is being converted, for messages
	pos   *htmlPos
	memo  map[*html.Node]bool
	depth int
}

// htmlMaxDepth caps the nesting the converter follows; deeper content is
// read as plain text. Real pages stay far below it.
const htmlMaxDepth = 200

func newHTMLConv(tr *trail, img *imgLoader, base *url.URL, line int) *htmlConv {
	return &htmlConv{tr: tr, img: img, base: base, line: line, memo: map[*html.Node]bool{}}
}

// htmlFragmentBlocks converts a fragment of HTML (a Markdown HTML block).
func htmlFragmentBlocks(raw string, line int, tr *trail, img *imgLoader, base *url.URL) []model.Block {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := htmlParseDeep(raw, tr, line, func(r io.Reader) ([]*html.Node, error) { return html.ParseFragment(r, ctx) })
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return newHTMLConv(tr, img, base, line).blocks(ctx)
}

// htmlInlineImage stands for a raw <img> tag found inline in Markdown
// (see imgLoader.inline).
func htmlInlineImage(raw string, img *imgLoader, line int) []model.Inline {
	z := html.NewTokenizer(strings.NewReader(raw))
	if z.Next() == html.ErrorToken {
		return nil
	}
	n := &html.Node{Type: html.ElementNode, Data: "img", DataAtom: atom.Img, Attr: z.Token().Attr}
	alt := attr(n, "alt")
	if alt == "" {
		alt = attr(n, "title")
	}
	return img.inline(attr(n, "src"), alt, intAttr(n, "width"), intAttr(n, "height"), line)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

var htmlHiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// htmlFurniture matches the class or id of what a page adds to its own
// article for readers of the page, not of the text: a wiki's "[edit]"
// links beside its headings (MediaWiki's mw-editsection), its contents
// box (id "toc"; a book has its own contents), navigation boxes and what
// the site marks as not for print.
var htmlFurniture = regexp.MustCompile(`(?i)(?:^|\s)(?:mw-editsection|editsection|edit-section|toc|toctitle|table-of-contents|navbox|vertical-navbox|noprint|mw-jump-link|mw-cite-backlink)(?:\s|$)`)

// dropped reports whether n and its content stay out of the model: a
// dropped element, or one the page hides from readers.
func (c *htmlConv) dropped(n *html.Node) bool {
	if n.Type == html.CommentNode || n.Type == html.DoctypeNode {
		return true
	}
	if n.Type != html.ElementNode {
		return false
	}
	if n.Namespace != "" || htmlDropped[n.DataAtom] {
		return true
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") || htmlHiddenStyle.MatchString(attr(n, "style")) {
		return true
	}
	if cl, id := attr(n, "class"), attr(n, "id"); (cl != "" && htmlFurniture.MatchString(cl)) || (id != "" && htmlFurniture.MatchString(id)) {
		return true
	}
	return false
}

// intAttr reads a pixel size attribute ("640", "640px"), 0 when absent.
func intAttr(n *html.Node, key string) int {
	s := strings.TrimSuffix(strings.TrimSpace(attr(n, key)), "px")
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 || v > 1<<20 {
		return 0
	}
	return v
}

// htmlSmallImage reports whether an image is small enough to sit inside a
// line (an icon, an emoji picture) rather than be a figure.
func htmlSmallImage(n *html.Node) bool {
	w, h := intAttr(n, "width"), intAttr(n, "height")
	return w > 0 && h > 0 && w <= 32 && h <= 32
}

// blockish reports whether n must be handled as a block: a block element,
// a figure-sized image, or an inline element holding one of those.
func (c *htmlConv) blockish(n *html.Node) bool {
	if n.Type != html.ElementNode || c.dropped(n) {
		return false
	}
	if v, ok := c.memo[n]; ok {
		return v
	}
	v := false
	switch {
	case htmlBlockTags[n.DataAtom]:
		v = true
	case n.DataAtom == atom.Img:
		v = !htmlSmallImage(n) || imgTracking(intAttr(n, "width"), intAttr(n, "height"))
	default:
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if c.blockish(ch) {
				v = true
				break
			}
		}
	}
	c.memo[n] = v
	return v
}

// blocks converts the children of a container. Runs of text and inline
// elements become paragraphs; block children convert on their own.
func (c *htmlConv) blocks(parent *html.Node) []model.Block {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > htmlMaxDepth {
		return []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: c.text(parent)}}}}
	}
	var kids []*html.Node
	for n := parent.FirstChild; n != nil; n = n.NextSibling {
		if !c.dropped(n) {
			kids = append(kids, n)
		}
	}
	return c.blocksOf(kids)
}

// paragraphs converts a run of inline nodes into paragraphs, splitting at
// double line breaks ("text<br><br>text"), which old blogs use for
// paragraphs.
func (c *htmlConv) paragraphs(run []*html.Node) []model.Block {
	var in []model.Inline
	for _, n := range run {
		in = append(in, c.inline(n)...)
	}
	var out []model.Block
	start := 0
	lastBreak := -1
	for i, n := range in {
		switch n := n.(type) {
		case *model.LineBreak:
			if lastBreak >= 0 {
				out = append(out, &model.Paragraph{Content: in[start:lastBreak]})
				start = i + 1
				lastBreak = -1
				continue
			}
			lastBreak = i
		case *model.Text:
			if strings.TrimSpace(n.Text) != "" {
				lastBreak = -1
			}
		default:
			lastBreak = -1
		}
	}
	if start < len(in) {
		out = append(out, &model.Paragraph{Content: in[start:]})
	}
	for _, b := range out {
		if p := b.(*model.Paragraph); htmlUnwrap(p.Content, new(int)) {
			c.tr.repair(c.line, "unwrap-lines", "joined the lines of a paragraph that was hard-wrapped with <br> (%s)", mdShort(model.Plain(p.Content)))
		}
	}
	return out
}

// htmlProseLine is the length (in characters) from which a line ended by
// <br> inside a paragraph is prose wrapped by hand rather than verse or an
// address: Mozilla Hacks breaks sentences with <br /> at about 80 columns.
const htmlProseLine = 50

// htmlUnwrap turns into spaces the line breaks that end a line of at least
// htmlProseLine characters, descending into spans; run counts the
// characters since the last break. It reports whether it changed anything.
func htmlUnwrap(in []model.Inline, run *int) bool {
	changed := false
	for i, n := range in {
		switch n := n.(type) {
		case *model.Text:
			*run += len([]rune(strings.TrimSpace(n.Text)))
		case *model.CodeSpan:
			*run += len([]rune(n.Text))
		case *model.Emph:
			changed = htmlUnwrap(n.Content, run) || changed
		case *model.Strong:
			changed = htmlUnwrap(n.Content, run) || changed
		case *model.Link:
			changed = htmlUnwrap(n.Content, run) || changed
		case *model.LineBreak:
			if *run >= htmlProseLine {
				in[i] = &model.Text{Text: " "}
				changed = true
			}
			*run = 0
		}
	}
	return changed
}

func (c *htmlConv) block(n *html.Node) []model.Block {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		level := int(n.Data[1] - '0')
		return []model.Block{&model.Heading{Level: level, Content: c.inlines(n)}}
	case atom.Blockquote:
		return []model.Block{&model.Quote{Blocks: c.blocks(n)}}
	case atom.Ul, atom.Ol, atom.Menu:
		return []model.Block{c.list(n)}
	case atom.Dl:
		var out []model.Block
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case c.dropped(ch):
			case ch.DataAtom == atom.Dt:
				out = append(out, &model.Paragraph{Content: []model.Inline{&model.Strong{Content: c.inlines(ch)}}})
			case ch.Type == html.ElementNode:
				out = append(out, c.blocks(ch)...)
			case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "":
				out = append(out, &model.Paragraph{Content: []model.Inline{&model.Text{Text: ch.Data}}})
			}
		}
		return out
	case atom.Pre, atom.Listing, atom.Xmp, atom.Plaintext:
		return []model.Block{&model.Code{Text: c.preText(n), Lang: htmlCodeLang(n)}}
	case atom.Hr:
		return []model.Block{&model.Break{}}
	case atom.Figure:
		return c.figure(n)
	case atom.Img:
		if fig := c.imgFigure(n, nil); fig != nil {
			return []model.Block{fig}
		}
		return nil
	case atom.Table:
		return c.table(n)
	}
	if !htmlBlockTags[n.DataAtom] {
		// An inline element holding a block: a linked image becomes a
		// figure, anything else gives its blocks.
		if img := htmlLoneImage(n, c); img != nil {
			if fig := c.imgFigure(img, nil); fig != nil {
				return []model.Block{fig}
			}
			return nil
		}
	}
	return c.blocks(n)
}

// htmlLoneImage returns the only image inside n when n holds no other text.
func htmlLoneImage(n *html.Node, c *htmlConv) *html.Node {
	var img *html.Node
	count := 0
	var walk func(*html.Node) bool
	walk = func(m *html.Node) bool {
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case c.dropped(ch):
			case ch.Type == html.TextNode:
				if strings.TrimSpace(ch.Data) != "" {
					return false
				}
			case ch.DataAtom == atom.Img:
				img = ch
				count++
			case ch.Type == html.ElementNode:
				if !walk(ch) {
					return false
				}
			}
		}
		return true
	}
	if !walk(n) || count != 1 {
		return nil
	}
	return img
}

func (c *htmlConv) list(n *html.Node) model.Block {
	l := &model.List{Ordered: n.DataAtom == atom.Ol, Start: 1}
	if l.Ordered {
		if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s > 0 && s < 1e9 {
			l.Start = s
		}
		if t := attr(n, "type"); model.IsNumbering(t) {
			l.Numbering = t
		}
	}
	var stray []*html.Node
	flushStray := func() {
		if len(stray) == 0 {
			return
		}
		blocks := c.blocksOf(stray)
		stray = nil
		if len(blocks) > 0 {
			l.Items = append(l.Items, model.Item{Blocks: blocks})
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if c.dropped(ch) {
			continue
		}
		if ch.DataAtom == atom.Li {
			flushStray()
			l.Items = append(l.Items, model.Item{Blocks: c.blocks(ch)})
			continue
		}
		stray = append(stray, ch)
	}
	flushStray()
	return l
}

// blocksOf converts sibling nodes as the children of one container: runs
// of text and inline elements become paragraphs, block children convert on
// their own. The nodes stay where they are in the tree.
func (c *htmlConv) blocksOf(nodes []*html.Node) []model.Block {
	var out []model.Block
	var run []*html.Node
	flush := func() {
		if len(run) > 0 {
			out = c.placed(out, run[0], func() []model.Block { return c.paragraphs(run) })
			run = nil
		}
	}
	for _, n := range nodes {
		if c.blockish(n) {
			flush()
			out = c.placed(out, n, func() []model.Block { return c.block(n) })
			continue
		}
		run = append(run, n)
	}
	flush()
	return out
}

// placed appends to out the blocks that convert makes of the nodes
// starting with n, with the input line they come from: the messages of
// the conversion name it, and the reader's later passes find it in
// trail.lines.
func (c *htmlConv) placed(out []model.Block, n *html.Node, convert func() []model.Block) []model.Block {
	outer := c.line
	if l := c.pos.line(n); l > 0 {
		c.line = l
	}
	bs := convert()
	for _, b := range bs {
		c.tr.place(b, c.line)
	}
	c.line = outer
	return append(out, bs...)
}

// figure converts <figure>: its first image with the figcaption (or, when
// there is none, the figure's other text) as caption. A figure without an
// image (a quotation or a code listing with a caption) keeps its blocks.
func (c *htmlConv) figure(n *html.Node) []model.Block {
	var img, caption *html.Node
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case c.dropped(ch):
			case ch.DataAtom == atom.Img && img == nil:
				img = ch
			case ch.DataAtom == atom.Figcaption && caption == nil:
				caption = ch
			case ch.Type == html.ElementNode:
				walk(ch)
			}
		}
	}
	walk(n)
	if img == nil {
		return c.blocks(n)
	}
	var capIn []model.Inline
	var rest []model.Block
	if caption != nil {
		capIn = c.inlines(caption)
	}
	// Text in the figure outside the image and its caption is kept.
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch == caption || c.dropped(ch) || htmlContains(ch, img) || htmlContains(ch, caption) {
			continue
		}
		rest = append(rest, c.blocksOf([]*html.Node{ch})...)
	}
	if caption == nil && len(rest) == 1 {
		if p, ok := rest[0].(*model.Paragraph); ok {
			capIn, rest = p.Content, nil
		}
	}
	var out []model.Block
	if fig := c.imgFigure(img, capIn); fig != nil {
		out = append(out, fig)
	}
	return append(out, rest...)
}

// htmlContains reports whether n is m or holds it.
func htmlContains(n, m *html.Node) bool {
	if m == nil {
		return false
	}
	for p := m; p != nil; p = p.Parent {
		if p == n {
			return true
		}
	}
	return false
}

// imgFigure makes the figure of an <img>, taking a lazy-loading page's
// real address from data-src when src is a placeholder.
func (c *htmlConv) imgFigure(n *html.Node, caption []model.Inline) *model.Figure {
	src := strings.TrimSpace(attr(n, "src"))
	if lazy := strings.TrimSpace(attr(n, "data-src")); lazy != "" && (src == "" || strings.HasPrefix(strings.ToLower(src), "data:")) {
		src = lazy
	}
	alt := attr(n, "alt")
	if alt == "" {
		alt = attr(n, "title")
	}
	return c.img.figure(src, alt, intAttr(n, "width"), intAttr(n, "height"), caption, c.line)
}

// table converts a <table>: an image with its caption cell (Blogger's
// image tables) becomes a figure; a layout table, which only positions
// the page's content, gives its cells' blocks in reading order; a data
// table becomes a model.Table.
func (c *htmlConv) table(n *html.Node) []model.Block {
	var rows []htmlRow
	var captions []*html.Node
	var collect func(m *html.Node, part atom.Atom)
	collect = func(m *html.Node, part atom.Atom) {
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case c.dropped(ch):
			case ch.DataAtom == atom.Tr:
				r := htmlRow{part: part}
				for cell := ch.FirstChild; cell != nil; cell = cell.NextSibling {
					if (cell.DataAtom == atom.Td || cell.DataAtom == atom.Th) && !c.dropped(cell) {
						r.cells = append(r.cells, cell)
					}
				}
				rows = append(rows, r)
			case ch.DataAtom == atom.Caption:
				captions = append(captions, ch)
			case ch.DataAtom == atom.Thead || ch.DataAtom == atom.Tbody || ch.DataAtom == atom.Tfoot:
				collect(ch, ch.DataAtom)
			}
		}
	}
	collect(n, 0)
	cols := 0
	var imgs []*html.Node
	var textCells []*html.Node
	for _, r := range rows {
		cols = max(cols, len(r.cells))
		for _, cell := range r.cells {
			if img := htmlLoneImage(cell, c); img != nil {
				imgs = append(imgs, img)
			} else if strings.TrimSpace(c.text(cell)) != "" {
				textCells = append(textCells, cell)
			}
		}
	}
	if len(imgs) == 1 && len(textCells) <= 2 && htmlTextLen(n) < 400 && len(captions) == 0 {
		var capIn []model.Inline
		for _, cell := range textCells {
			if len(capIn) > 0 {
				capIn = append(capIn, &model.Text{Text: " "})
			}
			capIn = append(capIn, c.inlines(cell)...)
		}
		var out []model.Block
		if fig := c.imgFigure(imgs[0], capIn); fig != nil {
			out = append(out, fig)
		}
		return out
	}
	if !c.dataTable(n, rows, cols, len(captions) > 0) {
		var out []model.Block
		for _, cp := range captions {
			out = append(out, &model.Paragraph{Content: c.inlines(cp)})
		}
		for _, r := range rows {
			for _, cell := range r.cells {
				out = append(out, c.blocks(cell)...)
			}
		}
		return out
	}
	tbl := &model.Table{}
	for _, cp := range captions {
		if len(tbl.Caption) > 0 {
			tbl.Caption = append(tbl.Caption, &model.Text{Text: " "})
		}
		tbl.Caption = append(tbl.Caption, c.inlines(cp)...)
	}
	grid := c.tableGrid(rows)
	// Header rows: those of <thead>, else a first row of <th> only.
	head := 0
	for head < len(rows) && rows[head].part == atom.Thead {
		head++
	}
	if head == 0 && len(rows) > 1 && htmlAllTH(rows[0].cells) {
		head = 1
	}
	var foot []model.Row
	for i, r := range grid {
		switch {
		case i < head:
			tbl.Head = append(tbl.Head, r)
		case rows[i].part == atom.Tfoot:
			foot = append(foot, r)
		default:
			tbl.Body = append(tbl.Body, r)
		}
	}
	tbl.Body = append(tbl.Body, foot...)
	tbl.Align = c.tableAlign(rows, cols)
	return []model.Block{tbl}
}

// htmlRow is a table row: its cells and the part (<thead>, <tbody>,
// <tfoot>, or 0) that holds it.
type htmlRow struct {
	part  atom.Atom
	cells []*html.Node
}

func htmlAllTH(cells []*html.Node) bool {
	for _, cell := range cells {
		if cell.DataAtom != atom.Th {
			return false
		}
	}
	return len(cells) > 0
}

// Limits on spans: HTML allows colspan up to 1000 and rowspan up to
// 65534, but a span only ever leaves empty cells, so one past the table's
// own size means nothing.
const htmlMaxSpan = 1000

// tableGrid lays the cells out on the table's grid. A cell spanning
// several columns or rows keeps its text in its first position and
// leaves the others empty: every word stays, in reading order, and the
// rows stay aligned.
func (c *htmlConv) tableGrid(rows []htmlRow) []model.Row {
	// pending[j] counts the rows below that column j is still taken by a
	// cell above with a rowspan.
	var pending []int
	out := make([]model.Row, len(rows))
	for i, r := range rows {
		var cells []model.Cell
		col := 0
		skipTaken := func() {
			for col < len(pending) && pending[col] > 0 {
				cells = append(cells, model.Cell{})
				pending[col]--
				col++
			}
		}
		for _, cell := range r.cells {
			skipTaken()
			cells = append(cells, model.Cell{Content: c.inlines(cell)})
			span := min(max(intAttr(cell, "colspan"), 1), htmlMaxSpan)
			down := min(max(intAttr(cell, "rowspan"), 1), len(rows)-i)
			if hasAttr(cell, "rowspan") && strings.TrimSpace(attr(cell, "rowspan")) == "0" {
				down = len(rows) - i // 0: to the end of the table
			}
			for k := 0; k < span; k++ {
				if k > 0 {
					cells = append(cells, model.Cell{})
				}
				for len(pending) <= col {
					pending = append(pending, 0)
				}
				pending[col] = max(pending[col], down-1)
				col++
			}
		}
		// Columns still taken past the row's last cell.
		last := -1
		for j := col; j < len(pending); j++ {
			if pending[j] > 0 {
				last = j
			}
		}
		for ; col <= last; col++ {
			cells = append(cells, model.Cell{})
			if pending[col] > 0 {
				pending[col]--
			}
		}
		out[i] = model.Row{Cells: cells}
	}
	return out
}

// tableAlign reads each column's alignment from the align attribute or
// a text-align style of its cells, when all the body cells that say one
// agree.
func (c *htmlConv) tableAlign(rows []htmlRow, cols int) []model.Align {
	aligns := make([]model.Align, cols)
	seen := make([]bool, cols)
	for _, r := range rows {
		if r.part == atom.Thead {
			continue
		}
		for j, cell := range r.cells {
			a := htmlCellAlign(cell)
			switch {
			case a == model.AlignDefault:
			case !seen[j]:
				aligns[j], seen[j] = a, true
			case aligns[j] != a:
				aligns[j] = model.AlignDefault
			}
		}
	}
	return aligns
}

var htmlTextAlign = regexp.MustCompile(`(?i)text-align\s*:\s*(left|right|center)`)

func htmlCellAlign(cell *html.Node) model.Align {
	a := strings.ToLower(strings.TrimSpace(attr(cell, "align")))
	if m := htmlTextAlign.FindStringSubmatch(attr(cell, "style")); m != nil {
		a = strings.ToLower(m[1])
	}
	switch a {
	case "left":
		return model.AlignLeft
	case "right":
		return model.AlignRight
	case "center":
		return model.AlignCenter
	}
	return model.AlignDefault
}

// htmlLayoutCellText is the length of text from which a table cell holds
// running prose rather than a datum: a page laid out with a table puts
// whole articles in its cells.
const htmlLayoutCellText = 400

// dataTable reports whether a table holds data rather than laying out a
// page, by the signs Mozilla's Readability reads: role="presentation"
// or a cell holding a table, a heading, a code block or paragraphs of
// prose mark layout; a caption, a header row or a summary mark data; a
// grid of one row or one column is layout.
func (c *htmlConv) dataTable(n *html.Node, rows []htmlRow, cols int, caption bool) bool {
	role := strings.ToLower(strings.TrimSpace(attr(n, "role")))
	if role == "presentation" || role == "none" || attr(n, "datatable") == "0" {
		return false
	}
	for _, r := range rows {
		for _, cell := range r.cells {
			if htmlHasLayout(cell, c) || len(strings.TrimSpace(c.text(cell))) > htmlLayoutCellText {
				return false
			}
		}
	}
	if len(rows) < 2 && !caption || cols < 2 {
		return false
	}
	return true
}

// htmlHasLayout reports whether n holds elements that data cells do not:
// a table, a heading, a code block, a quotation, or several paragraphs.
func htmlHasLayout(n *html.Node, c *htmlConv) bool {
	paras := 0
	var walk func(*html.Node, int) bool
	walk = func(m *html.Node, depth int) bool {
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || c.dropped(ch) {
				continue
			}
			switch ch.DataAtom {
			case atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Blockquote, atom.Article, atom.Section:
				return true
			case atom.P:
				if paras++; paras > 2 {
					return true
				}
			}
			if depth < 50 && walk(ch, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(n, 0)
}

// inlines converts the children of n as inline content.
func (c *htmlConv) inlines(n *html.Node) []model.Inline {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > htmlMaxDepth {
		return []model.Inline{&model.Text{Text: c.text(n)}}
	}
	var out []model.Inline
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		out = append(out, c.inline(ch)...)
	}
	return out
}

func (c *htmlConv) inline(n *html.Node) []model.Inline {
	if c.dropped(n) {
		return nil
	}
	switch n.Type {
	case html.TextNode:
		return []model.Inline{&model.Text{Text: n.Data}}
	case html.ElementNode:
	default:
		return nil
	}
	switch n.DataAtom {
	case atom.Br:
		return []model.Inline{&model.LineBreak{}}
	case atom.Wbr:
		return nil
	case atom.Img:
		alt := attr(n, "alt")
		if alt == "" {
			alt = attr(n, "title")
		}
		return c.img.inline(attr(n, "src"), alt, intAttr(n, "width"), intAttr(n, "height"), c.line)
	case atom.A:
		content := c.inlines(n)
		if !hasAttr(n, "href") {
			return content
		}
		raw := attr(n, "href")
		target, verdict := linkTarget(raw, c.base)
		switch verdict {
		case linkOK:
			return []model.Inline{&model.Link{Target: target, Content: content}}
		case linkUnsafe:
			c.tr.repair(c.line, "unsafe-link", "kept the text %q of a link whose scheme is not allowed, without the link", mdShort(model.Plain(content)))
		}
		return content
	case atom.Em, atom.I, atom.Cite, atom.Dfn, atom.Var:
		return []model.Inline{&model.Emph{Content: c.inlines(n)}}
	case atom.Strong, atom.B:
		return []model.Inline{&model.Strong{Content: c.inlines(n)}}
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		return []model.Inline{&model.CodeSpan{Text: c.text(n)}}
	case atom.Q:
		out := []model.Inline{&model.Text{Text: "\""}}
		out = append(out, c.inlines(n)...)
		return append(out, &model.Text{Text: "\""})
	}
	if htmlBlockTags[n.DataAtom] {
		// A block inside inline content (a paragraph in a table cell or a
		// heading): keep its words, set off by spaces.
		out := []model.Inline{&model.Text{Text: " "}}
		out = append(out, c.inlines(n)...)
		return append(out, &model.Text{Text: " "})
	}
	out := c.inlines(n)
	if htmlLabelJoin(n) {
		out = append(out, &model.Text{Text: " "})
	}
	return out
}

// htmlLabelJoin reports whether a span-like element ends in a lowercase
// letter right against a capital that starts the text after it
// ("<span>Credit</span>Kevin Frayer"): pages set such labels apart with
// style sheets or hide them from sight for screen readers, and joined
// they would read as one garbled word ("CreditKevin").
func htmlLabelJoin(n *html.Node) bool {
	next := n.NextSibling
	if next == nil || next.Type != html.TextNode {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next.Data)
	if !unicode.IsUpper(first) {
		return false
	}
	text := htmlText(n)
	last, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsLower(last)
}

// htmlText is the text content of n, without dropped elements. It serves
// metadata and measures; the converter uses c.text, which also leaves out
// hidden elements.
func htmlText(n *html.Node) string {
	return htmlTextOf(n, func(m *html.Node) bool { return htmlDropped[m.DataAtom] || m.Namespace != "" }, " ")
}

// text is the text content of n as the converter sees it: without dropped
// or hidden elements, a line break counting as a space.
func (c *htmlConv) text(n *html.Node) string {
	return htmlTextOf(n, c.dropped, " ")
}

// preText is the text of a <pre>, line breaks kept; no-break spaces (used
// to keep blank lines in some pages, Mozilla Hacks) become spaces.
func (c *htmlConv) preText(n *html.Node) string {
	s := strings.ReplaceAll(htmlTextOf(n, c.dropped, "\n"), "\u00a0", " ")
	return strings.ReplaceAll(s, "\t", "    ")
}

// htmlTextOf concatenates the text under n, skipping the elements skip
// accepts and writing br for each <br>.
func htmlTextOf(n *html.Node, skip func(*html.Node) bool, br string) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(m *html.Node, depth int) {
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				b.WriteString(ch.Data)
			case html.ElementNode:
				switch {
				case skip(ch):
				case ch.DataAtom == atom.Br:
					b.WriteString(br)
				case depth < 10000:
					walk(ch, depth+1)
				}
			}
		}
	}
	walk(n, 0)
	return b.String()
}

var htmlLangClass = regexp.MustCompile(`(?:^|\s)(?:language|lang|highlight-source|brush:?)-?([A-Za-z0-9+#_.-]+)`)

// htmlCodeLang reads a code block's language from the usual class names
// ("language-go", "lang-js") on the <pre> or its <code>.
func htmlCodeLang(n *html.Node) string {
	try := func(m *html.Node) string {
		if l := strings.TrimSpace(attr(m, "data-lang")); l != "" && len(l) < 30 {
			return strings.ToLower(l)
		}
		if sm := htmlLangClass.FindStringSubmatch(attr(m, "class")); sm != nil && len(sm[1]) < 30 {
			return strings.ToLower(sm[1])
		}
		return ""
	}
	if l := try(n); l != "" {
		return l
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.DataAtom == atom.Code {
			return try(ch)
		}
	}
	return ""
}
