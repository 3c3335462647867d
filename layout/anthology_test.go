package layout

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/golden"
	"pamphlet/locale"
	"pamphlet/model"
)

// bookFixture is an anthology of n essays of varied length after a
// preface. Odd essays mark their sections at level 2, as a Markdown file
// starting at "##" does; NormalizeBook lifts them.
func bookFixture(n int) *model.Book {
	b := &model.Book{Title: "A Printer's Reader", Subtitle: "Essays on type and the press",
		Editors: []string{"Ada Printer", "Ben Compositor"}, Date: model.Date{Year: 2024, Month: 3, Day: 1}, Lang: "en",
		Preface: &model.Document{Lang: "en", Blocks: []model.Block{mpara(text(prose(90, 6)))}}}
	for i := range n {
		top := 1 + i%2
		d := &model.Document{
			Title:   fmt.Sprintf("Essay %d: on the case and the stick, and why a compositor keeps both within reach", i+1),
			Authors: []string{fmt.Sprintf("Writer %c", 'A'+i%26)},
			Date:    model.Date{Year: 2000 + i, Month: 1 + i%12, Day: 1 + i%28},
			Lang:    "en",
		}
		if i%3 == 0 {
			d.Title = fmt.Sprintf("Essay %d", i+1)
		}
		for k := range 2 + (i*7)%9 {
			if k%3 == 1 {
				d.Blocks = append(d.Blocks, heading(top, fmt.Sprintf("Section %d.%d", i+1, k)))
			}
			d.Blocks = append(d.Blocks, mpara(text(prose(i*10+k, 6))))
		}
		b.Articles = append(b.Articles, d)
	}
	model.NormalizeBook(b)
	return b
}

