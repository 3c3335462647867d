package export

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strconv"

	"github.com/jung-kurt/gofpdf"

	"pamphlet/internal/picture"
	"pamphlet/layout"
)

// imageSet embeds each distinct picture once. gofpdf paints the pages
// and the finishing step adds the pictures, as image XObjects named in
// the pages' resources, in the order they were first drawn. gofpdf's own
// images would not do: it writes them in an order that depends on map
// iteration for pictures of the same width (so the same input could give
// different files), takes a soft mask only from a PNG it decompresses
// whole, and copies each image several times on its way in (its image ID
// is a hash of the whole image serialised).
type imageSet struct {
	pdf *gofpdf.Fpdf
	// names maps a picture's content hash to its object.
	names map[string]*imageObj
	// list holds the pictures in the order they were first drawn.
	list []*imageObj
}

// imageObj is a picture and its name in the pages' resources.
type imageObj struct {
	name string
	pic  pdfPicture
}

// paint draws a picture in its rectangle, making its object first.
func (s *imageSet) paint(im layout.Image) error {
	sum := sha256.Sum256(im.Data)
	key := hex.EncodeToString(sum[:12])
	o := s.names[key]
	if o == nil {
		p, err := pdfImage(im.Data)
		if err != nil {
			return fmt.Errorf("image %q (%s): %w", im.Src, im.MediaType, err)
		}
		o = &imageObj{name: fmt.Sprintf("Im%d", len(s.list)+1), pic: p}
		s.names[key] = o
		s.list = append(s.list, o)
	}
	// What gofpdf's ImageOptions writes for an image of its own.
	_, height := s.pdf.GetPageSize()
	x, y, w, h := im.X.Points(), im.Y.Points(), im.W.Points(), im.H.Points()
	s.pdf.RawWriteStr(fmt.Sprintf("q %.5f 0 0 %.5f %.5f %.5f cm /%s Do Q", w, h, x, height-(y+h), o.name))
	return nil
}

// objects returns the picture's image XObject, numbered n, and the
// object it refers to, numbered n+1: a soft mask or a palette. The
// dictionaries hold what gofpdf writes for the same files; the streams
// are compressed already (but a palette, which finish compresses) and
// written as they are.
func (o *imageObj) objects(n int) []*pdfObj {
	p := o.pic
	num := func(v int) pdfToken { return pdfToken(strconv.Itoa(v)) }
	dict := func(w, h int, cs pdfValue, bpc int) *pdfDict {
		d := &pdfDict{}
		d.set("Type", pdfName("XObject"))
		d.set("Subtype", pdfName("Image"))
		d.set("Width", num(w))
		d.set("Height", num(h))
		d.set("ColorSpace", cs)
		d.set("BitsPerComponent", num(bpc))
		return d
	}
	predictor := func(colours, bpc, w int) pdfToken {
		return pdfToken(fmt.Sprintf("<</Predictor 15 /Colors %d /BitsPerComponent %d /Columns %d>>", colours, bpc, w))
	}
	switch {
	case p.jpeg != "":
		d := dict(p.width, p.height, pdfName(p.jpeg), 8)
		if p.jpeg == "DeviceCMYK" {
			// Adobe's inverted CMYK, the only kind image/jpeg reads.
			d.set("Decode", pdfToken("[1 0 1 0 1 0 1 0]"))
		}
		d.set("Filter", pdfName("DCTDecode"))
		return []*pdfObj{{value: d, stream: p.data}}
	case p.png != nil:
		q := p.png
		var cs pdfValue = pdfName("DeviceGray")
		colours := 1
		switch q.ColorType {
		case picture.RGB:
			cs, colours = pdfName("DeviceRGB"), 3
		case picture.Paletted:
			cs = pdfArray{pdfName("Indexed"), pdfName("DeviceRGB"), num(len(q.Palette)/3 - 1), pdfRef(n + 1)}
		}
		d := dict(q.Width, q.Height, cs, q.Depth)
		d.set("DecodeParms", predictor(colours, q.Depth, q.Width))
		if key := colourKey(q); key != "" {
			d.set("Mask", pdfToken("["+key+"]"))
		}
		objs := []*pdfObj{{value: d, stream: p.idat(), deflated: true}}
		if q.ColorType == picture.Paletted {
			objs = append(objs, &pdfObj{value: &pdfDict{}, stream: q.Palette})
		}
		return objs
	}
	var cs pdfValue = pdfName("DeviceRGB")
	colours := 3
	if p.grey {
		cs, colours = pdfName("DeviceGray"), 1
	}
	d := dict(p.width, p.height, cs, 8)
	d.set("DecodeParms", predictor(colours, 8, p.width))
	if p.softMask == nil {
		return []*pdfObj{{value: d, stream: p.colour, deflated: true}}
	}
	d.set("SMask", pdfRef(n+1))
	mask := dict(p.width, p.height, pdfName("DeviceGray"), 8)
	mask.set("DecodeParms", predictor(1, 8, p.width))
	return []*pdfObj{{value: d, stream: p.colour, deflated: true}, {value: mask, stream: p.softMask, deflated: true}}
}

