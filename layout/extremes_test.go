package layout

import (
	"fmt"
	"strings"
	"testing"

	"pamphlet/fonts"
	"pamphlet/model"
)

// bodyText joins the text of every body run of the book in order, and
// fails the test when a run sticks out of the paper.
func bodyText(t testing.TB, b *Book) string {
	t.Helper()
	var sb strings.Builder
	for _, p := range b.Pages {
		for _, r := range p.Body {
			if r.X < 0 || r.X+r.Width > b.Width {
				t.Fatalf("page %d: run %.40q from %v to %v leaves the paper (%v wide)", p.Folio, r.Text, r.X, r.X+r.Width, b.Width)
			}
			sb.WriteString(r.Text)
		}
	}
	return sb.String()
}

// layoutWarnings lays doc out with default options and returns the book
// and its warnings.
func layoutWarnings(t testing.TB, doc *model.Document) (*Book, []string) {
	t.Helper()
	var warns []string
	book, err := Layout(doc, Options{Warn: func(w Warning) { warns = append(warns, w.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	return book, warns
}

// TestOverlongWordsBreakBetweenCharacters checks words with no spaces: a
// word longer than a line breaks between characters (without drawing a
// hyphen), whatever its length, so that no line is overfull and no
// character is lost. A 2,000-character word used to end in one line 9,000pt
// wide (after two lines the hyphen limit refused every character break),
// and a 2 MB one never finished.
func TestOverlongWordsBreakBetweenCharacters(t *testing.T) {
	tests := []struct {
		name string
		word string
	}{
		{"two lines", strings.Repeat("abcdefghij", 9)},
		{"many lines", strings.Repeat("abcdefghij", 200)},
		{"overlong, cut into line-wide pieces", strings.Repeat("abcdefghij", 20000)},
		{"overlong capitals", strings.Repeat("W", 30000)},
		{"URL", "https://example.org/" + strings.Repeat("path/", 2000)},
		{"ideographs", strings.Repeat("汉字", 3000)},
		// Breaks only at its hyphens, more lines in a row than the
		// hyphen limit allows.
		{"hyphenated compound", strings.Repeat("abcdefghijklmnopqrs-", 40) + "end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := "Before the word " + tc.word + " and after it."
			doc := &model.Document{Title: "Words", Lang: "en", Blocks: []model.Block{mpara(text(in))}}
			book, warns := layoutWarnings(t, doc)
			for _, w := range warns {
				if strings.Contains(w, "too wide") {
					t.Errorf("warning %.120q", w)
				}
			}
			got := strings.ReplaceAll(bodyText(t, book), "-", "")
			if !strings.Contains(got, strings.ReplaceAll(tc.word, "-", "")) {
				t.Errorf("the word did not come through whole (%d characters of text)", len(got))
			}
			if n := len(warns); n > 2 {
				t.Errorf("%d warnings, want at most two:\n%s", n, strings.Join(warns, "\n"))
			}
		})
	}
}

// TestLongCodeLinesWrapByWidth checks that a code line wraps by width: one
// line of megabytes terminates, and a line of ideographs, which the code
// face lacks, stays in the measure.
func TestLongCodeLinesWrapByWidth(t *testing.T) {
	for _, line := range []string{strings.Repeat("x=1;", 100000), strings.Repeat("打印", 500)} {
		doc := &model.Document{Title: "Code", Lang: "en", Blocks: []model.Block{&model.Code{Text: line}}}
		book, _ := layoutWarnings(t, doc)
		// Continuation lines start with their mark.
		got := strings.NewReplacer(" ", "", codeContinuation[:len(codeContinuation)-1], "").Replace(bodyText(t, book))
		if !strings.Contains(got, line) {
			t.Errorf("the code line did not come through whole")
		}
	}
}

func TestWrapCode(t *testing.T) {
	adv := func(r rune) Sp {
		if r > 0x2000 && r != '↪' {
			return 2
		}
		return 1
	}
	tests := []struct {
		name, line string
		want       []string
	}{
		{"fits", "abc", []string{"abc"}},
		{"at punctuation", "aaaaaa,bbbbbb", []string{"aaaaaa,", "↪ bbbbbb"}},
		{"at a character", "abcdefghijklmnop", []string{"abcdefgh", "↪ ijklmn", "↪ op"}},
		{"wide characters", "漢字漢字漢字", []string{"漢字漢字", "↪ 漢字"}},
		{"a token kept whole", "ab: cdefg", []string{"ab:", "↪ cdefg"}},
		{"a token too long for a line", "ab: cdefghijk", []string{"ab: cdef", "↪ ghijk"}},
		{"indentation kept", "  ab(cd, ef)", []string{"  ab(cd,", "  ↪ ef)"}},
		{"no break inside the indentation", "   abcdefgh", []string{"   abcde", "↪ fgh"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapCode(tc.line, 8, adv)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestIdeographBreaks checks that Chinese and Japanese text, which has no
// spaces, breaks between characters but never before a closing mark or
// after an opening one, and that justified lines come out flush.
func TestIdeographBreaks(t *testing.T) {
	para := strings.Repeat("这是一个中文段落，用来测试没有空格的文本是否能够正确换行。「引用」", 12)
	doc := &model.Document{Title: "中文", Lang: "zh", Blocks: []model.Block{mpara(text(para)), mpara(text(para))}}
	book, warns := layoutWarnings(t, doc)
	for _, w := range warns {
		if strings.Contains(w, "no embedded font") || strings.Contains(w, "too wide") {
			t.Errorf("warning %q", w)
		}
	}
	if got := bodyText(t, book); strings.Count(got, para) != 2 {
		t.Fatalf("text lost or garbled")
	}
	lines := map[Sp][]Run{}
	for _, r := range book.Pages[0].Body {
		lines[r.Y] = append(lines[r.Y], r)
	}
	if len(lines) < 10 {
		t.Fatalf("%d lines, want the paragraphs broken into many", len(lines))
	}
	var left, right Sp = 1 << 40, 0
	for _, rs := range lines {
		left = min(left, rs[0].X)
		right = max(right, rs[len(rs)-1].X+rs[len(rs)-1].Width)
	}
	flush := 0
	for y, rs := range lines {
		first, last := []rune(rs[0].Text)[0], []rune(rs[len(rs)-1].Text)
		if strings.ContainsRune(noLineStart, first) {
			t.Errorf("line at %v starts with %q", y, first)
		}
		if strings.ContainsRune(noLineEnd, last[len(last)-1]) {
			t.Errorf("line at %v ends with %q", y, last[len(last)-1])
		}
		if end := rs[len(rs)-1].X + rs[len(rs)-1].Width; right-end < Pt(0.1) {
			flush++
		}
	}
	// All but the two last lines and the title's fill the measure.
	if flush < len(lines)-3 {
		t.Errorf("%d of %d lines reach the right edge", flush, len(lines))
	}
	for _, r := range book.Pages[0].Body {
		if strings.ContainsRune(r.Text, '这') && r.Face != fonts.CJK {
			t.Errorf("ideographs set in %v, want the CJK face", r.Face)
		}
	}
}

// TestHangulSetInHangulFace checks that Hangul, which Droid Sans Fallback
// lacks, is set in the Hangul face, without a warning, and broken at
// spaces.
func TestHangulSetInHangulFace(t *testing.T) {
	doc := &model.Document{Title: "Korean", Lang: "ko", Blocks: []model.Block{
		mpara(text(strings.Repeat("한국어 문장도 있습니다. 대한민국의 수도는 서울입니다. ", 8))),
	}}
	book, warns := layoutWarnings(t, doc)
	if len(warns) > 0 {
		t.Errorf("warnings %q", warns)
	}
	hangul := 0
	for _, r := range book.Pages[0].Body {
		if !strings.ContainsRune(r.Text, '한') && !strings.ContainsRune(r.Text, '서') {
			continue
		}
		hangul++
		if r.Face != fonts.Hangul {
			t.Errorf("%q set in %v, want the Hangul face", r.Text, r.Face)
		}
		if strings.HasSuffix(r.Text, "서") || strings.HasPrefix(r.Text, "울") {
			t.Errorf("run %q: a word broken between syllables", r.Text)
		}
	}
	if hangul == 0 {
		t.Fatal("no Hangul on the page")
	}
}

// benchWord lays out one paragraph holding a word of n bytes.
func benchWord(b *testing.B, n int) {
	word := strings.Repeat("abcdefghij", n/10)
	doc := &model.Document{Title: "Word", Lang: "en", Blocks: []model.Block{mpara(text(word))}}
	b.SetBytes(int64(len(word)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(word)), "ns/byte")
}

// BenchmarkOverlongWord shows that a word with no spaces costs time in
// proportion to its length: ns/byte stays level from 20 KB to 2 MB.
func BenchmarkOverlongWord(b *testing.B) {
	for _, n := range []int{20_000, 200_000, 2_000_000} {
		b.Run(fmt.Sprintf("%dKB", n/1000), func(b *testing.B) { benchWord(b, n) })
	}
}

// TestLongTitlesPrintWholeHeadsClipped checks that a title of thousands of
// characters is printed whole (over several pages if need be) and that the
// running heads that repeat it are cut with an ellipsis inside their slot.
func TestLongTitlesPrintWholeHeadsClipped(t *testing.T) {
	words := make([]string, 900)
	for i := range words {
		words[i] = fmt.Sprintf("Title%d", i)
	}
	tests := []struct{ name, title string }{
		{"many words", strings.Join(words, " ")},
		{"one long word", strings.Repeat("Titleword", 600)},
		{"ideographs", strings.Repeat("标题", 1500)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := make([]model.Block, 30)
			for i := range body {
				body[i] = mpara(text(prose(i, 6)))
			}
			doc := &model.Document{Title: tc.title, Lang: "en", Blocks: body}
			book, warns := layoutWarnings(t, doc)
			for _, w := range warns {
				if strings.Contains(w, "too wide") {
					t.Errorf("warning %.120q", w)
				}
			}
			got := strings.ReplaceAll(bodyText(t, book), " ", "")
			if !strings.Contains(got, strings.ReplaceAll(tc.title, " ", "")) {
				t.Error("the title is not printed whole")
			}
			for _, p := range book.Pages {
				for _, r := range p.Body {
					if r.Y > book.Height {
						t.Fatalf("page %d: %.30q below the paper", p.Folio, r.Text)
					}
				}
			}
			heads := 0
			for _, p := range book.Pages[1:] {
				var head strings.Builder
				for _, r := range p.Head {
					if r.X < 0 || r.X+r.Width > book.Width {
						t.Fatalf("page %d: running head leaves the paper", p.Folio)
					}
					head.WriteString(r.Text)
				}
				if head.Len() > 0 {
					heads++
					if !strings.HasSuffix(head.String(), "…") {
						t.Errorf("page %d: head %q has no ellipsis", p.Folio, head.String())
					}
				}
			}
			if heads == 0 {
				t.Error("no running heads")
			}
		})
	}
}

// TestMissingGlyphsGiveOneWarning checks that text in a script no embedded
// face has gives one warning for the whole document, with the count and the
// first characters, not one per character.
func TestMissingGlyphsGiveOneWarning(t *testing.T) {
	// Emoji of Unicode 13 and later, which Symbola (Unicode 9) lacks.
	doc := &model.Document{Title: "Emoji", Blocks: []model.Block{
		mpara(text("Faces 🥲 🥸 🫠 🫡 and more faces 🫢 🫣 in a sentence.")),
		mpara(text("Again 🥲 and 🪅 🪩 at a party.")),
	}}
	_, warns := layoutWarnings(t, doc)
	var missing []string
	for _, w := range warns {
		if strings.Contains(w, "no embedded font") {
			missing = append(missing, w)
		}
	}
	if len(missing) != 1 || !strings.Contains(missing[0], "different characters") || !strings.Contains(missing[0], "8 different characters") || !strings.Contains(missing[0], "U+1F972 '🥲'") {
		t.Errorf("warnings %q, want one naming the count (8) and U+1F972", missing)
	}
}

// TestTiedWordsBreakAtTiesWhenTooWide is the regression test for a crasher
// of the pipeline fuzzer (the root package's
// testdata/fuzz/FuzzPipeline/tied-guillemets): words tied by no-break
// spaces that are together wider than a line break at the ties rather than
// stick out of the page, in every alignment.
func TestTiedWordsBreakAtTiesWhenTooWide(t *testing.T) {
	tied := strings.Repeat("»\u00a0", 80) + "end"
	for _, tc := range []struct {
		name  string
		block model.Block
	}{
		{"justified", mpara(text("Before " + tied + " after."))},
		{"heading", heading(1, "Heading "+tied)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &model.Document{Title: strings.TrimSpace(tied), Lang: "fr", Blocks: []model.Block{tc.block}}
			book, warns := layoutWarnings(t, doc)
			for _, w := range warns {
				if strings.Contains(w, "too wide") {
					t.Errorf("warning %.100q", w)
				}
			}
			if got := strings.Count(bodyText(t, book), "»"); got != 160 {
				t.Errorf("%d guillemets printed, want 160", got)
			}
		})
	}
	// Ties that fit stay unbroken.
	s, err := newSetter(&model.Document{Lang: "en"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := s.buildText("Mr.\u00a0Smith went to Washington.", s.bodyStyle(ctx{measure: s.g.measure}, 0))
	for _, it := range p.items {
		if it.Kind == PenaltyItem && it.Penalty == tiePenalty {
			t.Error("a tie that fits on a line was loosened")
		}
	}
}

// TestDeepNestingStopsIndenting checks that quotations and lists nested
// hundreds deep stop indenting before the measure runs out: every word
// printed, none off the page.
func TestDeepNestingStopsIndenting(t *testing.T) {
	quote := []model.Block{mpara(text("the deepest quotation"))}
	list := []model.Block{mpara(text("the deepest item"))}
	for range 500 {
		quote = []model.Block{&model.Quote{Blocks: quote}}
		list = []model.Block{&model.List{Items: []model.Item{{Blocks: list}}}}
	}
	doc := &model.Document{Title: "Deep", Lang: "en", Blocks: append(quote, list...)}
	book, warns := layoutWarnings(t, doc)
	if len(warns) > 0 {
		t.Errorf("warnings: %.300q", warns)
	}
	got := bodyText(t, book)
	for _, w := range []string{"thedeepestquotation", "thedeepestitem"} {
		if !strings.Contains(strings.ReplaceAll(got, " ", ""), w) {
			t.Errorf("%q not printed", w)
		}
	}
}
