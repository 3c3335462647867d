package main

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/export"
	"pamphlet/internal/testenv"
	"pamphlet/reader"
)

// article is a small input for the EPUB command-line tests.
const article = "Bread and Roses\n\nBy James Oppenheim\n\nAs we go marching, marching, in the beauty of the day, a million darkened kitchens hear.\n\nAs we go marching, marching, we bring the greater days.\n"

// zipFiles returns the names and contents of an EPUB's entries.
func zipFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return files
}

func pngFile(t *testing.T, dir string) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 20, 30))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.Gray{Y: 9})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, "cover.png", b.Bytes())
}

// TestEPUBReproducible converts the same input twice under
// SOURCE_DATE_EPOCH: the bytes must be identical and carry that time.
func TestEPUBReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	dir := t.TempDir()
	in := writeFile(t, dir, "song.txt", []byte(article))
	var outs [][]byte
	for i := range 2 {
		out := filepath.Join(dir, "run"+string(rune('a'+i))+".epub")
		if code, _, stderr := runCLI(t, "", "convert", "-o", out, in); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two runs gave different EPUBs")
	}
	opf := zipFiles(t, filepath.Join(dir, "runa.epub"))["EPUB/package.opf"]
	if !bytes.Contains(opf, []byte(`<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>`)) {
		t.Errorf("dcterms:modified is not SOURCE_DATE_EPOCH:\n%s", opf)
	}
}

func TestEPUBFlags(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "song.txt", []byte(article))
	cover := pngFile(t, dir)
	notImage := writeFile(t, dir, "notes.png", []byte("just text"))
	sheet := writeFile(t, dir, "mine.css", []byte("p { text-indent: 0; }\n"))
	notSheet := writeFile(t, dir, "photo.css", []byte("\x89PNG\r\n\x1a\n\x00\x00"))
	tests := []struct {
		name     string
		args     []string
		env      string // SOURCE_DATE_EPOCH
		code     int
		stderr   string
		want     []string // entries the EPUB must hold
		wantNone []string // entries it must not hold
	}{
		{"generated cover", nil, "", exitOK, "", []string{"EPUB/images/cover.png", "EPUB/xhtml/cover.xhtml"}, nil},
		{"no cover", []string{"--no-cover"}, "", exitOK, "", nil, []string{"EPUB/images/cover.png", "EPUB/xhtml/cover.xhtml"}},
		{"given cover", []string{"--cover", cover}, "", exitOK, "", []string{"EPUB/images/cover.png"}, nil},
		{"embedded fonts", []string{"--embed-fonts"}, "", exitOK, "", []string{"EPUB/fonts/CharisSIL-Regular.ttf", "EPUB/fonts/OFL-CharisSIL.txt"}, []string{"EPUB/fonts/DejaVuSansMono.ttf"}},
		{"cover and no cover", []string{"--cover", cover, "--no-cover"}, "", exitUsage, "--cover and --no-cover exclude each other", nil, nil},
		{"missing cover", []string{"--cover", filepath.Join(dir, "none.jpg")}, "", exitFailure, "cover " + filepath.Join(dir, "none.jpg") + ": no such file", nil, nil},
		{"cover not an image", []string{"--cover", notImage}, "", exitFailure, "cover " + notImage + ": not a PNG, JPEG or GIF image", nil, nil},
		{"cover is a folder", []string{"--cover", dir}, "", exitFailure, "is a folder", nil, nil},
		{"style sheet", []string{"--css", sheet}, "", exitOK, "", []string{"EPUB/css/pamphlet.css", "EPUB/css/user.css"}, nil},
		{"no style sheet", nil, "", exitOK, "", []string{"EPUB/css/pamphlet.css"}, []string{"EPUB/css/user.css"}},
		{"missing style sheet", []string{"--css", filepath.Join(dir, "none.css")}, "", exitFailure, "css " + filepath.Join(dir, "none.css") + ": no such file", nil, nil},
		{"style sheet not text", []string{"--css", notSheet}, "", exitFailure, "css " + notSheet + ": not a style sheet: not UTF-8 text", nil, nil},
		{"style sheet is a folder", []string{"--css", dir}, "", exitFailure, "css " + dir + ": is a folder, not a style sheet", nil, nil},
		{"bad SOURCE_DATE_EPOCH", nil, "yesterday", exitFailure, `SOURCE_DATE_EPOCH="yesterday"`, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tc.env)
			out := filepath.Join(t.TempDir(), "song.epub")
			args := append([]string{"convert", "-o", out}, tc.args...)
			code, _, stderr := runCLI(t, "", append(args, in)...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
			if code != exitOK {
				if _, err := os.Stat(out); err == nil {
					t.Error("an output file was left behind")
				}
				return
			}
			files := zipFiles(t, out)
			for _, name := range tc.want {
				if _, ok := files[name]; !ok {
					t.Errorf("no %s in the EPUB", name)
				}
			}
			for _, name := range tc.wantNone {
				if _, ok := files[name]; ok {
					t.Errorf("unexpected %s in the EPUB", name)
				}
			}
		})
	}
}

// TestSamplesEPUBCheck converts every sample to EPUB and runs epubcheck:
// no fatal error, error or warning is allowed.
func TestSamplesEPUBCheck(t *testing.T) {
	var samples []string
	for _, pat := range []string{"*.txt", "*.md", "*.markdown", "*.html", "*.htm"} {
		m, err := filepath.Glob(filepath.Join(testenv.Root(t), "samples", pat))
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, m...)
	}
	if len(samples) == 0 {
		t.Skip("no samples in samples/ yet")
	}
	cmd := testenv.Command(t, "epubcheck")
	for _, in := range samples {
		t.Run(filepath.Base(in), func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "sample.epub")
			if code, _, stderr := runCLI(t, "", "convert", "--to", "epub", "-o", out, in); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			res, err := exec.Command(cmd[0], append(cmd[1:], out)...).CombinedOutput()
			if err != nil || !bytes.Contains(res, []byte("No errors or warnings detected")) {
				t.Errorf("epubcheck: %v\n%s", err, res)
			}
		})
	}
}

// BenchmarkEPUBCorpus measures the EPUB writer on each corpus article,
// from the read document to the finished container (reading is outside
// the timing).
func BenchmarkEPUBCorpus(b *testing.B) {
	dir := testenv.Corpus(b)
	inputs, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(inputs) == 0 {
		testenv.Skipf(b, "no articles in %s", dir)
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			b.Fatal(err)
		}
		res, err := reader.Read(src, reader.Options{Name: in})
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := export.EPUB(io.Discard, res.Doc, export.EPUBOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
