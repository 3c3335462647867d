package export

import (
	"bytes"
	"io"
)

// xmlBuf accumulates XML text. Its text and attr methods escape with the
// five predefined XML entities only: every other character, no-break
// spaces and curly quotes included, is written as itself, because a named
// HTML entity such as &nbsp; is undefined in XHTML and makes an EPUB
// invalid.
//
// With a sink it is a write buffer instead: text and attr pass what it
// holds on to the sink whenever it fills up (xmlChunk bytes), and the
// writer calls spill at its own boundaries (a block, an inline) and flush
// at the end, so that a long document, or one long paragraph, is never
// whole in memory.
type xmlBuf struct {
	bytes.Buffer
	sink io.Writer
	err  error // the sink's first error; later writes are dropped
}

// xmlChunk is how much an xmlBuf with a sink holds before passing it on.
const xmlChunk = 64 << 10

// spill passes the buffer on to the sink once it holds xmlChunk bytes.
func (b *xmlBuf) spill() {
	if b.sink != nil && b.Len() >= xmlChunk {
		b.flush()
	}
}

// flush passes the buffer on to the sink and returns the sink's first
// error.
func (b *xmlBuf) flush() error {
	if b.err == nil && b.Len() > 0 {
		_, b.err = b.sink.Write(b.Bytes())
	}
	b.Reset()
	return b.err
}

// plain writes s as it is; with a sink, a long s goes on in pieces.
func (b *xmlBuf) plain(s string) {
	for b.sink != nil && b.Len()+len(s) > xmlChunk {
		n := max(xmlChunk-b.Len(), 0)
		b.WriteString(s[:n])
		s = s[n:]
		b.flush()
	}
	b.WriteString(s)
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
		b.plain(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.plain(s[last:])
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
		b.plain(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.plain(s[last:])
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
