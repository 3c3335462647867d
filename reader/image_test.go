package reader

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"pamphlet/model"
)

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testJPEG(t *testing.T) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 5, 7)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testGIF(t *testing.T) []byte {
	var b bytes.Buffer
	img := image.NewPaletted(image.Rect(0, 0, 3, 2), []color.Color{color.Black, color.White})
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngClaiming is a small PNG whose header claims another size, as a
// decompression bomb does.
func pngClaiming(t *testing.T, w, h int) []byte {
	b := testPNG(t, 1, 1)
	// IHDR data starts at byte 16: width, height, then 5 bytes; CRC after.
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// webpLossless1x1 is the smallest lossless WebP image (1×1 pixel).
const webpLossless1x1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

func TestImageFigure(t *testing.T) {
	pngData := testPNG(t, 6, 4)
	webp, _ := base64.StdEncoding.DecodeString(webpLossless1x1)
	files := fstest.MapFS{
		"a.png":        {Data: pngData},
		"img/b.jpg":    {Data: testJPEG(t)},
		"c.gif":        {Data: testGIF(t)},
		"d.webp":       {Data: webp},
		"e.svg":        {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)},
		"big.png":      {Data: append(append([]byte{}, pngData...), make([]byte, 2000)...)},
		"broken.png":   {Data: pngData[:20]},
		"text.png":     {Data: []byte("hello, not an image")},
		"my image.png": {Data: pngData},
		"folder/x.png": {Data: pngData},
		"huge.png":     {Data: pngClaiming(t, 8000, 6000)},
		"dir/.keep":    {Data: nil},
	}
	fetched := map[string]int{}
	fetch := func(u string) ([]byte, error) {
		fetched[u]++
		switch u {
		case "https://img.example.org/r.png":
			return pngData, nil
		case "https://img.example.org/big.png":
			return make([]byte, 5000), nil
		}
		return nil, errors.New("404 not found")
	}
	tests := []struct {
		name      string
		src, alt  string
		w, h      int
		opt       Options
		base      string
		wantNil   bool
		wantSrc   string
		wantType  string
		wantSize  string
		wantWarn  string
		wantFetch string
		// wantRepair is a word of the repair recorded, for clean-ups that
		// are expected and so give no warning.
		wantRepair string
	}{
		{name: "png", src: "a.png", opt: Options{Images: files}, wantSrc: "a.png", wantType: "image/png", wantSize: "6x4"},
		{name: "jpeg in a subfolder", src: "img/b.jpg", opt: Options{Images: files}, wantSrc: "img/b.jpg", wantType: "image/jpeg", wantSize: "5x7"},
		{name: "gif", src: "./c.gif", opt: Options{Images: files}, wantSrc: "./c.gif", wantType: "image/gif", wantSize: "3x2"},
		{name: "webp becomes png", src: "d.webp", opt: Options{Images: files}, wantSrc: "d.webp", wantType: "image/png", wantSize: "1x1"},
		{name: "percent-encoded name", src: "my%20image.png", opt: Options{Images: files}, wantSrc: "my%20image.png", wantType: "image/png", wantSize: "6x4"},
		{name: "query and fragment ignored", src: "a.png?v=2#x", opt: Options{Images: files}, wantType: "image/png", wantSrc: "a.png?v=2#x", wantSize: "6x4"},
		{name: "svg refused, alt kept", src: "e.svg", alt: "logo", opt: Options{Images: files}, wantSrc: "e.svg", wantWarn: "SVG"},
		{name: "svg refused without alt", src: "e.svg", opt: Options{Images: files}, wantNil: true, wantWarn: "SVG"},
		{name: "size cap", src: "big.png", alt: "x", opt: Options{Images: files, MaxImageBytes: 1000}, wantSrc: "big.png", wantWarn: "larger than"},
		{name: "pixel cap", src: "huge.png", alt: "x", opt: Options{Images: files}, wantSrc: "huge.png", wantWarn: "too large"},
		{name: "damaged", src: "broken.png", alt: "x", opt: Options{Images: files}, wantSrc: "broken.png", wantWarn: "damaged"},
		{name: "not an image", src: "text.png", alt: "x", opt: Options{Images: files}, wantSrc: "text.png", wantWarn: "not a PNG"},
		{name: "missing", src: "nope.png", alt: "x", opt: Options{Images: files}, wantSrc: "nope.png", wantWarn: "no such file"},
		{name: "a folder", src: "dir", alt: "x", opt: Options{Images: files}, wantSrc: "dir", wantWarn: "folder"},
		{name: "leaves the folder", src: "../secret.png", alt: "x", opt: Options{Images: files}, wantSrc: "", wantWarn: "leaves the input's folder"},
		{name: "leaves through a subfolder", src: "folder/../../secret.png", opt: Options{Images: files}, wantNil: true, wantWarn: "leaves the input's folder"},
		{name: "encoded dot-dot", src: "%2e%2e/secret.png", opt: Options{Images: files}, wantNil: true, wantWarn: "leaves the input's folder"},
		{name: "backslashes", src: `..\secret.png`, opt: Options{Images: files}, wantNil: true, wantWarn: "leaves the input's folder"},
		{name: "absolute path", src: "/etc/passwd", opt: Options{Images: files}, wantNil: true, wantWarn: "absolute path"},
		{name: "windows drive", src: `C:\secret.png`, opt: Options{Images: files}, wantNil: true, wantWarn: "absolute path"},
		{name: "no folder", src: "a.png", alt: "x", opt: Options{}, wantSrc: "a.png", wantWarn: "no folder"},
		{name: "remote not fetched", src: "https://img.example.org/r.png", alt: "x", opt: Options{}, wantSrc: "https://img.example.org/r.png"},
		{name: "remote fetched", src: "https://img.example.org/r.png", opt: Options{Fetch: fetch}, wantSrc: "https://img.example.org/r.png", wantType: "image/png", wantSize: "6x4", wantFetch: "https://img.example.org/r.png"},
		{name: "remote over the cap", src: "https://img.example.org/big.png", alt: "x", opt: Options{Fetch: fetch, MaxImageBytes: 1000}, wantSrc: "https://img.example.org/big.png", wantWarn: "larger than"},
		{name: "remote fails", src: "https://img.example.org/404.png", alt: "x", opt: Options{Fetch: fetch}, wantSrc: "https://img.example.org/404.png", wantWarn: "fetch failed"},
		{name: "relative resolved against the page", src: "/r.png", opt: Options{Fetch: fetch}, base: "https://img.example.org/post/", wantSrc: "https://img.example.org/r.png", wantType: "image/png", wantSize: "6x4"},
		{name: "local first for a saved page", src: "a.png", opt: Options{Images: files, Fetch: fetch}, base: "https://img.example.org/post/", wantSrc: "a.png", wantType: "image/png", wantSize: "6x4"},
		{name: "protocol relative", src: "//img.example.org/r.png", opt: Options{Fetch: fetch}, wantSrc: "https://img.example.org/r.png", wantType: "image/png"},
		{name: "loopback", src: "http://127.0.0.1/pixel.gif", alt: "x", opt: Options{Fetch: fetch}, wantSrc: "", wantWarn: "local network"},
		{name: "loopback decimal", src: "http://2130706433/pixel.gif", opt: Options{Fetch: fetch}, wantNil: true, wantWarn: "local network"},
		{name: "localhost", src: "http://localhost:8080/p.png", opt: Options{Fetch: fetch}, wantNil: true, wantWarn: "local network"},
		{name: "private", src: "http://10.1.2.3/p.png", opt: Options{Fetch: fetch}, wantNil: true, wantWarn: "local network"},
		{name: "link-local", src: "http://169.254.169.254/latest/meta-data", opt: Options{Fetch: fetch}, wantNil: true, wantWarn: "local network"},
		{name: "ipv6 loopback", src: "http://[::1]/p.png", opt: Options{Fetch: fetch}, wantNil: true, wantWarn: "local network"},
		{name: "tracking pixel", src: "https://t.example.org/p.gif", w: 1, h: 1, opt: Options{Fetch: fetch}, wantNil: true, wantRepair: "tracking"},
		{name: "data png", src: "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngData), opt: Options{}, wantSrc: "", wantType: "image/png", wantSize: "6x4"},
		{name: "data not an image", src: "data:text/html;base64,PHNjcmlwdD4=", opt: Options{}, wantNil: true, wantWarn: "not an image"},
		{name: "data bad base64", src: "data:image/png;base64,@@@", alt: "x", opt: Options{}, wantSrc: "", wantWarn: "base64"},
		{name: "javascript", src: "javascript:alert(1)", alt: "x", opt: Options{}, wantSrc: "", wantWarn: "not images"},
		{name: "empty with alt", src: "", alt: "x", opt: Options{}, wantSrc: ""},
		{name: "empty without alt", src: "", opt: Options{}, wantNil: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warns []string
			tc.opt.Warn = func(w Warning) { warns = append(warns, w.Message) }
			tr := &trail{opt: tc.opt}
			l := newImgLoader(tc.opt, model.LinkBase(tc.base), tr)
			fig := l.figure(tc.src, tc.alt, tc.w, tc.h, nil, 0)
			l.finish()
			warned := strings.Join(warns, "\n")
			if tc.wantFetch != "" && fetched[tc.wantFetch] == 0 {
				t.Errorf("%s was not fetched", tc.wantFetch)
			}
			var repaired []string
			for _, r := range tr.repairs.repairs() {
				repaired = append(repaired, r.Detail)
			}
			if !strings.Contains(strings.Join(repaired, "\n"), tc.wantRepair) {
				t.Errorf("repairs %q lack %q", repaired, tc.wantRepair)
			}
			if tc.wantWarn != "" && !strings.Contains(warned, tc.wantWarn) {
				t.Errorf("warnings %q lack %q", warned, tc.wantWarn)
			}
			if tc.wantWarn == "" && tc.wantType != "" && warned != "" {
				t.Errorf("unexpected warnings %q", warned)
			}
			if tc.wantNil {
				if fig != nil {
					t.Errorf("got figure %+v, want none", fig)
				}
				return
			}
			if fig == nil {
				t.Fatalf("no figure")
			}
			size := ""
			if fig.Width > 0 {
				size = strings.Join([]string{itoa(fig.Width), itoa(fig.Height)}, "x")
			}
			if fig.Src != tc.wantSrc || fig.MediaType != tc.wantType || (tc.wantSize != "" && size != tc.wantSize) {
				t.Errorf("figure src %q type %q size %q; want %q %q %q", fig.Src, fig.MediaType, size, tc.wantSrc, tc.wantType, tc.wantSize)
			}
			if tc.wantType != "" && (len(fig.Data) == 0 || imgSniff(fig.Data) != tc.wantType) {
				t.Errorf("data of type %q, want %q", imgSniff(fig.Data), tc.wantType)
			}
			if tc.wantType == "" && len(fig.Data) > 0 {
				t.Errorf("refused image kept %d bytes", len(fig.Data))
			}
			if err := model.Validate(&model.Document{Blocks: model.NormalizeBlocks([]model.Block{fig})}); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestImageCache checks that an image used twice is read or fetched once.
func TestImageCache(t *testing.T) {
	n := 0
	opt := Options{Fetch: func(string) ([]byte, error) { n++; return testPNG(t, 2, 3), nil }}
	l := newImgLoader(opt, nil, &trail{opt: opt})
	for range 3 {
		if fig := l.figure("https://img.example.org/r.png", "", 0, 0, nil, 0); fig == nil || len(fig.Data) == 0 {
			t.Fatal("no image")
		}
	}
	if n != 1 {
		t.Errorf("fetched %d times, want 1", n)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
