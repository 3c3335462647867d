package export

import (
	"bytes"
	"encoding/json"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pamphlet/internal/testenv"
	"pamphlet/layout"
	"pamphlet/model"
)

func txt(s string) *model.Text { return &model.Text{Text: s} }

// article is a model fixture: the exporter's tests start from the model,
// never from a reader.
func article() *model.Document {
	long := strings.Repeat("The compositor justified every line of the pamphlet with care, "+
		"and the hyphenation of long words such as extraordinary or typographical kept the spacing even. ", 6)
	return &model.Document{
		Title:       "Notes on the Pamphlet Press",
		Authors:     []string{"Ada Printer"},
		Date:        model.Date{Year: 2019, Month: 11, Day: 20},
		Lang:        "en",
		Description: "How a small press sets its pamphlets.",
		Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{txt("Soft hy\u00adphens never print: a co\u00adoperative press. "),
				&model.Link{Target: "https://example.org/press", Content: []model.Inline{txt("The press")}},
				txt(" prints Añez, García and “quotes” — dashes too. "), txt(long)}},
			&model.Heading{Level: 1, Content: []model.Inline{txt("Undefeated and fighting back")}},
			&model.Paragraph{Content: []model.Inline{txt(long)}},
			&model.Heading{Level: 2, Content: []model.Inline{txt("A smaller section")}},
			&model.Paragraph{Content: []model.Inline{txt("Symbols from the fallback face: ∀ ☺ ⌘."), txt(" " + long)}},
			&model.Code{Text: "for i := range pages {\n\tpaint(i)\n}"},
			&model.Heading{Level: 1, Content: []model.Inline{txt("International struggle")}},
			&model.Paragraph{Content: []model.Inline{txt(long)}},
		},
	}
}

