// Package highlight splits program code into tokens of a handful of
// classes (keyword, function name, string, number, comment) with chroma's
// lexers, and gives each class the one style that both the EPUB's
// stylesheet and the PDF set it in.
//
// The styles are weight, italics and greys no lighter than 40% black, so
// that highlighted code still reads when printed in black and white.
package highlight

import (
	"archive/zip"
	_ "embed"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
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
// regular expressions with backtracking that lex about half a megabyte
// a second; a longer block (a data dump rather than a program someone
// reads) is set plain, which bounds the cost of one block to some 60 ms.
const MaxBytes = 32 << 10

// MaxLine is the longest line of a block highlighted. Some lexers'
// expressions backtrack over a run of like characters in time that grows
// with the cube of its length (a line of 1,600 digits took six seconds
// in one); a block with a longer line (minified code, a data table) is
// set plain. The rule depends on the text alone, so the same input is
// set the same way on any machine, as a time limit could not promise.
const MaxLine = 200

// Code splits text into spans for the language named lang (a name, an
// alias or a file extension chroma knows, such as "go", "python", "js").
// The spans' texts joined are exactly text. ok is false, and spans nil,
// when lang is unknown, text is longer than MaxBytes, has a line longer
// than MaxLine or is not UTF-8, or no
// token is set apart: the caller then sets the code as it would without
// a language.
//
// A block asked for again (the EPUB and the PDF of one run) is lexed
// once: the spans are shared, and must not be modified.
func Code(lang, text string) (spans []Span, ok bool) {
	if lang == "" || text == "" || len(text) > MaxBytes || longestLine(text) > MaxLine || !utf8.ValidString(text) {
		return nil, false
	}
	// The key keeps the two apart: joined with a separator, a language
	// name holding the separator would fetch another block's spans.
	key := memoKey{lang, text}
	memo.Lock()
	e := memo.m[key]
	if e == nil && memo.bytes+len(lang)+len(text) <= memoBytes {
		if memo.m == nil {
			memo.m = map[memoKey]*memoEntry{}
		}
		e = &memoEntry{}
		memo.m[key] = e
		memo.bytes += len(lang) + len(text)
	}
	memo.Unlock()
	if e == nil {
		return code(lang, text)
	}
	e.once.Do(func() { e.spans, e.ok = code(lang, text) })
	return e.spans, e.ok
}

// longestLine returns the length in bytes of text's longest line.
func longestLine(text string) int {
	longest := 0
	for line := range strings.Lines(text) {
		longest = max(longest, len(strings.TrimRight(line, "\r\n")))
	}
	return longest
}

// memo keeps what Code answered, for at most memoBytes of code; a block
// after that is lexed each time it is asked for.
var memo struct {
	sync.Mutex
	m     map[memoKey]*memoEntry
	bytes int
}

type memoKey struct{ lang, text string }

const memoBytes = 8 << 20

type memoEntry struct {
	once  sync.Once
	spans []Span
	ok    bool
}

// code is Code without the memo.
func code(lang, text string) (spans []Span, ok bool) {
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
	// Spans are cut from text itself, so each token is checked to be the
	// text at its place: a lexer that changed a character would lose it.
	pos, marked := 0, false
	for t := it(); t != chroma.EOF; t = it() {
		if t.Value == "" {
			continue
		}
		if !strings.HasPrefix(text[pos:], t.Value) {
			// A lexer may add a final newline, as a token or at the end
			// of the last one.
			if t.Value != text[pos:]+"\n" {
				return nil, false
			}
			if t.Value = text[pos:]; t.Value == "" {
				continue
			}
		}
		c := classOf(t.Type)
		if strings.TrimSpace(t.Value) == "" {
			c = Plain // a space or a line end looks the same in any style
		}
		end := pos + len(t.Value)
		if n := len(spans); n > 0 && spans[n-1].Class == c {
			spans[n-1].Text = text[pos-len(spans[n-1].Text) : end]
		} else {
			spans = append(spans, Span{Text: text[pos:end], Class: c})
		}
		marked = marked || c != Plain
		pos = end
	}
	if pos != len(text) || !marked {
		return nil, false
	}
	return spans, true
}

// lexer finds chroma's lexer for a language hint, or nil: by the
// lexer's name or an alias ("golang"), in any case, else by a file
// extension it claims ("rs"). A hint chroma reads as plain text
// highlights nothing.
func lexer(lang string) chroma.Lexer {
	lib := library()
	if lib == nil {
		return nil
	}
	lower := strings.ToLower(lang)
	for _, m := range []map[string]string{lib.names, lib.exts} {
		if f, ok := m[lang]; ok {
			return lib.lexer(f)
		}
		if f, ok := m[lower]; ok {
			return lib.lexer(f)
		}
	}
	return nil
}

// lexers.zip holds chroma's lexer definitions, written by genlexers.go
// from the chroma module this one requires. chroma's lexers package is
// not imported: its initialiser parses every definition whenever the
// program starts (several milliseconds, more than the rest of the start),
// where these are read one by one, when code in their language appears.
//
//go:generate go run genlexers.go
//go:embed lexers.zip
var lexersZip string

// lexerLibrary is lexers.zip opened, with its index.
type lexerLibrary struct {
	zip *zip.Reader
	// names maps lexer names and aliases, as written and in lower case,
	// exts file extensions, to definition files; using maps a file to
	// the files of the lexers it hands text to.
	names, exts map[string]string
	using       map[string][]string

	mu     sync.Mutex
	loaded map[string]chroma.Lexer // by file; nil for one that failed
}

// library opens lexers.zip on first use; nil if it cannot (a broken
// build), which leaves all code plain.
var library = sync.OnceValue(func() *lexerLibrary {
	zr, err := zip.NewReader(strings.NewReader(lexersZip), int64(len(lexersZip)))
	if err != nil {
		return nil
	}
	index, err := fs.ReadFile(zr, "index.tsv")
	if err != nil {
		return nil
	}
	lib := &lexerLibrary{zip: zr, names: map[string]string{}, exts: map[string]string{},
		using: map[string][]string{}, loaded: map[string]chroma.Lexer{}}
	for line := range strings.Lines(string(index)) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 3 {
			continue
		}
		switch f[0] {
		case "name":
			for _, n := range []string{f[1], strings.ToLower(f[1])} {
				if _, taken := lib.names[n]; !taken {
					lib.names[n] = f[2]
				}
			}
		case "ext":
			lib.exts[f[1]] = f[2]
		case "using":
			lib.using[f[1]] = strings.Fields(f[2])
		}
	}
	return lib
})

// lexer returns the lexer defined in file, read on first use. Each lexer
// gets a registry of its own holding it and the lexers it hands text to
// (JavaScript inside HTML), complete before the lexer is returned: a
// registry is never written while a lexer reads it.
func (lib *lexerLibrary) lexer(file string) chroma.Lexer {
	lib.mu.Lock()
	defer lib.mu.Unlock()
	if lx, ok := lib.loaded[file]; ok {
		return lx
	}
	reg := chroma.NewLexerRegistry()
	var root chroma.Lexer
	seen := map[string]bool{}
	var add func(f string) bool
	add = func(f string) bool {
		if seen[f] {
			return true
		}
		seen[f] = true
		lx, err := chroma.NewXMLLexer(lib.zip, f)
		if err != nil {
			return false
		}
		reg.Register(lx)
		if root == nil {
			root = lx
		}
		for _, dep := range lib.using[f] {
			// A helper that does not load is missing from the registry:
			// chroma then panics on the text it would lex, and Code sets
			// the block plain.
			add(dep)
		}
		return true
	}
	if !add(file) {
		root = nil
	}
	lib.loaded[file] = root
	return root
}

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
