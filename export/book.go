package export

import (
	"fmt"
	"io"
	"strings"

	"pamphlet/locale"
	"pamphlet/model"
)

// pkgFile is one file of the publication as the package document lists
// it.
type pkgFile struct {
	name       string // path inside the EPUB folder, such as "xhtml/text.xhtml"
	mediaType  string
	data       []byte // a resource's bytes; nil for an XHTML document
	properties string // manifest properties: "cover-image"
	// body is what go-epub receives for an XHTML document it places, and
	// title its document title. A chapter's body is chapterPlaceholder:
	// the finishing step writes the chapter in its place (see chapter).
	body  []byte
	title string
	// chapter is the chapter an XHTML document holds, nil for the cover
	// and title pages.
	chapter *rendered
	// lang is an XHTML document's language; epubType and class are set on
	// its body.
	lang, epubType, class string
}

// build renders the book and writes its EPUB container to w.
func (bk *book) build(w io.Writer, opt EPUBOptions) error {
	warn := opt.Warn
	if warn == nil {
		warn = func(string) {}
	}
	for _, ch := range bk.chapters {
		if err := model.Validate(ch.doc); err != nil {
			return fmt.Errorf("%s: %w", ch.title, err)
		}
	}
	lang := bk.lang
	if lang == "" {
		lang = "en"
		warn("the article has no language; the book is marked as English")
	}
	loc, native := locale.For(lang)
	modified := modifiedTime(opt.Modified, bk.date)

	// A generated cover depends on the book's metadata only: it is drawn
	// while the chapters are rendered.
	type drawn struct {
		png     []byte
		missing []rune
		err     error
	}
	var cover chan drawn
	if !opt.NoCover && opt.Cover == nil {
		cover = make(chan drawn, 1)
		go func() {
			var d drawn
			ct := bk.coverText(loc)
			if d.missing, d.err = coverMissing(ct); d.err == nil {
				d.png, d.err = coverPNG(ct)
			}
			cover <- d
		}()
	}

	// Chapters first: they decide which images the book holds.
	var chapters []*rendered
	figures := 0
	var buf xmlBuf
	for _, ch := range bk.chapters {
		chLang := ch.doc.Lang
		if chLang == "" {
			chLang = lang
		}
		chWarn := warn
		if ch.article > 0 && opt.ArticleWarn != nil {
			article := ch.article
			chWarn = func(msg string) { opt.ArticleWarn(article, msg) }
		}
		r, err := outlineChapter(ch, chLang, &figures, chWarn, &buf)
		if err != nil {
			return err
		}
		chapters = append(chapters, r)
	}

	css := houseStyle
	highlighted := false
	for _, r := range chapters {
		highlighted = highlighted || r.highlighted
	}
	if highlighted {
		css += codeStyle()
	}
	var resources []resource
	if opt.EmbedFonts {
		fontRes, faces := bk.fontFiles(highlighted)
		resources = append(resources, fontRes...)
		css = faces + css
	}
	resources = append(resources, resource{name: cssFile, mediaType: "text/css", data: []byte(css)})
	if opt.CSS != nil {
		name := opt.CSSName
		if name == "" {
			name = "style sheet"
		}
		if err := CheckCSS(opt.CSS); err != nil {
			return fmt.Errorf("css %s: %w", name, err)
		}
		if cssReferences(opt.CSS) {
			warn(fmt.Sprintf("css %s: names other files (@import or url()), which the book does not carry; reading systems will not find them", name))
		}
		resources = append(resources, resource{name: userCSSFile, mediaType: "text/css", data: opt.CSS})
	}
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
			return fmt.Errorf("cover %s: %w", name, err)
		}
		coverImage = &resource{name: imageDir + "cover" + extensionOf(mt), mediaType: mt, data: opt.Cover}
	default:
		d := <-cover
		if d.err != nil {
			return fmt.Errorf("generate cover: %w", d.err)
		}
		if len(d.missing) > 0 {
			warn(fmt.Sprintf("cover: no font has %s; printed as %q (give --cover IMAGE to use a cover of your own)", runeList(d.missing), '\ufffd'))
		}
		coverImage = &resource{name: imageDir + "cover.png", mediaType: "image/png", data: d.png}
	}

	// The files of the publication, in reading order for the XHTML ones.
	var files []*pkgFile
	for _, r := range resources {
		files = append(files, &pkgFile{name: r.name, mediaType: r.mediaType, data: r.data})
	}
	page := func(file, title, lang, epubType, class string, body []byte) *pkgFile {
		pf := &pkgFile{name: xhtmlDir + file, mediaType: xhtmlType, body: body, title: title, lang: lang, epubType: epubType, class: class}
		files = append(files, pf)
		return pf
	}
	coverAlt := ""
	if coverImage != nil {
		files = append(files, &pkgFile{name: coverImage.name, mediaType: coverImage.mediaType, data: coverImage.data, properties: "cover-image"})
		// go-epub writes the cover page; its image's text alternative
		// gives what the cover says.
		coverAlt = bk.title
		if len(bk.creators) > 0 {
			coverAlt += " — " + loc.JoinNames(bk.creators)
		}
		page(coverFile, bk.title, lang, "cover", "cover", nil)
	}
	tpBody := titlePageBody(bk, loc)
	if bk.anthology {
		tpBody = anthologyTitlePage(bk, loc)
	}
	page(titlePageFile, bk.title, lang, "frontmatter", "", tpBody)
	for _, r := range chapters {
		matter := "bodymatter"
		if r.ch.preface {
			matter = "frontmatter"
		}
		page(r.ch.file, r.ch.title, r.lang, matter, "", []byte(chapterPlaceholder)).chapter = r
	}

	id := bk.identifier()
	container, err := goEPUB(bk, id, lang, files)
	if err != nil {
		return err
	}
	return finishEPUB(w, container, &epubFinish{
		bk: bk, id: id, lang: lang, loc: loc, native: native, modified: modified,
		chapters: chapters, files: files, userCSS: opt.CSS != nil, contents: opt.Contents,
		cover: coverImage, generatedCover: coverImage != nil && opt.Cover == nil, coverAlt: coverAlt,
		progress: opt.Progress, release: bk.release,
	})
}

const (
	// chapterPlaceholder is the body go-epub is given for a chapter: a
	// comment the finishing step finds in go-epub's document and writes
	// the chapter in place of.
	chapterPlaceholder = "<!--" + placeholderText + "-->"
	placeholderText    = "pamphlet:chapter"

	xhtmlType     = "application/xhtml+xml"
	epubMediaType = "application/epub+zip"
	// contentDir is the folder go-epub puts the publication in.
	contentDir = "EPUB/"
)

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

// accessibility lists the schema.org accessibility metadata (property,
// value, language): how the content can be perceived, what helps
// navigating it, and a summary. generatedCover says the cover shows only
// the title page's text.
func accessibility(chapters []*rendered, generatedCover bool) [][3]string {
	images, described := 0, 0
	for _, r := range chapters {
		images += len(r.images)
		described += r.described
	}
	var out [][3]string
	meta := func(prop, value string) { out = append(out, [3]string{prop, value, ""}) }
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
	return append(out, [3]string{"accessibilitySummary", strings.Join(summary, " "), "en"})
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
