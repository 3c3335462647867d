//go:build !unix

package infile

// oNonblock is not needed where opening never waits for a writer.
const oNonblock = 0
