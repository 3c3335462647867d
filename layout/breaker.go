package layout

import (
	"errors"
	"math"
)

// Params tunes the Knuth–Plass line breaker. The zero value is not useful;
// start from DefaultParams. Values are TeX's (plain TeX's where TeX has no
// built-in default) unless a comment says otherwise.
type Params struct {
	// Pretolerance is the badness limit of the first pass, which ignores
	// pattern hyphenation (TeX's \pretolerance, 100). Negative skips the
	// first pass.
	Pretolerance int
	// Tolerance is the badness limit of the second pass, with hyphenation
	// (TeX's \tolerance). Plain TeX uses 200; pamphlet's default is 1000
	// because its A5 measure is narrower than plain TeX's 6.5in, which
	// leaves fewer ways to break. Loose lines still cost their cubed
	// badness, so the pass spreads a hard paragraph's slack over several
	// lines, where the emergency pass, which sees every line as less
	// bad, would leave one very loose line.
	Tolerance int
	// LinePenalty is added to every line's badness before squaring
	// (\linepenalty, 10): it favours fewer lines.
	LinePenalty int
	// AdjDemerits are added when a line's fitness class differs by more
	// than one from the previous line's (\adjdemerits, 10000): a tight
	// line after a loose one.
	AdjDemerits int
	// DoubleHyphenDemerits are added when two consecutive lines end in a
	// hyphen (\doublehyphendemerits, 10000).
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the next-to-last line ends in a
	// hyphen (\finalhyphendemerits, 5000).
	FinalHyphenDemerits int
	// EmergencyStretch is extra stretch assumed on every line in a last
	// pass, run only when no breaks within Tolerance exist
	// (\emergencystretch; 0 skips the pass). Unlike TeX, that pass
	// accepts lines of any badness short of overfull, so a paragraph
	// always has a solution without overfull lines when each of its
	// boxes fits the measure. The lines are set with their real glue, so
	// they come out loose rather than overfull.
	EmergencyStretch Sp
	// RuntWidth and RuntDemerits implement the last-line rule, which TeX
	// lacks: a last line holding a single word narrower than RuntWidth
	// costs RuntDemerits more. 0 disables it.
	RuntWidth    Sp
	RuntDemerits int
	// MaxHyphens caps how many consecutive lines may end in a hyphen (a
	// hard limit, which TeX lacks; 0: no limit).
	MaxHyphens int
}

// DefaultParams returns the breaker settings pamphlet uses for body text
// set in font size em.
func DefaultParams(em Sp) Params {
	return Params{
		Pretolerance:         100,
		Tolerance:            1000,
		LinePenalty:          10,
		AdjDemerits:          10000,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		EmergencyStretch:     3 * em,
		RuntWidth:            5 * em,
		RuntDemerits:         50000,
		MaxHyphens:           2,
	}
}

// TeXParams returns plain TeX's settings (no emergency stretch, no runt
// rule), for checking the breaker against TeX itself.
func TeXParams() Params {
	return Params{
		Pretolerance: 100, Tolerance: 200, LinePenalty: 10,
		AdjDemerits: 10000, DoubleHyphenDemerits: 10000, FinalHyphenDemerits: 5000,
	}
}

// Line is one line chosen by a breaker: items[Start:End] set to Width.
// The item at End is the breakpoint: glue there vanishes; a penalty there
// shows its material (a hyphen) at the line end. The last line ends at
// len(items) when the items do not end with a forced break.
type Line struct {
	Start, End int
	// Width is the measure the line is set to.
	Width Sp
	// Natural is the line's width with glue at its natural size,
	// including the penalty material at End; Stretch, Shrink and Fil
	// (a count of fil glues) are the line's totals.
	Natural, Stretch, Shrink Sp
	Fil                      int
	// Hyphen reports a break at a flagged penalty (the line ends in a
	// hyphen).
	Hyphen bool
}

