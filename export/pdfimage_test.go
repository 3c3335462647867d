package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"pamphlet/internal/picture"
	"pamphlet/layout"
	"pamphlet/model"
)

// testPicture draws a w×h image of the kind named, with smooth colours so
// that it compresses as a photograph or a chart would.
func testPicture(kind string, w, h int) image.Image {
	r := image.Rect(0, 0, w, h)
	switch kind {
	case "gray":
		m := image.NewGray(r)
		for y := range h {
			for x := range w {
				m.Pix[m.PixOffset(x, y)] = uint8(x + y)
			}
		}
		return m
	case "paletted":
		m := image.NewPaletted(r, color.Palette{color.White, color.Black, color.NRGBA{200, 30, 30, 255}})
		for i := range m.Pix {
			m.Pix[i] = uint8(i % 3)
		}
		return m
	case "translucent palette":
		m := image.NewPaletted(r, color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{0, 0, 200, 128}, color.Black})
		for i := range m.Pix {
			m.Pix[i] = uint8(i % 3)
		}
		return m
	case "gray alpha":
		m := image.NewNRGBA(r)
		for y := range h {
			for x := range w {
				v := uint8(x * y)
				m.SetNRGBA(x, y, color.NRGBA{v, v, v, uint8(x)})
			}
		}
		return m
	case "gray16":
		m := image.NewGray16(r)
		for y := range h {
			for x := range w {
				m.SetGray16(x, y, color.Gray16{uint16(x * y * 37)})
			}
		}
		return m
	case "rgba64":
		m := image.NewNRGBA64(r)
		for y := range h {
			for x := range w {
				m.SetNRGBA64(x, y, color.NRGBA64{uint16(x * 300), uint16(y * 300), 9000, uint16(40000 + x)})
			}
		}
		return m
	}
	m := image.NewNRGBA(r)
	for y := range h {
		for x := range w {
			a := uint8(255)
			if kind == "rgba" {
				a = uint8(255 - (x+y)%64)
			}
			m.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x ^ y), a})
		}
	}
	return m
}

// encodePNG encodes img as PNG, its rows filtered as the encoder
// chooses; fast picks no filters and the fastest compression.
func encodePNG(t testing.TB, img image.Image, fast bool) []byte {
	t.Helper()
	e := png.Encoder{}
	if fast {
		e.CompressionLevel = png.BestSpeed
	}
	var buf bytes.Buffer
	if err := e.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rgbaPNG encodes m as an 8-bit RGBA PNG even when it is opaque (which
// the image/png encoder would write as RGB), its rows filtered with Sub
// and Up in turn.
func rgbaPNG(t testing.TB, m *image.NRGBA) []byte {
	t.Helper()
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	row := make([]byte, 1+4*w)
	for y := range h {
		cur := m.Pix[y*m.Stride : y*m.Stride+4*w]
		row[0] = byte(1 + y%2)
		for i := range cur {
			switch {
			case row[0] == 1 && i >= 4:
				row[1+i] = cur[i] - cur[i-4]
			case row[0] == 2 && y > 0:
				row[1+i] = cur[i] - m.Pix[(y-1)*m.Stride+i]
			default:
				row[1+i] = cur[i]
			}
		}
		zw.Write(row)
	}
	zw.Close()
	return pngFile(w, h, picture.RGBA, z.Bytes())
}

// interlace rewrites a PNG's header as interlaced and its image data as
// Adam7 passes of the same pixels, for an 8-bit grey image.
func interlacedGray(t testing.TB, m *image.Gray) []byte {
	t.Helper()
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var raw bytes.Buffer
	for _, p := range [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}} {
		for y := p[1]; y < h; y += p[3] {
			if p[0] >= w {
				break
			}
			raw.WriteByte(0)
			for x := p[0]; x < w; x += p[2] {
				raw.WriteByte(m.GrayAt(x, y).Y)
			}
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	return picture.PNGFile(w, h, 8, picture.Gray, true, nil, z.Bytes())
}

// pixels decodes image data (and a soft mask) back to NRGBA colours.
func pixels(t *testing.T, p pdfPicture) image.Image {
	t.Helper()
	data := p.data
	if data == nil {
		ct := picture.RGB
		if p.grey {
			ct = picture.Gray
		}
		data = pngFile(p.width, p.height, ct, p.colour)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("embedded data does not decode: %v", err)
	}
	if p.softMask == nil {
		return img
	}
	b := img.Bounds()
	// The mask's rows are a grey PNG's: image/png decodes them.
	mask, err := png.Decode(bytes.NewReader(pngFile(b.Dx(), b.Dy(), picture.Gray, p.softMask)))
	if err != nil {
		t.Fatalf("soft mask does not decode: %v", err)
	}
	out := image.NewNRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			r, g, bl, _ := img.At(x, y).RGBA()
			out.SetNRGBA(x, y, color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), mask.(*image.Gray).GrayAt(x, y).Y})
		}
	}
	return out
}

