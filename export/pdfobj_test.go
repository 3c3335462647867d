package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

func TestReadPDFValues(t *testing.T) {
	tests := []struct {
		name, in, out string
	}{
		{"dictionary", "<</Type /Page /Parent 1 0 R>>", "<</Type /Page\n/Parent 1 0 R>>"},
		{"nested", "<</A <</B [1 2.50 (x)]>> /C true>>", "<</A <</B [1 2.50 (x)]>>\n/C true>>"},
		{"string with parentheses", `(a \) (b) c)`, `(a \) (b) c)`},
		{"hex string", "<FEFF0041>", "<FEFF0041>"},
		{"numbers not a reference", "[1 2 3]", "[1 2 3]"},
		{"reference among numbers", "[1 0 R 2 3 0 R]", "[1 0 R 2 3 0 R]"},
		{"comment", "[1 % a comment\n2]", "[1 2]"},
		{"name ends at delimiter", "/A/B", "/A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := &lexer{b: []byte(tt.in)}
			v, err := lx.value()
			if err != nil {
				t.Fatal(err)
			}
			if got := string(appendValue(nil, v)); got != tt.out {
				t.Errorf("got %q, want %q", got, tt.out)
			}
		})
	}
}

func TestReadPDFRejects(t *testing.T) {
	for name, in := range map[string]string{
		"unterminated dictionary": "<</A 1",
		"key not a name":          "<<1 2>>",
		"unterminated string":     "(abc",
		"stray delimiter":         ")",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := (&lexer{b: []byte(in)}).value(); err == nil {
				t.Errorf("%q parsed", in)
			}
		})
	}
}

