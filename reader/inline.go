package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pamphlet/model"
)

// Limits that keep inline parsing linear on hostile input: a closing
// mark further away than this is not looked for.
const (
	maxEmphSpan = 2000 // bytes between * or _ and its closing mark
	maxLinkText = 1000 // bytes of [link text]
	maxLinkDest = 2000 // bytes of a (target) or <url>
	maxCodeSpan = 4000 // bytes between ` and its closing mark
)

// inlines reads the inline markup people leave in copied text: [text](url)
// links (with dead "#" targets, seed and a personal blog), text <url> (Go
// blog), bare URLs, *em* and _em_ (seed, Victorian magazines), **strong**
// (Go blog) and `code` (Mozilla Hacks). Unmatched marks stay as they are.
func (r *textReader) inlines(s string, line int) []model.Inline {
	p := inlineParser{r: r, line: line}
	return p.parse(s)
}

type inlineParser struct {
	r    *textReader
	line int
}

func (p *inlineParser) parse(s string) []model.Inline {
	var out []model.Inline
	start := 0 // start of pending plain text
	flush := func(end int) {
		if end > start {
			out = appendText(out, s[start:end])
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if !inlineSpecial[c] {
			i++
			continue
		}
		switch c {
		case '`':
			if n, node := codeSpan(s, i); n > 0 {
				flush(i)
				out = append(out, node)
				i += n
				start = i
				continue
			}
			// Skip the whole run so a longer run is not re-read as shorter.
			i += runLen(s, i, '`')
			continue
		case '[':
			if n, node := p.reference(s, i); n > 0 {
				flush(i)
				out = append(out, node)
				i += n
				start = i
				continue
			}
			if n, nodes := p.link(s, i); n > 0 {
				flush(i)
				out = append(out, nodes...)
				i += n
				start = i
				continue
			}
		case '<':
			if n, node := angleURL(s, i); n > 0 {
				// "we ran our annual Go user survey <https://…>" (Go blog):
				// the URL annotates the phrase before it, which becomes the
				// link; with no phrase there, the URL itself shows.
				if k, phrase := phraseBefore(s, start, i); phrase != "" {
					flush(k)
					// A closing bracket or quotation mark the phrase does
					// not open stays outside the link: "(US Eastern) <url>"
					// after "10:00 AM".
					core := trimUnopened(phrase)
					node.Content = []model.Inline{&model.Text{Text: core}}
					p.r.repair(p.line, "link", "%s linked to %s", quoteQ(core), node.Target)
					out = append(out, node)
					if core != phrase {
						out = append(out, &model.Text{Text: phrase[len(core):]})
					}
				} else {
					flush(i)
					if t := node.Target; strings.HasPrefix(strings.ToLower(t), "mailto:") {
						// An address shows without its scheme (volunteer-links).
						node.Content = []model.Inline{&model.Text{Text: t[len("mailto:"):]}}
					}
					out = append(out, node)
				}
				i += n
				start = i
				continue
			}
		case '*', '_':
			if n, node := p.emphasis(s, i); n > 0 {
				flush(i)
				out = append(out, node)
				i += n
				start = i
				continue
			}
			i += runLen(s, i, c)
			continue
		case ':', '.':
			// A bare URL is found at its "://" or the dot of "www.",
			// which are rarer than the letters it starts with.
			if u := urlStart(s, start, i); u >= 0 {
				if n := bareURL(s, u); n > 0 && u+n > i {
					flush(u)
					url := s[u : u+n]
					target := url
					if !strings.Contains(strings.ToLower(url[:min(len(url), 8)]), "://") {
						target = "https://" + url
					}
					out = append(out, &model.Link{Target: target, Content: []model.Inline{&model.Text{Text: url}}})
					i = u + n
					start = i
					continue
				}
			}
		}
		i++
	}
	flush(len(s))
	return out
}

// inlineSpecial marks the bytes where inline markup may start.
var inlineSpecial = [256]bool{'`': true, '[': true, '<': true, '*': true, '_': true, ':': true, '.': true}

// appendText adds s as text, merging with a text node before it.
func appendText(out []model.Inline, s string) []model.Inline {
	if len(out) > 0 {
		if t, ok := out[len(out)-1].(*model.Text); ok {
			t.Text += s
			return out
		}
	}
	return append(out, &model.Text{Text: s})
}

// runLen counts the bytes equal to c from s[i].
func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// codeSpan reads a code span (text between runs of one or more backquotes
// of the same length) at s[i] and returns its length.
func codeSpan(s string, i int) (int, model.Inline) {
	n := runLen(s, i, '`')
	end := min(len(s), i+n+maxCodeSpan)
	for j := i + n; j < end; {
		k := strings.IndexByte(s[j:end], '`')
		if k < 0 {
			return 0, nil
		}
		j += k
		m := runLen(s, j, '`')
		if m == n {
			text := s[i+n : j]
			if len(text) >= 2 && text[0] == ' ' && text[len(text)-1] == ' ' && strings.TrimSpace(text) != "" {
				text = text[1 : len(text)-1]
			}
			if strings.TrimSpace(text) == "" {
				return 0, nil
			}
			return j + m - i, &model.CodeSpan{Text: text}
		}
		j += m
	}
	return 0, nil
}

// link reads [text](target) at s[i]. A dead target ("#", "", an anchor
// into the page it was copied from, or javascript:) leaves the text as
// plain text, recorded as a repair: the seed has twenty such links.
func (p *inlineParser) link(s string, i int) (int, []model.Inline) {
	close := matchBracket(s, i, '[', ']', maxLinkText)
	if close < 0 || close+1 >= len(s) || s[close+1] != '(' {
		return 0, nil
	}
	end := matchBracket(s, close+1, '(', ')', maxLinkDest)
	if end < 0 {
		return 0, nil
	}
	text := s[i+1 : close]
	dest := strings.TrimSpace(s[close+2 : end])
	// An optional title: [text](url "title").
	if k := strings.IndexAny(dest, " \t"); k >= 0 {
		title := strings.TrimSpace(dest[k:])
		if len(title) < 2 || !(title[0] == '"' && title[len(title)-1] == '"' || title[0] == '\'' && title[len(title)-1] == '\'') {
			return 0, nil
		}
		dest = dest[:k]
	}
	dest = strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">")
	content := p.parse(text)
	if strings.TrimSpace(text) == "" {
		return 0, nil
	}
	low := strings.ToLower(dest)
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(low, "javascript:") {
		target := dest
		if target == "" {
			target = "empty"
		}
		p.r.repair(p.line, "dead-link", "link %q had a dead target (%s); kept as text", head(text), target)
		return end + 1 - i, content
	}
	return end + 1 - i, []model.Inline{&model.Link{Target: dest, Content: content}}
}

