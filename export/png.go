package export

import (
	"bytes"
	"compress/zlib"
	"image/color"
	"sync"

	"pamphlet/internal/picture"
)

// writePalettedPNG encodes a w×h image of 4-bit palette indices (pal has
// at most 16 colours) whose rows come from row, one index a byte, into a
// buffer reused from row to row. Rows are packed two pixels a byte and
// compressed by compress/zlib at its fastest level, and picture.PNGFile
// writes the chunks. A cover's cost is that compression and zlib's
// checksum, in proportion to the bytes: four bits a pixel halve it, and
// image/png, which packs a 4-bit image a pixel at a time through an
// interface, would cost several times more.
func writePalettedPNG(w, h int, pal color.Palette, row func(y int, row []byte)) []byte {
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	z := pngZlib.Get().(*zlib.Writer)
	defer pngZlib.Put(z)
	var idat bytes.Buffer
	idat.Grow(32 << 10)
	z.Reset(&idat)
	// Most of a cover's rows repeat the one above (paper and the frame's
	// sides): those are packed once.
	pix, last := make([]byte, w), make([]byte, w)
	packed := make([]byte, 1+(w+1)/2) // filter type 0 (none), then the pixels
	for y := range h {
		row(y, pix)
		if y == 0 || !bytes.Equal(pix, last) {
			pack4(packed[1:], pix)
			pix, last = last, pix
		}
		z.Write(packed) // into a bytes.Buffer: no error
	}
	z.Close()
	return picture.PNGFile(w, h, 4, picture.Paletted, false, plte, idat.Bytes())
}

// pack4 packs src, one 4-bit value a byte, into dst, two a byte, the
// first in the high bits.
func pack4(dst, src []byte) {
	n := len(src) / 2
	for i := range n {
		p := src[2*i : 2*i+2 : 2*i+2]
		dst[i] = p[0]<<4 | p[1]&0x0f
	}
	if len(src)%2 == 1 {
		dst[n] = src[len(src)-1] << 4
	}
}

// pngZlib pools the compressors of writePalettedPNG: covers are made one
// after another in a book and in tests, and a fresh compressor touches
// over a megabyte of tables.
var pngZlib = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return z
}}
