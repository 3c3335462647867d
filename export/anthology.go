package export

import (
	"fmt"
	"io"
	"strconv"

	"pamphlet/locale"
	"pamphlet/model"
)

// EPUBBook writes an anthology as an EPUB 3 book to w: a cover made from
// the book's title and editors (or opt.Cover), a title page with the
// title, subtitle, editors and date, the contents as a page of the
// reading order, the preface, then one XHTML file per article with its
// own title, byline and date. The navigation nests each article's
// sections under its title. The editors are the book's creators (role
// edt) and the articles' authors its contributors (role aut); a book
// without editors has its authors as creators. The same book and options
// always give the same bytes.
func EPUBBook(w io.Writer, b *model.Book, opt EPUBOptions) error {
	if err := model.ValidateBook(b); err != nil {
		return fmt.Errorf("export epub: %w", err)
	}
	bk := anthologyBook(b)
	if opt.ReleaseArticles {
		bk.release = func(ch *chapter) {
			if ch.preface {
				b.Preface = nil
			} else {
				b.Articles[ch.article-1] = nil
			}
		}
	}
	return bk.writeTo(w, opt)
}

// anthologyBook makes the book of an anthology: a chapter per article,
// each printing its own byline, after the preface.
func anthologyBook(b *model.Book) *book {
	words := locale.Of(b.Lang)
	var authors []string
	seen := map[string]bool{}
	for _, d := range b.Articles {
		for _, a := range d.Authors {
			if !seen[a] {
				seen[a] = true
				authors = append(authors, a)
			}
		}
	}
	bk := &book{
		title:       b.Title,
		subtitle:    b.Subtitle,
		date:        b.Date,
		lang:        b.Lang,
		description: b.Description,
		publisher:   b.Publisher,
		rights:      b.Rights,
		id:          b.Identifier,
		anthology:   true,
		coverNames:  []string{},
	}
	if len(b.Editors) > 0 {
		bk.creators, bk.creatorRole = b.Editors, "edt"
		bk.coverNames, bk.coverLabel = b.Editors, locale.Capitalize(words.EditedBy)
		bk.byline = locale.Capitalize(words.EditedBy) + " " + words.JoinNames(b.Editors)
		for _, a := range authors {
			if !contains(b.Editors, a) {
				bk.contributors = append(bk.contributors, a)
			}
		}
	} else {
		bk.creators = authors
	}
	if b.Preface != nil {
		pre := *b.Preface
		if pre.Title == "" {
			pre.Title = words.Preface
		}
		bk.chapters = append(bk.chapters, &chapter{doc: &pre, file: "preface.xhtml", title: pre.Title, front: true, preface: true})
	}
	width := max(3, len(strconv.Itoa(len(b.Articles))))
	for i, d := range b.Articles {
		title := d.Title
		if title == "" {
			title = untitled(d, words)
		}
		file := fmt.Sprintf("chapter%0*d.xhtml", width, i+1)
		bk.chapters = append(bk.chapters, &chapter{doc: d, file: file, title: title, front: true, article: i + 1})
	}
	return bk
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// anthologyTitlePage is an anthology's title page: title, subtitle, the
// editors and the date. A book without editors prints no names here: its
// authors stand under their articles.
func anthologyTitlePage(bk *book, loc *locale.Words) []byte {
	var b xmlBuf
	b.WriteString(`<section class="titlepage" epub:type="titlepage">` + "\n")
	// A paragraph, as on an article's title page: the chapters' titles
	// are the book's headings.
	b.elem("p", bk.title, "class", "title", "epub:type", "title")
	if bk.subtitle != "" {
		b.elem("p", bk.subtitle, "class", "subtitle")
	}
	if bk.byline != "" {
		b.elem("p", bk.byline, "class", "byline")
	}
	if !bk.date.IsZero() {
		b.open("p", "class", "date")
		b.open("time", "datetime", bk.date.String())
		b.text(formatDate(loc, bk.date))
		b.WriteString("</time></p>\n")
	}
	b.WriteString("</section>\n")
	return b.Bytes()
}
