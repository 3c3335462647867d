package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif"  // GIF figures are decoded and embedded as PNG
	_ "image/jpeg" // JPEG figures are read to check their colour model
	"image/png"

	"github.com/jung-kurt/gofpdf"

	"pamphlet/layout"
)

// imageSet embeds each distinct picture once.
type imageSet struct {
	pdf *gofpdf.Fpdf
	// names maps a picture's content hash to its registered name.
	names map[string]string
}

// paint draws a picture in its rectangle, registering it first. gofpdf
// reads only some PNG variants (no interlacing, at most 8 bits) and would
// fail the whole document on the others, so anything but a plain JPEG is
// decoded here and embedded as an 8-bit PNG.
func (s *imageSet) paint(im layout.Image) error {
	sum := sha256.Sum256(im.Data)
	name := hex.EncodeToString(sum[:12])
	if _, ok := s.names[name]; !ok {
		data, kind, err := pdfImage(im.Data)
		if err != nil {
			return fmt.Errorf("image (%s): %w", im.MediaType, err)
		}
		s.pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
		if err := s.pdf.Error(); err != nil {
			return fmt.Errorf("image (%s): %w", im.MediaType, err)
		}
		s.names[name] = kind
	}
	s.pdf.ImageOptions(name, im.X.Points(), im.Y.Points(), im.W.Points(), im.H.Points(), false,
		gofpdf.ImageOptions{ImageType: s.names[name]}, 0, "")
	return nil
}

// pdfImage returns image data gofpdf embeds safely, and its type.
func pdfImage(data []byte) ([]byte, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", err
	}
	if format == "jpeg" && cfg.ColorModel != color.CMYKModel {
		// A JPEG goes into the PDF as it is (DCT data); gofpdf would
		// not mark a CMYK one as such.
		return data, "JPG", nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", err
	}
	flat := image.NewNRGBA(img.Bounds())
	draw.Draw(flat, flat.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, flat); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "PNG", nil
}