// TestGofpdfOutputAssumptions pins everything finish assumes of gofpdf's
// output, on a document made with the calls PDF makes: an upgrade of the
// library that changes any of it fails here rather than in a reader.
func TestGofpdfOutputAssumptions(t *testing.T) {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 300, Ht: 400}})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(false)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetTitle("Title", true)
	contents := []string{"BT /F0 10.00 Tf ET\n/P <</MCID 0>> BDC\nBT 1 2 Td (a) Tj ET\nEMC", "EMC"}
	for i, c := range contents {
		pdf.AddPage()
		pdf.RawWriteStr(c)
		pdf.LinkString(10, 10, 20, 5, "https://example.org/"+string(rune('a'+i)))
		pdf.LinkString(10, 30, 20, 5, "https://example.org/second")
	}
	// gofpdf writes the pages up to the current one: bookmarks go back
	// to the last page when they are done.
	pdf.SetPage(1)
	pdf.Bookmark("Mark", 0, 0)
	pdf.SetPage(len(contents))
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.3")) {
		t.Errorf("gofpdf writes %q, not PDF 1.3 (the version finish replaces)", buf.Bytes()[:8])
	}
	f, err := readPDF(buf.Bytes())
	if err != nil {
		t.Fatalf("gofpdf's output no longer reads: %v", err)
	}
	cat := f.dict(f.trailer.get("Root"))
	if cat == nil || cat.get("Type") != pdfName("Catalog") {
		t.Fatal("the trailer's /Root is not the catalog")
	}
	if info := f.dict(f.trailer.get("Info")); info == nil || info.get("CreationDate") == nil || info.get("ModDate") == nil {
		t.Error("the trailer's /Info holds no dates to drop")
	}
	if cat.get("Metadata") != nil || cat.get("Lang") != nil || cat.get("StructTreeRoot") != nil {
		t.Error("the catalog has entries finish would add")
	}
	if cat.get("Outlines") == nil {
		t.Error("no outline in the catalog")
	}
	pages, err := f.pages(cat)
	if err != nil || len(pages) != len(contents) {
		t.Fatalf("page tree: %d pages, %v", len(pages), err)
	}
	var res pdfValue
	for i, p := range pages {
		pd := f.dict(p)
		if i == 0 {
			res = pd.get("Resources")
		}
		if r, ok := pd.get("Resources").(pdfRef); !ok || pdfValue(r) != res {
			t.Errorf("page %d: resources %v are not one shared object", i+1, pd.get("Resources"))
		}
		if fd, ok := f.dict(pd.get("Resources")).get("Font").(*pdfDict); !ok || len(fd.keys) != 0 {
			t.Errorf("page %d: the resources have no empty /Font dictionary", i+1)
		}
		cr, ok := pd.get("Contents").(pdfRef)
		if !ok {
			t.Fatalf("page %d: /Contents is not one stream", i+1)
		}
		co := f.objs[cr]
		if co.stream == nil || f.dict(cr).get("Filter") != nil {
			t.Errorf("page %d: the content stream is missing or compressed", i+1)
		}
		// gofpdf opens a page with graphics state only (line cap, join,
		// width), then the raw content as written.
		head, ok := strings.CutSuffix(string(co.stream), contents[i]+"\n")
		if !ok {
			t.Errorf("page %d: content does not end with the raw writes: %q", i+1, co.stream)
		}
		// The streams pageStreams compresses begin with that head.
		if head != pagePrefix {
			t.Errorf("page %d: gofpdf begins the content with %q, not pagePrefix %q", i+1, head, pagePrefix)
		}
		for _, op := range strings.Fields(head) {
			if op == "Tj" || op == "re" || op == "f" || op == "Do" || op == "S" || op == "BT" {
				t.Errorf("page %d: gofpdf paints %q on its own: %q", i+1, op, head)
			}
		}
		annots, ok := pd.get("Annots").(pdfArray)
		if !ok || len(annots) != 2 {
			t.Fatalf("page %d: annotations %v, want an array of 2", i+1, pd.get("Annots"))
		}
		for k, a := range annots {
			d, ok := a.(*pdfDict)
			if !ok || d.get("Subtype") != pdfName("Link") {
				t.Fatalf("page %d: annotation %d is not a direct link dictionary", i+1, k)
			}
			uri := string(appendValue(nil, f.dict(d.get("A")).get("URI")))
			want := "https://example.org/" + string(rune('a'+i))
			if k == 1 {
				want = "https://example.org/second"
			}
			if !strings.Contains(uri, want) {
				t.Errorf("page %d: annotation %d leads to %s, want %s (the order of the calls)", i+1, k, uri, want)
			}
		}
	}
	fin, err := finish(buf.Bytes(), finishing{lang: "en", noDates: true})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := fin.writeTo(&out); err != nil {
		t.Fatal(err)
	}
	again, err := readPDF(out.Bytes())
	if err != nil {
		t.Fatalf("finished file does not read back: %v", err)
	}
	if len(again.objs) != len(f.objs) {
		t.Errorf("finish changed the object count: %d, was %d", len(again.objs), len(f.objs))
	}
}

// TestFinishChecksThePageTop checks that finish puts a side's compressed
// content in place of the page's stream only where gofpdf's stream is
// the top of a page it expects.
func TestFinishChecksThePageTop(t *testing.T) {
	for _, tt := range []struct {
		name    string
		content string
		ok      bool
	}{
		{"nothing but gofpdf's top", "", true},
		{"content painted through gofpdf", "BT 1 2 Td (a) Tj ET", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 300, Ht: 400}})
			pdf.SetCompression(false)
			pdf.AddPage()
			if tt.content != "" {
				pdf.RawWriteStr(tt.content)
			}
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatal(err)
			}
			own := []byte("compressed elsewhere")
			f, err := finish(buf.Bytes(), finishing{streams: [][]byte{own}})
			if !tt.ok {
				if err == nil || !strings.Contains(err.Error(), "page 1") {
					t.Errorf("error %v, want one naming page 1", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cat := f.dict(f.trailer.get("Root"))
			pages, err := f.pages(cat)
			if err != nil {
				t.Fatal(err)
			}
			co := f.objs[f.dict(pages[0]).get("Contents").(pdfRef)]
			if !bytes.Equal(co.stream, own) || !co.deflated {
				t.Errorf("page stream %q (deflated %v), want the side's own", co.stream, co.deflated)
			}
		})
	}
}
