package layout

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// clusters returns the text each glyph of the runs stands for, each
// cluster once, the runs' texts joined with spaces where a word space
// separates them.
func clusters(runs []Run) (text string, cs []string) {
	var sb strings.Builder
	for i, r := range runs {
		if i > 0 && r.X > runs[i-1].X+runs[i-1].Width {
			sb.WriteByte(' ')
		}
		sb.WriteString(r.Text)
		for k, g := range r.Glyphs {
			if k == 0 || r.Glyphs[k-1].At != g.At {
				cs = append(cs, r.Text[g.At:g.End])
			}
		}
	}
	return sb.String(), cs
}

// TestLigatureCutByHyphenationPoint checks a hyphenation point inside a
// ligature ("of-fice", whose "ffi" is one glyph): unbroken, the word keeps
// its ligature; broken there, the line ends in "f" and a hyphen and the
// next starts with the "fi" ligature, each half shaped on its own, and
// the widths the breaker sees add up either way.
func TestLigatureCutByHyphenationPoint(t *testing.T) {
	s, err := newSetter(&model.Document{Lang: "en"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := s.bodyStyle(ctx{measure: s.g.measure}, 0)
	st.indent = 0
	p := s.buildText("the of\u00adfice opens", st)
	pen, kern, after := -1, -1, -1
	for i, it := range p.items {
		switch {
		case it.Kind == PenaltyItem && it.Ref >= 0:
			pen = i
		case it.Kind == KernItem && it.Flags&Ligature != 0:
			kern = i
		case it.Kind == BoxItem && it.Flags&AfterBreak != 0:
			after = i
		}
	}
	if pen < 0 || kern < pen || after < kern {
		t.Fatalf("hyphen penalty at %d, ligature kern at %d, box after the break at %d: want them in that order", pen, kern, after)
	}
	pre, lig, post := p.pieces[p.items[pen].Ref], p.pieces[p.items[kern].Ref], p.pieces[p.items[after].Ref]
	if pre.text != "f-" || pre.hyphen == 0 || lig.text != "ffi" || post.text != "fi" {
		t.Fatalf("pieces %q (hyphen %v), %q, %q; want \"f-\" with a hyphen, \"ffi\", \"fi\"", pre.text, pre.hyphen, lig.text, post.text)
	}
	if got := p.items[kern].Width + p.items[after].Width; got != lig.width {
		t.Errorf("kern and box after the break are %v wide, the ligature %v", got, lig.width)
	}
	end := len(p.items) - 1 // the forced break that ends the paragraph
	wide := s.g.measure
	tests := []struct {
		name     string
		line     Line
		text     string
		clusters []string
	}{
		{"unbroken", Line{Start: 0, End: end, Width: wide, Fil: 1}, "the office opens",
			[]string{"t", "h", "e", "o", "ffi", "c", "e", "o", "p", "e", "n", "s"}},
		{"before the break", Line{Start: 0, End: pen, Width: wide, Fil: 1}, "the of-",
			[]string{"t", "h", "e", "o", "f", "-"}},
		{"after the break", Line{Start: after, End: end, Width: wide, Fil: 1}, "fice opens",
			[]string{"fi", "c", "e", "o", "p", "e", "n", "s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			box := s.setLine(p, tt.line, 0, 0)
			text, cs := clusters(box.runs)
			if text != tt.text || strings.Join(cs, "|") != strings.Join(tt.clusters, "|") {
				t.Errorf("line %q drawn as %q, want %q as %q", text, cs, tt.text, tt.clusters)
			}
		})
	}
}
