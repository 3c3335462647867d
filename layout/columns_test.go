package layout

import (
	"fmt"
	"strings"
	"testing"

	"pamphlet/fonts"
	"pamphlet/model"
)

// linesList returns a vertical list of n blocks of the given line counts,
// with widow and orphan penalties as paragraphs have and a gap between
// blocks; each line is one leading l high.
func linesList(l Sp, blocks ...int) []vitem {
	v := &vlist{}
	h, d := strut(l)
	for _, n := range blocks {
		v.gap(0)
		for k := range n {
			if k > 0 {
				pen := 0
				if k == 1 || k == n-1 {
					pen = Infinity
				}
				v.penalty(pen)
			}
			v.box(&vbox{h: h, d: d})
		}
	}
	return v.items
}

func TestBalance(t *testing.T) {
	l := Pt(13)
	tests := []struct {
		name   string
		blocks []int
		// h is the column height in lines
		h int
		// left and right are the expected column heights in lines; ok
		// false when the material does not fit.
		left, right int
		ok          bool
	}{
		{"even split", []int{10}, 20, 5, 5, true},
		{"odd count: left column longer", []int{11}, 20, 6, 5, true},
		{"three lines cannot split", []int{3}, 20, 3, 0, true},
		{"four lines split two and two", []int{4}, 20, 2, 2, true},
		{"blocks of two and five", []int{2, 5}, 20, 4, 3, true},
		{"full page", []int{20, 20}, 20, 20, 20, true},
		{"too much", []int{30, 12}, 20, 0, 0, false},
		{"between blocks", []int{5, 5}, 20, 5, 5, true},
		{"widow rules make the left longer", []int{1, 3, 5, 6}, 20, 9, 6, true},
		{"left column full", []int{20, 19}, 20, 20, 19, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := linesList(l, tt.blocks...)
			pg := &pager{}
			split, ok := pg.balance(items, skip(items, 0), Sp(tt.h)*l)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			var left, right int
			for k, it := range items {
				if it.kind != vBox {
					continue
				}
				if k < split {
					left++
				} else {
					right++
				}
			}
			if left != tt.left || right != tt.right {
				t.Errorf("columns of %d and %d lines, want %d and %d", left, right, tt.left, tt.right)
			}
		})
	}
}

// TestBalancedLastPage lays out documents of many lengths in two columns
// and checks the last page: the columns end within four lines of each
// other (paragraphs that keep two lines at either end may allow no
// closer split), the left one the longer, unless the rest was too short
// to split.
func TestBalancedLastPage(t *testing.T) {
	for n := 1; n < 40; n += 3 {
		t.Run(fmt.Sprint(n, " paragraphs"), func(t *testing.T) {
			doc := &model.Document{Title: "Balance", Lang: "en"}
			for i := range n {
				if i%9 == 4 {
					doc.Blocks = append(doc.Blocks, heading(1, fmt.Sprintf("Section %d", i)))
				}
				doc.Blocks = append(doc.Blocks, mpara(text(prose(i, 1+i%5))))
			}
			opt := Options{Paper: A4, Columns: 2}
			book, err := Layout(doc, opt)
			if err != nil {
				t.Fatal(err)
			}
			g, _ := opt.geometry()
			mid := g.margins.Inner + g.measure + g.gap/2
			var top, bottom [2]Sp
			for _, r := range book.Pages[len(book.Pages)-1].Body {
				if r.Size != g.size {
					continue // the title block
				}
				c := 0
				if r.X > mid {
					c = 1
				}
				if top[c] == 0 {
					top[c] = r.Y
				}
				bottom[c] = max(bottom[c], r.Y)
			}
			l := g.leading
			switch {
			case bottom[1] == 0:
				if bottom[0]-top[0] > 3*l {
					t.Errorf("the right column is empty, the left one %v high", bottom[0]-top[0])
				}
			case bottom[1] > bottom[0]+l/2 || bottom[0]-bottom[1] > 4*l:
				t.Errorf("last page columns end at %v and %v", bottom[0], bottom[1])
			}
		})
	}
}

