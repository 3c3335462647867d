package highlight

import (
	"strconv"
	"strings"
	"testing"
)

// marked prints spans as the test tables write them: a set-apart span as
// class{text}, plain text as it stands.
func marked(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Class == Plain {
			b.WriteString(s.Text)
			continue
		}
		b.WriteString(strings.TrimPrefix(s.Class.Name(), "hl-"))
		b.WriteString("{" + s.Text + "}")
	}
	return b.String()
}

func TestCodeSetsTokensInTheirClasses(t *testing.T) {
	tests := []struct {
		name, lang, text, want string
	}{
		{"go keywords, names and strings", "go", "func greet() {\n\treturn \"hi\"\n}",
			"keyword{func} function{greet}() {\n\tkeyword{return} string{\"hi\"}\n}"},
		{"go comment and number", "go", "x := 42 // the answer",
			"x := number{42} comment{// the answer}"},
		{"go type names stay plain", "go", "var n int",
			"keyword{var} n int"},
		{"go build directive is a keyword", "go", "//go:build linux\npackage p",
			"keyword{//go:build linux}\nkeyword{package} p"},
		{"python docstring is a string", "python", "def f():\n    \"\"\"Doc.\"\"\"\n    return 1.5",
			"keyword{def} function{f}():\n    string{\"\"\"Doc.\"\"\"}\n    keyword{return} number{1.5}"},
		{"python word operators are keywords", "py", "if a and not b: pass",
			"keyword{if} a keyword{and} keyword{not} b: keyword{pass}"},
		{"c include names a file", "c", "#include <stdio.h>\nint main(void) { return 0; }",
			"keyword{#include} string{<stdio.h>}\nint function{main}(void) { keyword{return} number{0}; }"},
		{"string escapes stay in the string", "go", `s := "a\tb"`,
			`s := string{"a\tb"}`},
		{"javascript by its short name", "js", "const x = 'y'; // z",
			"keyword{const} x = string{'y'}; comment{// z}"},
		{"a language named by its file extension", "rs", "fn main() {}",
			"keyword{fn} function{main}() {}"},
		{"the name's case does not matter", "Python", "pass",
			"keyword{pass}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans, ok := Code(tc.lang, tc.text)
			if !ok {
				t.Fatalf("Code(%q, %q) highlighted nothing", tc.lang, tc.text)
			}
			if got := marked(spans); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestCodeLeavesPlainWhatItCannotHighlight(t *testing.T) {
	tests := []struct {
		name, lang, text string
	}{
		{"no language", "", "func main() {}"},
		{"a language chroma does not know", "no-such-language", "func main() {}"},
		{"plain text by name", "text", "if this then that"},
		{"nothing to set apart", "go", "a + b"},
		{"empty", "go", ""},
		{"too long", "go", "var x = 1\n" + strings.Repeat("x = 1\n", MaxBytes/6)},
		{"not UTF-8", "go", "var s = \"\xff\""},
		{"a line too long", "go", "var x = 1\nvar s = \"" + strings.Repeat("a", MaxLine) + "\"\n"},
		{"a run of digits that makes a lexer backtrack", "pp", "{{{~~~{" + strings.Repeat("0", 1600)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if spans, ok := Code(tc.lang, tc.text); ok || spans != nil {
				t.Errorf("Code(%q, …) = %q, %v; want nothing", tc.lang, marked(spans), ok)
			}
		})
	}
}

func TestCodeKeepsEveryCharacter(t *testing.T) {
	tests := []struct {
		name, lang, text string
	}{
		{"no final newline", "go", "package p\nvar x = 1"},
		{"final newline", "go", "package p\n"},
		{"blank lines and tabs", "python", "def f():\n\n\treturn 'x'\n\n"},
		{"a lexer that adds a newline", "bash", "if true; then echo hi; fi"},
		{"an error token", "json", "{\"a\": 1, ?}"},
		{"wide characters", "go", "s := \"漢字\" // 注釈"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans, ok := Code(tc.lang, tc.text)
			if !ok {
				t.Fatalf("Code(%q, %q) highlighted nothing", tc.lang, tc.text)
			}
			var b strings.Builder
			for _, s := range spans {
				b.WriteString(s.Text)
			}
			if b.String() != tc.text {
				t.Errorf("spans join to %q, want %q", b.String(), tc.text)
			}
		})
	}
}

func TestStylesPrintInBlackAndWhite(t *testing.T) {
	for _, c := range Classes {
		t.Run(c.Name(), func(t *testing.T) {
			st := c.Style()
			if st == (Style{}) {
				t.Errorf("class %s looks like plain code", c.Name())
			}
			if st.Bold && st.Italic {
				t.Errorf("class %s is bold and italic; the code face has no bold oblique", c.Name())
			}
			if st.Grey < 0 || st.Grey > 45 {
				t.Errorf("class %s is %d%% lighter than black; at most 45 prints and reads", c.Name(), st.Grey)
			}
			if !strings.HasPrefix(c.Name(), "hl-") {
				t.Errorf("class name %q lacks the hl- prefix", c.Name())
			}
		})
	}
	if Plain.Name() != "" || Plain.Style() != (Style{}) {
		t.Errorf("Plain has name %q and style %+v; want none", Plain.Name(), Plain.Style())
	}
}

func FuzzCode(f *testing.F) {
	for _, s := range []string{"func main() {}", "def f(): pass # c", "\"unterminated", "/* open", "\t\n\n"} {
		f.Add("go", s)
		f.Add("python", s)
	}
	f.Add("c", "#include <x.h>")
	f.Fuzz(func(t *testing.T, lang, text string) {
		spans, ok := Code(lang, text)
		if !ok {
			if spans != nil {
				t.Fatalf("spans without ok: %q", spans)
			}
			return
		}
		var b strings.Builder
		for _, s := range spans {
			if s.Text == "" {
				t.Fatalf("empty span in %q", spans)
			}
			if s.Class >= NumClasses {
				t.Fatalf("unknown class %d", s.Class)
			}
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("spans join to %q, want %q", b.String(), text)
		}
	})
}

// BenchmarkCode measures highlighting Go code of two sizes, up to the
// longest block highlighted.
func BenchmarkCode(b *testing.B) {
	unit := "// add sums two numbers.\nfunc add(a, b int) int {\n\treturn a + b*0x1F // \"quoted\"\n}\n\n"
	for _, n := range []int{1 << 10, MaxBytes} {
		text := strings.Repeat(unit, n/len(unit))
		b.Run(strconv.Itoa(n>>10)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := code("go", text); !ok {
					b.Fatal("nothing highlighted")
				}
			}
		})
	}
}