// Ratio returns the adjustment ratio: >0 stretched, <0 shrunk, relative to
// the available stretch or shrink; 0 for lines filled by fil glue. It is
// for tests and reports; setting uses integer arithmetic.
func (l Line) Ratio() float64 {
	d := l.Width - l.Natural
	switch {
	case d > 0 && l.Fil > 0:
		return 0
	case d > 0 && l.Stretch > 0:
		return float64(d) / float64(l.Stretch)
	case d > 0:
		return math.Inf(1)
	case d < 0 && l.Shrink > 0:
		return float64(d) / float64(l.Shrink)
	case d < 0:
		return math.Inf(-1)
	}
	return 0
}

// Overfull reports whether the line is wider than its measure even with
// all glue shrunk.
func (l Line) Overfull() bool { return l.Natural-l.Shrink > l.Width }

// ErrNoItems is returned for an empty item list.
var ErrNoItems = errors.New("layout: no items to break")

// Break chooses line breaks for items by the Knuth–Plass total-fit method:
// of all ways to break, it takes the one with the least total demerits,
// trying up to three passes like TeX (no hyphenation within
// Pretolerance; hyphenation within Tolerance; the same with
// EmergencyStretch). widths[i] is the measure of line i; the last entry
// applies to all later lines. The items should end with a forced break
// (Eject penalty), normally after a fil glue. The result always covers
// every item; a line is overfull only when some box is wider than the
// measure, which callers avoid by splitting such boxes.
func Break(items []Item, widths []Sp, p Params) ([]Line, error) {
	if len(items) == 0 {
		return nil, ErrNoItems
	}
	if len(widths) == 0 {
		return nil, errors.New("layout: no line width")
	}
	b := newBreaker(items, widths, p)
	if p.Pretolerance >= 0 {
		// The first pass may only give up hyphenation for free: when its
		// best ends in a runt, the second pass, which can hyphenate,
		// decides.
		if lines := b.run(p.Pretolerance, false, 0, false); lines != nil && !b.runt(lines) {
			return lines, nil
		}
	}
	last := p.EmergencyStretch <= 0
	if lines := b.run(p.Tolerance, true, 0, last); lines != nil {
		return lines, nil
	}
	if !last {
		// The last pass accepts any line that is not overfull: a line
		// can always be stretched, never shrunk past its limit, and the
		// emergency stretch keeps very loose lines apart in badness.
		if lines := b.run(infBad, true, p.EmergencyStretch, true); lines != nil {
			return lines, nil
		}
	}
	// The final pass always finds breaks (artificial demerits), so this
	// is unreachable for well-formed items.
	return nil, errors.New("layout: line breaking found no breaks")
}

// hyphenLimitDemerits is the cost, in the final pass, of a line ending in
// a hyphen beyond MaxHyphens: more than any line short of overfull (an
// infinitely bad line costs about 10^8), so the limit gives way only
// where every other break would leave a line overfull.
const hyphenLimitDemerits = 1_000_000_000

// Fitness classes, as in TeX.
const (
	veryLooseFit = iota
	looseFit
	decentFit
	tightFit
)

const (
	infBad      = 10000
	awfulBad    = math.MaxInt64 / 4
	numFitClass = 4
)

// badness is TeX's approximation of 100*(t/s)^3 (tex.web §108), capped at
// infBad.
func badness(t, s Sp) int {
	if t == 0 {
		return 0
	}
	if s <= 0 {
		return infBad
	}
	var r Sp
	switch {
	case t <= 7230584:
		r = t * 297 / s
	case s >= 1663497:
		r = t / (s / 297)
	default:
		r = t
	}
	if r > 1290 {
		return infBad
	}
	return int((r*r*r + 0x20000) / 0x40000)
}

type breaker struct {
	items  []Item
	widths []Sp
	p      Params
	// Prefix sums over items[:i]: width, stretch, shrink, fil count and
	// glue count (the glue count finds single-word last lines).
	w, y, z []Sp
	fil     []int32
	glues   []int32
	// start[i] is the first item of a line after a break at i: the next
	// box, or the end.
	next []int32
}

