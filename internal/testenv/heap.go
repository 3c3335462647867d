package testenv

import (
	"runtime/metrics"
	"time"
)

// heapObjects is the runtime metric of the bytes the heap's objects take,
// live and garbage not yet swept (runtime.MemStats.HeapAlloc), read
// without stopping the world.
const heapObjects = "/memory/classes/heap/objects:bytes"

// HeapObjects returns the bytes the heap's objects take now.
func HeapObjects() int64 {
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// HeapPeak runs f and returns the most bytes the heap's objects took
// while it ran, sampled every millisecond: for benchmarks that report
// what a task needs at its peak.
func HeapPeak(f func()) int64 {
	done, peak := make(chan struct{}), make(chan int64)
	go func() {
		var top int64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			top = max(top, HeapObjects())
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	return <-peak
}
