package export

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"

	"pamphlet/layout"
)

// A tagged PDF: every piece of content on a page is a marked-content
// sequence, either an artifact (running heads and folios as pagination,
// rules and ornaments as layout, crop and fold marks as printer's
// marks) or content with an MCID that the structure tree points to.
// Layout gives the tree (layout.Book.Tags) and marks every run, rule,
// picture and link area with its element; painting records where each
// element's content went (structure), and finish writes the tree as
// structure elements, with the parent tree that leads back from the
// content to them.

// pdfRoles names the standard structure type of each layout role.
var pdfRoles = [...]string{
	layout.RoleDocument:        "Document",
	layout.RoleChapter:         "Sect",
	layout.RoleHeading:         "H",
	layout.RoleParagraph:       "P",
	layout.RoleList:            "L",
	layout.RoleListItem:        "LI",
	layout.RoleLabel:           "Lbl",
	layout.RoleListBody:        "LBody",
	layout.RoleQuote:           "BlockQuote",
	layout.RoleCode:            "Code",
	layout.RoleFigure:          "Figure",
	layout.RoleCaption:         "Caption",
	layout.RoleLink:            "Link",
	layout.RoleReference:       "Reference",
	layout.RoleNote:            "Note",
	layout.RoleContents:        "TOC",
	layout.RoleContentsEntry:   "TOCI",
	layout.RoleTable:           "Table",
	layout.RoleTableHead:       "THead",
	layout.RoleTableBody:       "TBody",
	layout.RoleTableRow:        "TR",
	layout.RoleTableHeaderCell: "TH",
	layout.RoleTableCell:       "TD",
}

// structType is the structure type of a tag: H1 to H6 for headings.
func structType(t layout.Tag) string {
	if int(t.Role) >= len(pdfRoles) || pdfRoles[t.Role] == "" {
		return "Span"
	}
	if t.Role == layout.RoleHeading {
		return "H" + strconv.Itoa(min(max(int(t.Level), 1), 6))
	}
	return pdfRoles[t.Role]
}

// structKid is one piece of an element's own content: a marked-content
// sequence (mcid ≥ 0) or a link annotation (annot ≥ 0) on a side.
type structKid struct {
	// key orders content in reading order: the page's index in the book,
	// then its place among the page's material.
	key         int64
	tag         int32
	side        int32
	mcid, annot int32
}

// structure records, while the sides are painted, where the content of
// each element of the tree went.
type structure struct {
	tags []layout.Tag
	// kids lists every element's content, in the order it was painted:
	// one list rather than one per element, since a long text has
	// millions of elements.
	kids []structKid
	// mcids lists, for each side, the element of each MCID; links the
	// element of each link annotation, in the order they were added.
	mcids [][]int32
	links [][]int32
	// urls holds each link annotation's target, its description.
	urls [][]string
	// bbox is the rectangle of each figure's picture, in PDF points on
	// its side (left, bottom, right, top).
	bbox map[int32][4]float64
}

func newStructure(tags []layout.Tag) *structure {
	return &structure{tags: tags, bbox: map[int32][4]float64{}}
}

// readingKey orders a page's material: body run i is 2i+1, a rule or a
// picture placed before run at is 2·at, link areas come last.
func readingKey(page, seq int) int64 { return int64(page)<<32 | int64(seq) }

// mark records that the next MCID on side belongs to tag and returns
// it.
func (st *structure) mark(side int, tag int32, key int64) int {
	for len(st.mcids) <= side {
		st.mcids = append(st.mcids, nil)
	}
	mcid := len(st.mcids[side])
	st.mcids[side] = append(st.mcids[side], tag)
	st.kids = append(st.kids, structKid{key: key, tag: tag, side: int32(side), mcid: int32(mcid), annot: -1})
	return mcid
}