// reference reads a text browser's numbered link at s[i], "[3]faster
// defers", when the text's reference list (numberedReferences) gives
// the number a target. The browser marks only where the link's text
// begins, so the link takes the word after the mark, without the
// punctuation that closes it; the mark itself goes.
func (p *inlineParser) reference(s string, i int) (int, *model.Link) {
	if p.r.refs == nil {
		return 0, nil
	}
	num, k := referenceMark(s[i:])
	target := p.r.refs[num]
	if k == 0 || target == "" {
		return 0, nil
	}
	e := i + k
	for e < len(s) && s[e] != ' ' && s[e] != '\t' && s[e] != '[' {
		e++
	}
	word := strings.TrimRight(s[i+k:e], ",.;:!?\"'”’)")
	if word == "" {
		return 0, nil
	}
	p.r.repair(p.line, "link", "%s read as a link to %s", quoteQ(s[i:i+k+len(word)]), target)
	return k + len(word), &model.Link{Target: target, Content: []model.Inline{&model.Text{Text: word}}}
}

// matchBracket finds the bracket closing the one at s[i], counting nested
// pairs, within limit bytes; -1 when there is none.
func matchBracket(s string, i int, open, close byte, limit int) int {
	depth := 0
	end := min(len(s), i+limit)
	for j := i; j < end; j++ {
		switch s[j] {
		case '\\':
			j++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j
			}
		case '\n':
			return -1
		}
	}
	return -1
}

// urlSchemes open a URL written out in text.
var urlSchemes = []string{"https://", "http://", "ftp://", "mailto:"}

// maxLinkWords caps the phrase a "text <url>" link takes.
const maxLinkWords = 4

