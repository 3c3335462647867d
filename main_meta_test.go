package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
)

// TestMetadataFlagsReachBothOutputs converts an article with --title,
// --author and --metadata, and finds what they say in the EPUB's package
// document and in the PDF's information dictionary and XMP metadata, over
// what the article's own front matter said.
func TestMetadataFlagsReachBothOutputs(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.md", []byte("---\ntitle: Old Title\nauthor: Old Name\nlang: en\n---\n\nThe nets are mended on the quay every morning before the boats go out.\n"))
	epub, pdf := filepath.Join(dir, "a.epub"), filepath.Join(dir, "a.pdf")
	args := []string{"--title", "Mending Nets", "--author", "Ann Lee", "--author", "Bo Chan",
		"-M", "publisher=Harbour Press", "--metadata", "rights=CC BY 4.0", "-M", "identifier=urn:isbn:9780000000002", "-M", "date=2024-03-01"}
	for _, out := range []string{epub, pdf} {
		if code, _, stderr := runCLI(t, "", append([]string{"convert", "-o", out}, append(args, in)...)...); code != exitOK {
			t.Fatalf("convert -o %s: exit %d: %s", out, code, stderr)
		}
	}
	opf := string(zipFiles(t, epub)["EPUB/package.opf"])
	for _, want := range []string{">Mending Nets</dc:title>", ">Ann Lee</dc:creator>", ">Bo Chan</dc:creator>",
		"<dc:publisher>Harbour Press</dc:publisher>", "<dc:rights>CC BY 4.0</dc:rights>", ">urn:isbn:9780000000002</dc:identifier>", "<dc:date>2024-03-01</dc:date>"} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s:\n%s", want, opf)
		}
	}
	if strings.Contains(opf, "Old") {
		t.Errorf("package.opf keeps the front matter's metadata:\n%s", opf)
	}
	pdfinfo := testenv.Tool(t, "pdfinfo")
	info, err := exec.Command(pdfinfo, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	for _, want := range []string{"Title:           Mending Nets", "Author:          Ann Lee, Bo Chan"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	xmp, err := exec.Command(pdfinfo, "-meta", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo -meta: %v\n%s", err, xmp)
	}
	for _, want := range []string{"Mending Nets", "<rdf:li>Ann Lee</rdf:li><rdf:li>Bo Chan</rdf:li>", "Harbour Press", "CC BY 4.0", "urn:isbn:9780000000002"} {
		if !strings.Contains(string(xmp), want) {
			t.Errorf("XMP lacks %q:\n%s", want, xmp)
		}
	}
}

// TestMetadataFlagRefusesBadPairs checks that a wrong --metadata is a
// usage error naming the pair.
func TestMetadataFlagRefusesBadPairs(t *testing.T) {
	in := writeFile(t, t.TempDir(), "a.txt", []byte("Some text.\n"))
	tests := []struct{ pair, want string }{
		{"colour=blue", `unknown key "colour"`},
		{"date=yesterday", `"date=yesterday"`},
		{"title", "want KEY=VALUE"},
	}
	for _, tc := range tests {
		t.Run(tc.pair, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", "convert", "--metadata", tc.pair, in)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, exitUsage, tc.want)
			}
		})
	}
}

// TestBookMetadataFlag checks that book takes --metadata too, over its
// own flags, authors naming the book's editors.
func TestBookMetadataFlag(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.md", []byte("# First\n\nThe nets are mended on the quay every morning.\n"))
	b := writeFile(t, dir, "b.md", []byte("# Second\n\nThe boats go out when the tide turns.\n"))
	out := filepath.Join(dir, "book.epub")
	code, _, stderr := runCLI(t, "", "book", "-o", out, "--lang", "en", "--title", "Flag Title", "-M", "title=Harbour Book",
		"-M", "author=Ann Lee", "-M", "publisher=Harbour Press", a, b)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	opf := string(zipFiles(t, out)["EPUB/package.opf"])
	for _, want := range []string{">Harbour Book</dc:title>", ">Ann Lee</dc:creator>", "<dc:publisher>Harbour Press</dc:publisher>"} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s:\n%s", want, opf)
		}
	}
}
