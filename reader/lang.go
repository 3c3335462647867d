package reader

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// langs are the languages DetectLang tells apart, English first: it wins
// ties and is the default.
var langs = [...]string{"en", "es", "fr", "de", "it", "pt"}

// stopwords are frequent short words of each language. A word shared by
// several languages ("de", "la", "que") scores for each of them; a word
// only one language uses scores double, so the distinctive ones decide.
var stopwords = [len(langs)][]string{
	{"the", "a", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "as", "on", "are", "this", "be", "by",
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

// Language detection has two witnesses, both asked about a sample of
// windows spread evenly over the text, so that an English licence above a
// German novel, one foreign quotation or a list of names cannot decide for
// the whole. The first counts function words: cheap, and decisive on most
// articles, where one language leads by far. When it does not, a trigram
// detector (whatlanggo, restricted to the languages pamphlet hyphenates
// and has words for) reads the windows one by one. A language is taken
// when the function words lead by far, when the trigrams name it with
// confidence, or when both witnesses name it; otherwise the reader keeps
// English and says so. The trigram detector costs about a millisecond a
// window, which is why it is not asked first.
const (
	// langWindow is the length of one sample window in bytes. The
	// trigram detector's scores are built for texts of a few hundred
	// trigrams: on much longer texts its distances overflow and its
	// confidence turns negative.
	langWindow = 1000
	// langWindows is the most windows read; a longer text is sampled at
	// evenly spaced points.
	langWindows = 8
	// trigramWindows is the most windows the trigram detector reads.
	trigramWindows = 3
	// langConfidence is the least trigram confidence (0 to 1: the mean
	// over the windows of the winner's confidence less the others')
	// taken without a second witness.
	langConfidence = 0.5
)

// trigramLangs maps the detector's languages to the tags DetectLang
// returns; the detector compares only these.
var trigramLangs = map[whatlanggo.Lang]string{
	whatlanggo.Eng: "en", whatlanggo.Spa: "es", whatlanggo.Fra: "fr",
	whatlanggo.Deu: "de", whatlanggo.Ita: "it", whatlanggo.Por: "pt",
}

var trigramOptions = func() whatlanggo.Options {
	w := map[whatlanggo.Lang]bool{}
	for l := range trigramLangs {
		w[l] = true
	}
	return whatlanggo.Options{Whitelist: w}
}()

// langGuess is a detected language and how sure the detector is.
type langGuess struct {
	lang string // a tag of langs, or of scriptLang
	// confidence is the trigram confidence, 0 to 1 (1 when the script or
	// the function words decided).
	confidence float64
	// sure is false when the evidence was too weak and lang is the
	// English default.
	sure bool
	// guess is the best candidate when sure is false ("" without one).
	guess string
}

// DetectLang guesses the language of text: first from its script (Arabic,
// Hebrew, Chinese, Japanese, Korean, Greek, Russian; see scriptLang),
// then among en, es, fr, de, it and pt from function words and letter
// trigrams. It returns "en" when the evidence is too weak.
func DetectLang(text string) string { return detectLang(text).lang }

// detectLang is DetectLang with the evidence kept.
func detectLang(text string) langGuess {
	windows := langSample(text)
	var score [len(langs)]int
	total := 0
	// Another script needs at least 20 letters of two bytes or more.
	high := 0
	for _, w := range windows {
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				high++
			}
		}
	}
	if high >= 40 {
		if l := scriptLang(strings.Join(windows, "\n")); l != "" {
			return langGuess{lang: l, confidence: 1, sure: true}
		}
	}
	for i, w := range windows {
		total += countWords(w, &score)
		// Two windows that agree by far are enough.
		if i >= 1 && clearLead(&score) {
			break
		}
	}
	words, clear := wordVerdict(&score, total)
	if clear && clearLead(&score) {
		return langGuess{lang: words, confidence: 1, sure: true}
	}
	tri, conf := trigramLang(windows)
	switch {
	case tri != "" && conf >= langConfidence:
		return langGuess{lang: tri, confidence: conf, sure: true}
	case tri != "" && clear && words == tri:
		return langGuess{lang: tri, confidence: conf, sure: true}
	}
	g := langGuess{lang: "en", confidence: conf, guess: tri}
	if clear && (tri == "" || conf == 0) {
		g.guess = words
	}
	return g
}

// langSample cuts up to langWindows windows of about langWindow bytes from
// text: all of it when short, evenly spaced windows when long.
func langSample(text string) []string {
	step := langWindow
	if len(text) > langWindow*langWindows {
		step = len(text) / langWindows
	}
	var out []string
	for off := 0; off < len(text) && len(out) < langWindows; off += step {
		if w := window(text, off); strings.TrimSpace(w) != "" {
			out = append(out, w)
		}
	}
	return out
}

// window returns about langWindow bytes of text from off, cut at spaces
// so that no word is split.
func window(text string, off int) string {
	if off > 0 {
		i := strings.IndexAny(text[off:], " \n")
		if i < 0 {
			return ""
		}
		off += i + 1
	}
	end := off + langWindow
	if end >= len(text) {
		return text[off:]
	}
	if i := strings.LastIndexAny(text[off:end], " \n"); i > 0 {
		end = off + i
	}
	return text[off:end]
}

// trigramLang asks the trigram detector about each window and returns the
// language with the most confidence summed over them, with the mean margin
// of that confidence over the others' ("" when no window has letters to
// judge).
func trigramLang(windows []string) (string, float64) {
	var votes [len(langs)]float64
	n := 0
	// The first, middle and last windows: the detector is slow.
	if len(windows) > trigramWindows {
		windows = []string{windows[0], windows[len(windows)/2], windows[len(windows)-1]}
	}
	for _, w := range windows {
		info := whatlanggo.DetectWithOptions(w, trigramOptions)
		tag, ok := trigramLangs[info.Lang]
		if !ok {
			continue
		}
		n++
		votes[slices.Index(langs[:], tag)] += max(info.Confidence, 0)
	}
	if n == 0 {
		return "", 0
	}
	best, total := 0, 0.0
	for i, v := range votes {
		total += v
		if v > votes[best] {
			best = i
		}
	}
	if votes[best] == 0 {
		return "", 0
	}
	return langs[best], max(0, (2*votes[best]-total)/float64(n))
}

// countWords adds the function words (and a few telltale letters) of each
// language in text to score and returns how many words it read.
func countWords(text string, score *[len(langs)]int) (total int) {
	var buf [24]byte
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
				addMask(score, m, 1)
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
		if long {
			continue
		}
		if m := stopIndex[string(buf[:n])]; m != 0 {
			w := 1
			if m&(m-1) == 0 {
				w = 2 // only one language uses this word
			}
			addMask(score, m, w)
		}
	}
	return total
}

// wordVerdict names the language whose function words score best over
// total words. clear is false when there are too few of them or no clear
// winner.
func wordVerdict(score *[len(langs)]int, total int) (lang string, clear bool) {
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
		return langs[best], false
	}
	return langs[best], true
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
