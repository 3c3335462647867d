package reader_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"pamphlet/model"
	"pamphlet/reader"
)

// fuzzImages is a folder with one real image, so that image loading runs
// under the fuzzer too.
func fuzzImages(t testing.TB) fstest.MapFS {
	png, err := os.ReadFile(filepath.Join(hostileDir, "harbour.png"))
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{"harbour.png": {Data: png}, "img/harbour.png": {Data: png}}
}

// fuzzRead checks the properties every reader must keep on any input: no
// panic, only the documented errors, a document that passes Validate, and
// a Normalize that changes nothing more.
func fuzzRead(t *testing.T, src []byte, format reader.Format, images fstest.MapFS) {
	res, err := reader.Read(src, reader.Options{Format: format, Images: images, BaseURL: "https://example.org/a/"})
	if err != nil {
		if errors.Is(err, reader.ErrNoText) || errors.Is(err, reader.ErrBinary) {
			return
		}
		t.Fatalf("unexpected error: %v", err)
	}
	if err := model.Validate(res.Doc); err != nil {
		t.Fatalf("invalid document: %v", err)
	}
	var before, after bytes.Buffer
	if err := model.Dump(&before, res.Doc); err != nil {
		t.Fatal(err)
	}
	model.Normalize(res.Doc)
	if err := model.Dump(&after, res.Doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Fatalf("Normalize is not idempotent:\n%s\n---\n%s", before.Bytes(), after.Bytes())
	}
	if _, err := res.JSON(); err != nil {
		t.Fatalf("report: %v", err)
	}
}

// fuzzSeeds adds the fixtures of the reader and the hostile pages.
func fuzzSeeds(f *testing.F, pattern string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", pattern))
	more, _ := filepath.Glob(filepath.Join(hostileDir, pattern))
	for _, p := range append(paths, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzMarkdown(f *testing.F) {
	fuzzSeeds(f, "*.md")
	for _, s := range []string{
		"# Title\n\nBy Jane Roe\n\nText *em* **strong** `code` [link](/x) ![img](harbour.png \"cap\")\n",
		"---\ntitle: T\nauthors: [A, B]\ndate: 2020-01-02\n---\n\n## H\n\n- a\n- b\n\n1. x\n\n> q\n\n```go\nx\n```\n",
		"+++\ntitle = \"T\"\ndate = 2020-01-02\n+++\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~s~~ - [ ] t [^1]\n\n[^1]: note\n",
		"<div>\n<img src=\"img/harbour.png\" alt=\"x\">\n</div>\n\ntext<br>more <script>alert(1)</script> end\n",
		"a\\\nb  \nc &amp; &#65; &#x42; &nosuch; \\* <http://x.org> <a@b.c>\n",
		"---\n- not\n- a map\n---\n",
		"| a | b | c |\n|:--|--:|:-:|\n| [x](y) ![i](harbour.png) | *e* | `c` |\n| 1 |\n\n[the ![lamp](harbour.png) plan](p.html)\n",
	} {
		f.Add([]byte(s))
	}
	images := fuzzImages(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzRead(t, src, reader.FormatMarkdown, images)
	})
}

func FuzzHTML(f *testing.F) {
	fuzzSeeds(f, "*.html")
	for _, s := range []string{
		"<html><head><title>T - Site</title><meta name=author content='A B'></head><body><h1>T</h1><p>By A B</p><p>x<br><br>y</p></body></html>",
		"<p>a <a href='javascript:x'>b</a> <a href='#'>c</a> <img src='harbour.png' width=1 height=1> <q>d</q></p><pre class='language-go'>x\n\ty</pre>",
		"<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td><p>2</p></td></tr></table><table><tr><td><img src=img/harbour.png></td></tr><tr><td>cap</td></tr></table>",
		"<figure><img src='data:image/png;base64,iVBORw0KGgo='><figcaption>c</figcaption></figure><ul><li>a<li>b<ol start=3><li>c</ol></ul><dl><dt>t<dd>d</dl>",
		"<table role=presentation><tr><td>a</td><td>b</td></tr></table><table><caption>c</caption><thead><tr><th colspan=3>h</th></tr></thead><tr><td rowspan=0>x</td><td colspan=2 align=right>1</td></tr><tr><td>y</td><td rowspan=5>z</td></tr><tfoot><tr><td>t</td></tr></tfoot></table>",
		"<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":\"H\",\"author\":[{\"name\":\"X Y\"}],\"datePublished\":\"2020-02-30\"}</script><p>text</p>",
	} {
		f.Add([]byte(s))
	}
	images := fuzzImages(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzRead(t, src, reader.FormatHTML, images)
	})
}
