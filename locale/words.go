package locale

import (
	_ "embed"
	"fmt"
	"sort"

	"github.com/BurntSushi/toml"
)

//go:embed words.toml
var wordsTOML string

// table holds the words of every language pamphlet knows, by BCP 47
// primary subtag; all holds them in the order of their tags.
var table, all = load(wordsTOML)

// load reads the languages of words.toml. The file is part of the
// program, so a mistake in it is a bug that the tests catch: load panics.
func load(src string) (map[string]*Words, []*Words) {
	t := map[string]*Words{}
	if _, err := toml.Decode(src, &t); err != nil {
		panic(fmt.Sprintf("locale: words.toml: %v", err))
	}
	var ws []*Words
	for lang, w := range t {
		w.Lang = lang
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].Lang < ws[j].Lang })
	return t, ws
}
