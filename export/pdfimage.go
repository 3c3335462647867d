package export

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/jung-kurt/gofpdf"

	"pamphlet/internal/picture"
	"pamphlet/layout"
)

// imageSet embeds each distinct picture once.
type imageSet struct {
	pdf *gofpdf.Fpdf
	// names maps a picture's content hash to its registered name.
	names map[string]string
}

// paint draws a picture in its rectangle, registering it first.
func (s *imageSet) paint(im layout.Image) error {
	sum := sha256.Sum256(im.Data)
	name := hex.EncodeToString(sum[:12])
	if _, ok := s.names[name]; !ok {
		p, err := pdfImage(im.Data)
		if err != nil {
			return fmt.Errorf("image (%s): %w", im.MediaType, err)
		}
		if err := p.register(s.pdf, name); err != nil {
			return fmt.Errorf("image (%s): %w", im.MediaType, err)
		}
		s.names[name] = p.kind
	}
	s.pdf.ImageOptions(name, im.X.Points(), im.Y.Points(), im.W.Points(), im.H.Points(), false,
		gofpdf.ImageOptions{ImageType: s.names[name]}, 0, "")
	return nil
}

// pdfPicture is an image as gofpdf takes it without decoding it.
type pdfPicture struct {
	// data is a JPEG, which goes into the PDF as it is (DCTDecode), or a
	// PNG that gofpdf embeds with its compressed rows as they are
	// (FlateDecode with the PNG predictors): non-interlaced, at most 8
	// bits, no alpha channel, at most one transparent palette entry or
	// colour. It is nil when the image is given as streams.
	data []byte
	// kind is gofpdf's name of the type: "JPG" or "PNG".
	kind string
	// width and height are the size in pixels of an image given as
	// streams, grey says its colour is one grey sample a pixel (else RGB).
	width, height int
	grey          bool
	// colour is the image's colour as 8-bit samples and softMask its
	// alpha (nil when opaque) as one 8-bit sample a pixel, each a zlib
	// stream of PNG-filtered rows.
	colour, softMask []byte
}

// register hands the picture to gofpdf under name. Streams are
// registered as an image with no data, from a PNG header, and then given
// their colour and mask through gofpdf's own serialisation of the parsed
// image (the form its templates are saved in): gofpdf takes a soft mask
// only from a PNG it decompresses whole, and would copy the colour
// stream three times on its way in.
func (p *pdfPicture) register(pdf *gofpdf.Fpdf, name string) error {
	if p.data != nil {
		pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: p.kind}, bytes.NewReader(p.data))
		return pdf.Error()
	}
	ct := picture.RGB
	if p.grey {
		ct = picture.Gray
	}
	info := pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"},
		bytes.NewReader(pngFile(p.width, p.height, ct, []byte{0})))
	if err := pdf.Error(); err != nil {
		return err
	}
	enc, err := info.GobEncode()
	if err != nil {
		return err
	}
	var (
		data, mask, pal   []byte
		n, bpc            int
		w, h, scale, dpi  float64
		cs, filter, parms string
		trns              []int
	)
	fields := []any{&data, &mask, &n, &w, &h, &cs, &pal, &bpc, &filter, &parms, &trns, &scale, &dpi}
	dec := gob.NewDecoder(bytes.NewReader(enc))
	for _, f := range fields {
		if err := dec.Decode(f); err != nil {
			return fmt.Errorf("gofpdf image: %w", err)
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, len(p.colour)+len(p.softMask)+len(enc)))
	e := gob.NewEncoder(buf)
	for _, v := range []any{p.colour, p.softMask, n, w, h, cs, pal, bpc, filter, parms, trns, scale, dpi} {
		if err := e.Encode(v); err != nil {
			return fmt.Errorf("gofpdf image: %w", err)
		}
	}
	// The streams are in buf now: let them go while gofpdf decodes it.
	p.colour, p.softMask = nil, nil
	if err := info.GobDecode(buf.Bytes()); err != nil {
		return fmt.Errorf("gofpdf image: %w", err)
	}
	return nil
}

