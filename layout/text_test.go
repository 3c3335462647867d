package layout

import (
	"strings"
	"testing"

	"pamphlet/fonts"
)

func TestSetText(t *testing.T) {
	measure := Pt(300)
	tests := []struct {
		name     string
		text     string
		tracking Sp
		lines    []string // each line's text, runs joined
		missing  string
	}{
		{"one short line", "Bread and Roses", 0, []string{"Bread and Roses"}, ""},
		{"balanced lines", "The long and winding road that leads to your door will never disappear", 0,
			[]string{"The long and winding", "road that leads to your", "door will never disappear"}, ""},
		{"names kept together", "Ann\u00a0Lee, Bo\u00a0Chan, Cy\u00a0Day and\u00a0Di\u00a0Evans-Longname", 0,
			[]string{"Ann Lee, Bo Chan, Cy Day", "and Di Evans-Longname"}, ""},
		{"a word wider than the measure", strings.Repeat("x", 80), 0, nil, ""},
		{"ideographs broken between characters", strings.Repeat("面包与玫瑰", 5), 0, nil, ""},
		{"characters no face has", "Bread 🫓", 0, []string{"Bread �"}, "🫓"},
		{"nothing", "", 0, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines, missing, err := SetText(tc.text, TextStyle{Face: fonts.Regular, Size: Pt(24), Tracking: tc.tracking, Measure: measure})
			if err != nil {
				t.Fatal(err)
			}
			if string(missing) != tc.missing {
				t.Errorf("missing %q, want %q", string(missing), tc.missing)
			}
			var got []string
			for _, l := range lines {
				first, last := l.Runs[0], l.Runs[len(l.Runs)-1]
				if first.X < 0 || last.X+last.Width > measure {
					t.Errorf("line %q from %v to %v, outside the measure %v", lineText(l.Runs), first.X, last.X+last.Width, measure)
				}
				if left, right := first.X, measure-(last.X+last.Width); abs(left-right) > Pt(1) {
					t.Errorf("line %q not centred: %v left, %v right", lineText(l.Runs), left, right)
				}
				got = append(got, lineText(l.Runs))
			}
			if tc.lines == nil && len(tc.text) > 0 && strings.Count(tc.text, " ") == 0 && len(lines) < 2 {
				t.Errorf("an overlong word set on %d line(s), want it broken", len(lines))
			}
			if tc.lines != nil && strings.Join(got, "|") != strings.Join(tc.lines, "|") {
				t.Errorf("lines\n%q\nwant\n%q", got, tc.lines)
			}
		})
	}
}

func TestSetTextTracking(t *testing.T) {
	width := func(tracking Sp) Sp {
		lines, _, err := SetText("SPACED CAPITALS", TextStyle{Face: fonts.Regular, Size: Pt(20), Tracking: tracking, Measure: Pt(1000)})
		if err != nil || len(lines) != 1 {
			t.Fatalf("%d lines, %v", len(lines), err)
		}
		return lines[0].Width
	}
	plain, spaced := width(0), width(Pt(2))
	// 5 + 7 gaps between the letters of the two words, and a space that
	// grows by two: 14 × 2pt.
	if got, want := spaced-plain, 14*Pt(2); abs(got-want) > Pt(0.1) {
		t.Errorf("tracking widened the line by %v, want %v", got, want)
	}
}

func abs(v Sp) Sp {
	if v < 0 {
		return -v
	}
	return v
}
