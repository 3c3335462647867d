package main

import (
	"bytes"
	"compress/zlib"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"pamphlet/internal/picture"
)

// TestInspectImages checks how the command line gives the reader the
// input's folder: images beside the input load, a path or a symbolic link
// leaving the folder is refused with a warning, and --fetch-images never
// reaches a loopback address.
func TestInspectImages(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "article")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := os.ReadFile(filepath.Join("testdata", "hostile", "harbour.png"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "pic.png", png)
	writeFile(t, root, "outside.png", png)
	if err := os.Symlink(filepath.Join(root, "outside.png"), filepath.Join(dir, "link.png")); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
	md := "# Images\n\n![inside](pic.png)\n\n![up](../outside.png)\n\n![link](link.png)\n\n![remote](http://127.0.0.1:1/x.png)\n"
	in := writeFile(t, dir, "a.md", []byte(md))

	code, out, stderr := runCLI(t, "", "inspect", "--fetch-images", in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `figure src="pic.png" alt="inside" type=image/png bytes=359 size=48x32`) {
		t.Errorf("local image not embedded:\n%s", out)
	}
	for _, refused := range []string{`alt="up" type= bytes=0`, `alt="link" type= bytes=0`, `alt="remote" type= bytes=0`} {
		if !strings.Contains(out, refused) {
			t.Errorf("want %s in:\n%s", refused, out)
		}
	}
	for _, w := range []string{"../outside.png\": the path leaves the input's folder", "link.png\": cannot open", "local network"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if code, _, _ := runCLI(t, "", "inspect", "--strict", in); code != exitWarnings {
		t.Errorf("--strict with refused images: exit %d, want %d", code, exitWarnings)
	}
}

// TestImagesInLinesLeaveTheirText converts an article whose images sit
// where the model cannot keep them as pictures: each leaves its alt text
// in both outputs and a warning naming it, and --strict exits 3.
func TestImagesInLinesLeaveTheirText(t *testing.T) {
	dir := t.TempDir()
	png, err := os.ReadFile(filepath.Join("testdata", "hostile", "harbour.png"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "pic.png", png)
	md := "---\ntitle: Harbour\nlang: en\n---\n\nThe plan is on [the ![lamp room](pic.png) drawing](plan.html) of the tower.\n\n[![A storm over the pier](pic.png)](big.png)\n"
	in := writeFile(t, dir, "a.md", []byte(md))
	code, _, stderr := runCLI(t, "", "convert", "--strict", "-o", filepath.Join(dir, "a.epub"), in)
	if code != exitWarnings {
		t.Errorf("exit %d, want %d: %s", code, exitWarnings, stderr)
	}
	if !strings.Contains(stderr, `image "pic.png" inside a line of text is not included; its alt text "lamp room" stands in`) {
		t.Errorf("no warning names the image:\n%s", stderr)
	}
	code, out, _ := runCLI(t, "", "inspect", in)
	if code != exitOK {
		t.Fatalf("inspect: exit %d", code)
	}
	for _, want := range []string{"{link plan.html:the lamp room drawing}", `figure src="pic.png" alt="A storm over the pier" type=image/png`} {
		if !strings.Contains(out, want) {
			t.Errorf("want %s in:\n%s", want, out)
		}
	}
}

// TestFetchLoopbackSwitch checks that --fetch-images reaches a server on
// this computer only when PAMPHLET_FETCH_ALLOW_LOOPBACK=1 says so (a
// switch for tests), and names pamphlet in its User-Agent.
func TestFetchLoopbackSwitch(t *testing.T) {
	png, err := os.ReadFile(filepath.Join("testdata", "hostile", "harbour.png"))
	if err != nil {
		t.Fatal(err)
	}
	var agent string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agent = r.UserAgent()
		w.Write(png)
	}))
	defer srv.Close()
	in := writeFile(t, t.TempDir(), "a.md", []byte("# Remote\n\n![harbour]("+srv.URL+"/harbour.png)\n"))
	tests := []struct {
		name, env, want string
	}{
		{"refused by default", "", `alt="harbour" type= bytes=0`},
		{"refused unless exactly 1", "yes", `alt="harbour" type= bytes=0`},
		{"allowed by the switch", "1", `alt="harbour" type=image/png bytes=359 size=48x32`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			agent = ""
			t.Setenv("PAMPHLET_FETCH_ALLOW_LOOPBACK", tc.env)
			code, out, stderr := runCLI(t, "", "inspect", "--fetch-images", in)
			if code != exitOK || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, stderr %q, out:\n%s\nwant %s", code, stderr, out, tc.want)
			}
			if tc.env == "1" && !strings.HasPrefix(agent, "pamphlet/") {
				t.Errorf("User-Agent %q, want pamphlet/VERSION", agent)
			}
			if tc.env != "1" && agent != "" {
				t.Errorf("the server was reached")
			}
		})
	}
}

