package reader

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"pamphlet/model"
)

// magic lists signatures of binary formats people point the tool at by
// mistake, with a name for the error message.
var magic = []struct {
	prefix string
	name   string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"RIFF", "a RIFF file (WebP, WAV, AVI)"},
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (EPUB, DOCX, ODT, JAR)"},
	{"\x1f\x8b", "a gzip archive"},
	{"BZh", "a bzip2 archive"},
	{"\xfd7zXZ\x00", "an xz archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\x7fELF", "an ELF executable"},
	{"MZ", "a Windows executable"},
	{"\xcf\xfa\xed\xfe", "a Mach-O executable"},
	{"\xca\xfe\xba\xbe", "a Mach-O or Java class file"},
	{"\x00asm", "a WebAssembly module"},
	{"OggS", "an Ogg media file"},
	{"ID3", "an MP3 file"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// decode turns input bytes into clean UTF-8 text with "\n" line endings:
// byte-order marks are honoured (UTF-8, UTF-16), invalid UTF-8 falls back
// to Windows-1252 with a warning, control characters other than tab,
// newline and form feed (a page break) are removed with a warning, the
// text is put in Unicode NFC, and ligature characters are spelled out.
// Binary data and input without any visible character are errors.
func decode(src []byte, opt Options) (string, error) {
	for _, m := range magic {
		if bytes.HasPrefix(src, []byte(m.prefix)) && !(m.prefix == "MZ" && utf8.Valid(src[:min(len(src), 512)]) && !bytes.ContainsRune(src[:min(len(src), 512)], 0)) {
			return "", fmt.Errorf("%w: this looks like %s", ErrBinary, m.name)
		}
	}
	var text string
	switch {
	case bytes.HasPrefix(src, []byte("\xef\xbb\xbf")):
		src = src[3:]
	case bytes.HasPrefix(src, []byte("\xff\xfe")), bytes.HasPrefix(src, []byte("\xfe\xff")):
		text = decodeUTF16(src)
	}
	if text == "" && len(src) > 0 {
		probe := src[:min(len(src), 8192)]
		if bytes.IndexByte(probe, 0) >= 0 {
			return "", fmt.Errorf("%w: it holds NUL bytes", ErrBinary)
		}
		if utf8.Valid(src) {
			text = string(src)
		} else {
			line, col := firstInvalid(src)
			dec, err := charmap.Windows1252.NewDecoder().Bytes(src)
			if err != nil {
				return "", fmt.Errorf("%w: not UTF-8 and not Windows-1252", ErrBinary)
			}
			if controlShare(dec) > 0.1 {
				return "", fmt.Errorf("%w: not UTF-8 text", ErrBinary)
			}
			opt.warn(line, "invalid UTF-8 (first at column %d); read the file as Windows-1252/Latin-1", col)
			text = string(dec)
		}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = stripControls(text, opt)
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	// The ligatures are U+FB00 to U+FB06, whose UTF-8 forms all start
	// with these two bytes: one fast search finds whether any is there.
	if strings.Contains(text, "\xef\xac") {
		text = ligatures.Replace(text)
	}
	if strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " ")) == "" {
		return "", ErrNoText
	}
	return text, nil
}

// ligatureChars are the presentation forms a PDF copy leaves for the
// letter pairs its font set as one glyph ("oﬀicially"); ligatures spells
// them out, so that words are found, hyphenated and set in any font.
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

func decodeUTF16(src []byte) string {
	var order binary.ByteOrder = binary.LittleEndian
	if src[0] == 0xfe {
		order = binary.BigEndian
	}
	src = src[2:]
	u := make([]uint16, len(src)/2)
	for i := range u {
		u[i] = order.Uint16(src[2*i:])
	}
	return string(utf16.Decode(u))
}

// firstInvalid gives the 1-based line and column of the first byte that is
// not valid UTF-8.
func firstInvalid(src []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, utf8.RuneCount(src[start:i]) + 1
		}
		if r == '\n' {
			line++
			start = i + 1
		}
		i += n
	}
	return line, 0
}

// controlShare is the share of C0 control bytes other than whitespace.
func controlShare(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// stripControls removes control characters (C0 except tab and newline, DEL,
// C1, noncharacters) and reports how many went, where the first was.
func stripControls(s string, opt Options) string {
	if !hasControl(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	n, firstLine, line := 0, 0, 1
	for _, r := range s {
		if r == '\n' {
			line++
		}
		if r == '\f' {
			// A page break: the text reader reads its page furniture
			// (see pageBreaks); Read makes it a line break for the others.
			b.WriteByte('\f')
			continue
		}
		if isControl(r) {
			if r == '\v' {
				b.WriteByte('\n') // a line feed separates text
			}
			n++
			if firstLine == 0 {
				firstLine = line
			}
			continue
		}
		b.WriteRune(r)
	}
	if n > 0 {
		opt.warn(firstLine, "removed %d control character(s)", n)
	}
	return b.String()
}

// hasControl reports whether s (valid UTF-8) holds a character isControl
// removes. It scans bytes: C0 and DEL are single bytes, C1 characters are
// encoded C2 80..C2 9F, the noncharacters U+FFFE and U+FFFF EF BF BE/BF.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if i+8 <= len(s) && model.Printable8(s, i) {
			i += 7
			continue
		}
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			continue
		}
		switch {
		case c < 0x20:
			if c != '\n' && c != '\t' {
				return true
			}
		case c == 0x7f:
			return true
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0 {
				return true
			}
		case c == 0xef:
			if i+2 < len(s) && s[i+1] == 0xbf && (s[i+2] == 0xbe || s[i+2] == 0xbf) {
				return true
			}
		}
	}
	return false
}

func isControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0xfffe || r == 0xffff || r == utf8.RuneError:
		return r != utf8.RuneError // keep U+FFFD: it is what the source said
	}
	return false
}