// link records the next link annotation on side as tag's.
func (st *structure) link(side int, tag int32, url string, key int64) {
	for len(st.links) <= side {
		st.links = append(st.links, nil)
		st.urls = append(st.urls, nil)
	}
	st.urls[side] = append(st.urls[side], url)
	if tag > 0 && int(tag) < len(st.tags) {
		st.kids = append(st.kids, structKid{key: key, tag: tag, side: int32(side), mcid: -1, annot: int32(len(st.links[side]))})
	}
	st.links[side] = append(st.links[side], tag)
}

// valid reports whether t names an element of the tree that may hold
// content (the root holds only elements).
func (st *structure) valid(t int32) bool { return t > 0 && int(t) < len(st.tags) }

// structOut is what finish needs to write the tree: the objects of the
// pages and of their link annotations.
type structOut struct {
	pages  []pdfRef
	annots [][]pdfRef
}

// tree is the structure tree as written: each element's content and
// children, and the object of each element that has content. Lists are
// held as one array with each element's end in another (element i's
// part runs from the previous element's end), not a slice per element.
type tree struct {
	st *structure
	// own indexes st.kids, by element in the order painted; ownEnd[i]
	// ends element i's part.
	own, ownEnd []int32
	// children lists each element's children in the order they were
	// made; childEnd[i] ends element i's part.
	children, childEnd []int32
	// first is the reading key of each element's first content, its
	// subtree's included; -1 when it has none.
	first []int64
	// ref is the object of each element (0: left out, for having no
	// content); elems lists the elements written, in object order, from
	// object base.
	ref   []int32
	elems []int32
	base  int
	root  pdfRef
	attrs map[int32]pdfRef
	out   structOut
	// order is element's list of an element's kids, kept for the next
	// unless long.
	order []int32
}

// groupBy lists 0 to m-1 by group, each group's in order, leaving out
// those whose group is -1; ends[g] ends group g's part (see part).
func groupBy(n, m int, group func(j int) int32) (list, ends []int32) {
	ends = make([]int32, n)
	count := int32(0)
	for j := range m {
		if g := group(j); g >= 0 {
			ends[g]++
			count++
		}
	}
	// Each group's start, then each item at its group's next free slot,
	// after which ends[g] is where group g's part ends.
	start := int32(0)
	for g, c := range ends {
		ends[g], start = start, start+c
	}
	list = make([]int32, count)
	for j := range m {
		if g := group(j); g >= 0 {
			list[ends[g]] = int32(j)
			ends[g]++
		}
	}
	return list, ends
}

// part returns element i's part of a list whose parts end at ends.
func part(list, ends []int32, i int) []int32 {
	from := int32(0)
	if i > 0 {
		from = ends[i-1]
	}
	return list[from:ends[i]]
}

