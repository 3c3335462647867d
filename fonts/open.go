package fonts

import (
	"fmt"
	"io"
)

// Open returns the TrueType file of style s for reading in place, and its
// size in bytes. Unlike TTF it copies nothing: a reader that needs a few
// tables (a parser drawing some glyphs) touches only those bytes, which
// keeps a one-shot command from paging in megabytes of fonts.
func Open(s Style) (io.ReaderAt, int64) {
	if s < 0 || int(s) >= len(fileNames) {
		panic(fmt.Sprintf("fonts: unknown style %d", int(s)))
	}
	f, err := files.Open(fileNames[s])
	if err != nil {
		panic("fonts: embedded file missing: " + err.Error())
	}
	st, err := f.Stat()
	if err != nil {
		panic("fonts: embedded file unreadable: " + err.Error())
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		panic("fonts: embedded file cannot be read in place")
	}
	return ra, st.Size()
}
