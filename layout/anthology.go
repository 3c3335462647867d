package layout

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"pamphlet/fonts"
	"pamphlet/internal/parallel"
	"pamphlet/locale"
	"pamphlet/model"
)

// An anthology is laid out in three steps. The chapters (the preface and
// the articles) come first, concurrently: a chapter's page breaks do not
// depend on where it starts, so each is set on pages numbered from 1.
// Their page counts then give every chapter's first folio, and so the
// numbers the contents print; the contents are set next, twice if need
// be (once to learn how many pages they take, once with the numbers).
// Last, each chapter is bound in at its folio: pages renumbered, the
// margins mirrored if it moved to the other side of the spread, and the
// running heads and folios added.
//
// The contents' page count depends only on their entries and on how
// many digits the largest folio has, since the numbers are set in a
// column of that many figures. When the contents take as many pages for
// every number of digits the book's folios can have, that count is
// known before any chapter is laid out: the contents' pages are then
// reserved, each chapter is bound as soon as it and those before it are
// laid out (a few at a time, in order), and the contents are set last,
// in the pages kept for them. A bound chapter keeps only its packed
// pages, so the book's memory follows its longest chapter and its pages
// rather than its whole text; otherwise every chapter waits, laid out,
// until the contents are set.

// maxDigits is the most digits a folio can have: a book of a billion
// pages would need hundreds of gigabytes before its first page is
// written.
const maxDigits = 9

// chapter is one part of an anthology set on pages of its own, numbered
// from 1, until it is bound into the book.
type chapter struct {
	pg *pager
	// label names the chapter in the contents, the outline and the
	// running heads: its title, or a stand-in when it has none.
	label string
	// authors are listed under the label in the contents.
	authors []string
	// article is the 1-based index of the article (0: front matter).
	article  int
	warnings []Warning
	// first is the folio the chapter starts on, once bound.
	first int
}

// Anthology typesets a book of articles: a title page (title, subtitle,
// editors, date), the contents with dot leaders and page numbers, the
// optional preface, then each article as a chapter opening on a new page
// with its title, byline and date. Running heads carry the book title on
// left-hand pages and the article title on right-hand ones. With
// opt.Recto, the contents, the preface and every chapter open on a
// right-hand page, after a blank left-hand page where needed.
//
// Chapters are laid out concurrently by opt.Workers goroutines; the
// result does not depend on their number. The outline nests the book,
// its parts (contents, preface, articles) and each article's sections.
// b should be normalised (model.NormalizeBook) and valid. With
// opt.Release, b loses its preface and articles as their chapters are
// bound.
func Anthology(b *model.Book, opt Options) (*Book, error) {
	return anthology(b, opt, true)
}

