package layout

import (
	"errors"
	"strings"
	"testing"

	"pamphlet/model"
)

// memSpill is a Spill in memory; failRead and failWrite make it fail.
type memSpill struct {
	data                []byte
	failRead, failWrite bool
}

func (m *memSpill) WriteAt(b []byte, off int64) (int, error) {
	if m.failWrite {
		return 0, errors.New("disk full")
	}
	if end := int(off) + len(b); end > len(m.data) {
		m.data = append(m.data, make([]byte, end-len(m.data))...)
	}
	return copy(m.data[off:], b), nil
}

func (m *memSpill) ReadAt(b []byte, off int64) (int, error) {
	if m.failRead || int(off)+len(b) > len(m.data) {
		return 0, errors.New("read error")
	}
	return copy(b, m.data[off:]), nil
}

// TestAnthologySpilledPagesMatch checks that a book whose packed pages
// wait in a Spill gives, page by page, what it gives laid out whole,
// whichever way its contents were set.
func TestAnthologySpilledPagesMatch(t *testing.T) {
	tests := []struct {
		name string
		book func() *model.Book
		opt  Options
	}{
		{"one after another", func() *model.Book { return bookFixture(7) }, Options{Pack: true}},
		{"on right-hand pages", func() *model.Book { return bookFixture(7) }, Options{Pack: true, Recto: true}},
		{"contents set after the chapters", wideEntriesBook, Options{Pack: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole := tt.opt
			whole.Pack = false
			held, err := Anthology(tt.book(), whole)
			if err != nil {
				t.Fatal(err)
			}
			spill := &memSpill{}
			opt := tt.opt
			opt.Spill = spill
			kept, err := Anthology(tt.book(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(spill.data) == 0 {
				t.Fatal("nothing was kept in the spill")
			}
			samePaged(t, kept, held)
			if err := kept.Err(); err != nil {
				t.Errorf("Err: %v", err)
			}
		})
	}
}

// TestAnthologySpillFailures checks that a spill that cannot be written
// fails the layout, and one that cannot be read back is reported by
// Book.Err.
func TestAnthologySpillFailures(t *testing.T) {
	_, err := Anthology(bookFixture(3), Options{Pack: true, Spill: &memSpill{failWrite: true}})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write failure: error %v, want the spill's", err)
	}
	spill := &memSpill{}
	book, err := Anthology(bookFixture(3), Options{Pack: true, Spill: spill})
	if err != nil {
		t.Fatal(err)
	}
	spill.failRead = true
	for i := range book.Pages {
		book.Page(i)
	}
	if err := book.Err(); err == nil || !strings.Contains(err.Error(), "read error") {
		t.Errorf("read failure: Err %v, want the spill's", err)
	}
}
