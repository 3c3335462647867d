package reader

import "testing"

// TestDetectWithoutATellingName checks content sniffing where the name
// says nothing (stdin, a file without a known extension), and that the
// extension wins when there is one.
func TestDetectWithoutATellingName(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             Format
	}{
		{"image", "-", "# Notes\n\nSee ![a chart](chart.png) for the figures.\n", FormatMarkdown},
		{"image with a title", "-", "Notes\n\n![a chart](charts/q1.png \"First quarter\")\n", FormatMarkdown},
		{"image without alt text", "notes", "Notes\n\n![](chart.png)\n", FormatMarkdown},
		{"front matter", "-", "---\ntitle: Notes\n---\n\nText.\n", FormatMarkdown},
		{"fenced code", "-", "Notes\n\n```\ncode\n```\n", FormatMarkdown},
		{"heading and link are not enough", "-", "# Notes\n\nSee [the site](https://example.org) for more.\n", FormatText},
		{"exclamation before a bracket", "-", "Wow! [sic] (really)\n", FormatText},
		{"html", "-", "<!DOCTYPE html><html><body><p>Hi</p></body></html>", FormatHTML},
		{"extension wins", "notes.txt", "See ![a chart](chart.png).\n", FormatText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(tc.file, tc.text); got != tc.want {
				t.Errorf("Detect(%q) = %s, want %s", tc.file, got, tc.want)
			}
		})
	}
}
