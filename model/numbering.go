package model

import (
	"strconv"
	"strings"
)

// ItemLabel returns how item n (counting from 1) of an ordered list with
// the given numbering is counted: "3", "c", "C", "iii" or "III". Letters
// go on past z as spreadsheets and CSS do (z, aa, ab…); roman numerals
// past 3999, which they cannot write, fall back to digits.
func ItemLabel(numbering string, n int) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	switch numbering {
	case "a", "A":
		var b []byte
		for k := n; k > 0; k = (k - 1) / 26 {
			b = append(b, byte('a'+(k-1)%26))
		}
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		if numbering == "A" {
			return strings.ToUpper(string(b))
		}
		return string(b)
	case "i", "I":
		if n > 3999 {
			return strconv.Itoa(n)
		}
		var b strings.Builder
		for _, d := range romanDigits {
			for n >= d.value {
				b.WriteString(d.text)
				n -= d.value
			}
		}
		if numbering == "I" {
			return strings.ToUpper(b.String())
		}
		return b.String()
	}
	return strconv.Itoa(n)
}

var romanDigits = [...]struct {
	value int
	text  string
}{
	{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
	{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"},
}
