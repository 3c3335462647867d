package export_test

import (
	"bytes"
	"fmt"
	"time"

	"pamphlet/export"
	"pamphlet/layout"
	"pamphlet/model"
)

func ExamplePDF() {
	doc := &model.Document{
		Title: "A Small Pamphlet",
		Lang:  "en",
		Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{&model.Text{Text: "Painted where the layout placed it."}}},
		},
	}
	book, err := layout.Layout(doc, layout.Options{})
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	err = export.PDF(&buf, book, export.PDFOptions{Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s, %d page\n", bytes.SplitN(buf.Bytes(), []byte("\n"), 2)[0], len(book.Pages))
	// Output:
	// %PDF-1.7, 1 page
}

func ExampleImposedPDF() {
	doc := &model.Document{
		Title: "A Small Booklet",
		Lang:  "en",
		Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{&model.Text{Text: "Two pages to a side, folded."}}},
		},
	}
	book, err := layout.Layout(doc, layout.Options{Paper: layout.HalfSheet(layout.A4)})
	if err != nil {
		panic(err)
	}
	im, err := layout.Impose(book, layout.ImposeOptions{Sheet: layout.A4})
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := export.ImposedPDF(&buf, im, export.PDFOptions{}); err != nil {
		panic(err)
	}
	fmt.Printf("%s, %d sides\n", bytes.SplitN(buf.Bytes(), []byte("\n"), 2)[0], len(im.Sides))
	// Output:
	// %PDF-1.7, 2 sides
}
