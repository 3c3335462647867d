package picture

import (
	"bytes"
	"compress/zlib"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"testing"
)

// pngOf builds a PNG file from its header fields and its uncompressed
// (filtered) image data.
func pngOf(w, h uint32, depth, ct, interlace byte, raw []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw)
	zw.Close()
	return PNGFile(int(w), int(h), int(depth), int(ct), interlace == 1, z.Bytes())
}

func TestCheck(t *testing.T) {
	grey := func(w, h int) []byte { // 8-bit grey rows, filter type 0
		return bytes.Repeat(append([]byte{0}, make([]byte, w)...), h)
	}
	var jpg, gf bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 20, 10))
	jpeg.Encode(&jpg, pic, nil)
	gif.Encode(&gf, pic, nil)
	var encoded bytes.Buffer
	png.Encode(&encoded, pic)
	badFilter := grey(4, 3)
	badFilter[5] = 7
	// An interlaced 3×3 grey image: passes 2 and 3 are empty, the others
	// hold 1×1, 1×1, 2×1, 1×2 and 3×1 pixels.
	interlaced := []byte{0, 1, 0, 2, 0, 3, 4, 0, 5, 0, 6, 0, 7, 8, 9}
	tests := []struct {
		name    string
		data    []byte
		wantErr string // "" for none
	}{
		{"plain PNG", pngOf(4, 3, 8, Gray, 0, grey(4, 3)), ""},
		{"encoded PNG", encoded.Bytes(), ""},
		{"JPEG", jpg.Bytes(), ""},
		{"GIF", gf.Bytes(), ""},
		{"interlaced PNG", pngOf(3, 3, 8, Gray, 1, interlaced), ""},
		{"interlaced PNG short of a pass", pngOf(3, 3, 8, Gray, 1, interlaced[:12]), "not enough pixel data"},
		{"too few rows", pngOf(4, 3, 8, Gray, 0, grey(4, 2)), "not enough pixel data"},
		{"too many rows", pngOf(4, 3, 8, Gray, 0, grey(4, 4)), "too much pixel data"},
		{"bad filter type", pngOf(4, 3, 8, Gray, 0, badFilter), "bad filter type 7"},
		{"16-bit palette", pngOf(4, 3, 16, Paletted, 0, grey(8, 3)), "bit depth 16"},
		{"past the pixel cap", pngOf(65535, 65535, 8, Gray, 0, grey(4, 1)), "65535x65535 pixels is too large"},
		{"truncated JPEG", jpg.Bytes()[:jpg.Len()/2], "unexpected EOF"},
		{"not an image", []byte("plain words"), "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if strings.HasSuffix(tc.name, "PNG") {
				if _, err := png.Decode(bytes.NewReader(tc.data)); err != nil {
					t.Fatalf("image/png refuses the test file: %v", err)
				}
			}
			_, _, err := Check(tc.data)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestHeaderRefusesBombWithoutDecoding(t *testing.T) {
	// 65535×65535 RGBA would be 17 GB of pixels; its file is a few bytes.
	bomb := pngOf(65535, 65535, 8, RGBA, 0, make([]byte, 1000))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := Check(bomb)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing it allocated %d bytes; the header alone should decide", n)
	}
}

func TestRowsGivesFilteredRows(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 5, 4))
	for i := range m.Pix {
		m.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	p, err := ParsePNG(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 5 || p.Height != 4 || p.Depth != 8 || p.ColorType != RGBA || p.Channels() != 4 {
		t.Fatalf("header %+v", p)
	}
	rows := 0
	err = p.Rows(func(row []byte) error {
		if len(row) != 1+5*4 {
			t.Errorf("row of %d bytes, want %d", len(row), 1+5*4)
		}
		rows++
		return nil
	})
	if err != nil || rows != 4 {
		t.Fatalf("%d rows, error %v; want 4 rows", rows, err)
	}
}
