package reader

import (
	"strings"

	"pamphlet/model"
)

// scrub removes from a Markdown or HTML document the characters the model
// forbids that markup can smuggle past the decoder: control characters
// written as references ("&#1;") and line breaks inside attribute values
// (an image path, a language class). Text keeps every visible character.
func scrub(doc *model.Document) {
	doc.Title = scrubText(doc.Title)
	doc.Subtitle = scrubText(doc.Subtitle)
	doc.Description = scrubText(doc.Description)
	doc.Source = scrubURL(doc.Source)
	doc.Lang = scrubText(doc.Lang)
	for i, a := range doc.Authors {
		doc.Authors[i] = scrubText(a)
	}
	_ = model.Walk(doc.Blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Text:
			n.Text = scrubText(n.Text)
		case *model.CodeSpan:
			n.Text = scrubText(n.Text)
		case *model.Link:
			n.Target = scrubURL(n.Target)
		case *model.Code:
			n.Text = strings.Map(func(r rune) rune {
				if r == '\n' || r == '\t' {
					return r
				}
				if isControl(r) {
					return -1
				}
				return r
			}, n.Text)
			n.Lang = strings.Join(strings.Fields(scrubText(n.Lang)), "-")
		case *model.Figure:
			n.Src = strings.TrimSpace(scrubText(n.Src))
			n.Alt = scrubText(n.Alt)
		}
		return nil
	})
}

// scrubText drops control characters and turns tabs and line breaks into
// spaces.
func scrubText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

// scrubURL drops whitespace and control characters from a URL, as
// browsers do.
func scrubURL(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || isControl(r) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}