// bombPNG is a PNG whose header claims 65535×65535 pixels (17 GB decoded)
// with a few bytes of data behind it.
func bombPNG() []byte {
	return picture.PNGFile(65535, 65535, 8, picture.RGBA, false, nil, []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
}

// TestCoverPixelCap checks that a cover past the pixel cap, given with
// --cover or named by a manifest, is refused from its header with one
// line, and that nothing is written.
func TestCoverPixelCap(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "huge.png", bombPNG())
	in := writeFile(t, dir, "a.txt", []byte(article))
	manifest := writeFile(t, dir, "book.toml", []byte("title = \"Huge\"\ncover = \"huge.png\"\n\n[[article]]\npath = \"a.txt\"\n"))
	tests := []struct {
		name string
		args []string
		out  string
	}{
		{"convert --cover", []string{"convert", "--cover", filepath.Join(dir, "huge.png"), "-o", filepath.Join(dir, "c.epub"), in}, "c.epub"},
		{"book --cover", []string{"book", "--cover", filepath.Join(dir, "huge.png"), "--title", "T", "-o", filepath.Join(dir, "b"), in}, "b.epub"},
		{"manifest cover", []string{"book", manifest}, "book.epub"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			code, _, stderr := runCLI(t, "", tc.args...)
			runtime.ReadMemStats(&after)
			if code != exitFailure {
				t.Fatalf("exit %d, want %d: %s", code, exitFailure, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], "huge.png: 65535x65535 pixels is too large") {
				t.Errorf("want one line naming the cover and its size, got:\n%s", stderr)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
				t.Errorf("refusing the cover allocated %d MB", n>>20)
			}
			if _, err := os.Stat(filepath.Join(dir, tc.out)); err == nil {
				t.Errorf("%s written", tc.out)
			}
		})
	}
}

// TestPNGWithRowsMissing checks a PNG whole by its checksums whose
// compressed rows are fewer than its header promises, as a faulty encoder
// writes: the reader, which does not decompress it, keeps it, the EPUB
// carries it as it is, and the PDF, which reads the rows, fails with one
// line naming it and writes nothing.
func TestPNGWithRowsMissing(t *testing.T) {
	dir := t.TempDir()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 2*(1+4*3))) // two rows of 4 RGB pixels; the header says three
	zw.Close()
	writeFile(t, dir, "short.png", picture.PNGFile(4, 3, 8, picture.RGB, false, nil, z.Bytes()))
	in := writeFile(t, dir, "a.md", []byte("# Short\n\nA paragraph of the article.\n\n![a short picture](short.png)\n\nAnother paragraph.\n"))
	tests := []struct {
		out     string
		wantErr string // "" for success
	}{
		{"a.epub", ""},
		{"a.pdf", `image "short.png" (image/png): png: not enough pixel data`},
	}
	for _, tc := range tests {
		t.Run(tc.out, func(t *testing.T) {
			out := filepath.Join(dir, tc.out)
			code, _, stderr := runCLI(t, "", "convert", "--lang", "en", "-o", out, in)
			_, statErr := os.Stat(out)
			if tc.wantErr == "" {
				if code != exitOK || statErr != nil {
					t.Fatalf("exit %d, %v: %s", code, statErr, stderr)
				}
				return
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if code != exitFailure || len(lines) != 1 || !strings.Contains(lines[0], tc.wantErr) {
				t.Errorf("exit %d, want %d and one line saying %q; got:\n%s", code, exitFailure, tc.wantErr, stderr)
			}
			if statErr == nil {
				t.Errorf("%s written", tc.out)
			}
		})
	}
}
