package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/layout"
	"pamphlet/model"
	"pamphlet/reader"
)

// seed is the corpus article the print tests measure.
const seed = "000_a9ffa14dafb5799f.txt"

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, name), args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

var sizeLine = regexp.MustCompile(`(?m)^Page +\d+ size: +([\d.]+) x ([\d.]+) pts`)

// sideSizes lists each page size of a PDF in points.
func sideSizes(t *testing.T, path string) [][2]float64 {
	t.Helper()
	var out [][2]float64
	for _, m := range sizeLine.FindAllStringSubmatch(tool(t, "pdfinfo", "-f", "1", "-l", "9999", path), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		out = append(out, [2]float64{w, h})
	}
	return out
}

// words returns the words pdftotext reads on page k, inside the crop
// rectangle x, y, w, h in points (the whole page when w is 0).
func words(t *testing.T, path string, k int, x, y, w, h float64) string {
	t.Helper()
	args := []string{"-enc", "UTF-8", "-f", strconv.Itoa(k), "-l", strconv.Itoa(k)}
	if w > 0 {
		args = append(args, "-r", "72", "-x", strconv.Itoa(int(x)), "-y", strconv.Itoa(int(y)),
			"-W", strconv.Itoa(int(w)), "-H", strconv.Itoa(int(h)))
	}
	return strings.Join(strings.Fields(tool(t, "pdftotext", append(args, path, "-")...)), " ")
}

