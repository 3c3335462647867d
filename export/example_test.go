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
