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
	"strconv"
	"strings"
	"testing"
	"time"

	"pamphlet/fonts"
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
	undated := article()
	undated.Date = model.Date{}
	tests := []struct {
		name string
		doc  *model.Document
		date time.Time
		want string // the creation date, "" for none
	}{
		{"SOURCE_DATE_EPOCH given", article(), time.Unix(1700000000, 0), "D:20231114221320"},
		{"the article's date", article(), time.Time{}, "D:20191120000000"},
		{"no date at all", undated, time.Time{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, a := writePDF(t, tc.doc, layout.Options{}, PDFOptions{Date: tc.date})
			_, b := writePDF(t, tc.doc, layout.Options{}, PDFOptions{Date: tc.date})
			if !bytes.Equal(a, b) {
				t.Error("two exports differ")
			}
			has := bytes.Contains(a, []byte("/CreationDate"))
			if has != (tc.want != "") || tc.want != "" && !bytes.Contains(a, []byte("/CreationDate ("+tc.want)) {
				t.Errorf("/CreationDate present = %v, want %q", has, tc.want)
			}
		})
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
	for _, in := range []string{"", "%PDF-1.3\nstartxref\n99999\n%%EOF\n", "%PDF-1.3\nxref\n0 1\n",
		"%PDF-1.3\n1 0 obj\n<</Length 99>>\nstream\nab\nendstream\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2>>\nstartxref\n58\n%%EOF\n"} {
		if _, err := finish([]byte(in), finishing{}); err == nil { // the error comes before anything is written
			t.Errorf("finish(%q) did not fail", in)
		}
	}
}

// BenchmarkPDFPerPage reports the PDF writer's time per page (each face
// is subset and embedded once per document, so short documents cost more
// per page).
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

