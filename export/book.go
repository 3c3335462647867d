package export

import (
	"fmt"
	"path"
	"strings"
	"time"

	"pamphlet/locale"
	"pamphlet/model"
)

// pkgFile is one file of the publication as the package document lists
// it.
type pkgFile struct {
	name       string // path inside the EPUB folder, such as "xhtml/text.xhtml"
	mediaType  string
	data       []byte
	properties string // manifest properties: "nav", "cover-image"
	// body is what go-epub receives for an XHTML document it places; nil
	// for the files pamphlet writes itself (package document, navigation).
	body []byte
	// title is the document title go-epub receives.
	title string
}

// id is the manifest id of f: its file name, which is unique in a book and
// starts with a letter, as an XML id must.
func (f *pkgFile) id() string { return path.Base(f.name) }

// spineRef is one entry of the reading order.
type spineRef struct {
	file   *pkgFile
	linear bool
}

// build renders the book and returns the bytes of the EPUB container.
func (bk *book) build(opt EPUBOptions) ([]byte, error) {
	warn := opt.Warn
	if warn == nil {
		warn = func(string) {}
	}
	for _, ch := range bk.chapters {
		if err := model.Validate(ch.doc); err != nil {
			return nil, fmt.Errorf("%s: %w", ch.title, err)
		}
	}
	lang := bk.lang
	if lang == "" {
		lang = "en"
		warn("the article has no language; the book is marked as English")
	}
	loc, native := locale.For(lang)
	modified := modifiedTime(opt.Modified, bk.date)

	// Chapters first: they decide which images the book holds.
	var chapters []*rendered
	figures := 0
	for _, ch := range bk.chapters {
		chLang := ch.doc.Lang
		if chLang == "" {
			chLang = lang
		}
		r, err := renderChapter(ch, chLang, &figures, warn)
		if err != nil {
			return nil, err
		}
		chapters = append(chapters, r)
		if opt.Progress != nil {
			opt.Progress()
		}
	}

	css := houseStyle
	var resources []resource
	if opt.EmbedFonts {
		fontRes, faces := bk.fontFiles()
		resources = append(resources, fontRes...)
		css = faces + css
	}
	resources = append(resources, resource{name: cssFile, mediaType: "text/css", data: []byte(css)})
	for _, r := range chapters {
		resources = append(resources, r.images...)
	}

	var coverImage *resource
	switch {
	case opt.NoCover:
	case opt.Cover != nil:
		mt, err := CheckImage(opt.Cover)
		if err != nil {
			name := opt.CoverName
			if name == "" {
				name = "image"
			}
			return nil, fmt.Errorf("cover %s: %w", name, err)
		}
		coverImage = &resource{name: imageDir + "cover" + extensionOf(mt), mediaType: mt, data: opt.Cover}
	default:
		ct := bk.coverText(loc)
		missing, err := coverMissing(ct)
		if err != nil {
			return nil, fmt.Errorf("generate cover: %w", err)
		}
		if len(missing) > 0 {
			warn(fmt.Sprintf("cover: no font has %s; printed as %q (give --cover IMAGE to use a cover of your own)", runeList(missing), '\ufffd'))
		}
		png, err := coverPNG(ct)
		if err != nil {
			return nil, fmt.Errorf("generate cover: %w", err)
		}
		coverImage = &resource{name: imageDir + "cover.png", mediaType: "image/png", data: png}
	}

	// The files of the publication, and the reading order.
	var files []*pkgFile
	var spine []spineRef
	add := func(f *pkgFile) *pkgFile {
		files = append(files, f)
		return f
	}
	for _, r := range resources {
		add(&pkgFile{name: r.name, mediaType: r.mediaType, data: r.data})
	}
	if coverImage != nil {
		add(&pkgFile{name: coverImage.name, mediaType: coverImage.mediaType, data: coverImage.data, properties: "cover-image"})
		body := coverBody(bk, loc, coverImage.name)
		page := add(xhtmlFile(coverFile, bk.title, lang, "cover", "cover", body))
		spine = append(spine, spineRef{page, true})
	}
	tpBody := titlePageBody(bk, loc)
	if bk.anthology {
		tpBody = anthologyTitlePage(bk, loc)
	}
	tp := add(xhtmlFile(titlePageFile, bk.title, lang, "frontmatter", "", tpBody))
	spine = append(spine, spineRef{tp, true})
	// An anthology's contents is a page to read after its title page.
	tocAt := len(spine)
	for _, r := range chapters {
		f := add(&pkgFile{name: xhtmlDir + r.ch.file, mediaType: xhtmlType, data: r.doc, body: r.body, title: r.ch.title})
		spine = append(spine, spineRef{f, true})
	}

	id := bk.identifier()
	skeleton, err := goEPUB(bk, id, lang, files)
	if err != nil {
		return nil, err
	}
	if err := skeleton.check(files); err != nil {
		return nil, fmt.Errorf("go-epub: %w", err)
	}

	// Navigation and the package document replace go-epub's: it can set
	// neither several creators, nor accessibility metadata, nor landmarks,
	// and it stamps the clock into dcterms:modified.
	nav := add(&pkgFile{name: navFile, mediaType: xhtmlType, properties: "nav"})
	nav.data = navDoc(bk, chapters, lang, loc, native, coverImage != nil)
	// The navigation document also sits in the spine, outside the linear
	// reading order, so that its contents list is a reachable page; an
	// anthology reads it after the title page.
	if bk.anthology {
		spine = append(spine[:tocAt], append([]spineRef{{nav, true}}, spine[tocAt:]...)...)
	} else {
		spine = append(spine, spineRef{nav, false})
	}
	ncx := add(&pkgFile{name: ncxFile, mediaType: "application/x-dtbncx+xml"})
	ncx.data = ncxDoc(bk, id, chapters)
	generated := coverImage != nil && opt.Cover == nil
	opf := packageDoc(bk, id, lang, modified, files, spine, chapters, coverImage, generated)

	entries := []zipEntry{
		{name: "mimetype", data: []byte(epubMediaType), store: true},
		{name: "META-INF/container.xml", data: skeleton.container},
		{name: contentDir + "package.opf", data: opf},
	}
	for _, f := range files {
		e := zipEntry{name: contentDir + f.name, data: f.data, store: precompressed(f.mediaType)}
		// A resource go-epub already deflated is stored as it compressed
		// it: check kept only files whose bytes it found to be
		// pamphlet's (same CRC-32 and length).
		if raw, ok := skeleton.deflated[f.name]; ok && !e.store && len(f.data) > 0 {
			e.raw, e.crc = raw.data, skeleton.crc[f.name]
		}
		entries = append(entries, e)
	}
	return writeZip(entries, modified)
}

