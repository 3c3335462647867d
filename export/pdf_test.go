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
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

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
		if _, err := finish([]byte(in), finishing{}); err == nil {
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

func TestAppendGlyphs(t *testing.T) {
	// Glyph g of the face is CID g-0x100+1, 500 units wide at 1000
	// units to the em: at 10pt, 5pt.
	f := &pdfFace{sub: &fonts.SubsetFont{UnitsPerEm: 1000}, space: 3}
	f.sub.Advances = []int{0}
	for i := range 300 {
		f.sub.Glyphs = append(f.sub.Glyphs, uint16(0x100+i))
		f.sub.Advances = append(f.sub.Advances, 500)
	}
	run := func(xs ...float64) layout.Run {
		r := layout.Run{}
		for i, x := range xs {
			r.Glyphs = append(r.Glyphs, layout.Glyph{ID: uint16(0x100 + i), X: layout.Pt(x)})
		}
		return r
	}
	tests := []struct {
		name  string
		run   layout.Run
		th    float64
		space bool
		want  string
	}{
		{"at their advances", run(0, 5), 1, false, "BT 1.50 2.00 Td [(\x00\x01\x00\x02)] TJ ET"},
		{"kerned closer", run(0, 4), 1, false, "BT 1.50 2.00 Td [(\x00\x01) 100 (\x00\x02)] TJ ET"},
		{"spread under expansion", run(0, 5.5), 1.1, false, "BT 1.50 2.00 Td [(\x00\x01\x00\x02)] TJ ET"},
		{"a word space for extraction", run(0), 1, true, "BT 1.50 2.00 Td [(\x00\x01\x00\x03)] TJ ET"},
		{"a mark raised", layout.Run{Glyphs: []layout.Glyph{{ID: 0x100}, {ID: 0x101, X: layout.Pt(2), Y: layout.Pt(3)}}}, 1, false,
			"BT 1.50 2.00 Td [(\x00\x01)] TJ 3.00 Ts [ 300 (\x00\x02)] TJ 0 Ts ET"},
		{"parenthesis and backslash CIDs", layout.Run{Glyphs: []layout.Glyph{{ID: 0x127}, {ID: 0x128, X: layout.Pt(5)}, {ID: 0x15b, X: layout.Pt(10)}}}, 1, false,
			"BT 1.50 2.00 Td [(\x00\\(\x00\\)\x00\\\\)] TJ ET"},
		{"two-byte CID", layout.Run{Glyphs: []layout.Glyph{{ID: 0x200}}}, 1, false, "BT 1.50 2.00 Td [(\x01\x01)] TJ ET"},
		{"a glyph not kept draws .notdef", layout.Run{Glyphs: []layout.Glyph{{ID: 7}}}, 1, false, "BT 1.50 2.00 Td [(\x00\x00)] TJ ET"},
	}
	// Two words of a line in one text object: the space glyph after the
	// first, then a number to where layout put the second.
	first := layout.Run{Glyphs: []layout.Glyph{{ID: 0x100}}, Space: true}
	second := layout.Run{X: layout.Pt(8), Glyphs: []layout.Glyph{{ID: 0x101}}}
	if got, want := string(f.appendGlyphs(nil, []layout.Run{first, second}, 1.5, 2, 10, 1)),
		"BT 1.50 2.00 Td [(\x00\x01\x00\x03) 200 (\x00\x02)] TJ ET"; got != want {
		t.Errorf("two runs: appendGlyphs = %q, want %q", got, want)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run
			r.Space = tt.space
			if got := string(f.appendGlyphs(nil, []layout.Run{r}, 1.5, 2, 10, tt.th)); got != tt.want {
				t.Errorf("appendGlyphs = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFontObjectsMapFurtherCIDs checks the CIDFont of a face whose glyphs
// stand for different characters in different places: CIDs past the
// subset's glyphs draw their glyph through a CIDToGIDMap stream, with its
// width, and a face without them keeps the identity map.
func TestFontObjectsMapFurtherCIDs(t *testing.T) {
	sub := &fonts.SubsetFont{UnitsPerEm: 1000, Glyphs: []uint16{10, 20, 30}, Advances: []int{100, 200, 300, 400}}
	tests := []struct {
		name    string
		text    []string
		gids    []uint16
		widths  string
		gidMap  []byte
		cidFont string
	}{
		{"one text a glyph", []string{"", "a", "b", "c"}, nil, "/W [1 [200 300 400]]", nil, "/CIDToGIDMap /Identity"},
		{"further texts", []string{"", "a", "b", "c", "b\u05b9", ""}, []uint16{2, 3}, "/W [1 [200 300 400 300 400]]",
			[]byte{0, 0, 0, 1, 0, 2, 0, 3, 0, 2, 0, 3}, "/CIDToGIDMap 6 0 R"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &pdfFace{sub: sub, base: "AAAAAA+Test", text: tt.text, gids: tt.gids}
			objs := f.objects(1)
			cidFont := string(objs[1].raw)
			for _, want := range []string{tt.widths, tt.cidFont} {
				if !strings.Contains(cidFont, want) {
					t.Errorf("CIDFont lacks %q:\n%s", want, cidFont)
				}
			}
			if tt.gidMap == nil {
				if len(objs) != 5 {
					t.Errorf("%d objects, want 5", len(objs))
				}
				return
			}
			if len(objs) != 6 || !bytes.Equal(objs[5].stream, tt.gidMap) {
				t.Errorf("CIDToGIDMap stream %v, want %v", objs[len(objs)-1].stream, tt.gidMap)
			}
		})
	}
}

// TestCIDForGlyphText checks which CID draws a glyph: the one for what it
// stands for in its run, or its first when it has none for that.
func TestCIDForGlyphText(t *testing.T) {
	// Glyph 10 is CID 1 for "a" and CID 3 for "A"; glyph 20 is CID 2.
	f := &pdfFace{sub: &fonts.SubsetFont{UnitsPerEm: 1000, Glyphs: []uint16{10, 20}, Advances: []int{0, 500, 600}},
		text: []string{"", "a", "b", "A"}, gids: []uint16{1},
		cids: map[glyphUse]uint16{{10, "a"}: 1, {10, "A"}: 3}, split: map[uint16]bool{10: true}}
	run := func(text string, ids ...uint16) layout.Run {
		r := layout.Run{Text: text}
		for i, id := range ids {
			r.Glyphs = append(r.Glyphs, layout.Glyph{ID: id, At: int32(i), End: int32(i + 1)})
		}
		return r
	}
	tests := []struct {
		name  string
		run   layout.Run
		want  []uint16
		plain bool
	}{
		{"first text", run("ab", 10, 20), []uint16{1, 2}, true},
		{"further text", run("Ab", 10, 20), []uint16{3, 2}, true},
		{"a text without a CID of its own", run("xb", 10, 20), []uint16{1, 2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint16
			for i := range tt.run.Glyphs {
				got = append(got, f.cidAt(tt.run, i))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("CIDs %v, want %v", got, tt.want)
			}
			if p := f.plainText(tt.run); p != tt.plain {
				t.Errorf("plainText = %v, want %v", p, tt.plain)
			}
		})
	}
	if w := f.width(3); w != 500 {
		t.Errorf("CID 3 is %d wide, want its glyph's 500", w)
	}
}

// TestToUnicode reads the CMap back and checks every CID's characters:
// single characters, ligatures (several characters), characters above the
// BMP, glyphs with none, and more entries than one block may hold.
func TestToUnicode(t *testing.T) {
	text := []string{""}
	for r := rune(0x20); r < 0x7F; r++ {
		text = append(text, string(r))
	}
	text = append(text, "ffi", "fl", "", "\U0001F600", "\u0628\u064E")
	for r := rune(0x4E00); r < 0x4E00+300; r++ {
		text = append(text, string(r))
	}
	cmap := string((&pdfFace{text: text}).toUnicode())
	got := map[int]string{}
	hex := func(s string) int {
		v, err := strconv.ParseUint(strings.Trim(s, "<>"), 16, 32)
		if err != nil {
			t.Fatalf("bad hex %q", s)
		}
		return int(v)
	}
	decode := func(s string) string {
		s = strings.Trim(s, "<>")
		var us []uint16
		for i := 0; i+4 <= len(s); i += 4 {
			us = append(us, uint16(hex(s[i:i+4])))
		}
		return string(utf16.Decode(us))
	}
	section := ""
	for _, line := range strings.Split(cmap, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[1] == "beginbfchar":
			if n, _ := strconv.Atoi(f[0]); n > 100 || n < 1 {
				t.Errorf("block of %d entries", n)
			}
			section = f[1]
		case len(f) == 1 && strings.HasPrefix(f[0], "end"):
			section = ""
		case section == "beginbfchar" && len(f) == 2:
			got[hex(f[0])] = decode(f[1])
		}
	}
	for c, want := range text {
		if got[c] != want {
			t.Errorf("CID %d maps to %q, want %q", c, got[c], want)
		}
	}
	if len(got) != len(text)-2 {
		t.Errorf("%d CIDs mapped, want %d", len(got), len(text)-2)
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
