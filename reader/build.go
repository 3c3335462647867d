package reader

import (
	"slices"
	"strings"

	"pamphlet/model"
)

// build turns the blocks found in the text into model blocks.
func (r *textReader) build(bs []*pblock) []model.Block {
	levels := headingLevels(bs)
	r.lines.grow(len(bs))
	return r.buildBlocks(bs, levels)
}

// headingLevels maps the raw heading levels of the text ("#" counts, setext
// "=" as 1 and "-" as 2) to model levels 1, 2, …, so that a text whose
// sections are "## " (Go blog) gets level 1 sections. Bare-line headings
// take the top level.
func headingLevels(bs []*pblock) map[int]int {
	var raw []int
	for _, b := range bs {
		if b.kind == pHeading && b.rare().level > 0 && !slices.Contains(raw, b.rare().level) {
			raw = append(raw, b.rare().level)
		}
	}
	slices.Sort(raw)
	m := map[int]int{0: 1}
	for i, lv := range raw {
		m[lv] = i + 1
	}
	return m
}

func (r *textReader) buildBlocks(bs []*pblock, levels map[int]int) []model.Block {
	out := make([]model.Block, 0, len(bs))
	for i, b := range bs {
		// A block is dropped once built: the model grows while the
		// blocks of a long text shrink, instead of both being held.
		bs[i] = nil
		line := b.first() // before the blocks inside b are built and dropped
		var mb model.Block
		switch b.kind {
		case pPara:
			if b.lineated {
				r.repair(b.first(), "keep-lines", "kept the %d line break(s) of a laid-out block (a form, verse or a sign-off)", len(b.lines)-1)
				mb = &model.Paragraph{Content: r.lineInlines(b.lines)}
				break
			}
			mb = &model.Paragraph{Content: r.inlines(r.unwrap(b), b.first())}
		case pHeading:
			text := b.rare().text
			if isAllCaps(text) {
				rc := recase(text, r.lang, r.isAcronym)
				// "VARIETIES." loses the period Victorian typesetting put
				// after every heading (Victorian magazine); a period inside
				// quotation marks (`THE "WOMAN OF STENAY."`) stays.
				if c := strings.TrimSuffix(rc, "."); c != "" && !strings.HasSuffix(c, ".") {
					rc = c
				}
				r.repair(b.first(), "recase", "heading set in capitals %q shown as %q", text, rc)
				text = rc
			}
			style := b.rare().style
			if inner, ok := boldLine(text); ok {
				text = inner // the bold said "heading"; the heading says it now
			}
			if c := strings.TrimRight(text, " \u00a0"); strings.HasSuffix(c, ":") && len(c) > 1 {
				// A heading set as a lead-in ("Lost property:", the
				// school-weekly-newsletter sample) loses the colon that
				// pointed at the text below it.
				text = strings.TrimRight(strings.TrimSuffix(c, ":"), " \u00a0")
				style += "; its colon dropped"
			}
			lv, ok := levels[b.rare().level]
			if !ok {
				lv = 1
			}
			r.repair(b.first(), "heading", "%q (%s)", head(text), style)
			mb = &model.Heading{Level: lv, Content: r.inlines(text, b.first())}
		case pList:
			l := &model.List{Ordered: b.ordered, Start: b.rare().start, Numbering: b.rare().numbering}
			if b.ordered && b.rare().start == 0 {
				l.Start = 1
			}
			for _, it := range b.rare().items {
				l.Items = append(l.Items, model.Item{Blocks: r.buildBlocks(it, levels)})
			}
			mb = l
		case pCode:
			mb = &model.Code{Text: dedent(b.lines), Lang: b.rare().lang}
		case pLayout:
			mb = &model.Code{Text: dedent(b.lines), Layout: true}
		case pTable:
			mb = r.table(*b.rare().table, b.first())
		case pVerse:
			p := &model.Paragraph{Content: r.lineInlines(b.lines)}
			r.lines.add(p, b.first())
			mb = &model.Quote{Blocks: []model.Block{p}}
		case pQuote:
			mb = &model.Quote{Blocks: r.buildBlocks(b.rare().blocks, levels)}
		case pBreak:
			mb = &model.Break{}
		default:
			continue
		}
		r.lines.add(mb, line)
		out = append(out, mb)
	}
	return out
}

