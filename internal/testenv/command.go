package testenv

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Command returns the command line that runs the external tool name: its
// path, or java -jar and the path when the tool is a bare Java archive
// (Debian installs epubcheck's jar as /usr/bin/epubcheck, which runs only
// where the kernel is set up to start jars). Like Tool, it skips the test
// when the tool (or Java, for a jar) is missing, or fails under CI.
func Command(t testing.TB, name string) []string {
	t.Helper()
	p := Tool(t, name)
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		real = p
	}
	f, err := os.Open(real)
	if err != nil {
		return []string{p}
	}
	defer f.Close()
	magic := make([]byte, 4)
	if _, err := f.Read(magic); err != nil || !bytes.HasPrefix(magic, []byte("PK")) {
		return []string{p}
	}
	// Quick JVM start-up flags: the checks are short runs.
	return []string{Tool(t, "java"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", real}
}
