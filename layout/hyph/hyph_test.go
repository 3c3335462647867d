package hyph

import (
	"os"
	"strings"
	"testing"
)

// mark writes word with a hyphen at each point Hyphenate returns.
func mark(p *Patterns, word string) string {
	pts := p.Hyphenate(word)
	var b strings.Builder
	j := 0
	for i, r := range []rune(word) {
		if j < len(pts) && pts[j] == i {
			b.WriteByte('-')
			j++
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestHyphenate(t *testing.T) {
	tests := []struct {
		lang, word, want string
	}{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en-US", "Hyphenation", "Hy-phen-ation"},
		{"en-gb", "typesetting", "type-set-ting"},
		{"en", "beautiful", "beau-ti-ful"},
		{"en", "paragraph", "para-graph"},
		// exceptions from hyph-en-us.hyp.txt win over the patterns
		{"en", "associate", "as-so-ciate"},
		{"en", "present", "present"},
		{"en", "project", "project"},
		{"en", "table", "ta-ble"},
		// minimums: two letters before, three after in English
		{"en", "into", "into"},
		{"en", "king's", "king's"},
		{"fr", "typographie", "ty-po-gra-phie"},
		{"fr", "aujourd'hui", "au-jour-d'hui"},
		{"es", "resistencia", "re-sis-ten-cia"},
		{"es", "democrático", "de-mo-crá-ti-co"},
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"de-AT", "Schreibmaschine", "Schreib-ma-schi-ne"},
		{"it", "sillabazione", "sil-la-ba-zio-ne"},
		{"pt", "português", "por-tu-guês"},
		{"pt-br", "hifenização", "hi-fe-ni-za-ção"},
		{"pt", "software", "soft-ware"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			p, err := ForLang(tt.lang)
			if err != nil || p == nil {
				t.Fatalf("ForLang(%q) = %v, %v", tt.lang, p, err)
			}
			if got := mark(p, tt.word); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMinimums(t *testing.T) {
	tests := []struct {
		lang        string
		left, right int
	}{
		{"en", 2, 3}, {"es", 2, 2}, {"fr", 2, 2}, {"de", 2, 2}, {"it", 2, 2}, {"pt", 2, 3},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			p, err := ForLang(tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if p.Left != tt.left || p.Right != tt.right {
				t.Errorf("minimums %d/%d, want %d/%d", p.Left, p.Right, tt.left, tt.right)
			}
		})
	}
}

func TestUnsupportedLanguage(t *testing.T) {
	for _, tag := range []string{"", "nl", "zh-hans", "x"} {
		p, err := ForLang(tag)
		if p != nil || err != nil {
			t.Errorf("ForLang(%q) = %v, %v; want nil, nil", tag, p, err)
		}
		if got := p.Hyphenate("hyphenation"); got != nil {
			t.Errorf("nil patterns hyphenated: %v", got)
		}
	}
}

func TestEveryFileHasItsLicence(t *testing.T) {
	entries, err := os.ReadDir("patterns")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := os.ReadFile("patterns/" + e.Name())
		head := string(b[:min(len(b), 4000)])
		if !strings.Contains(head, "% licence:") || !strings.Contains(head, "% copyright") {
			t.Errorf("%s: no licence header", e.Name())
		}
	}
}

func BenchmarkHyphenate(b *testing.B) {
	p, err := ForLang("en")
	if err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("hyphenation typesetting beautiful astonished whenever democratic resignation Indigenous")
	var dst []int
	for i := 0; i < b.N; i++ {
		for _, w := range words {
			dst = p.AppendPoints(dst[:0], w)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := load("en-us"); err != nil {
			b.Fatal(err)
		}
	}
}
