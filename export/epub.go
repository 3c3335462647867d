package export

import (
	"crypto/sha1"
	_ "embed"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // cover and figure images may be GIF
	_ "image/jpeg"
	_ "image/png"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"pamphlet/fonts"
	"pamphlet/highlight"
	"pamphlet/internal/picture"
	"pamphlet/locale"
	"pamphlet/model"
)

// EPUBOptions controls EPUB export. The zero value writes a book with a
// generated cover and no embedded fonts, dated by the article, and
// discards warnings.
type EPUBOptions struct {
	// Modified is stamped as dcterms:modified and on every file of the
	// container. Callers pass SOURCE_DATE_EPOCH here; zero means the
	// article's date (midnight UTC), or 1980-01-01 when it has none. The
	// exporter never reads the clock, so the same input gives the same
	// bytes.
	Modified time.Time
	// EmbedFonts carries the text faces (and the code face when the
	// article has code) into the book, with their licences.
	EmbedFonts bool
	// Cover is the cover image as PNG, JPEG or GIF bytes; nil generates a
	// typographic cover from the title, authors and date. It is checked
	// with CheckImage.
	Cover []byte
	// CoverName names Cover in messages (its file path).
	CoverName string
	// NoCover leaves the cover out.
	NoCover bool
	// Contents puts the contents (the navigation document) in the reading
	// order after the title page, as a book of several articles always
	// has it. Without it a single article's contents is reachable from
	// the landmarks and the reading system's menu but outside the linear
	// reading order.
	Contents bool
	// CSS is a style sheet of the reader's own, added to the book and
	// linked from every document after pamphlet's, so that its rules win;
	// nil adds none. It must be UTF-8 text (see CheckCSS).
	CSS []byte
	// CSSName names CSS in messages (its file path).
	CSSName string
	// Warn receives each warning (a link kept as text, an image that
	// cannot be shown); nil discards them.
	Warn func(string)
	// ArticleWarn, when set, receives instead of Warn the warnings about
	// one article of a book, with the article's 1-based index in
	// Book.Articles, so that the caller can name its file.
	ArticleWarn func(article int, msg string)
	// Progress, when set, is called once for each chapter written.
	Progress func()
	// ReleaseArticles has EPUBBook drop each article (and the preface)
	// from the book once its chapter is written, so that a long book's
	// articles are not all in memory until the end. The book is left
	// without its articles.
	ReleaseArticles bool
}

// EPUB writes doc as an EPUB 3 book to w: a cover, a title page, the
// article as one chapter, navigation (nav document, landmarks and NCX) and
// full metadata, accessibility metadata included. The same document and
// options always give the same bytes.
func EPUB(w io.Writer, doc *model.Document, opt EPUBOptions) error {
	if doc == nil {
		return errors.New("export epub: no document")
	}
	return articleBook(doc).writeTo(w, opt)
}

// writeTo builds the book and writes its container to w. Everything is
// checked before the container's first byte, the chapters by outlining
// them: a failure writes nothing, unless writing to w itself fails.
func (bk *book) writeTo(w io.Writer, opt EPUBOptions) error {
	if err := bk.build(w, opt); err != nil {
		return fmt.Errorf("export epub: %w", err)
	}
	return nil
}

// CheckImage reports whether data is a complete PNG, JPEG or GIF image
// within the pixel cap and returns its media type. The size is read from
// the header first, so an image claiming too many pixels is refused before
// anything is decoded; a PNG or GIF is then checked whole (chunks and
// their checksums, blocks) without decompressing it, and a JPEG decoded
// once.
func CheckImage(data []byte) (mediaType string, err error) {
	return checkImage(data, picture.Check)
}

// CheckCSS checks that data can be a style sheet: UTF-8 text with no
// control characters but white space. It says nothing of the rules, which
// reading systems read as browsers do, skipping what they do not know.
func CheckCSS(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("not a style sheet: not UTF-8 text")
	}
	for i, r := range string(data) {
		if r < ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7f {
			line := 1 + strings.Count(string(data[:i]), "\n")
			return fmt.Errorf("not a style sheet: control character %U on line %d (is it a text file?)", r, line)
		}
	}
	return nil
}

// cssReferences reports whether a style sheet names other files
// (@import, url()), which the book does not carry.
func cssReferences(data []byte) bool {
	s := strings.ToLower(string(data))
	return strings.Contains(s, "@import") || strings.Contains(s, "url(")
}