// anthology is Anthology; reserve tries keeping the contents' pages
// before laying out the chapters (tests compare the books made with
// and without it).
func anthology(b *model.Book, opt Options, reserve bool) (*Book, error) {
	if b == nil || len(b.Articles) == 0 {
		return nil, errors.New("layout: no articles in the book")
	}
	if err := opt.Check(); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	words := locale.Of(b.Lang)
	// Every part of the book is a chapter: the preface first, then the
	// articles.
	var docs []*model.Document
	var numbers []int
	if b.Preface != nil {
		pre := *b.Preface
		if pre.Title == "" {
			pre.Title = words.Preface
		}
		docs, numbers = append(docs, &pre), append(numbers, 0)
	}
	for i, d := range b.Articles {
		if d == nil {
			return nil, fmt.Errorf("layout: article %d is missing", i+1)
		}
		docs, numbers = append(docs, d), append(numbers, i+1)
	}
	authors := b.Editors
	if len(authors) == 0 {
		authors = bookAuthors(b.Articles)
	}
	entries := make([]tocEntry, len(docs))
	for i, d := range docs {
		entries[i] = tocEntry{label: chapterLabel(d, words), authors: d.Authors}
	}
	chapterOpt := opt
	chapterOpt.FirstPage = 1
	chapterOpt.BookTitle = b.Title
	lay := func(i int) (*chapter, error) {
		c, err := layChapter(docs[i], numbers[i], chapterOpt, words)
		if err != nil {
			if numbers[i] == 0 {
				return nil, fmt.Errorf("layout: preface: %w", err)
			}
			return nil, fmt.Errorf("layout: article %d (%s): %w", numbers[i], entries[i].label, err)
		}
		if l := docs[i].Lang; l != "" && l != b.Lang {
			c.pg.s.tags[0].setLang(l)
		}
		return c, nil
	}
	// release lets chapter i's document go once it is laid out.
	release := func(i int) {
		if !opt.Release {
			return
		}
		docs[i] = nil
		if numbers[i] == 0 {
			b.Preface = nil
		} else {
			b.Articles[numbers[i]-1] = nil
		}
	}

	fm, err := newFrontMatter(b, opt, words)
	if err != nil {
		return nil, err
	}
	bd := &binder{recto: opt.Recto, tags: []Tag{{Role: RoleDocument, Parent: -1}}}
	title := fm.titlePage()
	bd.adopt(fm.s.tags, []*Page{title})
	bd.add(title)
	if opt.Recto {
		bd.add(&Page{})
	}
	bd.outline = append(bd.outline, OutlineEntry{Level: 1, Title: oneLine(b.Title), Page: 0, Y: fm.titleY})
	var chapters []*chapter
	var contents *chapter
	// keep moves the packed pages bound from page from on to the spill.
	var store *spillStore
	if opt.Spill != nil && opt.Pack {
		store = &spillStore{to: opt.Spill}
	}
	keep := func(from int) error {
		if store == nil {
			return nil
		}
		return store.spill(bd.pages[from:])
	}
	// Whether the contents' pages can be kept is found out while the
	// first chapters are laid out; the first chapter bound waits for it.
	type reservation struct {
		room slot
		ok   bool
		err  error
	}
	reserved := make(chan reservation, 1)
	if reserve {
		go func() {
			room, ok, err := fm.reserve(bd, entries)
			reserved <- reservation{room, ok, err}
		}()
	} else {
		reserved <- reservation{}
	}
	var res *reservation
	wait := func() {
		if res == nil {
			r := <-reserved
			res = &r
		}
	}
	chapters = make([]*chapter, len(docs))
	total := 0
	var kept error
	err = layInOrder(len(docs), opt.Workers, lay, func(i int, c *chapter) {
		wait()
		release(i)
		chapters[i] = c
		total += len(c.pg.pages)
		if !res.ok {
			return // bound once the contents are set
		}
		// Each chapter is bound as soon as it is laid out, after those
		// before it; the contents fill the pages kept for them.
		from := len(bd.pages)
		bd.bind(c)
		entries[i].folio = c.first
		if kept == nil {
			kept = keep(from)
		}
	}, opt.Progress)
	wait()
	for _, e := range []error{err, res.err, kept} {
		if e != nil {
			return nil, e
		}
	}
	if res.ok {
		if contents, err = fm.fill(bd, res.room, entries, total); err != nil {
			return nil, err
		}
		if err := keep(res.room.first - 1); err != nil {
			return nil, err
		}
	} else {
		if contents, err = fm.contents(chapters); err != nil {
			return nil, err
		}
		for _, c := range append([]*chapter{contents}, chapters...) {
			bd.bind(c)
		}
		if err := keep(0); err != nil {
			return nil, err
		}
	}
	for _, c := range append([]*chapter{contents}, chapters...) {
		for _, w := range c.warnings {
			if w.Page > 0 {
				w.Page += c.first - 1
			}
			w.Article = c.article
			if opt.Warn != nil {
				opt.Warn(w)
			}
		}
	}
	g, _ := opt.geometry()
	return &Book{
		Meta: Meta{Title: b.Title, Subtitle: b.Subtitle, Authors: append([]string(nil), authors...),
			Subject: b.Description, Lang: b.Lang, Date: b.Date,
			Publisher: b.Publisher, Rights: b.Rights, Identifier: b.Identifier},
		Width:   g.paper.Width,
		Height:  g.paper.Height,
		Pages:   bd.pages,
		Outline: bd.outline,
		Tags:    bd.tags,
		Family:  opt.Family,
		spill:   store,
	}, nil
}

