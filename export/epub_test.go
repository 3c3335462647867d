package export

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"pamphlet/internal/golden"
	"pamphlet/internal/testenv"
	"pamphlet/locale"
	"pamphlet/model"
)

// fixedTime stands for SOURCE_DATE_EPOCH in tests.
var fixedTime = time.Date(2024, 3, 1, 12, 30, 45, 0, time.UTC)

// writeEPUB exports doc and returns the container's bytes and the warnings.
func writeEPUB(t testing.TB, doc *model.Document, opt EPUBOptions) ([]byte, []string) {
	t.Helper()
	var warnings []string
	opt.Warn = func(s string) { warnings = append(warnings, s) }
	var b bytes.Buffer
	if err := EPUB(&b, doc, opt); err != nil {
		t.Fatalf("EPUB: %v", err)
	}
	return b.Bytes(), warnings
}

// entries reads a container: its files in order, and their contents.
func entries(t testing.TB, data []byte) ([]*zip.File, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read container: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		files[f.Name] = b
	}
	return zr.File, files
}

// listing describes a container's entries, one line each: name, method
// and size (sizes of binary files are left out so that goldens survive a
// change of image encoder).
func listing(zf []*zip.File) []byte {
	var b strings.Builder
	for _, f := range zf {
		method := "deflate"
		if f.Method == zip.Store {
			method = "store"
		}
		size := fmt.Sprint(f.UncompressedSize64)
		switch filepath.Ext(f.Name) {
		case ".png", ".jpg", ".gif", ".ttf":
			size = "-"
		}
		fmt.Fprintf(&b, "%s %s %s\n", f.Name, method, size)
	}
	return []byte(b.String())
}

func TestEPUBEntries(t *testing.T) {
	tests := []struct {
		name string
		doc  func(testing.TB) *model.Document
		opt  EPUBOptions
		// files to compare with goldens, besides the listing
		files []string
	}{
		{"rich", richDoc, EPUBOptions{Modified: fixedTime},
			[]string{"EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx", "EPUB/xhtml/cover.xhtml",
				"EPUB/xhtml/titlepage.xhtml", "EPUB/xhtml/text.xhtml", "META-INF/container.xml"}},
		{"sparse", sparseDoc, EPUBOptions{NoCover: true},
			[]string{"EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/xhtml/titlepage.xhtml", "EPUB/xhtml/text.xhtml"}},
		{"fonts", richDoc, EPUBOptions{Modified: fixedTime, EmbedFonts: true, NoCover: true},
			[]string{"EPUB/package.opf", "EPUB/css/pamphlet.css"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := writeEPUB(t, tc.doc(t), tc.opt)
			zf, files := entries(t, data)
			golden.Check(t, tc.name+"/entries.txt", listing(zf))
			for _, name := range tc.files {
				got, ok := files[name]
				if !ok {
					t.Fatalf("no %s in the container", name)
				}
				golden.Check(t, tc.name+"/"+filepath.Base(name), got)
			}
		})
	}
}

// TestContainerLayout checks the OCF rules a reading system relies on to
// recognise the file: mimetype first, stored, no extra field, at offset
// 38; and that every entry carries the same fixed time.
func TestContainerLayout(t *testing.T) {
	data, _ := writeEPUB(t, richDoc(t), EPUBOptions{Modified: fixedTime, EmbedFonts: true})
	if got := string(data[30:38]); got != "mimetype" {
		t.Fatalf("first entry name %q at offset 30, want mimetype", got)
	}
	if got := string(data[38:58]); got != epubMediaType {
		t.Fatalf("mimetype content %q at offset 38", got)
	}
	if extra := binary.LittleEndian.Uint16(data[28:30]); extra != 0 {
		t.Errorf("mimetype has an extra field of %d bytes", extra)
	}
	zf, _ := entries(t, data)
	if zf[0].Method != zip.Store {
		t.Error("mimetype is compressed")
	}
	for _, f := range zf {
		if len(f.Extra) != 0 {
			t.Errorf("%s has an extra field", f.Name)
		}
		if f.ModifiedDate != zf[0].ModifiedDate || f.ModifiedTime != zf[0].ModifiedTime {
			t.Errorf("%s has another time than mimetype", f.Name)
		}
	}
	want := time.Date(2024, 3, 1, 12, 30, 44, 0, time.UTC) // ZIP keeps even seconds
	if got := zf[0].Modified; !got.Equal(want) {
		t.Errorf("entry time %v, want %v", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		opt  EPUBOptions
		runs int // besides the first, run concurrently
	}{
		{"generated cover", EPUBOptions{Modified: fixedTime}, 3},
		{"dated by article", EPUBOptions{}, 2},
		{"fonts", EPUBOptions{EmbedFonts: true, NoCover: true}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, _ := writeEPUB(t, richDoc(t), tc.opt)
			// Concurrent runs must not disturb each other either.
			var wg sync.WaitGroup
			outs := make([][]byte, tc.runs)
			for i := range outs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var b bytes.Buffer
					if err := EPUB(&b, richDoc(t), tc.opt); err != nil {
						t.Error(err)
					}
					outs[i] = b.Bytes()
				}()
			}
			wg.Wait()
			for i, out := range outs {
				if !bytes.Equal(first, out) {
					t.Errorf("run %d differs from the first (%d vs %d bytes)", i+2, len(out), len(first))
				}
			}
		})
	}
}

