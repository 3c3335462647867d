//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// isTerminal asks the device for its terminal settings, which only a
// terminal has.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	return err == nil
}
