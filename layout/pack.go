package layout

import (
	"encoding/binary"
	"sync"

	"pamphlet/fonts"
)

// A book's laid-out pages are most of its memory: a Run takes over a
// hundred bytes for a word or two of text, and a book of a thousand
// articles holds well over a million of them between laying out its
// chapters and painting the first page (the contents need every
// chapter's page count, and the PDF's font subsets every rune drawn).
// With Options.Pack, runs are packed as soon as nothing changes them: a
// document's lines once the line after each is set (vlist.box), a page's
// body once the page after the next is begun (pager.page), and every
// page's when its chapter or document is done. Packed, the runs are
// varints, each field the difference from what the runs before predict
// (the run before's face and baseline, a space as wide as the last, an
// end where the last glyph's advance ends), and the glyphs what differs
// from the glyphs before (packglyph.go), in one string that also holds
// their texts: a tenth of the room or less. Pagination appends a line's runs to its page straight from the
// string; binding a chapter into a book only moves its pages and
// renumbers its tags, which the packed body records and applies when
// unpacked; Book.Page unpacks one page at a time for the exporter, and
// Book.EachRun reads one in place, so only the pages being painted are
// whole.

// packedRuns are runs packed by packRuns: their number and the number of
// their glyphs, then each run.
// The empty string holds none.
type packedRuns string

// packedBody is a page's Body packed.
type packedBody struct {
	runs packedRuns
	// store, when set, holds the runs instead, size bytes at off (see
	// Options.Spill).
	store *spillStore
	off   int64
	size  int
	// dx and dy move every run; tagBase is added to every tag but 0 (the
	// furniture's).
	dx, dy  Sp
	tagBase int32
}

// Run flags in the packed form.
const (
	packSpace = 1 << iota
	packHyphen
	packGlyphs
	packGrey
	// packSame: face, size, expansion and tag are the run before's.
	packSame
)

// packRuns packs runs; appendTo gives them back field for field (an
// empty Glyphs as nil).
func packRuns(runs []Run) packedRuns {
	if len(runs) == 0 {
		return ""
	}
	glyphs := 0
	for _, r := range runs {
		glyphs += len(r.Glyphs)
	}
	bp := packScratch.Get().(*[]byte)
	b := (*bp)[:0]
	b = binary.AppendUvarint(b, uint64(len(runs)))
	b = binary.AppendUvarint(b, uint64(glyphs))
	var prev Run
	var gm glyphModel
	var gap spaceGap
	for _, r := range runs {
		flags := uint64(0)
		if r.Space {
			flags |= packSpace
		}
		if r.Hyphen != 0 {
			flags |= packHyphen
		}
		if len(r.Glyphs) > 0 {
			flags |= packGlyphs
		}
		if r.Grey != 0 {
			flags |= packGrey
		}
		same := r.Face == prev.Face && r.Size == prev.Size && r.Expand == prev.Expand && r.Tag == prev.Tag
		if same {
			flags |= packSame
		}
		b = binary.AppendUvarint(b, flags)
		if !same {
			b = binary.AppendVarint(b, int64(r.Face)-int64(prev.Face))
			b = binary.AppendVarint(b, int64(r.Size-prev.Size))
		}
		// A run mostly starts where the one before ended, a space as
		// wide as the one before beyond it if a space follows it, on
		// its baseline.
		b = binary.AppendVarint(b, int64(r.X-gap.next(&prev)))
		b = binary.AppendVarint(b, int64(r.Y-prev.Y))
		if !same {
			b = binary.AppendVarint(b, int64(r.Expand-prev.Expand))
			b = binary.AppendVarint(b, int64(r.Tag)-int64(prev.Tag))
		}
		b = binary.AppendUvarint(b, uint64(len(r.Text)))
		b = append(b, r.Text...)
		if r.Hyphen != 0 {
			b = binary.AppendVarint(b, int64(r.Hyphen))
		}
		if r.Grey != 0 {
			b = append(b, r.Grey)
		}
		gm.run(&r)
		if len(r.Glyphs) > 0 {
			b = gm.appendGlyphs(b, &r)
		}
		// A run mostly ends where its last glyph's advance does.
		b = binary.AppendVarint(b, int64(r.Width-gm.width(&r)))
		gap.learn(&prev, &r)
		prev = r
	}
	// The string is made to measure: the scratch bytes, grown to the
	// largest packed so far, go back to the pool.
	pr := packedRuns(b)
	*bp = b
	packScratch.Put(bp)
	return pr
}

// packScratch holds the bytes packRuns packs into.
var packScratch = sync.Pool{New: func() any { return new([]byte) }}

// reader returns a reader of the runs, their number and the number of
// their glyphs.
func (pr packedRuns) reader() (rd packReader, runs, glyphs int) {
	rd = packReader{data: string(pr)}
	if pr == "" {
		return rd, 0, 0
	}
	runs = int(rd.uvarint())
	return rd, runs, int(rd.uvarint())
}

// count is the number of runs packed.
func (pr packedRuns) count() int {
	n, _ := uvarintString(string(pr))
	return int(n)
}

// appendTo appends the runs packed to dst. Their texts share the packed
// string, and their glyphs one slice made for them all.
func (pr packedRuns) appendTo(dst []Run) []Run {
	rd, n, glyphs := pr.reader()
	slab := make([]Glyph, 0, glyphs)
	for range n {
		var r Run
		slab = rd.next(&r, slab)
		dst = append(dst, r)
	}
	return dst
}