// xhtmlText returns the words of an XHTML document's text and alt
// attributes, in order, parsing it strictly: a named HTML entity or a
// markup error fails.
func xhtmlText(t testing.TB, name string, data []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var words []string
	inHead := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "head" {
				inHead = true
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "alt" {
					words = append(words, splitWords(a.Value)...)
				}
			}
		case xml.EndElement:
			if tok.Name.Local == "head" {
				inHead = false
			}
		case xml.CharData:
			if !inHead {
				words = append(words, splitWords(string(tok))...)
			}
		}
	}
	return words
}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// modelWords returns the words of a document's body, in reading order.
func modelWords(t testing.TB, blocks []model.Block) []string {
	var words []string
	err := model.Walk(blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Text:
			words = append(words, splitWords(n.Text)...)
		case *model.CodeSpan:
			words = append(words, splitWords(n.Text)...)
		case *model.Code:
			words = append(words, splitWords(n.Text)...)
		case *model.Figure:
			words = append(words, splitWords(n.Alt)...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return words
}

// TestWordsKept checks that every word of the model reaches the XHTML, in
// order: the body in the chapter, the metadata on the title page.
func TestWordsKept(t *testing.T) {
	for name, mk := range map[string]func(testing.TB) *model.Document{"rich": richDoc, "sparse": sparseDoc, "long": hugeDoc} {
		t.Run(name, func(t *testing.T) {
			doc := mk(t)
			data, _ := writeEPUB(t, doc, EPUBOptions{})
			_, files := entries(t, data)
			body := xhtmlText(t, "text.xhtml", files["EPUB/xhtml/text.xhtml"])
			want := modelWords(t, doc.Blocks)
			i := 0
			for _, w := range body {
				if i < len(want) && w == want[i] {
					i++
				}
			}
			if i < len(want) {
				t.Errorf("the chapter lacks %q (word %d of %d) in order", want[i], i+1, len(want))
			}
			front := strings.Join(xhtmlText(t, "titlepage.xhtml", files["EPUB/xhtml/titlepage.xhtml"]), " ")
			meta := []string{doc.Title, doc.Subtitle, doc.Byline}
			meta = append(meta, doc.Authors...)
			for _, m := range meta {
				if w := strings.Join(splitWords(m), " "); !strings.Contains(front, w) {
					t.Errorf("the title page lacks %q", m)
				}
			}
		})
	}
}

// hugeDoc is an article whose chapter is written in many pieces: longer
// than the size from which an entry is compressed apart, with one
// paragraph of several of the renderer's pieces, full of characters to
// escape and letters of several bytes.
func hugeDoc(testing.TB) *model.Document {
	doc := longDoc(60)
	var long strings.Builder
	for i := 0; long.Len() < 3*xmlChunk; i++ {
		fmt.Fprintf(&long, "Zoë & Ångström <%d> wrote “déjà vu” ", i)
	}
	doc.Blocks = append(doc.Blocks, para(text(long.String()+"end.")))
	model.Normalize(doc)
	return doc
}

// TestXHTMLDocuments checks every XHTML document: well-formed under strict
// XML rules (so no named HTML entity), language on the root in both
// attributes, and one stylesheet.
func TestXHTMLDocuments(t *testing.T) {
	for name, opt := range map[string]EPUBOptions{"rich": {}, "fonts": {EmbedFonts: true}} {
		t.Run(name, func(t *testing.T) {
			data, _ := writeEPUB(t, richDoc(t), opt)
			zf, files := entries(t, data)
			n := 0
			for _, f := range zf {
				if !strings.HasSuffix(f.Name, ".xhtml") {
					continue
				}
				n++
				b := files[f.Name]
				xhtmlText(t, f.Name, b)
				if !bytes.Contains(b, []byte(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en"`)) {
					t.Errorf("%s: the root lacks lang and xml:lang", f.Name)
				}
				if bytes.Count(b, []byte(`rel="stylesheet"`)) != 1 {
					t.Errorf("%s: want one stylesheet link", f.Name)
				}
			}
			if n != 4 {
				t.Errorf("%d XHTML documents, want 4 (cover, title page, text, nav)", n)
			}
			css := files["EPUB/css/pamphlet.css"]
			for _, unit := range []string{"px", "pt", "cm", "mm", "in;", "pc"} {
				if bytes.Contains(stripComments(css), []byte("0"+unit)) || bytes.Contains(stripComments(css), []byte("1"+unit)) {
					t.Errorf("stylesheet uses the absolute unit %s", unit)
				}
			}
		})
	}
}

func stripComments(css []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(css, []byte("/*"))
		if i < 0 {
			return append(out, css...)
		}
		out = append(out, css[:i]...)
		j := bytes.Index(css[i:], []byte("*/"))
		if j < 0 {
			return out
		}
		css = css[i+j+2:]
	}
}

func TestWarnings(t *testing.T) {
	_, warnings := writeEPUB(t, richDoc(t), EPUBOptions{})
	want := []string{`"#top"`, `"javascript:alert(1)"`}
	all := strings.Join(warnings, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no warning about %s in:\n%s", w, all)
		}
	}
	if strings.Contains(all, "/about/us") {
		t.Errorf("the relative link resolves against the source, yet it was reported:\n%s", all)
	}
	_, warnings = writeEPUB(t, sparseDoc(t), EPUBOptions{})
	if len(warnings) != 1 || !strings.Contains(warnings[0], "no language") {
		t.Errorf("sparse document warnings %q, want one about the language", warnings)
	}
}

func TestFigures(t *testing.T) {
	png := testPNG(t, 4, 3)
	tests := []struct {
		name    string
		fig     *model.Figure
		wantImg string // the image file's media type, "" for none
		wantOut []string
		warn    string
	}{
		{"png", &model.Figure{Alt: "alt text", MediaType: "image/png", Data: png}, "image/png",
			[]string{`<img src="../images/fig001.png" alt="alt text"/>`}, ""},
		{"mislabelled png", &model.Figure{Alt: "a", MediaType: "image/jpeg", Data: png}, "image/png",
			[]string{`fig001.png`}, ""},
		{"broken data", &model.Figure{Src: "x.png", Alt: "broken image", MediaType: "image/png", Data: []byte("not an image")}, "",
			[]string{`<p class="alt">broken image</p>`}, "does not decode"},
		{"webp", &model.Figure{Src: "x.webp", Alt: "webp image", MediaType: "image/webp", Data: []byte("RIFF....WEBP")}, "",
			[]string{`<p class="alt">webp image</p>`}, "not one EPUB readers must show"},
		{"svg", &model.Figure{Alt: "drawing", MediaType: "image/svg+xml", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>`)}, "image/svg+xml",
			[]string{`fig001.svg`}, ""},
		{"svg with script", &model.Figure{Alt: "bad drawing", MediaType: "image/svg+xml", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>`)}, "",
			[]string{`<p class="alt">bad drawing</p>`}, "<script>"},
		{"svg with outside image", &model.Figure{Alt: "linked drawing", MediaType: "image/svg+xml", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="http://example.org/x.png"/></svg>`)}, "",
			[]string{`<p class="alt">linked drawing</p>`}, "outside the image"},
		{"no alt", &model.Figure{Src: "n.png", MediaType: "image/png", Data: png}, "image/png",
			[]string{`alt=""`}, "no text alternative"},
		{"caption as alt", &model.Figure{MediaType: "image/png", Data: png, Caption: []model.Inline{text("Cap & tion")}}, "image/png",
			[]string{`alt="Cap &amp; tion"`, `<figcaption>Cap &amp; tion</figcaption>`}, ""},
		{"nothing to show", &model.Figure{Src: "gone.png"}, "", nil, "neither image data nor text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []string
			ch := &chapter{doc: &model.Document{Blocks: []model.Block{tc.fig}}, file: "text.xhtml", title: "T"}
			r, err := outlineChapter(ch, "en", new(int), func(s string) { warnings = append(warnings, s) }, nil)
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			if err := r.writeBody(&body, nil); err != nil {
				t.Fatal(err)
			}
			if tc.wantImg == "" && len(r.images) != 0 || tc.wantImg != "" && (len(r.images) != 1 || r.images[0].mediaType != tc.wantImg) {
				t.Errorf("images %+v, want media type %q", r.images, tc.wantImg)
			}
			for _, w := range tc.wantOut {
				if !bytes.Contains(body.Bytes(), []byte(w)) {
					t.Errorf("body lacks %s:\n%s", w, body.Bytes())
				}
			}
			all := strings.Join(warnings, "\n")
			if tc.warn == "" && all != "" || !strings.Contains(all, tc.warn) {
				t.Errorf("warnings %q, want one containing %q", all, tc.warn)
			}
		})
	}
}

func TestModifiedTime(t *testing.T) {
	tests := []struct {
		name  string
		given time.Time
		date  model.Date
		want  string
	}{
		{"given wins", time.Date(2024, 3, 1, 12, 0, 0, 5, time.FixedZone("X", 3600)), model.Date{Year: 2019, Month: 1, Day: 2}, "2024-03-01T11:00:00Z"},
		{"article date", time.Time{}, model.Date{Year: 2019, Month: 11, Day: 20}, "2019-11-20T00:00:00Z"},
		{"year only", time.Time{}, model.Date{Year: 1886}, "1886-01-01T00:00:00Z"},
		{"nothing known", time.Time{}, model.Date{}, "1980-01-01T00:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := modifiedTime(tc.given, tc.date).Format("2006-01-02T15:04:05Z"); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestIdentifier(t *testing.T) {
	// The RFC 4122 name-based example: www.example.com in the DNS
	// namespace.
	if got := uuidV5(mustUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuidV5 = %s", got)
	}
	a := articleBook(richDoc(t)).identifier()
	if b := articleBook(richDoc(t)).identifier(); a != b {
		t.Errorf("identifier not stable: %s, %s", a, b)
	}
	changes := map[string]func(*model.Document){
		"title":  func(d *model.Document) { d.Title += "!" },
		"author": func(d *model.Document) { d.Authors = d.Authors[1:] },
		"date":   func(d *model.Document) { d.Date.Day++ },
	}
	for name, change := range changes {
		d := richDoc(t)
		change(d)
		if articleBook(d).identifier() == a {
			t.Errorf("changing the %s keeps the identifier", name)
		}
	}
	d := richDoc(t)
	d.Blocks = d.Blocks[:1]
	if articleBook(d).identifier() != a {
		t.Error("the identifier depends on the text, not only on title, authors and date")
	}
}

func TestCover(t *testing.T) {
	tests := []struct {
		name string
		text coverText
	}{
		{"typical", coverText{title: "Bolivia resists racist coup", authors: []string{"Greg Butterfield"}, date: "November 20, 2019"}},
		{"long title", coverText{title: strings.Repeat("An extraordinarily long title that keeps going ", 6), subtitle: "and a subtitle as well, quite long too, to wrap over lines", authors: []string{"Alexandra Beatrice Constantinople,", "Bartholomew Fitzgerald-Hawthorne,", "Cordelia,", "D,", "E,", "F", "and", "G"}, date: "2019"}},
		{"one long word", coverText{title: strings.Repeat("Donaudampfschifffahrt", 5)}},
		{"fallback characters", coverText{title: "Жизнь ⟨and⟩ 麵包 → ☃", authors: []string{"Ωmega"}}},
		{"empty", coverText{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := coverPNG(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			b, err := coverPNG(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Error("two covers of the same text differ")
			}
			img, format, err := image.Decode(bytes.NewReader(a))
			if err != nil || format != "png" {
				t.Fatalf("cover does not decode as PNG: %v", err)
			}
			if h := img.Bounds().Dy(); h < 1600 {
				t.Errorf("cover is %d pixels tall, want at least 1600", h)
			}
			// The text leaves ink between the margins; nothing spills
			// outside the frame.
			inked := 0
			bnd := img.Bounds()
			for y := bnd.Min.Y; y < bnd.Max.Y; y += 2 {
				for x := bnd.Min.X; x < bnd.Max.X; x += 2 {
					r, g, b, _ := img.At(x, y).RGBA()
					dark := r+g+b < 3*0x8000
					inside := x > px(100) && x < coverW-px(100) && y > px(100) && y < coverH-px(100)
					if dark && inside {
						inked++
					}
					if dark && (x < px(60) || y < px(60) || x > coverW-px(60) || y > coverH-px(60)) {
						t.Fatalf("ink outside the frame at %d,%d", x, y)
					}
				}
			}
			if tc.text.title != "" && inked == 0 {
				t.Error("no text drawn")
			}
		})
	}
}

func TestCoverOption(t *testing.T) {
	jpg := testJPEG(t, 40, 60)
	tests := []struct {
		name    string
		opt     EPUBOptions
		want    string // cover image entry, "" for none
		wantErr string
	}{
		{"generated", EPUBOptions{}, "EPUB/images/cover.png", ""},
		{"given jpeg", EPUBOptions{Cover: jpg, CoverName: "photo.jpg"}, "EPUB/images/cover.jpg", ""},
		{"none", EPUBOptions{NoCover: true}, "", ""},
		{"not an image", EPUBOptions{Cover: []byte("hello"), CoverName: "notes.txt"}, "", "cover notes.txt: not a PNG, JPEG or GIF image"},
		{"truncated", EPUBOptions{Cover: jpg[:len(jpg)/2], CoverName: "half.jpg"}, "", "cover half.jpg: the image does not decode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := EPUB(&b, richDoc(t), tc.opt)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			zf, files := entries(t, b.Bytes())
			var covers []string
			for _, f := range zf {
				if strings.Contains(f.Name, "cover") {
					covers = append(covers, f.Name)
				}
			}
			opf := string(files["EPUB/package.opf"])
			if tc.want == "" {
				if len(covers) != 0 || strings.Contains(opf, "cover-image") {
					t.Errorf("cover files %v in a book without cover", covers)
				}
				return
			}
			if _, ok := files[tc.want]; !ok {
				t.Fatalf("no %s; cover files %v", tc.want, covers)
			}
			if tc.opt.Cover != nil && !bytes.Equal(files[tc.want], tc.opt.Cover) {
				t.Error("the given cover was not kept byte for byte")
			}
			item := regexp.MustCompile(`<item id="([^"]+)" href="` + strings.TrimPrefix(tc.want, contentDir) + `" [^>]*properties="cover-image"`).FindStringSubmatch(opf)
			if item == nil || !strings.Contains(opf, `<meta name="cover" content="`+item[1]+`"/>`) {
				t.Errorf("package document does not declare the cover:\n%s", opf)
			}
		})
	}
}