// pdfImage turns image data into what gofpdf embeds, reading the file's
// own compressed data where the PDF can hold it: a JPEG goes in as it is
// (a CMYK one with the inverted samples of the Adobe convention, the only
// CMYK JPEG image/jpeg reads, which gofpdf's /Decode array states), and
// so does most of a PNG: its compressed rows are inflated once to make
// sure they are whole (the reader checked only the file's chunks), never
// held. A PNG with an alpha channel has its filtered rows split into
// colour and alpha as they are inflated. Anything else (GIF, 16-bit or
// interlaced PNG) is decoded once, to its own colour model, and written
// out a row at a time. The pixel cap is checked from the header before
// anything is decoded.
func pdfImage(data []byte) (pdfPicture, error) {
	_, format, err := picture.Header(data)
	if err != nil {
		return pdfPicture{}, err
	}
	switch format {
	case "jpeg":
		return pdfPicture{data: data, kind: "JPG"}, nil
	case "png":
		p, err := picture.ParsePNG(data)
		if err != nil {
			return pdfPicture{}, err
		}
		if !p.Interlaced && p.Depth <= 8 {
			switch p.ColorType {
			case picture.Gray, picture.RGB, picture.Paletted:
				if gofpdfTransparency(p) {
					if err := p.Rows(func([]byte) error { return nil }); err != nil {
						return pdfPicture{}, err
					}
					return pdfPicture{data: data, kind: "PNG"}, nil
				}
			case picture.GrayAlpha, picture.RGBA:
				return splitAlpha(p)
			}
		}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return pdfPicture{}, err
	}
	if pal, ok := img.(*image.Paletted); ok && binaryAlpha(pal.Palette) {
		var buf bytes.Buffer
		if err := png.Encode(&buf, pal); err != nil {
			return pdfPicture{}, err
		}
		return pdfPicture{data: buf.Bytes(), kind: "PNG"}, nil
	}
	return flatten(img)
}

// gofpdfTransparency reports whether gofpdf renders a PNG's tRNS chunk
// faithfully: it makes one colour, or the first palette entry of alpha 0,
// fully transparent (a /Mask), so a palette with partly transparent
// entries, or several transparent ones, must have a soft mask instead.
func gofpdfTransparency(p *picture.PNG) bool {
	switch {
	case p.TRNS == nil:
		return true
	case p.ColorType == picture.Gray:
		return len(p.TRNS) == 2
	case p.ColorType == picture.RGB:
		return len(p.TRNS) == 6
	}
	zeros := 0
	for _, a := range p.TRNS {
		switch a {
		case 0:
			zeros++
		case 0xff:
		default:
			return false
		}
	}
	return zeros <= 1
}

// binaryAlpha reports whether a palette has at most one entry that is not
// opaque, fully transparent: what gofpdf renders from a PNG's tRNS chunk.
func binaryAlpha(pal color.Palette) bool {
	clear := 0
	for _, c := range pal {
		switch _, _, _, a := c.RGBA(); a {
		case 0:
			clear++
		case 0xffff:
		default:
			return false
		}
	}
	return clear <= 1
}

// imageLevel is the compression level of the streams pamphlet makes
// itself: alpha and colour split apart, or rows of a decoded image. The
// fastest level keeps a 6400×6400 picture within a second; the PDF's
// pages are small beside it either way.
const imageLevel = zlib.BestSpeed

// splitAlpha splits an 8-bit PNG with an alpha channel into its colour
// and alpha, as gofpdf would, but one row at a time: PNG filters work on
// each sample with the same channel's neighbours, so the filtered bytes of
// each channel, behind the row's filter type, are valid filtered rows of
// that channel alone. The alpha is unfiltered as it goes to learn whether
// the image is opaque, which then needs no mask.
func splitAlpha(p *picture.PNG) (pdfPicture, error) {
	w := p.Width
	colours := p.Channels() - 1
	var colour, alpha bytes.Buffer
	zc, _ := zlib.NewWriterLevel(&colour, imageLevel)
	za, _ := zlib.NewWriterLevel(&alpha, imageLevel)
	crow := make([]byte, 1+w*colours)
	arow := make([]byte, 1+w)
	// cur and prev hold the unfiltered alpha of this row and the one
	// above, from index 1; index 0 is the zero left of the first pixel.
	cur, prev := make([]byte, 1+w), make([]byte, 1+w)
	opaque := true
	err := p.Rows(func(row []byte) error {
		crow[0], arow[0] = row[0], row[0]
		px := row[1:]
		if colours == 3 {
			for x := range w {
				copy(crow[1+3*x:4+3*x], px[4*x:4*x+3])
				arow[1+x] = px[4*x+3]
			}
		} else {
			for x := range w {
				crow[1+x] = px[2*x]
				arow[1+x] = px[2*x+1]
			}
		}
		if _, err := zc.Write(crow); err != nil {
			return err
		}
		if _, err := za.Write(arow); err != nil {
			return err
		}
		if opaque {
			unfilter(cur, prev, arow)
			for _, a := range cur[1:] {
				if a != 0xff {
					opaque = false
					break
				}
			}
			cur, prev = prev, cur
		}
		return nil
	})
	if err == nil {
		err = zc.Close()
	}
	if err == nil {
		err = za.Close()
	}
	if err != nil {
		return pdfPicture{}, err
	}
	pic := pdfPicture{kind: "PNG", width: w, height: p.Height, grey: colours == 1, colour: colour.Bytes()}
	if !opaque {
		pic.softMask = alpha.Bytes()
	}
	return pic, nil
}

