package parallel

import (
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n, workers int
	}{
		{"none", 0, 4},
		{"one", 1, 4},
		{"more jobs than workers", 100, 3},
		{"default workers", 17, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := make([]int, tc.n)
			var running, peak atomic.Int32
			done := 0
			Each(tc.n, tc.workers, func(i int) {
				r := running.Add(1)
				for {
					p := peak.Load()
					if r <= p || peak.CompareAndSwap(p, r) {
						break
					}
				}
				out[i] = i * i
				running.Add(-1)
			}, func() { done++ })
			for i, v := range out {
				if v != i*i {
					t.Fatalf("out[%d] = %d, want %d", i, v, i*i)
				}
			}
			if done != tc.n {
				t.Errorf("done called %d times, want %d", done, tc.n)
			}
			if tc.workers > 0 && int(peak.Load()) > tc.workers {
				t.Errorf("%d jobs ran at once, want at most %d", peak.Load(), tc.workers)
			}
		})
	}
}
