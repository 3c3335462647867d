package layout

import (
	"fmt"
	"reflect"
	"testing"

	"pamphlet/model"
)

func TestBookletOrder(t *testing.T) {
	tests := []struct {
		name         string
		n, signature int
		want         [][2]int
	}{
		{"no pages", 0, 0, nil},
		{"one page padded to four", 1, 0, [][2]int{{3, 0}, {1, 2}}},
		{"four pages", 4, 0, [][2]int{{3, 0}, {1, 2}}},
		{"five pages padded to eight", 5, 0, [][2]int{{7, 0}, {1, 6}, {5, 2}, {3, 4}}},
		{"eight pages", 8, 0, [][2]int{{7, 0}, {1, 6}, {5, 2}, {3, 4}}},
		{"twelve pages", 12, 0, [][2]int{{11, 0}, {1, 10}, {9, 2}, {3, 8}, {7, 4}, {5, 6}}},
		{"signature larger than the book", 8, 5, [][2]int{{7, 0}, {1, 6}, {5, 2}, {3, 4}}},
		{"signatures of one sheet", 8, 1, [][2]int{{3, 0}, {1, 2}, {7, 4}, {5, 6}}},
		{"signatures of two sheets, last one short", 12, 2, [][2]int{
			{7, 0}, {1, 6}, {5, 2}, {3, 4}, // pages 1-8
			{11, 8}, {9, 10}, // pages 9-12
		}},
		{"signatures of two sheets, padded", 13, 2, [][2]int{
			{7, 0}, {1, 6}, {5, 2}, {3, 4},
			{15, 8}, {9, 14}, {13, 10}, {11, 12},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BookletOrder(tt.n, tt.signature)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("BookletOrder(%d, %d) = %v, want %v", tt.n, tt.signature, got, tt.want)
			}
		})
	}
}

// TestBookletOrderFolds checks the order by folding the sheets: every
// page appears once, a page and the next are back to back on one sheet
// (a sheet turned on its short edge puts its front's right half behind
// its back's left half), and each sheet of a signature wraps the next.
func TestBookletOrderFolds(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 7, 16, 33, 100} {
		for _, sig := range []int{0, 1, 3, 4} {
			order := BookletOrder(n, sig)
			total := (n + 3) / 4 * 4
			if len(order) != total/2 {
				t.Fatalf("n=%d sig=%d: %d sides, want %d", n, sig, len(order), total/2)
			}
			seen := make([]bool, total)
			for _, side := range order {
				for _, p := range side {
					if p < 0 || p >= total || seen[p] {
						t.Fatalf("n=%d sig=%d: page %d out of range or twice in %v", n, sig, p, order)
					}
					seen[p] = true
				}
			}
			outer := order[0] // front of the current signature's outer sheet
			for k := 0; k < len(order); k += 2 {
				front, back := order[k], order[k+1]
				if back[0] != front[1]+1 || front[0] != back[1]+1 {
					t.Errorf("n=%d sig=%d sheet %d: front %v back %v are not back to back", n, sig, k/2, front, back)
				}
				// Folded, the sheet reads front[1], back[0], back[1],
				// front[0] from its first page to its last: the next
				// sheet of the signature fits between back[0] and
				// back[1]; the next signature starts after the last page
				// of this one's outer sheet.
				if k+2 < len(order) {
					next := order[k+2]
					inside := next[1] == back[0]+1 && next[0] == back[1]-1
					follows := next[1] == outer[0]+1
					switch {
					case follows && (sig == 0 || (k/2+1)%sig != 0):
						t.Errorf("n=%d sig=%d: sheet %d starts a signature early", n, sig, k/2+1)
					case follows:
						outer = next
					case !inside:
						t.Errorf("n=%d sig=%d: sheet %d %v/%v neither nests in nor follows sheet %d %v/%v",
							n, sig, k/2+1, next, order[k+3], k/2, front, back)
					}
				}
			}
		}
	}
}

