package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pamphlet/layout"
	"pamphlet/model"
)

// longArticle is the fixture article repeated until it fills n A5 pages
// or more.
func longArticle(t *testing.T, n int) (*model.Document, *layout.Book) {
	t.Helper()
	doc := article()
	base := doc.Blocks
	for {
		book, err := layout.Layout(doc, layout.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(book.Pages) >= n {
			return doc, book
		}
		doc.Blocks = append(doc.Blocks, base...)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pageWords returns the words pdftotext reads on page k (1-based) of a
// PDF, within the rectangle x, y, w, h in points when w > 0.
func pageWords(t *testing.T, path string, k int, x, y, w, h float64) []string {
	t.Helper()
	args := []string{"-enc", "UTF-8", "-f", strconv.Itoa(k), "-l", strconv.Itoa(k)}
	if w > 0 {
		// At 72 dpi the crop's pixels are points.
		args = append(args, "-r", "72", "-x", strconv.Itoa(int(x)), "-y", strconv.Itoa(int(y)),
			"-W", strconv.Itoa(int(w)), "-H", strconv.Itoa(int(h)))
	}
	return strings.Fields(run(t, "pdftotext", append(args, path, "-")...))
}

var wordBox = regexp.MustCompile(`<word xMin="([\d.]+)"`)

// leftmost returns the smallest word x pdftotext -bbox finds on page k
// (1-based) of a PDF between x0 and x1 (points).
func leftmost(t *testing.T, path string, k int, x0, x1 float64) float64 {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-f", strconv.Itoa(k), "-l", strconv.Itoa(k), path, "-")
	best := -1.0
	for _, m := range wordBox.FindAllStringSubmatch(out, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		if x >= x0 && x < x1 && (best < 0 || x < best) {
			best = x
		}
	}
	return best
}

var pageSize = regexp.MustCompile(`(?m)^Page +(\d+) size: +([\d.]+) x ([\d.]+) pts`)

// TestImposedPDF reads an imposed booklet back with pdftotext, half a
// side at a time, and checks each half against the plain page that
// should be there.
func TestImposedPDF(t *testing.T) {
	_, book := longArticle(t, 9)
	var plain bytes.Buffer
	if err := PDF(&plain, book, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	plainPath := writeFile(t, "plain.pdf", plain.Bytes())
	n := len(book.Pages)
	tests := []struct {
		name string
		opt  layout.ImposeOptions
	}{
		{"one signature", layout.ImposeOptions{Sheet: layout.A4}},
		{"signatures of two sheets with creep", layout.ImposeOptions{Sheet: layout.A4, Signature: 2, Creep: layout.Mm(1.5)}},
		{"crop marks", layout.ImposeOptions{Sheet: layout.A4, CropMarks: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, err := layout.Impose(book, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := ImposedPDF(&buf, im, PDFOptions{}); err != nil {
				t.Fatal(err)
			}
			path := writeFile(t, "booklet.pdf", buf.Bytes())
			if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", out)
			}
			sides := (n + 3) / 4 * 4 / 2
			info := run(t, "pdfinfo", "-f", "1", "-l", "999", path)
			sizes := pageSize.FindAllStringSubmatch(info, -1)
			if len(sizes) != sides {
				t.Fatalf("%d sides, want %d for %d pages", len(sizes), sides, n)
			}
			for _, m := range sizes {
				w, _ := strconv.ParseFloat(m[2], 64)
				h, _ := strconv.ParseFloat(m[3], 64)
				if w <= h || fmt.Sprintf("%.2f", w) != fmt.Sprintf("%.2f", im.Width.Points()) {
					t.Errorf("side %s is %s × %s pt, want landscape %.2f × %.2f", m[1], m[2], m[3], im.Width.Points(), im.Height.Points())
				}
			}
			order := layout.BookletOrder(n, tt.opt.Signature)
			half := im.Width.Points() / 2
			for si, pair := range order {
				for c, p := range pair {
					// The text sits where the slot (creep included)
					// put the page.
					if p < n {
						want := leftmost(t, plainPath, p+1, 0, 1e9) + im.Sides[si].Slots[c].X.Points()
						if got := leftmost(t, path, si+1, float64(c)*half, float64(c+1)*half); math.Abs(got-want) > 0.05 {
							t.Errorf("side %d, page %d starts at x %.2f, want %.2f", si+1, p+1, got, want)
						}
					}
					got := pageWords(t, path, si+1, float64(c)*half, 0, half, im.Height.Points())
					var want []string
					if p < n {
						want = pageWords(t, plainPath, p+1, 0, 0, 0, 0)
					}
					if strings.Join(got, " ") != strings.Join(want, " ") {
						t.Errorf("side %d %s half: %q…, want page %d %q…", si+1, [2]string{"left", "right"}[c],
							strings.Join(got[:min(8, len(got))], " "), p+1, strings.Join(want[:min(8, len(want))], " "))
					}
				}
			}
		})
	}
}

// TestImposedPDFLinksAndOutline checks that link annotations moved with
// their pages and that each bookmark leads to the side holding its
// heading.
func TestImposedPDFLinksAndOutline(t *testing.T) {
	_, book := longArticle(t, 5)
	im, err := layout.Impose(book, layout.ImposeOptions{Sheet: layout.A4})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ImposedPDF(&buf, im, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "booklet.pdf", buf.Bytes())
	var doc struct {
		Pages []struct {
			Object   string
			Outlines []struct {
				Title string
			}
		}
		Qpdf []json.RawMessage
	}
	// Pages list their annotations, which are objects of their own (the
	// structure tree points to them).
	var objects map[string]struct {
		Value struct {
			Annots []string `json:"/Annots"`
			A      struct {
				URI string `json:"/URI"`
			} `json:"/A"`
			Rect []float64 `json:"/Rect"`
		}
	}
	out := run(t, "qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path)
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != len(im.Sides) || len(doc.Qpdf) < 2 {
		t.Fatalf("%d pages in the PDF, want %d sides", len(doc.Pages), len(im.Sides))
	}
	if err := json.Unmarshal(doc.Qpdf[1], &objects); err != nil {
		t.Fatal(err)
	}
	var gotOutline, wantOutline []string
	for si, p := range doc.Pages {
		for _, o := range p.Outlines {
			gotOutline = append(gotOutline, fmt.Sprintf("%s@%d", o.Title, si+1))
		}
	}
	for _, o := range im.Outline {
		wantOutline = append(wantOutline, fmt.Sprintf("%s@%d", o.Title, o.Page+1))
	}
	slices.Sort(gotOutline)
	slices.Sort(wantOutline)
	if len(wantOutline) == 0 || strings.Join(gotOutline, "|") != strings.Join(wantOutline, "|") {
		t.Errorf("bookmarks on sides %q, want %q", gotOutline, wantOutline)
	}
	// Each link rectangle sits where its page was placed.
	var gotLinks, wantLinks []string
	for si, side := range im.Sides {
		for _, sl := range side.Slots {
			if sl.Page < 0 {
				continue
			}
			for _, l := range book.Pages[sl.Page].Links {
				wantLinks = append(wantLinks, fmt.Sprintf("%d %.1f %.1f %s", si+1, (l.X+sl.X).Points(),
					im.Height.Points()-(l.Y+sl.Y).Points(), l.URL))
			}
		}
		page := objects["obj:"+doc.Pages[si].Object]
		for _, ref := range page.Value.Annots {
			if a := objects["obj:"+ref].Value; len(a.Rect) == 4 {
				gotLinks = append(gotLinks, fmt.Sprintf("%d %.1f %.1f %s", si+1, a.Rect[0], a.Rect[1], strings.TrimPrefix(a.A.URI, "u:")))
			}
		}
	}
	if len(wantLinks) == 0 || strings.Join(gotLinks, "\n") != strings.Join(wantLinks, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(gotLinks, "\n"), strings.Join(wantLinks, "\n"))
	}
}

func TestImposedPDFDeterministic(t *testing.T) {
	_, book := longArticle(t, 3)
	var out [2][]byte
	for i := range out {
		im, err := layout.Impose(book, layout.ImposeOptions{Sheet: layout.A4, Creep: layout.Mm(0.5), CropMarks: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := ImposedPDF(&buf, im, PDFOptions{}); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two exports of the same imposition differ")
	}
}

func TestImposedPDFErrors(t *testing.T) {
	for name, im := range map[string]*layout.Imposition{
		"nil":      nil,
		"no book":  {},
		"no sides": {Book: &layout.Book{Pages: []*layout.Page{{}}}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := ImposedPDF(&bytes.Buffer{}, im, PDFOptions{}); err == nil {
				t.Error("no error")
			}
		})
	}
}
