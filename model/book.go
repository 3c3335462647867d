package model

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Book is an anthology: several articles bound into one volume under a
// title of its own, each article a chapter with its own title, byline and
// date. Exporters print a title page from the book's metadata, a table of
// contents, the optional preface, then the articles in order.
type Book struct {
	// Title is the book's title; it must not be empty.
	Title string
	// Subtitle is a secondary title line ("" when none).
	Subtitle string
	// Editors lists who gathered the articles, each name once, in the
	// order given ("" names are dropped by NormalizeBook).
	Editors []string
	// Date is when the book was put together (zero when unknown).
	Date Date
	// Lang is the book's primary language as a lowercase BCP 47 tag: the
	// language of its own words (title page, contents). Each article keeps
	// its own Lang. NormalizeBook fills it from the articles when empty.
	Lang string
	// Description is a one-paragraph summary of the book ("" when none).
	Description string
	// Publisher, Rights and Identifier are as in Document, for the book.
	Publisher, Rights, Identifier string
	// Preface is an optional text printed before the first article, in
	// the front matter (nil when none). Its Title may be empty: exporters
	// then call it "Preface" in the book's language.
	Preface *Document
	// Articles are the chapters in reading order; a book has at least one.
	Articles []*Document
}

// NormalizeBook puts b into canonical form, in place: metadata trimmed as
// Normalize does for a document, empty and repeated editors dropped, every
// article (and the preface) normalised, and the headings of each article
// shifted so that its top level is 1. Articles mark their top sections at
// different levels (one Markdown file starts at "##", another at "#");
// shifted, every chapter's sections sit one level under its title and use
// the same heading scale. An empty Lang takes the language most articles
// share (the earliest on a tie). NormalizeBook is idempotent.
func NormalizeBook(b *Book) {
	b.Title = collapse(b.Title)
	b.Subtitle = collapse(b.Subtitle)
	b.Description = collapse(b.Description)
	b.Publisher = collapse(b.Publisher)
	b.Rights = collapse(b.Rights)
	b.Identifier = collapse(b.Identifier)
	b.Lang = strings.ToLower(strings.TrimSpace(b.Lang))
	b.Editors = names(b.Editors)
	for _, d := range b.Articles {
		if d != nil {
			Normalize(d)
			liftHeadings(d)
		}
	}
	if b.Preface != nil {
		Normalize(b.Preface)
		liftHeadings(b.Preface)
	}
	if b.Lang == "" {
		b.Lang = commonLang(b.Articles)
	}
}

// liftHeadings shifts doc's heading levels so that the smallest is 1.
func liftHeadings(doc *Document) {
	top := 7
	_ = Walk(doc.Blocks, func(n Node) error {
		if h, ok := n.(*Heading); ok {
			top = min(top, h.Level)
		}
		return nil
	})
	if top <= 1 || top > 6 {
		return
	}
	_ = Walk(doc.Blocks, func(n Node) error {
		if h, ok := n.(*Heading); ok {
			h.Level -= top - 1
		}
		return nil
	})
}

// commonLang returns the language most documents share, the earliest
// such language on a tie, or "" when none has one.
func commonLang(docs []*Document) string {
	count := map[string]int{}
	best := ""
	for _, d := range docs {
		if d == nil || d.Lang == "" {
			continue
		}
		count[d.Lang]++
		if best == "" || count[d.Lang] > count[best] {
			best = d.Lang
		}
	}
	return best
}

// ValidateBook reports whether b keeps the invariants exporters rely on:
// a title, at least one article, valid metadata, and every article (and
// the preface) valid as Validate defines it. The error names the first
// article at fault by its 1-based position and title.
func ValidateBook(b *Book) error {
	if b == nil {
		return errors.New("invalid book: nil")
	}
	var problems []string
	if strings.TrimSpace(b.Title) == "" {
		problems = append(problems, "no title")
	}
	meta := &Document{Title: b.Title, Subtitle: b.Subtitle, Description: b.Description, Lang: b.Lang, Date: b.Date, Authors: b.Editors,
		Publisher: b.Publisher, Rights: b.Rights, Identifier: b.Identifier}
	if err := Validate(meta); err != nil {
		problems = append(problems, strings.Replace(strings.TrimPrefix(err.Error(), "invalid document: "), "authors", "editors", -1))
	}
	if len(b.Articles) == 0 {
		problems = append(problems, "no articles")
	}
	if len(problems) > 0 {
		return errors.New("invalid book: " + strings.Join(problems, "; "))
	}
	if b.Preface != nil {
		if err := Validate(b.Preface); err != nil {
			return fmt.Errorf("invalid book: preface: %w", err)
		}
	}
	for i, d := range b.Articles {
		if d == nil {
			return fmt.Errorf("invalid book: article %d is nil", i+1)
		}
		if err := Validate(d); err != nil {
			return fmt.Errorf("invalid book: article %d (%q): %w", i+1, d.Title, err)
		}
	}
	return nil
}

// DumpBook writes a stable rendering of b for golden tests: the book's
// metadata, one "key: value" line each, then the preface and every article
// as Dump writes them, each after a "=== preface" or "=== article N" line.
func DumpBook(w io.Writer, b *Book) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "book: %s\n", b.Title)
	if b.Subtitle != "" {
		fmt.Fprintf(&sb, "subtitle: %s\n", b.Subtitle)
	}
	fmt.Fprintf(&sb, "editors: %s\n", strings.Join(b.Editors, " | "))
	fmt.Fprintf(&sb, "date: %s\n", b.Date)
	fmt.Fprintf(&sb, "lang: %s\n", b.Lang)
	if b.Description != "" {
		fmt.Fprintf(&sb, "description: %s\n", b.Description)
	}
	for _, f := range [][2]string{{"publisher", b.Publisher}, {"rights", b.Rights}, {"identifier", b.Identifier}} {
		if f[1] != "" {
			fmt.Fprintf(&sb, "%s: %s\n", f[0], f[1])
		}
	}
	fmt.Fprintf(&sb, "articles: %d\n", len(b.Articles))
	if _, err := io.WriteString(w, sb.String()); err != nil {
		return err
	}
	if b.Preface != nil {
		if _, err := io.WriteString(w, "=== preface\n"); err != nil {
			return err
		}
		if err := Dump(w, b.Preface); err != nil {
			return err
		}
	}
	for i, d := range b.Articles {
		if _, err := fmt.Fprintf(w, "=== article %d\n", i+1); err != nil {
			return err
		}
		if d == nil {
			return fmt.Errorf("dump: article %d is nil", i+1)
		}
		if err := Dump(w, d); err != nil {
			return err
		}
	}
	return nil
}
