package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/model"
)

// A page scraped by a tool that drops the markup between paragraphs runs
// them together with not even a space: "…the one I'd pick.Another thing
// I noticed…". A sentence end glued to the capitalised word of the next
// sentence is the evidence, and only strong evidence splits: the mark
// must follow a lowercase word of two letters or more (not "U.S.A" or
// "e.g."), and the next word must be an ordinary capitalised word that
// a space or punctuation ends (not "fmt.Println(", "example.Com", "Node.Js
// is" where the part after the dot is a domain or a short suffix). A
// paragraph is split at such points only when it is long, where a reader
// would otherwise face a wall of text; a short one is left as written.

// gluedMinWords is the least length in words of a paragraph split at its
// glued sentence ends.
const gluedMinWords = 120

// topLevelDomains are the endings of host names, which follow a dot
// inside a word without starting a sentence ("example.Com").
var topLevelDomains = map[string]bool{
	"com": true, "org": true, "net": true, "edu": true, "gov": true, "io": true, "dev": true, "co": true, "uk": true,
	"de": true, "fr": true, "es": true, "it": true, "pt": true, "info": true, "app": true, "js": true, "ai": true,
}

// gluedEnds returns the byte offsets in s where a glued sentence starts.
func gluedEnds(s string) []int {
	var cuts []int
	for i := 1; i+2 < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		// The word before: two lowercase letters or more, back to a space.
		b := i
		for b > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:b])
			if !unicode.IsLetter(r) {
				break
			}
			b -= n
		}
		if i-b < 2 || (b > 0 && !isGlueBoundary(s, b)) {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsLower(r) {
			continue
		}
		// The word after: a capital, then lowercase letters only, ended
		// by a space or punctuation that does not continue code or a
		// host name.
		a := i + 1
		if s[a] == '"' || strings.HasPrefix(s[a:], "“") {
			continue // a quotation opened right after: too often a title
		}
		r, n := utf8.DecodeRuneInString(s[a:])
		if !unicode.IsUpper(r) {
			continue
		}
		e := a + n
		for e < len(s) {
			r, n := utf8.DecodeRuneInString(s[e:])
			if !unicode.IsLower(r) {
				break
			}
			e += n
		}
		if e-a < 2 || topLevelDomains[strings.ToLower(s[a:e])] {
			continue
		}
		if e < len(s) && !strings.ContainsRune(" ,;:'’", rune(s[e])) {
			continue
		}
		cuts = append(cuts, a)
	}
	return cuts
}

// isGlueBoundary reports whether the word ending before s[b] starts after
// a space or an opening bracket or quote, not inside a token such as a
// path or an address.
func isGlueBoundary(s string, b int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:b])
	return unicode.IsSpace(r) || strings.ContainsRune("(\"“‘'—–-", r)
}

// splitGlued splits the long paragraphs of blocks at their glued sentence
// ends into paragraphs of their own. Only the paragraph's plain text at
// its top level is cut; a glue point inside a link or emphasis stays.
//
// blocks is returned itself when nothing is split: a long text's list of
// blocks is copied only once a paragraph is.
func (r *textReader) splitGlued(blocks []model.Block) []model.Block {
	var out []model.Block
	var splits map[model.Block][]model.Block // a split paragraph's parts
	for i, b := range blocks {
		p, ok := b.(*model.Paragraph)
		if !ok || inlineWords(p.Content, gluedMinWords) < gluedMinWords {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		parts := splitGluedInlines(p.Content)
		if len(parts) == 1 {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = append(make([]model.Block, 0, len(blocks)+len(parts)), blocks[:i]...)
		}
		line := r.lines.lineOf(b)
		r.found("glued-paragraphs", "sentence ends glued to the next sentence in a paragraph of %d words on line %d", inlineWords(p.Content, -1), line)
		r.repair(line, "split-paragraph", "%d paragraphs run together with no space after their sentence ends (\"…%s\") split apart", len(parts), gluedSample(p.Content))
		split := make([]model.Block, len(parts))
		for k, c := range parts {
			split[k] = &model.Paragraph{Content: c}
		}
		out = append(out, split...)
		if splits == nil {
			splits = map[model.Block][]model.Block{}
		}
		splits[b] = split
	}
	if out == nil {
		return blocks
	}
	r.lines.replace(splits)
	return out
}

// splitGluedInlines cuts content at the glued sentence ends of its
// top-level text.
func splitGluedInlines(content []model.Inline) [][]model.Inline {
	var parts [][]model.Inline
	var cur []model.Inline
	for _, in := range content {
		t, ok := in.(*model.Text)
		if !ok {
			cur = append(cur, in)
			continue
		}
		s := t.Text
		last := 0
		for _, c := range gluedEnds(s) {
			cur = append(cur, &model.Text{Text: s[last:c]})
			parts = append(parts, cur)
			cur = nil
			last = c
		}
		cur = append(cur, &model.Text{Text: s[last:]})
	}
	return append(parts, cur)
}

// gluedSample quotes the first glue point of content for the audit trail.
func gluedSample(content []model.Inline) string {
	for _, in := range content {
		if t, ok := in.(*model.Text); ok {
			if c := gluedEnds(t.Text); len(c) > 0 {
				return t.Text[max(0, c[0]-12):min(len(t.Text), c[0]+12)] + "…"
			}
		}
	}
	return ""
}

// inlineWords counts the words of the top-level text of content, as the
// spaces between them (a fast count, for a threshold), stopping at limit
// when it is not negative.
func inlineWords(content []model.Inline, limit int) int {
	n := 0
	for _, in := range content {
		if limit >= 0 && n >= limit {
			break
		}
		if t, ok := in.(*model.Text); ok {
			n += strings.Count(t.Text, " ") + 1
		}
	}
	return n
}
