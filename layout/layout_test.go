package layout

import (
	"bytes"
	"fmt"
	"image"
	imgpng "image/png"
	"strings"
	"testing"
	"unicode"

	"pamphlet/fonts"
	"pamphlet/internal/golden"
	"pamphlet/model"
)

func text(s string) *model.Text { return &model.Text{Text: s} }

func mpara(in ...model.Inline) *model.Paragraph { return &model.Paragraph{Content: in} }

func heading(level int, s string) *model.Heading {
	return &model.Heading{Level: level, Content: []model.Inline{text(s)}}
}

// prose returns n deterministic sentences of ordinary English.
func prose(seed, n int) string {
	words := strings.Fields(`the printer set every line of the pamphlet by hand and weighed each
		space against its neighbours until the column stood even from top to bottom while the
		apprentice read the proof aloud and marked the corrections in the margin with a soft pencil
		so that nothing of the author's argument would be lost between the manuscript and the press`)
	var b strings.Builder
	for s := 0; s < n; s++ {
		k := 6 + (seed*7+s*5)%13
		for i := 0; i < k; i++ {
			w := words[(seed*31+s*17+i*7)%len(words)]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if i < k-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}

// fixture is a small article using every block and inline kind.
func fixture() *model.Document {
	return &model.Document{
		Title:    "On Setting Type by Hand",
		Subtitle: "Notes from a small press",
		Authors:  []string{"Ada Printer", "Ben Compositor"},
		Date:     model.Date{Year: 2020, Month: 11, Day: 10},
		Lang:     "en",
		Source:   "https://example.org/articles/type.html",
		Blocks: []model.Block{
			mpara(text(prose(1, 4))),
			mpara(text("A second paragraph is indented; it has "), &model.Emph{Content: []model.Inline{text("emphasis")}},
				text(", "), &model.Strong{Content: []model.Inline{text("strong words")}}, text(", a "),
				&model.CodeSpan{Text: "code(span)"}, text(" and a "),
				&model.Link{Target: "https://example.org/press", Content: []model.Inline{text("link to the press")}},
				text(". A relative "), &model.Link{Target: "/about", Content: []model.Inline{text("link")}},
				text(" resolves against the source. "+prose(2, 2))),
			heading(1, "The Case"),
			mpara(text(prose(3, 5))),
			&model.List{Items: []model.Item{
				{Blocks: []model.Block{mpara(text("A short item."))}},
				{Blocks: []model.Block{mpara(text(prose(4, 2)))}},
			}},
			&model.List{Ordered: true, Start: 1, Items: []model.Item{
				{Blocks: []model.Block{mpara(text("First, the stick."))}},
				{Blocks: []model.Block{mpara(text("Then the galley."))}},
			}},
			&model.Quote{Blocks: []model.Block{mpara(text(prose(5, 2)))}},
			heading(2, "Spacing"),
			&model.Code{Text: "func main() {\n\tfmt.Println(\"hello, type\")\n}", Lang: "go"},
			mpara(text("Verse keeps its lines:"), &model.LineBreak{}, text("one line"), &model.LineBreak{}, text("and another")),
			&model.Break{},
			&model.Code{Text: "Dear Sir,\n        Yours faithfully,\n                A. P.", Layout: true},
			mpara(text(prose(6, 3))),
		},
	}
}

func layoutDump(t *testing.T, doc *model.Document, opt Options) []byte {
	t.Helper()
	book, err := Layout(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Dump(&b, book); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGoldenPages(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"a5-notes", Options{}},
		{"a5-inline-links", Options{Links: LinkInline}},
		{"a4-two-columns", Options{Paper: A4, Columns: 2, Links: LinkNone}},
		{"letter-12pt-chapter", Options{Paper: Letter, FontSize: Pt(12), FirstPage: 4, BookTitle: "A Printer's Reader"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden.Check(t, tt.name+".pages", layoutDump(t, fixture(), tt.opt))
		})
	}
}

func TestDeterministic(t *testing.T) {
	a := layoutDump(t, fixture(), Options{})
	b := layoutDump(t, fixture(), Options{})
	if !bytes.Equal(a, b) {
		t.Error("two layouts of the same document differ")
	}
}

// boxes returns the body boxes of a document laid out with opt, after
// pagination.
func boxes(t *testing.T, doc *model.Document, opt Options) []*vbox {
	t.Helper()
	s, err := newSetter(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	title, body, err := s.vertical()
	if err != nil {
		t.Fatal(err)
	}
	pg := &pager{s: s}
	pg.paginate(title, body)
	var out []*vbox
	for _, it := range body.items {
		if it.kind == vBox {
			out = append(out, it.box)
		}
	}
	return out
}

// longDoc has paragraphs of many lengths and headings, enough for page
// breaks to fall everywhere.
func longDoc() *model.Document {
	doc := &model.Document{Title: "Breaks", Lang: "en"}
	for i := 0; i < 60; i++ {
		if i%7 == 3 {
			doc.Blocks = append(doc.Blocks, heading(1+i%2, fmt.Sprintf("Section %d", i)))
		}
		doc.Blocks = append(doc.Blocks, mpara(text(prose(i, 1+i%6))))
		if i%11 == 5 {
			doc.Blocks = append(doc.Blocks, &model.List{Items: []model.Item{
				{Blocks: []model.Block{mpara(text(prose(i+1, 3)))}},
				{Blocks: []model.Block{mpara(text(prose(i+2, 1)))}},
			}})
		}
	}
	return doc
}

// TestWidowsOrphansHeadings checks the page breaks of a long document at
// several page sizes: no paragraph leaves its first line alone at the
// foot of a page or its last line alone at the head of the next, and a
// heading is followed on its page by at least two lines.
func TestWidowsOrphansHeadings(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"a5", Options{}},
		{"small paper", Options{Paper: Paper{Name: "small", Width: Mm(110), Height: Mm(120)}}},
		{"a6-ish 11pt", Options{Paper: Paper{Name: "a6", Width: Mm(105), Height: Mm(148)}, FontSize: Pt(11)}},
		{"a4 two columns", Options{Paper: A4, Columns: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs := boxes(t, longDoc(), tt.opt)
			frames := map[int32]bool{}
			for i, b := range bs {
				frames[b.frame] = true
				switch b.role {
				case roleBody:
					if b.lines >= 2 && b.line == 1 && bs[i-1].frame != b.frame {
						t.Errorf("orphan: first line of block %d alone in frame %d", b.block, bs[i-1].frame)
					}
					if b.lines >= 2 && b.line == b.lines-1 && bs[i-1].frame != b.frame {
						t.Errorf("widow: last line of block %d alone in frame %d", b.block, b.frame)
					}
				case roleHeading:
					if b.line != b.lines-1 {
						continue
					}
					if i+2 >= len(bs) || bs[i+1].frame != b.frame || bs[i+2].frame != b.frame {
						t.Errorf("heading of block %d not followed by two lines in frame %d", b.block, b.frame)
					}
				}
			}
			if len(frames) < 4 {
				t.Fatalf("only %d frames: the test breaks too few pages", len(frames))
			}
		})
	}
}

func TestHyphenationRules(t *testing.T) {
	doc := &model.Document{Lang: "en"}
	s, err := newSetter(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      []model.Inline
		word    string // the word whose breaks are checked
		allowed bool   // whether pattern hyphens may appear in it
	}{
		{"ordinary word", []model.Inline{text("typesetting is an art")}, "typesetting", true},
		{"last word of the paragraph", []model.Inline{text("an art of typesetting")}, "typesetting", false},
		{"URL", []model.Inline{text("see https://example.org/typesetting/hyphenation now")}, "hyphenation", false},
		{"code", []model.Inline{text("call "), &model.CodeSpan{Text: "hyphenation"}, text(" now")}, "hyphenation", false},
		{"digits", []model.Inline{text("the hyphenation2020 release")}, "hyphenation", false},
		{"acronym", []model.Inline{text("the ORGANIZATION said")}, "ORGANIZATION", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := s.buildPara(tt.in, s.bodyStyle(ctx{measure: s.g.measure}, 0))
			var inWord bool
			found := false
			for i, it := range p.items {
				if it.Kind == BoxItem && it.Ref >= 0 {
					inWord = strings.Contains(tt.word, p.pieces[it.Ref].text) || strings.Contains(p.pieces[it.Ref].text, tt.word[:3])
				}
				if it.Kind == PenaltyItem && it.Flags&Pattern != 0 && inWord && i > 0 {
					found = true
				}
			}
			if found != tt.allowed {
				t.Errorf("pattern hyphens in %q: %v, want %v", tt.word, found, tt.allowed)
			}
		})
	}
}

