package layout

import (
	"errors"
	"strconv"

	"pamphlet/locale"
	"pamphlet/model"
)

// withContents binds a single article laid out on pages numbered from 1
// (stages 1 to 4) behind a contents page (Options.Contents), as an
// anthology binds its chapters: the contents list the article's title and
// its top-level sections with the folios they land on, set twice if need
// be (once to learn how many pages they take, once with the numbers).
// The outline starts with the contents; the warnings held while laying
// out the article are passed on with their pages moved.
func withContents(doc *model.Document, pg *pager, held *[]Warning, opt Options) ([]*Page, []OutlineEntry, []Tag, error) {
	words := locale.Of(doc.Lang)
	fm, err := newFrontMatter(&model.Book{Title: doc.Title, Lang: doc.Lang}, opt, words)
	if err != nil {
		return nil, nil, nil, err
	}
	s := pg.s
	top := 0 // the top section level, 0 for none
	for _, o := range s.outline {
		if top == 0 || o.Level < top {
			top = o.Level
		}
	}
	entries := []tocEntry{{label: chapterLabel(doc, words), authors: doc.Authors}}
	pages := []int{0} // the article's page of each entry
	for _, o := range s.outline {
		if o.Level == top {
			entries = append(entries, tocEntry{label: o.Title})
			pages = append(pages, o.Page)
		}
	}
	digits := len(strconv.Itoa(len(pg.pages) + 2 + len(entries)))
	var contents *chapter
	n := 0
	for range 4 {
		bd := binder{recto: opt.Recto}
		first := bd.start(n)
		for i := range entries {
			entries[i].folio = first + pages[i]
		}
		c, err := fm.setContents(entries, digits)
		if err != nil {
			return nil, nil, nil, err
		}
		if len(c.pg.pages) == n {
			contents = c
			break
		}
		n = len(c.pg.pages)
	}
	if contents == nil {
		return nil, nil, nil, errors.New("layout: the contents do not settle on a page count")
	}
	bd := &binder{recto: opt.Recto, tags: []Tag{{Role: RoleDocument, Parent: -1}}}
	bd.bind(contents)
	article := &chapter{pg: pg, label: chapterLabel(doc, words)}
	bd.bind(article)
	s.sh.reportMissing()
	level := max(top, 1)
	outline := []OutlineEntry{{Level: level, Title: words.Contents, Page: 0, Y: fm.s.g.margins.Top + chapterSink(fm.s)}}
	for _, o := range s.outline {
		o.Page += article.first - 1
		outline = append(outline, o)
	}
	if opt.Warn != nil {
		for _, w := range contents.warnings {
			opt.Warn(w)
		}
		for _, w := range *held {
			if w.Page > 0 {
				w.Page += article.first - 1
			}
			opt.Warn(w)
		}
	}
	return bd.pages, outline, bd.tags, nil
}
