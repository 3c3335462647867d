package anthology

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/model"
)

// article returns a small plain-text article.
func article(title, author, date string) string {
	return fmt.Sprintf("%s\n\nBy %s\n\n%s\n\nThe first paragraph of %q has enough words to read as prose, not as a heading.\n\nA second paragraph closes it.\n",
		title, author, date, title)
}

// files writes name → content into a new folder and returns it.
func files(t *testing.T, m map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range m {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFromPaths(t *testing.T) {
	dir := files(t, map[string]string{
		"b.md": "x", "a.txt": "x", "c.HTML": "x", ".hidden.txt": "x", "notes.pdf": "x", "sub/d.txt": "x", "README.md": "x",
	})
	if err := os.Mkdir(filepath.Join(dir, "folder.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name  string
		paths []string
		want  []string
		err   string
	}{
		{"folder sorted, articles only", []string{dir}, []string{"a.txt", "b.md", "c.HTML"}, ""},
		{"files in the order given", []string{filepath.Join(dir, "b.md"), filepath.Join(dir, "a.txt")}, []string{"b.md", "a.txt"}, ""},
		{"file then folder", []string{filepath.Join(dir, "sub", "d.txt"), dir}, []string{"d.txt", "a.txt", "b.md", "c.HTML"}, ""},
		{"missing file kept for reading", []string{"nothere.txt"}, []string{"nothere.txt"}, ""},
		{"empty folder", []string{empty}, nil, "holds no article files"},
		{"empty folder among files", []string{filepath.Join(dir, "a.txt"), empty}, []string{"a.txt"}, ""},
		{"nothing", nil, nil, "no articles given"},
		{"stdin", []string{"-"}, nil, "a book is made of files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := FromPaths(tt.paths)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range p.Articles {
				got = append(got, filepath.Base(a.Path))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("articles %v, want %v", got, tt.want)
			}
		})
	}
}

// titles lists the titles of the book's articles.
func titles(b *model.Book) []string {
	var out []string
	for _, d := range b.Articles {
		out = append(out, d.Title)
	}
	return out
}

func TestLoadManifest(t *testing.T) {
	dir := files(t, map[string]string{
		"book.toml": `title = "Three Letters"
editors = ["Ann Lee"]
order = "date"
preface = "preface.md"

[[article]]
path = "late.txt"

[[article]]
path = "essays/early.txt"
title = "An Early Letter"
authors = ["Cy Day", "Di Eve"]

[[article]]
path = "undated.txt"

[[article]]
path = "middle.txt"
date = 2015-06-01
`,
		"preface.md":       "Why these letters: they answer each other across the years.\n",
		"late.txt":         article("The Late Letter", "Ann Lee", "March 3, 2020"),
		"essays/early.txt": article("First Letter", "Bo Chan", "May 1, 1999"),
		"undated.txt":      "The Undated Letter\n\nIt has no date at all, and no byline either, only these words of prose.\n",
		"middle.txt":       article("The Middle Letter", "Bo Chan", "April 1, 2001"),
	})
	p, err := ReadManifest(filepath.Join(dir, "book.toml"))
	if err != nil {
		t.Fatal(err)
	}
	progress := 0
	res, err := Load(p, Options{Progress: func() { progress++ }})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Book
	want := []string{"An Early Letter", "The Middle Letter", "The Late Letter", "The Undated Letter"}
	if fmt.Sprint(titles(b)) != fmt.Sprint(want) {
		t.Errorf("order %q, want %q", titles(b), want)
	}
	early := b.Articles[0]
	if fmt.Sprint(early.Authors) != "[Cy Day Di Eve]" || early.Byline != "" || early.Date != (model.Date{Year: 1999, Month: 5, Day: 1}) {
		t.Errorf("overrides not applied: authors %v byline %q date %v", early.Authors, early.Byline, early.Date)
	}
	if d := b.Articles[1]; d.Date != (model.Date{Year: 2015, Month: 6, Day: 1}) || d.Dateline != "" {
		t.Errorf("date override: %v, date line %q", d.Date, d.Dateline)
	}
	if d := b.Articles[2]; d.Dateline == "" {
		t.Errorf("the late letter lost its printed date line")
	}
	if b.Preface == nil || !strings.Contains(model.Plain(b.Preface.Blocks[0].(*model.Paragraph).Content), "answer each other") {
		t.Errorf("preface not read: %+v", b.Preface)
	}
	if b.Title != "Three Letters" || fmt.Sprint(b.Editors) != "[Ann Lee]" || b.Lang != "en" {
		t.Errorf("metadata: %q %v %q", b.Title, b.Editors, b.Lang)
	}
	wantFile := filepath.Join(dir, "essays", "early.txt")
	if res.Files[0] != wantFile {
		t.Errorf("file of article 1 is %q, want %q", res.Files[0], wantFile)
	}
	if progress != 5 {
		t.Errorf("progress heard of %d files, want 5", progress)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := files(t, map[string]string{
		"a.txt":              article("Alpha", "Ann Lee", "2020"),
		"b.txt":              article("Beta", "Bo Chan", "2021"),
		"empty.txt":          "  \n\n",
		"outside/secret.txt": article("Secret", "Eve", "2000"),
		"m/book.toml":        "title = \"T\"\n[[article]]\npath = \"link.txt\"\n[[article]]\npath = \"sub\"\n",
	})
	if err := os.Symlink(filepath.Join(dir, "outside", "secret.txt"), filepath.Join(dir, "m", "link.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "m", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	missing, empty := filepath.Join(dir, "missing.txt"), filepath.Join(dir, "empty.txt")
	tests := []struct {
		name    string
		paths   []string
		skipBad bool
		titles  []string // the book's, when it builds
		skipped []string
		err     string
	}{
		{"missing article stops", []string{a, missing, b}, false, nil, nil, "read " + missing + ": no such file (--skip-bad leaves it out)"},
		{"first bad named, others counted", []string{a, empty, missing}, false, nil, nil, "read " + empty + ": no text content"},
		{"and more", []string{a, empty, missing}, false, nil, nil, "(and 1 more articles that cannot be read"},
		{"skip bad", []string{a, missing, empty, b}, true, []string{"Alpha", "Beta"}, []string{missing, empty}, ""},
		{"all bad", []string{missing, empty}, true, nil, nil, "no article could be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := FromPaths(tt.paths)
			if err != nil {
				t.Fatal(err)
			}
			p.Title = "T"
			res, err := Load(p, Options{SkipBad: tt.skipBad})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(titles(res.Book)) != fmt.Sprint(tt.titles) {
				t.Errorf("titles %q, want %q", titles(res.Book), tt.titles)
			}
			var skipped []string
			for _, s := range res.Skipped {
				skipped = append(skipped, s.File)
			}
			if fmt.Sprint(skipped) != fmt.Sprint(tt.skipped) {
				t.Errorf("skipped %v, want %v", skipped, tt.skipped)
			}
		})
	}
	t.Run("manifest confines its paths", func(t *testing.T) {
		p, err := ReadManifest(filepath.Join(dir, "m", "book.toml"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Load(p, Options{SkipBad: true})
		if err == nil {
			t.Fatalf("read an article through a link out of the folder: %q", titles(res.Book))
		}
		_, err = Load(p, Options{})
		if err == nil || !strings.Contains(err.Error(), "link.txt: leads out of the manifest's folder") {
			t.Errorf("error %v, want one naming link.txt", err)
		}
		p.Articles = p.Articles[1:]
		if _, err := Load(p, Options{}); err == nil || !strings.Contains(err.Error(), "is a folder") {
			t.Errorf("error %v, want is a folder", err)
		}
	})
}

// TestLoadWarnings checks that warnings arrive in book order, whatever
// the workers, and that an article given twice is reported.
func TestLoadWarnings(t *testing.T) {
	m := map[string]string{}
	var paths []string
	dir := t.TempDir()
	for i := range 12 {
		name := fmt.Sprintf("%02d.txt", i)
		// A control character makes the reader warn.
		m[name] = article(fmt.Sprintf("Letter %d", i), "Ann Lee", "2020") + "Bell\x07 rings.\n"
		paths = append(paths, filepath.Join(dir, name))
	}
	for name, c := range m {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The fourth file again, under another spelling of its path.
	paths = append(paths, filepath.Join(dir, ".", "03.txt"))
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			p, err := FromPaths(paths)
			if err != nil {
				t.Fatal(err)
			}
			p.Title = "T"
			var got []string
			if _, err := Load(p, Options{Workers: workers, Warn: func(w Warning) { got = append(got, w.String()) }}); err != nil {
				t.Fatal(err)
			}
			if len(got) != 14 || !strings.Contains(got[0], "03.txt: given twice (articles 4 and 13)") {
				t.Fatalf("warnings:\n%s", strings.Join(got, "\n"))
			}
			for i, w := range got[1:13] {
				if !strings.Contains(w, fmt.Sprintf("%02d.txt: line", i)) || !strings.Contains(w, "control character") {
					t.Errorf("warning %d: %q", i+1, w)
				}
			}
		})
	}
}

// TestLoadWorkers checks that the book does not depend on how many
// articles are read at once.
func TestLoadWorkers(t *testing.T) {
	m := map[string]string{}
	for i := range 20 {
		m[fmt.Sprintf("%02d.txt", i)] = article(fmt.Sprintf("Letter %d", i), fmt.Sprintf("Writer %d", i%5), fmt.Sprintf("%d", 1990+i%7))
	}
	dir := files(t, m)
	dump := func(workers int) []byte {
		p, err := FromPaths([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		p.Title, p.Order = "T", OrderDate
		res, err := Load(p, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := model.DumpBook(&b, res.Book); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, res.Files)
		return b.Bytes()
	}
	one := dump(1)
	for _, w := range []int{2, 7} {
		if !bytes.Equal(dump(w), one) {
			t.Errorf("%d workers read another book than one", w)
		}
	}
}

// TestLoadImages checks that an article's pictures load from its own
// folder inside the manifest's.
func TestLoadImages(t *testing.T) {
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	dir := files(t, map[string]string{
		"book.toml":        "title = \"T\"\n[[article]]\npath = \"essays/a.md\"\n",
		"essays/a.md":      "# Pictures\n\nA paragraph of prose before the picture, long enough.\n\n![a grey square](pic.png)\n",
		"essays/pic.png":   pic.String(),
		"secret/other.png": pic.String(),
	})
	p, err := ReadManifest(filepath.Join(dir, "book.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Load(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	_ = model.Walk(res.Book.Articles[0].Blocks, func(n model.Node) error {
		if f, ok := n.(*model.Figure); ok && len(f.Data) > 0 {
			found = true
		}
		return nil
	})
	if !found {
		t.Error("the picture beside the article was not loaded")
	}
}

func TestCompareDates(t *testing.T) {
	d := func(y, m, dd int) model.Date { return model.Date{Year: y, Month: m, Day: dd} }
	tests := []struct {
		a, b model.Date
		want int // sign
	}{
		{d(2020, 1, 1), d(2020, 1, 2), -1},
		{d(2021, 0, 0), d(2020, 12, 31), 1},
		{d(2020, 0, 0), d(2020, 1, 1), -1},
		{model.Date{}, d(1, 1, 1), 1},
		{model.Date{}, model.Date{}, 0},
	}
	for _, tt := range tests {
		got := compareDates(tt.a, tt.b)
		if (got > 0) != (tt.want > 0) || (got < 0) != (tt.want < 0) {
			t.Errorf("compareDates(%v, %v) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}