// TestNoHyphenAtCamelCaseJoint checks that a word joined in camel case
// ("ServiceWorkers") is not hyphenated where a capital follows a small
// letter, where a reader would take the hyphen for the author's, while its
// syllables still may be.
func TestNoHyphenAtCamelCaseJoint(t *testing.T) {
	s, err := newSetter(&model.Document{Lang: "en"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"ServiceWorkers", "DocumentFragment", "backgroundColor"} {
		t.Run(word, func(t *testing.T) {
			p := s.buildPara([]model.Inline{text("the " + word + " interface")}, s.bodyStyle(ctx{measure: s.g.measure}, 0))
			breaks := 0
			for i, it := range p.items {
				if it.Kind != PenaltyItem || it.Flags&Pattern == 0 {
					continue
				}
				breaks++
				for _, next := range p.items[i+1:] {
					if next.Kind == BoxItem && next.Ref >= 0 {
						if r := []rune(p.pieces[next.Ref].text); len(r) > 0 && unicode.IsUpper(r[0]) {
							t.Errorf("a pattern hyphen before %q", p.pieces[next.Ref].text)
						}
						break
					}
				}
			}
			if breaks == 0 {
				t.Errorf("no pattern hyphen in %q at all: the test checks nothing", word)
			}
		})
	}
}

func TestMissingGlyphsWarn(t *testing.T) {
	var warnings []string
	doc := &model.Document{Lang: "en", Blocks: []model.Block{mpara(text("A smile ☺ and a melt 🫠 here."))}}
	book, err := Layout(doc, Options{Warn: func(w Warning) { warnings = append(warnings, w.Message) }})
	if err != nil {
		t.Fatal(err)
	}
	var faces []fonts.Style
	var all strings.Builder
	for _, r := range book.Pages[0].Body {
		all.WriteString(r.Text)
		if strings.ContainsAny(r.Text, "☺\ufffd") {
			faces = append(faces, r.Face)
		}
	}
	if !strings.Contains(all.String(), "☺") || !strings.Contains(all.String(), "\ufffd") {
		t.Errorf("text lost: %q", all.String())
	}
	if len(faces) != 2 || faces[0] != fonts.Fallback {
		t.Errorf("fallback faces %v, want DejaVu Sans for both", faces)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "U+1FAE0") {
		t.Errorf("warnings %q, want one about U+1FAE0", warnings)
	}
}

func TestLinkModes(t *testing.T) {
	doc := func() *model.Document {
		return &model.Document{Lang: "fr", Source: "https://example.org/a/b.html", Blocks: []model.Block{
			mpara(text("Voir "), &model.Link{Target: "../c.html", Content: []model.Inline{text("la page")}}, text(" et "),
				&model.Link{Target: "https://example.org/", Content: []model.Inline{text("example.org")}}, text(".")),
		}}
	}
	tests := []struct {
		mode     LinkMode
		want     []string
		dontWant []string
		links    int
	}{
		{LinkNotes, []string{"la page", "1", "Notes", "https://example.org/c.html"}, []string{"("}, 3},
		{LinkInline, []string{"(https://example.org/c.html)"}, []string{"Notes"}, 3},
		{LinkNone, []string{"la page"}, []string{"Notes", "https://example.org/c.html"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			book, err := Layout(doc(), Options{Links: tt.mode})
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			links := 0
			for _, p := range book.Pages {
				all.WriteString(p.Text() + "\n")
				links += len(p.Links)
			}
			for _, w := range tt.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("missing %q in\n%s", w, all.String())
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(all.String(), w) {
					t.Errorf("unexpected %q in\n%s", w, all.String())
				}
			}
			if links != tt.links {
				t.Errorf("%d link areas, want %d", links, tt.links)
			}
		})
	}
}

