package model

import (
	"strings"
)

// Normalize puts doc into canonical form, in place:
//   - metadata trimmed, inner whitespace collapsed, empty and repeated
//     authors dropped, Lang lowercased;
//   - in inline text, every run of whitespace becomes one space; no space at
//     the start or end of a block or around a line break; adjacent Text
//     nodes merged; empty text, spans and links dropped; a link without a
//     target becomes its content;
//   - heading levels clamped to 1..6; empty paragraphs, headings, quotes,
//     lists, items and code blocks dropped; code keeps its spaces but loses
//     carriage returns and trailing blank lines;
//   - tables lose their empty rows and trailing empty columns, every row
//     padded to the same number of cells; a table without text is
//     dropped (its caption, if any, left as a paragraph).
//
// No character other than whitespace is ever removed. Normalize is
// idempotent: a second call changes nothing.
func Normalize(doc *Document) {
	doc.Title = collapse(doc.Title)
	doc.Subtitle = collapse(doc.Subtitle)
	doc.Byline = collapse(doc.Byline)
	doc.Dateline = collapse(doc.Dateline)
	doc.Source = strings.TrimSpace(doc.Source)
	doc.Description = collapse(doc.Description)
	doc.Publisher = collapse(doc.Publisher)
	doc.Rights = collapse(doc.Rights)
	doc.Identifier = collapse(doc.Identifier)
	doc.Lang = strings.ToLower(strings.TrimSpace(doc.Lang))
	doc.Authors = names(doc.Authors)
	doc.Blocks = NormalizeBlocks(doc.Blocks)
}