const (
	xhtmlType     = "application/xhtml+xml"
	epubMediaType = "application/epub+zip"
	// contentDir is the folder go-epub puts the publication in.
	contentDir = "EPUB/"
)

// precompressed reports whether files of a media type are compressed
// already, so deflating them again would only cost time.
func precompressed(mediaType string) bool {
	switch mediaType {
	case "image/png", "image/jpeg", "image/gif":
		return true
	}
	return false
}

// xhtmlFile wraps a body in a complete XHTML document in xhtmlDir.
func xhtmlFile(file, title, lang, bodyType, bodyClass string, body []byte) *pkgFile {
	var d xmlBuf
	docHead(&d, lang, title, fromXHTML+cssFile, bodyType, bodyClass)
	d.Write(body)
	docFoot(&d)
	return &pkgFile{name: xhtmlDir + file, mediaType: xhtmlType, data: d.Bytes(), body: body, title: title}
}

// titlePageBody is the title page: title, subtitle, byline and date.
func titlePageBody(bk *book, loc *locale.Words) []byte {
	var b xmlBuf
	b.WriteString(`<section class="titlepage" epub:type="titlepage">` + "\n")
	// The title is printed here as a paragraph, not a heading: the
	// article's own h1 follows in the text, and one title must make one
	// entry in the document outline (the PDF prints it once).
	rtl := direction(bk.lang) == "rtl"
	b.elem("p", bk.title, "class", "title", "epub:type", "title", "dir", autoDir(bk.title, rtl))
	frontMatter(&b, loc, bk.subtitle, bk.byline, bk.creators, bk.dateline, bk.date, rtl)
	b.WriteString("</section>\n")
	return b.Bytes()
}

// coverBody shows the cover image on a page of its own. Its text
// alternative gives what the cover says.
func coverBody(bk *book, loc *locale.Words, image string) []byte {
	alt := bk.title
	if len(bk.creators) > 0 {
		alt += " — " + loc.JoinNames(bk.creators)
	}
	var b xmlBuf
	b.WriteString(`<div class="cover">`)
	b.empty("img", "src", fromXHTML+image, "alt", alt, "role", "doc-cover")
	b.WriteString("</div>\n")
	return b.Bytes()
}

// navNode is an entry of the table of contents.
type navNode struct {
	text, href string
	kids       []*navNode
}