// lineInlines reads each line of lines on its own and joins them with
// line breaks.
func (r *textReader) lineInlines(lines []srcLine) []model.Inline {
	var in []model.Inline
	for k, l := range lines {
		if l.blank() {
			continue
		}
		if k > 0 {
			in = append(in, &model.LineBreak{})
		}
		in = append(in, r.inlines(l.text(), int(l.no))...)
	}
	return in
}

// dedent joins the lines of a code or layout block, removing the
// indentation they share and keeping the rest (a Victorian magazine's
// letter layouts are stepped to the right line by line).
func dedent(lines []srcLine) string {
	common := -1
	for _, l := range lines {
		if l.blank() {
			continue
		}
		if common < 0 || int(l.indent) < common {
			common = int(l.indent)
		}
	}
	var b strings.Builder
	for k, l := range lines {
		if k > 0 {
			b.WriteByte('\n')
		}
		if l.blank() {
			continue
		}
		// Expand the indentation to spaces, then drop the common part.
		b.WriteString(strings.Repeat(" ", int(l.indent)-common))
		b.WriteString(l.text())
	}
	return b.String()
}

// signature looks for the author at the end of a text without a byline:
// a last line "— Jane Doe", "-- Jane Doe" or "By Jane Doe" (the
// bakery-cooperative sample signs off this way). The sign-off stays in the
// body, where the author put it, on a line of its own.
func (r *textReader) signature(bs []*pblock, doc *model.Document) []*pblock {
	if len(doc.Authors) > 0 || len(bs) == 0 {
		return bs
	}
	last := bs[len(bs)-1]
	if last.kind != pPara || len(last.lines) == 0 {
		return bs
	}
	if last.lineated {
		r.signOff(last.lines, doc)
		return bs
	}
	l := last.lines[len(last.lines)-1]
	t := l.text()
	var rest string
	switch {
	case strings.HasPrefix(t, "—"), strings.HasPrefix(t, "–"), strings.HasPrefix(t, "--"), strings.HasPrefix(t, "- "):
		rest = strings.TrimLeft(t, "—–- ")
		if r2, ok := bylineRest(rest); ok {
			rest = r2
		}
	default:
		r2, ok := bylineRest(t)
		if !ok {
			return bs
		}
		rest = r2
	}
	names, aff, ok := parseAuthors(rest, false)
	if !ok || strings.Count(aff, " ") > 10 {
		return bs
	}
	for k, a := range names {
		if isAllCaps(a) {
			names[k] = recase(a, r.lang, nil)
		}
	}
	doc.Authors = names
	detail := strings.Join(names, "; ") + " from the signature " + quoteQ(t)
	if aff != "" {
		detail += " (affiliation " + quoteQ(aff) + " left out)"
	}
	r.repair(int(l.no), "signature", "%s", detail)
	if len(last.lines) > 1 {
		// The sign-off was glued to the last paragraph: give it its own.
		n := len(last.lines) - 1
		last.lines = last.lines[:n:n]
		r.repair(int(l.no), "split-paragraph", "signature %q set apart from the paragraph before it", head(t))
		bs = append(bs, &pblock{kind: pPara, lines: []srcLine{l}, splitBy: splitSignature})
	}
	return bs
}

// signOff reads the author from a letter's sign-off, laid out line by
// line at the end of a text without a byline: the name under a closing
// ("Yours sincerely," / "Mrs J. Patel", "-- " / "Grace Adeyemi"), or a
// name above the signer's role ("Helen Forsyth" / "Treasurer"). The
// school-trip-letter, bus-route-forward and chess-club-treasurer samples.
// The sign-off stays in the body.
func (r *textReader) signOff(lines []srcLine, doc *model.Document) {
	var name srcLine
	for k, l := range lines[:len(lines)-1] {
		if isValediction(l.text()) {
			name = lines[k+1]
			break
		}
	}
	if name.text() == "" && len(lines) <= 3 && isName(lines[0].text(), true) {
		name = lines[0]
	}
	if name.text() == "" {
		return
	}
	names, aff, ok := parseAuthors(name.text(), false)
	if !ok || aff != "" {
		return
	}
	for k, a := range names {
		if isAllCaps(a) {
			names[k] = recase(a, r.lang, nil)
		}
	}
	doc.Authors = names
	r.repair(int(name.no), "signature", "%s from the sign-off %s", strings.Join(names, "; "), quoteQ(name.text()))
}

func quoteQ(s string) string { return "\"" + s + "\"" }
