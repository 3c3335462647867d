package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"pamphlet/locale"
)

// Namespaces the finishing step looks up in go-epub's documents, to add
// names with the prefixes go-epub declared.
const (
	dcNS  = "http://purl.org/dc/elements/1.1/"
	opsNS = "http://www.idpf.org/2007/ops"
)

// epubFinish is what finishEPUB adds to go-epub's book: the parts of an
// EPUB go-epub has no way to express.
type epubFinish struct {
	bk       *book
	id, lang string
	loc      *locale.Words
	native   bool // loc is the book's own language, not the English fallback
	modified time.Time
	chapters []*rendered
	// files are the files go-epub was given, in order; the XHTML ones carry
	// their language and body type.
	files []*pkgFile
	// cover is the cover image, nil without one; generatedCover says
	// pamphlet drew it, coverAlt is its text alternative.
	cover          *resource
	generatedCover bool
	coverAlt       string
	// userCSS says the book holds the reader's style sheet (userCSSFile),
	// which every document links after pamphlet's.
	userCSS bool
	// contents puts the navigation document in the linear reading order
	// before the first chapter, as an anthology has it.
	contents bool
	// progress, when set, is called once for each chapter written;
	// release, when set, with each chapter once it is written.
	progress func()
	release  func(*chapter)
	// buf is the chapters' write buffer, one for all.
	buf xmlBuf
}

// finishEPUB is the one step that completes the container go-epub wrote,
// editing its XML documents as parsed trees (never their bytes):
//
//   - the package document gets the other creators and the contributors
//     with their roles, the subtitle, date and source, the accessibility
//     metadata, dcterms:modified from the book (go-epub stamps the clock),
//     the navigation document in the reading order, the EPUB 2 <guide>
//     entry for the cover, and its manifest in a fixed order (go-epub
//     lists resources in map order);
//   - the navigation document gets the headings under each chapter,
//     landmarks, its heading and title in the book's language, the
//     stylesheet, and loses the title page, which is no entry of the
//     contents;
//   - the NCX gets the same entries, every author, its dtb:uid (go-epub
//     writes the identifier into dtb:depth) and play order;
//   - every XHTML document links the reader's style sheet, when there is
//     one, after pamphlet's (go-epub links one style sheet);
//   - every XHTML document gets its language and direction (go-epub sets
//     dir="auto" on the body, which lets the first letter decide the
//     direction of the whole page), its body's epub:type, and the cover
//     page a text alternative that says what the cover shows;
//   - every chapter is written in place of the placeholder go-epub was
//     given as its body, as its entry of the container is written: one
//     chapter's XHTML at a time is made, in pieces.
//
// Resources go-epub compressed are copied as they are. The container is
// written again only to give it a fixed order and date, which go-epub's
// in-memory file system does not.
func finishEPUB(w io.Writer, container []byte, f *epubFinish) error {
	zr, err := zip.NewReader(bytes.NewReader(container), int64(len(container)))
	if err != nil {
		return fmt.Errorf("go-epub wrote an unreadable container: %w", err)
	}
	byName := map[string]*pkgFile{}
	for _, pf := range f.files {
		byName[pf.name] = pf
	}
	entries := []zipEntry{{name: "mimetype", data: []byte(epubMediaType), store: true}}
	seen := map[string]bool{}
	for _, zf := range zr.File {
		name, inEPUB := strings.CutPrefix(zf.Name, contentDir)
		e := zipEntry{name: zf.Name}
		var edit func([]byte) ([]byte, error)
		switch {
		case zf.Name == "mimetype":
			continue
		case zf.Name == "META-INF/container.xml":
			edit = checkContainer
		case !inEPUB:
			return fmt.Errorf("go-epub wrote an unexpected %s", zf.Name)
		case name == "package.opf":
			edit = f.pkg
		case name == navFile:
			edit = f.nav
		case name == ncxFile:
			edit = f.ncx
		case path.Dir(name)+"/" == xhtmlDir:
			pf := byName[name]
			if pf == nil {
				return fmt.Errorf("go-epub wrote an unexpected %s", zf.Name)
			}
			edit = func(b []byte) ([]byte, error) {
				doc, at, err := f.section(pf, b)
				if err == nil && pf.chapter != nil {
					// Made as its entry is written.
					e.write = f.chapterWriter(pf.chapter, doc, at)
					return nil, nil
				}
				return doc, err
			}
		default:
			if byName[name] == nil {
				return fmt.Errorf("go-epub wrote an unexpected %s", zf.Name)
			}
			e, err = rawEntry(zf)
			if err != nil {
				return err
			}
		}
		seen[name] = true
		if edit != nil {
			data, err := readZipFile(zf)
			if err == nil {
				e.data, err = edit(data)
			}
			if err != nil {
				return fmt.Errorf("finish go-epub's %s: %w", zf.Name, err)
			}
		}
		entries = append(entries, e)
	}
	for _, pf := range f.files {
		if !seen[pf.name] {
			return fmt.Errorf("go-epub left %s out of the container", pf.name)
		}
	}
	return writeZip(w, entries, f.modified)
}

