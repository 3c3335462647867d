package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// userSheet is a reader's style sheet as --css passes it.
const userSheet = "/* larger type */\nbody { font-size: 120%; }\np { text-indent: 0; margin: 0.5em 0; }\n"

// TestUserCSSLinkedAfterOurs checks that the reader's style sheet is
// carried byte for byte, listed in the manifest, and linked from every
// XHTML document after pamphlet's, so that its rules win.
func TestUserCSSLinkedAfterOurs(t *testing.T) {
	tests := []struct {
		name string
		opt  EPUBOptions
		docs []string // XHTML documents that must link both sheets
	}{
		{"generated cover", EPUBOptions{CSS: []byte(userSheet)},
			[]string{"nav.xhtml", "xhtml/cover.xhtml", "xhtml/titlepage.xhtml", "xhtml/text.xhtml"}},
		{"no cover", EPUBOptions{CSS: []byte(userSheet), NoCover: true},
			[]string{"nav.xhtml", "xhtml/titlepage.xhtml", "xhtml/text.xhtml"}},
	}
	link := regexp.MustCompile(`<link [^>]*href="([^"]+\.css)"`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := writeEPUB(t, richDoc(t), tc.opt)
			_, files := entries(t, data)
			if got := files[contentDir+userCSSFile]; !bytes.Equal(got, []byte(userSheet)) {
				t.Errorf("%s is %q, want the given sheet byte for byte", userCSSFile, got)
			}
			if !regexp.MustCompile(`<item [^>]*href="` + userCSSFile + `" media-type="text/css"/>`).Match(files[contentDir+"package.opf"]) {
				t.Errorf("the manifest does not list %s:\n%s", userCSSFile, files[contentDir+"package.opf"])
			}
			for _, name := range tc.docs {
				doc := string(files[contentDir+name])
				prefix := fromXHTML
				if !strings.Contains(name, "/") {
					prefix = ""
				}
				var hrefs []string
				for _, m := range link.FindAllStringSubmatch(doc, -1) {
					hrefs = append(hrefs, m[1])
				}
				want := []string{prefix + cssFile, prefix + userCSSFile}
				if strings.Join(hrefs, " ") != strings.Join(want, " ") {
					t.Errorf("%s links %v, want %v", name, hrefs, want)
				}
				if _, err := parseXML([]byte(doc)); err != nil {
					t.Errorf("%s is no longer well formed: %v", name, err)
				}
			}
		})
	}
}

// TestNoUserCSS checks that a book without --css holds one style sheet.
func TestNoUserCSS(t *testing.T) {
	data, _ := writeEPUB(t, richDoc(t), EPUBOptions{})
	_, files := entries(t, data)
	if _, ok := files[contentDir+userCSSFile]; ok {
		t.Errorf("%s in a book without a style sheet of its reader", userCSSFile)
	}
	for name, b := range files {
		if bytes.Contains(b, []byte(userCSSFile)) {
			t.Errorf("%s names %s", name, userCSSFile)
		}
	}
}

func TestUserCSSRefused(t *testing.T) {
	tests := []struct {
		name, css, wantErr string
	}{
		{"binary", "PK\x03\x04\x00\x00", "css s.css: not a style sheet: control character U+0003 on line 1 (is it a text file?)"},
		{"not UTF-8", "p { content: \"\xff\"; }", "css s.css: not a style sheet: not UTF-8 text"},
		{"NUL on a later line", "p {}\nh1 {}\n\x00", "control character U+0000 on line 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := EPUB(&bytes.Buffer{}, richDoc(t), EPUBOptions{CSS: []byte(tc.css), CSSName: "s.css"})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestUserCSSWarnsAboutOtherFiles(t *testing.T) {
	tests := []struct {
		name, css string
		warns     bool
	}{
		{"plain rules", userSheet, false},
		{"import", "@import \"more.css\";\np {}\n", true},
		{"background image", "body { background: URL(paper.png); }\n", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, warnings := writeEPUB(t, richDoc(t), EPUBOptions{CSS: []byte(tc.css), CSSName: "s.css"})
			got := strings.Contains(strings.Join(warnings, "\n"), "css s.css: names other files")
			if got != tc.warns {
				t.Errorf("warned %v, want %v: %q", got, tc.warns, warnings)
			}
		})
	}
}

// TestContentsInReadingOrder checks that Contents puts a single
// article's navigation document in the linear reading order, between the
// title page and the text; without it the document stays outside it.
func TestContentsInReadingOrder(t *testing.T) {
	tests := []struct {
		name     string
		contents bool
		want     string // the spine, by file, "(nl)" after a non-linear one
	}{
		{"asked for", true, "xhtml/cover.xhtml xhtml/titlepage.xhtml nav.xhtml xhtml/text.xhtml"},
		{"not asked for", false, "xhtml/cover.xhtml xhtml/titlepage.xhtml xhtml/text.xhtml nav.xhtml(nl)"},
	}
	item := regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`)
	ref := regexp.MustCompile(`<itemref idref="([^"]+)"( linear="no")?`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := writeEPUB(t, richDoc(t), EPUBOptions{Contents: tc.contents})
			_, files := entries(t, data)
			opf := string(files[contentDir+"package.opf"])
			href := map[string]string{}
			for _, m := range item.FindAllStringSubmatch(opf, -1) {
				href[m[1]] = m[2]
			}
			var spine []string
			for _, m := range ref.FindAllStringSubmatch(opf, -1) {
				s := href[m[1]]
				if m[2] != "" {
					s += "(nl)"
				}
				spine = append(spine, s)
			}
			if got := strings.Join(spine, " "); got != tc.want {
				t.Errorf("spine %q, want %q", got, tc.want)
			}
		})
	}
}
