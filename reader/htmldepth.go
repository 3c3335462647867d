package reader

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// x/net/html refuses a page nested more than 512 elements deep: its
// parser panics when the stack of open elements grows past that, and
// returns the panic as Parse's error (its only error on input already in
// memory). Such a page is generated or hostile, but its text is still
// the article, so the elements beyond htmlFlattenDepth are left out and
// their text kept, and the page is parsed again. Where the parser nests
// deeper than the tags say (formatting elements it reopens, tables it
// repairs), shallower limits follow, down to no elements at all.
var htmlFlattenDepths = []int{256, 64, 0}

// htmlParseDeep parses a page with parse, flattening it when the parser
// refuses its nesting, with a warning.
func htmlParseDeep[T any](src string, tr *trail, line int, parse func(io.Reader) (T, error)) (T, error) {
	doc, err := parse(strings.NewReader(src))
	if err == nil {
		return doc, nil
	}
	for _, depth := range htmlFlattenDepths {
		flat, n := htmlFlatten(src, depth)
		if n == 0 {
			continue
		}
		if doc, err2 := parse(strings.NewReader(flat)); err2 == nil {
			if depth > 0 {
				tr.warn(line, "HTML nested too deeply to read (the parser stops at 512 elements): %d element(s) deeper than %d were flattened; their text is kept", n, depth)
			} else {
				tr.warn(line, "HTML nested too deeply to read (the parser stops at 512 elements): read as text without its markup")
			}
			return doc, nil
		}
	}
	return doc, err
}

// htmlFlatten returns src without the tags of elements nested deeper
// than depth (counting the tags as written), and how many elements were
// left out. Text is kept, except inside left-out scripts and styles; a
// left-out block element leaves a line break so that words stay apart.
func htmlFlatten(src string, depth int) (string, int) {
	z := html.NewTokenizer(strings.NewReader(src))
	type open struct {
		name    string
		dropped bool
	}
	var stack []open
	var b strings.Builder
	b.Grow(len(src))
	dropped, skipText := 0, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			void := tt == html.SelfClosingTagToken || htmlVoid[a]
			if len(stack) < depth {
				b.Write(raw)
				if !void {
					stack = append(stack, open{name: string(name)})
				}
				continue
			}
			dropped++
			if !htmlInline[a] {
				b.WriteByte('\n')
			}
			if !void {
				stack = append(stack, open{name: string(name), dropped: true})
				skipText = htmlHidden[a]
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(stack) - 1
			for i >= 0 && stack[i].name != string(name) {
				i--
			}
			if i < 0 {
				if len(stack) < depth {
					b.Write(raw)
				}
				continue
			}
			wasDropped := stack[i].dropped
			stack = stack[:i]
			skipText = false
			if !wasDropped {
				b.Write(raw)
			} else if !htmlInline[atom.Lookup(name)] {
				b.WriteByte('\n')
			}
		case html.TextToken:
			if !skipText {
				b.Write(raw)
			}
		default: // comments and doctypes
			b.Write(raw)
		}
	}
	return b.String(), dropped
}

// htmlVoid are the elements that have no end tag.
var htmlVoid = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// htmlInline are the elements inside a line of text: leaving one out
// leaves its words joined to their neighbours as they were.
var htmlInline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.Font: true, atom.I: true,
	atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true,
	atom.Span: true, atom.Strike: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.Tt: true, atom.U: true, atom.Var: true,
}

// htmlHidden are the elements whose content is not text to read: when
// one is left out, so is what it holds.
var htmlHidden = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Xmp: true,
	atom.Textarea: true, atom.Title: true, atom.Plaintext: true,
}