// colourKey returns the /Mask array of a PNG whose tRNS chunk makes one
// colour or palette entry fully transparent, "" for none.
func colourKey(q *picture.PNG) string {
	t := q.TRNS
	switch {
	case t == nil:
		return ""
	case q.ColorType == picture.Gray:
		return fmt.Sprintf("%d %d", t[1], t[1])
	case q.ColorType == picture.RGB:
		return fmt.Sprintf("%d %d %d %d %d %d", t[1], t[1], t[3], t[3], t[5], t[5])
	}
	if i := bytes.IndexByte(t, 0); i >= 0 {
		return fmt.Sprintf("%d %d", i, i)
	}
	return ""
}

// pdfPicture is an image as the PDF holds it: a file's own compressed
// data, or streams pamphlet compressed.
type pdfPicture struct {
	// data is the file: a JPEG, which the PDF holds as it is
	// (DCTDecode), or a PNG whose compressed rows it holds as they are
	// (FlateDecode with the PNG predictors): non-interlaced, at most 8
	// bits, no alpha channel, at most one transparent palette entry or
	// colour. It is nil when the image is given as streams.
	data []byte
	// jpeg is the PDF colour space of a JPEG, png the chunks of a PNG.
	jpeg string
	png  *picture.PNG
	// width and height are the size in pixels, grey says the colour of
	// an image given as streams is one grey sample a pixel (else RGB).
	width, height int
	grey          bool
	// colour is the image's colour as 8-bit samples and softMask its
	// alpha (nil when opaque) as one 8-bit sample a pixel, each a zlib
	// stream of PNG-filtered rows.
	colour, softMask []byte
}

// idat returns a PNG's compressed rows as one stream.
func (p *pdfPicture) idat() []byte {
	if len(p.png.IDAT) == 1 {
		return p.png.IDAT[0]
	}
	return bytes.Join(p.png.IDAT, nil)
}

