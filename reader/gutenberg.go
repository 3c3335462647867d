package reader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"pamphlet/model"
)

// Project Gutenberg wraps every plain-text e-book in the same way: a
// header of "Field: value" lines (Title, Author, Release Date, Language,
// Character set encoding, Produced by), a marker line
//
//	*** START OF THE PROJECT GUTENBERG EBOOK THE DREAM ***
//
// the book, then "*** END OF THE PROJECT GUTENBERG EBOOK …" and the
// licence. The header is metadata and the licence boilerplate: neither is
// the book's text, and neither may become its headings or running head.

// gutenbergStart and gutenbergEnd match the marker lines, "THIS" for
// "THE" and "EBOOK" in any case as the older files have them.
var (
	gutenbergStart = regexp.MustCompile(`(?i)^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK`)
	gutenbergEnd   = regexp.MustCompile(`(?i)^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK`)
	// gutenbergLast is the line the older files print before the end
	// marker: "End of the Project Gutenberg EBook of …", "End of Project
	// Gutenberg's …".
	gutenbergLast = regexp.MustCompile(`(?i)^end of (?:the )?project gutenberg`)
)

// gutenbergLangs maps the language names of the header's "Language:"
// field to tags.
var gutenbergLangs = map[string]string{
	"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it", "portuguese": "pt",
	"dutch": "nl", "latin": "la", "finnish": "fi", "swedish": "sv", "danish": "da", "norwegian": "no",
	"polish": "pl", "russian": "ru", "greek": "el", "chinese": "zh", "japanese": "ja", "hungarian": "hu",
	"esperanto": "eo", "catalan": "ca", "welsh": "cy", "czech": "cs", "tagalog": "tl", "hebrew": "he", "arabic": "ar",
}

// gutenberg finds the Project Gutenberg wrapper around lines and returns
// the book's lines without it, with what its header said; found is false
// (and lines returned whole) when there is no start marker.
func (r *textReader) gutenberg(lines []srcLine) (body []srcLine, m meta, found bool) {
	start := -1
	for i, l := range lines {
		if l.indent < 4 && strings.HasPrefix(l.text(), "***") && gutenbergStart.MatchString(l.text()) {
			start = i
			break
		}
	}
	if start < 0 {
		return r.gutenbergOpening(lines)
	}
	// The header's fields; a value may continue on indented lines.
	field, value := "", ""
	flush := func() {
		switch field {
		case "title":
			// A second line of the field is the subtitle.
			m.Title, m.Subtitle, _ = strings.Cut(value, "\n")
		case "author":
			if names, _, ok := parseAuthors(strings.ReplaceAll(value, "\n", " "), false); ok {
				m.Authors = names
			}
		case "language":
			m.Lang = gutenbergLangs[strings.ToLower(value)]
		}
		field, value = "", ""
	}
	for _, l := range lines[:start] {
		if l.blank() {
			flush()
			continue
		}
		if field != "" && l.indent > 0 {
			value += "\n" + l.text()
			continue
		}
		flush()
		if k, v, ok := strings.Cut(l.text(), ":"); ok && !strings.Contains(k, " ") || ok && strings.EqualFold(k, "release date") {
			field, value = strings.ToLower(k), strings.TrimSpace(v)
		}
	}
	flush()
	r.repair(int(lines[0].no), "gutenberg", "Project Gutenberg header (lines %d-%d) read as metadata and left out", lines[0].no, lines[start].no)
	r.found("gutenberg", "the start marker %q on line %d", lines[start].text(), lines[start].no)
	// "Produced by …" and the like, right after the start marker: the
	// transcribers' credit, not the book.
	b := r.skipCredit(lines, start+1)
	return lines[b:r.bookEnd(lines, b)], m, true
}

// skipCredit skips the transcribers' credit ("Produced by …") that
// follows the wrapper at lines[i], and returns where the book starts.
func (r *textReader) skipCredit(lines []srcLine, i int) int {
	b := skipBlank(lines, i)
	if b < len(lines) && strings.HasPrefix(strings.ToLower(lines[b].text()), "produced by") {
		e := b
		for e < len(lines) && !lines[e].blank() {
			e++
		}
		r.repair(int(lines[b].no), "gutenberg", "transcribers' credit %q left out", lines[b].text())
		return e
	}
	return b
}

// bookEnd drops the licence after the end marker of a Project
// Gutenberg book (or after its "End of the Project Gutenberg EBook"
// line, when the marker is missing) and returns where the book ends.
func (r *textReader) bookEnd(lines []srcLine, b int) int {
	end := len(lines)
	for i := b; i < len(lines); i++ {
		if lines[i].indent < 4 && strings.HasPrefix(lines[i].text(), "***") && gutenbergEnd.MatchString(lines[i].text()) {
			end = i
			break
		}
	}
	if end == len(lines) {
		for i := b; i < len(lines); i++ {
			if lines[i].indent < 4 && gutenbergLast.MatchString(lines[i].text()) {
				end = i
				break
			}
		}
	}
	if end < len(lines) {
		e := end
		for k := end - 1; k >= b; k-- {
			if lines[k].blank() {
				continue
			}
			if gutenbergLast.MatchString(lines[k].text()) {
				e = k
			}
			break
		}
		r.repair(int(lines[e].no), "gutenberg", "Project Gutenberg licence (lines %d-%d) dropped as boilerplate", lines[e].no, lines[len(lines)-1].no)
		end = e
	}
	return end
}