func TestInvalidDocument(t *testing.T) {
	doc := &model.Document{Title: "T", Blocks: []model.Block{&model.Paragraph{}}}
	err := EPUB(io.Discard, doc, EPUBOptions{})
	if err == nil || !strings.Contains(err.Error(), "export epub:") || !strings.Contains(err.Error(), "empty paragraph") {
		t.Errorf("error %v, want the document's problem", err)
	}
	if err := EPUB(io.Discard, nil, EPUBOptions{}); err == nil {
		t.Error("no error for a nil document")
	}
}

func TestEPUBWriteError(t *testing.T) {
	err := EPUB(failWriter{}, sparseDoc(t), EPUBOptions{NoCover: true})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v, want the writer's", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// anthology is a two-article book as a collection is made: a preface,
// then each article its own chapter with its byline; the editor is the
// creator and every author a contributor.
func anthology(t testing.TB) *model.Book {
	a := richDoc(t)
	b := richDoc(t)
	b.Title = "A second article"
	b.Authors = []string{"Ben Second"}
	b.Byline = ""
	bk := &model.Book{
		Title:    "Collected articles",
		Editors:  []string{"Ed Itor"},
		Date:     model.Date{Year: 2024},
		Lang:     "en",
		Preface:  &model.Document{Lang: "en", Blocks: []model.Block{para(text("Why these two articles belong together."))}},
		Articles: []*model.Document{a, b},
	}
	model.NormalizeBook(bk)
	return bk
}

func writeAnthology(t testing.TB, b *model.Book, opt EPUBOptions) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EPUBBook(&buf, b, opt); err != nil {
		t.Fatal(err)
	}
	_, files := entries(t, buf.Bytes())
	return files
}

