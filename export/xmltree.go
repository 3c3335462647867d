package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xmlNode is one node of a parsed XML document: an element (name set),
// or any other token (text, comment, processing instruction, doctype).
// Names keep the prefixes the document was written with ("dc:title",
// "epub:type", "xmlns:dc"), because encoding/xml's Encoder renames the
// prefixes of the tokens it resolved, which would make go-epub's files
// invalid EPUB; the document is read with RawToken and written back by
// writeTo, and only the nodes an edit touches change.
type xmlNode struct {
	name  string // prefixed element name; "" for other tokens
	attrs []xml.Attr
	kids  []*xmlNode
	tok   xml.Token // the token of a non-element node
}

// parseXML reads a whole document into a tree under a root node with no
// name.
func parseXML(data []byte) (*xmlNode, error) {
	root := &xmlNode{}
	stack := []*xmlNode{root}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: rawName(t.Name), attrs: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 1 || rawName(t.Name) != top.name {
				return nil, fmt.Errorf("unexpected </%s>", rawName(t.Name))
			}
			stack = stack[:len(stack)-1]
		default:
			top.kids = append(top.kids, &xmlNode{tok: xml.CopyToken(tok)})
		}
	}
	if len(stack) != 1 {
		return nil, fmt.Errorf("<%s> is not closed", stack[len(stack)-1].name)
	}
	return root, nil
}

// rawName is a name as written: prefix:local, or local.
func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// bytes serialises the tree. An element without children is written as
// an empty-element tag.
func (n *xmlNode) bytes() []byte {
	var b xmlBuf
	for _, k := range n.kids {
		k.writeTo(&b)
	}
	return b.Bytes()
}

func (n *xmlNode) writeTo(b *xmlBuf) {
	switch t := n.tok.(type) {
	case nil:
		if len(n.kids) == 0 {
			n.writeTag(b, "/>")
			return
		}
		n.writeStart(b)
		for _, k := range n.kids {
			k.writeTo(b)
		}
		b.WriteString("</" + n.name + ">")
	case xml.CharData:
		b.text(string(t))
	case xml.Comment:
		b.WriteString("<!--" + string(t) + "-->")
	case xml.ProcInst:
		b.WriteString("<?" + t.Target)
		if len(t.Inst) > 0 {
			b.WriteString(" " + string(t.Inst))
		}
		b.WriteString("?>")
	case xml.Directive:
		b.WriteString("<!" + string(t) + ">")
	}
}

// writeStart writes the element's start tag.
func (n *xmlNode) writeStart(b *xmlBuf) { n.writeTag(b, ">") }

func (n *xmlNode) writeTag(b *xmlBuf, end string) {
	b.WriteByte('<')
	b.WriteString(n.name)
	for _, a := range n.attrs {
		b.WriteString(" " + rawName(a.Name) + `="`)
		b.attr(a.Value)
		b.WriteByte('"')
	}
	b.WriteString(end)
}

// removeLine takes child k out of n, with the white space before it.
func (n *xmlNode) removeLine(k *xmlNode) {
	for i, c := range n.kids {
		if c != k {
			continue
		}
		j := i
		if i > 0 && n.kids[i-1].space() {
			j--
		}
		n.kids = append(n.kids[:j], n.kids[i+1:]...)
		return
	}
}

// find returns the first element named name in document order, n itself
// included, or nil.
func (n *xmlNode) find(name string) *xmlNode {
	if n.tok == nil && n.name == name {
		return n
	}
	for _, k := range n.kids {
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

// elems returns the child elements named name.
func (n *xmlNode) elems(name string) []*xmlNode {
	var out []*xmlNode
	for _, k := range n.kids {
		if k.tok == nil && k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// attr returns the value of the attribute named name (prefixed as
// written), or "".
func (n *xmlNode) attr(name string) string {
	for _, a := range n.attrs {
		if rawName(a.Name) == name {
			return a.Value
		}
	}
	return ""
}

// setAttr sets an attribute, appending it when it is new; an empty value
// removes it.
func (n *xmlNode) setAttr(name, value string) {
	for i, a := range n.attrs {
		if rawName(a.Name) == name {
			if value == "" {
				n.attrs = append(n.attrs[:i], n.attrs[i+1:]...)
			} else {
				n.attrs[i].Value = value
			}
			return
		}
	}
	if value != "" {
		space, local, ok := strings.Cut(name, ":")
		if !ok {
			space, local = "", name
		}
		n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Space: space, Local: local}, Value: value})
	}
}

// setText replaces the element's content with text.
func (n *xmlNode) setText(text string) {
	n.kids = []*xmlNode{{tok: xml.CharData(text)}}
}

// add appends a new element to n at depth (in steps of two spaces of
// indentation) and returns it. attrs alternate names and values; empty
// values are left out.
func (n *xmlNode) add(depth int, name, text string, attrs ...string) *xmlNode {
	e := newElem(name, text, attrs...)
	n.put(depth, e)
	return e
}

// child appends a new element to n with no white space around it, to
// build a subtree that put lays out, and returns it.
func (n *xmlNode) child(name, text string, attrs ...string) *xmlNode {
	e := newElem(name, text, attrs...)
	n.kids = append(n.kids, e)
	return e
}

// put appends element e to n on a line of its own at depth, before the
// white space that ends n's content, if any.
func (n *xmlNode) put(depth int, e *xmlNode) {
	i := len(n.kids)
	if i > 0 && n.kids[i-1].space() {
		i--
	}
	n.insert(i, depth, e)
}

// insert puts element e before child i of n, on a line of its own at
// depth, and lays out its subtree.
func (n *xmlNode) insert(i, depth int, e *xmlNode) {
	e.layout(depth)
	kids := []*xmlNode{indent(depth), e}
	n.kids = append(n.kids[:i], append(kids, n.kids[i:]...)...)
}

// layout indents the elements of a subtree built with child, one to a
// line, except inside an element that holds text.
func (n *xmlNode) layout(depth int) {
	if len(n.kids) == 0 {
		return
	}
	for _, k := range n.kids {
		if k.tok != nil {
			return
		}
	}
	var kids []*xmlNode
	for _, k := range n.kids {
		k.layout(depth + 1)
		kids = append(kids, indent(depth+1), k)
	}
	n.kids = append(kids, indent(depth))
}

// indent is a line break followed by two spaces for each level of depth.
func indent(depth int) *xmlNode {
	return &xmlNode{tok: xml.CharData("\n" + strings.Repeat("  ", depth))}
}

// space reports whether n is white space between elements.
func (n *xmlNode) space() bool {
	t, ok := n.tok.(xml.CharData)
	return ok && len(bytes.TrimSpace(t)) == 0
}

// newElem makes an element with optional text content.
func newElem(name, text string, attrs ...string) *xmlNode {
	e := &xmlNode{name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.setAttr(attrs[i], attrs[i+1])
	}
	if text != "" {
		e.setText(text)
	}
	return e
}

// prefix returns the prefix el declares for the namespace uri, declaring
// want for it when el declares none, so that added names use the
// document's own prefixes.
func (n *xmlNode) prefix(uri, want string) string {
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" && a.Value == uri {
			return a.Name.Local
		}
	}
	n.setAttr("xmlns:"+want, uri)
	return want
}

// errNoElement reports an element go-epub was expected to write.
func errNoElement(file, name string) error {
	return errors.New(file + ": go-epub wrote no <" + name + ">")
}
