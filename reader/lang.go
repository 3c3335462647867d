package reader

import (
	"unicode"
	"unicode/utf8"
)

// langs are the languages DetectLang tells apart, English first: it wins
// ties and is the default.
var langs = [...]string{"en", "es", "fr", "de", "it", "pt"}

// stopwords are frequent short words of each language. A word shared by
// several languages ("de", "la", "que") scores for each of them; a word
// only one language uses scores double, so the distinctive ones decide.
var stopwords = [len(langs)][]string{
	{"the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "as", "on", "are", "this", "be", "by",
		"have", "from", "not", "which", "they", "you", "we", "their", "has", "were", "been", "will", "would", "there",
		"what", "when", "who", "an", "or", "but", "our", "its", "his", "her", "she", "he", "them", "these", "those",
		"can", "all", "more", "about", "than", "into", "had", "do", "does", "i", "my", "at", "if"},
	{"el", "la", "los", "las", "de", "del", "que", "y", "en", "se", "por", "con", "una", "un", "para", "es", "al",
		"lo", "como", "más", "pero", "sus", "su", "fue", "este", "esta", "sin", "también", "son", "hay", "muy", "ya",
		"nos", "nuestra", "nuestro", "cuando", "donde", "porque", "desde", "entre", "hasta", "sobre", "todo", "todos",
		"ser", "está", "están", "ha", "han", "le", "les", "yo", "mi", "tiene", "ni", "eso", "ella", "ellos", "hemos"},
	{"le", "la", "les", "de", "des", "et", "est", "une", "un", "du", "que", "qui", "dans", "pour", "pas", "sur", "au",
		"aux", "avec", "ce", "cette", "il", "elle", "ils", "sont", "par", "nous", "vous", "mais", "ou", "où", "leur",
		"leurs", "être", "avoir", "été", "ont", "fait", "plus", "comme", "tout", "tous", "aussi", "très", "même", "à",
		"ne", "se", "sa", "son", "ses", "je", "en", "y", "ces", "nos", "notre"},
	{"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einen", "zu", "den", "mit", "von", "sich", "des",
		"auf", "für", "im", "dem", "auch", "es", "wir", "sie", "wird", "werden", "aber", "ich", "du", "er", "sind",
		"war", "wie", "nach", "bei", "aus", "noch", "nur", "oder", "wenn", "dass", "kann", "hat", "haben", "zum", "zur",
		"über", "unsere", "unser", "einem", "einer", "um", "vor"},
	{"il", "di", "che", "la", "e", "per", "un", "una", "non", "sono", "del", "della", "delle", "dei", "degli", "con",
		"gli", "le", "nel", "nella", "alla", "da", "è", "anche", "più", "questo", "questa", "come", "ma", "lo", "si",
		"ha", "hanno", "essere", "stato", "molto", "ci", "ne", "al", "nei", "sul", "tra", "fra", "perché", "quando",
		"dove", "suo", "sua", "loro", "siamo", "abbiamo"},
	{"o", "a", "os", "as", "de", "do", "da", "dos", "das", "que", "e", "em", "no", "na", "nos", "nas", "um", "uma",
		"para", "com", "não", "por", "mais", "se", "ao", "foi", "são", "é", "ele", "ela", "eles", "como", "mas",
		"também", "muito", "seu", "sua", "isso", "este", "esta", "está", "pelo", "pela", "já", "quando", "onde",
		"porque", "ser", "tem", "há", "nós", "nossa", "nosso"},
}

// stopIndex maps a word to the set of languages (bit i for langs[i]).
var stopIndex = func() map[string]uint8 {
	idx := map[string]uint8{}
	for i, words := range stopwords {
		for _, w := range words {
			idx[w] |= 1 << i
		}
	}
	return idx
}()

// letterHints are letters typical of one language: ñ and ¿ for Spanish,
// ß for German, ã and õ for Portuguese, œ for French.
var letterHints = map[rune]uint8{
	'ñ': 1 << 1, '¿': 1 << 1, '¡': 1 << 1,
	'œ': 1 << 2, 'ê': 1 << 2, 'ë': 1 << 2, 'î': 1 << 2, 'û': 1 << 2,
	'ß': 1 << 3, 'ä': 1 << 3, 'ö': 1 << 3, 'ü': 1 << 3,
	'ì': 1 << 4, 'ò': 1 << 4,
	'ã': 1 << 5, 'õ': 1 << 5,
}

// detectLimit is how much of the text DetectLang reads (bytes).
const detectLimit = 20000

// DetectLang guesses the language of text among en, es, fr, de, it and pt
// from frequent function words (and a few telltale letters) in its first
// 20,000 bytes, after the scripts scriptLang recognises (Arabic, Hebrew,
// Chinese, Japanese, Korean, Greek, Russian). It returns "en" when the
// text gives no clear signal.
func DetectLang(text string) string {
	if len(text) > detectLimit {
		text = text[:detectLimit]
	}
	if l := scriptLang(text); l != "" {
		return l
	}
	var score [len(langs)]int
	var buf [24]byte
	total := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !isASCIILetter(c) {
			i++
			continue
		}
		// One word, lowercased into buf (longer words are never stopwords).
		n, long := 0, false
		for i < len(text) {
			c = text[i]
			if c < utf8.RuneSelf {
				if !isASCIILetter(c) {
					break
				}
				if n < len(buf) {
					buf[n] = c | 0x20
					n++
				} else {
					long = true
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				break
			}
			if m := letterHints[unicode.ToLower(r)]; m != 0 {
				addMask(&score, m, 1)
			}
			if n+4 <= len(buf) {
				n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
			} else {
				long = true
			}
			i += size
		}
		if n == 0 {
			// A letter rune that is not a letter (a symbol): skip it.
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		total++
		// Stop early once one language clearly leads.
		if total%128 == 0 && clearLead(&score) {
			break
		}
		if long {
			continue
		}
		if m := stopIndex[string(buf[:n])]; m != 0 {
			w := 1
			if m&(m-1) == 0 {
				w = 2 // only one language uses this word
			}
			addMask(&score, m, w)
		}
	}
	best, second := 0, -1
	for i := 1; i < len(langs); i++ {
		if score[i] > score[best] {
			best = i
		}
	}
	for i := range langs {
		if i != best && (second < 0 || score[i] > score[second]) {
			second = i
		}
	}
	// Too few function words, or no clear winner: keep the default.
	if score[best] < 3 || score[best]*10 < total || score[best] == score[second] {
		return "en"
	}
	return langs[best]
}

// clearLead reports whether one language scores at least 40 and three
// times any other.
func clearLead(score *[len(langs)]int) bool {
	best, second := 0, 0
	for _, v := range score {
		if v > best {
			best, second = v, best
		} else if v > second {
			second = v
		}
	}
	return best >= 40 && best >= 3*second
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func addMask(score *[len(langs)]int, m uint8, w int) {
	for i := range langs {
		if m&(1<<i) != 0 {
			score[i] += w
		}
	}
}