// TestAnthology checks the book of several articles: one file each after
// the preface, navigation nested article then sections, figures numbered
// across the book, the editor as creator (role edt) and every author a
// contributor, the contents read after the title page.
func TestAnthology(t *testing.T) {
	chapters := 0
	files := writeAnthology(t, anthology(t), EPUBOptions{Modified: fixedTime, Progress: func() { chapters++ }})
	if chapters != 3 {
		t.Errorf("progress heard of %d chapters, want 3", chapters)
	}
	for _, name := range []string{"EPUB/xhtml/preface.xhtml", "EPUB/xhtml/chapter001.xhtml", "EPUB/xhtml/chapter002.xhtml", "EPUB/images/fig001.png", "EPUB/images/fig004.png"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	nav := squeeze(files["EPUB/nav.xhtml"])
	for _, want := range []string{
		`<li><a href="xhtml/preface.xhtml">Preface</a></li>`,
		`<li><a href="xhtml/chapter001.xhtml">Bread &amp; Roses: the &lt;1912&gt; strike</a><ol><li><a href="xhtml/chapter001.xhtml#s1">`,
		`<li><a href="xhtml/chapter002.xhtml">A second article</a><ol><li><a href="xhtml/chapter002.xhtml#s1">`,
		`<a epub:type="bodymatter" href="xhtml/chapter001.xhtml">`,
	} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav lacks %q:\n%s", want, nav)
		}
	}
	opf := squeeze(files["EPUB/package.opf"])
	for _, want := range []string{
		`<dc:creator id="creator">Ed Itor</dc:creator><meta refines="#creator" property="role" scheme="marc:relators" id="role">edt</meta>`,
		`<dc:contributor id="contributor1">Zoë Ångström</dc:contributor>`,
		`<dc:contributor id="contributor4">Ben Second</dc:contributor><meta refines="#contributor4" property="role" scheme="marc:relators">aut</meta>`,
		`<itemref idref="titlepage.xhtml"/><itemref idref="nav"/><itemref idref="preface.xhtml"/><itemref idref="chapter001.xhtml"/>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package document lacks %s:\n%s", want, opf)
		}
	}
	loc := locale.Of("en")
	if got := anthologyBook(anthology(t)).coverText(loc).authors; strings.Join(got, "|") != "Edited by|Ed Itor" {
		t.Errorf("cover names %q, want the editor after \"Edited by\"", got)
	}
	if tp := string(files["EPUB/xhtml/titlepage.xhtml"]); !strings.Contains(tp, `<p class="byline">Edited by Ed Itor</p>`) {
		t.Errorf("title page does not name the editor:\n%s", tp)
	}
	if pre := string(files["EPUB/xhtml/preface.xhtml"]); !strings.Contains(pre, `<section epub:type="preface" role="doc-preface"`) ||
		!strings.Contains(pre, `<h1 id="title">Preface</h1>`) {
		t.Errorf("preface:\n%s", pre)
	}
	ch2 := string(files["EPUB/xhtml/chapter002.xhtml"])
	if !strings.Contains(ch2, `<header>`+"\n"+`<h1 id="title">A second article</h1>`) || !strings.Contains(ch2, `<p class="byline">Ben Second</p>`) {
		t.Errorf("chapter 2 lacks its own title and byline:\n%.600s", ch2)
	}
}

// TestReleaseArticles checks that a book whose articles are released as
// their chapters are written is the same book, and is left without its
// articles.
func TestReleaseArticles(t *testing.T) {
	var kept, released bytes.Buffer
	if err := EPUBBook(&kept, anthology(t), EPUBOptions{Modified: fixedTime}); err != nil {
		t.Fatal(err)
	}
	b := anthology(t)
	if err := EPUBBook(&released, b, EPUBOptions{Modified: fixedTime, ReleaseArticles: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(kept.Bytes(), released.Bytes()) {
		t.Error("the book differs when its articles are released")
	}
	if b.Preface != nil || slices.ContainsFunc(b.Articles, func(d *model.Document) bool { return d != nil }) {
		t.Errorf("the book kept articles: preface %v, articles %v", b.Preface != nil, b.Articles)
	}
}

// TestChapterPlaceholder checks that a chapter is placed where go-epub
// wrote its placeholder, and that a document without one is an error,
// never a chapter lost.
func TestChapterPlaceholder(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
  <head>
    <title dir="auto">T</title>
  </head>
  <body dir="auto">`
	tests := []struct {
		name, body string
		before     string // the document before the chapter, from <body> on
		after      string
	}{
		{"placeholder", "\n" + chapterPlaceholder + "\n", `<body epub:type="bodymatter">` + "\n", "\n</body>\n</html>\n"},
		{"after another comment", "\n<!--x-->" + chapterPlaceholder + "\n", `<body epub:type="bodymatter">` + "\n<!--x-->", "\n</body>\n</html>\n"},
		{"no placeholder", "\n<p>text</p>\n", "", ""},
	}
	f := &epubFinish{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pf := &pkgFile{name: xhtmlDir + "text.xhtml", lang: "en", epubType: "bodymatter", chapter: &rendered{}}
			doc, at, err := f.section(pf, []byte(head+tc.body+"</body>\n</html>\n"))
			if tc.before == "" {
				if err == nil {
					t.Errorf("no error; document %q with the chapter at %d", doc, at)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(string(doc[:at]), tc.before) || string(doc[at:]) != tc.after {
				t.Errorf("chapter between %q and %q, want after %q and before %q", doc[:at], doc[at:], tc.before, tc.after)
			}
		})
	}
}

