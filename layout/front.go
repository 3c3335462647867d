package layout

import (
	"fmt"
	"strings"

	"pamphlet/fonts"
	"pamphlet/locale"
	"pamphlet/model"
)

// formatDate writes a date in the words of l ("" when unknown).
func formatDate(l *locale.Words, d model.Date) string {
	return l.Date(d.Year, d.Month, d.Day)
}

// byline writes "by A", "by A and B", "by A, B and C": the names as text
// (set in small capitals), the joining words in italics.
func byline(l *locale.Words, names []string) []model.Inline {
	if len(names) == 0 {
		return nil
	}
	out := []model.Inline{&model.Emph{Content: []model.Inline{&model.Text{Text: l.By}}}, &model.Text{Text: " "}}
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			out = append(out, &model.Text{Text: " "}, &model.Emph{Content: []model.Inline{&model.Text{Text: l.And}}},
				&model.Text{Text: " "})
		default:
			out = append(out, &model.Text{Text: ", "})
		}
		out = append(out, &model.Text{Text: n})
	}
	return out
}

// articleByline is the byline a title block shows: the one the article
// printed, else "by" and the authors' names in the document's language;
// nil when there are no authors.
func (s *setter) articleByline() []model.Inline {
	if by := printedByline(s.doc.Byline, s.doc.Authors); by != nil {
		return by
	}
	return byline(s.loc, s.doc.Authors)
}

// printedByline renders the byline as the article printed it: the author
// names in it as text (set in small capitals), the words around them
// ("written by", "for the Go team") in italics. It returns nil when there
// is no printed byline.
func printedByline(byline string, names []string) []model.Inline {
	byline = strings.TrimSpace(byline)
	if byline == "" {
		return nil
	}
	lower := strings.ToLower(byline)
	var out []model.Inline
	words := func(t string) {
		// Spaces stay outside the italics, so that the words keep their
		// spacing in the text face.
		lead := t[:len(t)-len(strings.TrimLeft(t, " "))]
		trail := t[len(strings.TrimRight(t, " ")):]
		if lead != "" {
			out = append(out, &model.Text{Text: lead})
		}
		if core := strings.TrimSpace(t); core != "" {
			out = append(out, &model.Emph{Content: []model.Inline{&model.Text{Text: core}}})
		}
		if trail != "" && strings.TrimSpace(t) != "" {
			out = append(out, &model.Text{Text: trail})
		}
	}
	at := 0
	for at < len(byline) {
		// the earliest author name from here
		next, end := -1, -1
		for _, n := range names {
			if n == "" {
				continue
			}
			if i := strings.Index(lower[at:], strings.ToLower(n)); i >= 0 && (next < 0 || at+i < next) {
				next, end = at+i, at+i+len(n)
			}
		}
		if next < 0 {
			words(byline[at:])
			break
		}
		words(byline[at:next])
		out = append(out, &model.Text{Text: byline[next:end]})
		at = end
	}
	return out
}

// plain is text as inline content.
func plain(t string) []model.Inline { return []model.Inline{&model.Text{Text: t}} }

// headPara adds a paragraph of a title block or masthead to v, on lines
// leading apart: the first is the document's title when it has one.
func (s *setter) headPara(v *vlist, in []model.Inline, st parStyle, leading Sp) {
	h, d := strut(leading)
	p := s.buildPara(in, st)
	if len(v.items) == 0 && s.doc.Title != "" {
		p.tag = s.titleTag(0)
	} else {
		p.tag = s.tag(RoleParagraph, 0)
	}
	s.addLines(v, p, ctx{measure: st.measure}, h, d, s.params)
}

// titles adds the document's title and subtitle to v, set as st says
// (measure and alignment): the title at step titleStep on lines leading
// percent of its size apart, the subtitle subGap below it in italics.
func (s *setter) titles(v *vlist, st parStyle, titleStep int, leading, subGap Sp) {
	if s.doc.Title != "" {
		st.face, st.size = fonts.Regular, s.step(titleStep)
		s.headPara(v, plain(s.doc.Title), st, st.size*leading/100)
	}
	if s.doc.Subtitle != "" {
		v.gap(subGap)
		st.face, st.size = fonts.Italic, s.step(3)
		s.headPara(v, plain(s.doc.Subtitle), st, st.size*12/10)
	}
}

// titleBlock sets the first page's head: title, subtitle, byline in small
// capitals and date, centred on the full text width.
func (s *setter) titleBlock(width Sp) *vlist {
	v := &vlist{}
	doc := s.doc
	em, l := s.g.size, s.g.leading
	head := parStyle{measure: width, align: centered}
	s.titles(v, head, 6, 115, l/2)
	by := s.articleByline()
	if by != nil {
		v.gap(l)
		st := head
		st.face, st.size, st.smallCaps = fonts.Regular, s.step(1), true
		s.headPara(v, by, st, l)
	}
	date := doc.Dateline // as printed, so that no word of it is lost
	if date == "" {
		date = formatDate(s.loc, doc.Date)
	}
	if date != "" {
		if len(doc.Authors) == 0 {
			v.gap(l)
		}
		st := head
		st.face, st.size = fonts.Italic, em
		s.headPara(v, plain(date), st, l)
	}
	if src := doc.Source; s.opt.ShowSource && src != "" {
		// The address the page was read from, where a reader of the
		// print can find it again.
		v.gap(l / 2)
		st := head
		st.size = s.small()
		s.headPara(v, plain(src), st, l)
	}
	for k := range v.items {
		if v.items[k].kind == vPenalty {
			v.items[k].penalty = Infinity
		}
	}
	return v
}

// note returns the number of url's note, adding it on first use. A URL
// linked twice keeps its first number.
func (s *setter) note(url string) int {
	if n, ok := s.noteNum[url]; ok {
		return n
	}
	s.notes = append(s.notes, url)
	s.noteNum[url] = len(s.notes)
	return len(s.notes)
}

// notesSection lists the link notes after the text, under a heading, in
// the small size, ragged right, each URL breakable after punctuation.
func (s *setter) notesSection(v *vlist, c ctx) {
	if len(s.notes) == 0 {
		return
	}
	s.heading(v, &model.Heading{Level: 1, Content: []model.Inline{&model.Text{Text: s.loc.Notes}}}, c)
	size := s.small()
	h, d := strut(s.smallLeading())
	widest := s.sh.width(fmt.Sprintf("%d.", len(s.notes)), fonts.Regular, size)
	hang := widest + size/2
	ic := c
	ic.left += hang
	ic.measure -= hang
	for i, u := range s.notes {
		num := fmt.Sprintf("%d.", i+1)
		x := c.left + widest - s.sh.width(num, fonts.Regular, size)
		var m marker
		s.grown(v)
		note := s.tag(RoleNote, c.tag)
		label := s.tag(RoleLabel, note)
		for _, pc := range s.sh.shape(nil, num, fonts.Regular, size) {
			m.runs = append(m.runs, Run{Face: pc.face, Size: pc.size, X: x, Text: pc.text, Glyphs: pc.glyphsOf(), Width: pc.width, Tag: label})
			x += pc.width
		}
		v.marker = m
		st := parStyle{face: fonts.Regular, size: size, measure: ic.measure, align: raggedRight}
		link := &model.Link{Target: u, Content: []model.Inline{&model.Text{Text: u}}}
		p := s.buildPara([]model.Inline{link}, st)
		p.tag = note
		v.gap(0)
		s.addLines(v, p, ic, h, d, s.params)
	}
	v.marker = marker{}
}
