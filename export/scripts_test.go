package export

import (
	"regexp"
	"strings"
	"testing"

	"pamphlet/layout"
	"pamphlet/locale"
	"pamphlet/model"
)

// TestCoverTextClipsLongTitlesAndFindsFaces checks the generated cover's
// text: a title of thousands of characters is clipped before it is set (the
// cover then costs the same as a short one), Chinese and Japanese come from
// the CJK face, and characters no face has are reported.
func TestCoverTextClipsLongTitlesAndFindsFaces(t *testing.T) {
	bk := &book{title: strings.Repeat("A very long title ", 1000), creators: []string{strings.Repeat("Name ", 500)}}
	loc := locale.Of("en")
	ct := bk.coverText(loc)
	if n := len([]rune(ct.title)); n > coverRunes+1 || !strings.HasSuffix(ct.title, "…") {
		t.Errorf("title of %d characters on the cover, want at most %d ending in an ellipsis", n, coverRunes+1)
	}
	if _, err := coverPNG(ct); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title string
		missing     string
	}{
		{"Latin", "Bread and Roses", ""},
		{"Chinese and Japanese", "面包与玫瑰 パンとバラ", ""},
		{"Arabic and Hebrew", "خبز وورود לחם ושושנים", ""},
		{"Korean", "빵과 장미", ""},
		{"older emoji", "Bread 🌹 and 🥖", ""},
		{"newer emoji", "Bread 🫓 and 🪷", "🫓🪷"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			missing, err := coverMissing(coverText{title: tc.title})
			if err != nil {
				t.Fatal(err)
			}
			if string(missing) != tc.missing {
				t.Errorf("missing %q, want %q", string(missing), tc.missing)
			}
		})
	}
}

func TestAutoDir(t *testing.T) {
	tests := []struct {
		text string
		rtl  bool
		want string
	}{
		{"An English paragraph", false, ""},
		{"فقرة عربية", false, "auto"},
		{"“שלום” is Hebrew", false, "auto"},
		{"The word שלום", false, ""},
		{"فقرة عربية", true, ""},
		{"English in an Arabic book", true, "auto"},
		{"123 — …", false, ""},
	}
	for _, tc := range tests {
		if got := autoDir(tc.text, tc.rtl); got != tc.want {
			t.Errorf("autoDir(%q, %v) = %q, want %q", tc.text, tc.rtl, got, tc.want)
		}
	}
}

// TestAutoDirOfInlines checks that a block's direction, read from its
// inlines, is the direction of its plain text, whatever markup the first
// strong letter sits in.
func TestAutoDirOfInlines(t *testing.T) {
	emph := func(in ...model.Inline) *model.Emph { return &model.Emph{Content: in} }
	tests := []struct {
		name string
		in   []model.Inline
		rtl  bool
		want string
	}{
		{"English", []model.Inline{text("An English paragraph")}, false, ""},
		{"Arabic in emphasis after digits", []model.Inline{text("1. "), emph(text("فقرة")), text(" then English")}, false, "auto"},
		{"Hebrew in a link in strong", []model.Inline{text("— "), &model.Strong{Content: []model.Inline{&model.Link{Target: "https://example.org", Content: []model.Inline{text("שלום")}}}}}, false, "auto"},
		{"after a line break", []model.Inline{text("“"), &model.LineBreak{}, text("فقرة")}, false, "auto"},
		{"code span first", []model.Inline{&model.CodeSpan{Text: "x := 1"}, text(" فقرة")}, false, ""},
		{"English in an Arabic book", []model.Inline{emph(text("…")), text("English")}, true, "auto"},
		{"no strong letter", []model.Inline{text("123 — "), emph(text("…"))}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := autoDirOf(tc.in, tc.rtl)
			if got != tc.want {
				t.Errorf("autoDirOf = %q, want %q", got, tc.want)
			}
			if plain := autoDir(model.Plain(tc.in), tc.rtl); got != plain {
				t.Errorf("autoDirOf = %q, but the plain text's direction is %q", got, plain)
			}
		})
	}
}

// TestPDFEmbedsCJKFaceOnlyWhenUsed checks that gofpdf embeds the CJK face
// (TrueType outlines) as a subset, that the glyphs it paints are where
// layout measured them (pdftotext finds the text in order, in one line),
// and that a document without such characters does not carry the face.
func TestPDFEmbedsCJKFaceOnlyWhenUsed(t *testing.T) {
	cjk := &model.Document{Title: "中文", Lang: "zh", Blocks: []model.Block{
		para(txt("这是一个中文段落。日本語の文章。")),
	}}
	path, data := writePDF(t, cjk, layout.Options{}, PDFOptions{})
	fonts := run(t, "pdffonts", path)
	if !regexp.MustCompile(`[A-Z]{6}\+DroidSansFallback +CID TrueType +Identity-H +yes +yes +yes`).MatchString(fonts) {
		t.Errorf("the CJK face is not embedded as a subset:\n%s", fonts)
	}
	if len(data) > 200<<10 {
		t.Errorf("PDF of %d bytes: the 4 MB face is not subset", len(data))
	}
	text := run(t, "pdftotext", "-layout", path, "-")
	if !strings.Contains(text, "这是一个中文段落。日本語の文章。") {
		t.Errorf("pdftotext reads %q", text)
	}
	path, _ = writePDF(t, article(), layout.Options{}, PDFOptions{})
	if fonts := run(t, "pdffonts", path); strings.Contains(fonts, "Droid") {
		t.Errorf("a Latin article embeds the CJK face:\n%s", fonts)
	}
}
