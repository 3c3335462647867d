package reader

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
