package reader

import (
	"strings"
	"testing"
)

// readBody reads src in format f and returns the block part of the dump.
func readBody(t *testing.T, src string, f Format) (string, *Result) {
	t.Helper()
	res, err := Read([]byte(src), Options{Format: f})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return dumpBody(t, res.Doc), res
}

func TestMarkdownTables(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // expected in the dump
	}{
		{"two by two",
			"Text before.\n\n| Key | Value |\n|-----|-------|\n| a | 1 |\n| b | 2 |\n",
			"table cols=2\n  head |Key|Value|\n  row |a|1|\n  row |b|2|\n"},
		{"alignments from the delimiter row",
			"| Item | Qty | Note |\n|:--|--:|:-:|\n| nails | 40 | *zinc* |\n",
			"table cols=3 align=left,right,center\n  head |Item|Qty|Note|\n  row |nails|40|{em:zinc}|\n"},
		{"inline markup and links in cells",
			"| Endpoint | Doc |\n|---|---|\n| `/v1/search` | [guide](https://example.org/g) |\n",
			"  row |{code:/v1/search}|{link https://example.org/g:guide}|\n"},
		{"short rows padded",
			"| a | b | c |\n|---|---|---|\n| 1 |\n",
			"  row |1|||\n"},
		{"header only",
			"| a | b |\n|---|---|\n",
			"table cols=2\n  head |a|b|\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, res := readBody(t, tc.src, FormatMarkdown)
			if !strings.Contains(got, tc.want) {
				t.Errorf("dump:\n%s\nwant within:\n%s", got, tc.want)
			}
			for _, r := range res.Repairs {
				if r.Kind == "table" {
					t.Errorf("table reported as a repair: %s", r.Detail)
				}
			}
		})
	}
}

func TestHTMLTables(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // expected in the dump
	}{
		{"thead and caption",
			`<table><caption>Opening hours</caption><thead><tr><th>Day</th><th>Hours</th></tr></thead>
			<tbody><tr><td>Monday</td><td>9–5</td></tr><tr><td>Tuesday</td><td>closed</td></tr></tbody></table>`,
			"table cols=2: Opening hours\n  head |Day|Hours|\n  row |Monday|9–5|\n  row |Tuesday|closed|\n"},
		{"first row of th is the header",
			`<table><tr><th>Name</th><th>Count</th></tr><tr><td>gulls</td><td align="right">12</td></tr><tr><td>terns</td><td align="right">3</td></tr></table>`,
			"table cols=2 align=default,right\n  head |Name|Count|\n  row |gulls|12|\n  row |terns|3|\n"},
		{"colspan keeps the grid",
			`<table><tr><th>Route</th><th colspan="2">Times</th></tr><tr><td>North</td><td>8:00</td><td>9:00</td></tr></table>`,
			"  head |Route|Times||\n  row |North|8:00|9:00|\n"},
		{"rowspan keeps every cell",
			`<table><tr><th>Town</th><th>Stop</th></tr><tr><td rowspan="2">Ayr</td><td>Harbour</td></tr><tr><td>Station</td></tr><tr><td>Troon</td><td>Pier</td></tr></table>`,
			"  row |Ayr|Harbour|\n  row ||Station|\n  row |Troon|Pier|\n"},
		{"footer rows after the body",
			`<table><thead><tr><th>a</th><th>b</th></tr></thead><tfoot><tr><td>total</td><td>3</td></tr></tfoot><tbody><tr><td>x</td><td>1</td></tr><tr><td>y</td><td>2</td></tr></tbody></table>`,
			"  row |x|1|\n  row |y|2|\n  row |total|3|\n"},
		{"layout table gives its cells' blocks",
			`<table><tr><td><h2>News</h2><p>The pier reopens in May.</p></td><td><p>Sidebar words.</p></td></tr></table>`,
			"heading 1: News\nparagraph: The pier reopens in May.\nparagraph: Sidebar words.\n"},
		{"presentation table is layout",
			`<table role="presentation"><tr><td>Left words</td><td>Right words</td></tr><tr><td>More</td><td>Still more</td></tr></table>`,
			"paragraph: Left words\nparagraph: Right words\nparagraph: More\nparagraph: Still more\n"},
		{"nested table marks the outer one as layout",
			`<table><tr><td>Menu</td><td><table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table></td></tr></table>`,
			"paragraph: Menu\ntable cols=2\n  head |k|v|\n  row |1|2|\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, res := readBody(t, "<html><body><article><p>Intro words here.</p>"+tc.src+"<p>After.</p></article></body></html>", FormatHTML)
			if !strings.Contains(got, tc.want) {
				t.Errorf("dump:\n%s\nwant within:\n%s", got, tc.want)
			}
			for _, r := range res.Repairs {
				if r.Kind == "table" {
					t.Errorf("table reported as a repair: %s", r.Detail)
				}
			}
		})
	}
}
