package layout

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/model"
)

// wholeLayout lays doc out as Layout did before it placed the body's
// pages as the body is set: the body's whole vertical list first, then
// the title block (its elements numbered after the body's), then the
// pages. It returns the book's dump, its elements and the warnings.
func wholeLayout(t *testing.T, doc *model.Document, opt Options) (dump, tags string, warns []string) {
	t.Helper()
	opt.Warn = func(w Warning) { warns = append(warns, w.String()) }
	s, err := newSetter(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	s.packLines = opt.Pack
	body := &vlist{pack: s.packLines}
	if err := s.body(body); err != nil {
		t.Fatal(err)
	}
	var title *vlist
	if s.g.columns > 1 {
		title = s.masthead()
	} else {
		title = s.titleBlock(s.g.textWidth)
	}
	pg := &pager{s: s, release: true}
	pg.paginate(title, body)
	pg.furnish()
	s.sh.reportMissing()
	book := &Book{Width: s.g.paper.Width, Height: s.g.paper.Height, Pages: pg.pages, Outline: s.outline, Tags: s.tags}
	return bookDump(t, book), tagsText(book.Tags), warns
}

// tagsText lists elements for comparison.
func tagsText(tags []Tag) string {
	var b strings.Builder
	for _, t := range tags {
		fmt.Fprintf(&b, "%d %d %d %q %q\n", t.Role, t.Level, t.Parent, t.Alt(), t.Lang())
	}
	return b.String()
}

func bookDump(t *testing.T, b *Book) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Dump(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// flowDocs are documents whose pages test the body placed as it is set:
// page breaks everywhere, tables broken with their header repeated,
// tables set across both columns or turned, a title block longer than a
// page, notes, characters no face has in the title and the body, and
// lines too wide.
func flowDocs() []struct {
	name string
	doc  *model.Document
} {
	long := longDoc()
	long.Blocks = append(long.Blocks, mpara(text("See "), &model.Link{Target: "https://example.org/notes", Content: []model.Inline{text("the notes")}}, text(".")))
	tables := tableDoc(mpara(text(prose(1, 3))), longTable(70), mpara(text(prose(2, 2))), wideTable(), mpara(text(prose(3, 4))),
		longTable(12), wideTable(), wideTable(), mpara(text(prose(4, 1))), longTable(40))
	title := longDoc()
	title.Title = strings.Repeat("A title of many words ᚠ ", 300)
	title.Blocks = append(title.Blocks, mpara(text("Unset: 𓀀 and "+strings.Repeat("x", 300)+" too wide.")))
	four := fixture()
	for range 3 {
		four.Blocks = append(four.Blocks, fixture().Blocks...)
	}
	return []struct {
		name string
		doc  *model.Document
	}{
		{"sections and lists", long},
		{"tables", tables},
		{"a title longer than a page", title},
		{"the fixture four times", four},
		{"a long paragraph", &model.Document{Title: "Long", Lang: "en", Blocks: []model.Block{
			mpara(text(prose(1, 2))), mpara(text(strings.Repeat(prose(5, 3)+" ", 60))), mpara(text(prose(2, 2)))}}},
	}
}

// TestBodyPlacedAsSetGivesTheSamePages checks that laying out a document
// with its pages made as its body is set, trying after every block (the
// most often), gives the pages, elements and warnings of laying out the
// whole body first.
func TestBodyPlacedAsSetGivesTheSamePages(t *testing.T) {
	defer func(n, long int) { flowBatch, longParagraph = n, long }(flowBatch, longParagraph)
	flowBatch, longParagraph = 1, 4<<10
	opts := []struct {
		name string
		opt  Options
	}{
		{"a5", Options{}},
		{"a5 packed", Options{Pack: true}},
		{"a4 two columns", Options{Paper: A4, Columns: 2}},
		{"a5 two columns inline links", Options{Columns: 2, Links: LinkInline, Pack: true}},
		{"small pages", Options{Paper: Paper{Name: "small", Width: Mm(110), Height: Mm(120)}}},
	}
	for _, d := range flowDocs() {
		for _, o := range opts {
			t.Run(d.name+"/"+o.name, func(t *testing.T) {
				wantDump, wantTags, wantWarns := wholeLayout(t, d.doc, o.opt)
				var warns []string
				opt := o.opt
				opt.Warn = func(w Warning) { warns = append(warns, w.String()) }
				book, err := Layout(d.doc, opt)
				if err != nil {
					t.Fatal(err)
				}
				if len(book.Pages) < 3 {
					t.Fatalf("%d pages: the test places too little", len(book.Pages))
				}
				book.Meta = Meta{} // wholeLayout has none
				if got := bookDump(t, book); got != wantDump {
					t.Errorf("pages differ:\n%s", firstDiff(got, wantDump))
				}
				if got := tagsText(book.Tags); got != wantTags {
					t.Errorf("elements differ:\n%s", firstDiff(got, wantTags))
				}
				if got, want := strings.Join(warns, "\n"), strings.Join(wantWarns, "\n"); got != want {
					t.Errorf("warnings\n%s\nwant\n%s", got, want)
				}
			})
		}
	}
}

// TestReleaseDropsBlocksAsSet checks that Layout with Release gives the
// pages and elements it gives without, and leaves the document without
// its blocks (they went as they were set), unless the contents ask for
// the text to be set twice.
func TestReleaseDropsBlocksAsSet(t *testing.T) {
	for _, d := range flowDocs() {
		for _, o := range []struct {
			name string
			opt  Options
			kept bool
		}{
			{"a5 packed", Options{Pack: true}, false},
			{"a4 two columns", Options{Paper: A4, Columns: 2}, false},
			{"with contents", Options{Contents: true}, true},
		} {
			t.Run(d.name+"/"+o.name, func(t *testing.T) {
				want, err := Layout(d.doc, o.opt)
				if err != nil {
					t.Fatal(err)
				}
				doc := *d.doc
				doc.Blocks = append([]model.Block(nil), d.doc.Blocks...)
				opt := o.opt
				opt.Release = true
				got, err := Layout(&doc, opt)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := bookDump(t, got), bookDump(t, want); g != w {
					t.Errorf("pages differ:\n%s", firstDiff(g, w))
				}
				if g, w := tagsText(got.Tags), tagsText(want.Tags); g != w {
					t.Errorf("elements differ:\n%s", firstDiff(g, w))
				}
				left := 0
				for _, b := range doc.Blocks {
					if b != nil {
						left++
					}
				}
				if o.kept && left != len(d.doc.Blocks) {
					t.Errorf("%d of %d blocks left; the contents need them all", left, len(d.doc.Blocks))
				}
				if !o.kept && left != 0 {
					t.Errorf("%d of %d blocks left after layout", left, len(d.doc.Blocks))
				}
			})
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("got  …%s\nwant …%s", a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}

// onePerLine is a document of n one-line paragraphs.
func onePerLine(n int) *model.Document {
	doc := &model.Document{Title: "Lines", Lang: "en"}
	for i := range n {
		doc.Blocks = append(doc.Blocks, mpara(text(fmt.Sprint("Line ", i))))
	}
	return doc
}

// TestBodyListHoldsAFewPages checks that the body's vertical list holds
// a few pages of lines at a time, however long the document, or its one
// paragraph.
func TestBodyListHoldsAFewPages(t *testing.T) {
	defer func(long int) { longParagraph = long }(longParagraph)
	longParagraph = 4 << 10
	long := &model.Document{Title: "One paragraph", Lang: "en", Blocks: []model.Block{
		mpara(text(strings.Repeat(prose(3, 4)+" ", 400)))}}
	tests := []struct {
		name string
		doc  *model.Document
		opt  Options
	}{
		{"lines", onePerLine(5000), Options{}},
		{"lines in two columns", onePerLine(5000), Options{Paper: A4, Columns: 2}},
		{"one paragraph", long, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newSetter(tt.doc, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			pg := &pager{s: s, release: true}
			if err := s.setPages(pg); err != nil {
				t.Fatal(err)
			}
			// A line and the penalty before it; a segment of a long
			// paragraph is about a tenth of a page longer than its
			// length in lines of 60 characters.
			perPage := int(s.g.textHeight/s.g.leading) * s.g.columns * 2
			most := flowBatch + 4*perPage + 2*longParagraph/50
			if pg.st.most > most {
				t.Errorf("the body's list held %d items, over %d", pg.st.most, most)
			}
			if len(pg.pages) < 40 {
				t.Errorf("%d pages: the test places too little", len(pg.pages))
			}
		})
	}
}

// BenchmarkLayoutLongText lays out a text of one-line paragraphs, packed
// as a long text is, and reports per line the most heap in use while it
// is laid out (sampled; garbage not yet collected included) and what
// the book keeps (its pages and elements).
func BenchmarkLayoutLongText(b *testing.B) {
	const n = 50000
	doc := &model.Document{Title: "Lines", Lang: "en"}
	for i := range n {
		// Words that recur, as in a text: the shaping cache stays the
		// same from one run to the next.
		doc.Blocks = append(doc.Blocks, mpara(text(fmt.Sprint("Line ", i%500))))
	}
	var peak, retained int64
	for b.Loop() {
		runtime.GC()
		before := testenv.HeapObjects()
		var book *Book
		peak = testenv.HeapPeak(func() {
			var err error
			if book, err = Layout(doc, Options{Pack: true}); err != nil {
				b.Fatal(err)
			}
		}) - before
		runtime.GC()
		retained = testenv.HeapObjects() - before
		runtime.KeepAlive(book)
	}
	b.ReportMetric(float64(peak)/n, "peak-B/line")
	b.ReportMetric(float64(retained)/n, "retained-B/line")
}