// TestColumnTop checks that the columns start clear of all but the last
// line of the masthead that crosses the gutter.
func TestColumnTop(t *testing.T) {
	tests := []struct {
		name  string
		doc   *model.Document
		extra bool // whether space must be added below the masthead
	}{
		{"short title", &model.Document{Title: "A Short Title", Authors: []string{"Ada Printer"}}, false},
		{"long title on two lines", &model.Document{Title: strings.Repeat("A Very Long Title That Wraps ", 3),
			Authors: []string{"Ada Printer"}, Date: model.Date{Year: 2020, Month: 1, Day: 2}}, true},
		{"title and subtitle", &model.Document{Title: "The Title of a Handout Printed Across",
			Subtitle: "and a subtitle that is long enough to cross the gutter of the page", Authors: []string{"A. P."}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.doc.Lang = "en"
			tt.doc.Blocks = []model.Block{mpara(text(prose(1, 30)))}
			book, err := Layout(tt.doc, Options{Paper: A4, Columns: 2})
			if err != nil {
				t.Fatal(err)
			}
			s, _ := newSetter(tt.doc, Options{Paper: A4, Columns: 2})
			mid := s.textLeft(0) + s.g.measure + s.g.gap/2
			var crossing []Sp
			first := Sp(-1)
			for _, r := range book.Pages[0].Body {
				if r.Size == s.g.size && r.Face == fonts.Regular && first < 0 {
					first = r.Y
				}
				if first < 0 && r.X < mid && r.X+r.Width > mid {
					if n := len(crossing); n == 0 || crossing[n-1] != r.Y {
						crossing = append(crossing, r.Y)
					}
				}
			}
			if first < 0 {
				t.Fatal("no body line found")
			}
			if (len(crossing) >= 2) != tt.extra {
				t.Errorf("%d masthead lines cross the gutter", len(crossing))
			}
			if len(crossing) >= 2 {
				if gap := first - crossing[len(crossing)-2]; gap < crossingClearance*s.g.leading {
					t.Errorf("first line %v below a crossing line, want at least %v", gap, crossingClearance*s.g.leading)
				}
			}
		})
	}
}

// FuzzHandout lays out arbitrary documents as two-column A4 handouts and
// imposes them as booklets: no error, every run inside its column's page
// (from its start to its end: an overfull line runs off the page), every
// page placed once.
func FuzzHandout(f *testing.F) {
	for _, s := range []string{
		"Hello, world.",
		"# Heading\n\n" + strings.Repeat("A paragraph of words to fill the columns. ", 300),
		"- item one\n\n- item two\n\n    code line\n\tindented",
		strings.Repeat("word ", 3000),
		"Words, then " + strings.Repeat("שלום", 40) + " and " + strings.Repeat("بيت\u08a2", 20) + " again.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc := fuzzDoc(src)
		if model.Validate(doc) != nil {
			return
		}
		book, err := Layout(doc, Options{Paper: A4, Columns: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range book.Pages {
			// A turned page's body is placed on the paper turned a
			// quarter turn: x runs along its height.
			w, h := book.Width, book.Height
			if p.Turned {
				w, h = h, w
			}
			for _, r := range p.Body {
				if r.Y < 0 || r.Y > h || r.X < 0 || r.X+r.Width > w {
					t.Fatalf("run %q at %v,%v, %v wide, off the page", r.Text, r.X, r.Y, r.Width)
				}
			}
		}
		im, err := Impose(book, ImposeOptions{Sheet: Paper{Width: 2 * A4.Width, Height: A4.Height}, Signature: 2, Creep: Mm(1)})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int]bool{}
		for _, side := range im.Sides {
			for _, sl := range side.Slots {
				if sl.Page >= 0 {
					if seen[sl.Page] {
						t.Fatalf("page %d placed twice", sl.Page)
					}
					seen[sl.Page] = true
				}
			}
		}
		if len(seen) != len(book.Pages) {
			t.Fatalf("%d of %d pages placed", len(seen), len(book.Pages))
		}
	})
}
