package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tocArticle has two sections for the contents to list.
const tocArticle = "# Mending Nets\n\nThe nets are mended on the quay every morning, before the boats go out with the tide and the gulls come in.\n\n" +
	"## Knots\n\nA reef knot holds a patch in place, and a sheet bend joins two ropes of different sizes without slipping.\n\n" +
	"## Needles\n\nThe netting needle carries the twine through each mesh, and the gauge keeps every mesh the same size as its neighbours.\n"

// TestConvertTOC checks that --toc puts a contents page in front of a
// single article: in the EPUB the contents join the reading order before
// the text, in the PDF the first page lists the sections with their
// pages; without it neither has one.
func TestConvertTOC(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "nets.md", []byte(tocArticle))
	spineNav := regexp.MustCompile(`<itemref idref="[^"]+"/>\s*<itemref idref="[^"]+"/>\s*<itemref idref="([^"]+)"/>`)
	for _, toc := range []bool{true, false} {
		name := map[bool]string{true: "with --toc", false: "without"}[toc]
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "nets")
			args := []string{"convert", "--lang", "en", "-o", out + ".epub"}
			if toc {
				args = append(args, "--toc")
			}
			if code, _, stderr := runCLI(t, "", append(args, in)...); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			opf := string(zipFiles(t, out+".epub")["EPUB/package.opf"])
			navID := regexp.MustCompile(`<item id="([^"]+)" href="nav.xhtml"`).FindStringSubmatch(opf)
			m := spineNav.FindStringSubmatch(opf)
			linear := navID != nil && m != nil && m[1] == navID[1]
			if linear != toc {
				t.Errorf("contents third in the reading order: %v, want %v\n%s", linear, toc, opf)
			}

			args[4] = out + ".pdf"
			if code, _, stderr := runCLI(t, "", append(args, in)...); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			first := tool(t, "pdftotext", "-f", "1", "-l", "1", "-layout", out+".pdf", "-")
			hasContents := strings.Contains(first, "Contents") && regexp.MustCompile(`Needles[ .]+\d`).MatchString(first)
			if hasContents != toc {
				t.Errorf("contents on the first page: %v, want %v:\n%s", hasContents, toc, first)
			}
		})
	}
}