// pagesBook returns a book of n pages of A5, each with one run naming it
// and a heading on every third page.
func pagesBook(n int) *Book {
	b := &Book{Width: A5.Width, Height: A5.Height}
	for i := range n {
		b.Pages = append(b.Pages, &Page{Folio: i + 1, Body: []Run{{Text: "page", X: Mm(18), Y: Mm(30)}},
			Links: []LinkArea{{X: Mm(18), Y: Mm(25), W: Mm(20), H: Mm(5), URL: "https://example.org/"}}})
		if i%3 == 0 {
			b.Outline = append(b.Outline, OutlineEntry{Level: 1, Title: "on page", Page: i, Y: Mm(40)})
		}
	}
	return b
}

func TestImpose(t *testing.T) {
	tests := []struct {
		name string
		n    int
		opt  ImposeOptions
		// want: side size, sides, sheets, blanks, signatures
		w, h       Sp
		sides      int
		blanks     int
		signatures []int
	}{
		{"A5 on A4", 6, ImposeOptions{Sheet: A4}, A4.Height, A4.Width, 4, 2, []int{2}},
		{"A4 given landscape", 4, ImposeOptions{Sheet: Paper{Width: A4.Height, Height: A4.Width}}, A4.Height, A4.Width, 2, 0, []int{1}},
		{"exact spread", 8, ImposeOptions{}, 2 * A5.Width, A5.Height, 4, 0, []int{2}},
		{"signatures", 20, ImposeOptions{Sheet: A4, Signature: 2}, A4.Height, A4.Width, 10, 0, []int{2, 2, 1}},
		{"crop marks", 4, ImposeOptions{Sheet: A4, CropMarks: true}, 2*A5.Width + 2*MarkZone, A5.Height + 2*MarkZone, 2, 0, []int{1}},
		{"one up with marks", 3, ImposeOptions{OneUp: true, CropMarks: true}, A5.Width + 2*MarkZone, A5.Height + 2*MarkZone, 3, 0, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := pagesBook(tt.n)
			im, err := Impose(b, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if im.Width != tt.w || im.Height != tt.h {
				t.Errorf("side %v × %v, want %v × %v", im.Width, im.Height, tt.w, tt.h)
			}
			if len(im.Sides) != tt.sides || im.Blanks != tt.blanks || !reflect.DeepEqual(im.Signatures, tt.signatures) {
				t.Errorf("%d sides, %d blanks, signatures %v; want %d, %d, %v",
					len(im.Sides), im.Blanks, im.Signatures, tt.sides, tt.blanks, tt.signatures)
			}
			placed := map[int]int{}
			for si, side := range im.Sides {
				for _, sl := range side.Slots {
					if sl.X < 0 || sl.Y < 0 || sl.X+b.Width > im.Width+Mm(0.5) || sl.Y+b.Height > im.Height {
						t.Errorf("side %d: page %d at %v,%v leaves the side", si, sl.Page, sl.X, sl.Y)
					}
					if sl.Page >= 0 {
						placed[sl.Page] = si
					}
				}
				for _, r := range side.Marks {
					if r.X < 0 || r.Y < 0 || r.X+r.W > im.Width || r.Y+r.H > im.Height {
						t.Errorf("side %d: mark %+v leaves the side", si, r)
					}
					for _, sl := range side.Slots {
						if r.X+r.W > sl.X && r.X < sl.X+b.Width && r.Y+r.H > sl.Y && r.Y < sl.Y+b.Height {
							t.Errorf("side %d: mark %+v lies on a page", si, r)
						}
					}
				}
				if tt.opt.CropMarks != (len(side.Marks) > 0) {
					t.Errorf("side %d: %d marks with CropMarks %v", si, len(side.Marks), tt.opt.CropMarks)
				}
			}
			if len(placed) != tt.n {
				t.Errorf("%d pages placed, want %d", len(placed), tt.n)
			}
			if len(im.Outline) != len(b.Outline) {
				t.Fatalf("outline has %d entries, want %d", len(im.Outline), len(b.Outline))
			}
			for k, o := range im.Outline {
				page := b.Outline[k].Page
				if o.Page != placed[page] || o.Y != b.Outline[k].Y+im.Sides[o.Page].Slots[0].Y {
					t.Errorf("outline %d: side %d y %v; want side %d", k, o.Page, o.Y, placed[page])
				}
			}
		})
	}
}

