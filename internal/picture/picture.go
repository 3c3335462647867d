// Package picture checks image files before anything decodes them, and
// reads a PNG's compressed rows without holding its pixels. It is the one
// place of the pixel cap that every image pamphlet loads is held to:
// figures in articles, covers given with --cover and covers named in a
// book's manifest.
package picture

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the formats pamphlet embeds
	_ "image/jpeg"
	_ "image/png"
)

// MaxPixels caps the pixel count (width × height) of an image: 40
// megapixels decode to 160 MB, and a larger picture in a pamphlet is a
// mistake or an attack (a decompression bomb: a few megabytes of PNG can
// claim billions of pixels).
const MaxPixels = 40 << 20

// Header reads an image's size and format from its header alone and
// refuses one past MaxPixels, so that a bomb costs the time of reading a
// few bytes. The format is the name the image package registers ("png",
// "jpeg", "gif").
func Header(data []byte) (image.Config, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, format, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, format, fmt.Errorf("%dx%d pixels is not an image size", cfg.Width, cfg.Height)
	}
	if err := CheckSize(cfg.Width, cfg.Height); err != nil {
		return cfg, format, err
	}
	return cfg, format, nil
}

// ErrTooLarge is wrapped by the errors of images past MaxPixels.
var ErrTooLarge = errors.New("too large")

// CheckSize refuses a size past MaxPixels, for formats Header does not
// read.
func CheckSize(width, height int) error {
	if int64(width)*int64(height) > MaxPixels {
		return fmt.Errorf("%dx%d pixels is %w (the limit is %d megapixels)", width, height, ErrTooLarge, MaxPixels>>20)
	}
	return nil
}

// Check makes sure a whole image is there and intact, after Header,
// without decompressing it: a program that embeds a file as it is should
// not pay for its pixels, and one that converts it decodes it then, once.
// A PNG must hold every chunk up to its end chunk, each with its CRC-32
// right (which covers the compressed rows) and its image data beginning
// with a zlib header; a GIF every block up to the end of its first frame,
// the one that is shown; a JPEG, which carries no checksum, is decoded
// once, to its own colour model, and dropped. What Check passes can still
// fail to decompress if it was made wrong on purpose or by a faulty
// encoder (rows missing, a bad filter type): a converter that reads the
// rows (PNG.Rows, image.Decode) reports that.
func Check(data []byte) (image.Config, string, error) {
	cfg, format, err := Header(data)
	if err != nil {
		return cfg, format, err
	}
	switch format {
	case "png":
		var p *PNG
		if p, err = ParsePNG(data); err == nil {
			err = p.zlibHeader()
		}
	case "gif":
		err = checkGIF(data)
	default:
		_, _, err = image.Decode(bytes.NewReader(data))
	}
	return cfg, format, err
}
