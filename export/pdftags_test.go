package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"pamphlet/layout"
	"pamphlet/model"
)

// structElem is an element of `pdfinfo -struct-text`: its type, depth
// and the text of its own content.
type structElem struct {
	depth int
	kind  string
	text  string
}

// structLine is an element's line: its type, indented two spaces a
// level, with its title, " (block)" or " (inline)" for the elements
// poppler counts as such, and a colon when attribute lines follow.
var structLine = regexp.MustCompile(`^(\s*)([A-Za-z][A-Za-z0-9]*):?(?: "[^"]*")?(?: \((?:block|inline)\))?$`)

// readStructure reads a PDF's structure tree back with poppler.
func readStructure(t *testing.T, path string) []structElem {
	t.Helper()
	var elems []structElem
	for _, line := range strings.Split(run(t, "pdfinfo", "-struct-text", path), "\n") {
		if m := structLine.FindStringSubmatch(line); m != nil {
			elems = append(elems, structElem{depth: len(m[1]) / 2, kind: m[2]})
			continue
		}
		if s := strings.TrimSpace(line); len(elems) > 0 && len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
			elems[len(elems)-1].text += s[1 : len(s)-1]
		}
	}
	return elems
}

// words splits text into lowercase words, punctuation dropped.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
}

// TestTaggedPDFReadsInOrder reads the structure tree back and checks
// that it holds the document's words in reading order, in elements of
// the document's kinds, with nothing of the page furniture: in one
// column, in two (the left column before the right), and imposed as a
// booklet (pages out of order on the sheets).
func TestTaggedPDFReadsInOrder(t *testing.T) {
	var blocks []model.Block
	var want []string
	for i := range 24 {
		s := fmt.Sprintf("Paragraph %s opens here and then runs on with enough ordinary words about presses, "+
			"type and paper to fill several lines of its column before it closes at mark %d.", ordinal(i), i)
		blocks = append(blocks, para(text(s)))
		want = append(want, words(s)...)
		if i == 10 {
			blocks = append(blocks, &model.Heading{Level: 1, Content: []model.Inline{text("Middle section")}})
			want = append(want, "middle", "section")
		}
	}
	doc := &model.Document{Title: "Reading Order", Lang: "en", Blocks: blocks}
	want = append([]string{"reading", "order"}, want...)
	tests := []struct {
		name   string
		opt    layout.Options
		impose bool
	}{
		{"one column", layout.Options{}, false},
		{"two columns", layout.Options{Columns: 2, Paper: layout.A4}, false},
		{"booklet", layout.Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book, err := layout.Layout(doc, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if tt.opt.Columns == 2 && !twoColumnsOnFirstPage(book) {
				t.Fatal("the fixture does not fill both columns of the first page")
			}
			var buf bytes.Buffer
			if tt.impose {
				im, err := layout.Impose(book, layout.ImposeOptions{Sheet: layout.A4})
				if err != nil {
					t.Fatal(err)
				}
				err = ImposedPDF(&buf, im, PDFOptions{})
			} else {
				err = PDF(&buf, book, PDFOptions{})
			}
			if err != nil {
				t.Fatal(err)
			}
			elems := readStructure(t, writeFile(t, "tagged.pdf", buf.Bytes()))
			var got []string
			kinds := map[string]int{}
			for _, e := range elems {
				got = append(got, words(e.text)...)
				kinds[e.kind]++
				if strings.TrimSpace(e.text) != "" && regexp.MustCompile(`^\s*\d+\s*$`).MatchString(e.text) {
					t.Errorf("%s element holds a bare number %q: a folio tagged as content", e.kind, e.text)
				}
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("words of the tag tree:\n%s\nwant:\n%s", strings.Join(got, " "), strings.Join(want, " "))
			}
			if len(elems) == 0 || elems[0].kind != "Document" || kinds["H1"] != 1 || kinds["H2"] != 1 || kinds["P"] != 24 {
				t.Errorf("elements %v, want a Document of one H1, one H2 and 24 P", kinds)
			}
		})
	}
}

func ordinal(i int) string {
	return []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
		"twentyone", "twentytwo", "twentythree"}[i]
}

// twoColumnsOnFirstPage reports whether the first page has body text in
// its right half.
func twoColumnsOnFirstPage(b *layout.Book) bool {
	for _, r := range b.Pages[0].Body {
		if r.X > b.Width/2 {
			return true
		}
	}
	return false
}