// rawEntry takes a file from go-epub's container as it was stored, with
// its checksum and sizes, without decompressing it.
func rawEntry(zf *zip.File) (zipEntry, error) {
	r, err := zf.OpenRaw()
	if err != nil {
		return zipEntry{}, fmt.Errorf("go-epub's %s: %w", zf.Name, err)
	}
	raw := make([]byte, zf.CompressedSize64)
	if _, err := io.ReadFull(r, raw); err != nil {
		return zipEntry{}, fmt.Errorf("go-epub's %s: %w", zf.Name, err)
	}
	return zipEntry{name: zf.Name, raw: raw, crc: zf.CRC32, size: zf.UncompressedSize64, store: zf.Method == zip.Store}, nil
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, err
	}
	// Reading on checks the CRC-32 at the end of the data.
	if n, err := rc.Read(make([]byte, 1)); n != 0 {
		return nil, fmt.Errorf("%s is longer than its header says", f.Name)
	} else if err != io.EOF {
		return nil, err
	}
	return b, nil
}

// checkContainer makes sure go-epub's container.xml points at the package
// document the finishing step edits.
func checkContainer(data []byte) ([]byte, error) {
	doc, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	rf := doc.find("rootfile")
	if rf == nil || rf.attr("full-path") != contentDir+"package.opf" {
		return nil, errors.New("it does not point at " + contentDir + "package.opf")
	}
	return data, nil
}

