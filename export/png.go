package export

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/color"
	"math/bits"
	"slices"
)

// writePalettedPNG encodes a w×h image of 8-bit palette indices whose rows
// come from row, without holding the image: signature, IHDR, PLTE, one
// IDAT, IEND.
//
// The IDAT stream is compressed by rowDeflater rather than
// compress/zlib: a cover is mostly runs of one colour and rows repeating
// the row above, wholly or in stretches, which run-length coding and
// copies from one row back capture with no hash tables, and Huffman
// codes made for the few colours used keep the result small (go-epub
// deflates the image again, and parses it twice as a data URL, so each
// byte saved here is saved three times over). A flate compressor
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
// (RFC 1951). A row equal to the one above is a copy of it; any other row
// is coded as literals, runs and copies from the row above. The symbols
// are kept until close, which codes them with Huffman codes made for
// them (a cover uses a few dozen of its palette's colours, most of them
// rarely), or with the fixed codes should a made code come out longer
// than deflate allows.
type rowDeflater struct {
	out  []byte
	acc  uint64 // bits not yet written, least significant first
	nacc uint
	// s1 and s2 are the Adler-32 sums of the uncompressed stream (RFC
	// 1950); sum and weighted are those of the last row, reused when the
	// next row repeats it.
	s1, s2        uint32
	sum, weighted uint64
	// toks holds the symbols: a literal byte, or a match (matchFlag,
	// length-3 above bit 15, distance-1 below); litFreq and distFreq
	// count the literal/length and distance codes they use.
	toks     []uint32
	litFreq  [286]int
	distFreq [30]int
}

const matchFlag = 1 << 31

func newRowDeflater(capacity int) *rowDeflater {
	z := &rowDeflater{out: make([]byte, 0, capacity), s1: 1, toks: make([]uint32, 0, capacity)}
	// CMF: deflate, 32 KiB window; FLG: no dictionary, check bits.
	z.out = append(z.out, 0x78, 0x01)
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

// literal records a literal byte.
func (z *rowDeflater) literal(c byte) {
	z.toks = append(z.toks, uint32(c))
	z.litFreq[c]++
}

// fixedSymbol appends a literal/length symbol (0..285) in the fixed code.
func (z *rowDeflater) fixedSymbol(s int) {
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

// match records a copy of n bytes (3..258) from dist bytes back
// (1..32768).
func (z *rowDeflater) match(n, dist int) {
	z.toks = append(z.toks, matchFlag|uint32(n-3)<<15|uint32(dist-1))
	z.litFreq[257+int(lengthCode[n])]++
	z.distFreq[distCode(dist)]++
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
			z.literal(c)
			z.copyBack(run-1, 1)
			i += run
		default:
			z.literal(c)
			i++
		}
		up = 0
	}
}

// close writes the block and ends the stream, and returns it.
func (z *rowDeflater) close() []byte {
	z.litFreq[256]++ // end of block
	litLen, ok1 := huffmanLengths(z.litFreq[:], 15)
	distLen, ok2 := huffmanLengths(z.distFreq[:], 15)
	var header []uint16 // code-length symbols, with extra values above
	var clLen []uint8
	ok := ok1 && ok2
	if ok {
		if slices.Max(distLen) == 0 {
			distLen[0] = 1 // deflate wants at least one distance code
		}
		// Trailing unused codes are left out of the header.
		hlit, hdist := 286, 30
		for hlit > 257 && litLen[hlit-1] == 0 {
			hlit--
		}
		for hdist > 1 && distLen[hdist-1] == 0 {
			hdist--
		}
		litLen, distLen = litLen[:hlit], distLen[:hdist]
		header = codeLengthSymbols(litLen, distLen)
		var clFreq [19]int
		used := 0
		for _, h := range header {
			if clFreq[h&31] == 0 {
				used++
			}
			clFreq[h&31]++
		}
		// A code-length code of one symbol would be incomplete, which
		// zlib refuses.
		clLen, ok = huffmanLengths(clFreq[:], 7)
		ok = ok && used >= 2
	}
	if !ok {
		z.writeFixed()
	} else {
		z.writeDynamic(litLen, distLen, header, clLen)
	}
	if z.nacc > 0 {
		z.bits(0, 8-z.nacc)
	}
	return binary.BigEndian.AppendUint32(z.out, z.s2<<16|z.s1)
}

// writeFixed writes the symbols as a block with the fixed codes.
func (z *rowDeflater) writeFixed() {
	z.bits(1, 1) // BFINAL: the only block
	z.bits(1, 2) // BTYPE 01: fixed Huffman codes
	for _, t := range z.toks {
		if t&matchFlag == 0 {
			z.fixedSymbol(int(t))
			continue
		}
		n, dist := int(t>>15&0xff)+3, int(t&0x7fff)+1
		i := int(lengthCode[n])
		z.fixedSymbol(257 + i)
		z.bits(uint64(n-lengthBase[i]), lengthExtra[i])
		j := distCode(dist)
		z.code(uint(j), 5)
		z.bits(uint64(dist-distBase[j]), distExtra[j])
	}
	z.fixedSymbol(256)
}

