package picture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// PNG colour types (PNG specification, 11.2.2).
const (
	Gray      = 0
	RGB       = 2
	Paletted  = 3
	GrayAlpha = 4
	RGBA      = 6
)

// PNG is a PNG file split into its chunks, with nothing decompressed: the
// header's fields, the palette and transparency chunks, and the image data
// as the slices of the file that hold it.
type PNG struct {
	Width, Height int
	// Depth is the bit depth of a sample (or of a palette index): 1, 2,
	// 4, 8 or 16.
	Depth int
	// ColorType is one of Gray, RGB, Paletted, GrayAlpha and RGBA.
	ColorType int
	// Interlaced is Adam7 interlacing.
	Interlaced bool
	// Palette is the PLTE chunk's data (3 bytes an entry), TRNS the tRNS
	// chunk's (nil when absent).
	Palette, TRNS []byte
	// IDAT holds the data of the IDAT chunks in order: together one zlib
	// stream of filtered rows.
	IDAT [][]byte
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// ParsePNG splits a PNG file into its chunks, checking their CRCs and the
// header's fields. It reads no pixel.
func ParsePNG(data []byte) (*PNG, error) {
	rest, ok := bytes.CutPrefix(data, pngSignature)
	if !ok {
		return nil, errors.New("not a PNG file")
	}
	p := &PNG{}
	seenHeader := false
	for {
		if len(rest) < 12 {
			return nil, errors.New("png: truncated chunk")
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n) > uint64(len(rest)-12) {
			return nil, errors.New("png: truncated chunk")
		}
		typ, body := string(rest[4:8]), rest[8:8+n]
		if crc32.ChecksumIEEE(rest[4:8+n]) != binary.BigEndian.Uint32(rest[8+n:]) {
			return nil, fmt.Errorf("png: bad checksum in %q chunk", typ)
		}
		rest = rest[12+n:]
		if !seenHeader && typ != "IHDR" {
			return nil, errors.New("png: no header chunk first")
		}
		switch typ {
		case "IHDR":
			if seenHeader || n != 13 {
				return nil, errors.New("png: bad header chunk")
			}
			seenHeader = true
			if err := p.header(body); err != nil {
				return nil, err
			}
		case "PLTE":
			if n == 0 || n%3 != 0 || n > 3*256 {
				return nil, errors.New("png: bad palette")
			}
			p.Palette = body
		case "tRNS":
			p.TRNS = body
		case "IDAT":
			p.IDAT = append(p.IDAT, body)
		case "IEND":
			if len(p.IDAT) == 0 {
				return nil, errors.New("png: no image data")
			}
			if p.ColorType == Paletted && p.Palette == nil {
				return nil, errors.New("png: no palette")
			}
			return p, nil
		}
	}
}

func (p *PNG) header(b []byte) error {
	w, h := binary.BigEndian.Uint32(b[0:]), binary.BigEndian.Uint32(b[4:])
	if w == 0 || h == 0 || w > 1<<31-1 || h > 1<<31-1 {
		return fmt.Errorf("png: bad size %dx%d", w, h)
	}
	p.Width, p.Height = int(w), int(h)
	p.Depth, p.ColorType = int(b[8]), int(b[9])
	ok := false
	switch p.ColorType {
	case Gray:
		ok = p.Depth == 1 || p.Depth == 2 || p.Depth == 4 || p.Depth == 8 || p.Depth == 16
	case Paletted:
		ok = p.Depth == 1 || p.Depth == 2 || p.Depth == 4 || p.Depth == 8
	case RGB, GrayAlpha, RGBA:
		ok = p.Depth == 8 || p.Depth == 16
	}
	if !ok {
		return fmt.Errorf("png: bit depth %d with colour type %d", p.Depth, p.ColorType)
	}
	if b[10] != 0 || b[11] != 0 || b[12] > 1 {
		return errors.New("png: unknown compression, filter or interlace method")
	}
	p.Interlaced = b[12] == 1
	return nil
}

// Channels returns the number of samples of a pixel.
func (p *PNG) Channels() int {
	switch p.ColorType {
	case RGB:
		return 3
	case GrayAlpha:
		return 2
	case RGBA:
		return 4
	}
	return 1
}

// adam7 are the passes of Adam7 interlacing: the offset and the step of
// the pixels each holds, across and down.
var adam7 = [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}

// Rows inflates the image data and calls row with each filtered row in
// turn (the filter type byte, then the row's bytes; valid until row
// returns), the rows of each interlacing pass in order. It holds two rows,
// never the image, and fails on a bad filter type and on too little or
// too much data.
func (p *PNG) Rows(row func(filtered []byte) error) error {
	chunks := make([]io.Reader, len(p.IDAT))
	for i, c := range p.IDAT {
		chunks[i] = bytes.NewReader(c)
	}
	z, err := zlib.NewReader(io.MultiReader(chunks...))
	if err != nil {
		return fmt.Errorf("png: %w", err)
	}
	defer z.Close()
	bitsPerPixel := p.Depth * p.Channels()
	passes := [][4]int{{0, 0, 1, 1}}
	if p.Interlaced {
		passes = adam7[:]
	}
	var buf []byte
	for _, ps := range passes {
		w := (p.Width - ps[0] + ps[2] - 1) / ps[2]
		h := (p.Height - ps[1] + ps[3] - 1) / ps[3]
		if w <= 0 || h <= 0 {
			continue
		}
		n := 1 + (w*bitsPerPixel+7)/8
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		for range h {
			if _, err := io.ReadFull(z, buf); err != nil {
				if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
					return errors.New("png: not enough pixel data")
				}
				return fmt.Errorf("png: %w", err)
			}
			if buf[0] > 4 {
				return fmt.Errorf("png: bad filter type %d", buf[0])
			}
			if err := row(buf); err != nil {
				return err
			}
		}
	}
	// Reading to the end checks the stream's checksum.
	var one [1]byte
	switch n, err := io.ReadFull(z, one[:]); {
	case n > 0:
		return errors.New("png: too much pixel data")
	case err != io.EOF:
		return fmt.Errorf("png: %w", err)
	}
	return nil
}

// PNGFile writes a PNG file of one IDAT chunk: the signature, a header
// of the given fields (depth and colorType as in PNG), the palette (the
// PLTE chunk's data, 3 bytes an entry; nil for none), idat (a zlib stream
// of filtered rows) and the end chunk. It writes what ParsePNG reads; the
// pixel data is not checked.
func PNGFile(w, h, depth, colorType int, interlaced bool, palette, idat []byte) []byte {
	out := bytes.NewBuffer(make([]byte, 0, len(idat)+len(palette)+80))
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		out.Write(n[:])
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = byte(depth), byte(colorType)
	if interlaced {
		ihdr[12] = 1
	}
	chunk("IHDR", ihdr[:])
	if palette != nil {
		chunk("PLTE", palette)
	}
	chunk("IDAT", idat)
	chunk("IEND", nil)
	return out.Bytes()
}

// zlibHeader checks the two bytes that open the image data (RFC 1950,
// 2.2): deflate compression, a header checksum that holds, and no preset
// dictionary, which PNG does not allow.
func (p *PNG) zlibHeader() error {
	var h []byte
	for _, c := range p.IDAT {
		h = append(h, c[:min(len(c), 2-len(h))]...)
		if len(h) == 2 {
			break
		}
	}
	if len(h) < 2 || h[0]&0x0f != 8 || h[0]>>4 > 7 || (uint(h[0])<<8|uint(h[1]))%31 != 0 || h[1]&0x20 != 0 {
		return errors.New("png: the image data is not a zlib stream")
	}
	return nil
}
