package export

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/layout"
	"pamphlet/model"
)

// highlightedDoc is an article with one code block in lang.
func highlightedDoc(lang string) *model.Document {
	return &model.Document{
		Title: "Highlighted", Lang: "en",
		Blocks: []model.Block{
			&model.Paragraph{Content: []model.Inline{txt("A program:")}},
			&model.Code{Lang: lang, Text: "package main\n\n// main greets the reader, at a length that makes this comment wrap onto a second line.\nfunc main() {\n\tfmt.Println(\"hello, world\", 42)\n}"},
		},
	}
}

func TestPDFHighlightedCode(t *testing.T) {
	plainPath, _ := writePDF(t, highlightedDoc(""), layout.Options{}, PDFOptions{})
	path, _ := writePDF(t, highlightedDoc("go"), layout.Options{}, PDFOptions{})

	t.Run("qpdf check", func(t *testing.T) {
		if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check:\n%s", out)
		}
	})

	t.Run("text as without highlighting", func(t *testing.T) {
		for _, mode := range []string{"-nopgbrk", "-raw", "-layout"} {
			got := run(t, "pdftotext", "-enc", "UTF-8", mode, path, "-")
			want := run(t, "pdftotext", "-enc", "UTF-8", mode, plainPath, "-")
			if got != want {
				t.Errorf("pdftotext %s: highlighted text\n%s\nplain text\n%s", mode, got, want)
			}
		}
	})

	t.Run("bold and oblique code faces embedded and subset", func(t *testing.T) {
		out := run(t, "pdffonts", path)
		for _, face := range []string{"DejaVuSansMono-Bold", "DejaVuSansMono-Oblique"} {
			re := regexp.MustCompile(`(?m)^[A-Z]{6}\+` + face + `\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`)
			if !re.MatchString(out) {
				t.Errorf("%s not embedded as a tagged subset with Unicode:\n%s", face, out)
			}
		}
		if plain := run(t, "pdffonts", plainPath); strings.Contains(plain, "Mono-") {
			t.Errorf("code without a language uses highlighting faces:\n%s", plain)
		}
	})

	t.Run("greys print", func(t *testing.T) {
		qpdf := testenv.Tool(t, "qpdf")
		content := func(p string) string {
			out := filepath.Join(t.TempDir(), "qdf.pdf")
			if b, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", p, out).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --qdf: %v\n%s", err, b)
			}
			return run(t, "cat", out)
		}
		grey := regexp.MustCompile(`(?m)^([0-9.]+) g$`)
		greys := func(p string) (gs []float64) {
			for _, m := range grey.FindAllStringSubmatch(content(p), -1) {
				g, _ := strconv.ParseFloat(m[1], 64)
				gs = append(gs, g)
			}
			return gs
		}
		set, lightest := greys(path), 0.0
		for _, g := range set {
			lightest = max(lightest, g)
		}
		if lightest == 0 || lightest > 0.45 {
			t.Errorf("lightest grey %.2f; want one, no lighter than 0.45 (55%% black)", lightest)
		}
		if n := len(set); n == 0 || set[n-1] != 0 {
			t.Errorf("greys set %v; text after code must be black again", set)
		}
		for _, g := range greys(plainPath) {
			if g != 0 {
				t.Errorf("code without a language sets grey %.2f", g)
			}
		}
	})
}

func TestEPUBHighlightedCode(t *testing.T) {
	tests := []struct {
		name, lang string
		wantSpans  bool
	}{
		{"a language chroma knows", "go", true},
		{"no language", "", false},
		{"an unknown language", "no-such-language", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := writeEPUB(t, highlightedDoc(tc.lang), EPUBOptions{Modified: fixedTime})
			_, files := entries(t, data)
			text, css := string(files["EPUB/xhtml/text.xhtml"]), string(files["EPUB/css/pamphlet.css"])
			hasSpans := strings.Contains(text, `<span class="hl-keyword">func</span>`)
			hasRules := strings.Contains(css, "pre code .hl-keyword {")
			if hasSpans != tc.wantSpans || hasRules != tc.wantSpans {
				t.Errorf("spans %v, stylesheet rules %v; want %v", hasSpans, hasRules, tc.wantSpans)
			}
			if !strings.Contains(text, "hello, world") {
				t.Error("the code's text is missing")
			}
		})
	}
}
