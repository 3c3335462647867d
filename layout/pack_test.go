package layout

import (
	"reflect"
	"slices"
	"testing"

	"pamphlet/fonts"
	"pamphlet/model"
)

// samePages compares pages field by field, an empty Glyphs as nil.
func samePages(t *testing.T, got, want *Page) {
	t.Helper()
	norm := func(p *Page) Page {
		c := *p
		for _, rs := range []*[]Run{&c.Head, &c.Body, &c.Foot} {
			*rs = slices.Clone(*rs)
			for k := range *rs {
				if len((*rs)[k].Glyphs) == 0 {
					(*rs)[k].Glyphs = nil
				}
			}
		}
		return c
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("page differs:\n got %+v\nwant %+v", g, w)
	}
}

func TestPackRunsGivesBackEveryField(t *testing.T) {
	word := func(x Sp, text string) Run {
		return Run{Face: fonts.Regular, Size: Pt(10), X: x, Y: Pt(100), Text: text, Width: Pt(4) * Sp(len(text)), Tag: 3}
	}
	tests := []struct {
		name string
		runs []Run
	}{
		{"one word", []Run{word(Pt(20), "word")}},
		{"words on a line, spaced", []Run{
			func() Run { r := word(Pt(20), "two"); r.Space = true; return r }(),
			word(Pt(35), "words"),
		}},
		{"lines down the page", []Run{word(Pt(20), "first"), word(Pt(20), "second"), {Face: fonts.Italic, Size: Pt(9), X: Pt(20), Y: Pt(90), Text: "head", Width: Pt(16)}}},
		{"right to left: each run left of the one before", []Run{word(Pt(200), "אבג"), word(Pt(100), "דהו")}},
		{"glyphs kerned, a ligature with a mark, expanded, hyphenated", []Run{{
			Face: fonts.BoldItalic, Size: Pt(12), X: Pt(18), Y: Pt(300), Text: "AVfi\u0301-",
			Glyphs: []Glyph{{ID: 36, At: 0, End: 1}, {ID: 57, At: 1, End: 2, X: Pt(7)}, {ID: 900, At: 2, End: 6, X: Pt(13)},
				{ID: 3, At: 2, End: 6, X: Pt(16), Y: Pt(4)}, {ID: 16, At: 6, End: 7, X: Pt(27)}},
			Width: Pt(30), Expand: -12, Tag: 41, Space: true, Grey: 40, Hyphen: Pt(3),
		}, func() Run { r := word(Pt(50), "next"); r.Expand = 15; return r }()}},
		{"a line of words shaped alike: glyphs, widths and spaces as predicted, then not", shapedLine()},
		{"glyphs right to left, each cluster before the one drawn before", []Run{{
			Face: fonts.Regular, Size: Pt(10), X: Pt(20), Y: Pt(100), Text: "אבג", Width: Pt(15),
			Glyphs: []Glyph{{ID: 90, At: 4, End: 6}, {ID: 89, At: 2, End: 4, X: Pt(5)}, {ID: 88, At: 0, End: 2, X: Pt(10)}},
		}}},
		{"furniture after content: tag back to 0", []Run{word(Pt(20), "text"), {Face: fonts.Regular, Size: Pt(8), X: Pt(150), Y: Pt(560), Text: "12"}}},
		{"empty text and negative places", []Run{{Face: fonts.Mono, Size: Pt(9), X: -Pt(5), Y: -Pt(3), Width: 0}, word(-Pt(1), "·")}},
		{"far apart, large values", []Run{{Face: fonts.Symbols, Size: Pt(400), X: 1 << 40, Y: -(1 << 40), Text: "∑", Width: 1 << 35, Tag: 1<<31 - 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := (&packedBody{runs: packRuns(tt.runs)}).unpack()
			samePages(t, &Page{Body: got}, &Page{Body: tt.runs})
		})
	}
	if (&packedBody{runs: packRuns(nil)}).unpack() != nil {
		t.Error("no runs unpack to some")
	}
}

// TestPackCarriesEveryRunField fails when Run gains a field: packRuns and
// unpack must carry it, or a packed book loses it.
func TestPackCarriesEveryRunField(t *testing.T) {
	carried := []string{"Face", "Size", "X", "Y", "Text", "Glyphs", "Width", "Expand", "Tag", "Space", "Grey", "Hyphen"}
	rt := reflect.TypeFor[Run]()
	for i := range rt.NumField() {
		if f := rt.Field(i); !slices.Contains(carried, f.Name) {
			t.Errorf("Run.%s is not carried by packRuns and unpack (pack.go)", f.Name)
		}
	}
}

// TestAnthologyPackedPagesMatch checks that a book laid out with Pack
// gives, page by page through Book.Page, what it gives unpacked: binding
// moved and renumbered the packed bodies as it does whole ones.
func TestAnthologyPackedPagesMatch(t *testing.T) {
	withTable := func() *model.Book {
		b := bookFixture(5)
		b.Articles[2].Blocks = append(b.Articles[2].Blocks, wideTable(), longTable(30))
		b.Articles[2].Blocks = model.NormalizeBlocks(b.Articles[2].Blocks)
		return b
	}
	tests := []struct {
		name string
		book func() *model.Book
		opt  Options
	}{
		{"one after another", func() *model.Book { return bookFixture(7) }, Options{}},
		{"on right-hand pages", func() *model.Book { return bookFixture(7) }, Options{Recto: true}},
		{"a table turned, on right-hand pages", withTable, Options{Recto: true}},
		{"two columns", func() *model.Book { return bookFixture(4) }, Options{Paper: A4, Columns: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole, err := Anthology(tt.book(), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			opt := tt.opt
			opt.Pack = true
			packed, err := Anthology(tt.book(), opt)
			if err != nil {
				t.Fatal(err)
			}
			samePaged(t, packed, whole)
		})
	}
}

// samePaged checks that two books have the same pages, read through
// Book.Page.
func samePaged(t *testing.T, packed, whole *Book) {
	t.Helper()
	if len(packed.Pages) != len(whole.Pages) {
		t.Fatalf("%d pages packed, %d whole", len(packed.Pages), len(whole.Pages))
	}
	held := 0
	for i := range whole.Pages {
		if p := packed.Pages[i]; p.packed != nil {
			held++
			if p.Body != nil {
				t.Errorf("page %d keeps its body whole beside the packed one", i+1)
			}
		}
		samePages(t, packed.Page(i), whole.Pages[i])
		each := func(b *Book) *Page {
			p := &Page{}
			b.EachRun(i, func(r *Run) {
				c := *r
				c.Glyphs = slices.Clone(r.Glyphs)
				p.Body = append(p.Body, c)
			})
			return p
		}
		// EachRun reads head, body and foot in turn, as one list.
		w := whole.Pages[i]
		samePages(t, each(packed), &Page{Body: slices.Concat(w.Head, w.Body, w.Foot)})
	}
	if held == 0 {
		t.Error("no page was packed")
	}
}

// TestLayoutPackedPagesMatch checks that packing lines and pages while a
// document is laid out changes none of its pages: lists, notes, links,
// columns, tables broken across pages and turned, contents in front.
func TestLayoutPackedPagesMatch(t *testing.T) {
	tables := tableDoc(mpara(text(prose(5, 8))), longTable(40), mpara(text(prose(6, 6))), wideTable(), mpara(text(prose(7, 12))))
	tests := []struct {
		name string
		doc  *model.Document
		opt  Options
	}{
		{"notes", fixture(), Options{}},
		{"inline links", fixture(), Options{Links: LinkInline}},
		{"two columns", fixture(), Options{Paper: A4, Columns: 2, Links: LinkNone}},
		{"chapter from folio 4", fixture(), Options{Paper: Letter, FontSize: Pt(12), FirstPage: 4, BookTitle: "A Printer's Reader"}},
		{"contents in front, recto", fixture(), Options{Contents: true, Recto: true}},
		{"tables", tables, Options{}},
		{"tables in two columns", tables, Options{Paper: A4, Columns: 2, Links: LinkNone}},
		{"long document", longDoc(), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole, err := Layout(tt.doc, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			opt := tt.opt
			opt.Pack = true
			packed, err := Layout(tt.doc, opt)
			if err != nil {
				t.Fatal(err)
			}
			samePaged(t, packed, whole)
		})
	}
}

// shapedLine is a justified line of words with glyphs one a character,
// as layout shapes them: advances repeat, spaces between words are equal,
// and then a word breaks every pattern (kerned, lifted, another face,
// expanded, a glyph for two characters, advances off by one).
func shapedLine() []Run {
	adv := map[rune]Sp{'a': 5000, 'b': 5500, 'n': 5200, 'e': 4800, 'd': 5600}
	var runs []Run
	x := Pt(20)
	word := func(text string, face fonts.Style, expand int) *Run {
		r := Run{Face: face, Size: Pt(10), X: x, Y: Pt(100), Text: text, Expand: expand, Tag: 2, Space: true}
		gx := Sp(0)
		for i, c := range text {
			r.Glyphs = append(r.Glyphs, Glyph{ID: uint16(c), At: int32(i), End: int32(i + 1), X: gx})
			gx += adv[c] + adv[c]*Sp(expand)/1000
		}
		r.Width = gx
		runs = append(runs, r)
		x += gx + 3000
		return &runs[len(runs)-1]
	}
	for _, w := range []string{"band", "and", "bead", "dab", "nab"} {
		word(w, fonts.Regular, 0)
	}
	word("banded", fonts.Regular, 12)
	r := word("dead", fonts.Italic, -7)
	r.Glyphs[1].X -= 400
	r.Glyphs[2].X++
	r.Glyphs[2].Y = 900
	r.Glyphs[3].ID = 7
	r.Width += 2
	r = word("bead", fonts.Regular, 0)
	r.Glyphs = append(r.Glyphs[:1], Glyph{ID: 500, At: 1, End: 3, X: r.Glyphs[1].X}, r.Glyphs[3])
	r.Tag = 5
	x += 10000
	r = word("and", fonts.Regular, 0)
	r.X -= 9000
	r.Y += Pt(12)
	r.Space = false
	return runs
}
