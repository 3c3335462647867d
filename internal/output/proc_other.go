//go:build !unix

package output

// processRuns takes every process for running where there is no
// portable way to ask: stale temporary files are then left alone.
func processRuns(int) bool { return true }
