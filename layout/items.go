package layout

import "fmt"

// Kind says what an Item is.
type Kind uint8

// The item kinds of Knuth and Plass, plus TeX's kern.
const (
	// BoxItem is material of fixed width: a word, part of one, a marker.
	BoxItem Kind = iota
	// GlueItem is space that may stretch or shrink. A line may break at
	// glue that follows a box; the glue then vanishes.
	GlueItem
	// KernItem is fixed space (inside a word, around a marker). It is
	// never a breakpoint and vanishes at the start of a line.
	KernItem
	// PenaltyItem is a possible breakpoint with a cost: hyphenation points,
	// forced and forbidden breaks.
	PenaltyItem
)

// Penalty values with a meaning of their own, as in TeX.
const (
	// Infinity forbids a break: a penalty >= Infinity is never chosen.
	Infinity = 10000
	// Eject forces a break: a penalty <= -Infinity is always taken.
	Eject = -Infinity
)

// Flags qualify items.
type Flags uint8

const (
	// Flagged marks a penalty whose break leaves a hyphen at the line end
	// (pattern hyphens and explicit ones): two in a row cost
	// Params.DoubleHyphenDemerits.
	Flagged Flags = 1 << iota
	// Pattern marks a penalty found by hyphenation patterns; the first
	// pass ignores it, as TeX tries a paragraph without hyphenating first.
	Pattern
	// Fil marks glue with infinite stretch (TeX's fil order), such as the
	// glue that fills a paragraph's last line. Its Stretch is ignored.
	Fil
	// Ligature marks a kern that stands for a ligature a breakpoint
	// cuts (the "ffi" of "of-fice"): the kern's Ref draws the ligature
	// when the line does not break there, and the kern vanishes with a
	// break, like the discretionary of TeX. Its width is the ligature's
	// less that of the box after it.
	Ligature
	// AfterBreak marks the box after a ligature kern: the part of the
	// ligature after the break, shaped on its own ("fi"). It is drawn
	// only at the start of a line; inside one it is room the kern's
	// ligature fills.
	AfterBreak
)

// Item is one element of a paragraph's flat item list.
type Item struct {
	Kind  Kind
	Flags Flags
	// Width is the natural width: of the box or kern, of the glue, or for
	// a penalty the width of what appears at the line end if the line
	// breaks there (a hyphen).
	Width Sp
	// Stretch and Shrink say how far glue may grow or shrink. A line
	// never shrinks glue below Width-Shrink; stretching has no hard limit
	// but costs badness. On a box they are how far font expansion may
	// widen or narrow it (pdfTeX's hz): a hard limit both ways.
	Stretch, Shrink Sp
	// Penalty is the cost of breaking at a penalty item, in TeX's units:
	// [Eject, Infinity].
	Penalty int
	// Ref is the index of the box's content in the paragraph that built
	// the items (-1 when none); the breaker ignores it.
	Ref int32
}

// Box returns a box item of width w with content ref.
func Box(w Sp, ref int32) Item { return Item{Kind: BoxItem, Width: w, Ref: ref} }

// Glue returns a glue item.
func Glue(w, stretch, shrink Sp) Item {
	return Item{Kind: GlueItem, Width: w, Stretch: stretch, Shrink: shrink, Ref: -1}
}

// FilGlue returns glue of natural width w with infinite stretch.
func FilGlue(w Sp) Item { return Item{Kind: GlueItem, Flags: Fil, Width: w, Ref: -1} }

// Kern returns a kern item.
func Kern(w Sp) Item { return Item{Kind: KernItem, Width: w, Ref: -1} }

// Penalty returns a penalty item: p is its cost, w the width of the
// hyphen (or other material) shown at the line end when breaking there.
func Penalty(p int, w Sp, flags Flags) Item {
	return Item{Kind: PenaltyItem, Penalty: p, Width: w, Flags: flags, Ref: -1}
}

func (it Item) String() string {
	switch it.Kind {
	case BoxItem:
		return fmt.Sprintf("box(%v)", it.Width)
	case GlueItem:
		if it.Flags&Fil != 0 {
			return fmt.Sprintf("glue(%v fil)", it.Width)
		}
		return fmt.Sprintf("glue(%v+%v-%v)", it.Width, it.Stretch, it.Shrink)
	case KernItem:
		return fmt.Sprintf("kern(%v)", it.Width)
	case PenaltyItem:
		return fmt.Sprintf("penalty(%d,%v,%d)", it.Penalty, it.Width, it.Flags)
	default:
		return fmt.Sprintf("item(%d)", it.Kind)
	}
}
