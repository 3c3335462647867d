package layout

import (
	"strings"
	"testing"
)

func TestPrintInstructions(t *testing.T) {
	tests := []struct {
		name  string
		page  Paper
		pages int
		im    *Imposition
		want  []string // lines that must be there, in order
	}{
		{"one page", A5, 1, nil, []string{`1 A5 page(s); print at actual size (no "fit to page")`}},
		{"plain pages", A5, 3, nil, []string{"3 A5 page(s); print at actual size (no \"fit to page\"), double-sided, flipping on the long edge"}},
		{"booklet", A5, 3, &Imposition{Booklet: true, Sheet: A4, Padded: 4, Blanks: 1, Sheets: 1, Signatures: []int{1}, Sides: make([]Side, 2)},
			[]string{"booklet of 4 A5 pages (the last 1 blank) on 1 sheet(s) of A4: 2 sides",
				"print double-sided, flipping on the SHORT edge",
				"staple twice on the fold"}},
		{"signatures", A5, 16, &Imposition{Booklet: true, Sheet: A4, Padded: 16, Sheets: 4, Signatures: []int{2, 2}, Sides: make([]Side, 8)},
			[]string{"booklet of 16 A5 pages on 4 sheet(s) of A4: 8 sides", "2 signatures of 2, 2 sheet(s)"}},
		{"many sheets want creep", A5, 40, &Imposition{Booklet: true, Sheet: A4, Padded: 40, Sheets: 10, Signatures: []int{10}, Sides: make([]Side, 20)},
			[]string{"trim it, or set --creep"}},
		{"crop marks", A5, 4, &Imposition{Booklet: true, Sheet: A4, Padded: 4, Sheets: 1, Signatures: []int{1}, Sides: make([]Side, 2),
			Bleed: MarkZone, Width: Mm(310), Height: Mm(224)},
			[]string{"on 1 sheet(s) of 310 × 224 mm", "print on SRA4 (320 × 225 mm) paper", "trim the three open edges at the crop marks"}},
		{"pages with crop marks, one up", A5, 2, &Imposition{Sheet: A5, Bleed: MarkZone, Width: Mm(162), Height: Mm(224)},
			[]string{"double-sided, flipping on the long edge", "each sheet is 162 × 224 mm: print on larger paper and trim at the crop marks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PrintInstructions(tc.page, tc.pages, tc.im)
			if !strings.HasSuffix(got, "\n") {
				t.Errorf("instructions do not end in a newline: %q", got)
			}
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("instructions lack %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