// navTree nests each chapter's headings under the chapter by level: a
// heading goes under the nearest earlier heading of a smaller level.
func navTree(chapters []*rendered) []*navNode {
	var roots []*navNode
	for _, r := range chapters {
		href := xhtmlDir + r.ch.file
		root := &navNode{text: r.ch.title, href: href}
		roots = append(roots, root)
		type open struct {
			level int
			node  *navNode
		}
		var stack []open
		for _, e := range r.toc {
			n := &navNode{text: e.text, href: href + "#" + e.id}
			for len(stack) > 0 && stack[len(stack)-1].level >= e.level {
				stack = stack[:len(stack)-1]
			}
			parent := root
			if len(stack) > 0 {
				parent = stack[len(stack)-1].node
			}
			parent.kids = append(parent.kids, n)
			stack = append(stack, open{e.level, n})
		}
	}
	return roots
}

// navDoc is the EPUB 3 navigation document: the table of contents and the
// landmarks. Its labels are in the book's language when pamphlet knows
// it, else in English, marked as such.
func navDoc(bk *book, chapters []*rendered, lang string, loc *locale.Words, native, cover bool) []byte {
	labelLang := ""
	if !native {
		labelLang = loc.Lang
	}
	var b xmlBuf
	docHead(&b, lang, loc.Contents, cssFile, "", "")
	b.WriteString(`<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">` + "\n")
	b.elem("h1", loc.Contents, "id", "toc-title", "lang", labelLang, "xml:lang", labelLang)
	var list func(nodes []*navNode)
	list = func(nodes []*navNode) {
		b.WriteString("<ol>\n")
		for _, n := range nodes {
			b.WriteString("<li>")
			b.open("a", "href", n.href)
			b.text(n.text)
			b.WriteString("</a>")
			if len(n.kids) > 0 {
				b.WriteByte('\n')
				list(n.kids)
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n")
	}
	list(navTree(chapters))
	b.WriteString("</nav>\n")

	b.WriteString(`<nav epub:type="landmarks" id="landmarks" hidden="hidden">` + "\n")
	b.elem("h2", loc.Landmarks, "lang", labelLang, "xml:lang", labelLang)
	b.WriteString("<ol>\n")
	landmark := func(typ, href, label string) {
		b.WriteString("<li>")
		b.open("a", "epub:type", typ, "href", href, "lang", labelLang, "xml:lang", labelLang)
		b.text(label)
		b.WriteString("</a></li>\n")
	}
	if cover {
		landmark("cover", xhtmlDir+coverFile, loc.Cover)
	}
	landmark("titlepage", xhtmlDir+titlePageFile, loc.TitlePage)
	landmark("toc", navFile+"#toc", loc.Contents)
	body := chapters[0]
	if body.ch.preface && len(chapters) > 1 {
		body = chapters[1]
	}
	landmark("bodymatter", xhtmlDir+body.ch.file, loc.StartOfText)
	b.WriteString("</ol>\n</nav>\n")
	docFoot(&b)
	return b.Bytes()
}

// ncxDoc is the EPUB 2 table of contents, for older reading systems. It
// mirrors the navigation document's.
func ncxDoc(bk *book, id string, chapters []*rendered) []byte {
	tree := navTree(chapters)
	var depth func(nodes []*navNode) int
	depth = func(nodes []*navNode) int {
		d := 0
		for _, n := range nodes {
			d = max(d, 1+depth(n.kids))
		}
		return d
	}
	var b xmlBuf
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">` + "\n<head>\n")
	b.empty("meta", "name", "dtb:uid", "content", id)
	b.WriteByte('\n')
	b.empty("meta", "name", "dtb:depth", "content", fmt.Sprint(depth(tree)))
	b.WriteString("\n" + `<meta name="dtb:totalPageCount" content="0"/>` + "\n" + `<meta name="dtb:maxPageNumber" content="0"/>` + "\n</head>\n")
	b.WriteString("<docTitle>")
	b.elem("text", bk.title)
	b.WriteString("</docTitle>\n")
	for _, a := range bk.creators {
		b.WriteString("<docAuthor>")
		b.elem("text", a)
		b.WriteString("</docAuthor>\n")
	}
	b.WriteString("<navMap>\n")
	order := 0
	var points func(nodes []*navNode)
	points = func(nodes []*navNode) {
		for _, n := range nodes {
			order++
			fmt.Fprintf(&b, `<navPoint id="np%d" playOrder="%d">`+"\n<navLabel>", order, order)
			b.elem("text", n.text)
			b.WriteString("</navLabel>\n")
			b.empty("content", "src", n.href)
			b.WriteByte('\n')
			points(n.kids)
			b.WriteString("</navPoint>\n")
		}
	}
	points(tree)
	b.WriteString("</navMap>\n</ncx>\n")
	return b.Bytes()
}

// packageDoc is the package document (package.opf): metadata, manifest
// and spine.
func packageDoc(bk *book, id, lang string, modified time.Time, files []*pkgFile, spine []spineRef, chapters []*rendered, cover *resource, generatedCover bool) []byte {
	var b xmlBuf
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"`)
	b.attrs([]string{"xml:lang", lang, "dir", direction(lang)})
	b.WriteString(">\n" + `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	b.elem("dc:identifier", id, "id", "pub-id")
	b.elem("dc:title", bk.title, "id", "title")
	b.elem("meta", "main", "refines", "#title", "property", "title-type")
	if bk.subtitle != "" {
		b.elem("dc:title", bk.subtitle, "id", "subtitle")
		b.elem("meta", "subtitle", "refines", "#subtitle", "property", "title-type")
	}
	person := func(elem, prefix, role string, names []string) {
		for i, name := range names {
			pid := fmt.Sprintf("%s%d", prefix, i+1)
			b.elem(elem, name, "id", pid)
			b.elem("meta", role, "refines", "#"+pid, "property", "role", "scheme", "marc:relators")
		}
	}
	creatorRole := bk.creatorRole
	if creatorRole == "" {
		creatorRole = "aut"
	}
	person("dc:creator", "creator", creatorRole, bk.creators)
	person("dc:contributor", "contributor", "aut", bk.contributors)
	b.elem("dc:language", lang)
	if !bk.date.IsZero() {
		b.elem("dc:date", bk.date.String())
	}
	if src := sourceURL(bk.source); src != "" {
		b.elem("dc:source", src)
	}
	if bk.description != "" {
		b.elem("dc:description", bk.description)
	}
	b.elem("meta", modified.Format("2006-01-02T15:04:05Z"), "property", "dcterms:modified")
	accessibility(&b, chapters, generatedCover)
	if cover != nil {
		// The EPUB 2 way of naming the cover, still read by some devices.
		b.empty("meta", "name", "cover", "content", path.Base(cover.name))
		b.WriteByte('\n')
	}
	b.WriteString("</metadata>\n<manifest>\n")
	for _, f := range files {
		b.empty("item", "id", f.id(), "href", f.name, "media-type", f.mediaType, "properties", f.properties)
		b.WriteByte('\n')
	}
	b.WriteString("</manifest>\n<spine toc=\"" + path.Base(ncxFile) + "\"")
	b.attrs([]string{"page-progression-direction", direction(lang)})
	b.WriteString(">\n")
	for _, s := range spine {
		linear := ""
		if !s.linear {
			linear = "no"
		}
		b.empty("itemref", "idref", s.file.id(), "linear", linear)
		b.WriteByte('\n')
	}
	b.WriteString("</spine>\n</package>\n")
	return b.Bytes()
}

// accessibility writes the schema.org accessibility metadata: how the
// content can be perceived, what helps navigating it, and a summary.
// generatedCover says the cover shows only the title page's text.
func accessibility(b *xmlBuf, chapters []*rendered, generatedCover bool) {
	images, described := 0, 0
	for _, r := range chapters {
		images += len(r.images)
		described += r.described
	}
	meta := func(prop, value string) { b.elem("meta", value, "property", "schema:"+prop) }
	meta("accessMode", "textual")
	if images > 0 {
		meta("accessMode", "visual")
	}
	if described == images {
		meta("accessModeSufficient", "textual")
	} else {
		meta("accessModeSufficient", "textual,visual")
	}
	meta("accessibilityFeature", "structuralNavigation")
	meta("accessibilityFeature", "tableOfContents")
	meta("accessibilityFeature", "readingOrder")
	meta("accessibilityFeature", "displayTransformability")
	if images > 0 && described == images {
		meta("accessibilityFeature", "alternativeText")
	}
	meta("accessibilityHazard", "none")
	summary := []string{"Reflowable text whose headings mark its sections, in reading order, with a table of contents and landmarks."}
	switch {
	case images == 0:
		summary = append(summary, "No images carry content beyond the text.")
	case described == images:
		summary = append(summary, "Every image has a text alternative.")
	default:
		summary = append(summary, fmt.Sprintf("%d of %d images have no text alternative.", images-described, images))
	}
	if generatedCover {
		summary = append(summary, "The cover image repeats the title page.")
	}
	// The summary is English whatever the book's language, and says so.
	b.elem("meta", strings.Join(summary, " "), "property", "schema:accessibilitySummary", "xml:lang", "en")
}

// runeList names characters for a message: the count, and the first few
// with their code points.
func runeList(rs []rune) string {
	const shown = 5
	var parts []string
	for _, r := range rs[:min(len(rs), shown)] {
		parts = append(parts, fmt.Sprintf("%U %q", r, r))
	}
	if len(rs) > shown {
		parts = append(parts, "…")
	}
	what := "1 character"
	if len(rs) > 1 {
		what = fmt.Sprintf("%d characters", len(rs))
	}
	return what + " (" + strings.Join(parts, ", ") + ")"
}
