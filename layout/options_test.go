package layout

import (
	"strings"
	"testing"
)

func TestParseMargins(t *testing.T) {
	tests := []struct {
		name, in string
		want     Margins
		err      string
	}{
		{"four sizes", "20,15,18,25", Margins{Inner: Mm(20), Outer: Mm(15), Top: Mm(18), Bottom: Mm(25)}, ""},
		{"spaces and fractions", " 12.5, 10 ,10,10", Margins{Inner: Mm(12.5), Outer: Mm(10), Top: Mm(10), Bottom: Mm(10)}, ""},
		{"three sizes", "10,10,10", Margins{}, "want four sizes in mm"},
		{"a word", "10,ten,10,10", Margins{}, `"ten" is not a positive size in mm`},
		{"zero", "10,0,10,10", Margins{}, `"0" is not a positive size in mm`},
		{"negative", "10,10,-3,10", Margins{}, `"-3" is not a positive size in mm`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMargins(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("ParseMargins(%q) error %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ParseMargins(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
		})
	}
}