// pdfImage turns image data into what the PDF holds, reading the file's
// own compressed data where the PDF can hold it: a JPEG goes in as it is
// (a CMYK one with the inverted samples of the Adobe convention, the only
// CMYK JPEG image/jpeg reads, which a /Decode array states), and
// so does most of a PNG: its compressed rows are inflated once to make
// sure they are whole (the reader checked only the file's chunks), never
// held. A PNG with an alpha channel has its filtered rows split into
// colour and alpha as they are inflated. Anything else (GIF, 16-bit or
// interlaced PNG) is decoded once, to its own colour model, and written
// out a row at a time. The pixel cap is checked from the header before
// anything is decoded.
func pdfImage(data []byte) (pdfPicture, error) {
	cfg, format, err := picture.Header(data)
	if err != nil {
		return pdfPicture{}, err
	}
	switch format {
	case "jpeg":
		cs, ok := jpegSpaces[cfg.ColorModel]
		if !ok {
			return pdfPicture{}, errors.New("jpeg: unknown colour model")
		}
		return pdfPicture{data: data, jpeg: cs, width: cfg.Width, height: cfg.Height}, nil
	case "png":
		p, err := picture.ParsePNG(data)
		if err != nil {
			return pdfPicture{}, err
		}
		if !p.Interlaced && p.Depth <= 8 {
			switch p.ColorType {
			case picture.Gray, picture.RGB, picture.Paletted:
				if colourKeyed(p) {
					if err := p.Rows(func([]byte) error { return nil }); err != nil {
						return pdfPicture{}, err
					}
					return pdfPicture{data: data, png: p, width: p.Width, height: p.Height}, nil
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
		p, err := picture.ParsePNG(buf.Bytes())
		if err != nil {
			return pdfPicture{}, err
		}
		return pdfPicture{data: buf.Bytes(), png: p, width: p.Width, height: p.Height}, nil
	}
	return flatten(img)
}

// jpegSpaces maps the colour models image/jpeg reads to PDF colour
// spaces.
var jpegSpaces = map[color.Model]string{
	color.GrayModel:  "DeviceGray",
	color.YCbCrModel: "DeviceRGB",
	color.CMYKModel:  "DeviceCMYK",
}

// colourKeyed reports whether a PNG's transparency (its tRNS chunk) is
// what a colour key mask (/Mask, see colourKey) states: one colour, or
// one palette entry of alpha 0, fully transparent. A palette with partly
// transparent entries, or several transparent ones, must have a soft mask
// instead.
func colourKeyed(p *picture.PNG) bool {
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
// opaque, fully transparent: what a colour key mask states.
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
// and alpha, but one row at a time: PNG filters work on
// each sample with the same channel's neighbours, so the filtered bytes of
// each channel, behind the row's filter type, are valid filtered rows of
// that channel alone. The alpha is unfiltered as it goes to learn whether
// the image is opaque, which then needs no mask. Colour and alpha are
// compressed each by a goroutine of its own while the rows are inflated
// and split: with two processors a large picture takes about the time of
// the slowest of the three rather than their sum, and each stream is
// compressed in order, so its bytes are the same.
func splitAlpha(p *picture.PNG) (pdfPicture, error) {
	w := p.Width
	colours := p.Channels() - 1
	colour, alpha := newDeflater(), newDeflater()
	// cur and prev hold the unfiltered alpha of this row and the one
	// above, from index 1; index 0 is the zero left of the first pixel.
	cur, prev := make([]byte, 1+w), make([]byte, 1+w)
	opaque := true
	err := p.Rows(func(row []byte) error {
		crow, arow := colour.next(1+w*colours), alpha.next(1+w)
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
	// Both goroutines end, whatever happened.
	cerr, aerr := colour.close(), alpha.close()
	if err == nil {
		err = cerr
	}
	if err == nil {
		err = aerr
	}
	if err != nil {
		return pdfPicture{}, err
	}
	pic := pdfPicture{width: w, height: p.Height, grey: colours == 1, colour: colour.out.Bytes()}
	if !opaque {
		pic.softMask = alpha.out.Bytes()
	}
	return pic, nil
}

// deflater compresses a stream in a goroutine of its own, handed to it in
// batches of rows.
type deflater struct {
	out   bytes.Buffer
	batch []byte
	// full carries batches to the goroutine, free brings them back to be
	// filled again; done gives the goroutine's error once full is closed.
	full, free chan []byte
	done       chan error
}

// deflateBatch is the size of a batch: large enough that handing it over
// costs nothing beside compressing it, small enough to stay in a cache.
const deflateBatch = 256 << 10

func newDeflater() *deflater {
	d := &deflater{full: make(chan []byte, 2), free: make(chan []byte, 3), done: make(chan error, 1)}
	go func() {
		z, _ := zlib.NewWriterLevel(&d.out, imageLevel) // a valid level: no error
		var err error
		for b := range d.full {
			if err == nil {
				_, err = z.Write(b)
			}
			select {
			case d.free <- b[:0]:
			default:
			}
		}
		if err == nil {
			err = z.Close()
		}
		d.done <- err
	}()
	return d
}

// next returns the next n bytes of the stream to fill in, valid until the
// next call.
func (d *deflater) next(n int) []byte {
	if len(d.batch)+n > cap(d.batch) {
		if len(d.batch) > 0 {
			d.full <- d.batch
		}
		select {
		case d.batch = <-d.free:
		default:
			d.batch = nil
		}
		if cap(d.batch) < n {
			d.batch = make([]byte, 0, max(n, deflateBatch))
		}
	}
	d.batch = d.batch[:len(d.batch)+n]
	return d.batch[len(d.batch)-n:]
}

// close hands over the last batch, waits for the stream to be finished
// and returns the goroutine's error. out then holds the stream.
func (d *deflater) close() error {
	if len(d.batch) > 0 {
		d.full <- d.batch
		d.batch = nil
	}
	close(d.full)
	return <-d.done
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
	pic := pdfPicture{width: w, height: h, grey: grey, colour: colour.Bytes()}
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