// objects adds the structure tree to f: the elements that have content,
// in reading order, the structure tree root and the parent tree. It
// returns the root's reference. Pages and annotations get their
// /StructParents and /StructParent keys. The elements are written only
// when the file is: a long text has millions.
func (st *structure) objects(f *pdfFile, out structOut) pdfRef {
	n := len(st.tags)
	t := &tree{st: st, out: out}
	// Each element's content, grouped by element in the order painted.
	t.own, t.ownEnd = groupBy(n, len(st.kids), func(j int) int32 { return st.kids[j].tag })
	t.first = make([]int64, n)
	for i := range t.first {
		t.first[i] = -1
		for _, j := range part(t.own, t.ownEnd, i) {
			if k := st.kids[j].key; t.first[i] < 0 || k < t.first[i] {
				t.first[i] = k
			}
		}
	}
	// Children come after their parents in the list, so one pass from
	// the end carries every subtree's first key up.
	child := func(i int) bool {
		p := st.tags[i].Parent
		return t.first[i] >= 0 && p >= 0 && int(p) < i
	}
	for i := n - 1; i > 0; i-- {
		if p := st.tags[i].Parent; child(i) && (t.first[p] < 0 || t.first[i] < t.first[p]) {
			t.first[p] = t.first[i]
		}
	}
	// An empty cell of a row that has content stays, after the cell
	// before it, so that every row keeps its columns.
	var prev int64 = -1
	for i := 1; i < n; i++ {
		tg := st.tags[i]
		if tg.Role != layout.RoleTableCell && tg.Role != layout.RoleTableHeaderCell {
			continue
		}
		if t.first[i] < 0 && t.first[tg.Parent] >= 0 {
			t.first[i] = max(prev, t.first[tg.Parent])
		}
		prev = t.first[i]
	}
	t.children, t.childEnd = groupBy(n, n, func(i int) int32 {
		if i == 0 || !child(i) {
			return -1
		}
		return st.tags[i].Parent
	})
	t.root = pdfRef(len(f.objs))
	treeRef := t.root + 1
	t.base = int(treeRef) + 1
	t.ref = make([]int32, n)
	for i := range n {
		if t.first[i] >= 0 {
			t.ref[i] = int32(t.base + len(t.elems))
			t.elems = append(t.elems, int32(i))
		}
	}
	// A figure's box is an attribute object of its own after the
	// elements.
	t.attrs = map[int32]pdfRef{}
	var boxed []int32
	next := t.base + len(t.elems)
	for i := range n {
		if _, ok := st.bbox[int32(i)]; ok && t.first[i] >= 0 {
			t.attrs[int32(i)] = pdfRef(next)
			boxed = append(boxed, int32(i))
			next++
		}
	}
	f.add(nil) // the structure tree root, set below
	f.add(nil) // the parent tree
	elem := &pdfObj{gen: func(num int, b []byte) []byte { return t.element(t.elems[num-t.base], b) }}
	for range t.elems {
		f.add(elem)
	}
	for _, i := range boxed {
		box := st.bbox[i]
		f.add(&pdfObj{raw: fmt.Appendf(nil, "<</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", box[0], box[1], box[2], box[3])})
	}
	// The parent tree: each page's MCIDs, then each annotation, written
	// as the file is (a reference for every MCID of a long text).
	for side, page := range out.pages {
		if side < len(st.mcids) && len(st.mcids[side]) > 0 {
			f.dict(page).set("StructParents", pdfToken(strconv.Itoa(side)))
		}
	}
	key := len(out.pages)
	for side, annots := range out.annots {
		for k, a := range annots {
			if st.linked(side, k) {
				f.dict(a).set("StructParent", pdfToken(strconv.Itoa(key)))
				key++
			}
		}
	}
	f.objs[treeRef] = &pdfObj{gen: func(_ int, b []byte) []byte { return t.parentTree(b) }}
	root := fmt.Appendf(nil, "<</Type /StructTreeRoot\n/K %d 0 R\n/ParentTree %d 0 R\n/ParentTreeNextKey %d>>", t.ref[0], treeRef, key)
	if t.ref[0] == 0 {
		root = fmt.Appendf(nil, "<</Type /StructTreeRoot\n/ParentTree %d 0 R\n/ParentTreeNextKey %d>>", treeRef, key)
	}
	f.objs[t.root] = &pdfObj{raw: root}
	return t.root
}

// linked reports whether link annotation k of side belongs to an
// element, and so has a place in the parent tree.
func (st *structure) linked(side, k int) bool {
	return side < len(st.links) && k < len(st.links[side]) && st.valid(st.links[side][k])
}

