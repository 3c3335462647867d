package reader

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pamphlet/model"
)

// TestReportHoldsEachWordOnce checks the shape of `inspect --json`: a link
// is a span of its block's text, not a second copy of its words, and a
// quote or list item holds its words only in its blocks.
func TestReportHoldsEachWordOnce(t *testing.T) {
	tests := []struct {
		name, src string
		// want lists every text of the report, in order.
		want []string
		// spans lists each link's covered text and target.
		spans [][2]string
	}{
		{"link inside a paragraph",
			`<html><body><article><p>Read the <a href="https://example.org/a">whole report</a> before the meeting on the quay.</p></article></body></html>`,
			[]string{"Read the whole report before the meeting on the quay."},
			[][2]string{{"whole report", "https://example.org/a"}}},
		{"link after emphasis and accents",
			`<html><body><article><p>The <em>café’s</em> nets — <b>mended</b> at <a href="https://example.org/q">the quay</a>.</p></article></body></html>`,
			[]string{"The café’s nets — mended at the quay."},
			[][2]string{{"the quay", "https://example.org/q"}}},
		{"quote holds its paragraphs only",
			`<html><body><article><p>She wrote to the harbour master that winter.</p><blockquote><p>The boats stay in.</p><p>The nets dry.</p></blockquote></article></body></html>`,
			[]string{"She wrote to the harbour master that winter.", "The boats stay in.", "The nets dry."},
			nil},
		{"list item holds its blocks only",
			`<html><body><article><p>Three things were mended on the quay that week.</p><ul><li>The nets</li><li>The <a href="https://example.org/b">boats</a></li></ul></article></body></html>`,
			[]string{"Three things were mended on the quay that week.", "The nets", "The boats"},
			[][2]string{{"boats", "https://example.org/b"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(tc.src), Options{Format: FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			js, err := res.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var raw any
			if err := json.Unmarshal(js, &raw); err != nil {
				t.Fatal(err)
			}
			var got []string
			var spans [][2]string
			var walk func(x any)
			walk = func(x any) {
				switch x := x.(type) {
				case map[string]any:
					text, ok := x["text"].(string)
					if ok {
						got = append(got, text)
					}
					if ls, ok := x["links"].([]any); ok {
						rs := []rune(text)
						for _, l := range ls {
							l := l.(map[string]any)
							s, e := int(l["start"].(float64)), int(l["end"].(float64))
							if s < 0 || e < s || e > len(rs) {
								t.Fatalf("link span %d–%d outside %q", s, e, text)
							}
							spans = append(spans, [2]string{string(rs[s:e]), l["target"].(string)})
						}
					}
					for _, k := range []string{"blocks", "items"} {
						walk(x[k])
					}
				case []any:
					for _, v := range x {
						walk(v)
					}
				}
			}
			walk(raw.(map[string]any)["blocks"])
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("texts\n%q\nwant\n%q", got, tc.want)
			}
			if len(spans) != len(tc.spans) {
				t.Fatalf("links %q, want %q", spans, tc.spans)
			}
			for i := range spans {
				if spans[i] != tc.spans[i] {
					t.Errorf("link %d %q, want %q", i, spans[i], tc.spans[i])
				}
			}
		})
	}
}

// TestReportWrittenABlockAtATime checks that the report written a block
// at a time is the report encoded whole, byte for byte: no blocks, one,
// nested lists and quotes, and text JSON escapes.
func TestReportWrittenABlockAtATime(t *testing.T) {
	tests := []struct {
		name string
		doc  *model.Document
	}{
		{"no blocks", &model.Document{Title: "Nothing <yet> & more"}},
		{"one paragraph", &model.Document{Title: "One", Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{&model.Text{Text: "A \"quoted\" <b> line\twith a tab."}}},
		}}},
		{"nested blocks", &model.Document{Title: "Nested", Authors: []string{"Ann Lee"}, Blocks: []model.Block{
			&model.Heading{Level: 2, Content: []model.Inline{&model.Text{Text: "Part"}}},
			&model.Quote{Blocks: []model.Block{
				&model.Paragraph{Content: []model.Inline{&model.Text{Text: "Quoted "}, &model.Link{Target: "https://example.org/?a=1&b=2", Content: []model.Inline{&model.Text{Text: "link"}}}}},
			}},
			&model.List{Ordered: true, Items: []model.Item{
				{Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: "first"}}}}},
				{Blocks: []model.Block{&model.List{Items: []model.Item{
					{Blocks: []model.Block{&model.Paragraph{Content: []model.Inline{&model.Text{Text: "inner"}}}}},
				}}}},
			}},
			&model.Code{Text: "x := 1\ny := 2\n"},
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := &Result{Doc: tc.doc, Format: FormatText, Repairs: []Repair{{Line: 3, Kind: "join", Detail: "a <line> joined"}}}
			r, err := NewReport(res)
			if err != nil {
				t.Fatal(err)
			}
			whole, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got, err := res.JSON()
			if err != nil {
				t.Fatal(err)
			}
			if want := append(whole, '\n'); !bytes.Equal(got, want) {
				t.Errorf("written a block at a time:\n%s\nwhole:\n%s", got, want)
			}
		})
	}
}