func anthologyDump(t *testing.T, b *model.Book, opt Options) []byte {
	t.Helper()
	book, err := Anthology(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Dump(&buf, book); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAnthologyGolden(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"anthology-a5", Options{}},
		{"anthology-print", Options{Recto: true, Margins: Margins{Inner: Mm(14), Outer: Mm(22)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden.Check(t, tt.name+".pages", anthologyDump(t, bookFixture(3), tt.opt))
		})
	}
}

// leaderLine is a line of the contents that ends an entry: dot leaders,
// then the folio.
var leaderLine = regexp.MustCompile(`\.{3,}\s*(\d+)$`)

// TestAnthologyBinding checks how the book is made up, in every mode:
// the title page, chapters opening on new (in print mode right-hand)
// pages after blank ones, folios, running heads, margins on the right
// side of each spread, and contents numbers that are the folios where
// the chapters open.
func TestAnthologyBinding(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"screen", Options{}},
		{"print", Options{Recto: true}},
		{"print, unequal margins", Options{Recto: true, Margins: Margins{Inner: Mm(12), Outer: Mm(24)}}},
		{"screen, unequal margins", Options{Margins: Margins{Inner: Mm(12), Outer: Mm(24)}}},
		{"two columns", Options{Paper: A4, Columns: 2, Margins: Margins{Inner: Mm(15), Outer: Mm(25)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bookFixture(7)
			book, err := Anthology(b, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			g, _ := tt.opt.geometry()
			if got := book.Pages[0].Text(); !strings.Contains(got, "Printer's Reader") || len(book.Pages[0].Head)+len(book.Pages[0].Foot) > 0 {
				t.Errorf("title page: %q, head %v, foot %v", got, book.Pages[0].Head, book.Pages[0].Foot)
			}
			// The parts of the book, in order, from the outline.
			var starts []int
			var labels []string
			for _, o := range book.Outline {
				if o.Level != 2 {
					continue
				}
				starts = append(starts, o.Page)
				labels = append(labels, o.Title)
				// The bookmark stands just above the title's first line.
				first := strings.Fields(o.Title)[0]
				found := false
				for _, r := range book.Pages[o.Page].Body {
					if r.Text == first {
						found = true
						if r.Y <= o.Y || r.Y-o.Y > 2*r.Size {
							t.Errorf("%q: bookmark at y %v, title's baseline at %v", o.Title, o.Y, r.Y)
						}
						break
					}
				}
				if !found {
					t.Errorf("%q: no title on page %d", o.Title, o.Page+1)
				}
			}
			wantParts := 2 + len(b.Articles) // contents, preface, articles
			if len(starts) != wantParts || labels[0] != "Contents" || labels[1] != "Preface" {
				t.Fatalf("parts %q, want Contents, Preface and %d articles", labels, len(b.Articles))
			}
			opening := map[int]string{}
			for k, p := range starts {
				opening[p] = labels[k]
				if tt.opt.Recto && (p+1)%2 == 0 {
					t.Errorf("%q opens on page %d, a left-hand page", labels[k], p+1)
				}
				if k > 0 && p <= starts[k-1] {
					t.Errorf("%q does not open on a new page", labels[k])
				}
				if prefix := labels[k][:min(10, len(labels[k]))]; !strings.Contains(oneLine(book.Pages[p].Text()), prefix) {
					t.Errorf("page %d does not show %q:\n%s", p+1, labels[k], book.Pages[p].Text())
				}
			}
			chapter := ""
			for i, p := range book.Pages {
				if p.Folio != i+1 {
					t.Errorf("page %d has folio %d", i+1, p.Folio)
				}
				if l, ok := opening[i]; ok {
					chapter = l
					if len(p.Head) > 0 {
						t.Errorf("page %d opens %q but has a running head", i+1, l)
					}
					continue
				}
				blank := len(p.Body) == 0
				if blank {
					if !tt.opt.Recto {
						t.Errorf("page %d is blank outside print mode", i+1)
					}
					if len(p.Head)+len(p.Foot) > 0 {
						t.Errorf("blank page %d has furniture", i+1)
					}
					continue
				}
				if i == 0 {
					continue
				}
				want := chapter
				if (i+1)%2 == 0 {
					want = b.Title
				}
				head := ""
				for _, r := range p.Head {
					head += r.Text
				}
				if strings.ReplaceAll(head, " ", "") != strings.ReplaceAll(strings.TrimSuffix(want, " …"), " ", "") && !strings.HasSuffix(head, "…") {
					t.Errorf("page %d head %q, want %q", i+1, head, want)
				}
				// The text block's left edge is the inner margin on
				// right-hand pages, the outer one on left-hand pages.
				left := g.margins.Outer
				if (i+1)%2 == 1 {
					left = g.margins.Inner
				}
				minX := p.Body[0].X
				for _, r := range p.Body {
					minX = min(minX, r.X)
				}
				if minX < left-Pt(0.5) || (g.columns == 1 && minX > left+g.size*3) {
					t.Errorf("page %d: text starts at %v, want at %v", i+1, minX, left)
				}
			}
			// The contents list the folios where the parts open.
			var numbers []int
			for p := starts[0]; p < starts[1]; p++ {
				for _, line := range strings.Split(book.Pages[p].Text(), "\n") {
					if m := leaderLine.FindStringSubmatch(line); m != nil {
						n, _ := strconv.Atoi(m[1])
						numbers = append(numbers, n)
					}
				}
			}
			var want []int
			for _, p := range starts[1:] {
				want = append(want, p+1)
			}
			if fmt.Sprint(numbers) != fmt.Sprint(want) {
				t.Errorf("contents give %v, chapters open on %v", numbers, want)
			}
		})
	}
}

// TestAnthologyWorkers checks that the pages do not depend on how many
// chapters are laid out at once.
func TestAnthologyWorkers(t *testing.T) {
	one := anthologyDump(t, bookFixture(9), Options{Workers: 1, Recto: true})
	for _, w := range []int{2, 3, 16} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			if got := anthologyDump(t, bookFixture(9), Options{Workers: w, Recto: true}); !bytes.Equal(got, one) {
				t.Errorf("%d workers give other pages than one", w)
			}
		})
	}
}

