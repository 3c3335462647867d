package export

import (
	"bytes"
)

// xmlBuf accumulates XML text. Its text and attr methods escape with the
// five predefined XML entities only: every other character, no-break
// spaces and curly quotes included, is written as itself, because a named
// HTML entity such as &nbsp; is undefined in XHTML and makes an EPUB
// invalid.
type xmlBuf struct {
	bytes.Buffer
}

// text writes s as character data.
func (b *xmlBuf) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// attr writes s as the value of a double-quoted attribute.
func (b *xmlBuf) attr(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\n':
			esc = "&#10;"
		case '\t':
			esc = "&#9;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// elem writes <name attrs>text</name> followed by a newline; attrs are
// name, value pairs, and pairs with an empty value are left out.
func (b *xmlBuf) elem(name, text string, attrs ...string) {
	b.open(name, attrs...)
	b.text(text)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteString(">\n")
}

// open writes a start tag; attrs are name, value pairs, and pairs with an
// empty value are left out.
func (b *xmlBuf) open(name string, attrs ...string) {
	b.WriteByte('<')
	b.WriteString(name)
	b.attrs(attrs)
	b.WriteByte('>')
}

func (b *xmlBuf) attrs(attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(attrs[i])
		b.WriteString(`="`)
		b.attr(attrs[i+1])
		b.WriteByte('"')
	}
}

// close writes an end tag.
func (b *xmlBuf) close(name string) {
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}
