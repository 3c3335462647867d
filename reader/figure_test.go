package reader

import (
	"os"
	"strings"
	"testing"
)

// TestImagesNeverVanish reads images in the places where they used to be
// lost: each leaves a figure, or its alt text in the line with a
// warning naming it.
func TestImagesNeverVanish(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		src    string
		want   string // in the dump
		warn   string // in a warning; "" for none
	}{
		{"linked image in Markdown is a figure", FormatMarkdown,
			"Look:\n\n[![A lighthouse at dusk](tide.png)](big.png)\n",
			`figure src="tide.png" alt="A lighthouse at dusk" type=image/png`, ""},
		{"linked image in HTML is a figure", FormatHTML,
			`<p>Look at the harbour in the picture below.</p><a href="big.png"><img src="tide.png" alt="A lighthouse at dusk"></a>`,
			`figure src="tide.png" alt="A lighthouse at dusk" type=image/png`, ""},
		{"linked image inside a paragraph of HTML is a figure", FormatHTML,
			`<p>Before the picture <a href="big.png"><img src="tide.png" alt="The lamp"></a> and after it.</p>`,
			"paragraph: Before the picture\nfigure src=\"tide.png\" alt=\"The lamp\"", ""},
		{"image in a link among words keeps its alt text", FormatMarkdown,
			"See [the ![lamp room](tide.png) plan](plan.html) here.\n",
			"{link plan.html:the lamp room plan}", `image "tide.png" inside a line of text is not included; its alt text "lamp room" stands in`},
		{"image in emphasis keeps its alt text", FormatMarkdown,
			"A *![gull](tide.png) drawing* here.\n",
			"{em:gull drawing}", `image "tide.png" inside a line`},
		{"raw img tag in a Markdown line keeps its alt text", FormatMarkdown,
			"Text <img src=\"tide.png\" alt=\"a buoy\"> more.\n",
			"paragraph: Text a buoy more.", `image "tide.png" inside a line`},
		{"image in an HTML heading keeps its alt text", FormatHTML,
			`<p>Intro words of the page.</p><h2><img src="tide.png" alt="Lamp"> Keepers</h2><p>Text.</p>`,
			"heading 1: Lamp Keepers", `image "tide.png" inside a line`},
		{"small icon is its alt text without a warning", FormatHTML,
			`<p>Mail us <img src="tide.png" width="16" height="16" alt="(envelope)"> today.</p>`,
			"paragraph: Mail us (envelope) today.", ""},
		{"missing image without alt text is named", FormatMarkdown,
			"Text.\n\n[![](missing.png)](big.png)\n",
			"paragraph: Text.\n", `image "missing.png" is not included and has no alt text or caption`},
		{"missing image keeps its alt text", FormatHTML,
			`<p>Words of the page.</p><a href="big.png"><img src="missing.png" alt="A storm"></a>`,
			`figure src="missing.png" alt="A storm" type= bytes=0`, `image "missing.png"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []string
			res, err := Read([]byte(tc.src), Options{Format: tc.format, Lang: "en", Images: os.DirFS("testdata/markup"),
				Warn: func(w Warning) { warnings = append(warnings, w.String()) }})
			if err != nil {
				t.Fatal(err)
			}
			got := dumpBody(t, res.Doc)
			if !strings.Contains(got, tc.want) {
				t.Errorf("dump:\n%s\nwant within: %s", got, tc.want)
			}
			all := strings.Join(warnings, "\n")
			switch {
			case tc.warn == "" && len(warnings) > 0:
				t.Errorf("unexpected warnings:\n%s", all)
			case tc.warn != "" && !strings.Contains(all, tc.warn):
				t.Errorf("warnings:\n%s\nwant one with %q", all, tc.warn)
			}
		})
	}
}
