package main

import "testing"

// TestGCPercentGivesHeadroomBetweenBounds checks the collector's setting
// past a pamphlet's heap: the heap may grow by what is live up to
// headroom, by headroom from there, and by half of what is live from
// twice headroom on, with no step between.
func TestGCPercentGivesHeadroomBetweenBounds(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{smallHeap + 1, 100},
		{headroom, 100},
		{headroom * 4 / 3, 75},
		{headroom * 2, 50},
		{headroom*2 - 1<<20, 50},
		{headroom * 10, 50},
	} {
		if got := gcPercent(tc.live); got != tc.want {
			t.Errorf("gcPercent(%d MB) = %d, want %d", tc.live>>20, got, tc.want)
		}
	}
	for n := uint64(smallHeap); n < 4*headroom; n += 1 << 20 {
		// The heap the collector lets grow to does not fall as more is
		// live (but for the rounding of a whole percentage).
		if a, b := n*uint64(100+gcPercent(n)), (n+1<<20)*uint64(100+gcPercent(n+1<<20)); b < a-a/100 {
			t.Fatalf("heap goal falls from %d MB to %d MB live", n>>20, (n+1<<20)>>20)
		}
	}
}
