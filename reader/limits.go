package reader

import (
	"fmt"
	"slices"
	"strings"
)

// maxIndent is the deepest indentation, in columns (a tab counts four),
// that the Markdown parser is given. goldmark re-reads the indentation of
// every open list on every line, so a staircase of thousands of nested
// items costs the cube of its depth: 3,000 levels took minutes.
// Sixty-four columns hold 32 levels of nesting, far more than any article
// uses.
const maxIndent = 64

// capIndent cuts the leading whitespace of every line of Markdown source
// to maxIndent columns. Only blanks go, never a word, and no line break,
// so line numbers stay right. It returns src itself when no line is that
// deep, and reports the first line cut.
func capIndent(src []byte) (out []byte, first int) {
	line := 1
	for i := 0; i < len(src); {
		// src[i] starts a line: measure its indentation.
		j, col := i, 0
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			if src[j] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			if col > maxIndent && out == nil {
				out = append(make([]byte, 0, len(src)), src[:j]...)
				first = line
			}
			if col > maxIndent {
				j++
				continue
			}
			if out != nil {
				out = append(out, src[j])
			}
			j++
		}
		k := j
		for k < len(src) && src[k] != '\n' {
			k++
		}
		if k < len(src) {
			k++ // the line break
		}
		if out != nil {
			out = append(out, src[j:k]...)
		}
		i = k
		line++
	}
	if out == nil {
		return src, 0
	}
	return out, first
}

// The structure caps bound what an input may hold besides its size (the
// caller's 64 MB cap), so that no input takes much more than a gigabyte
// whatever its shape: memory grows with lines and elements, not bytes,
// and 64 MB of one-letter paragraphs is twenty million of them. Each cap
// lets in many times the longest book (a 64 MB text of ordinary prose
// has about a million lines), and keeps the worst input it lets in under
// a gigabyte, measured: 3 million one-word paragraphs or one paragraph of
// 6 million lines as plain text, 750,000 paragraphs or one of 1.5
// million lines as Markdown (goldmark's tree takes about 400 bytes a
// paragraph), a table of 250,000 rows or 750,000 paragraphs as HTML.
const (
	// MaxTextLines caps the lines of a plain text.
	MaxTextLines = 6_000_000
	// MaxMarkdownLines caps the lines of a Markdown text.
	MaxMarkdownLines = 1_500_000
	// MaxHTMLTags caps the tags of an HTML page (counted as its "<").
	MaxHTMLTags = 1_500_000
)

// checkStructure reports an input of format f past its structure cap,
// counted before anything is parsed.
func checkStructure(text string, f Format) error {
	var what, unit string
	var limit int
	switch f {
	case FormatText:
		what, unit, limit = "a plain-text", "lines", MaxTextLines
	case FormatMarkdown:
		what, unit, limit = "a Markdown", "lines", MaxMarkdownLines
	case FormatHTML:
		what, unit, limit = "an HTML", "tags", MaxHTMLTags
	default:
		return nil
	}
	var n int
	if unit == "tags" {
		n = strings.Count(text, "<")
	} else {
		n = strings.Count(text, "\n")
		if !strings.HasSuffix(text, "\n") {
			n++
		}
	}
	if n > limit {
		return fmt.Errorf("%s %s, more than the %s %s input may hold; split the article", group(n), unit, group(limit), what)
	}
	return nil
}

// group writes n with its thousands grouped by commas.
func group(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// maxRepairsOfKind caps the repairs listed of one kind: past it they are
// counted, and one more says how many went unlisted from where. A text
// of millions of lines can call for a repair on each, which no one reads
// and which would hold hundreds of megabytes.
const maxRepairsOfKind = 1000

// repairLog is a list of repairs, capped by kind (maxRepairsOfKind).
type repairLog struct {
	list []Repair
	// kinds counts the repairs of each kind made; first is the line of
	// the first one of a kind left unlisted.
	kinds map[string]int
	first map[string]int
}

// add records a repair of kind on line; detail writes its text, called
// only when the repair is listed.
func (l *repairLog) add(line int, kind string, detail func() string) {
	if l.kinds == nil {
		l.kinds, l.first = map[string]int{}, map[string]int{}
	}
	l.kinds[kind]++
	switch n := l.kinds[kind]; {
	case n <= maxRepairsOfKind:
		l.list = append(l.list, Repair{Line: line, Kind: kind, Detail: detail()})
	case n == maxRepairsOfKind+1:
		l.first[kind] = line
	}
}

// repairs returns the repairs listed, then one for each kind that went
// past the cap.
func (l *repairLog) repairs() []Repair {
	out := l.list
	kinds := make([]string, 0, len(l.first))
	for k := range l.first {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		out = append(out, Repair{Line: l.first[k], Kind: k,
			Detail: fmt.Sprintf("%s more from here on, not listed", group(l.kinds[k]-maxRepairsOfKind))})
	}
	return out
}
