package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// Family is the text family: the faces that set Regular, Italic, Bold and
// BoldItalic text. The nil *Family is Charis SIL, the embedded family;
// LoadFamily reads another from the user's TrueType files. The code face
// and the fallback faces (Mono, Fallback, CJK, Hangul, Symbols) are the
// embedded ones whatever the family, so characters a user's face lacks
// are still drawn. A Family is safe for concurrent use.
type Family struct {
	name string
	// faces holds each text style's face; a style the family lacks holds
	// the face that stands in for it (see standIn).
	faces [BoldItalic + 1]*Face
	// data and postscript are each face's TrueType file and PostScript
	// name, by the style it was found for.
	data       [BoldItalic + 1][]byte
	postscript [BoldItalic + 1]string
	// standIn maps each text style to the style whose face sets it.
	standIn [BoldItalic + 1]Style
}

// Name returns the family's name: "Charis SIL" for the embedded family.
func (fam *Family) Name() string {
	if fam == nil {
		return "Charis SIL"
	}
	return fam.name
}

// user reports whether style s is set by one of the family's own files
// (false for the embedded family and for the code and fallback faces).
func (fam *Family) user(s Style) bool { return fam != nil && s >= Regular && s <= BoldItalic }

// Get returns the parsed face that sets style s: the family's own for the
// four text styles (a missing style gets the face standing in for it),
// the embedded face otherwise, as the package-level Get.
func (fam *Family) Get(s Style) (*Face, error) {
	if !fam.user(s) {
		return Get(s)
	}
	return fam.faces[fam.standIn[s]], nil
}

// Cover returns the face that paints r for text in style s, as the
// package-level Cover does, with the family's face first: the style that
// stands in for s when the family lacks s, else the fallback chain.
func (fam *Family) Cover(s Style, r rune) (face Style, ok bool) {
	if !fam.user(s) {
		return Cover(s, r)
	}
	s = fam.standIn[s]
	if fam.faces[s].Has(r) {
		return s, true
	}
	return fallbackCover(s, r)
}

// PostScriptName returns the PostScript name of the user's face that
// sets style s (from its name table), or "" when s is set by an embedded
// face, whose names the PDF export keeps.
func (fam *Family) PostScriptName(s Style) string {
	if !fam.user(s) {
		return ""
	}
	return fam.postscript[fam.standIn[s]]
}

// open returns the TrueType file of style s for reading in place.
func (fam *Family) open(s Style) (io.ReaderAt, int64) {
	if !fam.user(s) {
		return Open(s)
	}
	d := fam.data[fam.standIn[s]]
	return bytes.NewReader(d), int64(len(d))
}

// maxFontFile bounds a font file LoadFamily reads: the largest CJK faces
// are some tens of megabytes.
const maxFontFile = 64 << 20

// maxFontFiles bounds the font files LoadFamily looks at in one folder
// tree, so that pointing it at a whole system's fonts fails quickly.
const maxFontFiles = 2000

// fontFile is a font file found by LoadFamily.
type fontFile struct {
	path string // in the folder, slash-separated
	// family is the typographic family (name ID 16) or, when the face
	// has none, the family (ID 1); legacy is the family (ID 1).
	family, legacy string
	weight         int // OS/2 weight class, 100..900
	width          int // OS/2 width class, 1..9 (5 normal)
	italic         bool
	// problem says why the PDF cannot embed the file ("" when it can).
	problem string
	// fsType is the OS/2 embedding permission bits.
	fsType uint16
	// licensed is true when the name table carries a licence entry.
	licensed   bool
	postscript string
}

