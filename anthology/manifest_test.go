package anthology

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/model"
)

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want string // the plan, summarised; "" when an error is expected
		err  string // part of the error, "" when none is expected
	}{
		{"full", `
title = "Collected Essays"
subtitle = "2019–2021"
editors = ["Ann Lee", "Bo Chan"]
date = 2024-03-01
language = "fr"
description = "Essays."
cover = "art/cover.png"
preface = "preface.md"
order = "date"

[[article]]
path = "essays/first.md"
title = "A better title"
authors = ["Cy Day", " "]
date = "2020-05-01"

[[article]]
path = "second.txt"
date = 2019
`, `title="Collected Essays" subtitle="2019–2021" editors=[Ann Lee Bo Chan] date=2024-03-01 lang=fr cover=art/cover.png preface=preface.md order=date
essays/first.md title="A better title" authors=[Cy Day] date=2020-05-01
second.txt title="" authors=[] date=2019
`, ""},
		{"minimal", "[[article]]\npath = \"a.txt\"\n",
			"title=\"\" subtitle=\"\" editors=[] date= lang= cover= preface= order=given\na.txt title=\"\" authors=[] date=\n", ""},
		{"date as a string year", "date = \"1999\"\n[[article]]\npath = \"a.txt\"\n",
			"title=\"\" subtitle=\"\" editors=[] date=1999 lang= cover= preface= order=given\na.txt title=\"\" authors=[] date=\n", ""},
		{"escape with ..", "[[article]]\npath = \"../secret.txt\"\n", "", `article 1: path "../secret.txt" leaves the manifest's folder`},
		{"escape inside", "[[article]]\npath = \"a/../../b.txt\"\n", "", `leaves the manifest's folder`},
		{"absolute path", "[[article]]\npath = \"/etc/passwd\"\n", "", `leaves the manifest's folder`},
		{"cover escapes", "cover = \"../c.png\"\n[[article]]\npath = \"a.txt\"\n", "", `cover: path "../c.png" leaves`},
		{"preface escapes", "preface = \"/p.md\"\n[[article]]\npath = \"a.txt\"\n", "", `preface: path "/p.md" leaves`},
		{"no articles", "title = \"T\"\n", "", "no [[article]] entries"},
		{"article without path", "[[article]]\ntitle = \"T\"\n", "", "article 1: no path"},
		{"bad TOML", "title = \"T\"\n\n[[article]]\npath = \"a.txt\n", "", "manifest book.toml: line 4: strings cannot contain newlines"},
		{"bad TOML value", "title = T\n", "", "line 1:"},
		{"unknown key", "titel = \"T\"\n[[article]]\npath = \"a.txt\"\n", "", `unknown key "titel"`},
		{"unknown article key", "[[article]]\npath = \"a.txt\"\nauthor = \"X\"\n", "", `unknown key "article.author"`},
		{"bad order", "order = \"random\"\n[[article]]\npath = \"a.txt\"\n", "", `order "random": want given or date`},
		{"bad date", "date = \"2024-13-01\"\n[[article]]\npath = \"a.txt\"\n", "", "date: date 2024-13: month out of range"},
		{"bad article date", "[[article]]\npath = \"a.txt\"\ndate = \"soon\"\n", "", `article 1 (a.txt): date: date "soon"`},
		{"date of the wrong type", "[[article]]\npath = \"a.txt\"\ndate = true\n", "", "want a date"},
		{"bad language", "language = \"English!\"\n[[article]]\npath = \"a.txt\"\n", "", `language "English!"`},
		{"wrong type", "editors = \"Ann\"\n[[article]]\npath = \"a.txt\"\n", "", "manifest book.toml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseManifest([]byte(tt.toml), "book.toml")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				if !strings.HasPrefix(err.Error(), "manifest book.toml: ") {
					t.Errorf("error %q does not name the manifest", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(p); got != tt.want {
				t.Errorf("plan:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func summary(p *Plan) string {
	var b strings.Builder
	pre := ""
	if p.Preface != nil {
		pre = p.Preface.Path
	}
	fmt.Fprintf(&b, "title=%q subtitle=%q editors=%v date=%s lang=%s cover=%s preface=%s order=%s\n",
		p.Title, p.Subtitle, p.Editors, p.Date, p.Lang, p.Cover, pre, p.Order)
	for _, a := range p.Articles {
		fmt.Fprintf(&b, "%s title=%q authors=%v date=%s\n", a.Path, a.Title, a.Authors, a.Date)
	}
	return b.String()
}

func TestReadManifest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.toml")
	if err := os.WriteFile(path, []byte("title = \"T\"\n[[article]]\npath = \"a.txt\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Dir != dir || p.Name != path {
		t.Errorf("dir %q name %q, want %q and %q", p.Dir, p.Name, dir, path)
	}
	if _, err := ReadManifest(filepath.Join(dir, "none.toml")); err == nil || !strings.Contains(err.Error(), "none.toml: no such file") {
		t.Errorf("error %v, want no such file", err)
	}
}

func TestParseOrder(t *testing.T) {
	for in, want := range map[string]Order{"": OrderGiven, "given": OrderGiven, " Date ": OrderDate} {
		if got, err := ParseOrder(in); err != nil || got != want {
			t.Errorf("ParseOrder(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseOrder("name"); err == nil {
		t.Error("no error for an unknown order")
	}
}

func TestTOMLDate(t *testing.T) {
	if d, err := tomlDate(int64(1886)); err != nil || d != (model.Date{Year: 1886}) {
		t.Errorf("year: %v %v", d, err)
	}
}

// FuzzParseManifest feeds arbitrary bytes to the manifest parser: it
// must never panic, and a plan it returns has articles whose paths stay
// inside the manifest's folder.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte("title = \"T\"\n[[article]]\npath = \"a.txt\"\n"))
	f.Add([]byte("date = 2024-03-01\norder = \"date\"\n[[article]]\npath = \"a/b.md\"\ndate = 1999\nauthors = [\"X\"]\n"))
	f.Add([]byte("[[article]]\npath = \"../x\"\n"))
	f.Add([]byte("title = \n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseManifest(data, "book.toml")
		if err != nil {
			return
		}
		if len(p.Articles) == 0 {
			t.Fatal("a plan without articles")
		}
		for _, a := range p.Articles {
			if !filepath.IsLocal(filepath.FromSlash(a.Path)) {
				t.Fatalf("path %q leaves the folder", a.Path)
			}
		}
	})
}