// unpack returns the runs packed, moved and renumbered as recorded.
func (pb *packedBody) unpack() []Run {
	n := 0
	var runs packedRuns
	if pb != nil {
		runs = pb.data()
		n = runs.count()
	}
	if n == 0 {
		return nil
	}
	out := runs.appendTo(make([]Run, 0, n))
	for i := range out {
		pb.move(&out[i])
	}
	return out
}

// data returns the runs packed, read back from the store they were
// moved to, if any.
func (pb *packedBody) data() packedRuns {
	if pb.store != nil {
		return pb.store.get(pb.off, pb.size)
	}
	return pb.runs
}

// move applies to a run unpacked the moves and renumbering recorded.
func (pb *packedBody) move(r *Run) {
	r.X += pb.dx
	r.Y += pb.dy
	if r.Tag != 0 {
		r.Tag += pb.tagBase
	}
}

// packReader reads packed runs in order.
type packReader struct {
	data   string
	at     int
	prev   Run
	glyphs glyphModel
	gap    spaceGap
}

// spaceGap predicts where a run starts: past the run before, by the
// space last seen after a run on the same baseline when a space follows.
type spaceGap struct{ last Sp }

// next is where the run after prev is expected to start.
func (sg *spaceGap) next(prev *Run) Sp {
	x := prev.X + prev.Width
	if prev.Space {
		x += sg.last
	}
	return x
}

// learn notes run r after prev.
func (sg *spaceGap) learn(prev, r *Run) {
	if prev.Space && prev.Y == r.Y {
		sg.last = r.X - (prev.X + prev.Width)
	}
}

func (rd *packReader) uvarint() uint64 {
	if rd.at < len(rd.data) && rd.data[rd.at] < 0x80 {
		// Most fields are small differences: one byte.
		rd.at++
		return uint64(rd.data[rd.at-1])
	}
	v, n := uvarintString(rd.data[rd.at:])
	rd.at += n
	return v
}

func (rd *packReader) varint() int64 {
	u := rd.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// next reads the next run into r, not moved yet. Its glyphs are appended
// to slab, and r.Glyphs is their part of it (capped, so that appending
// to it copies); it returns slab.
func (rd *packReader) next(r *Run, slab []Glyph) []Glyph {
	prev := &rd.prev
	flags := rd.uvarint()
	r.Face, r.Size, r.Expand, r.Tag = prev.Face, prev.Size, prev.Expand, prev.Tag
	if flags&packSame == 0 {
		r.Face += fonts.Style(rd.varint())
		r.Size += Sp(rd.varint())
	}
	r.X = rd.gap.next(prev) + Sp(rd.varint())
	r.Y = prev.Y + Sp(rd.varint())
	if flags&packSame == 0 {
		r.Expand += int(rd.varint())
		r.Tag += int32(rd.varint())
	}
	n := int(rd.uvarint())
	r.Text = rd.data[rd.at : rd.at+n]
	rd.at += n
	r.Space = flags&packSpace != 0
	r.Hyphen = 0
	if flags&packHyphen != 0 {
		r.Hyphen = Sp(rd.varint())
	}
	r.Grey = 0
	if flags&packGrey != 0 {
		r.Grey = rd.data[rd.at]
		rd.at++
	}
	r.Glyphs = nil
	rd.glyphs.run(r)
	if flags&packGlyphs != 0 {
		at := len(slab)
		slab = rd.readGlyphs(slab, r)
		r.Glyphs = slab[at:len(slab):len(slab)]
	}
	r.Width = rd.glyphs.width(r) + Sp(rd.varint())
	rd.gap.learn(prev, r)
	*prev = *r
	return slab
}

// uvarintString is binary.Uvarint on a string, which the packed form is
// so that unpacked texts can share it.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, len(s) // not reached on what packRuns wrote
}

// pack packs the page's body (see Options.Pack).
func (p *Page) pack() {
	if p.packed == nil && len(p.Body) > 0 {
		p.packed = &packedBody{runs: packRuns(p.Body)}
		p.Body = nil
	}
}

// Page returns page i of the book (nil when the exporter has released
// it) with its body whole: a packed page (see Options.Pack) is unpacked
// into a copy, the book keeping the packed form.
func (b *Book) Page(i int) *Page {
	p := b.Pages[i]
	if p == nil || p.packed == nil {
		return p
	}
	c := *p
	c.Body, c.packed = p.packed.unpack(), nil
	return &c
}

// EachRun calls f with every run of page i, its head, body and foot in
// turn, without unpacking a packed body: what an exporter that only
// reads the runs needs (the characters and glyphs a font subset must
// hold). The run and its glyphs are only valid during the call. A page
// released by the exporter (nil) has none.
func (b *Book) EachRun(i int, f func(r *Run)) {
	p := b.Pages[i]
	if p == nil {
		return
	}
	for k := range p.Head {
		f(&p.Head[k])
	}
	for k := range p.Body {
		f(&p.Body[k])
	}
	if pb := p.packed; pb != nil {
		rd, n, _ := pb.data().reader()
		var r Run
		var slab []Glyph
		for range n {
			slab = rd.next(&r, slab[:0])
			pb.move(&r)
			f(&r)
		}
	}
	for k := range p.Foot {
		f(&p.Foot[k])
	}
}
