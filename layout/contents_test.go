package layout

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestArticleContents lays out a long article with a contents page in
// front: the contents name the article and each top-level section with
// the folio of the page its heading stands on, the article opens on the
// next page (the next right-hand one for print), the outline leads with
// the contents, and the text is the text laid out without them.
func TestArticleContents(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"screen", Options{}},
		{"print", Options{Recto: true}},
		{"two columns", Options{Paper: A4, Columns: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plain, err := Layout(longDoc(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			opt := tc.opt
			opt.Contents = true
			var warnings []Warning
			opt.Warn = func(w Warning) { warnings = append(warnings, w) }
			book, err := Layout(longDoc(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(book.Pages[0].Text(), "Contents") {
				t.Fatalf("first page %.60q, want the contents", book.Pages[0].Text())
			}
			// Where the article starts: the first page after the contents
			// that holds its title.
			start := -1
			for i, p := range book.Pages {
				if i > 0 && strings.Contains(p.Text(), "Breaks") {
					start = i
					break
				}
			}
			if start < 1 || (opt.Recto && start%2 != 0) {
				t.Fatalf("the article starts at page index %d", start)
			}
			if got, want := len(book.Pages)-start, len(plain.Pages); got != want {
				t.Errorf("the article takes %d pages behind its contents, %d without", got, want)
			}
			for i, p := range book.Pages {
				if p.Folio != i+1 {
					t.Errorf("page index %d has folio %d", i, p.Folio)
				}
			}
			// Each entry's folio is the page of its heading.
			contents := ""
			for _, p := range book.Pages[:start] {
				contents += p.Text() + "\n"
			}
			var sections []OutlineEntry
			for _, o := range book.Outline[1:] {
				if o.Level == 1 {
					sections = append(sections, o)
				}
			}
			if len(sections) == 0 {
				t.Fatal("no top-level sections in the outline")
			}
			for _, o := range append([]OutlineEntry{{Title: "Breaks", Page: start}}, sections...) {
				re := regexp.MustCompile(regexp.QuoteMeta(o.Title) + `[ .]*?(\d+)\b`)
				m := re.FindStringSubmatch(contents)
				if m == nil {
					t.Errorf("the contents do not list %q:\n%s", o.Title, contents)
					continue
				}
				if folio, _ := strconv.Atoi(m[1]); folio != o.Page+1 {
					t.Errorf("%q listed on page %d, its heading is on page %d", o.Title, folio, o.Page+1)
				}
				if !strings.Contains(book.Pages[o.Page].Text(), o.Title) {
					t.Errorf("%q: not on page %d", o.Title, o.Page+1)
				}
			}
			if o := book.Outline[0]; o.Title != "Contents" || o.Page != 0 || o.Level != 1 {
				t.Errorf("first outline entry %+v, want the contents", o)
			}
			if bodyText(t, plain) != bodyText(t, &Book{Width: book.Width, Pages: book.Pages[start:]}) {
				t.Error("the article's text differs behind the contents")
			}
			for _, w := range warnings {
				if w.Page > len(book.Pages) {
					t.Errorf("warning on page %d of %d: %s", w.Page, len(book.Pages), w.Message)
				}
			}
		})
	}
}