// LoadFamily finds the TrueType files of the family called name in fsys
// (searched with its subfolders) and loads its four faces from them.
// Faces are told apart by their name tables (family and subfamily) and
// their OS/2 weight and italic flag: the regular face is the upright one
// nearest weight 400, bold the upright one nearest 700 (600 or more),
// and the italics likewise. name may be empty when fsys holds one family
// only; it is matched without regard to case, spaces or hyphens.
//
// A style the family lacks is set in the nearest face it has (italic and
// bold in regular, bold italic in bold, else italic), which warn reports
// once. warn also reports a family with no licence: neither a file named
// OFL*, LICENSE*, LICENCE* or COPYING* beside a face's file (in its
// folder or one above it) nor a licence entry in its name table. Nil warn
// discards them.
//
// It is an error when the family is not found, has no upright face, or
// is only in files the PDF cannot embed: OpenType with PostScript (CFF)
// outlines, WOFF and WOFF2 web fonts, collections (.ttc), and faces whose
// OS/2 embedding permissions (fsType) forbid embedding or subsetting.
func LoadFamily(fsys fs.FS, name string, warn func(string)) (*Family, error) {
	files, skipped, licences, err := scanFonts(fsys)
	if err != nil {
		return nil, err
	}
	if warn == nil {
		warn = func(string) {}
	}
	cands, err := chooseFamily(files, skipped, name)
	if err != nil {
		return nil, err
	}
	var usable []*fontFile
	for _, f := range cands {
		if f.problem == "" {
			usable = append(usable, f)
		}
	}
	if len(usable) == 0 {
		f := cands[0]
		return nil, fmt.Errorf("%s: %s", f.path, f.problem)
	}
	fam := &Family{name: cands[0].family}
	chosen := pickStyles(usable)
	if chosen[Regular] == nil {
		return nil, fmt.Errorf("font family %q has no upright (regular) face, only %s", fam.name, paths(usable))
	}
	for s, f := range chosen {
		if f == nil {
			continue
		}
		if why := forbidsEmbedding(f.fsType); why != "" {
			return nil, fmt.Errorf("%s: its embedding permissions (OS/2 fsType %#04x) %s; the PDF cannot embed it", f.path, f.fsType, why)
		}
		data, err := readFontFile(fsys, f.path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.path, err)
		}
		face, err := parseFace(Style(s), f.path, data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.path, err)
		}
		fam.faces[s], fam.data[s], fam.postscript[s] = face, data, f.postscript
	}
	fam.standIn = standIns(chosen)
	if lost := missingStyles(chosen, fam.standIn); lost != "" {
		warn(fmt.Sprintf("font family %q has no %s", fam.name, lost))
	}
	for _, f := range chosen {
		if f != nil && !f.licensed && !licenceBeside(licences, f.path) {
			warn(fmt.Sprintf("font family %q: no licence found (no OFL*, LICENSE* or COPYING* file beside %s, none in its name table); embedding it in the PDF needs the right to do so", fam.name, f.path))
			break
		}
	}
	return fam, nil
}

// skippedFile is a font file whose names could not be read: a web font,
// whose tables are compressed, or a damaged file.
type skippedFile struct{ path, why string }

// scanFonts reads the names of every font file in fsys: the TrueType and
// OpenType files and collections it can parse (files, sorted by path),
// those it cannot (skipped), and the folders that hold a licence file
// (licences).
func scanFonts(fsys fs.FS) (files []*fontFile, skipped []skippedFile, licences map[string]bool, err error) {
	licences = map[string]bool{}
	n := 0
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable subfolder holds nothing usable
		}
		if d.IsDir() {
			return nil
		}
		base := strings.ToLower(d.Name())
		if isLicenceFile(base) {
			licences[path.Dir(p)] = true
			return nil
		}
		switch path.Ext(base) {
		case ".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2":
		default:
			return nil
		}
		if n++; n > maxFontFiles {
			return fmt.Errorf("more than %d font files: name the folder of one family", maxFontFiles)
		}
		fsf, ferr := readFontNames(fsys, p)
		if ferr != nil {
			skipped = append(skipped, skippedFile{p, ferr.Error()})
		}
		files = append(files, fsf...)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return files, skipped, licences, nil
}