// TestPDFFontsManyRunes draws more distinct characters than one byte can
// number, including the CIDs that must be escaped in a literal string, and
// bookmark titles outside the BMP, and checks that text extraction gives
// them all back.
func TestPDFFontsManyRunes(t *testing.T) {
	var words []string
	var word []rune
	for r := rune(0x21); r < 0x17F; r++ {
		if r >= 0x7F && r < 0xA1 || r == 0xAD {
			continue
		}
		word = append(word, r)
		if len(word) == 6 {
			words = append(words, string(word))
			word = word[:0]
		}
	}
	doc := &model.Document{Title: "Many characters", Lang: "en", Blocks: []model.Block{
		&model.Heading{Level: 1, Content: []model.Inline{txt("Ελληνικά and 😀 in a heading")}},
		&model.Paragraph{Content: []model.Inline{txt(strings.Join(words, " "))}},
	}}
	path, _ := writePDF(t, doc, layout.Options{}, PDFOptions{})
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	out := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	got := map[string]bool{}
	for _, w := range strings.Fields(strings.ReplaceAll(out, "-\n", "")) {
		got[w] = true
	}
	missing := 0
	for _, w := range words {
		if !got[w] && !strings.Contains(out, w) {
			missing++
			if missing < 5 {
				t.Errorf("text lacks %q", w)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d words missing", missing, len(words))
	}
	var outline struct{ Outlines []struct{ Title string } }
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", path)), &outline); err != nil {
		t.Fatal(err)
	}
	if len(outline.Outlines) == 0 || outline.Outlines[0].Title != "Ελληνικά and 😀 in a heading" {
		t.Errorf("outline %+v", outline.Outlines)
	}
}

func TestAppendText(t *testing.T) {
	f := &pdfFace{sub: &fonts.SubsetFont{Runes: []rune{'a', 'b'}}}
	f.sub.Runes = make([]rune, 300)
	for i := range f.sub.Runes {
		f.sub.Runes[i] = rune(0x100 + i)
	}
	tests := []struct {
		name, text, want string
	}{
		{"plain", "\u0100\u0101", "BT 1.50 2.00 Td (\x00\x01\x00\x02) Tj ET"},
		{"parenthesis and backslash CIDs", "\u0127\u0128\u015b", "BT 1.50 2.00 Td (\x00\\(\x00\\)\x00\\\\) Tj ET"},
		{"carriage return CID", "\u010c", "BT 1.50 2.00 Td (\x00\\r) Tj ET"},
		{"two-byte CID", "\u0200", "BT 1.50 2.00 Td (\x01\x01) Tj ET"},
		{"missing rune draws .notdef", "z", "BT 1.50 2.00 Td (\x00\x00) Tj ET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(f.appendText(nil, 1.5, 2, tt.text)); got != tt.want {
				t.Errorf("appendText(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestToUnicode reads the CMap back and checks every CID's rune, for
// runs of consecutive runes (ranges), lone runes, runs that cross a high
// byte of the runes or of the CIDs, runes above the BMP, and more entries
// than one block may hold.
func TestToUnicode(t *testing.T) {
	var runes []rune
	for r := rune(0x20); r < 0x7F; r++ {
		runes = append(runes, r)
	}
	for r := rune(0xF0); r < 0x110; r++ { // crosses a high byte
		runes = append(runes, r)
	}
	for r := rune(0x2000); r < 0x2200; r += 2 { // 256 lone runes
		runes = append(runes, r)
	}
	for r := rune(0x3000); r < 0x3100; r += 3 { // runs of one
		runes = append(runes, r)
	}
	for r := rune(0x4E00); r < 0x4E00+300; r++ { // CIDs cross 256 and 512
		runes = append(runes, r)
	}
	runes = append(runes, 0x1F600, 0x1F601)
	cmap := string((&pdfFace{sub: &fonts.SubsetFont{Runes: runes}}).toUnicode())
	got := map[int]rune{}
	hex := func(s string) int {
		v, err := strconv.ParseUint(strings.Trim(s, "<>"), 16, 32)
		if err != nil {
			t.Fatalf("bad hex %q", s)
		}
		return int(v)
	}
	utf16 := func(s string) rune {
		v := hex(s)
		if len(s) > 6 {
			return rune(0x10000 + (v>>16-0xD800)<<10 + (v & 0xFFFF) - 0xDC00)
		}
		return rune(v)
	}
	section := ""
	for _, line := range strings.Split(cmap, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && (f[1] == "beginbfchar" || f[1] == "beginbfrange"):
			if n, _ := strconv.Atoi(f[0]); n > 100 || n < 1 {
				t.Errorf("block of %d entries", n)
			}
			section = f[1]
		case len(f) == 1 && strings.HasPrefix(f[0], "end"):
			section = ""
		case section == "beginbfchar" && len(f) == 2:
			got[hex(f[0])] = utf16(f[1])
		case section == "beginbfrange" && len(f) == 3:
			lo, hi, dst := hex(f[0]), hex(f[1]), utf16(f[2])
			if lo>>8 != hi>>8 || (dst+rune(hi-lo))>>8 != dst>>8 {
				t.Errorf("range %s crosses a high byte", line)
			}
			for c := lo; c <= hi; c++ {
				got[c] = dst + rune(c-lo)
			}
		}
	}
	if len(got) != len(runes) {
		t.Errorf("%d CIDs mapped, want %d", len(got), len(runes))
	}
	for i, r := range runes {
		if got[i+1] != r {
			t.Errorf("CID %d maps to %U, want %U", i+1, got[i+1], r)
		}
	}
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

func TestPDFWriteError(t *testing.T) {
	book, err := layout.Layout(sparseDoc(t), layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := PDF(failWriter{}, book, PDFOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v, want the writer's", err)
	}
}

// TestPDFOfPackedPagesIsTheSame checks that pages laid out packed
// (layout.Options.Pack), read through Book.Page and Book.EachText, paint
// the same file as whole ones.
func TestPDFOfPackedPagesIsTheSame(t *testing.T) {
	tests := []struct {
		name string
		doc  *model.Document
		opt  layout.Options
	}{
		{"pictures, tables, links", richDoc(t), layout.Options{}},
		{"two columns, contents in front", richDoc(t), layout.Options{Paper: layout.A4, Columns: 2, Contents: true}},
		{"long", longDoc(40), layout.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paint := func(pack bool) []byte {
				opt := tt.opt
				opt.Pack = pack
				book, err := layout.Layout(tt.doc, opt)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := PDF(&buf, book, PDFOptions{ReleasePages: true}); err != nil {
					t.Fatal(err)
				}
				return buf.Bytes()
			}
			if !bytes.Equal(paint(true), paint(false)) {
				t.Error("the packed pages paint another file")
			}
		})
	}
}

// TestPDFImagesSameBytesEveryRun writes pictures of one width (of each
// way the PDF holds them) several times: the file must not change, so the
// pictures' order cannot come from a map.
func TestPDFImagesSameBytesEveryRun(t *testing.T) {
	kinds := []string{"opaque", "gray", "paletted", "rgba", "gray alpha", "opaque"}
	var blocks []model.Block
	for i, kind := range kinds {
		var data bytes.Buffer
		pic := testPicture(kind, 24, 16+i)
		mt := "image/png"
		if i == len(kinds)-1 {
			mt = "image/jpeg"
			if err := jpeg.Encode(&data, pic, nil); err != nil {
				t.Fatal(err)
			}
		} else if err := png.Encode(&data, pic); err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, &model.Figure{Src: "pic", Alt: "a picture", MediaType: mt, Data: data.Bytes()})
	}
	doc := &model.Document{Title: "Pictures", Lang: "en", Blocks: blocks}
	_, first := writePDF(t, doc, layout.Options{}, PDFOptions{})
	for range 5 {
		if _, again := writePDF(t, doc, layout.Options{}, PDFOptions{}); !bytes.Equal(first, again) {
			t.Fatal("the same pictures gave another file")
		}
	}
}