// unfilter undoes a PNG filter on a row of one byte a pixel (PNG
// specification, 9.2): cur and prev hold the unfiltered row and the one
// above from index 1, index 0 being zero; row is the filtered row with its
// filter type first.
func unfilter(cur, prev, row []byte) {
	switch row[0] {
	case 0:
		copy(cur[1:], row[1:])
	case 1:
		for i := 1; i < len(row); i++ {
			cur[i] = row[i] + cur[i-1]
		}
	case 2:
		for i := 1; i < len(row); i++ {
			cur[i] = row[i] + prev[i]
		}
	case 3:
		for i := 1; i < len(row); i++ {
			cur[i] = row[i] + uint8((int(cur[i-1])+int(prev[i]))/2)
		}
	case 4:
		for i := 1; i < len(row); i++ {
			a, b, c := int(cur[i-1]), int(prev[i]), int(prev[i-1])
			pa, pb, pc := abs(b-c), abs(a-c), abs(a+b-2*c)
			pred := c
			if pa <= pb && pa <= pc {
				pred = a
			} else if pb <= pc {
				pred = b
			}
			cur[i] = row[i] + uint8(pred)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// flatten writes a decoded image as 8-bit grey or RGB rows and an alpha
// mask, converting one row at a time: the image is never copied whole.
func flatten(img image.Image) (pdfPicture, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	grey := img.ColorModel() == color.GrayModel || img.ColorModel() == color.Gray16Model
	opaque := false
	if o, ok := img.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}
	colours := 3
	if grey {
		colours = 1
	}
	var colour, alpha bytes.Buffer
	zc, _ := zlib.NewWriterLevel(&colour, imageLevel)
	za, _ := zlib.NewWriterLevel(&alpha, imageLevel)
	line := image.NewNRGBA(image.Rect(0, 0, w, 1))
	crow := make([]byte, 1+w*colours) // filter type 0 (none), then the samples
	arow := make([]byte, 1+w)
	for y := range h {
		draw.Draw(line, line.Rect, img, image.Pt(b.Min.X, b.Min.Y+y), draw.Src)
		for x := range w {
			px := line.Pix[4*x : 4*x+4]
			if grey {
				crow[1+x] = px[0]
			} else {
				copy(crow[1+3*x:], px[:3])
			}
			arow[1+x] = px[3]
		}
		if _, err := zc.Write(crow); err != nil {
			return pdfPicture{}, err
		}
		if !opaque {
			if _, err := za.Write(arow); err != nil {
				return pdfPicture{}, err
			}
		}
	}
	if err := zc.Close(); err != nil {
		return pdfPicture{}, err
	}
	if err := za.Close(); err != nil {
		return pdfPicture{}, err
	}
	pic := pdfPicture{kind: "PNG", width: w, height: h, grey: grey, colour: colour.Bytes()}
	if !opaque {
		pic.softMask = alpha.Bytes()
	}
	return pic, nil
}

// pngFile wraps a zlib stream of filtered 8-bit rows into a PNG file of
// colour type ct.
func pngFile(w, h, ct int, idat []byte) []byte {
	return picture.PNGFile(w, h, 8, ct, false, nil, idat)
}