// isLicenceFile reports the file names a font's licence goes by.
func isLicenceFile(lower string) bool {
	for _, p := range []string{"ofl", "license", "licence", "copying"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// licenceBeside reports whether a folder holding a licence file holds
// the font file p, directly or above it.
func licenceBeside(licences map[string]bool, p string) bool {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		if licences[dir] {
			return true
		}
		if dir == "." || dir == "/" {
			return false
		}
	}
}

// Why the PDF cannot embed a file: said of a file whose family is not
// known (its tables are compressed, or do not parse) and, as a fontFile's
// problem, of a face of the family asked for.
var (
	errWebFont    = errors.New("a web font (WOFF or WOFF2), which the PDF cannot embed; use the family's TrueType (.ttf) files")
	errCFF        = errors.New("OpenType with PostScript (CFF) outlines, which the PDF cannot embed; use the family's TrueType (.ttf) files")
	errCollection = errors.New("a font collection (.ttc), which the PDF cannot embed; use the family's single TrueType (.ttf) files")
)

// readFontNames reads what LoadFamily needs of one font file: one entry,
// or one per face of a collection.
func readFontNames(fsys fs.FS, p string) ([]*fontFile, error) {
	data, err := readFontFile(fsys, p)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 {
		return nil, errors.New("not a font file")
	}
	switch string(data[:4]) {
	case "wOFF", "wOF2":
		return nil, errWebFont
	case "ttcf":
		c, err := sfnt.ParseCollection(data)
		if err != nil {
			return nil, errCollection
		}
		var out []*fontFile
		for i := range c.NumFonts() {
			f, err := c.Font(i)
			if err != nil {
				return nil, errCollection
			}
			ff := describe(p, f, nil)
			ff.problem = errCollection.Error()
			out = append(out, ff)
		}
		return out, nil
	case "OTTO":
		f, err := sfnt.Parse(data)
		if err != nil {
			return nil, errCFF
		}
		ff := describe(p, f, nil)
		ff.problem = errCFF.Error()
		return []*fontFile{ff}, nil
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("unreadable (%v)", err)
	}
	return []*fontFile{describe(p, f, data)}, nil
}

// describe reads a face's names and, from its OS/2 and head tables in
// data (nil for a face the PDF cannot embed anyway), its weight, width,
// slant and embedding permissions.
func describe(p string, f *sfnt.Font, data []byte) *fontFile {
	var buf sfnt.Buffer
	name := func(id sfnt.NameID) string {
		s, err := f.Name(&buf, id)
		if err != nil {
			return ""
		}
		return strings.TrimSpace(s)
	}
	ff := &fontFile{path: p, legacy: name(sfnt.NameIDFamily), weight: 400, width: 5}
	ff.family = name(sfnt.NameIDTypographicFamily)
	if ff.family == "" {
		ff.family = ff.legacy
	}
	if ff.family == "" {
		ff.family = strings.TrimSuffix(path.Base(p), path.Ext(p))
	}
	sub := strings.ToLower(name(sfnt.NameIDTypographicSubfamily) + " " + name(sfnt.NameIDSubfamily))
	ff.italic = strings.Contains(sub, "italic") || strings.Contains(sub, "oblique")
	if strings.Contains(sub, "bold") {
		ff.weight = 700
	}
	ff.licensed = name(sfnt.NameIDLicense) != "" || name(sfnt.NameIDLicenseURL) != ""
	ff.postscript = postScript(name(sfnt.NameIDPostScript))
	if ff.postscript == "" {
		ff.postscript = postScript(ff.family + "-" + strings.TrimSpace(sub))
	}
	if data == nil {
		return ff
	}
	t, err := openTTF(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ff // sfnt parsed it: this cannot fail
	}
	if os2, err := t.part("OS/2", 0, 64); err == nil {
		if w := int(binary.BigEndian.Uint16(os2[4:])); w > 0 {
			if w < 10 {
				w *= 100 // an old convention: weight classes 1..9
			}
			ff.weight = w
		}
		if w := int(binary.BigEndian.Uint16(os2[6:])); w >= 1 && w <= 9 {
			ff.width = w
		}
		ff.fsType = binary.BigEndian.Uint16(os2[8:])
		ff.italic = ff.italic || binary.BigEndian.Uint16(os2[62:])&1 != 0
	}
	if head, err := t.part("head", 44, 2); err == nil {
		ff.italic = ff.italic || binary.BigEndian.Uint16(head)&2 != 0
	}
	return ff
}

// postScript keeps the characters a PDF name may hold without escapes.
func postScript(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("[](){}<>/%#", r) {
			return -1
		}
		return r
	}, s)
}

// forbidsEmbedding says what a face's OS/2 fsType forbids, "" when it
// allows subset embedding in a document. When several usage bits are set
// the least restrictive applies (OpenType OS/2 fsType).
func forbidsEmbedding(fsType uint16) string {
	switch {
	case fsType&0x000e == 0x0002:
		return "forbid embedding"
	case fsType&0x0200 != 0:
		return "allow embedding bitmaps only"
	case fsType&0x0100 != 0:
		return "forbid subsetting"
	}
	return ""
}

// readFontFile reads one font file, up to maxFontFile bytes; its errors
// are said of the file.
func readFontFile(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("unreadable (%v)", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFontFile+1))
	if err != nil {
		return nil, fmt.Errorf("unreadable (%v)", err)
	}
	if len(data) > maxFontFile {
		return nil, fmt.Errorf("larger than %d MB", maxFontFile>>20)
	}
	return data, nil
}

