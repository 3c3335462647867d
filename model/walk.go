package model

import (
	"errors"
	"fmt"
	"strings"
)

// SkipChildren, returned by a Walk visitor, skips the children of the node
// just visited.
var SkipChildren = errors.New("skip children")

// Walk calls visit for every node under blocks in document order, a parent
// before its children (block children, list items' blocks, then inline
// content, figure captions). It stops at the first error visit returns,
// except SkipChildren, and reports an error for a node kind it does not know.
func Walk(blocks []Block, visit func(Node) error) error {
	for _, b := range blocks {
		if err := walkNode(b, visit); err != nil {
			return err
		}
	}
	return nil
}

func walkNode(n Node, visit func(Node) error) error {
	if n == nil {
		return errors.New("walk: nil node")
	}
	err := visit(n)
	if err == SkipChildren {
		return nil
	}
	if err != nil {
		return err
	}
	switch n := n.(type) {
	case *Heading:
		return walkInlines(n.Content, visit)
	case *Paragraph:
		return walkInlines(n.Content, visit)
	case *Quote:
		return Walk(n.Blocks, visit)
	case *List:
		for _, it := range n.Items {
			if err := Walk(it.Blocks, visit); err != nil {
				return err
			}
		}
		return nil
	case *Figure:
		return walkInlines(n.Caption, visit)
	case *Table:
		return walkTable(n, visit)
	case *Emph:
		return walkInlines(n.Content, visit)
	case *Strong:
		return walkInlines(n.Content, visit)
	case *Link:
		return walkInlines(n.Content, visit)
	case *Code, *Break, *Text, *CodeSpan, *LineBreak:
		return nil
	default:
		return fmt.Errorf("walk: unknown node %T", n)
	}
}

func walkInlines(in []Inline, visit func(Node) error) error {
	for _, n := range in {
		if err := walkNode(n, visit); err != nil {
			return err
		}
	}
	return nil
}

// Plain returns the text of inlines without markup: a line break becomes
// "\n", everything else its characters.
func Plain(in []Inline) string {
	var b strings.Builder
	plainTo(&b, in)
	return b.String()
}

func plainTo(b *strings.Builder, in []Inline) {
	for _, n := range in {
		switch n := n.(type) {
		case *Text:
			b.WriteString(n.Text)
		case *CodeSpan:
			b.WriteString(n.Text)
		case *Emph:
			plainTo(b, n.Content)
		case *Strong:
			plainTo(b, n.Content)
		case *Link:
			plainTo(b, n.Content)
		case *LineBreak:
			b.WriteByte('\n')
		}
	}
}

// BlockText returns the plain text of a block: inline text for headings and
// paragraphs, the lines of code, the caption of a figure (or its alt text),
// a table's caption and rows (a line each, cells separated by tabs),
// and the texts of nested blocks joined by "\n\n" for quotes and lists.
func BlockText(b Block) string {
	switch b := b.(type) {
	case *Heading:
		return Plain(b.Content)
	case *Paragraph:
		return Plain(b.Content)
	case *Code:
		return b.Text
	case *Figure:
		if len(b.Caption) > 0 {
			return Plain(b.Caption)
		}
		return b.Alt
	case *Table:
		return tableText(b)
	case *Quote:
		return blocksText(b.Blocks)
	case *List:
		parts := make([]string, 0, len(b.Items))
		for _, it := range b.Items {
			parts = append(parts, blocksText(it.Blocks))
		}
		return strings.Join(parts, "\n\n")
	default:
		return ""
	}
}

func blocksText(bs []Block) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		parts = append(parts, BlockText(b))
	}
	return strings.Join(parts, "\n\n")
}