// pkg finishes the package document.
func (f *epubFinish) pkg(data []byte) ([]byte, error) {
	doc, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	pkg := doc.find("package")
	meta := doc.find("metadata")
	manifest := doc.find("manifest")
	spine := doc.find("spine")
	for name, n := range map[string]*xmlNode{"package": pkg, "metadata": meta, "manifest": manifest, "spine": spine} {
		if n == nil {
			return nil, errNoElement("package.opf", name)
		}
	}
	pkg.setAttr("xml:lang", f.lang)
	pkg.setAttr("dir", direction(f.lang))
	bk := f.bk
	dc := meta.prefix(dcNS, "dc")
	title := meta.find(dc + ":title")
	if title == nil {
		return nil, errNoElement("package.opf", dc+":title")
	}
	title.setAttr("id", "title")
	meta.add(2, "meta", "main", "refines", "#title", "property", "title-type")
	if bk.subtitle != "" {
		meta.add(2, dc+":title", bk.subtitle, "id", "subtitle")
		meta.add(2, "meta", "subtitle", "refines", "#subtitle", "property", "title-type")
	}
	role := bk.creatorRole
	if role == "" {
		role = "aut"
	}
	if len(bk.creators) > 0 {
		// go-epub wrote the first creator, refined as an author.
		first := meta.find(dc + ":creator")
		if first == nil {
			return nil, errNoElement("package.opf", dc+":creator")
		}
		for _, m := range meta.elems("meta") {
			if m.attr("refines") == "#"+first.attr("id") && m.attr("property") == "role" {
				m.setText(role)
			}
		}
	}
	person := func(elem, prefix, role string, first int, names []string) {
		for i, name := range names {
			id := fmt.Sprintf("%s%d", prefix, first+i)
			meta.add(2, elem, name, "id", id)
			meta.add(2, "meta", role, "refines", "#"+id, "property", "role", "scheme", "marc:relators")
		}
	}
	if len(bk.creators) > 1 {
		person(dc+":creator", "creator", role, 2, bk.creators[1:])
	}
	person(dc+":contributor", "contributor", "aut", 1, bk.contributors)
	if !bk.date.IsZero() {
		meta.add(2, dc+":date", bk.date.String())
	}
	if src := sourceURL(bk.source); src != "" {
		meta.add(2, dc+":source", src)
	}
	if bk.publisher != "" {
		meta.add(2, dc+":publisher", bk.publisher)
	}
	if bk.rights != "" {
		meta.add(2, dc+":rights", bk.rights)
	}
	modified := false
	for _, m := range meta.elems("meta") {
		if m.attr("property") == "dcterms:modified" {
			m.setText(f.modified.Format("2006-01-02T15:04:05Z"))
			modified = true
		}
	}
	if !modified {
		return nil, errNoElement("package.opf", `meta property="dcterms:modified"`)
	}
	for _, m := range accessibility(f.chapters, f.generatedCover) {
		meta.add(2, "meta", m[1], "property", "schema:"+m[0], "xml:lang", m[2])
	}

	// The manifest in a fixed order, each file where pamphlet placed it.
	items := manifest.elems("item")
	slices.SortStableFunc(items, func(a, b *xmlNode) int { return strings.Compare(a.attr("href"), b.attr("href")) })
	manifest.kids = []*xmlNode{indent(1)}
	ids := map[string]string{} // href → id
	var navID string
	for _, it := range items {
		ids[it.attr("href")] = it.attr("id")
		it.setAttr("media-type", mediaTypeOf(it.attr("media-type")))
		if it.attr("properties") == "nav" {
			navID = it.attr("id")
		}
		manifest.put(2, it)
	}
	var want []string
	for _, pf := range f.files {
		if _, ok := ids[pf.name]; !ok {
			return nil, fmt.Errorf("%s is missing from the manifest", pf.name)
		}
		if pf.mediaType == xhtmlType {
			want = append(want, ids[pf.name])
		}
	}
	if navID == "" {
		return nil, errors.New("no navigation document in the manifest")
	}

	// The reading order: go-epub's, with the navigation document after
	// it, outside the linear order, so that its contents is a reachable
	// page; an anthology (or an article asked for its contents) reads its
	// contents before its first chapter.
	refs := spine.elems("itemref")
	var got []string
	for _, r := range refs {
		got = append(got, r.attr("idref"))
	}
	if !slices.Equal(got, want) {
		return nil, fmt.Errorf("reading order %v, want %v", got, want)
	}
	navRef := newElem("itemref", "", "idref", navID)
	if bk.anthology || f.contents {
		first := ids[xhtmlDir+f.chapters[0].ch.file]
		at := slices.IndexFunc(spine.kids, func(k *xmlNode) bool { return k.attr("idref") == first })
		spine.insert(at, 2, navRef)
	} else {
		navRef.setAttr("linear", "no")
		spine.put(2, navRef)
	}
	if f.cover != nil {
		if ids[xhtmlDir+coverFile] == "" {
			return nil, errors.New("no cover page in the manifest")
		}
		// The EPUB 2 way of naming the cover page, which some reading
		// systems need so as not to show the cover twice.
		guide := newElem("guide", "")
		guide.child("reference", "", "type", "cover", "title", f.loc.Cover, "href", xhtmlDir+coverFile)
		pkg.put(1, guide)
	}
	return doc.bytes(), nil
}

// nav finishes the navigation document.
func (f *epubFinish) nav(data []byte) ([]byte, error) {
	doc, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	html, head, body := doc.find("html"), doc.find("head"), doc.find("body")
	toc := doc.find("nav")
	if html == nil || head == nil || body == nil || toc == nil {
		return nil, errNoElement(navFile, "html>head, body>nav")
	}
	epubType := html.prefix(opsNS, "epub") + ":type"
	h1, ol := toc.find("h1"), toc.find("ol")
	if toc.attr(epubType) != "toc" || h1 == nil || ol == nil {
		return nil, errNoElement(navFile, `nav epub:type="toc" with h1 and ol`)
	}
	setLang(html, body, f.lang)
	if title := head.find("title"); title != nil {
		title.setText(f.loc.Contents)
	}
	head.add(2, "link", "", "rel", "stylesheet", "type", "text/css", "href", cssFile)
	if f.userCSS {
		head.add(2, "link", "", "rel", "stylesheet", "type", "text/css", "href", userCSSFile)
	}
	labelLang := ""
	if !f.native {
		labelLang = f.loc.Lang
	}
	toc.setAttr("role", "doc-toc")
	toc.setAttr("id", "toc")
	toc.setAttr("aria-labelledby", "toc-title")
	h1.setText(f.loc.Contents)
	h1.setAttr("id", "toc-title")
	h1.setAttr("lang", labelLang)
	h1.setAttr("xml:lang", labelLang)

	// go-epub lists every document but the cover, by its title; the
	// contents lists the chapters, each with its headings.
	chapters := map[string]*navNode{}
	for _, n := range navTree(f.chapters) {
		chapters[n.href] = n
	}
	for _, li := range ol.elems("li") {
		a := li.find("a")
		if a == nil {
			return nil, errNoElement(navFile, "li>a")
		}
		n, ok := chapters[a.attr("href")]
		switch {
		case a.attr("href") == xhtmlDir+titlePageFile:
			ol.removeLine(li)
		case !ok:
			return nil, fmt.Errorf("unexpected contents entry %q", a.attr("href"))
		case len(n.kids) > 0:
			li.put(5, navList(n.kids))
		}
	}

	landmarks := newElem("nav", "", epubType, "landmarks", "id", "landmarks", "hidden", "hidden")
	landmarks.child("h2", f.loc.Landmarks, "lang", labelLang, "xml:lang", labelLang)
	list := landmarks.child("ol", "")
	landmark := func(typ, href, label string) {
		list.child("li", "").child("a", label, epubType, typ, "href", href, "lang", labelLang, "xml:lang", labelLang)
	}
	if f.cover != nil {
		landmark("cover", xhtmlDir+coverFile, f.loc.Cover)
	}
	landmark("titlepage", xhtmlDir+titlePageFile, f.loc.TitlePage)
	landmark("toc", navFile+"#toc", f.loc.Contents)
	start := f.chapters[0]
	if start.ch.preface && len(f.chapters) > 1 {
		start = f.chapters[1]
	}
	landmark("bodymatter", xhtmlDir+start.ch.file, f.loc.StartOfText)
	body.put(2, landmarks)
	return doc.bytes(), nil
}

