package export

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"sync"
)

// writePalettedPNG encodes a w×h image of 8-bit palette indices whose rows
// come from row, with image/png. Covers are made one after another in a
// book and in tests, so the pixel buffer and the encoder's compressor
// (over a megabyte of tables) are pooled. It returns nil only for an image
// image/png refuses (no pixels, more than 256 colours), which the fixed
// cover size and palette rule out.
func writePalettedPNG(w, h int, pal color.Palette, row func(y int, row []byte)) []byte {
	pix, _ := pngPixels.Get().(*[]byte)
	if pix == nil || cap(*pix) < w*h {
		pix = new([]byte)
		*pix = make([]byte, w*h)
	}
	defer pngPixels.Put(pix)
	img := &image.Paletted{Pix: (*pix)[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h), Palette: pal}
	for y := range h {
		row(y, img.Pix[y*w:(y+1)*w])
	}
	var out bytes.Buffer
	out.Grow(64 << 10)
	if err := pngEncoder.Encode(&out, img); err != nil {
		return nil
	}
	return out.Bytes()
}

var (
	pngPixels  sync.Pool // *[]byte
	pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers{}}
)

// pngBuffers is a png.EncoderBufferPool over a sync.Pool.
type pngBuffers struct{ p sync.Pool }

func (b *pngBuffers) Get() *png.EncoderBuffer {
	e, _ := b.p.Get().(*png.EncoderBuffer)
	return e
}

func (b *pngBuffers) Put(e *png.EncoderBuffer) { b.p.Put(e) }