func newBreaker(items []Item, widths []Sp, p Params) *breaker {
	n := len(items)
	b := &breaker{items: items, widths: widths, p: p,
		w: make([]Sp, n+1), y: make([]Sp, n+1), z: make([]Sp, n+1),
		fil: make([]int32, n+1), glues: make([]int32, n+1), next: make([]int32, n+1)}
	for i, it := range items {
		b.w[i+1], b.y[i+1], b.z[i+1], b.fil[i+1], b.glues[i+1] = b.w[i], b.y[i], b.z[i], b.fil[i], b.glues[i]
		switch it.Kind {
		case BoxItem:
			b.w[i+1] += it.Width
			b.y[i+1] += it.Stretch
			b.z[i+1] += it.Shrink
		case KernItem:
			b.w[i+1] += it.Width
		case GlueItem:
			b.w[i+1] += it.Width
			if it.Flags&Fil != 0 {
				b.fil[i+1]++
			} else {
				b.y[i+1] += it.Stretch
				b.z[i+1] += it.Shrink
				b.glues[i+1]++
			}
		}
	}
	nextBox := int32(n)
	b.next[n] = int32(n)
	for i := n - 1; i >= 0; i-- {
		b.next[i] = nextBox
		if items[i].Kind == BoxItem {
			nextBox = int32(i)
		}
	}
	return b
}

// lineStart is where a line begins after a break at pos (-1: the
// paragraph start, where nothing is discarded).
func (b *breaker) lineStart(pos int) int {
	if pos < 0 {
		return 0
	}
	return int(b.next[pos])
}

func (b *breaker) width(line int) Sp {
	if line < len(b.widths) {
		return b.widths[line]
	}
	return b.widths[len(b.widths)-1]
}

// measure fills in a Line from a break at from to a break at to.
func (b *breaker) measure(from, to int, line int) Line {
	s := b.lineStart(from)
	end := to
	if s > end {
		s = end
	}
	l := Line{Start: s, End: to, Width: b.width(line)}
	l.Natural = b.w[end] - b.w[s]
	l.Stretch = b.y[end] - b.y[s]
	l.Shrink = b.z[end] - b.z[s]
	l.Fil = int(b.fil[end] - b.fil[s])
	if to < len(b.items) && b.items[to].Kind == PenaltyItem {
		l.Natural += b.items[to].Width
		l.Hyphen = b.items[to].Flags&Flagged != 0
	}
	return l
}

type activeNode struct {
	pos     int
	line    int
	fitness int
	// hyphens counts the consecutive lines ending in a hyphen up to this
	// break (0: the line before it does not).
	hyphens int
	total   int64
	passive int32
}

type passiveNode struct {
	pos  int
	prev int32
}

