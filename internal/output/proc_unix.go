//go:build unix

package output

import (
	"errors"
	"syscall"
)

// processRuns reports whether a process with the ID runs: signal 0
// checks without sending anything, and "not permitted" means it runs
// under another user.
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