// TestAnthologyHeadingScale checks that sections are set the same in
// every chapter, whatever level the article marked them at, one level
// under the chapter title in the outline.
func TestAnthologyHeadingScale(t *testing.T) {
	book, err := Anthology(bookFixture(4), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[Sp]bool{}
	sections := 0
	for _, o := range book.Outline {
		if !strings.HasPrefix(o.Title, "Section") {
			continue
		}
		sections++
		if o.Level != 3 {
			t.Errorf("%q at outline level %d, want 3", o.Title, o.Level)
		}
		for _, r := range book.Pages[o.Page].Body {
			if strings.HasPrefix(r.Text, "Section") {
				sizes[r.Size] = true
			}
		}
	}
	if sections == 0 || len(sizes) != 1 {
		t.Errorf("%d sections set in %d sizes, want one size", sections, len(sizes))
	}
}

// TestAnthologyWarnings checks that warnings name their article and the
// folio in the book.
func TestAnthologyWarnings(t *testing.T) {
	b := bookFixture(3)
	b.Articles[2].Blocks = append(b.Articles[2].Blocks, mpara(text("A character no face has: \U0001FAE0.")))
	var got []Warning
	book, err := Anthology(b, Options{Warn: func(w Warning) { got = append(got, w) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no warning for a missing glyph")
	}
	for _, w := range got {
		if w.Article != 3 {
			t.Errorf("warning %q names article %d, want 3", w, w.Article)
		}
	}
	if len(book.Pages) == 0 {
		t.Error("no pages")
	}
}

func TestAnthologyErrors(t *testing.T) {
	tests := []struct {
		name string
		book *model.Book
		opt  Options
		want string
	}{
		{"nil", nil, Options{}, "no articles"},
		{"no articles", &model.Book{Title: "T"}, Options{}, "no articles"},
		{"nil article", &model.Book{Title: "T", Articles: []*model.Document{nil}}, Options{}, "article 1"},
		{"bad geometry", bookFixture(1), Options{FontSize: Pt(40)}, "font size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Anthology(tt.book, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestChapterLabel checks what names an untitled chapter.
func TestChapterLabel(t *testing.T) {
	words := locale.Of("fr")
	tests := []struct {
		name string
		doc  *model.Document
		want string
	}{
		{"title", &model.Document{Title: "  A  title "}, "A title"},
		{"first heading", &model.Document{Blocks: []model.Block{mpara(text("x")), heading(2, "The heading")}}, "The heading"},
		{"nothing", &model.Document{Blocks: []model.Block{mpara(text("x"))}}, "Sans titre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chapterLabel(tt.doc, words); got != tt.want {
				t.Errorf("label %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkAnthology lays out books of 10 and 100 fixture essays; the
// time per article should not grow with the book.
func BenchmarkAnthology(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			book := bookFixture(n)
			for b.Loop() {
				if _, err := Anthology(book, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N*n), "ms/article")
		})
	}
}

func ExampleAnthology() {
	article := func(title, author, words string) *model.Document {
		return &model.Document{Title: title, Authors: []string{author}, Lang: "en",
			Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: words}}}}}
	}
	b := &model.Book{Title: "Two Voices", Editors: []string{"Ed Itor"}, Lang: "en", Articles: []*model.Document{
		article("The First", "Ann Lee", "Every chapter opens on a page of its own."),
		article("The Second", "Bo Chan", "The contents give the page it opens on."),
	}}
	model.NormalizeBook(b)
	book, err := Anthology(b, Options{Recto: true})
	if err != nil {
		panic(err)
	}
	for _, o := range book.Outline {
		fmt.Printf("%s%s, page %d\n", strings.Repeat("  ", o.Level-1), o.Title, book.Pages[o.Page].Folio)
	}
	// Output:
	// Two Voices, page 1
	//   Contents, page 3
	//   The First, page 5
	//   The Second, page 7
}

// wideEntriesBook is a book whose contents take one page when their
// column of numbers is two figures wide and two when it is nine: each
// title nearly fills the line, and a narrower line breaks it.
func wideEntriesBook() *model.Book {
	b := &model.Book{Title: "Wide Entries", Lang: "en"}
	for range 12 {
		b.Articles = append(b.Articles, &model.Document{Title: strings.Repeat("ab ", 18) + "x", Lang: "en",
			Blocks: []model.Block{mpara(text(prose(3, 4)))}})
	}
	model.NormalizeBook(b)
	return b
}

// TestAnthologyContentsReserved checks that a book whose contents keep
// their page count whatever the width of their numbers, bound chapter by
// chapter behind pages kept for the contents, is the book bound after
// every chapter is laid out; and that a book whose contents change with
// that width is bound that second way.
func TestAnthologyContentsReserved(t *testing.T) {
	tests := []struct {
		name    string
		book    func() *model.Book
		opt     Options
		reserve bool
	}{
		{"a5", func() *model.Book { return bookFixture(9) }, Options{}, true},
		{"print", func() *model.Book { return bookFixture(9) }, Options{Recto: true, Workers: 3}, true},
		{"two columns packed", func() *model.Book { return bookFixture(5) }, Options{Columns: 2, Pack: true}, true},
		{"contents change with the numbers' width", wideEntriesBook, Options{}, false},
		{"contents change with the numbers' width, print", wideEntriesBook, Options{Recto: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.book()
			fm, err := newFrontMatter(b, tt.opt, locale.Of(b.Lang))
			if err != nil {
				t.Fatal(err)
			}
			var entries []tocEntry
			if b.Preface != nil {
				entries = append(entries, tocEntry{label: "Preface"})
			}
			for _, d := range b.Articles {
				entries = append(entries, tocEntry{label: chapterLabel(d, locale.Of(b.Lang)), authors: d.Authors})
			}
			if _, ok, err := fm.reserve(&binder{}, entries); err != nil || ok != tt.reserve {
				t.Fatalf("contents reserved: %v (%v), want %v", ok, err, tt.reserve)
			}
			dump := func(reserve bool) []byte {
				book, err := anthology(tt.book(), tt.opt, reserve)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := Dump(&buf, book); err != nil {
					t.Fatal(err)
				}
				return buf.Bytes()
			}
			if got, want := dump(true), dump(false); !bytes.Equal(got, want) {
				t.Error("the book bound behind reserved contents differs from the book bound at the end")
			}
		})
	}
}

// TestAnthologyRelease checks that Options.Release takes the articles
// and the preface from the book and leaves the pages as they were.
func TestAnthologyRelease(t *testing.T) {
	want := anthologyDump(t, bookFixture(4), Options{})
	b := bookFixture(4)
	if got := anthologyDump(t, b, Options{Release: true}); !bytes.Equal(got, want) {
		t.Error("released articles give other pages")
	}
	if b.Preface != nil {
		t.Error("the preface is still held")
	}
	for i, d := range b.Articles {
		if d != nil {
			t.Errorf("article %d is still held", i+1)
		}
	}
}

// TestLayInOrder checks that chapters laid out by several workers, some
// slower than others, are used in order, and that the first failure in
// that order stops the book whatever failed later or sooner.
func TestLayInOrder(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		workers int
		fail    []int
		want    string
	}{
		{"one worker", 20, 1, nil, ""},
		{"three workers", 50, 3, nil, ""},
		{"more workers than chapters", 3, 8, nil, ""},
		{"the first failure in order", 40, 3, []int{31, 7, 12}, "chapter 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failing := map[int]bool{}
			for _, i := range tt.fail {
				failing[i] = true
			}
			var used []int
			progress := 0
			err := layInOrder(tt.n, tt.workers, func(i int) (*chapter, error) {
				// Later chapters are quicker: they finish out of order.
				for k := 0; k < (tt.n-i)*2000; k++ {
					_ = strconv.Itoa(k)
				}
				if failing[i] {
					return nil, fmt.Errorf("chapter %d", i)
				}
				return &chapter{article: i}, nil
			}, func(i int, c *chapter) {
				if c.article != i {
					t.Errorf("chapter %d used as %d", c.article, i)
				}
				used = append(used, i)
			}, func() { progress++ })
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error %q, want %q", got, tt.want)
			}
			for k, i := range used {
				if i != k {
					t.Fatalf("chapters used in the order %v", used)
				}
			}
			if tt.want == "" && (len(used) != tt.n || progress != tt.n) {
				t.Errorf("%d chapters used, %d reported, want %d", len(used), progress, tt.n)
			}
			if tt.want != "" && len(used) != 7 {
				t.Errorf("%d chapters used before the failure, want 7", len(used))
			}
		})
	}
}