func TestParsePaper(t *testing.T) {
	tests := []struct {
		in      string
		want    Paper
		wantErr bool
	}{
		{"a5", A5, false},
		{"A4", A4, false},
		{"letter", Letter, false},
		{"half-letter", HalfLetter, false},
		{"120x190mm", Paper{"120x190mm", Mm(120), Mm(190)}, false},
		{"10x10mm", Paper{}, true},
		{"b5", Paper{}, true},
		{"120x190", Paper{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePaper(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParsePaper(%q) = %v, %v", tt.in, got, err)
			}
		})
	}
}

func TestOptionsCheck(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		wantErr string
	}{
		{"defaults", Options{}, ""},
		{"three columns", Options{Columns: 3}, "columns"},
		{"huge type", Options{FontSize: Pt(40)}, "font size"},
		{"two columns on A5 at 14pt", Options{Columns: 2, FontSize: Pt(14)}, "too narrow"},
		{"leading below size", Options{Leading: Pt(8)}, "leading"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Check()
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Check() = %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestRunningHeadsAndFolios(t *testing.T) {
	inner, outer := Mm(14), Mm(22)
	book, err := Layout(longDoc(), Options{FirstPage: 3, Margins: Margins{Inner: inner, Outer: outer}})
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Pages) < 4 {
		t.Fatalf("%d pages", len(book.Pages))
	}
	for i, p := range book.Pages {
		if p.Folio != 3+i {
			t.Errorf("page %d has folio %d", i+1, p.Folio)
		}
		if len(p.Foot) == 0 || p.Foot[0].Text != fmt.Sprint(p.Folio) {
			t.Errorf("page %d: foot %v", i+1, p.Foot)
		}
		switch {
		case i == 0 && len(p.Head) != 0:
			t.Errorf("first page has a running head %q", p.Head[0].Text)
		case i > 0 && p.Folio%2 == 0 && (len(p.Head) == 0 || p.Head[0].Text != "Breaks"):
			t.Errorf("left page %d: head %v, want the title", p.Folio, p.Head)
		case i > 0 && p.Folio%2 == 1 && (len(p.Head) == 0 || !strings.HasPrefix(p.Head[0].Text, "Section")):
			t.Errorf("right page %d: head %v, want a section", p.Folio, p.Head)
		}
		// right-hand pages have the inner margin on the left
		left := book.Width
		for _, r := range p.Body {
			left = min(left, r.X)
		}
		want := inner
		if p.Folio%2 == 0 {
			want = outer
		}
		if left < want-Pt(20) || left > want+Pt(1) {
			t.Errorf("page %d: text starts at %v, margin %v", p.Folio, left, want)
		}
	}
}

func TestOutline(t *testing.T) {
	book, err := Layout(fixture(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range book.Outline {
		got = append(got, fmt.Sprintf("%d %s", o.Level, o.Title))
		if o.Page < 0 || o.Page >= len(book.Pages) || o.Y <= 0 || o.Y >= book.Height {
			t.Errorf("%q at page %d y %v", o.Title, o.Page, o.Y)
		}
	}
	if want := "1 The Case|2 Spacing|1 Notes"; strings.Join(got, "|") != want {
		t.Errorf("outline %q, want %q", strings.Join(got, "|"), want)
	}
}

func ExampleLayout() {
	doc := &model.Document{
		Title:   "A Small Pamphlet",
		Authors: []string{"Ada Printer"},
		Lang:    "en",
		Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{&model.Text{Text: "Every word is placed by the engine."}}},
		},
	}
	book, err := Layout(doc, Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d page, %.0f x %.0f pt\n", len(book.Pages), book.Width.Points(), book.Height.Points())
	fmt.Println(book.Pages[0].Text())
	// Output:
	// 1 page, 420 x 595 pt
	// A Small Pamphlet
	// by Ada Printer
	// Every word is placed by the engine.
}

// TestJustifiedLinesAreFlush checks that every line but the last of a
// paragraph ends exactly at the measure, with glyph expansion inside its
// limits and glue never shrunk past its own.
func TestJustifiedLinesAreFlush(t *testing.T) {
	doc := &model.Document{Lang: "en"}
	for i := 0; i < 30; i++ {
		doc.Blocks = append(doc.Blocks, mpara(text(prose(i, 2+i%5))))
	}
	opt := Options{}
	g, _ := opt.geometry()
	expanded := 0
	for _, b := range boxes(t, doc, opt) {
		if b.role != roleBody || b.line == b.lines-1 || len(b.runs) == 0 {
			continue
		}
		last := b.runs[len(b.runs)-1]
		if end := last.X + last.Width; end < g.measure-2 || end > g.measure+2 {
			t.Errorf("block %d line %d ends at %v, measure %v", b.block, b.line, end, g.measure)
		}
		for _, r := range b.runs {
			if r.Expand < -condensation || r.Expand > expansion {
				t.Errorf("expansion %d outside [-%d, %d]", r.Expand, condensation, expansion)
			}
			if r.Expand != 0 {
				expanded++
			}
		}
		for k := 1; k < len(b.runs); k++ {
			prev := b.runs[k-1]
			gap := b.runs[k].X - prev.X - prev.Width
			space := scale(Pt(10), 600, 2048) // Charis's space at 10pt
			if gap < space-space*interwordShrink/100-2 {
				t.Errorf("block %d line %d: space %v shrunk below %v", b.block, b.line, gap, space-space*interwordShrink/100)
			}
		}
	}
	if expanded == 0 {
		t.Error("no line used font expansion; the test shows nothing")
	}
}

func TestFigurePicture(t *testing.T) {
	var png bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 800, 200))
	if err := imgpng.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	doc := &model.Document{Lang: "en", Blocks: []model.Block{
		&model.Figure{Src: "wide.png", Alt: "a wide picture", MediaType: "image/png", Data: png.Bytes(),
			Caption: []model.Inline{text("A wide picture.")}},
		&model.Figure{Src: "drawing.svg", Alt: "a drawing", MediaType: "image/svg+xml", Data: []byte("<svg/>")},
	}}
	book, err := Layout(doc, Options{Warn: func(w Warning) { warnings = append(warnings, w.Message) }})
	if err != nil {
		t.Fatal(err)
	}
	p := book.Pages[0]
	if len(p.Images) != 1 {
		t.Fatalf("%d images placed, want 1", len(p.Images))
	}
	im := p.Images[0]
	g, _ := Options{}.geometry()
	if im.W != g.measure || im.H < g.measure/4-2 || im.H > g.measure/4+2 {
		t.Errorf("image %vx%v, want the measure wide at 4:1", im.W, im.H)
	}
	text := p.Text()
	if !strings.Contains(text, "A wide picture.") || !strings.Contains(text, "a drawing") || strings.Contains(text, "a wide picture") {
		t.Errorf("page text %q: want the caption and the SVG's alternative text only", text)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "drawing.svg") {
		t.Errorf("warnings %q", warnings)
	}
}