// navList is a nested list of contents entries.
func navList(nodes []*navNode) *xmlNode {
	ol := newElem("ol", "")
	for _, n := range nodes {
		li := ol.child("li", "")
		li.child("a", n.text, "href", n.href)
		if len(n.kids) > 0 {
			li.kids = append(li.kids, navList(n.kids))
		}
	}
	return ol
}

// ncx finishes the EPUB 2 table of contents, which mirrors the
// navigation document's.
func (f *epubFinish) ncx(data []byte) ([]byte, error) {
	doc, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	root, head, navMap := doc.find("ncx"), doc.find("head"), doc.find("navMap")
	if root == nil || head == nil || navMap == nil {
		return nil, errNoElement(ncxFile, "ncx with head and navMap")
	}
	tree := navTree(f.chapters)
	var depth func(nodes []*navNode) int
	depth = func(nodes []*navNode) int {
		d := 0
		for _, n := range nodes {
			d = max(d, 1+depth(n.kids))
		}
		return d
	}
	head.kids = []*xmlNode{indent(1)}
	head.add(2, "meta", "", "name", "dtb:uid", "content", f.id)
	head.add(2, "meta", "", "name", "dtb:depth", "content", strconv.Itoa(depth(tree)))
	head.add(2, "meta", "", "name", "dtb:totalPageCount", "content", "0")
	head.add(2, "meta", "", "name", "dtb:maxPageNumber", "content", "0")

	// go-epub names one author, or writes an empty one.
	authors := root.elems("docAuthor")
	for _, a := range authors {
		root.removeLine(a)
	}
	at := slices.Index(root.kids, doc.find("docTitle")) + 1
	for i := len(f.bk.creators) - 1; i >= 0; i-- {
		author := newElem("docAuthor", "")
		author.child("text", f.bk.creators[i])
		root.insert(at, 1, author)
	}

	chapters := map[string]*navNode{}
	for _, n := range tree {
		chapters[n.href] = n
	}
	for _, np := range navMap.elems("navPoint") {
		src := np.find("content").attr("src")
		n, ok := chapters[src]
		switch {
		case src == xhtmlDir+titlePageFile:
			navMap.removeLine(np)
		case !ok:
			return nil, fmt.Errorf("unexpected navigation point %q", src)
		default:
			for _, k := range n.kids {
				np.put(3, navPoint(k))
			}
		}
	}
	order := 0
	var number func(n *xmlNode)
	number = func(n *xmlNode) {
		for _, np := range n.elems("navPoint") {
			order++
			np.setAttr("id", "np"+strconv.Itoa(order))
			np.setAttr("playOrder", strconv.Itoa(order))
			number(np)
		}
	}
	number(navMap)
	return doc.bytes(), nil
}

// navPoint is the navigation point of n and its descendants.
func navPoint(n *navNode) *xmlNode {
	np := newElem("navPoint", "")
	np.child("navLabel", "").child("text", n.text)
	np.child("content", "", "src", n.href)
	for _, k := range n.kids {
		np.kids = append(np.kids, navPoint(k))
	}
	return np
}