// TestAnthologyWithoutEditors checks that a book without editors has its
// authors as creators and prints no names on its title page.
func TestAnthologyWithoutEditors(t *testing.T) {
	b := anthology(t)
	b.Editors = nil
	b.Preface = nil
	files := writeAnthology(t, b, EPUBOptions{NoCover: true})
	opf := string(files["EPUB/package.opf"])
	if !strings.Contains(opf, `<dc:creator id="creator4">Ben Second</dc:creator>`) || strings.Contains(opf, "dc:contributor") || strings.Contains(opf, ">edt<") {
		t.Errorf("authors are not the creators:\n%s", opf)
	}
	if tp := string(files["EPUB/xhtml/titlepage.xhtml"]); strings.Contains(tp, "byline") {
		t.Errorf("title page names people:\n%s", tp)
	}
	if _, ok := files["EPUB/xhtml/preface.xhtml"]; ok {
		t.Error("a preface without one given")
	}
}

// squeeze drops the white space between tags, which go-epub and the
// finishing step lay out differently.
func squeeze(b []byte) string {
	return regexp.MustCompile(`>\s+<`).ReplaceAllString(string(b), "><")
}

func TestEPUBBookInvalid(t *testing.T) {
	for _, b := range []*model.Book{nil, {Title: "T"}, {Articles: []*model.Document{{Title: "A"}}}} {
		if err := EPUBBook(io.Discard, b, EPUBOptions{}); err == nil || !strings.Contains(err.Error(), "export epub: invalid book") {
			t.Errorf("error %v, want an invalid book", err)
		}
	}
}

