package reader

import (
	"slices"
	"strings"
	"testing"
)

func TestBylinesBeyondTheByLine(t *testing.T) {
	const body = "Over the last year our team moved every build from the old servers to\na shared pool of machines. This is what we learned along the way.\n\n" +
		"The first lesson was that nobody knew what the old servers did, so we started with a list.\n"
	tests := []struct {
		name, src string
		want      []string
		gone      string // text that must leave the body ("" when it stays)
	}{
		{"a signature at the end", "Why We Moved Our Builds\n\n" + body + "\n— Priya Raman, Software Engineer at Tidewater Labs\n",
			[]string{"Priya Raman"}, ""},
		{"an Authors list wrapped over two lines", "Why We Moved Our Builds\nAuthors: Priya Raman, Tom Reed, Ana Lima,\nJo Park and Sam Ortiz\n\n" + body,
			[]string{"Priya Raman", "Tom Reed", "Ana Lima", "Jo Park", "Sam Ortiz"}, "Sam Ortiz"},
		{"a bare name under the title", "Why We Moved Our Builds\n\nPriya Raman\n\n" + body,
			[]string{"Priya Raman"}, "Priya Raman"},
		{"a bare name in capitals under the title", "WHY WE MOVED OUR BUILDS\n\nPRIYA RAMAN\n\n" + body,
			[]string{"Priya Raman"}, "PRIYA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			if !slices.Equal(res.Doc.Authors, tc.want) {
				t.Errorf("authors %q, want %q", res.Doc.Authors, tc.want)
			}
			if got := dumpBody(t, res.Doc); tc.gone != "" && strings.Contains(got, tc.gone) {
				t.Errorf("byline left in the body:\n%s", got)
			}
		})
	}
}

func TestBareLinesUnderTheTitleThatAreNoNames(t *testing.T) {
	tests := []struct{ name, line string }{
		{"a heading of ordinary words", "Shared Machines"},
		{"a heading in capitals", "SHARED MACHINES"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, "Why We Moved Our Builds\n\n"+tc.line+"\n\nThe shared pool of machines was slow at first, and every build waited in a queue.\n")
			if len(res.Doc.Authors) > 0 {
				t.Errorf("authors %q from %q", res.Doc.Authors, tc.line)
			}
		})
	}
}