// foldName is a family name compared without case, spaces, hyphens or
// underscores ("EB Garamond" is "ebgaramond").
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '_' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// chooseFamily returns the files of the family asked for, or of the only
// family there is when name is empty; files of the typographic family
// come first, then a legacy family name ("Roboto Light").
func chooseFamily(files []*fontFile, skipped []skippedFile, name string) ([]*fontFile, error) {
	var names []string
	for _, f := range files {
		if !slices.Contains(names, f.family) {
			names = append(names, f.family)
		}
	}
	slices.Sort(names)
	if name == "" {
		switch len(names) {
		case 0:
			if len(skipped) > 0 {
				return nil, fmt.Errorf("%s: %s", skipped[0].path, skipped[0].why)
			}
			return nil, errors.New("no font files (.ttf) found")
		case 1:
			name = names[0]
		default:
			return nil, fmt.Errorf("several font families (%s): choose one with --font-family", quoted(names))
		}
	}
	want := foldName(name)
	for _, key := range []func(*fontFile) string{
		func(f *fontFile) string { return f.family },
		func(f *fontFile) string { return f.legacy },
	} {
		var out []*fontFile
		for _, f := range files {
			if foldName(key(f)) == want {
				out = append(out, f)
			}
		}
		if len(out) > 0 {
			for _, f := range out {
				f.family = key(out[0])
			}
			return out, nil
		}
	}
	msg := fmt.Sprintf("no font family %q", name)
	if len(names) > 0 {
		msg += fmt.Sprintf(" (found %s)", quoted(names))
	}
	if len(skipped) > 0 {
		msg += fmt.Sprintf("; %s is %s", skipped[0].path, skipped[0].why)
		if len(skipped) > 1 {
			msg += fmt.Sprintf(" (and %d more files not read)", len(skipped)-1)
		}
	}
	return nil, errors.New(msg)
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

func paths(files []*fontFile) string {
	p := make([]string, len(files))
	for i, f := range files {
		p[i] = f.path
	}
	return strings.Join(p, ", ")
}

// pickStyles chooses a face for each text style among a family's files:
// the regular face is the upright one nearest weight 400, the bold one
// the upright one nearest 700 among those of 600 or more and heavier
// than the regular, and the italics likewise among the italic faces.
// Normal width wins over condensed or extended, then the first path.
func pickStyles(files []*fontFile) [BoldItalic + 1]*fontFile {
	best := func(italic bool, target, floor int) *fontFile {
		var out *fontFile
		score := func(f *fontFile) []int {
			return []int{absInt(f.weight - target), absInt(f.width - 5)}
		}
		for _, f := range files {
			if f.italic != italic || f.weight < floor {
				continue
			}
			if out == nil || slices.Compare(score(f), score(out)) < 0 {
				out = f
			}
		}
		return out
	}
	var c [BoldItalic + 1]*fontFile
	c[Regular] = best(false, 400, 0)
	c[Italic] = best(true, 400, 0)
	if c[Regular] != nil {
		c[Bold] = best(false, 700, max(600, c[Regular].weight+1))
	}
	floor := 600
	if c[Italic] != nil {
		floor = max(600, c[Italic].weight+1)
	}
	c[BoldItalic] = best(true, 700, floor)
	return c
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// standIns maps each text style to the style that sets it: itself when
// the family has it; else regular for italic and bold, and bold (else
// italic, else regular) for bold italic.
func standIns(c [BoldItalic + 1]*fontFile) [BoldItalic + 1]Style {
	s := [BoldItalic + 1]Style{Regular, Italic, Bold, BoldItalic}
	for _, st := range []Style{Italic, Bold} {
		if c[st] == nil {
			s[st] = Regular
		}
	}
	if c[BoldItalic] == nil {
		switch {
		case c[Bold] != nil:
			s[BoldItalic] = Bold
		case c[Italic] != nil:
			s[BoldItalic] = Italic
		default:
			s[BoldItalic] = Regular
		}
	}
	return s
}

// styleNames are the text styles as a warning names them.
var styleNames = [...]string{Regular: "regular", Italic: "italic", Bold: "bold", BoldItalic: "bold italic"}

// missingStyles says which styles a family lacks and what sets them
// ("italic face: set in regular; bold italic face: set in bold"), ""
// when it has all four.
func missingStyles(c [BoldItalic + 1]*fontFile, standIn [BoldItalic + 1]Style) string {
	var parts []string
	for _, s := range []Style{Italic, Bold, BoldItalic} {
		if c[s] == nil {
			parts = append(parts, fmt.Sprintf("%s face (set in %s)", styleNames[s], styleNames[standIn[s]]))
		}
	}
	return strings.Join(parts, ", ")
}
