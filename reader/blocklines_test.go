package reader

import (
	"testing"

	"pamphlet/model"
)

func TestBlockLinesFindsEveryBlockInAnyOrder(t *testing.T) {
	const n = 3000
	blocks := make([]model.Block, n)
	for i := range blocks {
		blocks[i] = &model.Paragraph{}
	}
	forward := make([]int, n)
	backward := make([]int, n)
	everyOther := make([]int, 0, n)
	for i := range n {
		forward[i] = i
		backward[i] = n - 1 - i
		if i%2 == 0 {
			everyOther = append(everyOther, i)
		}
	}
	for _, tc := range []struct {
		name    string
		order   []int // the indexes of blocks looked up, in turn
		wantMap bool  // whether the lookups fall back on a map
	}{
		{"in the order placed", forward, false},
		{"skipping blocks", everyOther, false},
		{"twice over, in order", append(forward, forward...), false},
		{"in reverse", backward, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bl blockLines
			for i, b := range blocks {
				bl.add(b, i+10)
			}
			for _, i := range tc.order {
				if got := bl.lineOf(blocks[i]); got != i+10 {
					t.Fatalf("lineOf(block %d) = %d, want %d", i, got, i+10)
				}
			}
			if got := bl.m != nil; got != tc.wantMap {
				t.Errorf("fell back on a map: %v, want %v", got, tc.wantMap)
			}
			if got := bl.lineOf(&model.Paragraph{}); got != 0 {
				t.Errorf("lineOf(a block never placed) = %d, want 0", got)
			}
		})
	}
}

func TestBlockLinesReplacePutsPartsAtTheirBlocksLine(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mapped bool // lookups already fell back on a map
	}{
		{"list", false},
		{"map", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b, c := &model.Paragraph{}, &model.Paragraph{}, &model.Paragraph{}
			b1, b2 := &model.Paragraph{}, &model.Paragraph{}
			var bl blockLines
			bl.add(a, 1)
			bl.add(b, 3)
			bl.add(c, 7)
			if tc.mapped {
				bl.m = map[model.Block]int{a: 1, b: 3, c: 7}
			}
			bl.replace(map[model.Block][]model.Block{b: {b1, b2}})
			for _, want := range []struct {
				b    model.Block
				line int
			}{{a, 1}, {b1, 3}, {b2, 3}, {c, 7}} {
				if got := bl.lineOf(want.b); got != want.line {
					t.Errorf("lineOf = %d, want %d", got, want.line)
				}
			}
		})
	}
}

func TestBlockLinesKeepsTheFirstPlacement(t *testing.T) {
	p := &model.Paragraph{}
	var bl blockLines
	bl.place(p, 4)
	bl.place(p, 9)
	if got := bl.lineOf(p); got != 4 {
		t.Errorf("lineOf = %d, want 4 (the first placement)", got)
	}
	var none *blockLines
	if got := none.lineOf(p); got != 0 {
		t.Errorf("lineOf on no lines = %d, want 0", got)
	}
}
