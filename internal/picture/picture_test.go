package picture

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
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
	return PNGFile(int(w), int(h), int(depth), int(ct), interlace == 1, nil, z.Bytes())
}

// grey returns the filtered rows of a w×h 8-bit grey image: filter type
// 0, then black pixels.
func grey(w, h int) []byte {
	return bytes.Repeat(append([]byte{0}, make([]byte, w)...), h)
}

// interlaced3x3 is an interlaced 3×3 grey image's data: passes 2 and 3
// are empty, the others hold 1×1, 1×1, 2×1, 1×2 and 3×1 pixels.
var interlaced3x3 = []byte{0, 1, 0, 2, 0, 3, 4, 0, 5, 0, 6, 0, 7, 8, 9}

func TestCheck(t *testing.T) {
	var jpg, gf, small, anim bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 20, 10))
	jpeg.Encode(&jpg, pic, nil)
	gif.Encode(&gf, pic, nil)
	frame := image.NewPaletted(image.Rect(0, 0, 20, 10), []color.Color{color.Black, color.White})
	gif.Encode(&small, frame, nil)
	gif.EncodeAll(&anim, &gif.GIF{Image: []*image.Paletted{frame, frame}, Delay: []int{10, 10}})
	var encoded bytes.Buffer
	png.Encode(&encoded, pic)
	plain := pngOf(4, 3, 8, Gray, 0, grey(4, 3))
	badCRC := bytes.Clone(plain)
	badCRC[len(badCRC)-20] ^= 0xff // a byte of the image data
	noEnd := plain[:len(plain)-12]
	// The same rows in a zlib stream whose header asks for a preset
	// dictionary.
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(grey(4, 3))
	zw.Close()
	dict := z.Bytes()
	dict[1] = dict[1]&^0x1f | 0x20
	dict[1] |= byte((31 - (uint(dict[0])<<8|uint(dict[1]))%31) % 31)
	withDict := PNGFile(4, 3, 8, Gray, false, nil, dict)
	tests := []struct {
		name    string
		data    []byte
		wantErr string // "" for none
	}{
		{"plain PNG", plain, ""},
		{"encoded PNG", encoded.Bytes(), ""},
		{"JPEG", jpg.Bytes(), ""},
		{"GIF", gf.Bytes(), ""},
		{"animated GIF", anim.Bytes(), ""},
		{"interlaced PNG", pngOf(3, 3, 8, Gray, 1, interlaced3x3), ""},
		{"PNG with a damaged byte", badCRC, "bad checksum"},
		{"PNG without its end", noEnd, "truncated chunk"},
		{"PNG with a preset dictionary", withDict, "not a zlib stream"},
		{"16-bit palette", pngOf(4, 3, 16, Paletted, 0, grey(8, 3)), "bit depth 16"},
		{"past the pixel cap", pngOf(65535, 65535, 8, Gray, 0, grey(4, 1)), "65535x65535 pixels is too large"},
		{"truncated JPEG", jpg.Bytes()[:jpg.Len()/2], "unexpected EOF"},
		{"GIF cut in its colour table", gf.Bytes()[:gf.Len()/2], "unexpected EOF"},
		{"GIF cut in its image data", small.Bytes()[:small.Len()-4], "ends inside its first frame"},
		{"GIF cut after its colour table", small.Bytes()[:19], "ends inside its first frame"},
		// The first frame is what is shown: a later one cut short is not
		// looked at, as image/gif does not look at it.
		{"animated GIF cut in its second frame", anim.Bytes()[:anim.Len()-5], ""},
		{"not an image", []byte("plain words"), "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
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

// TestCheckAgreesWithDecoders makes sure that what Check passes, the
// decoders the PDF export uses decode, for every damage a file gets in
// transit: cut short at any byte, or any byte changed.
func TestCheckAgreesWithDecoders(t *testing.T) {
	var gf bytes.Buffer
	pic := image.NewPaletted(image.Rect(0, 0, 7, 5), []color.Color{color.Black, color.White, color.Gray{128}})
	for i := range pic.Pix {
		pic.Pix[i] = uint8(i % 3)
	}
	gif.Encode(&gf, pic, nil)
	var pn bytes.Buffer
	png.Encode(&pn, pic)
	for name, good := range map[string][]byte{"gif": gf.Bytes(), "png": pn.Bytes()} {
		t.Run(name, func(t *testing.T) {
			damaged := func(data []byte, what string) {
				if _, _, err := Check(data); err != nil {
					return
				}
				if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
					t.Errorf("%s: Check passed a file image.Decode refuses: %v", what, err)
				}
			}
			for n := range len(good) {
				damaged(good[:n], fmt.Sprintf("cut at %d", n))
			}
			if name == "png" { // a GIF has no checksum to catch a changed byte
				for i := range good {
					b := bytes.Clone(good)
					b[i] ^= 0x41
					damaged(b, fmt.Sprintf("byte %d changed", i))
				}
			}
		})
	}
}

func TestRowsRefusesWrongImageData(t *testing.T) {
	badFilter := grey(4, 3)
	badFilter[5] = 7
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"interlaced PNG short of a pass", pngOf(3, 3, 8, Gray, 1, interlaced3x3[:12]), "not enough pixel data"},
		{"too few rows", pngOf(4, 3, 8, Gray, 0, grey(4, 2)), "not enough pixel data"},
		{"too many rows", pngOf(4, 3, 8, Gray, 0, grey(4, 4)), "too much pixel data"},
		{"bad filter type", pngOf(4, 3, 8, Gray, 0, badFilter), "bad filter type 7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Whole and intact as a file: only reading the rows tells.
			if _, _, err := Check(tc.data); err != nil {
				t.Fatalf("Check refused: %v", err)
			}
			p, err := ParsePNG(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			err = p.Rows(func([]byte) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
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

// FuzzCheck feeds Check any bytes, PNG and GIF files cut and changed
// among them: it must never panic, and what it passes must be within the
// pixel cap.
func FuzzCheck(f *testing.F) {
	var gf, pn bytes.Buffer
	pic := image.NewPaletted(image.Rect(0, 0, 5, 3), []color.Color{color.Black, color.White})
	gif.EncodeAll(&gf, &gif.GIF{Image: []*image.Paletted{pic, pic}, Delay: []int{1, 1}})
	png.Encode(&pn, pic)
	f.Add(gf.Bytes())
	f.Add(pn.Bytes())
	f.Add(pngOf(3, 3, 8, Gray, 1, interlaced3x3))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := Check(data)
		if err == nil && int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
			t.Fatalf("passed a %dx%d image", cfg.Width, cfg.Height)
		}
	})
}