// linkStops are words a link phrase does not reach back over: it is the run
// of words since the last punctuation or function word, at most
// maxLinkWords long ("we ran our annual Go user survey <url>" links "annual
// Go user survey", as the original Go blog post did; "email the coordinator
// at <mailto:…>" links nothing, so the address shows).
var linkStops = map[string]bool{
	"we": true, "you": true, "i": true, "he": true, "she": true, "it": true, "they": true, "us": true,
	"them": true, "me": true, "this": true, "these": true, "those": true, "which": true, "who": true,
	"also": true, "including": true, "see": true, "via": true, "about": true, "over": true, "under": true,
	"has": true, "have": true, "had": true, "be": true, "been": true, "will": true, "would": true, "can": true,
	"could": true, "should": true, "may": true, "might": true, "must": true, "here": true, "there": true,
	"nor": true, "upon": true, "onto": true, "after": true, "before": true, "like": true, "unter": true,
}

// phraseBefore finds the phrase that ends right before s[i] (one space
// between), within the pending text s[start:i]: the words back to the
// last clause punctuation or function word, at most maxLinkWords. It
// returns where the phrase starts and the phrase, or "" when there is
// none.
func phraseBefore(s string, start, i int) (int, string) {
	j := i
	if j > start && s[j-1] == ' ' {
		j--
	}
	if j == i || j == start || s[j-1] == ' ' {
		return 0, ""
	}
	k, words := j, 0
	for k > start && words < maxLinkWords {
		w := k
		for w > start && s[w-1] != ' ' {
			w--
		}
		word := s[w:k]
		core := strings.ToLower(strings.Trim(word, "\"'“”‘’«»()[]"))
		if words > 0 && strings.ContainsRune(",;:.!?", lastRune(word)) && !endsAbbreviation(word) {
			break // "Nov 11, 10:00 AM": the clause before the comma
		}
		if (functionWords[core] || linkStops[core]) && !isAllCaps(word) {
			break // but "US" in "(US Eastern)" is no pronoun
		}
		k, words = w, words+1
		if k > start && s[k-1] == ' ' && k-1 > start {
			k--
		} else {
			break
		}
	}
	if s[k] == ' ' {
		k++
	}
	if words == 0 {
		return 0, ""
	}
	phrase := s[k:j]
	// Keep an opening bracket or quotation mark that the phrase does not
	// close out of the link.
	for len(phrase) > 0 && strings.IndexByte("([\"'", phrase[0]) >= 0 && !strings.ContainsRune(phrase[1:], closerOf(rune(phrase[0]))) {
		phrase, k = phrase[1:], k+1
	}
	if !hasLetter(phrase) && !strings.ContainsAny(phrase, "0123456789") {
		return 0, ""
	}
	// The phrase must end with a letter or digit, perhaps inside brackets
	// or quotation marks.
	if r := lastRune(strings.TrimRight(phrase, ")]\"'”’»")); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return 0, ""
	}
	return k, phrase
}

// closerOf returns the mark that closes an opening bracket or quotation
// mark.
func closerOf(r rune) rune {
	switch r {
	case '(':
		return ')'
	case '[':
		return ']'
	}
	return r
}

// pairs maps a closing bracket or quotation mark to its opening one.
var pairs = map[rune]rune{')': '(', ']': '[', '"': '"', '\'': '\'', '”': '“', '’': '‘', '»': '«'}

// trimUnopened returns phrase without the closing brackets and quotation
// marks at its end that it does not open itself.
func trimUnopened(phrase string) string {
	for phrase != "" {
		c := lastRune(phrase)
		open, ok := pairs[c]
		if !ok {
			return phrase
		}
		body := phrase[:len(phrase)-utf8.RuneLen(c)]
		opened := strings.Count(body, string(open))
		if open == c {
			opened %= 2
		} else {
			opened -= strings.Count(body, string(c))
		}
		if opened > 0 {
			return phrase
		}
		phrase = body
	}
	return phrase
}

