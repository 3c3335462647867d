package layout

import (
	"fmt"
	"io"
	"sync"
)

// Spill is storage outside memory for an anthology's packed pages (see
// Options.Spill): bytes written at an offset and read back from it. A
// temporary file serves.
type Spill interface {
	io.ReaderAt
	io.WriterAt
}

// spillStore keeps packed bodies in a Spill, one after another.
type spillStore struct {
	to  Spill
	end int64
	mu  sync.Mutex
	// err is the first failure to read a body back: Book.Err reports it.
	err error
}

// put writes runs at the end of the store and returns where they are.
func (st *spillStore) put(runs packedRuns) (int64, error) {
	off := st.end
	if _, err := st.to.WriteAt([]byte(runs), off); err != nil {
		return 0, fmt.Errorf("layout: keep the pages aside: %w", err)
	}
	st.end += int64(len(runs))
	return off, nil
}

// get reads back the n bytes put at off; a failure gives no runs and is
// kept for Book.Err.
func (st *spillStore) get(off int64, n int) packedRuns {
	b := make([]byte, n)
	if _, err := st.to.ReadAt(b, off); err != nil {
		st.mu.Lock()
		if st.err == nil {
			st.err = fmt.Errorf("layout: read the pages kept aside: %w", err)
		}
		st.mu.Unlock()
		return ""
	}
	return packedRuns(b)
}

// spill moves the packed bodies of pages to the store.
func (st *spillStore) spill(pages []*Page) error {
	for _, p := range pages {
		if p == nil {
			continue
		}
		pb := p.packed
		if pb == nil || pb.store != nil || pb.runs == "" {
			continue
		}
		off, err := st.put(pb.runs)
		if err != nil {
			return err
		}
		pb.store, pb.off, pb.size, pb.runs = st, off, len(pb.runs), ""
	}
	return nil
}

// Err reports a failure to read back the pages an anthology kept in its
// Options.Spill: Page and EachRun then gave a page without its body. An
// exporter checks it once it has read every page.
func (b *Book) Err() error {
	if b.spill == nil {
		return nil
	}
	b.spill.mu.Lock()
	defer b.spill.mu.Unlock()
	return b.spill.err
}
