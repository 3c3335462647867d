package picture

import "errors"

// errGIFTruncated is the error of a GIF that ends before its first frame
// does.
var errGIFTruncated = errors.New("gif: the file ends inside its first frame")

// checkGIF walks a GIF's blocks (GIF89a specification, sections 17 to 27)
// up to the end of its first frame's image data, reading no pixel: the
// colour tables, each extension's sub-blocks, and the frame's descriptor,
// code size and data sub-blocks must all be there. Later frames are not
// read, as image/gif's Decode, which shows the first, does not read them.
func checkGIF(data []byte) error {
	if len(data) < 13 || (string(data[:6]) != "GIF87a" && string(data[:6]) != "GIF89a") {
		return errors.New("gif: not a GIF file")
	}
	i := 13
	width, height := le16(data[6:]), le16(data[8:])
	global := data[10]&0x80 != 0
	if global {
		i += 3 << (data[10]&7 + 1)
	}
	// subBlocks skips data sub-blocks up to their zero-length terminator.
	subBlocks := func() error {
		for {
			if i >= len(data) {
				return errGIFTruncated
			}
			n := int(data[i])
			i += 1 + n
			if n == 0 {
				return nil
			}
		}
	}
	for {
		if i >= len(data) {
			return errGIFTruncated
		}
		switch data[i] {
		case 0x21: // extension: its label, then sub-blocks
			i += 2
			if err := subBlocks(); err != nil {
				return err
			}
		case 0x2c: // image descriptor
			if i+10 > len(data) {
				return errGIFTruncated
			}
			d := data[i:]
			if le16(d[1:])+le16(d[5:]) > width || le16(d[3:])+le16(d[7:]) > height {
				return errors.New("gif: frame bounds larger than image bounds")
			}
			i += 10
			if d[9]&0x80 != 0 {
				i += 3 << (d[9]&7 + 1)
			} else if !global {
				return errors.New("gif: no colour table")
			}
			if i >= len(data) {
				return errGIFTruncated
			}
			if lzw := data[i]; lzw < 2 || lzw > 8 {
				return errors.New("gif: bad LZW code size")
			}
			i++
			return subBlocks()
		case 0x3b:
			return errors.New("gif: no image")
		default:
			return errors.New("gif: unknown block")
		}
	}
}

// le16 reads a little-endian 16-bit number.
func le16(b []byte) int { return int(b[0]) | int(b[1])<<8 }
