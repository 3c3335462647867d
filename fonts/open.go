package fonts

import (
	"bytes"
	"fmt"
	"io"
)

// Open returns the TrueType file of style s for reading in place, and its
// size in bytes. Like TTF it copies nothing: a reader that needs a few
// tables (a parser drawing some glyphs) touches only those bytes, which
// keeps a one-shot command from paging in megabytes of fonts.
func Open(s Style) (io.ReaderAt, int64) {
	if s < 0 || int(s) >= len(faceData) {
		panic(fmt.Sprintf("fonts: unknown style %d", int(s)))
	}
	return bytes.NewReader(faceData[s]), int64(len(faceData[s]))
}
