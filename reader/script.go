package reader

import (
	"unicode"
	"unicode/utf8"
)

// scriptLang names the language of text written mostly in a script that
// few languages use, which the function words of DetectLang cannot tell:
// Arabic (Persian when its own letters appear), Hebrew, Chinese, Japanese
// (kana), Korean (Hangul), Greek and Russian (Cyrillic). It returns ""
// when most letters are Latin or there are too few to judge. The
// language decides the text direction of the EPUB and the
// hyphenation of the PDF.
func scriptLang(text string) string {
	var latin, arabic, persian, hebrew, han, kana, hangul, greek, cyrillic int
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case !unicode.IsLetter(r):
		case r >= 0xc0 && r < 0x250:
			// Latin-1 and Latin Extended-A and B: every letter from
			// U+00C0 on is Latin; the table search is for the rest.
			latin++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Arabic, r):
			arabic++
			if r == 'پ' || r == 'چ' || r == 'ژ' || r == 'گ' || r == 'ک' || r == 'ی' {
				persian++
			}
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		}
	}
	other := arabic + hebrew + han + kana + hangul + greek + cyrillic
	if other < 20 || other <= latin {
		return ""
	}
	switch best := max(arabic, hebrew, han+kana, hangul, greek, cyrillic); {
	case best == arabic && persian*20 > arabic:
		return "fa"
	case best == arabic:
		return "ar"
	case best == hebrew:
		return "he"
	case best == han+kana && kana*10 > han:
		return "ja"
	case best == han+kana:
		return "zh"
	case best == hangul:
		return "ko"
	case best == greek:
		return "el"
	default:
		return "ru"
	}
}
