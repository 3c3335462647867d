package layout

import (
	"strings"

	"pamphlet/model"
)

// longParagraph is the length in bytes from which a paragraph of plain
// text is set in segments: its items (48 bytes, about one per two
// characters), pieces (about one per three) and the breaker's state
// (36 bytes an item) cost some 60 bytes a character when built whole,
// 4 MB at this length, which no real paragraph reaches; a segment of
// this length still holds hundreds of lines, so the few lines set again
// at each seam cost little. A variable so that tests can lower it.
var longParagraph = 64 << 10

// segmentTail is how many of a segment's last lines are broken again
// with the next segment: the breaker chose them knowing the segment
// ends there, which the paragraph does not.
const segmentTail = 3

// spaceMark records a breakable interword glue: its item and the
// index of the space character it stands for.
type spaceMark struct {
	item, char int32
}

// longText returns the text of a paragraph of one run of plain text of
// at least longParagraph bytes.
func longText(in []model.Inline) (string, bool) {
	if len(in) != 1 {
		return "", false
	}
	t, ok := in[0].(*model.Text)
	if !ok || len(t.Text) < longParagraph || strings.ContainsRune(t.Text, '\n') {
		return "", false
	}
	return t.Text, true
}

// addLongText sets a long paragraph of plain text in segments, so that
// its items are never built whole: each segment ends at a space about
// longParagraph bytes on; its lines are set but the last few, whose
// text starts the next segment. The lines kept end at a space, so the
// seam falls between words and every line is broken as it would be in
// the whole paragraph, as far as the few lines looked ahead tell.
func (s *setter) addLongText(v *vlist, text string, style parStyle, tag int32, c ctx, h, d Sp) {
	s.blockCount++
	var (
		boxes  []*vbox
		spaces []spaceMark
		k      int
		hyphen bool
	)
	const more = 1 << 30 // the line count while lines are to come
	for text != "" {
		seg, last := text, true
		if len(text) >= 2*longParagraph {
			cut := longParagraph + strings.IndexByte(text[longParagraph:], ' ')
			if cut >= longParagraph {
				seg, last = text[:cut], false
			}
		}
		spaces = spaces[:0]
		b := &parBuilder{s: s, p: &para{style: style}, spaces: &spaces}
		b.inlines([]model.Inline{&model.Text{Text: seg}}, inlineState{})
		b.emit()
		p := b.p
		p.tag = tag
		lines, err := Break(p.items, []Sp{style.measure}, s.params)
		if err != nil {
			break // no items: nothing to set
		}
		rest := ""
		if !last {
			keep, at := keptLines(lines, spaces)
			if keep == 0 {
				// No space to cut at: the rest is set whole.
				seg, last = text, true
				b := &parBuilder{s: s, p: &para{style: style}}
				b.inlines([]model.Inline{&model.Text{Text: seg}}, inlineState{})
				b.emit()
				p = b.p
				p.tag = tag
				if lines, err = Break(p.items, []Sp{style.measure}, s.params); err != nil {
					break
				}
			} else {
				lines = lines[:keep]
				rest = strings.TrimLeft(text[runeOffset(seg, at)+1:], " \u00a0\u202f")
			}
		}
		n := more
		if last {
			n = k + len(lines)
		}
		if s.stream != nil {
			// The pages are made as the lines are set: the boxes
			// are let go, and keep the count of lines to come.
			s.setLines(v, p, lines, k, n, hyphen, c, h, d, nil)
		} else {
			s.setLines(v, p, lines, k, n, hyphen, c, h, d, &boxes)
		}
		k += len(lines)
		hyphen = lines[len(lines)-1].Hyphen
		if last {
			break
		}
		s.grown(v)
		text = rest
		style.indent = 0
	}
	for _, b := range boxes {
		b.lines = int32(k)
	}
}

// keptLines returns how many of a segment's lines to keep, all but the
// last segmentTail or more, so that the last kept line ends at a
// breakable space, and the index of that space's character (0, 0:
// none).
func keptLines(lines []Line, spaces []spaceMark) (int, int) {
	for keep := len(lines) - segmentTail; keep > 0; keep-- {
		end := int32(lines[keep-1].End)
		i, j := 0, len(spaces)
		for i < j { // the first mark at or after end
			m := (i + j) / 2
			if spaces[m].item < end {
				i = m + 1
			} else {
				j = m
			}
		}
		if i < len(spaces) && spaces[i].item == end {
			return keep, int(spaces[i].char)
		}
	}
	return 0, 0
}

// runeOffset returns the byte offset of the nth character of s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