func TestPDFImageKeepsPixels(t *testing.T) {
	const w, h = 37, 23
	cmyk, err := os.ReadFile(filepath.Join("testdata", "cmyk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	var jpg, gf bytes.Buffer
	if err := jpeg.Encode(&jpg, testPicture("opaque", w, h), nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gf, testPicture("paletted", w, h), nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		// passed says the file goes into the PDF as it is.
		passed, mask bool
		// kind is the type of a file the PDF holds, "" for streams.
		kind string
	}{
		{name: "JPEG passes through", data: jpg.Bytes(), passed: true, kind: "JPG"},
		// Inverted CMYK with an Adobe marker, as image/jpeg reads it and
		// gofpdf's /Decode array states it.
		{name: "CMYK JPEG passes through", data: cmyk, passed: true, kind: "JPG"},
		{name: "RGB PNG passes through", data: encodePNG(t, testPicture("opaque", w, h), false), passed: true, kind: "PNG"},
		{name: "grey PNG passes through", data: encodePNG(t, testPicture("gray", w, h), false), passed: true, kind: "PNG"},
		{name: "paletted PNG passes through", data: encodePNG(t, testPicture("paletted", w, h), false), passed: true, kind: "PNG"},
		{name: "RGBA PNG is split into colour and mask", data: encodePNG(t, testPicture("rgba", w, h), false), mask: true},
		{name: "grey and alpha PNG is split", data: encodePNG(t, testPicture("gray alpha", w, h), false), mask: true},
		{name: "opaque RGBA PNG loses its alpha", data: rgbaPNG(t, testPicture("opaque", w, h).(*image.NRGBA))},
		{name: "translucent palette gets a mask", data: encodePNG(t, testPicture("translucent palette", w, h), false), mask: true},
		{name: "16-bit grey PNG becomes 8-bit", data: encodePNG(t, testPicture("gray16", w, h), false)},
		{name: "16-bit RGBA PNG becomes 8-bit with a mask", data: encodePNG(t, testPicture("rgba64", w, h), false), mask: true},
		{name: "interlaced PNG is rewritten", data: interlacedGray(t, testPicture("gray", w, h).(*image.Gray))},
		{name: "GIF becomes a paletted PNG", data: gf.Bytes(), kind: "PNG"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := pdfImage(c.data)
			if err != nil {
				t.Fatal(err)
			}
			kind := ""
			switch {
			case p.jpeg != "":
				kind = "JPG"
			case p.png != nil:
				kind = "PNG"
			}
			if kind != c.kind {
				t.Errorf("kind %s, want %s", kind, c.kind)
			}
			if got := bytes.Equal(p.data, c.data); got != c.passed {
				t.Errorf("passed through: %v, want %v", got, c.passed)
			}
			if got := p.softMask != nil; got != c.mask {
				t.Errorf("soft mask: %v, want %v", got, c.mask)
			}
			if pp := p.png; pp != nil {
				if pp.Interlaced || pp.Depth > 8 || pp.ColorType == picture.RGBA || pp.ColorType == picture.GrayAlpha {
					t.Errorf("the PDF cannot hold this PNG's rows as they are: %+v", pp)
				}
			}
			if c.kind == "JPG" {
				return // lossy: compared by the JPEG decoder's own output
			}
			want, _, err := image.Decode(bytes.NewReader(c.data))
			if err != nil {
				t.Fatal(err)
			}
			got := pixels(t, p)
			if !got.Bounds().Eq(want.Bounds()) {
				t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
			}
			for y := range h {
				for x := range w {
					g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
					e := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
					if e.A == 0 {
						g, e = color.NRGBA{}, color.NRGBA{} // colour under full transparency does not show
					}
					if g != e {
						t.Fatalf("pixel %d,%d is %v, want %v", x, y, g, e)
					}
				}
			}
		})
	}
}

func TestPDFImageRefusesDamage(t *testing.T) {
	good := encodePNG(t, testPicture("rgba", 30, 20), false)
	truncated := good[:len(good)/2]
	badCRC := bytes.Clone(good)
	badCRC[40] ^= 0xff
	// Files whole and intact by their checksums that still do not hold
	// the rows their header promises: the reader passes them, reading
	// the rows tells.
	short := picture.PNGFile(4, 3, 8, picture.RGB, false, nil, zlibOf(t, make([]byte, 2*(1+4*3))))
	badFilter := zlibOf(t, bytes.Repeat([]byte{9, 0, 0, 0, 0}, 3))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"RGB PNG short of rows", short},
		{"grey PNG with a bad filter type", picture.PNGFile(4, 3, 8, picture.Gray, false, nil, badFilter)},
		{"grey and alpha PNG short of rows", picture.PNGFile(4, 3, 8, picture.GrayAlpha, false, nil, zlibOf(t, make([]byte, 9)))},
		{"truncated PNG", truncated},
		{"bad checksum", badCRC},
		{"pixel bomb", bombPNG(t)},
		{"not an image", []byte("GIF89a but not really")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := pdfImage(c.data); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// zlibOf compresses data into a zlib stream.
func zlibOf(t testing.TB, data []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return z.Bytes()
}

// bombPNG is a PNG whose header claims 65535×65535 pixels, with one
// pixel's data behind it.
func bombPNG(t testing.TB) []byte {
	bomb := encodePNG(t, testPicture("gray", 1, 1), false)
	binary.BigEndian.PutUint32(bomb[16:], 65535)
	binary.BigEndian.PutUint32(bomb[20:], 65535)
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29]))
	return bomb
}

func TestPDFImageRefusesBombFromHeader(t *testing.T) {
	bomb := bombPNG(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := pdfImage(bomb)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a 65535×65535 image was accepted")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing it allocated %d bytes; the header alone should decide", n)
	}
}

// BenchmarkPDFImage writes the PDF of a page showing one 6400×6400
// picture of each kind, reporting the bytes allocated: a picture's cost
// must stay near its file's size, not its pixel count (164 MB as RGBA).
func BenchmarkPDFImage(b *testing.B) {
	const n = 6400
	for _, kind := range []string{"rgba", "opaque", "gray"} {
		data := encodePNG(b, testPicture(kind, n, n), true)
		doc := &model.Document{Title: "A Large Picture", Lang: "en", Blocks: []model.Block{
			&model.Figure{Src: "picture.png", Alt: "a large picture", MediaType: "image/png", Data: data, Width: n, Height: n},
		}}
		book, err := layout.Layout(doc, layout.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := PDF(io.Discard, book, PDFOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
