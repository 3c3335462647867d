package layout

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"pamphlet/layout/hyph"
	"pamphlet/locale"
	"pamphlet/model"
)

// setter holds the state of one layout.
type setter struct {
	opt Options
	// packLines packs each body line's runs once the next is set (see
	// Options.Pack).
	packLines bool
	// release drops each top-level block of doc once it is set
	// (Options.Release); depth is how deep blocks is in the document.
	release    bool
	depth      int
	g          geometry
	doc        *model.Document
	sh         *shaper
	hyph       *hyph.Patterns
	loc        *locale.Words
	params     Params
	base       *url.URL
	firstFolio int
	// markLevel is the heading level that sets running heads: the top
	// level present in the document.
	markLevel int
	outline   []OutlineEntry
	notes     []string
	noteNum   map[string]int
	// blockCount numbers the blocks set so far (for tests of breaks).
	blockCount int
	// tableCount numbers the tables set so far (TableCell.Table).
	tableCount int
	// floats holds the tables set apart from the body's flow (across
	// both columns, or turned), keyed by the empty box that stands for
	// each in the body; turning is set while one is being set.
	floats  map[*vbox]float
	turning bool
	// fitted keeps the running heads already fitted to their slot.
	fitted map[fitKey]string
	// label is the title the running heads print: the document's, or in
	// an anthology a stand-in for an untitled chapter.
	label string
	// tags is the structure tree of what is set (tags[0] the root);
	// lastHead is the level of the last heading element.
	tags []Tag
	// heads holds the levels of the sections open, for headingTag;
	// headBase is the level of the title (0 without one).
	heads    []int
	headBase int
	// titleLevel is the heading level of the title: 1 for an article,
	// 2 for a chapter of a book (under the book's title). Sections are
	// one level below it.
	titleLevel int
	// sink lowers the title block on the first page (a chapter opening
	// of an anthology); 0 for a single article.
	sink Sp
	// stream is the pager that places the body's pages as the body is
	// set (Layout), nil when the body is set whole first.
	stream *pager
	// later holds the title block's elements while it is set, before
	// the body (to know where the body starts) but numbered after it,
	// where they stand when the title block is set last (see tag);
	// deferring is set meanwhile.
	later     []Tag
	deferring bool
	// lineRuns is setLine's buffer for the runs of a line, lineGlyphs
	// for their glyphs, and glyphStarts where each run's glyphs start.
	lineRuns    []Run
	lineGlyphs  []Glyph
	glyphStarts []int
}

func (s *setter) warn(page int, msg string) {
	if s.opt.Warn != nil {
		s.opt.Warn(Warning{Page: page, Message: msg})
	}
}

// unhyphenated are the languages whose print breaks lines without
// hyphens (between characters, or only at spaces), where the lack of
// patterns is no loss worth a warning.
var unhyphenated = map[string]bool{"zh": true, "ja": true, "ko": true, "ar": true, "fa": true, "ur": true, "he": true, "yi": true}

// Layout typesets doc into pages. It runs the stages listed in the package
// documentation; opt's zero value gives the defaults (A5, 10pt Charis SIL,
// notes for links). Errors are for impossible geometry only: any valid
// document can be laid out.
func Layout(doc *model.Document, opt Options) (*Book, error) {
	if doc == nil {
		return nil, errors.New("layout: no document")
	}
	// With a contents page in front, the article's warnings wait until
	// it is known on which folios its pages land.
	var held []Warning
	setOpt := opt
	if opt.Contents {
		setOpt.Warn = func(w Warning) { held = append(held, w) }
		setOpt.FirstPage = 1
	}
	s, err := newSetter(doc, setOpt)
	if err != nil {
		return nil, err
	}
	// A long document's lines wait packed for their pages; an
	// anthology's chapters, laid out a few at a time, do without.
	s.packLines = opt.Pack
	s.release = opt.Release && !opt.Contents
	pg := &pager{s: s, release: true}
	if err := s.setPages(pg); err != nil {
		return nil, err
	}
	pages, outline, tags := pg.pages, s.outline, s.tags
	if opt.Contents {
		if pages, outline, tags, err = withContents(doc, pg, &held, opt); err != nil {
			return nil, err
		}
	} else {
		// Stage 5: running heads, folios, outline.
		pg.furnish()
		s.sh.reportMissing()
	}
	if opt.Pack {
		for _, p := range pages {
			p.pack()
		}
	}
	return &Book{
		Meta: Meta{Title: doc.Title, Subtitle: doc.Subtitle, Authors: append([]string(nil), doc.Authors...),
			Subject: doc.Description, Lang: doc.Lang, Date: doc.Date,
			Publisher: doc.Publisher, Rights: doc.Rights, Identifier: doc.Identifier},
		Width:   s.g.paper.Width,
		Height:  s.g.paper.Height,
		Pages:   pages,
		Outline: outline,
		Tags:    tags,
		Family:  opt.Family,
	}, nil
}

