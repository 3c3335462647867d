package export

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/color"
	"math/bits"
)

// writePalettedPNG encodes a w×h image of 8-bit palette indices whose rows
// come from row, without holding the image: signature, IHDR, PLTE, one
// IDAT, IEND.
//
// The IDAT stream is compressed by rowDeflater rather than
// compress/zlib: a cover is mostly runs of one colour and rows repeating
// the row above, which run-length coding with fixed Huffman codes
// captures in a few bytes a row, with no tables. A flate compressor
// allocates over a megabyte of them, which in a one-shot command costs
// more in fresh memory pages (and a garbage collection) than compressing
// the cover.
func writePalettedPNG(w, h int, pal color.Palette, row func(y int, row []byte)) []byte {
	var out bytes.Buffer
	out.Grow(64 << 10)
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
	ihdr[8] = 8 // bits per index
	ihdr[9] = 3 // colour type: palette
	chunk("IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		r, g, b, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(b>>8))
	}
	chunk("PLTE", plte)

	z := newRowDeflater(32 << 10)
	cur := make([]byte, 1+w) // filter type 0 (none), then the indices
	prev := make([]byte, 1+w)
	for y := 0; y < h; y++ {
		row(y, cur[1:])
		z.row(cur, prev, y > 0)
		cur, prev = prev, cur
	}
	chunk("IDAT", z.close())
	chunk("IEND", nil)
	return out.Bytes()
}

// rowDeflater writes a zlib stream (RFC 1950) holding one deflate block
// with the fixed Huffman codes (RFC 1951, section 3.2.6). A row equal to
// the one above is a copy of it; any other row is coded as literals and
// runs.
type rowDeflater struct {
	out  []byte
	acc  uint64 // bits not yet written, least significant first
	nacc uint
	// s1 and s2 are the Adler-32 sums of the uncompressed stream (RFC
	// 1950); sum and weighted are those of the last row, reused when the
	// next row repeats it.
	s1, s2        uint32
	sum, weighted uint64
}

func newRowDeflater(capacity int) *rowDeflater {
	z := &rowDeflater{out: make([]byte, 0, capacity), s1: 1}
	// CMF: deflate, 32 KiB window; FLG: no dictionary, check bits.
	z.out = append(z.out, 0x78, 0x01)
	z.bits(1, 1) // BFINAL: the only block
	z.bits(1, 2) // BTYPE 01: fixed Huffman codes
	return z
}

// bits appends the n low bits of v, least significant first.
func (z *rowDeflater) bits(v uint64, n uint) {
	z.acc |= v << z.nacc
	z.nacc += n
	for z.nacc >= 8 {
		z.out = append(z.out, byte(z.acc))
		z.acc >>= 8
		z.nacc -= 8
	}
}

// code appends a Huffman code of n bits, which deflate packs most
// significant bit first.
func (z *rowDeflater) code(c uint, n uint) {
	z.bits(uint64(bits.Reverse16(uint16(c))>>(16-n)), n)
}

// symbol appends a literal/length symbol (0..285) in the fixed code.
func (z *rowDeflater) symbol(s int) {
	switch {
	case s < 144:
		z.code(0x30+uint(s), 8)
	case s < 256:
		z.code(0x190+uint(s-144), 9)
	case s < 280:
		z.code(uint(s-256), 7)
	default:
		z.code(0xc0+uint(s-280), 8)
	}
}

var (
	lengthBase  = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [...]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [...]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [...]uint{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// lengthCode maps a match length (3..258) to its index in lengthBase.
var lengthCode = func() (t [259]uint8) {
	for i := len(lengthBase) - 1; i >= 0; i-- {
		for n := lengthBase[i]; n < len(t) && t[n] == 0; n++ {
			t[n] = uint8(i)
		}
	}
	return t
}()

// distCode returns the index in distBase of a distance (1..32768): the
// first four have codes of their own, then each power of two has two.
func distCode(dist int) int {
	d := dist - 1
	if d < 4 {
		return d
	}
	n := bits.Len(uint(d))
	return 2*(n-1) + int(d>>(n-2)&1)
}

// match appends a copy of n bytes (3..258) from dist bytes back (1..32768).
func (z *rowDeflater) match(n, dist int) {
	i := int(lengthCode[n])
	z.symbol(257 + i)
	z.bits(uint64(n-lengthBase[i]), lengthExtra[i])
	j := distCode(dist)
	z.code(uint(j), 5)
	z.bits(uint64(dist-distBase[j]), distExtra[j])
}

// copyBack appends n bytes (at least 3) copied from dist bytes back, in
// matches of at most 258 bytes, none shorter than 3.
func (z *rowDeflater) copyBack(n, dist int) {
	for n > 0 {
		k := min(n, 258)
		if rest := n - k; rest > 0 && rest < 3 {
			k -= 3 - rest
		}
		z.match(k, dist)
		n -= k
	}
}

// row appends one row; havePrev says whether prev holds the row before
// it.
func (z *rowDeflater) row(cur, prev []byte, havePrev bool) {
	same := havePrev && bytes.Equal(cur, prev)
	if !same {
		z.sum, z.weighted = rowSums(cur)
	}
	// Adler-32 over the row at once: s1 grows by the sum of its bytes, s2
	// by len(row) times the old s1 plus each byte weighted by how many
	// bytes follow it, itself included.
	const mod = 65521
	s1 := uint64(z.s1)
	z.s1 = uint32((s1 + z.sum) % mod)
	z.s2 = uint32((uint64(z.s2) + uint64(len(cur))%mod*s1 + z.weighted) % mod)
	if same && len(cur) >= 3 && len(cur) <= 32768 {
		z.copyBack(len(cur), len(cur))
		return
	}
	// Within a row, a stretch equal to the row above (the strokes of a
	// glyph continue downwards) is a copy from one row back, and a run of
	// one colour a literal and a copy of the byte before; whichever is
	// longer wins. That roughly halves a cover's size, and so the work of
	// everything that handles the image afterwards.
	up := 0 // bytes from i on equal to the row above
	for i := 0; i < len(cur); {
		if havePrev && len(cur) <= 32768 {
			if up == 0 {
				for i+up < len(cur) && cur[i+up] == prev[i+up] {
					up++
				}
			}
		}
		c := cur[i]
		run := 1
		for i+run < len(cur) && cur[i+run] == c {
			run++
		}
		switch {
		case up >= 4 && up >= run:
			z.copyBack(up, len(cur))
			i += up
			up = 0
			continue
		case run >= 4:
			// One literal, then a copy of the byte before.
			z.symbol(int(c))
			z.copyBack(run-1, 1)
			i += run
		default:
			z.symbol(int(c))
			i++
		}
		up = 0
	}
}

// close ends the block and the stream and returns it.
func (z *rowDeflater) close() []byte {
	z.symbol(256) // end of block
	if z.nacc > 0 {
		z.bits(0, 8-z.nacc)
	}
	return binary.BigEndian.AppendUint32(z.out, z.s2<<16|z.s1)
}

// rowSums returns the sum of p's bytes and the sum of each byte times the
// number of bytes from it to the end, both reduced modulo 65521.
func rowSums(p []byte) (sum, weighted uint64) {
	n := uint64(len(p))
	for i, c := range p {
		sum += uint64(c)
		weighted += (n - uint64(i)) * uint64(c)
	}
	return sum % 65521, weighted % 65521
}
