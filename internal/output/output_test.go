package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestBatchAllOrNothing writes two outputs over files of an earlier run:
// when either write fails, both files keep their old content and no
// temporary file is left; when both succeed, both are replaced.
func TestBatchAllOrNothing(t *testing.T) {
	fail := errors.New("disk full")
	content := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	// failing writes part of its output, then fails as a full disk does.
	failing := func(w io.Writer) error {
		io.WriteString(w, "half a file")
		return fail
	}
	tests := []struct {
		name        string
		first, next func(io.Writer) error
		want        [2]string
	}{
		{"both written", content("new a"), content("new b"), [2]string{"new a", "new b"}},
		{"second fails", content("new a"), failing, [2]string{"old a", "old b"}},
		{"first fails", failing, content("new b"), [2]string{"old a", "old b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := [2]string{filepath.Join(dir, "book.epub"), filepath.Join(dir, "book.pdf")}
			for i, p := range paths {
				if err := os.WriteFile(p, []byte("old "+string(rune('a'+i))), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run := func() (err error) {
				var b Batch
				defer b.Finish(&err)
				for i, write := range []func(io.Writer) error{tc.first, tc.next} {
					if err := b.Prepare(paths[i], write); err != nil {
						return err
					}
				}
				return nil
			}
			err := run()
			if ok := tc.want[0] != "old a"; ok != (err == nil) {
				t.Errorf("error %v", err)
			}
			for i, p := range paths {
				got, err := os.ReadFile(p)
				if err != nil || string(got) != tc.want[i] {
					t.Errorf("%s holds %q (%v), want %q", p, got, err, tc.want[i])
				}
			}
			ents, _ := os.ReadDir(dir)
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if !slices.Equal(names, []string{"book.epub", "book.pdf"}) {
				t.Errorf("folder holds %v", names)
			}
		})
	}
}