// CheckImageHeader is CheckImage reading only the header: the format and
// the pixel cap. Use it to refuse a cover early, before the EPUB export
// checks it whole with CheckImage.
func CheckImageHeader(data []byte) (mediaType string, err error) {
	return checkImage(data, picture.Header)
}

// checkImage checks data with check (picture.Check or picture.Header) and
// turns its errors into messages about a cover.
func checkImage(data []byte, check func([]byte) (image.Config, string, error)) (string, error) {
	if len(data) == 0 {
		return "", errors.New("the file is empty")
	}
	_, format, err := check(data)
	switch {
	case errors.Is(err, image.ErrFormat) || (err == nil && format != "png" && format != "jpeg" && format != "gif"):
		return "", errors.New("not a PNG, JPEG or GIF image")
	case errors.Is(err, picture.ErrTooLarge):
		return "", err
	case err != nil:
		return "", fmt.Errorf("the image does not decode: %v", err)
	}
	return "image/" + format, nil
}

// book is everything one EPUB holds: metadata for the package document, a
// title page and one or more chapters. An article is a one-chapter book;
// an anthology gives each article its own chapter, with its byline.
type book struct {
	title, subtitle string
	// creators become dc:creator (the book's authors); contributors
	// dc:contributor (an anthology's article authors who are not among
	// them).
	creators, contributors []string
	// byline is printed on the title page as it stands ("" joins the
	// creators' names).
	byline string
	// dateline is the date as the article printed it ("" formats date).
	dateline    string
	date        model.Date
	lang        string
	source      string
	description string
	// publisher and rights become dc:publisher and dc:rights; id, when
	// set, is the identifier the user gave (see identifier).
	publisher, rights, id string
	chapters              []*chapter
	// creatorRole is the MARC relator of the creators: "" for authors
	// (aut), "edt" for an anthology's editors.
	creatorRole string
	// anthology marks a book of several articles: its title page names
	// the editors, its contents is a page of the reading order, and its
	// identifier covers the chapter titles.
	anthology bool
	// coverNames, when not nil, are the names a generated cover shows
	// instead of the creators (an anthology shows its editors only), after
	// coverLabel ("Edited by") when it is set.
	coverNames []string
	coverLabel string
	// release, when set, is called with each chapter once it is written,
	// so that its model can go (EPUBOptions.ReleaseArticles).
	release func(*chapter)
}

// articleBook makes the one-chapter book of an article. The title page
// carries its subtitle, byline and date, so the chapter repeats only the
// title.
func articleBook(doc *model.Document) *book {
	title := doc.Title
	if title == "" {
		title = untitled(doc, locale.Of(doc.Lang))
	}
	return &book{
		title:       title,
		subtitle:    doc.Subtitle,
		creators:    doc.Authors,
		byline:      doc.Byline,
		dateline:    doc.Dateline,
		date:        doc.Date,
		lang:        doc.Lang,
		source:      doc.Source,
		description: doc.Description,
		publisher:   doc.Publisher,
		rights:      doc.Rights,
		id:          doc.Identifier,
		chapters:    []*chapter{{doc: doc, file: "text.xhtml", title: title}},
	}
}

// untitled names an article without a title after its first heading,
// else "Untitled" in words' language.
func untitled(doc *model.Document, words *locale.Words) string {
	for _, b := range doc.Blocks {
		if h, ok := b.(*model.Heading); ok {
			return strings.ReplaceAll(model.Plain(h.Content), "\n", " ")
		}
	}
	return words.Untitled
}

// identifier is the book's identifier: the one its metadata gives, else
// a stable one, a name-based UUID (version 5) of its title, authors and
// date, so converting the same article again
// gives the same identifier and reading systems keep their bookmarks. The
// parts are joined with control characters that cannot occur in them.
func (bk *book) identifier() string {
	if bk.id != "" {
		return bk.id
	}
	var name strings.Builder
	name.WriteString(bk.title + "\x1f" + strings.Join(bk.creators, "\x1e") + "\x1f" + bk.date.String())
	if bk.anthology {
		for _, ch := range bk.chapters {
			name.WriteString("\x1f" + ch.title)
		}
	}
	return "urn:uuid:" + uuidV5(pamphletNamespace, name.String())
}

// pamphletNamespace is the UUID namespace of pamphlet's book identifiers:
// the version 5 UUID of the URL "urn:pamphlet:book" in the URL namespace
// of RFC 4122.
var pamphletNamespace = mustUUID(uuidV5(mustUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "urn:pamphlet:book"))