// smallCapitals reports whether a run's letters are drawn with other
// glyphs than the face maps them to: the face's small capitals.
func smallCapitals(r Run) bool {
	nominal := fonts.MustGet(r.Face).Nominal(nil, []rune(r.Text), false)
	for i, g := range r.Glyphs {
		if i < len(nominal) && unicode.IsLetter([]rune(r.Text[g.At:])[0]) && g.ID != nominal[i].ID {
			return true
		}
	}
	return false
}

// TestPrintedByline checks that the names in a byline, and only they, are
// set in the face's small capitals.
func TestPrintedByline(t *testing.T) {
	tests := []struct {
		byline string
		names  []string
		want   string
	}{
		{"written by Greg Butterfield", []string{"Greg Butterfield"}, "written by GREG BUTTERFIELD"},
		{"Author: Russ Cox, for the Go team", []string{"Russ Cox"}, "Author: RUSS COX, for the Go team"},
		{"By Carmen Andoh, Russ Cox and Steve Francia", []string{"Carmen Andoh", "Russ Cox", "Steve Francia"},
			"By CARMEN ANDOH, RUSS COX and STEVE FRANCIA"},
		{"Posted by a friend", []string{"Someone Else"}, "Posted by a friend"},
	}
	for _, tt := range tests {
		t.Run(tt.byline, func(t *testing.T) {
			doc := &model.Document{Title: "T", Byline: tt.byline, Authors: tt.names, Lang: "en"}
			book, err := Layout(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			// The byline's runs, the text of those drawn in small
			// capitals in capitals.
			body := book.Pages[0].Body
			var sb strings.Builder
			var prev *Run
			for i, r := range body {
				if r.Y != body[len(body)-1].Y {
					continue
				}
				if prev != nil && r.X > prev.X+prev.Width+Pt(0.5) {
					sb.WriteByte(' ')
				}
				if smallCapitals(r) {
					sb.WriteString(strings.ToUpper(r.Text))
				} else {
					sb.WriteString(r.Text)
				}
				prev = &body[i]
			}
			if got := sb.String(); got != tt.want {
				t.Errorf("byline %q, want %q", got, tt.want)
			}
		})
	}
}
