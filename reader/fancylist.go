package reader

import (
	"strings"

	"pamphlet/model"
)

// fancyList finds the lettered or roman-numbered list that CommonMark
// reads as one paragraph ("a) lunch" and "b) a coat" on lines of their
// own: it numbers lists with digits only) and returns the lines before its
// first item and the list, as Pandoc's fancy lists read them. The first
// item must be "a", "A", "i" or "I", the next ones must count on from it
// with the same punctuation ("a)", "a." or "(a)"), and there must be two
// or more; a line without the next marker continues the item above. list
// is nil when content is not such a paragraph.
func fancyList(content []model.Inline) (intro []model.Inline, list *model.List) {
	lines, seps := splitSoftLines(content)
	if len(lines) < 2 {
		return nil, nil
	}
	first := -1
	var m0 fancyMarker
	for i, l := range lines {
		if m, ok := readFancyMarker(l); ok && model.IsNumbering(m.label) { // a list counts from a or i
			first, m0 = i, m
			break
		}
	}
	if first < 0 || first == len(lines)-1 {
		return nil, nil
	}
	m1, ok := readFancyMarker(lines[first+1])
	if !ok || m1.delim != m0.delim {
		return nil, nil
	}
	numbering := ""
	switch {
	case (m0.label == "i" || m0.label == "I") && m1.label == m0.label+m0.label:
		numbering = m0.label // roman: i, ii
	case len(m1.label) == 1 && m1.label[0] == m0.label[0]+1:
		numbering = "a" // letters: a, b (or i, j)
		if m0.label[0] <= 'Z' {
			numbering = "A"
		}
	default:
		return nil, nil
	}
	list = &model.List{Ordered: true, Start: 1, Numbering: numbering}
	if (numbering == "a" || numbering == "A") && m0.label != "a" && m0.label != "A" {
		list.Start = 9 // "i) ink", "j) jam"
	}
	var item *model.Paragraph // the item that lines without a marker continue
	for i, l := range lines[first:] {
		if m, ok := readFancyMarker(l); ok && m.delim == m0.delim && m.label == model.ItemLabel(numbering, list.Start+len(list.Items)) {
			item = &model.Paragraph{Content: m.rest}
			list.Items = append(list.Items, model.Item{Blocks: []model.Block{item}})
			continue
		}
		item.Content = append(append(item.Content, seps[first+i]), l...)
	}
	if len(list.Items) < 2 {
		return nil, nil
	}
	for i, l := range lines[:first] {
		if i > 0 {
			intro = append(intro, seps[i])
		}
		intro = append(intro, l...)
	}
	return intro, list
}

// splitSoftLines cuts inlines at the line breaks of the paragraph's top
// level: the "\n" texts the Markdown reader makes of soft breaks, and hard
// breaks. seps[i] is the break before lines[i] (nil for the first).
func splitSoftLines(content []model.Inline) (lines [][]model.Inline, seps []model.Inline) {
	var cur []model.Inline
	var sep model.Inline
	for _, in := range content {
		_, hard := in.(*model.LineBreak)
		if t, ok := in.(*model.Text); hard || ok && t.Text == "\n" {
			lines = append(lines, cur)
			seps = append(seps, sep)
			cur, sep = nil, in
			continue
		}
		cur = append(cur, in)
	}
	return append(lines, cur), append(seps, sep)
}

// fancyMarker is an item marker at the start of a line: its label ("b",
// "iv"), its punctuation (")", ".", "()"), and the line without it.
type fancyMarker struct {
	label, delim string
	rest         []model.Inline
}

// readFancyMarker reads "b) ", "b. " or "(b) " with a label of up to six
// letters, all lowercase or all capitals, at the start of line.
func readFancyMarker(line []model.Inline) (fancyMarker, bool) {
	// The Markdown parser splits text at punctuation ("i." and " One"):
	// the marker is read from the texts the line starts with.
	var b strings.Builder
	k := 0
	for ; k < len(line); k++ {
		t, ok := line[k].(*model.Text)
		if !ok {
			break
		}
		b.WriteString(t.Text)
	}
	s := b.String()
	open := strings.HasPrefix(s, "(")
	if open {
		s = s[1:]
	}
	n := 0
	for n < len(s) && n < 7 && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	if n == 0 || n > 6 || n >= len(s) || strings.ToLower(s[:n]) != s[:n] && strings.ToUpper(s[:n]) != s[:n] {
		return fancyMarker{}, false
	}
	label, delim := s[:n], s[n:n+1]
	switch {
	case open && delim == ")":
		delim = "()"
	case !open && (delim == ")" || delim == "."):
	default:
		return fancyMarker{}, false
	}
	after := s[n+1:]
	text := strings.TrimLeft(after, " \t")
	if len(text) == len(after) {
		return fancyMarker{}, false // "a.m." or "e.g." is not a marker
	}
	if n == 1 && delim == "." && label[0] <= 'Z' && len(after)-len(text) < 2 && !strings.HasPrefix(after, "\t") {
		return fancyMarker{}, false // an initial: "B. Obama"; Pandoc wants "B.  Obama" too
	}
	rest := append([]model.Inline{}, line[k:]...)
	if text != "" {
		rest = append([]model.Inline{&model.Text{Text: text}}, rest...)
	}
	if len(rest) == 0 {
		return fancyMarker{}, false
	}
	return fancyMarker{label: label, delim: delim, rest: rest}, true
}
