package reader

import (
	"slices"
	"strings"
	"testing"
)

func TestDeepFirstLineIndentMarksParagraphs(t *testing.T) {
	para := func(indent string) string {
		return indent + "The fishing boats came in late that autumn, and the men who waited\n" +
			"on the harbour wall had long since given up talking about the weather.\n" +
			indent + "When the first boat rounded the point, a boy ran along the wall to\n" +
			"tell the women in the net sheds. They came out wiping their hands.\n" +
			indent + "The second boat did not come in until after dark. Its lamp was out,\n" +
			"and the men rowed the last mile because the engine had failed.\n"
	}
	three := "paragraph: The fishing boats came in late that autumn, and the men who waited on the harbour wall had long since given up talking about the weather.\n" +
		"paragraph: When the first boat rounded the point, a boy ran along the wall to tell the women in the net sheds. They came out wiping their hands.\n" +
		"paragraph: The second boat did not come in until after dark. Its lamp was out, and the men rowed the last mile because the engine had failed.\n"
	tests := []struct{ name, src, want string }{
		{"four spaces", "The Harbour Wall\n\n" + para("    "), three},
		{"a tab", "The Harbour Wall\n\n" + para("\t"), three},
		{"eight spaces", "The Harbour Wall\n\n" + para("        "), three},
		{"a verse quotation indented on every line", "The Harbour Wall\n\nThe men sang as they rowed:\n\n" +
			"    Bring the boat home, bring the boat home,\n    over the bar and in by the wall,\n    bring the boat home.\n\nThen they were quiet.\n",
			"paragraph: The men sang as they rowed:\nquote:\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			if got := dumpBody(t, res.Doc); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got:\n%s\nwant it to start:\n%s", got, tc.want)
			}
			if tc.want == three && !slices.Contains(repairKinds(res), "indent-paragraphs") {
				t.Errorf("no indent-paragraphs repair in %q", repairKinds(res))
			}
		})
	}
}
