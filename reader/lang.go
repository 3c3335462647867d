package reader

import (
	"strings"
	"unicode"
)

// stopwords are frequent short words that tell the six supported languages
// apart. Words shared by several languages (such as "a", "de", "la") score
// for each of them; the distinctive ones decide.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "as", "on", "are", "this", "be", "by", "have", "from", "not", "which", "they", "you", "we", "their"},
	"es": {"el", "la", "de", "que", "y", "en", "los", "las", "del", "se", "por", "con", "una", "para", "es", "al", "lo", "como", "más", "pero", "sus", "su", "fue", "este", "sin"},
	"fr": {"le", "la", "les", "de", "des", "et", "est", "une", "un", "du", "que", "qui", "dans", "pour", "pas", "sur", "au", "avec", "ce", "il", "sont", "aux", "par", "nous", "mais"},
	"de": {"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von", "sich", "des", "auf", "für", "im", "dem", "auch", "es", "wir", "sie", "wird", "werden", "aber"},
	"it": {"il", "di", "che", "la", "e", "per", "un", "una", "non", "sono", "del", "della", "con", "gli", "le", "nel", "alla", "da", "è", "anche", "più", "questo", "come", "ma", "dei"},
	"pt": {"o", "a", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "os", "as", "dos", "das", "no", "na", "por", "mais", "se", "ao", "foi", "são"},
}

var stopIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, words := range stopwords {
		for _, w := range words {
			idx[w] = append(idx[w], lang)
		}
	}
	return idx
}()

// langOrder breaks ties deterministically, English first.
var langOrder = []string{"en", "es", "fr", "de", "it", "pt"}

// DetectLang guesses the language of text among en, es, fr, de, it and pt
// by counting frequent function words in its first 20,000 characters. It
// returns "en" when the text gives no clear signal.
func DetectLang(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	score := map[string]int{}
	total := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		total++
		for _, lang := range stopIndex[w] {
			score[lang]++
		}
	}
	best, bestScore := "en", 0
	for _, lang := range langOrder {
		if score[lang] > bestScore {
			best, bestScore = lang, score[lang]
		}
	}
	// Too few function words to say: keep the default.
	if bestScore < 3 || bestScore*20 < total {
		return "en"
	}
	return best
}