// TestEPUBCheck runs epubcheck on books that together use every feature:
// it must report no error and no warning.
func TestEPUBCheck(t *testing.T) {
	cmd := testenv.Command(t, "epubcheck")
	tests := []struct {
		name string
		doc  func(testing.TB) *model.Document
		opt  EPUBOptions
	}{
		{"rich with fonts", richDoc, EPUBOptions{Modified: fixedTime, EmbedFonts: true}},
		{"sparse with a given cover", func(t testing.TB) *model.Document {
			d := sparseDoc(t)
			d.Lang = "ar"
			return d
		}, EPUBOptions{Cover: testJPEG(t, 60, 90), CoverName: "c.jpg"}},
		{"anthology", nil, EPUBOptions{}},
		{"anthology with a style sheet of its reader", nil, EPUBOptions{CSS: []byte(userSheet), CSSName: "mine.css"}},
		{"article with its contents and a style sheet of its reader", richDoc, EPUBOptions{Contents: true, CSS: []byte(userSheet), CSSName: "mine.css"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var data []byte
			if tc.doc != nil {
				data, _ = writeEPUB(t, tc.doc(t), tc.opt)
			} else {
				var err error
				var buf bytes.Buffer
				if err = EPUBBook(&buf, anthology(t), tc.opt); err != nil {
					t.Fatal(err)
				}
				data = buf.Bytes()
			}
			path := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			runEPUBCheck(t, cmd, path)
		})
	}
}

