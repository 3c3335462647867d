package model

import (
	"strings"
	"testing"
)

func TestMetadataOverridesTheInput(t *testing.T) {
	tests := []struct {
		name  string
		pairs []string
		want  string // the dump's metadata lines
	}{
		{"nothing said keeps the input", nil,
			"title: Nets\nauthors: Ann Lee\nbyline: written by Ann Lee\ndate: 2020-05-01\ndateline: May 1, 2020\nlang: en\n"},
		{"title and two authors", []string{"title=Mending Nets", "author=Bo Chan", "Author = Cy Dee"},
			"title: Mending Nets\nauthors: Bo Chan | Cy Dee\ndate: 2020-05-01\ndateline: May 1, 2020\nlang: en\n"},
		{"date replaces the printed dateline", []string{"date=2021"},
			"title: Nets\nauthors: Ann Lee\nbyline: written by Ann Lee\ndate: 2021\nlang: en\n"},
		{"publisher, rights and identifier", []string{"publisher=Harbour Press", "rights=CC BY 4.0", "identifier=urn:isbn:9780000000002", "lang=fr"},
			"title: Nets\nauthors: Ann Lee\nbyline: written by Ann Lee\ndate: 2020-05-01\ndateline: May 1, 2020\nlang: fr\npublisher: Harbour Press\nrights: CC BY 4.0\nidentifier: urn:isbn:9780000000002\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m Metadata
			for _, p := range tc.pairs {
				if err := m.Set(p); err != nil {
					t.Fatal(err)
				}
			}
			doc := &Document{Title: "Nets", Authors: []string{"Ann Lee"}, Byline: "written by Ann Lee",
				Date: Date{Year: 2020, Month: 5, Day: 1}, Dateline: "May 1, 2020", Lang: "en"}
			m.Apply(doc)
			got := dumpString(t, doc)
			got = got[:strings.Index(got, "---\n")]
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestMetadataRefusesBadPairs(t *testing.T) {
	for _, pair := range []string{"title", "=x", "colour=blue", "date=yesterday", "lang=english", "title="} {
		t.Run(pair, func(t *testing.T) {
			var m Metadata
			if err := m.Set(pair); err == nil {
				t.Errorf("Set(%q) accepted", pair)
			}
		})
	}
}
