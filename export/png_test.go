package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/png"
	"io"
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
		{"two columns", 2, 3, func(y, x int, r *rand.Rand) uint8 { return uint8(x) }},
		{"noise", 257, 50, func(y, x int, r *rand.Rand) uint8 { return uint8(r.IntN(65)) }},
		{"runs", 1000, 30, func(y, x int, r *rand.Rand) uint8 { return uint8((x / (y + 1)) % 65) }},
		{"repeated rows", 700, 60, func(y, x int, r *rand.Rand) uint8 { return uint8((x / 7) % 3 * (y / 20)) }},
		{"runs of every length", 600, 4, func(y, x int, r *rand.Rand) uint8 {
			// Runs of 1, 2, 3, ... bytes, alternating values.
			n, k := 0, 1
			for n+k <= x {
				n += k
				k++
			}
			return uint8(k % 2 * 40)
		}},
		{"wide", 40000, 2, func(y, x int, r *rand.Rand) uint8 { return uint8(x % 2) }},
		{"rows partly repeating the one above", 500, 40, func(y, x int, r *rand.Rand) uint8 {
			// Noise in patches, between stretches that continue from
			// the row above, as a glyph's strokes do.
			if (x/13+y/5)%4 == 0 {
				return uint8(r.IntN(65))
			}
			return uint8((x / 9) % 5 * (y / 8 % 3))
		}},
		{"wider than a deflate window", 33000, 3, func(y, x int, r *rand.Rand) uint8 { return uint8(x / 5000 % 2 * y) }},
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

// TestMatchCodes checks the length and distance code lookups against a
// search of the RFC 1951 tables.
func TestMatchCodes(t *testing.T) {
	for n := 3; n <= 258; n++ {
		i := len(lengthBase) - 1
		for lengthBase[i] > n {
			i--
		}
		if int(lengthCode[n]) != i {
			t.Errorf("length %d: code %d, want %d", n, lengthCode[n], i)
		}
	}
	for d := 1; d <= 32768; d++ {
		j := len(distBase) - 1
		for distBase[j] > d {
			j--
		}
		if got := distCode(d); got != j {
			t.Errorf("distance %d: code %d, want %d", d, got, j)
		}
	}
}

// TestHuffmanLengths checks that the codes made for the cover are
// complete prefix codes (Kraft's sum is exactly one), that frequent
// symbols get codes no longer than rare ones, and that a code that would
// exceed the limit is refused.
func TestHuffmanLengths(t *testing.T) {
	fib := []int{1, 1}
	for len(fib) < 20 {
		fib = append(fib, fib[len(fib)-1]+fib[len(fib)-2])
	}
	tests := []struct {
		name  string
		freq  []int
		limit int
		ok    bool
	}{
		{"two symbols", []int{0, 5, 0, 1}, 15, true},
		{"one symbol", []int{0, 0, 7}, 15, true},
		{"none", []int{0, 0}, 15, true},
		{"skewed", []int{1000, 1, 1, 2, 3, 50, 0, 9, 400}, 15, true},
		{"equal", []int{4, 4, 4, 4, 4, 4, 4, 4}, 7, true},
		{"fibonacci within the limit", fib[:15], 15, true},
		{"fibonacci past the limit", fib, 15, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lengths, ok := huffmanLengths(tc.freq, tc.limit)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (lengths %v)", ok, tc.ok, lengths)
			}
			if !ok {
				return
			}
			used, kraft := 0, 0.0
			for s, l := range lengths {
				if (l > 0) != (tc.freq[s] > 0) {
					t.Errorf("symbol %d: length %d for frequency %d", s, l, tc.freq[s])
				}
				if int(l) > tc.limit {
					t.Errorf("symbol %d: length %d past the limit", s, l)
				}
				if l > 0 {
					used++
					kraft += 1 / float64(uint(1)<<l)
				}
				for s2, l2 := range lengths {
					if l > 0 && l2 > 0 && tc.freq[s] > tc.freq[s2] && l > l2 {
						t.Errorf("symbol %d (frequency %d) has a longer code than %d (frequency %d)", s, tc.freq[s], s2, tc.freq[s2])
					}
				}
			}
			if used >= 2 && kraft != 1 {
				t.Errorf("Kraft sum %v, want 1 (lengths %v)", kraft, lengths)
			}
		})
	}
}

// TestFixedCodes decodes the block written with the fixed codes, which
// the cover falls back to when a made code would be too long.
func TestFixedCodes(t *testing.T) {
	const w = 300
	cur, prev := make([]byte, 1+w), make([]byte, 1+w)
	var want []byte
	z := newRowDeflater(1 << 10)
	for y := 0; y < 20; y++ {
		for x := range w {
			cur[1+x] = uint8((x/(y+3) + x%7*(y%3)) % 65)
		}
		want = append(want, cur...)
		z.row(cur, prev, y > 0)
		cur, prev = prev, cur
	}
	z.writeFixed()
	if z.nacc > 0 {
		z.bits(0, 8-z.nacc)
	}
	data := binary.BigEndian.AppendUint32(z.out, z.s2<<16|z.s1)
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("rows differ")
	}
}
