package fonts

import (
	"embed"
	"fmt"
)

//go:embed OFL-CharisSIL.txt LICENSE-DejaVu.txt LICENSE-DroidSansFallback.txt LICENSE-Nanum.txt LICENSE-Symbola.txt
var files embed.FS

// The faces are embedded as byte slices rather than in files: a slice can
// be parsed where it lies, so a run reads the few pages of each face it
// needs instead of copying three quarters of a megabyte per face.
var (
	//go:embed CharisSIL-Regular.ttf
	charisRegular []byte
	//go:embed CharisSIL-Italic.ttf
	charisItalic []byte
	//go:embed CharisSIL-Bold.ttf
	charisBold []byte
	//go:embed CharisSIL-BoldItalic.ttf
	charisBoldItalic []byte
	//go:embed DejaVuSansMono.ttf
	dejaVuSansMono []byte
	//go:embed DejaVuSansMono-Bold.ttf
	dejaVuSansMonoBold []byte
	//go:embed DejaVuSansMono-Oblique.ttf
	dejaVuSansMonoOblique []byte
	//go:embed DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed DroidSansFallbackFull.ttf
	droidSansFallback []byte
	//go:embed NanumMyeongjo.ttf
	nanumMyeongjo []byte
	//go:embed Symbola.ttf
	symbola []byte
)

// faceData holds each style's TrueType file.
var faceData = [...][]byte{
	Regular:     charisRegular,
	Italic:      charisItalic,
	Bold:        charisBold,
	BoldItalic:  charisBoldItalic,
	Mono:        dejaVuSansMono,
	Fallback:    dejaVuSans,
	CJK:         droidSansFallback,
	Hangul:      nanumMyeongjo,
	Symbols:     symbola,
	MonoBold:    dejaVuSansMonoBold,
	MonoOblique: dejaVuSansMonoOblique,
}

// Style is a face of the text family.
type Style int

// The four faces of the text family, plus the code face and the fallback
// faces for characters the text family lacks.
const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
	Mono     // code: DejaVu Sans Mono
	Fallback // characters Charis SIL lacks: DejaVu Sans
	// CJK is for the Chinese and Japanese characters no other face has:
	// Droid Sans Fallback (4 MB, parsed and embedded only in documents
	// that use it).
	CJK
	// Hangul is for the Korean syllables that Droid Sans Fallback lacks:
	// NanumMyeongjo, a serif like the text face (also parsed and embedded
	// only when used).
	Hangul
	// Symbols is the last resort, for emoji and the symbols no other face
	// has: Symbola, in outline (one colour, like the text); parsed and
	// embedded only when used.
	Symbols
	// MonoBold and MonoOblique set highlighted code (keywords, comments):
	// DejaVu Sans Mono Bold and Oblique, embedded only when used.
	MonoBold
	MonoOblique
	// NumStyles counts the styles above (it is not one), for tables
	// indexed by style.
	NumStyles
)

// fileNames maps each style to its embedded TrueType file.
var fileNames = [...]string{
	Regular:     "CharisSIL-Regular.ttf",
	Italic:      "CharisSIL-Italic.ttf",
	Bold:        "CharisSIL-Bold.ttf",
	BoldItalic:  "CharisSIL-BoldItalic.ttf",
	Mono:        "DejaVuSansMono.ttf",
	Fallback:    "DejaVuSans.ttf",
	CJK:         "DroidSansFallbackFull.ttf",
	Hangul:      "NanumMyeongjo.ttf",
	Symbols:     "Symbola.ttf",
	MonoBold:    "DejaVuSansMono-Bold.ttf",
	MonoOblique: "DejaVuSansMono-Oblique.ttf",
}

// Styles lists every embedded face, in a fixed order.
var Styles = []Style{Regular, Italic, Bold, BoldItalic, Mono, Fallback, CJK, Hangul, Symbols, MonoBold, MonoOblique}

func (s Style) String() string {
	if s < 0 || int(s) >= len(fileNames) {
		return fmt.Sprintf("Style(%d)", int(s))
	}
	return fileNames[s]
}

// FileName returns the TrueType file name of style s.
func FileName(s Style) string { return s.String() }

// TTF returns the TrueType bytes of style s, where they are embedded in
// the program: nothing is copied, and only the parts a caller reads are
// paged in. The slice is shared: do not modify it.
func TTF(s Style) []byte {
	if s < 0 || int(s) >= len(faceData) {
		panic(fmt.Sprintf("fonts: unknown style %d", int(s)))
	}
	return faceData[s]
}

// Licence returns the licence text that must travel with style s's file.
func Licence(s Style) (name string, text []byte) {
	switch s {
	case Mono, MonoBold, MonoOblique, Fallback:
		name = "LICENSE-DejaVu.txt"
	case CJK:
		name = "LICENSE-DroidSansFallback.txt"
	case Hangul:
		name = "LICENSE-Nanum.txt"
	case Symbols:
		name = "LICENSE-Symbola.txt"
	default:
		name = "OFL-CharisSIL.txt"
	}
	b, err := files.ReadFile(name)
	if err != nil {
		panic("fonts: embedded licence missing: " + err.Error())
	}
	return name, b
}
