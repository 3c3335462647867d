package layout

import (
	"strings"
	"unicode"
)

// ideoStretch is the stretch of the glue between two ideographs, in
// percent of the type size. Chinese and Japanese are set solid, with no
// spaces; a justified line spreads its slack (less than one character)
// between its characters, as CJK typesetting does, and 5% per gap gives a
// line of thirty characters 1.45 em of stretch, so the slack stays well
// within the tolerance.
const ideoStretch = 5

// isIdeo reports characters of the scripts written without spaces between
// words, where a line may break between any two characters: Han
// ideographs, kana, bopomofo, CJK punctuation and full-width forms.
// Hangul is not among them: Korean separates words with spaces.
func isIdeo(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

// Characters that may not start a line (closing brackets and
// punctuation, small kana, the prolonged sound mark) or end one (opening
// brackets), after the Japanese kinsoku rules, which Chinese typesetting
// shares for punctuation.
const (
	noLineStart = "）」』】〕〉》〗〙〛｝］、。，．・：；？！ー‐々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ〟’”｡｣､･ｰ" +
		")]},.!?:;%'\"…"
	noLineEnd = "（「『【〔〈《〖〘〚｛［〝‘“｢([{"
)

// ideoBreakable reports whether a line may break between a and b inside
// a word: one of them is an ideograph, and the break leaves no closing
// mark at a line's start nor an opening one at its end.
func ideoBreakable(a, b rune) bool {
	if !isIdeo(a) && !isIdeo(b) {
		return false
	}
	if invisible(a) || invisible(b) {
		return false
	}
	return !strings.ContainsRune(noLineStart, b) && !strings.ContainsRune(noLineEnd, a)
}
