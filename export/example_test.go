package export_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"time"

	"pamphlet/export"
	"pamphlet/model"
)

func ExampleEPUB() {
	doc := &model.Document{
		Title:   "Bread and Roses",
		Authors: []string{"James Oppenheim"},
		Date:    model.Date{Year: 1911, Month: 12, Day: 1},
		Lang:    "en",
		Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{&model.Text{Text: "As we go marching, marching, in the beauty of the day…"}}},
		},
	}
	var buf bytes.Buffer
	opt := export.EPUBOptions{Modified: time.Unix(1700000000, 0), NoCover: true}
	if err := export.EPUB(&buf, doc, opt); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// mimetype
	// EPUB/css/pamphlet.css
	// EPUB/nav.xhtml
	// EPUB/package.opf
	// EPUB/toc.ncx
	// EPUB/xhtml/text.xhtml
	// EPUB/xhtml/titlepage.xhtml
	// META-INF/container.xml
}

func ExampleEPUBBook() {
	article := func(title, author, words string) *model.Document {
		return &model.Document{Title: title, Authors: []string{author}, Lang: "en",
			Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: words}}}}}
	}
	b := &model.Book{Title: "Two Voices", Editors: []string{"Ed Itor"}, Lang: "en", Articles: []*model.Document{
		article("The First", "Ann Lee", "Each article is a file of its own."),
		article("The Second", "Bo Chan", "Its authors are the book's contributors."),
	}}
	var buf bytes.Buffer
	opt := export.EPUBOptions{Modified: time.Unix(1700000000, 0), NoCover: true}
	if err := export.EPUBBook(&buf, b, opt); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "mimetype" && f.Name != "META-INF/container.xml" {
			fmt.Println(f.Name)
		}
	}
	// Output:
	// EPUB/css/pamphlet.css
	// EPUB/nav.xhtml
	// EPUB/package.opf
	// EPUB/toc.ncx
	// EPUB/xhtml/chapter001.xhtml
	// EPUB/xhtml/chapter002.xhtml
	// EPUB/xhtml/titlepage.xhtml
}