// writePDF lays out and exports doc into a temporary file.
func writePDF(t testing.TB, doc *model.Document, lo layout.Options, po PDFOptions) (string, []byte) {
	t.Helper()
	book, err := layout.Layout(doc, lo)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := PDF(&buf, book, po); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, tool), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestPDFInvariants(t *testing.T) {
	path, _ := writePDF(t, article(), layout.Options{}, PDFOptions{Date: time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC)})

	t.Run("qpdf check", func(t *testing.T) {
		out := run(t, "qpdf", "--check", path)
		if !strings.Contains(out, "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check:\n%s", out)
		}
	})

	t.Run("fonts embedded and subset", func(t *testing.T) {
		out := run(t, "pdffonts", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
		if len(lines) < 4 {
			t.Fatalf("want regular, bold, mono and fallback faces:\n%s", out)
		}
		tag := regexp.MustCompile(`^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`)
		for _, l := range lines {
			if !tag.MatchString(l) {
				t.Errorf("font not embedded as a tagged subset with Unicode: %s", l)
			}
		}
	})

	t.Run("document info", func(t *testing.T) {
		out := run(t, "pdfinfo", path)
		for _, want := range []string{"Title:           Notes on the Pamphlet Press", "Author:          Ada Printer",
			"Subject:         How a small press sets its pamphlets.", "Creator:         pamphlet",
			"CreationDate:    Wed Nov 20 00:00:00 2019 UTC", "Page size:       419.53 x 595.28 pts"} {
			if !strings.Contains(out, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("text", func(t *testing.T) {
		out := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
		if strings.ContainsRune(out, '\u00ad') {
			t.Error("a soft hyphen was drawn")
		}
		joined := strings.Join(strings.Fields(strings.ReplaceAll(out, "-\n", "")), " ")
		for _, want := range []string{"Soft hyphens never print: a cooperative press.", "Añez, García and “quotes” — dashes too.",
			"∀ ☺ ⌘", "Undefeated and fighting back", "for i := range pages {", "Notes", "https://example.org/press"} {
			if !strings.Contains(joined, want) {
				t.Errorf("text lacks %q", want)
			}
		}
	})

	t.Run("outline, language and links", func(t *testing.T) {
		var doc struct {
			Outlines []struct {
				Title string
				Kids  []struct{ Title string }
			}
			Qpdf []map[string]json.RawMessage
		}
		out := run(t, "qpdf", "--json", "--json-key=outlines", "--json-key=qpdf", path)
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, o := range doc.Outlines {
			titles = append(titles, o.Title)
			for _, k := range o.Kids {
				titles = append(titles, "  "+k.Title)
			}
		}
		want := "Undefeated and fighting back|  A smaller section|International struggle|Notes"
		if strings.Join(titles, "|") != want {
			t.Errorf("outline %q, want %q", strings.Join(titles, "|"), want)
		}
		objects := string(doc.Qpdf[1]["trailer"]) + "\n"
		for k, v := range doc.Qpdf[1] {
			objects += k + " " + string(v) + "\n"
		}
		if !strings.Contains(objects, `"/Lang": "u:en"`) {
			t.Error("catalog has no /Lang en")
		}
		if n := strings.Count(objects, `"/URI": "u:https://example.org/press"`); n != 2 {
			t.Errorf("%d link annotations to the press, want 2 (text and note)", n)
		}
	})
}

func TestPDFDeterministic(t *testing.T) {
	for _, date := range []time.Time{{}, time.Unix(1700000000, 0)} {
		_, a := writePDF(t, article(), layout.Options{}, PDFOptions{Date: date})
		_, b := writePDF(t, article(), layout.Options{}, PDFOptions{Date: date})
		if !bytes.Equal(a, b) {
			t.Errorf("date %v: two exports differ", date)
		}
		hasDate := bytes.Contains(a, []byte("/CreationDate"))
		if hasDate == date.IsZero() {
			t.Errorf("date %v: /CreationDate present = %v", date, hasDate)
		}
	}
}

func TestSubsetNamesDependOnGlyphs(t *testing.T) {
	names := func(s string) string {
		doc := &model.Document{Lang: "en", Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{txt(s)}}}}
		_, b := writePDF(t, doc, layout.Options{}, PDFOptions{})
		return regexp.MustCompile(`/BaseFont /([A-Z]{6})\+CharisSIL\b`).FindString(string(b))
	}
	a, b, c := names("one text"), names("one text"), names("other words")
	if a == "" || a != b || a == c {
		t.Errorf("tags %q %q %q: want equal for equal glyphs, different otherwise", a, b, c)
	}
}

func TestFinishRejectsDamage(t *testing.T) {
	for _, in := range []string{"", "%PDF-1.3\nstartxref\n99999\n%%EOF\n", "%PDF-1.3\nxref\n0 1\n"} {
		if _, err := finish([]byte(in), finishing{}); err == nil {
			t.Errorf("finish(%q) did not fail", in)
		}
	}
}

// BenchmarkPDFPerPage reports the PDF writer's time per page (fonts are
// parsed by gofpdf for every document, so short documents cost more per
// page).
func BenchmarkPDFPerPage(b *testing.B) {
	doc := article()
	for i := 0; i < 4; i++ {
		doc.Blocks = append(doc.Blocks, doc.Blocks...)
	}
	book, err := layout.Layout(doc, layout.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := PDF(&buf, book, PDFOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(book.Pages)), "µs/page")
	b.ReportMetric(float64(len(book.Pages)), "pages")
}

func TestPDFImages(t *testing.T) {
	pic := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range pic.Pix {
		pic.Pix[i] = byte(i)
	}
	var pngData, jpgData, gifData bytes.Buffer
	if err := png.Encode(&pngData, pic); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgData, pic, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gifData, pic, nil); err != nil {
		t.Fatal(err)
	}
	var blocks []model.Block
	for _, f := range []struct {
		mt   string
		data []byte
	}{{"image/png", pngData.Bytes()}, {"image/jpeg", jpgData.Bytes()}, {"image/gif", gifData.Bytes()}, {"image/png", pngData.Bytes()}} {
		blocks = append(blocks, &model.Figure{Src: "pic", Alt: "a picture", MediaType: f.mt, Data: f.data,
			Caption: []model.Inline{txt("A " + f.mt + " picture.")}})
	}
	path, _ := writePDF(t, &model.Document{Title: "Pictures", Lang: "en", Blocks: blocks}, layout.Options{}, PDFOptions{})
	run(t, "qpdf", "--check", path)
	out := run(t, "pdfimages", "-list", path)
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 10 && f[2] == "image" { // not the alpha masks
			lines = append(lines, l)
		}
	}
	// the repeated PNG is embedded once and drawn twice
	if len(lines) != 4 {
		t.Fatalf("want four pictures drawn:\n%s", out)
	}
	objects := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		objects[f[10]] = true
		if f[3] != "40" || f[4] != "30" {
			t.Errorf("picture size %sx%s, want 40x30", f[3], f[4])
		}
	}
	if len(objects) != 3 {
		t.Errorf("%d image objects, want 3 (one per distinct picture)", len(objects))
	}
}
