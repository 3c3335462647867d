package layout

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"pamphlet/model"
)

// longWords returns n words of a made-up vocabulary without hyphens, some
// long enough to be hyphenated, with now and then a comma or a stop.
func longWords(n int, seed uint64) []string {
	vocab := strings.Fields("the harbour council proposed repairs to the granite wall " +
		"after autumn gales undermined its foundations engineers surveyed " +
		"shifting sandbanks while fishermen complained about unreasonable " +
		"delays and masons quarried replacement blocks of considerable weight")
	r := rand.New(rand.NewPCG(seed, 1))
	w := make([]string, n)
	for i := range w {
		w[i] = vocab[r.IntN(len(vocab))]
		switch r.IntN(12) {
		case 0:
			w[i] += ","
		case 1:
			w[i] += "."
		}
	}
	return w
}

// setParagraph sets text as one body paragraph and returns its lines,
// the text of each line, the widest interword gap of each and the
// measure.
func setParagraph(t *testing.T, text string) (lines []*vbox, texts []string, gaps []Sp, measure Sp) {
	t.Helper()
	s, err := newSetter(&model.Document{Lang: "en"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := &vlist{}
	s.paragraph(v, []model.Inline{&model.Text{Text: text}}, ctx{measure: s.g.measure}, 0)
	for _, it := range v.items {
		if it.kind != vBox {
			continue
		}
		b := it.box
		lines = append(lines, b)
		line, _ := clusters(b.runs)
		texts = append(texts, line)
		var gap Sp
		for k := 1; k < len(b.runs); k++ {
			gap = max(gap, b.runs[k].X-(b.runs[k-1].X+b.runs[k-1].Width))
		}
		gaps = append(gaps, gap)
	}
	return lines, texts, gaps, s.g.measure
}

// TestLongParagraphSetInSegments checks a paragraph long enough to be
// set in segments against the same paragraph set whole: every word kept
// in order, each line within the measure, and no line (those at the
// seams included) much looser than the loosest of the paragraph set
// whole.
func TestLongParagraphSetInSegments(t *testing.T) {
	tests := []struct {
		name      string
		words     int
		threshold int
	}{
		{"many segments", 30000, 16 << 10},
		{"two segments", 4000, 12 << 10},
		{"segments of a few lines", 3000, 1 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := longWords(tt.words, uint64(tt.words))
			text := strings.Join(words, " ")
			if len(text) < 2*tt.threshold {
				t.Fatalf("a text of %d bytes is not set in segments of %d", len(text), tt.threshold)
			}
			_, _, wholeGaps, _ := setParagraph(t, text)
			saved := longParagraph
			longParagraph = tt.threshold
			defer func() { longParagraph = saved }()
			lines, texts, gaps, measure := setParagraph(t, text)

			var got strings.Builder
			for i, l := range texts {
				if i > 0 && !strings.HasSuffix(texts[i-1], "-") {
					got.WriteByte(' ')
				}
				// A hyphen at a line's end is the breaker's: the words
				// have none.
				got.WriteString(strings.TrimSuffix(l, "-"))
			}
			if g := got.String(); g != text {
				gw := strings.Fields(g)
				for i := range min(len(gw), len(words)) {
					if gw[i] != words[i] {
						t.Fatalf("word %d set as %q, want %q (%d words set of %d)", i, gw[i], words[i], len(gw), len(words))
					}
				}
				t.Fatalf("%d words set, want %d", len(gw), len(words))
			}
			for i, b := range lines {
				if b.overfull() > 0 {
					t.Errorf("line %d (%q) sticks out of the measure by %v", i, texts[i], b.overfull())
				}
				// Every line but the last is justified: one that ended
				// a segment would fall short.
				if r := b.runs[len(b.runs)-1]; i < len(lines)-1 && r.X+r.Width < measure-Pt(1) {
					t.Errorf("line %d (%q) ends %v short of the measure", i, texts[i], measure-r.X-r.Width)
				}
				if int(b.lines) != len(lines) || int(b.line) != i {
					t.Errorf("line %d is numbered %d of %d, want %d of %d", i, b.line, b.lines, i, len(lines))
				}
			}
			var loosest Sp
			for _, g := range wholeGaps[:len(wholeGaps)-1] {
				loosest = max(loosest, g)
			}
			for i, g := range gaps[:len(gaps)-1] {
				if g > loosest*11/10 {
					t.Errorf("line %d (%q) has gaps of %v, the loosest line set whole %v", i, texts[i], g, loosest)
				}
			}
			t.Logf("%d lines (%d set whole)", len(lines), len(wholeGaps))
		})
	}
}

// BenchmarkLongParagraph sets one paragraph of plain text of growing
// length: set in segments, its time and allocations per byte stay level.
func BenchmarkLongParagraph(b *testing.B) {
	s, err := newSetter(&model.Document{Lang: "en"}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{20_000, 200_000, 2_000_000} {
		text := strings.Join(longWords(n/8, 1), " ")
		b.Run(fmt.Sprintf("%dKB", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v := &vlist{}
				s.paragraph(v, []model.Inline{&model.Text{Text: text}}, ctx{measure: s.g.measure}, 0)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
		})
	}
}
