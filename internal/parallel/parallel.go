// Package parallel runs the same job over the indexes of a slice on a
// few goroutines, for the stages of a book that work article by article.
package parallel

import (
	"runtime"
	"sync"
)

// Each calls do(i) for every i in [0, n) on at most workers goroutines
// (GOMAXPROCS when workers <= 0). Callers keep results at their index, so
// the outcome does not depend on which goroutine ran which job. done, when
// not nil, is called once per finished job, always on the caller's
// goroutine, so it needs no locking.
func Each(n, workers int, do func(i int), done func()) {
	if n <= 0 {
		return
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	jobs := make(chan int)
	finished := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				do(i)
				finished <- struct{}{}
			}
		})
	}
	go func() {
		for i := range n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(finished)
	}()
	for range finished {
		if done != nil {
			done()
		}
	}
}
