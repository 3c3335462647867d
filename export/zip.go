package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"runtime"
	"sort"
	"sync"
	"time"
)

// zipEntry is one file of an EPUB container.
type zipEntry struct {
	name  string
	data  []byte
	store bool // keep uncompressed (mimetype, images compressed already)
	// raw is the data as stored (compressed or not), nil when archive/zip
	// compresses it; crc is the checksum of data. An entry may come with
	// raw, crc and size set and no data: a file go-epub compressed, which
	// is not compressed again.
	raw  []byte
	crc  uint32
	size uint64 // length of the uncompressed data, when data is nil
	// write, when set, writes the entry's data as the container is
	// written, instead of data: a chapter made only then.
	write func(io.Writer) error
}

// writeZip packs entries into an OCF container, reproducibly: the
// mimetype entry first and stored without an extra field or data
// descriptor (as OCF requires), the other entries sorted by name, every
// entry dated at modified (clamped to what ZIP can record), no extra
// fields, and fixed version and attribute fields. It writes the container
// to w as it goes: everything but the entries made as they are written
// (zipEntry.write) is checked and compressed before the first byte.
func writeZip(w io.Writer, entries []zipEntry, modified time.Time) error {
	if len(entries) == 0 || entries[0].name != "mimetype" || !entries[0].store {
		return fmt.Errorf("container: the stored mimetype entry must come first")
	}
	rest := entries[1:]
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].name < rest[j].name })
	for i := 1; i < len(entries); i++ {
		if entries[i].name == entries[i-1].name {
			return fmt.Errorf("container: %s twice", entries[i].name)
		}
	}

	// Large entries (embedded fonts) are compressed in parallel up front.
	// Small ones go through archive/zip's own pooled compressor, which
	// go-epub has just warmed up: a fresh compressor touches about a
	// megabyte of tables, more than compressing a chapter costs. Files
	// go-epub compressed and the finishing step left alone come with
	// their stored bytes.
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	errs := make([]error, len(entries))
	for i := range entries {
		e := &entries[i]
		if e.data == nil && e.raw != nil || e.write != nil {
			continue
		}
		e.size = uint64(len(e.data))
		e.crc = crc32.ChecksumIEEE(e.data)
		switch {
		case e.store || len(e.data) == 0:
			e.raw = e.data
			e.store = true
		case len(e.data) >= largeEntry:
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				errs[i] = deflateEntry(e)
			}()
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}

	date, clock := msDosTime(modified)
	zw := zip.NewWriter(w)
	var made madeEntry
	for _, e := range entries {
		fh := &zip.FileHeader{
			Name:           e.name,
			Method:         zip.Deflate,
			CreatorVersion: 20,
			ReaderVersion:  20,
			// Set directly, not through Modified, which would add an
			// extended-timestamp extra field that OCF forbids on mimetype.
			ModifiedDate: date,
			ModifiedTime: clock,
		}
		if e.write != nil {
			if err := made.write(zw, fh, e.write); err != nil {
				return fmt.Errorf("container: %s: %w", e.name, err)
			}
			continue
		}
		if e.raw == nil {
			// Compressed by archive/zip, with a data descriptor after it.
			ew, err := zw.CreateHeader(fh)
			if err == nil {
				_, err = ew.Write(e.data)
			}
			if err != nil {
				return fmt.Errorf("container: %s: %w", e.name, err)
			}
			continue
		}
		if e.store {
			fh.Method = zip.Store
		}
		fh.CRC32 = e.crc
		fh.CompressedSize64 = uint64(len(e.raw))
		fh.UncompressedSize64 = e.size
		ew, err := zw.CreateRaw(fh)
		if err == nil {
			_, err = ew.Write(e.raw)
		}
		if err != nil {
			return fmt.Errorf("container: %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("container: %w", err)
	}
	return nil
}

// largeEntry is the size from which an entry is compressed apart, at
// flate's default level, rather than by archive/zip (level 5).
const largeEntry = 1 << 18

// madeEntry writes entries whose data is made as they are written
// (zipEntry.write), into the same bytes as writeZip gives the data made
// beforehand: under largeEntry bytes the data is gathered and archive/zip
// compresses it; from largeEntry on it is compressed as it comes, and
// only the compressed data is held until its header, which gives its
// checksum and sizes, is written. The buffers and the compressor are
// kept from one entry to the next.
type madeEntry struct {
	small bytes.Buffer
	large bytes.Buffer
	fw    *flate.Writer
	crc   hash.Hash32
	size  uint64
	on    bool // compressing: the data has reached largeEntry bytes
}

func (m *madeEntry) write(zw *zip.Writer, fh *zip.FileHeader, write func(io.Writer) error) error {
	m.small.Reset()
	m.large.Reset()
	m.size, m.on = 0, false
	if err := write(m); err != nil {
		return err
	}
	if !m.on {
		if m.small.Len() == 0 {
			fh.Method = zip.Store
			_, err := zw.CreateRaw(fh)
			return err
		}
		w, err := zw.CreateHeader(fh)
		if err == nil {
			_, err = w.Write(m.small.Bytes())
		}
		return err
	}
	if err := m.fw.Close(); err != nil {
		return err
	}
	fh.CRC32 = m.crc.Sum32()
	fh.CompressedSize64 = uint64(m.large.Len())
	fh.UncompressedSize64 = m.size
	w, err := zw.CreateRaw(fh)
	if err == nil {
		_, err = w.Write(m.large.Bytes())
	}
	return err
}

// Write takes the next piece of the entry's data.
func (m *madeEntry) Write(p []byte) (int, error) {
	if !m.on {
		if m.small.Len()+len(p) < largeEntry {
			return m.small.Write(p)
		}
		if err := m.start(); err != nil {
			return 0, err
		}
	}
	m.size += uint64(len(p))
	m.crc.Write(p)
	return m.fw.Write(p)
}

// start begins compressing, with the data gathered so far.
func (m *madeEntry) start() error {
	if m.fw == nil {
		fw, err := flate.NewWriter(&m.large, flate.DefaultCompression)
		if err != nil {
			return err
		}
		m.fw, m.crc = fw, crc32.NewIEEE()
	} else {
		m.fw.Reset(&m.large)
		m.crc.Reset()
	}
	m.on = true
	m.size = uint64(m.small.Len())
	m.crc.Write(m.small.Bytes())
	_, err := m.fw.Write(m.small.Bytes())
	m.small.Reset()
	return err
}

// deflateEntry compresses an entry's data into its raw bytes.
func deflateEntry(e *zipEntry) error {
	var buf bytes.Buffer
	buf.Grow(len(e.data)/2 + 64)
	fw, err := flate.NewWriter(&buf, flate.DefaultCompression)
	if err == nil {
		_, err = fw.Write(e.data)
	}
	if err == nil {
		err = fw.Close()
	}
	if err != nil {
		return fmt.Errorf("container: compress %s: %w", e.name, err)
	}
	e.raw = buf.Bytes()
	return nil
}

// msDosTime converts t (in UTC) to MS-DOS date and time fields, clamped to
// the range they can hold (1980 to 2107, even seconds).
func msDosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	lo := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	if t.Before(lo) {
		t = lo
	}
	if t.After(hi) {
		t = hi
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
