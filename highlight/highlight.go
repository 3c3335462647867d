// Package highlight splits program code into tokens of a handful of
// classes (keyword, function name, string, number, comment) with chroma's
// lexers, and gives each class the one style that both the EPUB's
// stylesheet and the PDF set it in.
//
// The styles are weight, italics and greys no lighter than 40% black, so
// that highlighted code still reads when printed in black and white.
package highlight

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Class is the kind of a code token, as far as its style goes.
type Class uint8

// The classes. Plain is everything set like unhighlighted code:
// punctuation, operators, plain names, spaces.
const (
	Plain Class = iota
	Keyword
	Function
	String
	Number
	Comment
	// NumClasses counts the classes above (it is not one).
	NumClasses
)

// Classes lists the classes that are set apart, in a fixed order.
var Classes = []Class{Keyword, Function, String, Number, Comment}

// Style is how a class is set.
type Style struct {
	// Bold and Italic choose the face; a class is never both, since the
	// code face comes in bold and in oblique only.
	Bold, Italic bool
	// Grey is how much lighter than black the text is, in percent: 0 is
	// black, and at most 45, so the text stays at least 55% black, which
	// survives printing in black and white, and keeps a contrast of 4.5:1
	// on white, which a reader with low vision needs (WCAG AA).
	Grey int
}

// styles is the one definition of each class's look. Keywords carry the
// program's shape, so they are the strongest; comments are prose beside
// the code, so they recede the most.
var styles = [NumClasses]Style{
	Keyword:  {Bold: true},
	Function: {Bold: true, Grey: 35},
	String:   {Grey: 40},
	Number:   {Grey: 25},
	Comment:  {Italic: true, Grey: 45},
}

var names = [NumClasses]string{
	Plain:    "",
	Keyword:  "hl-keyword",
	Function: "hl-function",
	String:   "hl-string",
	Number:   "hl-number",
	Comment:  "hl-comment",
}

// Style returns the class's style; the zero Style for Plain.
func (c Class) Style() Style {
	if c >= NumClasses {
		return Style{}
	}
	return styles[c]
}

// Name returns the class's name in the EPUB's markup and stylesheet
// ("hl-keyword"); "" for Plain.
func (c Class) Name() string {
	if c >= NumClasses {
		return ""
	}
	return names[c]
}

// Span is a piece of code text in one class.
type Span struct {
	Text  string
	Class Class
}

// MaxBytes is the longest code block highlighted. chroma's lexers are
// regular expressions with backtracking; a longer block (a data dump
// rather than a program someone reads) is set plain, which keeps the
// cost of one block bounded.
const MaxBytes = 64 << 10

// Code splits text into spans for the language named lang (a name, an
// alias or a file extension chroma knows, such as "go", "python", "js").
// The spans' texts joined are exactly text. ok is false, and spans nil,
// when lang is unknown, text is longer than MaxBytes or not UTF-8, or no token is
// set apart: the caller then sets the code as it would without a
// language.
func Code(lang, text string) (spans []Span, ok bool) {
	if lang == "" || text == "" || len(text) > MaxBytes || !utf8.ValidString(text) {
		return nil, false
	}
	lx := lexer(lang)
	if lx == nil {
		return nil, false
	}
	// A lexer is third-party code run on the user's text: should one
	// fail on it, the block is set plain rather than the run lost.
	defer func() {
		if recover() != nil {
			spans, ok = nil, false
		}
	}()
	it, err := lx.Tokenise(&chroma.TokeniseOptions{State: "root"}, text)
	if err != nil {
		return nil, false
	}
	var (
		joined strings.Builder
		marked bool
	)
	for t := it(); t != chroma.EOF; t = it() {
		if t.Value == "" {
			continue
		}
		joined.WriteString(t.Value)
		c := classOf(t.Type)
		if strings.TrimSpace(t.Value) == "" {
			c = Plain // a space or a line end looks the same in any style
		}
		marked = marked || c != Plain
		if n := len(spans); n > 0 && spans[n-1].Class == c {
			spans[n-1].Text += t.Value
			continue
		}
		spans = append(spans, Span{Text: t.Value, Class: c})
	}
	// A lexer may add a final newline; anything else that changed the
	// text means the spans cannot be trusted to carry every character.
	got := joined.String()
	if got != text {
		if got != text+"\n" {
			return nil, false
		}
		last := &spans[len(spans)-1]
		last.Text = last.Text[:len(last.Text)-1]
		if last.Text == "" {
			spans = spans[:len(spans)-1]
		}
	}
	if !marked {
		return nil, false
	}
	return spans, true
}

// lexer finds chroma's lexer for a language hint, or nil: by the
// lexer's name or an alias ("golang"), in any case, else by a file
// extension it claims ("rs"). A hint chroma reads as plain text
// highlights nothing.
func lexer(lang string) chroma.Lexer {
	idx := index()
	lower := strings.ToLower(lang)
	for _, m := range []map[string]chroma.Lexer{idx.names, idx.exts} {
		if lx := m[lang]; lx != nil {
			return lx
		}
		if lx := m[lower]; lx != nil {
			return lx
		}
	}
	return nil
}

// lexerIndex maps names, aliases and file extensions to lexers.
type lexerIndex struct {
	names, exts map[string]chroma.Lexer
}

// index is built once, on the first code block with a language. chroma's
// own Get would try every lexer's file patterns for each hint it does not
// know as a name, a few milliseconds each time.
var index = sync.OnceValue(func() lexerIndex {
	idx := lexerIndex{names: map[string]chroma.Lexer{}, exts: map[string]chroma.Lexer{}}
	for _, lx := range lexers.GlobalLexerRegistry.Lexers {
		cfg := lx.Config()
		if cfg == nil || cfg.Name == "plaintext" {
			continue
		}
		for _, n := range append([]string{cfg.Name}, cfg.Aliases...) {
			if _, taken := idx.names[n]; !taken {
				idx.names[n] = lx
			}
		}
		for _, g := range cfg.Filenames {
			ext, ok := strings.CutPrefix(g, "*.")
			if !ok || strings.ContainsAny(ext, "*?[]\\") {
				continue
			}
			// Of two lexers claiming an extension, the one chroma
			// prefers.
			if old := idx.exts[ext]; old == nil || cfg.Priority > old.Config().Priority {
				idx.exts[ext] = lx
			}
		}
	}
	return idx
})

// classOf maps a chroma token type to a class. chroma's types form a
// hierarchy (Keyword.Type under Keyword, String.Doc under String); a
// type takes its category's class unless listed otherwise.
func classOf(t chroma.TokenType) Class {
	switch t {
	case chroma.NameFunction, chroma.NameFunctionMagic, chroma.NameClass:
		return Function
	case chroma.OperatorWord:
		return Keyword
	case chroma.LiteralStringEscape, chroma.LiteralStringInterpol:
		// An escape or an interpolation is still inside the string.
		return String
	case chroma.CommentPreproc:
		// A directive (#include, //go:build) is code for the compiler,
		// not prose for the reader.
		return Keyword
	case chroma.CommentPreprocFile:
		return String // the file an #include names
	}
	switch t.Category() {
	case chroma.Keyword:
		if t == chroma.KeywordType || t == chroma.KeywordPseudo {
			return Plain
		}
		return Keyword
	case chroma.Comment:
		return Comment
	}
	switch t.SubCategory() {
	case chroma.LiteralString:
		return String
	case chroma.LiteralNumber:
		return Number
	}
	return Plain
}
