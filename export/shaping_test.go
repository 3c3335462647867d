package export

import (
	"strings"
	"testing"

	"pamphlet/fonts"
	"pamphlet/layout"
	"pamphlet/model"
)

// bidiMarks are the embedding marks pdftotext puts around right-to-left
// words; they are not text.
var bidiMarks = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "")

// wantExtracted reports each of words that text, extracted from a PDF,
// does not hold.
func wantExtracted(t *testing.T, text string, words ...string) {
	t.Helper()
	for _, w := range words {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext lacks %q: %q", w, text)
		}
	}
}

// TestPDFSetsLigatures checks that the text face's ligatures are drawn,
// each one glyph that the ToUnicode map turns back into its letters, and
// that extraction finds the words whole.
func TestPDFSetsLigatures(t *testing.T) {
	doc := &model.Document{Title: "Ligatures", Lang: "en", Blocks: []model.Block{
		para(txt("The office was efficient: we find the staff flew the flag, affluent and baffled.")),
	}}
	book, err := layout.Layout(doc, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pf, err := newPDFFonts(book)
	if err != nil {
		t.Fatal(err)
	}
	face := pf.by[fonts.Regular]
	mapped := map[string]bool{}
	for _, s := range face.text {
		mapped[s] = true
	}
	for _, lig := range []string{"ffi", "fi", "fl", "ff"} {
		if !mapped[lig] {
			t.Errorf("no glyph of the text face stands for %q: ligatures %v", lig, mapped)
		}
	}
	path, _ := writePDF(t, doc, layout.Options{}, PDFOptions{})
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	wantExtracted(t, text, "office", "efficient", "staff flew the flag", "affluent and baffled")
}

// TestPDFExtractsRightToLeftInLogicalOrder checks that Arabic and Hebrew,
// drawn right to left with joined letters, come back from the PDF in the
// order they were written.
func TestPDFExtractsRightToLeftInLogicalOrder(t *testing.T) {
	doc := &model.Document{Title: "Directions", Lang: "en", Blocks: []model.Block{
		para(txt("مرحبا بالعالم، هذا نص عربي.")),
		para(txt("שלום עולם, זה טקסט בעברית.")),
		para(txt("The word سلام means peace, and so does שלום.")),
	}}
	path, _ := writePDF(t, doc, layout.Options{}, PDFOptions{})
	text := bidiMarks.Replace(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	wantExtracted(t, text, "مرحبا", "بالعالم", "هذا", "نص", "عربي", "שלום", "עולם", "טקסט", "בעברית", "سلام", "means peace")
}

// TestPDFPointedAndBareLettersExtractInOrder checks that letters drawn
// both bare and with their marks (Hebrew points, Arabic harakat), each way
// before the other, come back from the PDF in the order they were
// written: each use of a glyph has a CID whose ToUnicode entry gives its
// text there, so no run needs /ActualText, which extraction reverses in
// right-to-left lines.
func TestPDFPointedAndBareLettersExtractInOrder(t *testing.T) {
	doc := &model.Document{Title: "Points", Lang: "en", Blocks: []model.Block{
		para(txt("הנער כתב מכתב ארוך לסבתו.")),
		para(txt("בספר כתוב: הַנַּעַר כָּתַב מִכְתָּב.")),
		para(txt("אחר כך כתב הנער שיר קצר.")),
		para(txt("قَرَأَ الوَلَدُ كِتَابًا.")),
		para(txt("قرأ الولد كتابا جديدا في المكتبة.")),
		para(txt("ثم قَرَأَ الكِتَابَ مرة أخرى.")),
	}}
	book, err := layout.Layout(doc, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pf, err := newPDFFonts(book)
	if err != nil {
		t.Fatal(err)
	}
	split := 0
	for _, f := range pf.faces {
		split += len(f.gids)
		for k, gid := range f.gids {
			c := uint16(len(f.sub.Glyphs) + 1 + k)
			if f.gid(c) != gid || f.width(c) != f.width(gid) {
				t.Errorf("%s: CID %d draws glyph %d, %d wide; want glyph %d, %d wide", f.base, c, f.gid(c), f.width(c), gid, f.width(gid))
			}
		}
	}
	if split == 0 {
		t.Error("no glyph got a second CID for another text")
	}
	for _, p := range book.Pages {
		for _, r := range p.Body {
			if r.Text != "" && r.Hyphen == 0 && !pf.by[r.Face].plainText(r) {
				t.Errorf("run %q needs /ActualText", r.Text)
			}
		}
	}
	path, _ := writePDF(t, doc, layout.Options{}, PDFOptions{})
	text := bidiMarks.Replace(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	wantExtracted(t, text, "הנער כתב מכתב ארוך לסבתו", "בספר כתוב", "הַנַּעַר כָּתַב מִכְתָּב", "אחר כך כתב הנער שיר קצר",
		"قَرَأَ الوَلَدُ كِتَابًا", "قرأ الولد كتابا جديدا في المكتبة", "ثم قَرَأَ الكِتَابَ مرة أخرى")
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// TestPDFHyphensAtLineEnds checks the two hyphens a line can end in: one
// layout added to break a word, which extraction drops to join the word,
// and one of the text, which extraction keeps.
func TestPDFHyphensAtLineEnds(t *testing.T) {
	const n = 30
	var sb strings.Builder
	for i := range n {
		// Tails of different lengths, so that line ends fall on every
		// part of the phrase.
		sb.WriteString("The Postmaster-General's extraordinarily international correspondence was ")
		sb.WriteString([]string{"read. ", "filed with care. ", "answered by the clerks at once. ", "kept. "}[i%4])
	}
	doc := &model.Document{Title: "Hyphens", Lang: "en", Blocks: []model.Block{para(txt(sb.String()))}}
	book, err := layout.Layout(doc, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	added, real := 0, 0
	for _, p := range book.Pages {
		for i, r := range p.Body {
			last := i == len(p.Body)-1 || p.Body[i+1].Y != r.Y
			switch {
			case r.Hyphen > 0:
				added++
			case last && strings.HasSuffix(r.Text, "-"):
				real++
			}
		}
	}
	if added == 0 || real == 0 {
		t.Fatalf("%d lines end in an added hyphen, %d in a hyphen of the text: the test needs both", added, real)
	}
	path, _ := writePDF(t, doc, layout.Options{}, PDFOptions{})
	text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	words := strings.Fields(strings.NewReplacer("\u2010", "-").Replace(text))
	count := map[string]int{}
	for _, w := range words {
		count[w]++
	}
	for _, w := range []string{"extraordinarily", "international", "correspondence"} {
		if count[w] != n {
			t.Errorf("%q read %d times, want %d", w, count[w], n)
		}
	}
	if got := count["Postmaster-General's"] + count["Postmaster-"]; got != n || count["PostmasterGeneral's"] > 0 {
		t.Errorf("Postmaster-General's read whole %d times, broken at its hyphen %d, joined without it %d; want %d with the hyphen",
			count["Postmaster-General's"], count["Postmaster-"], count["PostmasterGeneral's"], n)
	}
}
