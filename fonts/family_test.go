package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// licenceText stands in for a licence file beside the test fonts.
const licenceText = "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"

// writeFiles writes files (slash paths) under a new temporary folder and
// returns it.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tableAt returns the offset and length of a table of a TrueType file.
func tableAt(t *testing.T, ttf []byte, tag string) (off, length int) {
	t.Helper()
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		}
	}
	t.Fatalf("no %s table", tag)
	return 0, 0
}

// withFSType returns a copy of ttf whose OS/2 embedding permissions are v.
func withFSType(t *testing.T, ttf []byte, v uint16) []byte {
	out := slices.Clone(ttf)
	off, _ := tableAt(t, out, "OS/2")
	binary.BigEndian.PutUint16(out[off+8:], v)
	return out
}

// withMagic returns a copy of ttf that starts with another sfnt version
// tag ("OTTO" for CFF outlines, "wOF2" for a web font).
func withMagic(ttf []byte, magic string) []byte {
	out := slices.Clone(ttf)
	copy(out, magic)
	return out
}

// withoutLicence returns a copy of ttf whose name table has no licence
// entries: their records are renumbered to the designer's URL.
func withoutLicence(t *testing.T, ttf []byte) []byte {
	out := slices.Clone(ttf)
	off, _ := tableAt(t, out, "name")
	count := int(binary.BigEndian.Uint16(out[off+2:]))
	for i := range count {
		rec := out[off+6+12*i:]
		if id := binary.BigEndian.Uint16(rec[6:]); id == 13 || id == 14 {
			binary.BigEndian.PutUint16(rec[6:], 12)
		}
	}
	return out
}

// collection wraps one TrueType file in a font collection (.ttc) of one
// face: the collection header, then the file with its table offsets
// moved past the header.
func collection(t *testing.T, ttf []byte) []byte {
	const header = 16
	out := make([]byte, header, header+len(ttf))
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], 1)
	binary.BigEndian.PutUint32(out[12:], header)
	out = append(out, ttf...)
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := out[header+12+16*i:]
		binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+header)
	}
	if _, err := sfnt.ParseCollection(out); err != nil {
		t.Fatalf("test collection: %v", err)
	}
	return out
}

// charis is the embedded text family as a user would have it: its four
// files, optionally with their licence.
func charis(licence bool) map[string][]byte {
	files := map[string][]byte{
		"CharisSIL-Regular.ttf":    TTF(Regular),
		"CharisSIL-Italic.ttf":     TTF(Italic),
		"CharisSIL-Bold.ttf":       TTF(Bold),
		"CharisSIL-BoldItalic.ttf": TTF(BoldItalic),
	}
	if licence {
		files["OFL.txt"] = []byte(licenceText)
	}
	return files
}