// TestTaggedPDFElements checks the kinds of elements the blocks become
// and their nesting: lists as L, LI, Lbl and LBody, quotations, code,
// links with their notes, figures with their text alternative, tables
// with their row groups, rows and cells (header cells naming their
// columns).
func TestTaggedPDFElements(t *testing.T) {
	png := testPNG(t, 40, 20)
	doc := &model.Document{Title: "Kinds", Lang: "en", Blocks: []model.Block{
		para(text("See "), &model.Link{Target: "https://example.org/", Content: []model.Inline{text("the example")}}, text(" now.")),
		&model.List{Items: []model.Item{{Blocks: []model.Block{para(text("first item"))}}, {Blocks: []model.Block{para(text("second item"))}}}},
		&model.Quote{Blocks: []model.Block{para(text("quoted words"))}},
		&model.Code{Text: "x := 1\ny := 2"},
		&model.Figure{Data: png, MediaType: "image/png", Alt: "a small coloured box", Caption: []model.Inline{text("The box")}},
		&model.Heading{Level: 3, Content: []model.Inline{text("Deep heading")}},
		&model.Table{Caption: []model.Inline{text("Stock")},
			Head: []model.Row{{Cells: []model.Cell{{Content: []model.Inline{text("Item")}}, {Content: []model.Inline{text("Count")}}}}},
			Body: []model.Row{
				{Cells: []model.Cell{{Content: []model.Inline{text("Paper")}}, {Content: []model.Inline{text("12")}}}},
				{Cells: []model.Cell{{Content: []model.Inline{text("Ink")}}, {}}}, // an empty cell stays
			}},
	}}
	path, data := writePDF(t, doc, layout.Options{}, PDFOptions{})
	elems := readStructure(t, path)
	var outline []string
	for _, e := range elems {
		outline = append(outline, strings.Repeat(" ", e.depth)+e.kind)
	}
	got := strings.Join(outline, "\n")
	for _, want := range []string{
		"Document\n H1\n P\n  Link\n  Reference",
		" L\n  LI\n   Lbl\n   LBody\n    P\n  LI\n   Lbl\n   LBody\n    P",
		" BlockQuote\n  P",
		" Code",
		" Figure\n Caption",
		// a level-3 section heading after the title: no level skipped
		" H2",
		" Table\n  Caption\n  THead\n   TR\n    TH\n    TH\n  TBody\n   TR\n    TD\n    TD\n   TR\n    TD\n    TD\n",
		" Note\n  Lbl\n  Link",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("structure lacks\n%s\nin\n%s", want, got)
		}
	}
	if !bytes.Contains(data, []byte("/Alt <FEFF")) {
		t.Error("the figure has no /Alt")
	}
	if !bytes.Contains(data, []byte("/S /TH\n")) || !bytes.Contains(data, []byte("/Scope /Column")) {
		t.Error("header cells without their scope")
	}
}

// TestPDFMetadataAgrees checks that the XMP metadata is well-formed and
// says what the document information says, for text that needs escaping
// in both, and that the catalog carries the tagged PDF's entries.
func TestPDFMetadataAgrees(t *testing.T) {
	doc := &model.Document{Title: `A (tricky) \ title & <more>`, Authors: []string{"Ann O'Neil", "Bo <B>"}, Lang: "fr",
		Blocks: []model.Block{para(text("Des mots."))}}
	for _, tt := range []struct {
		name    string
		date    time.Time  // from SOURCE_DATE_EPOCH
		docDate model.Date // the document's own
	}{
		{"no date", time.Time{}, model.Date{}},
		{"dated", time.Date(2020, 3, 1, 12, 0, 0, 0, time.UTC), model.Date{}},
		{"the document's date", time.Time{}, model.Date{Year: 2019, Month: 11, Day: 20}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc.Date = tt.docDate
			_, data := writePDF(t, doc, layout.Options{}, PDFOptions{Date: tt.date})
			f, err := readPDF(data)
			if err != nil {
				t.Fatal(err)
			}
			cat := f.dict(f.trailer.get("Root"))
			for _, k := range []pdfName{"StructTreeRoot", "MarkInfo", "ViewerPreferences", "Lang", "Metadata"} {
				if cat.get(k) == nil {
					t.Errorf("catalog without /%s", k)
				}
			}
			if id, ok := f.trailer.get("ID").(pdfArray); !ok || len(id) != 2 {
				t.Errorf("trailer /ID %v", f.trailer.get("ID"))
			}
			md := f.objs[cat.get("Metadata").(pdfRef)]
			var x struct {
				Desc struct {
					Title   []string `xml:"title>Alt>li"`
					Creator []string `xml:"creator>Seq>li"`
					Lang    []string `xml:"language>Bag>li"`
					Created string   `xml:"CreateDate"`
					Part    string   `xml:"part"`
				} `xml:"RDF>Description"`
			}
			if err := xml.Unmarshal(md.stream, &x); err != nil {
				t.Fatalf("XMP: %v\n%s", err, md.stream)
			}
			d := x.Desc
			if len(d.Title) != 1 || d.Title[0] != doc.Title || strings.Join(d.Creator, "|") != "Ann O'Neil|Bo <B>" ||
				len(d.Lang) != 1 || d.Lang[0] != "fr" || d.Part != "1" {
				t.Errorf("XMP says %+v", d)
			}
			info := f.dict(f.trailer.get("Info"))
			dated := !tt.date.IsZero() || !tt.docDate.IsZero()
			if hasDate := info.get("CreationDate") != nil; hasDate != (d.Created != "") || hasDate != dated {
				t.Errorf("information dates %v, XMP date %q, document date %v", hasDate, d.Created, tt.date)
			}
		})
	}
}