// gutenbergFirst matches the opening line of a Project Gutenberg e-book
// that lacks the start marker: "The Project Gutenberg EBook of The
// Lantern Makers, by Harriet Quill", "Project Gutenberg's Lantern
// Makers, by Harriet Quill".
var gutenbergFirst = regexp.MustCompile(`(?i)^(?:the )?project gutenberg(?:(?:'s|’s)?\s+e-?(?:book|text)(?:\s+of|,)\s+(.+?)(?:,\s+by\s+(.+?))?|(?:'s|’s)\s+(.+?),\s+by\s+(.+?))\s*$`)

// gutenbergOpening reads a Project Gutenberg book without a start
// marker: its opening line gives the title and author, and the paragraph
// after it, when it speaks of the project or the e-book's use, is the
// notice. Both go; the licence at the end goes too.
func (r *textReader) gutenbergOpening(lines []srcLine) ([]srcLine, meta, bool) {
	i := skipBlank(lines, 0)
	if i >= len(lines) {
		return lines, meta{}, false
	}
	sm := gutenbergFirst.FindStringSubmatch(lines[i].text())
	if sm == nil {
		return lines, meta{}, false
	}
	title, author := sm[1]+sm[3], sm[2]+sm[4]
	m := meta{Title: strings.TrimSpace(title)}
	if names, _, ok := parseAuthors(author, false); ok {
		m.Authors = names
	}
	r.repair(int(lines[i].no), "gutenberg", "Project Gutenberg opening line %q read as metadata and left out", lines[i].text())
	r.found("gutenberg", "the opening line %q", lines[i].text())
	b := skipBlank(lines, i+1)
	if e := b; b < len(lines) {
		for e < len(lines) && !lines[e].blank() {
			e++
		}
		notice := strings.ToLower(linesText(lines[b:e]))
		if strings.Contains(notice, "project gutenberg") || strings.Contains(notice, "ebook is for the use") {
			r.repair(int(lines[b].no), "gutenberg", "Project Gutenberg notice (lines %d-%d) left out", lines[b].no, lines[e-1].no)
			b = e
		}
	}
	b = r.skipCredit(lines, b)
	return lines[b:r.bookEnd(lines, b)], m, true
}

// frontMatter reads a YAML or TOML front matter block at the top of the
// text, as Markdown has it (frontmatter.go), and returns what it gave and
// how many lines it took.
func (r *textReader) frontMatter(text string) (meta, int, bool) {
	m, _, n, ok := frontMatter(text, r.opt)
	if !ok {
		return meta{}, 0, false
	}
	r.repair(1, "front-matter", "read %d lines of front matter as metadata", n)
	return m, n, true
}

// givenMeta sets the metadata the text states outright (front matter, a
// Project Gutenberg header) over what its first lines suggested: a title
// page gives the same title in capitals, or only its first line.
func (r *textReader) givenMeta(doc *model.Document, m meta) {
	if m.Title != "" && doc.Title != m.Title {
		doc.Title = m.Title
		r.repair(0, "title", "%q (stated outright in the front matter or header)", m.Title)
	}
	if m.Subtitle != "" && doc.Subtitle == "" {
		doc.Subtitle = m.Subtitle
		r.repair(0, "subtitle", "%q (stated outright in the front matter or header)", m.Subtitle)
	}
	if len(m.Authors) > 0 && !slices.Equal(doc.Authors, m.Authors) {
		doc.Authors = m.Authors
		r.repair(0, "byline", "%s (stated outright in the front matter or header)", strings.Join(m.Authors, "; "))
	}
	if !m.Date.IsZero() && doc.Date != m.Date {
		doc.Date = m.Date
		r.repair(0, "date", "%s (stated outright in the front matter or header)", m.Date)
	}
	if doc.Description == "" {
		doc.Description = m.Description
	}
	if doc.Source == "" {
		doc.Source = m.Source
	}
}

// opensWithTitle reports whether the book's first line is its title, or
// the first line of it, as a title page sets it.
func opensWithTitle(lines []srcLine, title string) bool {
	i := skipBlank(lines, 0)
	if i >= len(lines) {
		return false
	}
	first := foldTitle(lines[i].text())
	return first != "" && strings.HasPrefix(foldTitle(title), first)
}

// foldTitle keeps the letters and digits of s, lowercased, to compare a
// title across its settings ("THE DREAM." and "The Dream").
func foldTitle(s string) string {
	var b strings.Builder
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// linesText is the text of lines, one a line.
func linesText(lines []srcLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text())
		b.WriteByte('\n')
	}
	return b.String()
}

// firstLineNo is the input line number of the first of lines (0 when
// there are none).
func firstLineNo(lines []srcLine) int {
	if len(lines) == 0 {
		return 0
	}
	return int(lines[0].no)
}