func TestLoadFamilyFindsFacesByTheirNames(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string][]byte
		family string
		// want is the file of each text style, in Styles order.
		want     [4]string
		warnings []string
	}{
		{
			name:  "four faces with their licence",
			files: charis(true),
			want:  [4]string{"CharisSIL-Regular.ttf", "CharisSIL-Italic.ttf", "CharisSIL-Bold.ttf", "CharisSIL-BoldItalic.ttf"},
		},
		{
			name: "faces under a subfolder, the licence above them",
			files: map[string][]byte{
				"OFL.txt":                       []byte(licenceText),
				"static/CharisSIL-Regular.ttf":  withoutLicence(t, TTF(Regular)),
				"static/CharisSIL-Italic.ttf":   withoutLicence(t, TTF(Italic)),
				"static/x/CharisSIL-Bold.ttf":   withoutLicence(t, TTF(Bold)),
				"static/x/CharisSIL-BoldIt.ttf": withoutLicence(t, TTF(BoldItalic)),
			},
			want: [4]string{"static/CharisSIL-Regular.ttf", "static/CharisSIL-Italic.ttf", "static/x/CharisSIL-Bold.ttf", "static/x/CharisSIL-BoldIt.ttf"},
		},
		{
			name:     "regular only: the other styles are set in it, said once",
			files:    map[string][]byte{"a.ttf": TTF(Regular), "LICENSE": []byte(licenceText)},
			want:     [4]string{"a.ttf", "a.ttf", "a.ttf", "a.ttf"},
			warnings: []string{`font family "Charis SIL" has no italic face (set in regular), bold face (set in regular), bold italic face (set in regular)`},
		},
		{
			name:     "no bold italic: set in bold",
			files:    map[string][]byte{"r.ttf": TTF(Regular), "i.ttf": TTF(Italic), "b.ttf": TTF(Bold)},
			want:     [4]string{"r.ttf", "i.ttf", "b.ttf", "b.ttf"},
			warnings: []string{`font family "Charis SIL" has no bold italic face (set in bold)`},
		},
		{
			name:     "no licence file and none in the name table",
			files:    map[string][]byte{"r.ttf": withoutLicence(t, TTF(Regular)), "i.ttf": TTF(Italic), "b.ttf": TTF(Bold), "bi.ttf": TTF(BoldItalic)},
			want:     [4]string{"r.ttf", "i.ttf", "b.ttf", "bi.ttf"},
			warnings: []string{`font family "Charis SIL": no licence found (no OFL*, LICENSE* or COPYING* file beside r.ttf, none in its name table); embedding it in the PDF needs the right to do so`},
		},
		{
			name:   "one family chosen among several, by a loose spelling",
			files:  map[string][]byte{"sans/DejaVuSans.ttf": TTF(Fallback), "serif/CharisSIL-Regular.ttf": TTF(Regular), "serif/CharisSIL-Bold.ttf": TTF(Bold)},
			family: "charis-sil",
			want:   [4]string{"serif/CharisSIL-Regular.ttf", "serif/CharisSIL-Regular.ttf", "serif/CharisSIL-Bold.ttf", "serif/CharisSIL-Bold.ttf"},
			warnings: []string{
				`font family "Charis SIL" has no italic face (set in regular), bold italic face (set in bold)`,
			},
		},
		{
			name:   "TrueType files chosen over the family's CFF and web fonts",
			files:  map[string][]byte{"r.ttf": TTF(Regular), "r.otf": withMagic(TTF(Regular), "OTTO"), "r.woff2": withMagic(TTF(Regular), "wOF2"), "i.ttf": TTF(Italic), "b.ttf": TTF(Bold), "bi.ttf": TTF(BoldItalic)},
			family: "Charis SIL",
			want:   [4]string{"r.ttf", "i.ttf", "b.ttf", "bi.ttf"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			var warnings []string
			fam, err := LoadFamily(os.DirFS(dir), tc.family, func(msg string) { warnings = append(warnings, msg) })
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range []Style{Regular, Italic, Bold, BoldItalic} {
				f, err := fam.Get(s)
				if err != nil {
					t.Fatalf("Get(%v): %v", s, err)
				}
				if f.name != tc.want[i] {
					t.Errorf("%v is set in %s, want %s", s, f.name, tc.want[i])
				}
				if got, _ := fam.Cover(s, 'a'); got != f.Style() {
					t.Errorf("Cover(%v, 'a') = %v, want the style of its face, %v", s, got, f.Style())
				}
			}
			if !slices.Equal(warnings, tc.warnings) {
				t.Errorf("warnings\n%q\nwant\n%q", warnings, tc.warnings)
			}
		})
	}
}