// angleURL reads <https://…> at s[i] (the Go blog writes "text <url>").
func angleURL(s string, i int) (int, *model.Link) {
	rest := s[i+1:]
	ok := false
	for _, sch := range urlSchemes {
		if len(rest) > len(sch) && strings.EqualFold(rest[:len(sch)], sch) {
			ok = true
			break
		}
	}
	if !ok {
		return 0, nil
	}
	end := min(len(rest), maxLinkDest)
	for j := 0; j < end; j++ {
		switch rest[j] {
		case '>':
			u := rest[:j]
			return j + 2, &model.Link{Target: u, Content: []model.Inline{&model.Text{Text: u}}}
		case ' ', '\t', '<', '"':
			return 0, nil
		}
	}
	return 0, nil
}

// urlStart returns where a URL whose "://" or "www." dot is at s[i]
// starts, within the pending text s[start:i], or -1.
func urlStart(s string, start, i int) int {
	if s[i] == ':' {
		if !strings.HasPrefix(s[i:], "://") {
			return -1
		}
		for _, sch := range []string{"https", "http", "ftp"} {
			if u := i - len(sch); u >= start && strings.EqualFold(s[u:i], sch) {
				return u
			}
		}
		return -1
	}
	if u := i - 3; u >= start && strings.EqualFold(s[u:i], "www") {
		return u
	}
	return -1
}

// bareURL returns the length of a URL starting at s[i] ("https://…",
// "www.…"), without the punctuation that ends the sentence after it.
func bareURL(s string, i int) int {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '/' || prev == '.' || prev == '@' || prev == '-' || prev == '_' {
			return 0
		}
	}
	rest := s[i:]
	ok := false
	for _, sch := range []string{"https://", "http://", "www."} {
		if len(rest) > len(sch)+2 && strings.EqualFold(rest[:len(sch)], sch) {
			ok = true
			break
		}
	}
	if !ok {
		return 0
	}
	n := 0
	for n < len(rest) && n < maxLinkDest {
		c := rest[n]
		if c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' {
			break
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(rest[n:])
			if unicode.IsSpace(r) || r == '“' || r == '”' || r == '’' || r == '‘' || r == '«' || r == '»' {
				break
			}
			n += size
			continue
		}
		n++
	}
	// Trailing punctuation belongs to the sentence, and a closing bracket
	// only when the URL opened one.
	for n > 0 {
		c := rest[n-1]
		if strings.IndexByte(".,;:!?'*_", c) >= 0 {
			n--
			continue
		}
		if c == ')' && strings.Count(rest[:n], "(") < strings.Count(rest[:n], ")") {
			n--
			continue
		}
		if c == ']' && strings.Count(rest[:n], "[") < strings.Count(rest[:n], "]") {
			n--
			continue
		}
		break
	}
	if n <= 8 || !strings.Contains(rest[:n], ".") {
		return 0
	}
	return n
}

// emphasis reads *em*, _em_, **strong** or __strong__ at s[i]. An opening
// mark must touch the word after it, a closing one the word before it, and
// an underscore must not sit inside a word (snake_case, a Blogger's
// "synth_greenpak4").
func (p *inlineParser) emphasis(s string, i int) (int, model.Inline) {
	c := s[i]
	n := runLen(s, i, c)
	if n > 2 || i+n >= len(s) {
		return 0, nil
	}
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if unicode.IsSpace(next) {
		return 0, nil
	}
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if c == '_' && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) {
			return 0, nil
		}
		if c == '*' && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) && n == 1 && !unicode.IsLetter(next) {
			return 0, nil
		}
	}
	end := min(len(s), i+n+maxEmphSpan)
	for j := i + n; j < end; j++ {
		switch s[j] {
		case '`':
			// Code spans are opaque: skip them.
			if m, _ := codeSpan(s, j); m > 0 {
				j += m - 1
			}
			continue
		case c:
		default:
			continue
		}
		m := runLen(s, j, c)
		if m != n {
			j += m - 1
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		if unicode.IsSpace(prev) || j == i+n {
			j += m - 1
			continue
		}
		if c == '_' && j+m < len(s) {
			after, _ := utf8.DecodeRuneInString(s[j+m:])
			if unicode.IsLetter(after) || unicode.IsDigit(after) {
				j += m - 1
				continue
			}
		}
		content := p.parse(s[i+n : j])
		if n == 2 {
			return j + m - i, &model.Strong{Content: content}
		}
		return j + m - i, &model.Emph{Content: content}
	}
	return 0, nil
}