// run is one pass of the algorithm. It returns nil when the pass finds no
// feasible breaks (never in the final pass).
func (b *breaker) run(threshold int, hyphenate bool, background Sp, final bool) []Line {
	p := b.p
	passive := []passiveNode{{pos: -1, prev: -1}}
	active := []activeNode{{pos: -1, line: 0, fitness: decentFit, passive: 0}}
	// Candidates compete per fitness class and, with a hyphen limit, per
	// length of the run of hyphenated lines they end.
	runs := 1
	if p.MaxHyphens > 0 {
		runs = p.MaxHyphens + 1
	}
	classes := numFitClass * runs
	// easyLine: lines from here on all have the last width, so active
	// nodes beyond it compete in one group.
	easyLine := len(b.widths) - 1
	type cand struct {
		demerits int64
		passive  int32
		line     int
		hyphens  int
		ok       bool
	}
	var best [][]cand
	var bestMin []int64
	n := len(b.items)
	for i := 0; i <= n; i++ {
		var pi int
		var hyphen bool
		if i == n {
			// An implicit forced break ends the paragraph, unless the
			// items already ended with one.
			if n > 0 && b.items[n-1].Kind == PenaltyItem && b.items[n-1].Penalty <= Eject {
				break
			}
			pi = Eject
		} else {
			it := b.items[i]
			switch it.Kind {
			case GlueItem:
				if i == 0 || b.items[i-1].Kind != BoxItem {
					continue
				}
			case PenaltyItem:
				if it.Penalty >= Infinity || (!hyphenate && it.Flags&Pattern != 0) {
					continue
				}
				pi = it.Penalty
				if pi < Eject {
					pi = Eject
				}
				hyphen = it.Flags&Flagged != 0
			default:
				continue
			}
		}
		atEnd := i == n || (pi == Eject && i == n-1)
		groups := easyLine + 1
		for len(best) < groups {
			best = append(best, make([]cand, classes))
			bestMin = append(bestMin, 0)
		}
		best = best[:groups]
		bestMin = bestMin[:groups]
		for g := range best {
			clear(best[g])
			bestMin[g] = awfulBad
		}
		found := false
		kept := active[:0]
		for ai := range active {
			a := active[ai]
			hyphens := 0
			if hyphen {
				hyphens = a.hyphens + 1
			}
			l := b.measure(a.pos, i, a.line)
			l.Stretch += background
			short := l.Width - l.Natural
			overHyphens := p.MaxHyphens > 0 && hyphens > p.MaxHyphens
			if overHyphens && !final && -short <= l.Shrink {
				// One more hyphenated line is not allowed from this node,
				// but a later break may be. (The final pass allows it at
				// a cost: in a stretch whose every break is a hyphen, such
				// as a long hyphenated compound without spaces, the line
				// would otherwise run on past the measure to the next
				// unflagged break.) A node whose line is already
				// overfull goes on below, where it is deactivated (or, as
				// a last resort, breaks here): keeping it would keep every
				// such node to the paragraph's end, and the pass would
				// grow quadratic on a long word broken at characters.
				kept = append(kept, a)
				continue
			}
			var bad, fit int
			switch {
			case short > 0 && l.Fil > 0:
				bad, fit = 0, decentFit
			case short > 0:
				if short > 7230584 && l.Stretch < 1663497 {
					bad, fit = infBad, veryLooseFit
				} else {
					bad = badness(short, l.Stretch)
					switch {
					case bad > 99:
						fit = veryLooseFit
					case bad > 12:
						fit = looseFit
					default:
						fit = decentFit
					}
				}
			default:
				if -short > l.Shrink {
					bad = infBad + 1
				} else {
					bad = badness(-short, l.Shrink)
				}
				if bad > 12 {
					fit = tightFit
				} else {
					fit = decentFit
				}
			}
			artificial := false
			stays := true
			if bad > infBad || pi == Eject {
				// TeX §854: in the final pass, when this is the last
				// active node and nothing better exists, take the break
				// anyway rather than fail.
				if final && !found && len(kept) == 0 && ai == len(active)-1 && bestAll(bestMin) == awfulBad {
					artificial = true
				} else if bad > threshold {
					continue // deactivate
				}
				stays = false
			} else if bad > threshold {
				kept = append(kept, a)
				continue
			}
			var d int64
			if !artificial {
				d = int64(p.LinePenalty + bad)
				if d >= 10000 || d <= -10000 {
					d = 100000000
				} else {
					d *= d
				}
				switch {
				case pi > 0:
					d += int64(pi) * int64(pi)
				case pi > Eject:
					d -= int64(pi) * int64(pi)
				}
				if a.hyphens > 0 {
					if hyphen {
						d += int64(p.DoubleHyphenDemerits)
					} else if atEnd {
						d += int64(p.FinalHyphenDemerits)
					}
				}
				if fit-a.fitness > 1 || a.fitness-fit > 1 {
					d += int64(p.AdjDemerits)
				}
				if overHyphens {
					d += hyphenLimitDemerits
				}
				if atEnd && a.pos >= 0 && b.runt([]Line{{}, l}) {
					d += int64(p.RuntDemerits)
				}
			}
			d += a.total
			g := min(a.line, easyLine)
			class := fit*runs + min(hyphens, runs-1)
			if c := &best[g][class]; !c.ok || d <= c.demerits {
				*c = cand{demerits: d, passive: a.passive, line: a.line, hyphens: hyphens, ok: true}
			}
			if d < bestMin[g] {
				bestMin[g] = d
			}
			found = true
			if stays {
				kept = append(kept, a)
			}
		}
		active = kept
		if found {
			for g := range best {
				for class, c := range best[g] {
					if !c.ok || c.demerits > bestMin[g]+int64(p.AdjDemerits) {
						continue
					}
					passive = append(passive, passiveNode{pos: i, prev: c.passive})
					active = append(active, activeNode{pos: i, line: c.line + 1, fitness: class / runs,
						hyphens: c.hyphens, total: c.demerits, passive: int32(len(passive) - 1)})
				}
			}
		}
		if len(active) == 0 {
			return nil
		}
	}
	// Every surviving node sits at the final break; take the cheapest.
	bestNode := -1
	for k, a := range active {
		if !b.isEnd(a.pos) {
			continue
		}
		if bestNode < 0 || a.total < active[bestNode].total {
			bestNode = k
		}
	}
	if bestNode < 0 {
		return nil
	}
	var posList []int
	for pn := active[bestNode].passive; pn > 0; pn = passive[pn].prev {
		posList = append(posList, passive[pn].pos)
	}
	lines := make([]Line, len(posList))
	from := -1
	for k := range posList {
		to := posList[len(posList)-1-k]
		lines[k] = b.measure(from, to, k)
		from = to
	}
	return lines
}

