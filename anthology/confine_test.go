package anthology

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFolderConfinesItsArticles checks that a folder given on the command
// line keeps its articles inside it, as a manifest does: a symbolic link
// to an article outside is refused by name (and left out with SkipBad),
// while a link to an article inside reads.
func TestFolderConfinesItsArticles(t *testing.T) {
	dir := files(t, map[string]string{
		"essays/a.txt":       article("Alpha", "Ann Lee", "2020"),
		"outside/secret.txt": article("Secret", "Eve", "2000"),
	})
	essays := filepath.Join(dir, "essays")
	if err := os.Symlink(filepath.Join(dir, "outside", "secret.txt"), filepath.Join(essays, "b.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("a.txt", filepath.Join(essays, "c.txt")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		skipBad bool
		titles  string
		err     string
	}{
		{"refused", false, "", "read " + filepath.Join(essays, "b.txt") + ": leads out of the folder " + essays + " (through a symbolic link); keep the articles inside it"},
		{"left out with skip-bad", true, "[Alpha Alpha]", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := FromPaths([]string{essays})
			if err != nil {
				t.Fatal(err)
			}
			p.Title = "T"
			res, err := Load(p, Options{SkipBad: tc.skipBad})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(titles(res.Book)); got != tc.titles {
				t.Errorf("titles %v, want %s", titles(res.Book), tc.titles)
			}
		})
	}
}