// section finishes an XHTML document go-epub wrote around a body. Only
// its start, up to the <body> tag, is parsed and written again; the body
// is pamphlet's, copied as it is. For a chapter, whose body go-epub was
// given as chapterPlaceholder, the placeholder is left out and at is
// where the chapter goes; else at is -1.
func (f *epubFinish) section(pf *pkgFile, data []byte) (doc []byte, at int, err error) {
	if pf.name == xhtmlDir+coverFile {
		// go-epub's own page: an image whose alt says "Cover Image".
		doc, err := parseXML(data)
		if err != nil {
			return nil, -1, err
		}
		html, head, body, img := doc.find("html"), doc.find("head"), doc.find("body"), doc.find("img")
		if html == nil || head == nil || body == nil || img == nil {
			return nil, -1, errNoElement(pf.name, "html, head, body, img")
		}
		if f.userCSS {
			head.add(2, "link", "", userCSSLink...)
		}
		setLang(html, body, pf.lang)
		setBody(html, body, pf)
		img.setAttr("alt", f.coverAlt)
		img.setAttr("role", "doc-cover")
		return doc.bytes(), -1, nil
	}
	var b xmlBuf
	b.Grow(len(data) + 64)
	d := xml.NewDecoder(bytes.NewReader(data))
	var html *xmlNode
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil, -1, errNoElement(pf.name, "body")
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			if e, ok := tok.(xml.EndElement); ok {
				if f.userCSS && rawName(e.Name) == "head" {
					b.WriteString("  ")
					newElem("link", "", userCSSLink...).writeTo(&b)
					b.WriteString("\n  ")
				}
				b.WriteString("</" + rawName(e.Name) + ">")
			} else {
				(&xmlNode{tok: tok}).writeTo(&b)
			}
			continue
		}
		n := &xmlNode{name: rawName(t.Name), attrs: t.Attr}
		switch {
		case n.name == "html":
			html = n
			setLang(html, nil, pf.lang)
		case n.name == "body" && html != nil:
			setLang(nil, n, pf.lang)
			setBody(html, n, pf)
			n.writeStart(&b)
			if pf.chapter == nil {
				b.Write(data[d.InputOffset():])
				return b.Bytes(), -1, nil
			}
			return placeChapter(pf.name, &b, data, d)
		}
		n.writeStart(&b)
	}
}

// placeChapter reads on in a chapter's document from its <body> tag to
// the placeholder, copies what stands around the placeholder to b and
// returns b's bytes and where the chapter goes in them.
func placeChapter(name string, b *xmlBuf, data []byte, d *xml.Decoder) ([]byte, int, error) {
	from := d.InputOffset()
	for {
		start := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			return nil, -1, errNoElement(name, "<!--"+placeholderText+"-->")
		}
		if c, ok := tok.(xml.Comment); ok && string(c) == placeholderText {
			b.Write(data[from:start])
			at := b.Len()
			b.Write(data[d.InputOffset():])
			return b.Bytes(), at, nil
		}
	}
}

// chapterWriter returns the writer of a chapter's entry: doc, the
// finished document go-epub wrote around it, with the chapter's body
// written at at.
func (f *epubFinish) chapterWriter(r *rendered, doc []byte, at int) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := w.Write(doc[:at]); err != nil {
			return err
		}
		if err := r.writeBody(w, &f.buf); err != nil {
			return err
		}
		if _, err := w.Write(doc[at:]); err != nil {
			return err
		}
		if f.release != nil {
			f.release(r.ch)
			r.ch.doc = nil
		}
		if f.progress != nil {
			f.progress()
		}
		return nil
	}
}

// userCSSLink are the attributes of the link from an XHTML document to
// the reader's style sheet.
var userCSSLink = []string{"rel", "stylesheet", "type", "text/css", "href", fromXHTML + userCSSFile}

// setLang gives an XHTML document's root its language and direction, and
// takes go-epub's dir="auto" off its body: that lets the first strong
// letter decide the direction of the whole page, where pamphlet marks
// each paragraph that needs it.
func setLang(html, body *xmlNode, lang string) {
	if html != nil {
		html.setAttr("lang", lang)
		html.setAttr("xml:lang", lang)
		html.setAttr("dir", direction(lang))
	}
	if body != nil {
		body.setAttr("dir", "")
	}
}

// setBody gives a document's body its structural type and class.
func setBody(html, body *xmlNode, pf *pkgFile) {
	if pf.epubType != "" {
		body.setAttr(html.prefix(opsNS, "epub")+":type", pf.epubType)
	}
	body.setAttr("class", pf.class)
}