// setPages runs stages 1 to 4 into pg, the body's pages made as its
// lines are set: the body's vertical list holds only what the next pages
// need (see flowState).
func (s *setter) setPages(pg *pager) error {
	pg.stream = true
	body := &vlist{pack: s.packLines}
	pg.start(s.head(), body)
	s.stream = pg
	defer func() { s.stream = nil }()
	if err := s.body(body); err != nil {
		return err
	}
	pg.finish()
	return nil
}

// vertical runs stages 1-3: blocks to items to lines to the vertical
// lists of the title block and of the body (notes included).
func (s *setter) vertical() (title, body *vlist, err error) {
	title = s.head()
	body = &vlist{pack: s.packLines}
	if err := s.body(body); err != nil {
		return nil, nil, err
	}
	return title, body, nil
}

// head sets the title block: a masthead across both columns, or the
// title block over the text width. It is set before the body, whose
// pages start below it, but its elements are numbered after the body's
// (see setter.later).
func (s *setter) head() *vlist {
	s.deferring, s.sh.deferring = true, true
	defer func() { s.deferring, s.sh.deferring = false, false }()
	if s.g.columns > 1 {
		return s.masthead()
	}
	return s.titleBlock(s.g.textWidth)
}

// body sets the document's blocks and the link notes after them in v.
func (s *setter) body(v *vlist) error {
	c := ctx{measure: s.g.measure}
	// The title is the top heading; sections start a level below it.
	s.heads, s.headBase = nil, s.titleLevel-1
	if s.doc.Title != "" {
		s.headBase = s.titleLevel
	}
	if err := s.blocks(v, s.doc.Blocks, c); err != nil {
		return err
	}
	s.notesSection(v, c)
	return nil
}

// grown tells the pager that places the body as it is set (if any) that
// v, when it is the body, holds a finished block more.
func (s *setter) grown(v *vlist) {
	if s.stream != nil && v == s.stream.st.body {
		s.stream.grown()
	}
}

func newSetter(doc *model.Document, opt Options) (*setter, error) {
	g, err := opt.geometry()
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	s := &setter{opt: opt, g: g, doc: doc, loc: locale.Of(doc.Lang), noteNum: map[string]int{},
		firstFolio: max(opt.FirstPage, 1), label: doc.Title, tags: []Tag{{Role: RoleDocument, Parent: -1}}, titleLevel: 1}
	s.sh, err = newShaper(func(msg string) { s.warn(0, msg) })
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	s.sh.fam = opt.Family
	lang := doc.Lang
	if lang == "" {
		lang = "en"
	}
	s.hyph, err = hyph.ForLang(lang)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	if primary, _, _ := strings.Cut(lang, "-"); s.hyph == nil && !unhyphenated[primary] {
		s.warn(0, fmt.Sprintf("no hyphenation patterns for language %q: words are not hyphenated", lang))
	}
	s.params = DefaultParams(g.size)
	s.base = model.LinkBase(doc.Source)
	s.markLevel = 6
	_ = model.Walk(doc.Blocks, func(n model.Node) error {
		if h, ok := n.(*model.Heading); ok {
			s.markLevel = min(s.markLevel, max(h.Level, 1))
		}
		return nil
	})
	return s, nil
}