// TestImposeCreep checks the creep shift: none on a signature's outermost
// sheet, Creep on its innermost, in proportion between, always toward the
// fold.
func TestImposeCreep(t *testing.T) {
	b := pagesBook(24)
	creep := Mm(1)
	im, err := Impose(b, ImposeOptions{Sheet: A4, Signature: 3, Creep: creep})
	if err != nil {
		t.Fatal(err)
	}
	x0 := (A4.Height - 2*A5.Width) / 2
	for si, side := range im.Sides {
		s := side.Sheet % 3
		want := scale(creep, Sp(s), 2)
		if side.Slots[0].Creep != want || side.Slots[0].X != x0+want || side.Slots[1].X != x0+A5.Width-want {
			t.Errorf("side %d (sheet %d of its signature): creep %v, x %v and %v; want %v",
				si, s, side.Slots[0].Creep, side.Slots[0].X, side.Slots[1].X, want)
		}
	}
	if _, err := Impose(b, ImposeOptions{Creep: A5.Width / 5}); err == nil {
		t.Error("a creep of a fifth of the page was accepted")
	}
}

func TestImposeErrors(t *testing.T) {
	tests := []struct {
		name string
		b    *Book
		opt  ImposeOptions
	}{
		{"no book", nil, ImposeOptions{}},
		{"no pages", &Book{Width: A5.Width, Height: A5.Height}, ImposeOptions{}},
		{"sheet too small", pagesBook(4), ImposeOptions{Sheet: A5}},
		{"negative signature", pagesBook(4), ImposeOptions{Signature: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Impose(tt.b, tt.opt); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestHalfSheet(t *testing.T) {
	tests := []struct {
		sheet Paper
		want  Paper
	}{
		{A4, A5},
		{Letter, HalfLetter},
		{Paper{Name: "300x200mm", Width: Mm(300), Height: Mm(200)}, Paper{Name: "half 300x200mm", Width: Mm(150), Height: Mm(200)}},
		{Paper{Name: "200x300mm", Width: Mm(200), Height: Mm(300)}, Paper{Name: "half 200x300mm", Width: Mm(150), Height: Mm(200)}},
	}
	for _, tt := range tests {
		t.Run(tt.sheet.Name, func(t *testing.T) {
			if got := HalfSheet(tt.sheet); got != tt.want {
				t.Errorf("HalfSheet(%v) = %v, want %v", tt.sheet, got, tt.want)
			}
		})
	}
}

func ExampleBookletOrder() {
	// Six pages make a booklet of two sheets (two blank pages added).
	for k, side := range BookletOrder(6, 0) {
		fmt.Printf("sheet %d %s: pages %d and %d\n", k/2+1, [2]string{"front", "back"}[k%2], side[0]+1, side[1]+1)
	}
	// Output:
	// sheet 1 front: pages 8 and 1
	// sheet 1 back: pages 2 and 7
	// sheet 2 front: pages 6 and 3
	// sheet 2 back: pages 4 and 5
}

func ExampleImpose() {
	doc := &model.Document{Title: "A Small Pamphlet", Lang: "en",
		Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: "Folded and stapled."}}}}}
	book, err := Layout(doc, Options{Paper: HalfSheet(A4)})
	if err != nil {
		panic(err)
	}
	im, err := Impose(book, ImposeOptions{Sheet: A4})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d page on %d sheet: %d sides of %.0f x %.0f pt, %d blank pages\n",
		len(book.Pages), im.Sheets, len(im.Sides), im.Width.Points(), im.Height.Points(), im.Blanks)
	// Output:
	// 1 page on 1 sheet: 2 sides of 842 x 595 pt, 3 blank pages
}
