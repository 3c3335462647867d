package model

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes a stable, line-oriented rendering of doc for golden tests
// and debugging. Metadata comes first, one "key: value" line each, then
// "---", then one line per block, nested blocks indented by two spaces.
// Inline markup is shown as {em:…}, {strong:…}, {code:…}, {link URL:…} and
// {br}; no-break spaces as "~". The format only changes on purpose: golden
// files depend on it.
func Dump(w io.Writer, doc *Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", doc.Title)
	if doc.Subtitle != "" {
		fmt.Fprintf(&b, "subtitle: %s\n", doc.Subtitle)
	}
	fmt.Fprintf(&b, "authors: %s\n", strings.Join(doc.Authors, " | "))
	if doc.Byline != "" {
		fmt.Fprintf(&b, "byline: %s\n", doc.Byline)
	}
	fmt.Fprintf(&b, "date: %s\n", doc.Date)
	if doc.Dateline != "" {
		fmt.Fprintf(&b, "dateline: %s\n", doc.Dateline)
	}
	fmt.Fprintf(&b, "lang: %s\n", doc.Lang)
	if doc.Source != "" {
		fmt.Fprintf(&b, "source: %s\n", doc.Source)
	}
	if doc.Description != "" {
		fmt.Fprintf(&b, "description: %s\n", doc.Description)
	}
	for _, f := range [][2]string{{"publisher", doc.Publisher}, {"rights", doc.Rights}, {"identifier", doc.Identifier}} {
		if f[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
		}
	}
	b.WriteString("---\n")
	if err := dumpBlocks(&b, doc.Blocks, ""); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func dumpBlocks(b *strings.Builder, bs []Block, indent string) error {
	for _, bl := range bs {
		if err := dumpBlock(b, bl, indent); err != nil {
			return err
		}
	}
	return nil
}

func dumpBlock(b *strings.Builder, bl Block, indent string) error {
	switch n := bl.(type) {
	case *Heading:
		fmt.Fprintf(b, "%sheading %d: %s\n", indent, n.Level, dumpInlines(n.Content))
	case *Paragraph:
		fmt.Fprintf(b, "%sparagraph: %s\n", indent, dumpInlines(n.Content))
	case *Quote:
		fmt.Fprintf(b, "%squote:\n", indent)
		return dumpBlocks(b, n.Blocks, indent+"  ")
	case *List:
		if n.Ordered {
			if n.Numbering != "" {
				fmt.Fprintf(b, "%slist ordered start=%d numbering=%s:\n", indent, n.Start, n.Numbering)
			} else {
				fmt.Fprintf(b, "%slist ordered start=%d:\n", indent, n.Start)
			}
		} else {
			fmt.Fprintf(b, "%slist:\n", indent)
		}
		for _, it := range n.Items {
			fmt.Fprintf(b, "%s  item:\n", indent)
			if err := dumpBlocks(b, it.Blocks, indent+"    "); err != nil {
				return err
			}
		}
	case *Code:
		head := "code"
		if n.Layout {
			head = "code layout"
		}
		if n.Lang != "" {
			head += " lang=" + n.Lang
		}
		fmt.Fprintf(b, "%s%s:\n", indent, head)
		for _, l := range strings.Split(n.Text, "\n") {
			fmt.Fprintf(b, "%s  | %s\n", indent, l)
		}
	case *Break:
		fmt.Fprintf(b, "%sbreak\n", indent)
	case *Figure:
		fmt.Fprintf(b, "%sfigure src=%s alt=%s type=%s bytes=%d size=%dx%d: %s\n", indent,
			strconv.Quote(n.Src), strconv.Quote(n.Alt), n.MediaType, len(n.Data), n.Width, n.Height,
			dumpInlines(n.Caption))
	case *Table:
		dumpTable(b, n, indent)
	default:
		return fmt.Errorf("dump: unknown block %T", bl)
	}
	return nil
}

func dumpInlines(in []Inline) string {
	var b strings.Builder
	for _, n := range in {
		switch n := n.(type) {
		case *Text:
			b.WriteString(strings.ReplaceAll(n.Text, "\u00a0", "~"))
		case *CodeSpan:
			b.WriteString("{code:" + n.Text + "}")
		case *Emph:
			b.WriteString("{em:" + dumpInlines(n.Content) + "}")
		case *Strong:
			b.WriteString("{strong:" + dumpInlines(n.Content) + "}")
		case *Link:
			b.WriteString("{link " + n.Target + ":" + dumpInlines(n.Content) + "}")
		case *LineBreak:
			b.WriteString("{br}")
		default:
			fmt.Fprintf(&b, "{unknown %T}", n)
		}
	}
	return b.String()
}
