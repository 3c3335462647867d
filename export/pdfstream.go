package export

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// gofpdf compresses each page's content with a zlib writer of its own,
// and a new writer allocates and clears about a megabyte: for a book of
// thousands of pages that costs more than painting them. pamphlet turns
// gofpdf's compression off and deflates the plain streams here instead,
// several at a time, each worker reusing one writer. The level is
// gofpdf's (best speed), and each stream is compressed on its own, so the
// bytes do not depend on the number of workers.

// deflateStreams compresses every stream of objs written without a
// filter (the XMP metadata excepted, which stays readable to tools that
// do not parse PDF).
func deflateStreams(objs []*pdfObj) {
	jobs := make(chan *pdfObj, 64)
	var wg sync.WaitGroup
	// A worker's compressor costs about as much to set up as a few pages
	// to deflate, so a short document gets one worker; a long book one
	// per processor.
	workers := min(runtime.GOMAXPROCS(0), 1+len(objs)/200)
	for range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for o := range jobs {
				buf.Reset()
				zw.Reset(&buf)
				if _, err := zw.Write(o.stream); err != nil {
					continue
				}
				if err := zw.Close(); err != nil {
					continue
				}
				o.stream = bytes.Clone(buf.Bytes())
				o.deflated = true
			}
		})
	}
	for _, o := range objs {
		if o != nil && plain(o) {
			jobs <- o
		}
	}
	close(jobs)
	wg.Wait()
}

// plain reports whether o is a stream to compress: not empty, without a
// filter, and not metadata.
func plain(o *pdfObj) bool {
	if len(o.stream) == 0 || o.deflated {
		return false
	}
	if o.raw != nil {
		return true // pamphlet's own streams are written plain
	}
	d, ok := o.value.(*pdfDict)
	return ok && d.get("Filter") == nil && d.get("Type") != pdfName("Metadata")
}

// captured receives gofpdf's finished document without copying it:
// Output hands its whole buffer to a single Write and never touches it
// again, so the slice is kept as it is (for a long book, a copy would
// double the largest allocation of the run). Should a second Write come,
// the parts are joined.
type captured struct {
	data  []byte
	calls int
}

func (c *captured) Write(p []byte) (int, error) {
	if c.calls == 0 {
		c.data = p
	} else {
		c.data = append(slices.Clip(c.data), p...)
	}
	c.calls++
	return len(p), nil
}

// The pages' content is most of a long PDF, and gofpdf holds every
// page's plain until the whole file is written, then copies it all into
// one buffer: a book's text two and three times over. A side that
// pamphlet paints wholly itself (text, with no rule, picture or turned
// page, which gofpdf paints) never reaches gofpdf: its content is
// compressed as soon as it is painted, and finish puts it in place of the
// page's stream, which then holds only what gofpdf writes at the top of
// every page. The stream is the one gofpdf would have held, compressed as
// deflateStreams compresses it, so the file is the same.

// pagePrefix is what gofpdf writes at the top of every page's content:
// its line cap, join and width, and its stroke and fill colours. finish
// checks it, since the streams compressed here begin with it.
const pagePrefix = "0 J\n0 j\n0.57 w\n0.000 G\n0.000 g\n"

// pageStreams compresses sides' content, several at a time.
type pageStreams struct {
	// done holds each side's compressed stream; nil where gofpdf holds
	// the content or where it waits in the spill (kept).
	done [][]byte
	jobs chan streamJob
	wg   sync.WaitGroup
	// spill, when set, takes the compressed streams (PDFOptions.Spill):
	// kept says where each side's is, end where the next goes, and err
	// is the first failure to write one.
	spill Spill
	kept  []*spilledStream
	mu    sync.Mutex
	end   int64
	err   error
}

// keep writes a side's compressed stream to the spill.
func (ps *pageStreams) keep(side int, data []byte) {
	ps.mu.Lock()
	off := ps.end
	ps.end += int64(len(data))
	ps.mu.Unlock()
	if _, err := ps.spill.WriteAt(data, off); err != nil {
		ps.mu.Lock()
		if ps.err == nil {
			ps.err = fmt.Errorf("keep the pages aside: %w", err)
		}
		ps.mu.Unlock()
		return
	}
	ps.kept[side] = &spilledStream{from: ps.spill, off: off, n: len(data)}
}

type streamJob struct {
	side    int
	content []byte
}

func newPageStreams(sides int, spill Spill) *pageStreams {
	ps := &pageStreams{done: make([][]byte, sides), jobs: make(chan streamJob, 16), spill: spill}
	if spill != nil {
		ps.kept = make([]*spilledStream, sides)
	}
	for range min(runtime.GOMAXPROCS(0), 1+sides/200) {
		ps.wg.Go(func() {
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for j := range ps.jobs {
				buf.Reset()
				zw.Reset(&buf)
				if _, err := zw.Write(j.content); err != nil {
					continue // left to gofpdf's copy: finish fails on it
				}
				if err := zw.Close(); err != nil {
					continue
				}
				if ps.spill != nil {
					ps.keep(j.side, buf.Bytes())
					continue
				}
				ps.done[j.side] = bytes.Clone(buf.Bytes())
			}
		})
	}
	return ps
}

// add compresses the content of side (pagePrefix and what pamphlet
// painted).
func (ps *pageStreams) add(side int, content []byte) {
	ps.jobs <- streamJob{side, content}
}

// wait returns the compressed streams once all are done: those held,
// and those kept in the spill (nil without one).
func (ps *pageStreams) wait() ([][]byte, []*spilledStream, error) {
	close(ps.jobs)
	ps.wg.Wait()
	return ps.done, ps.kept, ps.err
}
