package model

import (
	"os"
	"strings"
	"testing"
)

func dumpString(t *testing.T, doc *Document) string {
	t.Helper()
	var b strings.Builder
	if err := Dump(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func para(in ...Inline) *Paragraph { return &Paragraph{Content: in} }
func txt(s string) *Text           { return &Text{Text: s} }

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   []Block
		want string // body part of the dump
	}{
		{"collapse whitespace", []Block{para(txt("  a \t b\n c  "))}, "paragraph: a b c\n"},
		{"space across spans", []Block{para(txt("a "), &Emph{Content: []Inline{txt(" b ")}}, txt(" c"))},
			"paragraph: a {em:b }c\n"},
		{"merge adjacent text", []Block{para(txt("a"), txt("b"), &Emph{}, txt("c"))}, "paragraph: abc\n"},
		{"merge adjacent emphasis", []Block{para(&Emph{Content: []Inline{txt("a")}}, &Emph{Content: []Inline{txt("b")}})},
			"paragraph: {em:ab}\n"},
		{"adjacent links to one target are one link", []Block{para(&Link{Target: "https://example.org/m", Content: []Inline{txt("D")}}, &Link{Target: "https://example.org/m", Content: []Inline{txt("ata")}}, txt(" "), &Link{Target: "https://example.org/n", Content: []Inline{txt("Model")}})},
			"paragraph: {link https://example.org/m:Data} {link https://example.org/n:Model}\n"},
		{"links to one target split at a space are one link", []Block{para(&Link{Target: "https://example.org/m", Content: []Inline{txt("D")}}, &Link{Target: "https://example.org/m", Content: []Inline{txt("ata")}}, txt(" "), &Link{Target: "https://example.org/m", Content: []Inline{txt("M")}}, &Link{Target: "https://example.org/m", Content: []Inline{txt("odel")}}, txt(" and "), &Link{Target: "https://example.org/m", Content: []Inline{txt("more")}})},
			"paragraph: {link https://example.org/m:Data Model} and {link https://example.org/m:more}\n"},
		{"dead link becomes text", []Block{para(txt("see "), &Link{Target: " ", Content: []Inline{txt("this")}}, txt(" now"))},
			"paragraph: see this now\n"},
		{"empty blocks dropped", []Block{para(txt("  ")), &Heading{Level: 9, Content: []Inline{txt("H")}}, &Quote{}, &List{Items: []Item{{}}}, &Code{Text: "\n\n"}},
			"heading 6: H\n"},
		{"line breaks trimmed", []Block{para(&LineBreak{}, txt("a "), &LineBreak{}, &LineBreak{}, txt(" b"), &LineBreak{})},
			"paragraph: a{br}b\n"},
		{"code keeps spaces", []Block{&Code{Text: "\r\n  x  y \r\n\r\n"}}, "code:\n  |   x  y\n"},
		{"no-break space kept", []Block{para(txt("Mr.\u00a0Smith"))}, "paragraph: Mr.~Smith\n"},
		{"ordered list start", []Block{&List{Ordered: true, Items: []Item{{Blocks: []Block{para(txt("x"))}}}}},
			"list ordered start=1:\n  item:\n    paragraph: x\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &Document{Title: " T ", Authors: []string{"A", " A ", ""}, Byline: " written  by\tA ", Blocks: tc.in}
			Normalize(doc)
			got := dumpString(t, doc)
			if !strings.Contains(got, "\nbyline: written by A\n") {
				t.Errorf("byline not collapsed in:\n%s", got)
			}
			body := got[strings.Index(got, "---\n")+4:]
			if body != tc.want {
				t.Errorf("body:\n%s\nwant:\n%s", body, tc.want)
			}
			if doc.Title != "T" || len(doc.Authors) != 1 {
				t.Errorf("metadata: %q %q", doc.Title, doc.Authors)
			}
			if err := Validate(doc); err != nil {
				t.Errorf("Validate after Normalize: %v", err)
			}
			Normalize(doc)
			if again := dumpString(t, doc); again != got {
				t.Errorf("Normalize not idempotent:\n%s\nthen\n%s", got, again)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		doc  *Document
		want string // substring of the error; "" means valid
	}{
		{"valid", &Document{Title: "T", Lang: "pt-br", Date: Date{2020, 2, 29}, Blocks: []Block{para(txt("x"))}}, ""},
		{"bad date", &Document{Date: Date{2019, 2, 29}}, "day out of range"},
		{"bad lang", &Document{Lang: "EN"}, "BCP 47"},
		{"heading level", &Document{Blocks: []Block{&Heading{Level: 0, Content: []Inline{txt("x")}}}}, "level 0"},
		{"control char", &Document{Blocks: []Block{para(txt("a\x01b"))}}, "control character U+0001"},
		{"invalid utf8", &Document{Title: "a\xffb"}, "invalid UTF-8"},
		{"newline in text", &Document{Blocks: []Block{para(txt("a\nb"))}}, "outside code"},
		{"link target", &Document{Blocks: []Block{para(&Link{Content: []Inline{txt("x")}})}}, "without a target"},
		{"nil block", &Document{Blocks: []Block{nil}}, "blocks[0]: nil block"},
		{"tab in code ok", &Document{Blocks: []Block{&Code{Text: "a\tb\nc"}}}, ""},
		{"control char in byline", &Document{Byline: "by\x02 X"}, "byline: control character"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(tc.doc)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2019-11-20", Date{2019, 11, 20}, true},
		{"1886", Date{Year: 1886}, true},
		{"2019-13-01", Date{}, false},
		{"19-11-20", Date{}, false},
		{"2019/11/20", Date{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("ParseDate(%q) = %v, %v", tc.in, got, err)
			}
			if tc.ok && got.String() != tc.in {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

func TestWalkUnknownKind(t *testing.T) {
	type alien struct{ Break }
	n := 0
	err := Walk([]Block{&Quote{Blocks: []Block{para(txt("a"), &Emph{Content: []Inline{txt("b")}})}}, &alien{}}, func(Node) error {
		n++
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "unknown node") {
		t.Fatalf("Walk error = %v", err)
	}
	if n != 6 { // quote, paragraph, text, emph, text, alien
		t.Errorf("visited %d nodes, want 6", n)
	}
}

func ExampleDump() {
	doc := &Document{
		Title:   "On Bread",
		Authors: []string{"Ana Ruiz"},
		Date:    Date{Year: 2021, Month: 3, Day: 4},
		Lang:    "en",
		Blocks: []Block{
			&Heading{Level: 1, Content: []Inline{&Text{Text: "Flour"}}},
			&Paragraph{Content: []Inline{&Text{Text: "Use "}, &Emph{Content: []Inline{&Text{Text: "strong"}}},
				&Text{Text: " flour; see "}, &Link{Target: "https://example.org", Content: []Inline{&Text{Text: "this"}}}}},
			&List{Items: []Item{{Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "water"}}}}}}},
		},
	}
	Normalize(doc)
	_ = Dump(os.Stdout, doc)
	// Output:
	// title: On Bread
	// authors: Ana Ruiz
	// date: 2021-03-04
	// lang: en
	// ---
	// heading 1: Flour
	// paragraph: Use {em:strong} flour; see {link https://example.org:this}
	// list:
	//   item:
	//     paragraph: water
}