// TestBookletSidesInBookletOrder checks that the seed article as an A4
// booklet has (A5 pages rounded up to four) ÷ 2 sides, every one landscape
// A4, and the halves of each side carry the A5 pages of the plain pamphlet
// in booklet order.
func TestBookletSidesInBookletOrder(t *testing.T) {
	in := filepath.Join(testenv.Corpus(t), seed)
	testenv.Tool(t, "pdftotext")
	dir := t.TempDir()
	plain, booklet := filepath.Join(dir, "plain.pdf"), filepath.Join(dir, "booklet.pdf")
	for _, args := range [][]string{{"--paper", "a5", "-o", plain}, {"--paper", "a4", "--booklet", "-o", booklet}} {
		if code, _, stderr := runCLI(t, "", append(append([]string{"convert"}, args...), in)...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	pages := len(sideSizes(t, plain))
	sides := sideSizes(t, booklet)
	if want := (pages + 3) / 4 * 4 / 2; pages == 0 || len(sides) != want {
		t.Fatalf("%d sides for %d A5 pages, want %d", len(sides), pages, want)
	}
	a4w, a4h := layout.A4.Height.Points(), layout.A4.Width.Points()
	for i, s := range sides {
		if s[0] < a4w-0.5 || s[0] > a4w+0.5 || s[1] < a4h-0.5 || s[1] > a4h+0.5 {
			t.Errorf("side %d is %.2f × %.2f pt, want landscape A4 %.2f × %.2f", i+1, s[0], s[1], a4w, a4h)
		}
	}
	for si, pair := range layout.BookletOrder(pages, 0) {
		for c, p := range pair {
			got := words(t, booklet, si+1, float64(c)*a4w/2, 0, a4w/2, a4h)
			want := ""
			if p < pages {
				want = words(t, plain, p+1, 0, 0, 0, 0)
			}
			if got != want {
				t.Errorf("side %d, %s half: %.60q…, want page %d: %.60q…", si+1, [2]string{"left", "right"}[c], got, p+1, want)
			}
		}
	}
}

func TestPrintFlags(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "note.txt", []byte("A Title\n\nBy Ada Printer\n\n"+
		strings.Repeat("More words fill the pages of this small pamphlet, set in type by hand. ", 200)+"\n"))
	tests := []struct {
		name string
		args []string
		// code is the exit status; want are pieces of stderr.
		code  int
		want  []string
		sides int
	}{
		{"booklet instructions", []string{"--booklet", "--verbose"}, exitOK,
			[]string{"on 2 sheet(s) of A4: 4 sides", "flipping on the SHORT edge", "staple twice on the fold"}, 4},
		{"signatures", []string{"--booklet", "--signature", "1", "--verbose"}, exitOK,
			[]string{"2 signatures of 1, 1 sheet(s)", "fold each signature"}, 4},
		{"crop marks", []string{"--booklet", "--paper", "letter", "--crop-marks", "--verbose"}, exitOK,
			[]string{"half-letter pages", "crop marks", "trim"}, 4},
		{"plain pages", []string{"--verbose"}, exitOK, []string{"A5 page(s)", "long edge"}, 0},
		{"signature without booklet", []string{"--signature", "2"}, exitUsage, []string{"--signature needs --booklet"}, 0},
		{"creep without booklet", []string{"--creep", "0.5"}, exitUsage, []string{"--creep needs --booklet"}, 0},
		{"creep too large", []string{"--booklet", "--creep", "25"}, exitUsage, []string{"--creep 25"}, 0},
		{"negative signature", []string{"--booklet", "--signature", "-2"}, exitUsage, []string{"--signature -2"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.pdf")
			code, _, stderr := runCLI(t, "", append(append([]string{"convert", "-o", out}, tc.args...), in)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if tc.sides > 0 {
				if got := len(sideSizes(t, out)); got != tc.sides {
					t.Errorf("%d sides, want %d", got, tc.sides)
				}
			}
		})
	}
}

// textWords splits text into lowercase words (letters and digits).
// Hyphens join: pdftotext drops a hyphen layout added at a line end, and
// keeps one of the text there (U+2010), so compounds are compared whole.
func textWords(s string) []string {
	// A hyphen of the text at a line end reads as U+2010 and stays
	// there, with the line end after it.
	s = strings.NewReplacer("-", "", "\u2010\n", "", "\u2010", "").Replace(s)
	return regexp.MustCompile(`[\pL\pN]+`).FindAllString(strings.ToLower(s), -1)
}

// keptShare is the share of want's words found in got in order (a
// longest common subsequence).
func keptShare(want, got []string) float64 {
	if len(want) == 0 {
		return 1
	}
	prev, cur := make([]int, len(got)+1), make([]int, len(got)+1)
	for _, w := range want {
		for j, g := range got {
			switch {
			case w == g:
				cur[j+1] = prev[j] + 1
			default:
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(got)]) / float64(len(want))
}

// TestTwoColumnsReadInOrder checks handouts: the seed article in two
// columns on A4 takes at most two pages, both columns carry text on every
// page, and pdftotext reads the article's words in order (the masthead does
// not make it read across the gutter).
func TestTwoColumnsReadInOrder(t *testing.T) {
	in := filepath.Join(testenv.Corpus(t), seed)
	testenv.Tool(t, "pdftotext")
	out := filepath.Join(t.TempDir(), "handout.pdf")
	if code, _, stderr := runCLI(t, "", "convert", "--paper", "a4", "--columns", "2", "-o", out, in); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sides := sideSizes(t, out)
	if len(sides) == 0 || len(sides) > 2 {
		t.Fatalf("%d pages, want 1 or 2", len(sides))
	}
	w, h := layout.A4.Width.Points(), layout.A4.Height.Points()
	for k := range sides {
		// Below the masthead, each half of the text block holds text.
		for c, x := range []float64{0, w / 2} {
			if got := words(t, out, k+1, x, h/4, w/2, h/2); len(strings.Fields(got)) < 50 {
				t.Errorf("page %d, %s column: %d words", k+1, [2]string{"left", "right"}[c], len(strings.Fields(got)))
			}
		}
	}
	var src strings.Builder
	res, err := reader.Read(mustRead(t, in), reader.Options{Name: in})
	if err != nil {
		t.Fatal(err)
	}
	src.WriteString(res.Doc.Title + "\n")
	_ = model.Walk(res.Doc.Blocks, func(n model.Node) error {
		switch n := n.(type) {
		case *model.Text:
			src.WriteString(n.Text + " ")
		case *model.CodeSpan:
			src.WriteString(n.Text + " ")
		case *model.Code:
			src.WriteString(n.Text + "\n")
		}
		return nil
	})
	got := textWords(tool(t, "pdftotext", "-enc", "UTF-8", out, "-"))
	if share := keptShare(textWords(src.String()), got); share < 0.999 {
		t.Errorf("pdftotext reads %.2f%% of the article's words in order, want 99.9%%", 100*share)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
