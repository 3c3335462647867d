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
	side        int
	mcid, annot int
}

// structure records, while the sides are painted, where the content of
// each element of the tree went.
type structure struct {
	tags []layout.Tag
	// own lists each element's content.
	own [][]structKid
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
	return &structure{tags: tags, own: make([][]structKid, len(tags)), bbox: map[int32][4]float64{}}
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
	st.own[tag] = append(st.own[tag], structKid{key: key, side: side, mcid: mcid, annot: -1})
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
		st.own[tag] = append(st.own[tag], structKid{key: key, side: side, mcid: -1, annot: len(st.links[side])})
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

// objects writes the structure tree into f: the elements that have
// content, in reading order, the structure tree root and the parent
// tree. It returns the root's reference. Pages and annotations get
// their /StructParents and /StructParent keys.
func (st *structure) objects(f *pdfFile, out structOut) pdfRef {
	n := len(st.tags)
	// first[i] is the reading key of element i's first content, its
	// subtree's included; -1 when it has none.
	first := make([]int64, n)
	children := make([][]int32, n)
	for i := range first {
		first[i] = -1
		for _, k := range st.own[i] {
			if first[i] < 0 || k.key < first[i] {
				first[i] = k.key
			}
		}
	}
	// Children come after their parents in the list, so one pass from
	// the end carries every subtree's first key up.
	for i := n - 1; i > 0; i-- {
		p := st.tags[i].Parent
		if first[i] < 0 || p < 0 || int(p) >= i {
			continue
		}
		children[p] = append(children[p], int32(i))
		if first[p] < 0 || first[i] < first[p] {
			first[p] = first[i]
		}
	}
	// An empty cell of a row that has content stays, after the cell
	// before it, so that every row keeps its columns.
	var prev int64 = -1
	for i := 1; i < n; i++ {
		t := st.tags[i]
		if t.Role != layout.RoleTableCell && t.Role != layout.RoleTableHeaderCell {
			continue
		}
		if first[i] < 0 && first[t.Parent] >= 0 {
			first[i] = max(prev, first[t.Parent])
			children[t.Parent] = append(children[t.Parent], int32(i))
		}
		prev = first[i]
	}
	for _, c := range children {
		slices.Sort(c) // in the order they were made, for equal keys
	}
	refs := make([]pdfRef, n)
	next := len(f.objs)
	rootRef := pdfRef(next)
	next++
	treeRef := pdfRef(next)
	next++
	for i := range refs {
		if first[i] >= 0 {
			refs[i] = pdfRef(next)
			next++
		}
	}
	// A figure's box is an attribute object of its own after the
	// elements.
	attrs := map[int32]pdfRef{}
	var boxed []int32
	for i := range n {
		if _, ok := st.bbox[int32(i)]; ok && first[i] >= 0 {
			attrs[int32(i)] = pdfRef(next)
			boxed = append(boxed, int32(i))
			next++
		}
	}
	f.add(nil) // the structure tree root, set below
	f.add(nil) // the parent tree
	for i := range n {
		if first[i] < 0 {
			continue
		}
		f.add(&pdfObj{raw: st.element(int32(i), refs, rootRef, first, children[i], attrs[int32(i)], out)})
	}
	for _, i := range boxed {
		box := st.bbox[i]
		f.add(&pdfObj{raw: fmt.Appendf(nil, "<</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", box[0], box[1], box[2], box[3])})
	}
	// The parent tree: each page's MCIDs, then each annotation.
	nums := []byte("<</Nums [")
	for side, page := range out.pages {
		if side < len(st.mcids) && len(st.mcids[side]) > 0 {
			nums = fmt.Appendf(nums, "%d [", side)
			for k, t := range st.mcids[side] {
				if k > 0 {
					nums = append(nums, ' ')
				}
				nums = appendRef(nums, refs[t])
			}
			nums = append(nums, "]\n"...)
			f.dict(page).set("StructParents", pdfToken(strconv.Itoa(side)))
		}
	}
	key := len(out.pages)
	for side, annots := range out.annots {
		for k, a := range annots {
			if side >= len(st.links) || k >= len(st.links[side]) || !st.valid(st.links[side][k]) {
				continue
			}
			f.dict(a).set("StructParent", pdfToken(strconv.Itoa(key)))
			nums = appendRef(fmt.Appendf(nums, "%d ", key), refs[st.links[side][k]])
			nums = append(nums, '\n')
			key++
		}
	}
	nums = append(nums, "]>>"...)
	f.objs[treeRef] = &pdfObj{raw: nums}
	root := fmt.Appendf(nil, "<</Type /StructTreeRoot\n/K %d 0 R\n/ParentTree %d 0 R\n/ParentTreeNextKey %d>>", refs[0], treeRef, key)
	if refs[0] == 0 {
		root = fmt.Appendf(nil, "<</Type /StructTreeRoot\n/ParentTree %d 0 R\n/ParentTreeNextKey %d>>", treeRef, key)
	}
	f.objs[rootRef] = &pdfObj{raw: root}
	return rootRef
}

// appendRef writes a reference, or null for an element left out.
func appendRef(b []byte, r pdfRef) []byte {
	if r == 0 {
		return append(b, "null"...)
	}
	return appendValue(b, r)
}

// element writes structure element i: its type, parent, page, kids in
// reading order, and its text alternative, language and box.
func (st *structure) element(i int32, refs []pdfRef, rootRef pdfRef, first []int64, children []int32, attr pdfRef, out structOut) []byte {
	t := st.tags[i]
	type kid struct {
		key   int64
		child int32 // -1: own content
		own   structKid
	}
	kids := make([]kid, 0, len(st.own[i])+len(children))
	for _, k := range st.own[i] {
		kids = append(kids, kid{key: k.key, child: -1, own: k})
	}
	for _, c := range children {
		kids = append(kids, kid{key: first[c], child: c})
	}
	slices.SortStableFunc(kids, func(a, b kid) int { return cmp.Compare(a.key, b.key) })
	parent := rootRef
	if t.Parent >= 0 {
		parent = refs[t.Parent]
	}
	b := fmt.Appendf(nil, "<</Type /StructElem\n/S /%s\n/P %d 0 R", structType(t), parent)
	pg := -1
	for _, k := range kids {
		if k.child < 0 {
			pg = k.own.side
			break
		}
	}
	if pg >= 0 {
		b = fmt.Appendf(b, "\n/Pg %d 0 R", out.pages[pg])
	}
	b = append(b, "\n/K ["...)
	for j, k := range kids {
		if j > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.child >= 0:
			b = appendRef(b, refs[k.child])
		case k.own.annot >= 0:
			b = fmt.Appendf(b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", out.annots[k.own.side][k.own.annot], out.pages[k.own.side])
		case k.own.side == pg:
			b = strconv.AppendInt(b, int64(k.own.mcid), 10)
		default:
			b = fmt.Appendf(b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", out.pages[k.own.side], k.own.mcid)
		}
	}
	b = append(b, ']')
	if alt := t.Alt(); alt != "" {
		b = append(append(b, "\n/Alt "...), textString(alt)...)
	}
	if lang := t.Lang(); lang != "" {
		b = append(append(b, "\n/Lang "...), pdfString(lang)...)
	}
	if t.Role == layout.RoleTableHeaderCell {
		b = append(b, "\n/A <</O /Table /Scope /Column>>"...)
	}
	if attr != 0 {
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
