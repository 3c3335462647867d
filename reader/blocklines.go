package reader

import (
	"slices"

	"pamphlet/model"
)

// blockLines records the input line each block starts on, so that the
// passes after a reader (typography) can say where they changed
// something.
//
// The plain-text reader places its blocks one after another, in the order
// those passes visit them: they are kept in a list searched onward from
// where the last search ended, which costs a long text 20 bytes a block
// where a map took about 50. Markdown and HTML place theirs in any order,
// and the first placement of a block stands: they keep a map.
type blockLines struct {
	m map[model.Block]int
	// blocks and lines are the blocks placed in order and their lines;
	// next is where the last search ended. scanned counts the entries
	// searches passed over: past a few times the list's length, lookups
	// are not in order and a map is built to answer them.
	blocks  []model.Block
	lines   []int32
	next    int
	scanned int
}

// add places b at line after the blocks placed before it.
func (bl *blockLines) add(b model.Block, line int) {
	bl.blocks = append(bl.blocks, b)
	bl.lines = append(bl.lines, int32(line))
}

// grow makes room for n more blocks to be added.
func (bl *blockLines) grow(n int) {
	bl.blocks = slices.Grow(bl.blocks, n)
	bl.lines = slices.Grow(bl.lines, n)
}

// place records the line of b unless b is placed already.
func (bl *blockLines) place(b model.Block, line int) {
	if bl.m == nil {
		bl.m = map[model.Block]int{}
	}
	if _, ok := bl.m[b]; !ok {
		bl.m[b] = line
	}
}

// lineOf gives the input line of b, 0 when unknown.
func (bl *blockLines) lineOf(b model.Block) int {
	if bl == nil {
		return 0
	}
	if bl.m != nil {
		return bl.m[b]
	}
	n := len(bl.blocks)
	line := 0
	k := 0
	for ; k < n; k++ {
		i := bl.next + k
		if i >= n {
			i -= n
		}
		if bl.blocks[i] == b {
			bl.next = i + 1
			line = int(bl.lines[i])
			break
		}
	}
	bl.scanned += k
	if bl.scanned > 4*n+1024 {
		// A block placed later wins, as it would in a map.
		bl.m = make(map[model.Block]int, n)
		for i, b := range bl.blocks {
			bl.m[b] = int(bl.lines[i])
		}
		bl.blocks, bl.lines = nil, nil
	}
	return line
}

// replace puts in the place of each block of splits the blocks it was
// split into, at its line.
func (bl *blockLines) replace(splits map[model.Block][]model.Block) {
	if bl.m != nil {
		for b, parts := range splits {
			for _, p := range parts {
				bl.m[p] = bl.m[b]
			}
		}
		return
	}
	blocks := make([]model.Block, 0, len(bl.blocks)+len(splits))
	lines := make([]int32, 0, cap(blocks))
	for i, b := range bl.blocks {
		parts, ok := splits[b]
		if !ok {
			parts = []model.Block{b}
		}
		for _, p := range parts {
			blocks = append(blocks, p)
			lines = append(lines, bl.lines[i])
		}
	}
	bl.blocks, bl.lines, bl.next = blocks, lines, 0
}
