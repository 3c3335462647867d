package reader

import (
	"slices"
	"strings"
	"testing"
)

func TestGluedParagraphsSplit(t *testing.T) {
	p1 := "When I started writing software for a living I thought the hard part would be the code, and for a while it was, because I knew very little and every day brought a new kind of mistake to make and then to learn from slowly. Looking back, the languages changed and the tools changed but the hard part moved somewhere else entirely, and if I had to name one lesson from those years it is the one I'd pick."
	p2 := "Another thing I noticed was how much of the work happened away from the keyboard, in conversations with people who would use the program and in the long walks where a design finally made sense to me after days of staring at it without any progress at all."
	p3 := "Most of all I learned to write things down, because memory is a poor archive and the notes I kept in those years still answer questions that nobody else in the building can answer any more, which is a strange and quiet kind of usefulness that I did not expect."
	tests := []struct {
		name, body string
		paras      int
	}{
		{"paragraphs run together", p1 + p2 + p3, 3},
		{"a question and an exclamation", strings.Replace(strings.Replace(p1+p2+p3, "I'd pick.", "I'd pick?", 1), "at all.", "at all!", 1), 3},
		{"a short paragraph is left as written", "It is the one I'd pick.Another thing I noticed was the rain.", 1},
		{"code, host names, initials and decimals", p1 + " Call fmt.Println(x) or visit example.Com today, as the U.S.Army did in 1.5 days, e.g.The manual says so, and Node.Js is fine." + " " + p3, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, "An Essay\n\n"+tc.body+"\n")
			body := dumpBody(t, res.Doc)
			if n := strings.Count(body, "paragraph: "); n != tc.paras {
				t.Errorf("%d paragraphs, want %d:\n%s", n, tc.paras, body)
			}
			if tc.paras > 1 {
				if !strings.Contains(body, "I’d pick") || !strings.Contains(body, "\nparagraph: Another thing") {
					t.Errorf("split in the wrong place:\n%s", body)
				}
				if !slices.Contains(repairKinds(res), "split-paragraph") {
					t.Errorf("no split-paragraph repair in %q", repairKinds(res))
				}
			}
		})
	}
}