// clOrder is the order in which a dynamic block lists the lengths of the
// code-length code.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// writeDynamic writes the symbols as a block with the given codes: the
// lengths of the literal/length code (257 to 286 of them) and of the
// distance code (1 to 30), header coding them in the code-length
// alphabet, and that alphabet's code lengths.
func (z *rowDeflater) writeDynamic(litLen, distLen []uint8, header []uint16, clLen []uint8) {
	hlit, hdist, hclen := len(litLen), len(distLen), 19
	for hclen > 4 && clLen[clOrder[hclen-1]] == 0 {
		hclen--
	}
	z.bits(1, 1) // BFINAL: the only block
	z.bits(2, 2) // BTYPE 10: dynamic Huffman codes
	z.bits(uint64(hlit-257), 5)
	z.bits(uint64(hdist-1), 5)
	z.bits(uint64(hclen-4), 4)
	for _, k := range clOrder[:hclen] {
		z.bits(uint64(clLen[k]), 3)
	}
	clCode := canonicalCodes(clLen)
	for _, h := range header {
		sym := h & 31
		z.code(clCode[sym], uint(clLen[sym]))
		switch sym {
		case 17:
			z.bits(uint64(h>>5), 3)
		case 18:
			z.bits(uint64(h>>5), 7)
		}
	}
	litCode, distCodes := canonicalCodes(litLen), canonicalCodes(distLen)
	for _, t := range z.toks {
		if t&matchFlag == 0 {
			z.code(litCode[t], uint(litLen[t]))
			continue
		}
		n, dist := int(t>>15&0xff)+3, int(t&0x7fff)+1
		i := int(lengthCode[n])
		z.code(litCode[257+i], uint(litLen[257+i]))
		z.bits(uint64(n-lengthBase[i]), lengthExtra[i])
		j := distCode(dist)
		z.code(distCodes[j], uint(distLen[j]))
		z.bits(uint64(dist-distBase[j]), distExtra[j])
	}
	z.code(litCode[256], uint(litLen[256]))
}

// codeLengthSymbols codes the lengths of the literal/length and distance
// codes with the code-length alphabet: each symbol in the low five bits,
// its extra value above (runs of zeros: 17 for 3 to 10, 18 for 11 to
// 138).
func codeLengthSymbols(litLen, distLen []uint8) []uint16 {
	all := append(slices.Clip(litLen), distLen...)
	var out []uint16
	for i := 0; i < len(all); {
		if all[i] != 0 {
			out = append(out, uint16(all[i]))
			i++
			continue
		}
		n := 1
		for i+n < len(all) && all[i+n] == 0 && n < 138 {
			n++
		}
		switch {
		case n >= 11:
			out = append(out, 18|uint16(n-11)<<5)
		case n >= 3:
			out = append(out, 17|uint16(n-3)<<5)
		default:
			for range n {
				out = append(out, 0)
			}
		}
		i += n
	}
	return out
}

// huffmanLengths returns the code length of each symbol of a Huffman code
// for the frequencies (0 for unused symbols), and false when a length
// would exceed limit. Ties are broken by symbol order, so the same
// frequencies always give the same code.
func huffmanLengths(freq []int, limit int) ([]uint8, bool) {
	lengths := make([]uint8, len(freq))
	var leaves []int // symbols, by frequency then symbol
	for s, f := range freq {
		if f > 0 {
			leaves = append(leaves, s)
		}
	}
	switch len(leaves) {
	case 0:
		return lengths, true
	case 1:
		lengths[leaves[0]] = 1
		return lengths, true
	}
	slices.SortStableFunc(leaves, func(a, b int) int { return freq[a] - freq[b] })
	// Nodes 0..len(leaves)-1 are the leaves in that order; each merge
	// appends an internal node, whose weights never decrease, so the
	// two smallest are always at the heads of the two queues.
	n := len(leaves)
	weight := make([]int, n, 2*n-1)
	parent := make([]int, 2*n-1)
	for i, s := range leaves {
		weight[i] = freq[s]
	}
	li, ni := 0, n
	pick := func() int {
		if li < n && (ni >= len(weight) || weight[li] <= weight[ni]) {
			li++
			return li - 1
		}
		ni++
		return ni - 1
	}
	for len(weight) < 2*n-1 {
		a, b := pick(), pick()
		parent[a], parent[b] = len(weight), len(weight)
		weight = append(weight, weight[a]+weight[b])
	}
	depth := make([]int, 2*n-1)
	for i := 2*n - 3; i >= 0; i-- {
		depth[i] = depth[parent[i]] + 1
	}
	for i, s := range leaves {
		if depth[i] > limit {
			return nil, false
		}
		lengths[s] = uint8(depth[i])
	}
	return lengths, true
}

// canonicalCodes assigns deflate's canonical codes to code lengths
// (RFC 1951, section 3.2.2).
func canonicalCodes(lengths []uint8) []uint {
	var count [16]uint
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]uint
	code := uint(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint, len(lengths))
	for s, l := range lengths {
		if l != 0 {
			codes[s] = next[l]
			next[l]++
		}
	}
	return codes
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