func TestCodeLexesABlockOnce(t *testing.T) {
	text := "func once() int { return 1 }"
	a, okA := Code("go", text)
	b, okB := Code("go", text)
	if !okA || !okB || len(a) == 0 || &a[0] != &b[0] {
		t.Errorf("the second answer for the same block is not the first one kept")
	}
	if c, _ := Code("golang", text); len(c) > 0 && &c[0] == &a[0] {
		t.Errorf("a block in another language's name shares the first one's answer")
	}
}

// TestCodeMemoKeepsLanguageAndTextApart checks that the memo tells a
// language from the text it is asked for, wherever the two could be
// joined: a language name ending in a NUL byte got the spans of a text
// starting with one.
func TestCodeMemoKeepsLanguageAndTextApart(t *testing.T) {
	tests := []struct{ name, lang, text, lang2, text2 string }{
		{"a text starting with NUL, then a language name ending in one", "B", "\x00 ", "B\x00", " "},
		{"Go starting with NUL, then a language name ending in one", "go", "\x00x := 1", "go\x00", "x := 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			Code(tc.lang, tc.text)
			spans, ok := Code(tc.lang2, tc.text2)
			if !ok {
				return // no spans: nothing set apart, nothing mixed up
			}
			var b strings.Builder
			for _, s := range spans {
				b.WriteString(s.Text)
			}
			if b.String() != tc.text2 {
				t.Errorf("spans join to %q, want %q", b.String(), tc.text2)
			}
		})
	}
}