func TestLoadFamilyRefusesWhatThePDFCannotEmbed(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string][]byte
		family string
		want   string // in the error
	}{
		{"CFF outlines", map[string][]byte{"a.otf": withMagic(TTF(Regular), "OTTO")}, "", "a.otf: OpenType with PostScript (CFF) outlines"},
		{"CFF outlines of the family asked for", map[string][]byte{"c.otf": withMagic(TTF(Regular), "OTTO"), "d.ttf": TTF(Fallback)}, "Charis", `no font family "Charis" (found "DejaVu Sans"); c.otf is OpenType with PostScript (CFF) outlines`},
		{"WOFF2 web font", map[string][]byte{"a.woff2": withMagic(TTF(Regular), "wOF2")}, "", "a.woff2: a web font (WOFF or WOFF2)"},
		{"WOFF web font", map[string][]byte{"a.woff": withMagic(TTF(Regular), "wOFF")}, "", "a.woff: a web font"},
		{"collection", map[string][]byte{"a.ttc": collection(t, TTF(Regular))}, "Charis SIL", "a.ttc: a font collection (.ttc)"},
		{"embedding forbidden", map[string][]byte{"a.ttf": withFSType(t, TTF(Regular), 0x0002)}, "", "a.ttf: its embedding permissions (OS/2 fsType 0x0002) forbid embedding"},
		{"bitmaps only", map[string][]byte{"a.ttf": withFSType(t, TTF(Regular), 0x0208)}, "", "allow embedding bitmaps only"},
		{"no subsetting", map[string][]byte{"a.ttf": TTF(Regular), "b.ttf": withFSType(t, TTF(Bold), 0x0100)}, "", "b.ttf: its embedding permissions (OS/2 fsType 0x0100) forbid subsetting"},
		{"no upright face", map[string][]byte{"i.ttf": TTF(Italic)}, "", `font family "Charis SIL" has no upright (regular) face, only i.ttf`},
		{"several families, none named", map[string][]byte{"a.ttf": TTF(Regular), "b.ttf": TTF(Fallback)}, "", `several font families ("Charis SIL", "DejaVu Sans"): choose one with --font-family`},
		{"family not there", map[string][]byte{"a.ttf": TTF(Regular)}, "Garamond", `no font family "Garamond" (found "Charis SIL")`},
		{"no font files", map[string][]byte{"README": []byte("fonts go here\n")}, "", "no font files (.ttf) found"},
		{"damaged file", map[string][]byte{"a.ttf": []byte("\x00\x01\x00\x00 not really a font")}, "", "a.ttf: unreadable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			fam, err := LoadFamily(os.DirFS(dir), tc.family, nil)
			if err == nil {
				t.Fatalf("loaded %q, want an error", fam.Name())
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line with %q", err, tc.want)
			}
		})
	}
}

func TestFamilyFallsBackForCharactersItLacks(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"DejaVuSansMono.ttf": TTF(Mono), "LICENSE": []byte(licenceText)})
	fam, err := LoadFamily(os.DirFS(dir), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		style Style
		r     rune
		want  Style
	}{
		{"the family's own letter", Regular, 'a', Regular},
		{"italic set in the regular face", Italic, 'a', Regular},
		{"a letter the family lacks", Regular, 'א', Fallback},
		{"Chinese", Bold, '中', CJK},
		{"code keeps the embedded code face", Mono, 'a', Mono},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := fam.Cover(tc.style, tc.r)
			if !ok || got != tc.want {
				t.Errorf("Cover(%v, %q) = %v, %v; want %v", tc.style, tc.r, got, ok, tc.want)
			}
		})
	}
}

func TestFamilySubsetIsTheUsersFace(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"mono.ttf": TTF(Mono), "OFL.txt": []byte(licenceText)})
	fam, err := LoadFamily(os.DirFS(dir), "DejaVu Sans Mono", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		fam        *Family
		postscript string
		fixed      bool
	}{
		{"the user's family", fam, "DejaVuSansMono", true},
		{"the embedded family", nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := tc.fam.Subset(Regular, []rune("Hello"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if sub.Fixed != tc.fixed {
				t.Errorf("subset monospaced = %v, want %v", sub.Fixed, tc.fixed)
			}
			if got := tc.fam.PostScriptName(Bold); got != tc.postscript {
				t.Errorf("PostScriptName(Bold) = %q, want %q", got, tc.postscript)
			}
			if got := tc.fam.PostScriptName(Mono); got != "" {
				t.Errorf("PostScriptName(Mono) = %q, want the embedded face's (\"\")", got)
			}
		})
	}
}