// parentTree appends the parent tree to b: the element of each MCID of
// each page, then of each annotation, numbered as objects numbered them.
func (t *tree) parentTree(b []byte) []byte {
	st := t.st
	b = append(b, "<</Nums ["...)
	for side := range t.out.pages {
		if side < len(st.mcids) && len(st.mcids[side]) > 0 {
			b = append(strconv.AppendInt(b, int64(side), 10), " ["...)
			for k, e := range st.mcids[side] {
				if k > 0 {
					b = append(b, ' ')
				}
				b = appendRef(b, pdfRef(t.ref[e]))
			}
			b = append(b, "]\n"...)
		}
	}
	key := len(t.out.pages)
	for side, annots := range t.out.annots {
		for k := range annots {
			if st.linked(side, k) {
				b = append(strconv.AppendInt(b, int64(key), 10), ' ')
				b = append(appendRef(b, pdfRef(t.ref[st.links[side][k]])), '\n')
				key++
			}
		}
	}
	return append(b, "]>>"...)
}

// appendRef writes a reference, or null for an element left out.
func appendRef(b []byte, r pdfRef) []byte {
	if r == 0 {
		return append(b, "null"...)
	}
	return appendValue(b, r)
}

// element appends structure element i to b: its type, parent, page,
// kids in reading order, and its text alternative, language and box.
func (t *tree) element(i int32, b []byte) []byte {
	st := t.st
	tg := st.tags[i]
	own, children := part(t.own, t.ownEnd, int(i)), part(t.children, t.childEnd, int(i))
	// The kids in reading order: own content k < len(own), then child
	// k-len(own), each numbered by an int32 and ordered by its key
	// (the document's root has an element for every paragraph).
	kid := func(k int32) (piece structKid, child int32) {
		if int(k) < len(own) {
			return st.kids[own[k]], -1
		}
		return structKid{}, children[int(k)-len(own)]
	}
	key := func(k int32) int64 {
		piece, child := kid(k)
		if child < 0 {
			return piece.key
		}
		return t.first[child]
	}
	order := t.order[:0]
	for k := range len(own) + len(children) {
		order = append(order, int32(k))
	}
	if cap(order) <= 1<<16 {
		t.order = order
	} else {
		t.order = nil // the root's, not kept for the next
	}
	byKey := func(a, b int32) int { return cmp.Compare(key(a), key(b)) }
	if !slices.IsSortedFunc(order, byKey) {
		slices.SortStableFunc(order, byKey)
	}
	parent := t.root
	if tg.Parent >= 0 {
		parent = pdfRef(t.ref[tg.Parent])
	}
	b = fmt.Appendf(b, "<</Type /StructElem\n/S /%s\n/P %d 0 R", structType(tg), parent)
	pg := int32(-1)
	for _, k := range order {
		if piece, child := kid(k); child < 0 {
			pg = piece.side
			break
		}
	}
	out := t.out
	if pg >= 0 {
		b = fmt.Appendf(b, "\n/Pg %d 0 R", out.pages[pg])
	}
	b = append(b, "\n/K ["...)
	for j, k := range order {
		if j > 0 {
			b = append(b, ' ')
		}
		piece, child := kid(k)
		switch {
		case child >= 0:
			b = appendRef(b, pdfRef(t.ref[child]))
		case piece.annot >= 0:
			b = fmt.Appendf(b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", out.annots[piece.side][piece.annot], out.pages[piece.side])
		case piece.side == pg:
			b = strconv.AppendInt(b, int64(piece.mcid), 10)
		default:
			b = fmt.Appendf(b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", out.pages[piece.side], piece.mcid)
		}
	}
	b = append(b, ']')
	if alt := tg.Alt(); alt != "" {
		b = append(append(b, "\n/Alt "...), textString(alt)...)
	}
	if lang := tg.Lang(); lang != "" {
		b = append(append(b, "\n/Lang "...), pdfString(lang)...)
	}
	if tg.Role == layout.RoleTableHeaderCell {
		b = append(b, "\n/A <</O /Table /Scope /Column>>"...)
	}
	if attr := t.attrs[i]; attr != 0 {
		b = fmt.Appendf(b, "\n/A %d 0 R", attr)
	}
	return append(b, ">>"...)
}

// textString writes s as a PDF text string: UTF-16BE with its byte
// order mark, in hexadecimal.
func textString(s string) []byte {
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}
