package layout

// The logical structure: layout records, as it sets each block, what the
// block is (a heading, a paragraph, a list item, a figure …) as a tree of
// Tags in Book.Tags, and marks every run, rule, picture and link area it
// places with the tag whose content it is. Material that is not content
// (running heads, folios, rules and ornaments, leader dots) has tag 0.
// The tree follows the document, not the pages: an exporter that writes
// a tagged PDF orders each element's content by where it stands in the
// pages' reading order (see Page.Body).

// Role is what a structure element is.
type Role uint8

// The roles. They follow the document model, one for each kind of block
// and the parts an exporter of accessible documents needs.
const (
	// RoleDocument is the root: an article, or a whole book.
	RoleDocument Role = iota
	// RoleChapter is a chapter of a book: the preface, the contents or
	// an article, with its own headings.
	RoleChapter
	// RoleHeading is a heading; Tag.Level says which (the title of the
	// document is 1).
	RoleHeading
	RoleParagraph
	RoleList
	RoleListItem
	// RoleLabel is a list item's number or bullet, or a note's number.
	RoleLabel
	// RoleListBody holds a list item's blocks.
	RoleListBody
	RoleQuote
	RoleCode
	// RoleFigure is a picture with its text alternative in Tag.Alt.
	RoleFigure
	RoleCaption
	// RoleLink is a link's text; its clickable areas carry its tag.
	RoleLink
	// RoleReference is a note marker in the text (a link's note number).
	RoleReference
	// RoleNote is one of the link notes listed after the text.
	RoleNote
	// RoleContents is a book's contents; RoleContentsEntry one entry.
	RoleContents
	RoleContentsEntry
	// RoleTable is a table: its caption, then its row groups, the
	// header's (RoleTableHead) and the body's (RoleTableBody), of rows
	// of cells, header cells naming their columns. A header repeated after a page
	// break carries no element.
	RoleTable
	RoleTableHead
	RoleTableBody
	RoleTableRow
	RoleTableHeaderCell
	RoleTableCell
)

// Tag is one element of the logical structure. A long text has an
// element a paragraph, held until its pages are painted, so a Tag takes
// 16 bytes: the texts few elements have (a figure's alternative, a
// language) are held apart, behind a pointer.
type Tag struct {
	Role Role
	// Level is a heading's level, 1 to 6, never more than one deeper
	// than the heading before it.
	Level uint8
	// Parent is the index in Book.Tags of the enclosing element; -1 for
	// the root, which is Book.Tags[0].
	Parent int32
	// text holds Alt and Lang; nil when both are "".
	text *tagText
}

// tagText is what an element has of Alt and Lang.
type tagText struct{ alt, lang string }

// Alt is a figure's text alternative ("" for none).
func (t Tag) Alt() string {
	if t.text == nil {
		return ""
	}
	return t.text.alt
}

// Lang is the element's language when it differs from the book's (a
// BCP 47 tag; "" for the same).
func (t Tag) Lang() string {
	if t.text == nil {
		return ""
	}
	return t.text.lang
}

// setAlt sets Alt, and setLang Lang. Copies of the tag made before
// keep what they had.
func (t *Tag) setAlt(alt string) {
	tt := t.texts()
	tt.alt = alt
	t.text = &tt
}

func (t *Tag) setLang(lang string) {
	tt := t.texts()
	tt.lang = lang
	t.text = &tt
}

func (t *Tag) texts() tagText {
	if t.text == nil {
		return tagText{}
	}
	return *t.text
}

// tag adds an element under parent and returns its index. While the
// title block is set (see setter.later), the index is -1 for its first
// element, -2 for the next, until pager.settle numbers them.
func (s *setter) tag(role Role, parent int32) int32 {
	if s.deferring {
		s.later = append(s.later, Tag{Role: role, Parent: parent})
		return -int32(len(s.later))
	}
	s.tags = append(s.tags, Tag{Role: role, Parent: parent})
	return int32(len(s.tags) - 1)
}

// tagAt returns element t, numbered or not yet (see tag).
func (s *setter) tagAt(t int32) *Tag {
	if t < 0 {
		return &s.later[-t-1]
	}
	return &s.tags[t]
}

// settle numbers the title block's elements after the body's, and moves
// the title block's material on its pages to those numbers; it passes
// the characters the title block lacked on to the shaper's warning,
// after the body's.
func (pg *pager) settle() {
	s := pg.s
	s.sh.settle()
	if len(s.later) == 0 {
		return
	}
	// later's -1 becomes the first index after the body's.
	base := int32(len(s.tags)) - 1
	num := func(t int32) int32 {
		if t < 0 {
			return base - t
		}
		return t
	}
	for _, t := range s.later {
		t.Parent = num(t.Parent)
		s.tags = append(s.tags, t)
	}
	s.later = nil
	for _, p := range pg.pages[:pg.st.titleEnd] {
		if p.packed != nil {
			// A page of a title block longer than a page, packed
			// since: whole again, for the final packing.
			p.Body, p.packed = p.packed.unpack(), nil
		}
		for k := range p.Body {
			p.Body[k].Tag = num(p.Body[k].Tag)
		}
		for k := range p.Rules {
			p.Rules[k].Tag = num(p.Rules[k].Tag)
		}
		for k := range p.Links {
			p.Links[k].Tag = num(p.Links[k].Tag)
		}
		for k := range p.Images {
			p.Images[k].Tag = num(p.Images[k].Tag)
		}
	}
}

// headingTag adds the element of a section heading of the document's
// level (1 for the top sections). Its level is its depth among the
// sections open, under the title: a document that starts its sections
// at level 2, or jumps from 1 to 3, skips no level in the tree.
func (s *setter) headingTag(level int, parent int32) int32 {
	for len(s.heads) > 0 && s.heads[len(s.heads)-1] >= level {
		s.heads = s.heads[:len(s.heads)-1]
	}
	s.heads = append(s.heads, level)
	t := s.tag(RoleHeading, parent)
	s.tagAt(t).Level = uint8(min(s.headBase+len(s.heads), 6))
	return t
}

// titleTag adds the element of the title block's title: a heading at
// the title's level.
func (s *setter) titleTag(parent int32) int32 {
	t := s.tag(RoleHeading, parent)
	s.tagAt(t).Level = uint8(s.titleLevel)
	return t
}

// pieceTag is the element a piece of a paragraph belongs to: the
// paragraph's, a link's inside it, or a note marker's.
func (s *setter) pieceTag(p *para, pc *piece) int32 {
	if pc.link == 0 || p.tag == 0 {
		return p.tag
	}
	if p.linkTags == nil {
		p.linkTags = make([]int32, len(p.links))
		p.refTags = make([]int32, len(p.links))
	}
	k := pc.link - 1
	if pc.raise != 0 {
		// A raised piece is a link's note marker.
		if p.refTags[k] == 0 {
			p.refTags[k] = s.tag(RoleReference, p.tag)
		}
		return p.refTags[k]
	}
	if p.linkTags[k] == 0 {
		p.linkTags[k] = s.tag(RoleLink, p.tag)
	}
	return p.linkTags[k]
}

// linkTag is the element of link k (1-based) of a paragraph.
func (s *setter) linkTag(p *para, k int32) int32 {
	return s.pieceTag(p, &piece{link: k})
}
