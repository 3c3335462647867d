package export

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestWritePalettedPNG decodes what writePalettedPNG wrote with the
// standard decoder (which checks every checksum) and compares the pixels.
func TestWritePalettedPNG(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		row  func(y, x int, r *rand.Rand) uint8
	}{
		{"blank", 300, 40, func(y, x int, r *rand.Rand) uint8 { return 0 }},
		{"one pixel", 1, 1, func(y, x int, r *rand.Rand) uint8 { return 5 }},
		{"odd width", 3, 2, func(y, x int, r *rand.Rand) uint8 { return uint8(15 - x - y) }},
		{"two columns", 2, 3, func(y, x int, r *rand.Rand) uint8 { return uint8(x) }},
		{"noise", 257, 50, func(y, x int, r *rand.Rand) uint8 { return uint8(r.IntN(16)) }},
		{"runs", 1000, 30, func(y, x int, r *rand.Rand) uint8 { return uint8((x / (y + 1)) % 16) }},
		{"repeated rows", 700, 60, func(y, x int, r *rand.Rand) uint8 { return uint8((x / 7) % 3 * (y / 20)) }},
		{"runs of every length", 600, 4, func(y, x int, r *rand.Rand) uint8 {
			// Runs of 1, 2, 3, ... bytes, alternating values.
			n, k := 0, 1
			for n+k <= x {
				n += k
				k++
			}
			return uint8(k % 2 * 13)
		}},
		{"wide", 40000, 2, func(y, x int, r *rand.Rand) uint8 { return uint8(x % 2) }},
		{"rows partly repeating the one above", 500, 40, func(y, x int, r *rand.Rand) uint8 {
			// Noise in patches, between stretches that continue from
			// the row above, as a glyph's strokes do.
			if (x/13+y/5)%4 == 0 {
				return uint8(r.IntN(16))
			}
			return uint8((x / 9) % 5 * (y / 8 % 3))
		}},
		{"wider than a deflate window", 33000, 3, func(y, x int, r *rand.Rand) uint8 { return uint8(x / 5000 % 2 * (y + 1)) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			want := image.NewPaletted(image.Rect(0, 0, tc.w, tc.h), coverPalette)
			for y := 0; y < tc.h; y++ {
				for x := 0; x < tc.w; x++ {
					want.Pix[y*want.Stride+x] = tc.row(y, x, rng)
				}
			}
			data := writePalettedPNG(tc.w, tc.h, coverPalette, func(y int, row []byte) {
				// What the last row left must not show.
				for i := range row {
					row[i] ^= 0x0f
				}
				copy(row, want.Pix[y*want.Stride:(y+1)*want.Stride])
			})
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			got, ok := img.(*image.Paletted)
			if !ok {
				t.Fatalf("decoded as %T, want a paletted image", img)
			}
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Fatal("pixels differ")
			}
			if len(got.Palette) != len(coverPalette) {
				t.Errorf("palette of %d colours, want %d", len(got.Palette), len(coverPalette))
			}
		})
	}
}
