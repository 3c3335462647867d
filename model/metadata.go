package model

import (
	"fmt"
	"slices"
	"strings"
)

// Metadata is what the user says about an article or a book on the
// command line (--metadata KEY=VALUE, --title, --author, --date), over
// what the input says: a field left empty keeps the input's. Front matter
// is part of the input: the command line wins over it, and it wins over
// what a reader recovered from the text.
type Metadata struct {
	Title, Subtitle string
	// Authors replace the input's authors when not empty (a book's
	// editors).
	Authors                                          []string
	Date                                             Date
	Lang, Publisher, Description, Rights, Identifier string
}

// MetadataKeys are the keys Set accepts, in the order help lists them.
var MetadataKeys = []string{"title", "subtitle", "author", "date", "lang", "publisher", "description", "rights", "identifier"}

// Set reads one KEY=VALUE pair. author may be given more than once, for
// several authors; any other key given twice keeps its last value.
func (m *Metadata) Set(pair string) error {
	key, value, ok := strings.Cut(pair, "=")
	key = strings.ToLower(strings.TrimSpace(key))
	value = strings.TrimSpace(value)
	if !ok || key == "" {
		return fmt.Errorf("%q: want KEY=VALUE, such as title=Harbour Notes", pair)
	}
	if !slices.Contains(MetadataKeys, key) {
		return fmt.Errorf("%q: unknown key %q; want one of %s", pair, key, strings.Join(MetadataKeys, ", "))
	}
	if value == "" {
		return fmt.Errorf("%q: no value for %s", pair, key)
	}
	switch key {
	case "title":
		m.Title = value
	case "subtitle":
		m.Subtitle = value
	case "author":
		m.Authors = append(m.Authors, value)
	case "date":
		d, err := ParseDate(value)
		if err != nil {
			return fmt.Errorf("%q: %v", pair, err)
		}
		m.Date = d
	case "lang":
		l := strings.ToLower(value)
		if !ValidLang(l) {
			return fmt.Errorf("%q: want a language tag such as en, fr or pt-br", pair)
		}
		m.Lang = l
	case "publisher":
		m.Publisher = value
	case "description":
		m.Description = value
	case "rights":
		m.Rights = value
	case "identifier":
		m.Identifier = value
	}
	return nil
}

// Apply sets doc's metadata from m where m says something. A new title or
// authors replace the article's own printed byline and nothing else; a
// new date its printed dateline.
func (m Metadata) Apply(doc *Document) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&doc.Title, m.Title)
	set(&doc.Subtitle, m.Subtitle)
	if len(m.Authors) > 0 {
		doc.Authors = slices.Clone(m.Authors)
		doc.Byline = ""
	}
	if !m.Date.IsZero() {
		doc.Date = m.Date
		doc.Dateline = ""
	}
	set(&doc.Lang, m.Lang)
	set(&doc.Publisher, m.Publisher)
	set(&doc.Description, m.Description)
	set(&doc.Rights, m.Rights)
	set(&doc.Identifier, m.Identifier)
}