// uuidV5 returns the version 5 (SHA-1, name-based) UUID of name in
// namespace ns, as RFC 4122 section 4.3 defines it.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func mustUUID(s string) [16]byte {
	var u [16]byte
	hex := strings.ReplaceAll(s, "-", "")
	if len(hex) != 32 {
		panic("export: bad UUID constant " + s)
	}
	for i := range u {
		var v byte
		if _, err := fmt.Sscanf(hex[2*i:2*i+2], "%02x", &v); err != nil {
			panic("export: bad UUID constant " + s)
		}
		u[i] = v
	}
	return u
}

// modifiedTime is the book's dcterms:modified: the time the caller gave,
// else the article's date at midnight UTC, else the start of the ZIP
// epoch. Never the clock.
func modifiedTime(given time.Time, d model.Date) time.Time {
	if t := outputDate(given, d); !t.IsZero() {
		return t
	}
	return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
}

// sourceURL returns s when it is an absolute web URL, else "".
func sourceURL(s string) string {
	if model.LinkBase(s) == nil {
		return ""
	}
	return model.EscapeURL(s)
}

// embeddedFaces are the faces --embed-fonts carries, with their CSS
// descriptors. The fallback face stays out: the text faces cover the
// languages pamphlet reads.
var embeddedFaces = []struct {
	style         fonts.Style
	family        string
	weight, shape string
	// code marks the faces only code uses, highlighted those only
	// highlighted code uses.
	code, highlighted bool
}{
	{fonts.Regular, "Charis SIL", "normal", "normal", false, false},
	{fonts.Italic, "Charis SIL", "normal", "italic", false, false},
	{fonts.Bold, "Charis SIL", "bold", "normal", false, false},
	{fonts.BoldItalic, "Charis SIL", "bold", "italic", false, false},
	{fonts.Mono, "DejaVu Sans Mono", "normal", "normal", true, false},
	{fonts.MonoBold, "DejaVu Sans Mono", "bold", "normal", true, true},
	{fonts.MonoOblique, "DejaVu Sans Mono", "normal", "italic", true, true},
}

// hasCode reports whether any chapter shows program code, which the
// monospaced face sets.
func (bk *book) hasCode() bool {
	found := false
	for _, ch := range bk.chapters {
		_ = model.Walk(ch.doc.Blocks, func(n model.Node) error {
			switch n := n.(type) {
			case *model.CodeSpan:
				found = true
			case *model.Code:
				found = found || !n.Layout
			}
			if found {
				return errors.New("found")
			}
			return nil
		})
	}
	return found
}

// fontFiles returns the font and licence files to embed and the
// @font-face rules that use them; highlighted says whether the book has
// highlighted code, set in the code face's bold and oblique.
func (bk *book) fontFiles(highlighted bool) (files []resource, faces string) {
	code := bk.hasCode()
	var css strings.Builder
	licences := map[string]bool{}
	for _, f := range embeddedFaces {
		if f.code && !code || f.highlighted && !highlighted {
			continue
		}
		name := fonts.FileName(f.style)
		files = append(files, resource{name: fontDir + name, mediaType: "font/ttf", data: fonts.TTF(f.style)})
		fmt.Fprintf(&css, "@font-face {\n  font-family: %q;\n  font-weight: %s;\n  font-style: %s;\n  src: url(../%s%s);\n}\n",
			f.family, f.weight, f.shape, fontDir, name)
		lname, text := fonts.Licence(f.style)
		if !licences[lname] {
			licences[lname] = true
			files = append(files, resource{name: fontDir + lname, mediaType: "text/plain", data: text})
		}
	}
	return files, css.String()
}

//go:embed epub.css
var houseStyle string

// codeStyle returns the stylesheet rules for highlighted code: one rule a
// class, from the style the PDF sets it in too. It is added only to books
// that have highlighted code.
func codeStyle() string {
	var b strings.Builder
	b.WriteString("\n/* Highlighted code: weight, italics and greys that print in black and white. */\n")
	for _, c := range highlight.Classes {
		st := c.Style()
		fmt.Fprintf(&b, "pre code .%s {\n", c.Name())
		if st.Bold {
			b.WriteString("  font-weight: bold;\n")
		}
		if st.Italic {
			b.WriteString("  font-style: italic;\n")
		}
		if st.Grey > 0 {
			v := (255*st.Grey + 50) / 100
			fmt.Fprintf(&b, "  color: #%02x%02x%02x;\n", v, v, v)
		}
		b.WriteString("}\n")
	}
	return b.String()
}