// runt reports whether the last line is a single word narrower than
// RuntWidth.
func (b *breaker) runt(lines []Line) bool {
	if b.p.RuntWidth <= 0 || len(lines) < 2 {
		return false
	}
	l := lines[len(lines)-1]
	return l.Natural < b.p.RuntWidth && b.glues[min(l.End, len(b.items))]-b.glues[l.Start] == 0
}

// isEnd reports whether pos is the paragraph's final break.
func (b *breaker) isEnd(pos int) bool {
	n := len(b.items)
	return pos == n || (pos == n-1 && b.items[n-1].Kind == PenaltyItem && b.items[n-1].Penalty <= Eject)
}

func bestAll(v []int64) int64 {
	m := int64(awfulBad)
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

// BreakGreedy breaks items first-fit, one line at a time: each line takes
// as much as fits with its glue shrunk at most fully, as word processors
// do. It is kept only as the baseline that tests compare Break against.
func BreakGreedy(items []Item, widths []Sp) ([]Line, error) {
	if len(items) == 0 {
		return nil, ErrNoItems
	}
	if len(widths) == 0 {
		return nil, errors.New("layout: no line width")
	}
	b := newBreaker(items, widths, Params{})
	var lines []Line
	from, lastFit := -1, -1
	n := len(b.items)
	for i := 0; i <= n; i++ {
		forced := i == n
		if i < n {
			it := b.items[i]
			switch {
			case it.Kind == GlueItem && i > 0 && b.items[i-1].Kind == BoxItem:
			case it.Kind == PenaltyItem && it.Penalty < Infinity:
				forced = it.Penalty <= Eject
			default:
				continue
			}
		} else if b.isEnd(n - 1) {
			break
		}
		l := b.measure(from, i, len(lines))
		if l.Natural-l.Shrink > l.Width && lastFit > from {
			lines = append(lines, b.measure(from, lastFit, len(lines)))
			from = lastFit
			l = b.measure(from, i, len(lines))
		}
		lastFit = i
		if forced {
			lines = append(lines, l)
			from = i
		}
	}
	return lines, nil
}