// names returns people's names with their spaces collapsed, the empty
// ones and repeats left out, in their order; nil when none is left.
func names(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range in {
		n = collapse(n)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

// NormalizeBlocks returns blocks in canonical form (see Normalize).
func NormalizeBlocks(blocks []Block) []Block {
	var out []Block
	for i, b := range blocks {
		if b = normBlock(b); b != nil {
			if out == nil {
				// Room for the rest: a long text's list is not regrown.
				out = make([]Block, 0, len(blocks)-i)
			}
			out = append(out, b)
		}
	}
	return out
}

// normBlock returns the normalised block, or nil when nothing is left.
func normBlock(b Block) Block {
	switch b := b.(type) {
	case *Heading:
		b.Level = min(max(b.Level, 1), 6)
		b.Content = NormalizeInlines(b.Content)
		if len(b.Content) == 0 {
			return nil
		}
		return b
	case *Paragraph:
		b.Content = NormalizeInlines(b.Content)
		if !hasText(b.Content) {
			return nil
		}
		return b
	case *Quote:
		b.Blocks = NormalizeBlocks(b.Blocks)
		if len(b.Blocks) == 0 {
			return nil
		}
		return b
	case *List:
		if b.Start < 0 {
			b.Start = 0
		}
		if b.Ordered && b.Start == 0 {
			b.Start = 1
		}
		if !b.Ordered || b.Numbering == "1" {
			b.Numbering = ""
		}
		if !b.Ordered {
			b.Start = 0
		}
		items := b.Items[:0]
		for _, it := range b.Items {
			it.Blocks = NormalizeBlocks(it.Blocks)
			if len(it.Blocks) > 0 {
				items = append(items, it)
			}
		}
		b.Items = items
		if len(b.Items) == 0 {
			return nil
		}
		return b
	case *Code:
		t := strings.ReplaceAll(b.Text, "\r\n", "\n")
		t = strings.ReplaceAll(t, "\r", "\n")
		lines := strings.Split(t, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " \t")
		}
		for len(lines) > 0 && lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		for len(lines) > 0 && lines[0] == "" {
			lines = lines[1:]
		}
		b.Text = strings.Join(lines, "\n")
		b.Lang = strings.TrimSpace(b.Lang)
		if b.Text == "" {
			return nil
		}
		return b
	case *Figure:
		b.Alt = collapse(b.Alt)
		b.Src = strings.TrimSpace(b.Src)
		b.Caption = NormalizeInlines(b.Caption)
		if len(b.Data) == 0 {
			b.MediaType, b.Width, b.Height = "", 0, 0
		}
		if len(b.Data) == 0 && b.Alt == "" && len(b.Caption) == 0 && b.Src == "" {
			return nil
		}
		return b
	case *Break:
		return b
	case *Table:
		return normTable(b)
	default:
		// Unknown kinds are kept for Validate to report.
		return b
	}
}

func hasText(in []Inline) bool {
	for _, n := range in {
		if _, ok := n.(*LineBreak); !ok {
			return true
		}
	}
	return false
}

// NormalizeInlines returns inline content in canonical form: whitespace
// collapsed across node boundaries, trimmed at both ends and around line
// breaks, adjacent text merged and empty nodes dropped.
func NormalizeInlines(in []Inline) []Inline {
	st := wsState{space: true}
	out := st.inlines(in)
	out = trimRight(out)
	out = joinTexts(out)
	// A leading or trailing line break carries nothing.
	for len(out) > 0 {
		if _, ok := out[0].(*LineBreak); !ok {
			break
		}
		out = out[1:]
	}
	for len(out) > 0 {
		if _, ok := out[len(out)-1].(*LineBreak); !ok {
			break
		}
		out = trimRight(out[:len(out)-1])
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// wsState tracks whether the last character emitted was a space, across
// node boundaries, so "a *b* c" and "a* b*" both keep exactly one space.
type wsState struct {
	space bool
}

func (st *wsState) inlines(in []Inline) []Inline {
	var out []Inline
	for _, n := range in {
		switch n := n.(type) {
		case *Text:
			t := st.text(n.Text)
			if t == "" {
				continue
			}
			// Adjacent texts are joined once at the end (joinTexts):
			// joining them here, one by one, was quadratic in their
			// number (a line of 30,000 unmatched "*a" took seconds).
			out = append(out, &Text{Text: t})
		case *CodeSpan:
			t := codeSpaces.Replace(n.Text)
			if strings.TrimSpace(t) == "" {
				// Only whitespace: treat as a space in the prose.
				if !st.space && t != "" {
					out = appendText(out, " ")
					st.space = true
				}
				continue
			}
			n.Text = t
			st.space = false
			out = append(out, n)
		case *LineBreak:
			out = trimRight(out)
			if len(out) == 0 {
				continue
			}
			if _, ok := out[len(out)-1].(*LineBreak); ok {
				// Two breaks in a row would draw an empty line; keep one.
				continue
			}
			out = append(out, n)
			st.space = true
		case *Emph:
			n.Content = st.inlines(n.Content)
			if len(n.Content) == 0 {
				continue
			}
			out = appendSpan(out, n)
		case *Strong:
			n.Content = st.inlines(n.Content)
			if len(n.Content) == 0 {
				continue
			}
			out = appendSpan(out, n)
		case *Link:
			n.Target = strings.TrimSpace(n.Target)
			content := st.inlines(n.Content)
			if n.Target == "" {
				out = mergeInlines(out, content)
				continue
			}
			if len(content) == 0 {
				continue
			}
			n.Content = content
			out = appendSpan(out, n)
		default:
			out = append(out, n)
		}
	}
	return out
}

// codeSpaces turns the line breaks and tabs of a code span into spaces.
var codeSpaces = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// appendSpan appends an emphasis or strong span, merging it into an
// identical span right before it ("*a**b*" is one span), and a link,
// merging it into a link to the same target right before it, or before
// it but for a space: a page that wraps each letter or word of one link
// in its own anchor has one link, with one note.
func appendSpan(out []Inline, n Inline) []Inline {
	if cur, ok := n.(*Link); ok && len(out) > 1 {
		sp, isText := out[len(out)-1].(*Text)
		if prev, isLink := out[len(out)-2].(*Link); isText && isLink && prev.Target == cur.Target && sp.Text != "" && strings.Trim(sp.Text, " ") == "" {
			prev.Content = mergeInlines(appendText(prev.Content, " "), cur.Content)
			return out[:len(out)-1]
		}
	}
	if len(out) > 0 {
		switch prev := out[len(out)-1].(type) {
		case *Emph:
			if cur, ok := n.(*Emph); ok {
				prev.Content = mergeInlines(prev.Content, cur.Content)
				return out
			}
		case *Strong:
			if cur, ok := n.(*Strong); ok {
				prev.Content = mergeInlines(prev.Content, cur.Content)
				return out
			}
		case *Link:
			if cur, ok := n.(*Link); ok && cur.Target == prev.Target {
				prev.Content = mergeInlines(prev.Content, cur.Content)
				return out
			}
		}
	}
	return append(out, n)
}

func mergeInlines(a, b []Inline) []Inline {
	for _, n := range b {
		if t, ok := n.(*Text); ok {
			a = appendText(a, t.Text)
			continue
		}
		a = appendSpan(a, n)
	}
	return a
}

func appendText(out []Inline, s string) []Inline {
	return append(out, &Text{Text: s})
}

// joinTexts merges each run of adjacent texts into one, in spans and
// links too, in time linear in the text's length.
func joinTexts(in []Inline) []Inline {
	out := in[:0]
	for i := 0; i < len(in); i++ {
		switch n := in[i].(type) {
		case *Text:
			j := i + 1
			for j < len(in) {
				if _, ok := in[j].(*Text); !ok {
					break
				}
				j++
			}
			if j > i+1 {
				var b strings.Builder
				for _, t := range in[i:j] {
					b.WriteString(t.(*Text).Text)
				}
				n.Text = b.String()
			}
			out = append(out, n)
			i = j - 1
			continue
		case *Emph:
			n.Content = joinTexts(n.Content)
		case *Strong:
			n.Content = joinTexts(n.Content)
		case *Link:
			n.Content = joinTexts(n.Content)
		}
		out = append(out, in[i])
	}
	return out
}

func (st *wsState) text(s string) string {
	// Most text is already normal: return it without copying.
	if st.clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isSpace(r) {
			if !st.space {
				b.WriteByte(' ')
				st.space = true
			}
			continue
		}
		b.WriteRune(r)
		st.space = false
	}
	return b.String()
}

// clean reports whether text(s) would return s unchanged, and if so
// updates the state as text would. Whitespace is ASCII only (see
// isSpace), so a byte scan is exact: bytes of multi-byte characters are
// never whitespace.
func (st *wsState) clean(s string) bool {
	space := st.space
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			space = false
			continue
		}
		switch s[i] {
		case ' ':
			if space {
				return false
			}
			space = true
		case '\t', '\n', '\r', '\f', '\v':
			return false
		default:
			space = false
		}
	}
	st.space = space
	return true
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// trimRight removes trailing spaces from the end of in, descending into the
// last span, and drops nodes that become empty.
func trimRight(in []Inline) []Inline {
	for len(in) > 0 {
		switch n := in[len(in)-1].(type) {
		case *Text:
			n.Text = strings.TrimRight(n.Text, " ")
			if n.Text != "" {
				return in
			}
		case *Emph:
			n.Content = trimRight(n.Content)
			if len(n.Content) > 0 {
				return in
			}
		case *Strong:
			n.Content = trimRight(n.Content)
			if len(n.Content) > 0 {
				return in
			}
		case *Link:
			n.Content = trimRight(n.Content)
			if len(n.Content) > 0 {
				return in
			}
		default:
			return in
		}
		in = in[:len(in)-1]
	}
	return in
}

// collapse trims s and turns every run of whitespace into one space.
func collapse(s string) string {
	st := wsState{space: true}
	return strings.TrimRight(st.text(s), " ")
}