// bookAuthors lists every article's authors once, in order of first
// appearance.
func bookAuthors(docs []*model.Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range docs {
		for _, a := range d.Authors {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// layInOrder lays out chapters 0 to n-1 (lay) on workers goroutines
// (one per CPU when workers <= 0) and hands each to use in order, on the
// caller's goroutine, as soon as it and those before it are laid out. At
// most a few chapters per worker are laid out ahead of the last one
// used, so that the chapters waiting for a slow one stay few. The first
// error, in the chapters' order, stops the work and is returned; the
// result does not depend on which worker laid out which chapter.
// progress hears of each chapter laid out, from the caller's goroutine.
func layInOrder(n, workers int, lay func(i int) (*chapter, error), use func(i int, c *chapter), progress func()) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := 4 * workers
	var mu sync.Mutex
	more := sync.NewCond(&mu)
	laid := make([]*chapter, n)
	errs := make([]error, n)
	done := make([]bool, n)
	next := 0 // the first chapter not used yet
	var failed error
	parallel.Each(n, workers, func(i int) {
		mu.Lock()
		for i >= next+window && failed == nil {
			more.Wait()
		}
		stop := failed != nil
		mu.Unlock()
		var c *chapter
		var err error
		if !stop {
			c, err = lay(i)
		}
		mu.Lock()
		laid[i], errs[i], done[i] = c, err, true
		mu.Unlock()
	}, func() {
		if progress != nil {
			progress()
		}
		mu.Lock()
		defer mu.Unlock()
		for next < n && done[next] && failed == nil {
			c, err := laid[next], errs[next]
			laid[next] = nil
			if err != nil {
				failed = err
			} else {
				mu.Unlock()
				use(next, c)
				mu.Lock()
			}
			next++
			more.Broadcast()
		}
	})
	return failed
}

// layChapter runs stages 1 to 4 for one chapter on pages numbered from 1;
// binding it into the book adds the furniture.
func layChapter(doc *model.Document, article int, opt Options, words *locale.Words) (*chapter, error) {
	c := &chapter{article: article, authors: doc.Authors}
	opt.Warn = func(w Warning) { c.warnings = append(c.warnings, w) }
	s, err := newSetter(doc, opt)
	if err != nil {
		return nil, err
	}
	c.label = chapterLabel(doc, words)
	s.label = c.label
	s.sink = chapterSink(s)
	s.titleLevel = 2
	// The chapter's pages are made as its lines are set, as Layout makes
	// an article's: a long chapter never holds its whole vertical list.
	c.pg = &pager{s: s, release: true}
	if err := s.setPages(c.pg); err != nil {
		return nil, err
	}
	if opt.Pack {
		for _, p := range c.pg.pages {
			p.pack()
		}
	}
	s.sh.reportMissing()
	return c, nil
}

// chapterSink is how far a chapter's title stands below the top of the
// text block: four body lines, so that an opening page reads as one (as
// the sink of a book's chapter does) and the text stays on its grid.
func chapterSink(s *setter) Sp { return 4 * s.g.leading }

// chapterLabel names a chapter: its title, else its first heading, else
// "Untitled" in the document's language.
func chapterLabel(doc *model.Document, words *locale.Words) string {
	if t := oneLine(doc.Title); t != "" {
		return t
	}
	for _, b := range doc.Blocks {
		if h, ok := b.(*model.Heading); ok {
			if t := oneLine(model.Plain(h.Content)); t != "" {
				return t
			}
		}
	}
	return words.Untitled
}

// binder gathers the pages and the outline of the book in order.
type binder struct {
	recto   bool
	pages   []*Page
	outline []OutlineEntry
	// tags is the book's structure tree: the book's root, and each
	// part's tree under it as a chapter.
	tags []Tag
}

// adopt adds the structure tree of a part of the book (its root made a
// chapter under the book's) and renumbers the tags on its pages.
func (bd *binder) adopt(tags []Tag, pages []*Page) {
	base := len(bd.tags)
	bd.tags = append(bd.tags, make([]Tag, len(tags))...)
	bd.adoptAt(base, tags, pages)
}

// adoptAt is adopt for a part whose tags take the places from base on,
// kept for it.
func (bd *binder) adoptAt(at int, tags []Tag, pages []*Page) {
	base := int32(at)
	for i, t := range tags {
		if i == 0 {
			t.Role, t.Parent = RoleChapter, 0
		} else {
			t.Parent += base
		}
		bd.tags[at+i] = t
	}
	moved := func(t int32) int32 {
		if t == 0 {
			return 0
		}
		return t + base
	}
	for _, p := range pages {
		if p.packed != nil && base > 0 {
			p.packed.tagBase += base
		}
		for k := range p.Body {
			p.Body[k].Tag = moved(p.Body[k].Tag)
		}
		for k := range p.Rules {
			p.Rules[k].Tag = moved(p.Rules[k].Tag)
		}
		for k := range p.Images {
			p.Images[k].Tag = moved(p.Images[k].Tag)
		}
		for k := range p.Links {
			p.Links[k].Tag = moved(p.Links[k].Tag)
		}
	}
}

func (bd *binder) add(p *Page) {
	p.Folio = len(bd.pages) + 1
	bd.pages = append(bd.pages, p)
}

// start returns the folio where a chapter bound next begins, counting
// the blank page a right-hand opening needs; it adds nothing.
func (bd *binder) start(pages int) int {
	next := pages + 1
	if bd.recto && next%2 == 0 {
		next++
	}
	return next
}

// slot is the room kept in a book for a chapter bound later: its first
// folio, its pages, and the index of its first tag and first outline
// entry, with their numbers.
type slot struct {
	first, pages     int
	tag, tags        int
	outline, entries int
}

// reserve keeps the room of a chapter of pages pages, tags tags and
// entries outline entries (its label's included) at the end of the book.
func (bd *binder) reserve(pages, tags, entries int) slot {
	first := bd.start(len(bd.pages))
	for len(bd.pages)+1 < first {
		bd.add(&Page{})
	}
	sl := slot{first: first, pages: pages, tag: len(bd.tags), tags: tags, outline: len(bd.outline), entries: entries}
	// The pages stay nil until the chapter fills them.
	bd.pages = append(bd.pages, make([]*Page, pages)...)
	bd.tags = append(bd.tags, make([]Tag, tags)...)
	bd.outline = append(bd.outline, make([]OutlineEntry, entries)...)
	return sl
}

// bind adds chapter c: a blank left-hand page first when it must open on
// a right-hand one, then its pages renumbered and furnished, and its
// outline entries: its label over its sections.
func (bd *binder) bind(c *chapter) {
	bd.fill(bd.reserve(len(c.pg.pages), len(c.pg.s.tags), 1+len(c.pg.s.outline)), c)
}

// fill binds chapter c in the room kept for it, which fits it.
func (bd *binder) fill(sl slot, c *chapter) {
	c.first = sl.first
	pg := c.pg
	pg.renumber(sl.first)
	pg.furnish()
	bd.adoptAt(sl.tag, pg.s.tags, pg.pages)
	base := sl.first - 1
	at := sl.outline
	bd.outline[at] = OutlineEntry{Level: 2, Title: c.label, Page: base, Y: pg.s.g.margins.Top + pg.s.sink}
	for _, o := range pg.s.outline {
		o.Level += 2
		o.Page += base
		at++
		bd.outline[at] = o
	}
	copy(bd.pages[base:], pg.pages)
	// The pager is done: let its setter and marks go.
	c.pg = nil
}

// renumber moves the pages of a chapter laid out from folio 1 so that it
// starts at folio first. Page breaks stay; when the chapter changes side
// of the spread, everything on its pages moves by the difference between
// the inner and outer margins.
func (pg *pager) renumber(first int) {
	s := pg.s
	for i, p := range pg.pages {
		was := s.textLeft(i)
		p.Folio = first + i
		now := s.g.margins.Outer
		if (first+i)%2 == 1 {
			now = s.g.margins.Inner
		}
		if dx := now - was; dx != 0 {
			p.shiftX(dx)
		}
	}
	s.firstFolio = first
}

// shiftX moves everything on the page's text block horizontally: along
// y on a turned page, whose material is placed across the paper.
func (p *Page) shiftX(dx Sp) {
	along := func(x, y *Sp) *Sp {
		if p.Turned {
			return y
		}
		return x
	}
	if pb := p.packed; pb != nil {
		*along(&pb.dx, &pb.dy) += dx
	}
	for k := range p.Body {
		*along(&p.Body[k].X, &p.Body[k].Y) += dx
	}
	for k := range p.Rules {
		*along(&p.Rules[k].X, &p.Rules[k].Y) += dx
	}
	for k := range p.Links {
		*along(&p.Links[k].X, &p.Links[k].Y) += dx
	}
	for k := range p.Images {
		*along(&p.Images[k].X, &p.Images[k].Y) += dx
	}
}

// frontMatter sets the title page and the contents.
type frontMatter struct {
	book  *model.Book
	opt   Options
	words *locale.Words
	s     *setter
	// titleY is the top of the book title on the title page.
	titleY Sp
}

func newFrontMatter(b *model.Book, opt Options, words *locale.Words) (*frontMatter, error) {
	// The front matter is set in one column whatever the chapters use.
	opt.Columns = 1
	opt.FirstPage = 1
	opt.BookTitle = b.Title
	s, err := newSetter(&model.Document{Title: words.Contents, Lang: b.Lang}, opt)
	if err != nil {
		return nil, err
	}
	return &frontMatter{book: b, opt: opt, words: words, s: s}, nil
}

// titlePage sets the book's title and subtitle a fifth of the way down
// the text block, the editors below them and the date at its foot, all
// centred. The page has neither running head nor folio.
func (fm *frontMatter) titlePage() *Page {
	s := fm.s
	b := fm.book
	pg := &pager{s: s}
	g := s.g
	width := g.textWidth
	top := &vlist{}
	add := func(v *vlist, in []model.Inline, st parStyle, leading Sp) {
		st.measure = width
		st.align = centered
		h, d := strut(leading)
		p := s.buildPara(in, st)
		if len(s.tags) == 1 {
			p.tag = s.titleTag(0) // the book's title
		} else {
			p.tag = s.tag(RoleParagraph, 0)
		}
		s.addLines(v, p, ctx{measure: width}, h, d, s.params)
	}
	text := func(t string) []model.Inline { return []model.Inline{&model.Text{Text: t}} }
	size := s.step(8)
	add(top, text(b.Title), parStyle{face: fonts.Regular, size: size}, size*115/100)
	if b.Subtitle != "" {
		top.gap(g.leading)
		sub := s.step(3)
		add(top, text(b.Subtitle), parStyle{face: fonts.Italic, size: sub}, sub*12/10)
	}
	if len(b.Editors) > 0 {
		// As a byline: the words in italics, the names in small capitals.
		top.gap(4 * g.leading)
		in := byline(s.loc, b.Editors)
		in[0] = &model.Emph{Content: text(fm.words.EditedBy)}
		add(top, in, parStyle{face: fonts.Regular, size: s.step(1), smallCaps: true}, g.leading)
	}
	fm.titleY = g.margins.Top + g.textHeight/5
	pg.page(0)
	pg.place(top.items, 0, len(top.items), frame{x: s.textLeft(0), y: fm.titleY, w: width, h: g.textHeight})
	if date := formatDate(s.loc, b.Date); date != "" {
		foot := &vlist{}
		add(foot, text(date), parStyle{face: fonts.Italic, size: g.size}, g.leading)
		h := Sp(0)
		for _, it := range foot.items {
			if it.kind == vBox {
				h += it.box.h + it.box.d
			}
		}
		pg.place(foot.items, 0, len(foot.items), frame{x: s.textLeft(0), y: g.margins.Top + g.textHeight - h, w: width, h: h})
	}
	return pg.pages[0]
}

// tocEntry is a line of the contents.
type tocEntry struct {
	label   string
	authors []string
	folio   int
}

// contents lays out the contents of the chapters. Their folios depend on
// how many pages the contents take, so the contents are set with
// stand-in numbers first; the numbers are set in a column wide enough
// for any of them, so putting in the real ones changes no line.
func (fm *frontMatter) contents(chapters []*chapter) (*chapter, error) {
	entries := make([]tocEntry, len(chapters))
	total := 0
	for i, c := range chapters {
		entries[i] = tocEntry{label: c.label, authors: c.authors}
		total += len(c.pg.pages)
	}
	digits := len(strconv.Itoa(lastFolioBound(total, len(chapters))))
	pages := 0
	for range 4 {
		// Where each chapter starts if the contents take pages pages.
		bd := binder{recto: fm.opt.Recto}
		n := 1
		if fm.opt.Recto {
			n = 2
		}
		n = bd.start(n) - 1 + pages
		for i, c := range chapters {
			entries[i].folio = bd.start(n)
			n = entries[i].folio - 1 + len(c.pg.pages)
		}
		c, err := fm.setContents(entries, digits)
		if err != nil {
			return nil, err
		}
		if len(c.pg.pages) == pages {
			return c, nil
		}
		pages = len(c.pg.pages)
	}
	return nil, errors.New("layout: the contents do not settle on a page count")
}

// lastFolioBound is the upper bound of the book's last folio that sets
// how many digits the contents' column of numbers holds: every chapter
// after a blank page, and contents of at most one page per entry, past
// the chapters' pages (total).
func lastFolioBound(total, chapters int) int { return total + 2*chapters + 4 + chapters }

// reserve keeps the room of the contents in bd, when their page count
// comes out the same for every number of digits the book's folios can
// have (the entries' folios need not be known); ok is false otherwise.
func (fm *frontMatter) reserve(bd *binder, entries []tocEntry) (sl slot, ok bool, err error) {
	pages, tags, outline := -1, -1, -1
	for d := len(strconv.Itoa(lastFolioBound(0, len(entries)))); d <= maxDigits; d++ {
		c, err := fm.setContents(entries, d)
		if err != nil {
			return slot{}, false, err
		}
		n, t, o := len(c.pg.pages), len(c.pg.s.tags), 1+len(c.pg.s.outline)
		if pages >= 0 && (n != pages || t != tags || o != outline) {
			return slot{}, false, nil
		}
		pages, tags, outline = n, t, o
	}
	return bd.reserve(pages, tags, outline), true, nil
}

// fill sets the contents of the chapters bound in bd, which hold total
// pages, in the room kept for them.
func (fm *frontMatter) fill(bd *binder, sl slot, entries []tocEntry, total int) (*chapter, error) {
	digits := len(strconv.Itoa(lastFolioBound(total, len(entries))))
	c, err := fm.setContents(entries, digits)
	if err != nil {
		return nil, err
	}
	if len(c.pg.pages) != sl.pages || len(c.pg.s.tags) != sl.tags || 1+len(c.pg.s.outline) != sl.entries {
		return nil, errors.New("layout: the contents do not fit the pages kept for them")
	}
	bd.fill(sl, c)
	return c, nil
}

// setContents sets the contents as a chapter titled "Contents": one entry
// per chapter, its title ragged right, dot leaders to its folio set flush
// right in a column wide enough for digits figures, and its authors in
// italics below. An entry never breaks across pages.
func (fm *frontMatter) setContents(entries []tocEntry, digits int) (*chapter, error) {
	s, err := newSetter(&model.Document{Title: fm.words.Contents, Lang: fm.book.Lang}, fm.opt)
	if err != nil {
		return nil, err
	}
	c := &chapter{label: fm.words.Contents}
	s.opt.Warn = func(w Warning) { c.warnings = append(c.warnings, w) }
	s.label = c.label
	s.sink = chapterSink(s)
	s.titleLevel = 2
	toc := s.tag(RoleContents, 0)
	g := s.g
	em := g.size
	var figure Sp
	for d := '0'; d <= '9'; d++ {
		figure = max(figure, s.sh.width(string(d), fonts.Regular, em))
	}
	numCol := Sp(digits) * figure
	measure := g.textWidth - numCol - 2*em
	dotPiece := s.sh.shape(nil, ".", fonts.Regular, em)[0]
	dot := dotPiece.width
	unit := em / 2
	// Packed, a long book's entries take a tenth of the room until
	// their pages are made.
	v := &vlist{pack: fm.opt.Pack}
	h, d := strut(g.leading)
	sh, sd := strut(s.smallLeading())
	for _, e := range entries {
		v.gap(g.leading / 2)
		st := parStyle{face: fonts.Regular, size: em, measure: measure, align: raggedRight}
		p := s.buildText(e.label, st)
		entry := s.tag(RoleContentsEntry, toc)
		p.tag = entry
		lines, err := Break(p.items, []Sp{measure}, s.params)
		if err != nil {
			continue
		}
		s.blockCount++
		for k, l := range lines {
			b := s.setLine(p, l, h, d)
			b.role, b.block, b.line, b.lines = roleOther, int32(s.blockCount), int32(k), int32(len(lines))
			if k == len(lines)-1 {
				end := Sp(0)
				for _, r := range b.runs {
					end = max(end, r.X+r.Width)
				}
				right := g.textWidth - numCol - em/2
				// Leader dots stand on a grid from the text block's left
				// edge, so that they line up from entry to entry.
				k0 := (end + em/2 + unit - 1) / unit
				if n := int((right-dot)/unit - k0 + 1); n > 0 {
					r := Run{Face: fonts.Regular, Size: em, X: k0 * unit, Text: string(repeatDot(n)), Width: Sp(n-1)*unit + dot}
					for i := range n {
						r.Glyphs = append(r.Glyphs, Glyph{ID: dotPiece.glyphs[0].id, At: int32(i), End: int32(i + 1), X: Sp(i) * unit})
					}
					b.runs = append(b.runs, r)
				}
				for _, r := range s.flushRight(strconv.Itoa(e.folio), fonts.Regular, em, g.textWidth) {
					r.Tag = entry
					b.runs = append(b.runs, r)
				}
			}
			if k > 0 {
				v.penalty(Infinity)
			}
			v.box(b)
		}
		if len(e.authors) > 0 {
			st := parStyle{face: fonts.Italic, size: s.small(), measure: measure - em, align: raggedRight}
			p := s.buildText(s.loc.JoinNames(e.authors), st)
			p.tag = entry
			lines, err := Break(p.items, []Sp{st.measure}, s.params)
			if err != nil {
				continue
			}
			for _, l := range lines {
				b := s.setLine(p, l, sh, sd)
				b.x = em
				v.penalty(Infinity)
				v.box(b)
			}
		}
	}
	c.pg = &pager{s: s, release: true}
	c.pg.paginate(s.titleBlock(g.textWidth), v)
	return c, nil
}

func repeatDot(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = '.'
	}
	return b
}

// flushRight shapes text so that it ends at right.
func (s *setter) flushRight(text string, face fonts.Style, size, right Sp) []Run {
	x := right - s.sh.width(text, face, size)
	var runs []Run
	for _, pc := range s.sh.shape(nil, text, face, size) {
		runs = append(runs, Run{Face: pc.face, Size: pc.size, X: x, Text: pc.text, Glyphs: pc.glyphsOf(), Width: pc.width})
		x += pc.width
	}
	return runs
}