// runEPUBCheck runs epubcheck (cmd) on path and fails the test on any
// fatal error, error or warning.
func runEPUBCheck(t testing.TB, cmd []string, path string) {
	t.Helper()
	out, err := exec.Command(cmd[0], append(cmd[1:], path)...).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
		t.Errorf("epubcheck %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// BenchmarkEPUB measures the EPUB writer on one article, from the model
// to the container's bytes.
func BenchmarkEPUB(b *testing.B) {
	cases := []struct {
		name string
		doc  *model.Document
		opt  EPUBOptions
	}{
		{"rich", richDoc(b), EPUBOptions{}},
		{"rich-no-cover", richDoc(b), EPUBOptions{NoCover: true}},
		{"long-20-sections", longDoc(20), EPUBOptions{}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := EPUB(io.Discard, c.doc, c.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEPUBBook measures the EPUB writer on books of 100 and 1,000
// chapters, from the model to the container's bytes. "B-alloc/chapter"
// is what the writer allocates for each chapter, and "peak-KB/chapter" the
// largest heap (sampled, garbage not yet collected included) above the
// heap before, per chapter: a chapter's XHTML is made only as the
// container is written, so the peak follows the container
// ("KB-out/chapter"), not the chapters' XHTML.
func BenchmarkEPUBBook(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			bk := &model.Book{Title: "A long book", Editors: []string{"Ed Itor"}, Lang: "en"}
			for i := range n {
				d := longDoc(2)
				d.Title = fmt.Sprintf("Article %d", i+1)
				bk.Articles = append(bk.Articles, d)
			}
			model.NormalizeBook(bk)
			var out bytes.Buffer
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			peak := heapPeak(func() {
				for b.Loop() {
					out.Reset()
					if err := EPUBBook(&out, bk, EPUBOptions{NoCover: true}); err != nil {
						b.Fatal(err)
					}
				}
			})
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N*n), "B-alloc/chapter")
			b.ReportMetric(float64(peak-min(peak, before.HeapAlloc))/float64(n)/1024, "peak-KB/chapter")
			b.ReportMetric(float64(out.Len())/float64(n)/1024, "KB-out/chapter")
		})
	}
}

// heapPeak runs f and returns the largest heap (allocated objects, garbage
// not yet collected included) seen while it ran, sampled every
// millisecond.
func heapPeak(f func()) uint64 {
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var m runtime.MemStats
		var top uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapAlloc)
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	return <-peak
}

