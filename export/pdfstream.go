package export

import (
	"bytes"
	"compress/zlib"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// gofpdf compresses each page's content with a zlib writer of its own,
// and a new writer allocates and clears about a megabyte: for a book of
// thousands of pages that costs more than painting them. pamphlet turns
// gofpdf's compression off and deflates the plain streams here instead,
// several at a time, each worker reusing one writer. The level is
// gofpdf's (best speed), and each stream is compressed on its own, so the
// bytes do not depend on the number of workers.

// plainStream finds a stream object written without a filter:
//
//	N 0 obj
//	<</Length L>>
//	stream
//	…L bytes…
//	endstream
//	endobj
//
// It returns the object's head ("N 0 obj\n") and its data, or ok false
// for any other object.
func plainStream(body []byte) (head, data []byte, ok bool) {
	nl := bytes.IndexByte(body, '\n')
	if nl < 0 || !bytes.HasSuffix(body[:nl], []byte(" 0 obj")) {
		return nil, nil, false
	}
	rest := body[nl+1:]
	const open, close = "<</Length ", ">>\nstream\n"
	if !bytes.HasPrefix(rest, []byte(open)) {
		return nil, nil, false
	}
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return nil, nil, false
	}
	n, err := strconv.Atoi(string(rest[len(open):end]))
	if err != nil || n < 0 || !bytes.HasPrefix(rest[end:], []byte(close)) {
		return nil, nil, false
	}
	start := end + len(close)
	if start+n > len(rest) || !bytes.HasPrefix(rest[start+n:], []byte("\nendstream\nendobj\n")) {
		return nil, nil, false
	}
	return body[:nl+1], rest[start : start+n], true
}

// deflateStreams compresses every plain stream among the objects of raw
// (bodies[i] is object i's text, nil for none) and returns the new text
// of each object it compressed, nil for the others.
func deflateStreams(bodies [][]byte) [][]byte {
	out := make([][]byte, len(bodies))
	jobs := make(chan int, 64)
	var wg sync.WaitGroup
	// A worker's compressor costs about as much to set up as a few pages
	// to deflate, so a short document gets one worker; a long book one
	// per processor.
	workers := min(runtime.GOMAXPROCS(0), 1+len(bodies)/200)
	for range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for i := range jobs {
				head, data, ok := plainStream(bodies[i])
				if !ok || len(data) == 0 {
					continue
				}
				buf.Reset()
				zw.Reset(&buf)
				if _, err := zw.Write(data); err != nil {
					continue
				}
				if err := zw.Close(); err != nil {
					continue
				}
				var obj bytes.Buffer
				obj.Grow(len(head) + buf.Len() + 64)
				obj.Write(head)
				obj.WriteString("<</Filter /FlateDecode /Length ")
				obj.WriteString(strconv.Itoa(buf.Len()))
				obj.WriteString(">>\nstream\n")
				obj.Write(buf.Bytes())
				obj.WriteString("\nendstream\nendobj\n")
				out[i] = obj.Bytes()
			}
		})
	}
	for i, b := range bodies {
		if b != nil {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	return out
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
