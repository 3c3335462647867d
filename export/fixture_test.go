package export

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"pamphlet/model"
)

// Fixtures: documents built by hand, as a reader would produce them. The
// rich one holds every kind of node the model has, and text that needs
// escaping.

func text(s string) *model.Text { return &model.Text{Text: s} }

func para(in ...model.Inline) *model.Paragraph { return &model.Paragraph{Content: in} }

// testPNG returns a small deterministic PNG image.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 0x80, 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testJPEG returns a small deterministic JPEG image.
func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// richDoc covers every block and inline kind, nested containers,
// characters that must be escaped, no-break spaces, and links of every
// sort.
func richDoc(t testing.TB) *model.Document {
	doc := &model.Document{
		Title:       "Bread & Roses: the <1912> strike",
		Subtitle:    "How the mills of Lawrence stopped",
		Authors:     []string{"Zoë Ångström", "José Martí", "Ada O’Brien"},
		Byline:      "Words by Zoë Ångström, José Martí & Ada O’Brien, for the Union",
		Date:        model.Date{Year: 2012, Month: 1, Day: 11},
		Lang:        "en",
		Source:      "https://example.org/history/lawrence?id=7&part=1",
		Description: "A short history of the 1912 textile strike & its songs.",
		Blocks: []model.Block{
			para(text("On 11\u00a0January 1912 the weavers—mostly women—walked out; “short pay!” they cried. "),
				&model.Emph{Content: []model.Inline{text("Emphasis")}}, text(", "),
				&model.Strong{Content: []model.Inline{text("strong with "), &model.Emph{Content: []model.Inline{text("nested emphasis")}}}},
				text(", code "), &model.CodeSpan{Text: "a < b && c > d"}, text(", and a "),
				&model.Link{Target: "https://en.wikipedia.org/wiki/Lawrence_textile_strike", Content: []model.Inline{text("real link")}},
				text(".")),
			para(text("Relative "), &model.Link{Target: "/about/us", Content: []model.Inline{text("about page")}},
				text(", fragment "), &model.Link{Target: "#top", Content: []model.Inline{text("back to top")}},
				text(", script "), &model.Link{Target: "javascript:alert(1)", Content: []model.Inline{text("do not run")}},
				text(", mail "), &model.Link{Target: "mailto:union@example.org", Content: []model.Inline{text("write to us")}},
				text(", odd "), &model.Link{Target: "https://example.org/a|b/<c>/\"q\"/ü", Content: []model.Inline{text("odd characters")}},
				text(", and a line"), &model.LineBreak{}, text("break.")),
			&model.Heading{Level: 1, Content: []model.Inline{text("The walkout & after")}},
			para(text("First paragraph after a heading, not indented.")),
			para(text("Second paragraph, indented.")),
			&model.Heading{Level: 2, Content: []model.Inline{text("A "), &model.Emph{Content: []model.Inline{text("detail")}}}},
			&model.Quote{Blocks: []model.Block{
				para(text("We want bread, and roses too.")),
				&model.List{Items: []model.Item{
					{Blocks: []model.Block{para(text("quoted item one"))}},
					{Blocks: []model.Block{para(text("quoted item two"))}},
				}},
			}},
			&model.List{Ordered: true, Start: 3, Items: []model.Item{
				{Blocks: []model.Block{para(text("third point"))}},
				{Blocks: []model.Block{
					para(text("fourth point, in two paragraphs")),
					para(text("and its second paragraph")),
					&model.Code{Text: "x := 1"},
				}},
			}},
			&model.List{Ordered: true, Start: 1, Items: []model.Item{
				{Blocks: []model.Block{para(text("a list from one"))}},
			}},
			&model.Code{Lang: "go", Text: "func main() {\n\tif a < b && b > c {\n\t\tfmt.Println(\"<&>\")\n\t}\n}"},
			&model.Code{Layout: true, Text: "                    Lawrence, Mass.,\n                    January 12th, 1912.\nDear Sir,"},
			&model.Table{Caption: []model.Inline{text("Wages & hours, 1912")},
				Align: []model.Align{model.AlignDefault, model.AlignCenter},
				Head:  []model.Row{{Cells: []model.Cell{{Content: []model.Inline{text("Mill")}}, {Content: []model.Inline{text("Shift")}}, {Content: []model.Inline{text("Wage")}}}}},
				Body: []model.Row{
					{Cells: []model.Cell{{Content: []model.Inline{&model.Emph{Content: []model.Inline{text("Everett")}}}}, {Content: []model.Inline{text("day")}}, {Content: []model.Inline{text("$8.76")}}}},
					{Cells: []model.Cell{{Content: []model.Inline{text("Wood <north>")}}, {}, {Content: []model.Inline{text("$6.00")}}}},
				}},
			para(text("After the table, not indented.")),
			&model.Break{},
			para(text("After the break, not indented either.")),
			&model.Figure{Src: "mill.png", Alt: "The Everett Mill & its gate", MediaType: "image/png",
				Data: testPNG(t, 32, 24), Width: 32, Height: 24,
				Caption: []model.Inline{text("The "), &model.Emph{Content: []model.Inline{text("Everett")}}, text(" mill")}},
			&model.Figure{Src: "lost.jpg", Alt: "A photograph that was not kept",
				Caption: []model.Inline{text("Strikers on Essex Street")}},
			&model.Figure{Src: "caption-only.png", MediaType: "image/jpeg", Data: testJPEG(t, 16, 16),
				Caption: []model.Inline{text("A caption standing in for alt text")}},
			&model.Figure{Src: "plan.svg", Alt: "Plan of the mill yard", MediaType: "image/svg+xml",
				Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect x="1" y="1" width="38" height="18" fill="none" stroke="black"/></svg>`)},
			&model.Heading{Level: 3, Content: []model.Inline{text("A third level")}},
			para(text("Deep section text.")),
			&model.Heading{Level: 1, Content: []model.Inline{text("Songs")}},
			para(text("Unicode: ½ — ‘single’ … emoji 🌹, Greek αβγ, Cyrillic жизнь, CJK 麵包.")),
		},
	}
	model.Normalize(doc)
	if err := model.Validate(doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// sparseDoc has no metadata but its text: no title, authors, date or
// language.
func sparseDoc(t testing.TB) *model.Document {
	doc := &model.Document{Blocks: []model.Block{
		para(text("Just one paragraph, with nothing else known.")),
	}}
	model.Normalize(doc)
	if err := model.Validate(doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// longDoc is a long article of n sections, for benchmarks.
func longDoc(n int) *model.Document {
	doc := &model.Document{Title: "A long article", Authors: []string{"A. Writer"},
		Date: model.Date{Year: 2020, Month: 5, Day: 17}, Lang: "en"}
	p := "The quick brown fox jumps over the lazy dog, and then—being a fox of some ambition—writes a paragraph about it, with “quotes” and a few more words to make it typical. "
	for i := 0; i < n; i++ {
		doc.Blocks = append(doc.Blocks, &model.Heading{Level: 1, Content: []model.Inline{text("Section")}})
		for j := 0; j < 8; j++ {
			doc.Blocks = append(doc.Blocks, para(text(p+p), &model.Emph{Content: []model.Inline{text("emphasis")}}, text(" end.")))
		}
	}
	model.Normalize(doc)
	return doc
}