func BenchmarkCover(b *testing.B) {
	t := coverText{title: "Bolivia resists racist coup", authors: []string{"Greg Butterfield"}, date: "November 20, 2019"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := coverPNG(t); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzChapterXHTML feeds arbitrary text, titles and link targets to the
// EPUB writer: whatever a valid document holds, every XHTML document, the
// navigation, the NCX and the package document must stay well-formed
// XML.
func FuzzChapterXHTML(f *testing.F) {
	f.Add("Title & <more>", "text with \"quotes\" and ]]> and \u00a0", "https://example.org/?a=1&b=<2>", "go")
	f.Add("", "x", "#", "")
	f.Add("Ünïcödé", "🌹 \u202e rtl", "mailto:a@b", "c++")
	fuzzCover := testPNG(f, 4, 6)
	f.Fuzz(func(t *testing.T, title, body, target, lang string) {
		doc := &model.Document{Title: title, Lang: "en", Source: target, Blocks: []model.Block{
			&model.Heading{Level: 1, Content: []model.Inline{text(body)}},
			para(text(body), &model.Link{Target: target, Content: []model.Inline{text(body)}}),
			&model.Code{Text: body, Lang: lang},
			&model.Figure{Alt: body, Caption: []model.Inline{text(title)}},
		}}
		model.Normalize(doc)
		if model.Validate(doc) != nil {
			return
		}
		var data bytes.Buffer
		if err := articleBook(doc).build(&data, EPUBOptions{Cover: fuzzCover}); err != nil {
			t.Fatal(err)
		}
		_, files := entries(t, data.Bytes())
		for name, b := range files {
			switch path.Ext(name) {
			case ".xhtml":
				xhtmlText(t, name, b)
			case ".ncx", ".opf":
				d := xml.NewDecoder(bytes.NewReader(b))
				for {
					if _, err := d.Token(); err == io.EOF {
						break
					} else if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
				}
			}
		}
	})
}

// TestDeflatedOnce checks that resources go-epub compressed (stylesheet,
// fonts) are stored as go-epub deflated them, written raw with their sizes
// in the local header, while the documents the finishing step edits
// (XHTML, navigation, package document) are compressed again.
func TestDeflatedOnce(t *testing.T) {
	data, _ := writeEPUB(t, richDoc(t), EPUBOptions{Modified: fixedTime, EmbedFonts: true})
	zf, files := entries(t, data)
	reused := map[string]bool{}
	for _, f := range zf {
		if f.Method == zip.Deflate && f.Flags&0x8 == 0 && f.UncompressedSize64 < 1<<18 {
			// Small entries compressed here get a data descriptor; only
			// go-epub's reused bytes are written raw.
			reused[f.Name] = true
		}
	}
	tests := []struct {
		name   string
		reused bool
	}{
		{contentDir + cssFile, true},
		{contentDir + navFile, false},
		{contentDir + ncxFile, false},
		{contentDir + "package.opf", false},
		{contentDir + xhtmlDir + titlePageFile, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := files[tc.name]; !ok {
				t.Fatalf("no %s in the container", tc.name)
			}
			if reused[tc.name] != tc.reused {
				t.Errorf("go-epub's compressed bytes reused: %v, want %v", reused[tc.name], tc.reused)
			}
		})
	}
	for name := range files {
		if strings.HasPrefix(name, contentDir+fontDir) && !reused[name] && len(files[name]) < 1<<18 {
			t.Errorf("font %s compressed a second time", name)
		}
	}
}

// TestListNumbering checks that an ordered list's numbering and start
// reach the XHTML as the type and start attributes of its ol.
func TestListNumbering(t *testing.T) {
	doc := &model.Document{Title: "Lists", Lang: "en", Blocks: []model.Block{
		&model.List{Ordered: true, Start: 2, Numbering: "a", Items: []model.Item{{Blocks: []model.Block{para(text("lunch"))}}}},
		&model.List{Ordered: true, Start: 1, Numbering: "I", Items: []model.Item{{Blocks: []model.Block{para(text("Money"))}}}},
		&model.List{Ordered: true, Start: 1, Items: []model.Item{{Blocks: []model.Block{para(text("plain"))}}}},
	}}
	data, _ := writeEPUB(t, doc, EPUBOptions{NoCover: true})
	_, files := entries(t, data)
	body := string(files["EPUB/xhtml/text.xhtml"])
	for _, want := range []string{`<ol start="2" type="a">`, `<ol type="I">`, "<ol>\n<li>plain"} {
		if !strings.Contains(body, want) {
			t.Errorf("text.xhtml lacks %q:\n%s", want, body)
		}
	}
}

// TestEPUBTables checks a table's markup and style: header cells with a
// scope, a caption, no fixed widths, and the paragraph after a table, a
// code block or a list set without an indent.
func TestEPUBTables(t *testing.T) {
	data, _ := writeEPUB(t, richDoc(t), EPUBOptions{Modified: fixedTime})
	_, files := entries(t, data)
	text := string(files["EPUB/xhtml/text.xhtml"])
	for _, want := range []string{"<caption>Wages &amp; hours, 1912</caption>", `<th scope="col">Mill</th>`,
		`<td class="right">$8.76</td>`, "</table>\n<p>After the table, not indented.</p>"} {
		if !strings.Contains(text, want) {
			t.Errorf("text.xhtml lacks %q", want)
		}
	}
	if n, scoped := strings.Count(text, "<th ")+strings.Count(text, "<th>"), strings.Count(text, `<th scope="col"`); n == 0 || n != scoped {
		t.Errorf("%d header cells, %d with a scope", n, scoped)
	}
	css := string(stripComments(files["EPUB/css/pamphlet.css"]))
	for _, sel := range []string{"pre + p", "ul + p", "ol + p", "table + p"} {
		i := strings.Index(css, sel)
		if i < 0 {
			t.Errorf("stylesheet has no rule for %q", sel)
			continue
		}
		if rule := css[i : i+strings.Index(css[i:], "}")]; !strings.Contains(rule, "text-indent: 0") {
			t.Errorf("the paragraph after %q keeps its indent: %s", sel, rule)
		}
	}
	for _, blk := range strings.Split(css, "}") {
		sel, decl, ok := strings.Cut(blk, "{")
		if !ok {
			continue
		}
		tableRule := false
		for _, f := range strings.FieldsFunc(sel, func(r rune) bool { return strings.ContainsRune(" ,.+>\n", r) }) {
			tableRule = tableRule || f == "table" || f == "td" || f == "th" || f == "tr" || f == "caption"
		}
		if tableRule && (strings.Contains(decl, "table-layout") || strings.Contains(strings.ReplaceAll(decl, "max-width", ""), "width")) {
			t.Errorf("table style fixes a width: %s", blk)
		}
	}
}

// TestArticleWarnings checks that a book's warnings about one article
// carry the article's index, and that the others still go to Warn.
func TestArticleWarnings(t *testing.T) {
	bk := anthology(t)
	bk.Articles[1] = sparseDoc(t) // no link to warn about
	bk.Articles[1].Lang = "en"
	type got struct {
		article int
		msg     string
	}
	var articles []got
	var book []string
	err := EPUBBook(io.Discard, bk, EPUBOptions{
		Warn:        func(m string) { book = append(book, m) },
		ArticleWarn: func(a int, m string) { articles = append(articles, got{a, m}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) == 0 {
		t.Fatal("no warning about an article")
	}
	for _, w := range articles {
		if w.article != 1 {
			t.Errorf("warning %q given to article %d, want 1 (the one with the links)", w.msg, w.article)
		}
	}
	if all := strings.Join(book, "\n"); strings.Contains(all, "javascript:") {
		t.Errorf("an article's warning went to Warn: %q", book)
	}
	// Without ArticleWarn, Warn receives them all.
	book = nil
	if err := EPUBBook(io.Discard, bk, EPUBOptions{Warn: func(m string) { book = append(book, m) }}); err != nil {
		t.Fatal(err)
	}
	if len(book) != len(articles) {
		t.Errorf("Warn received %d warnings, want the %d about articles", len(book), len(articles))
	}
}
