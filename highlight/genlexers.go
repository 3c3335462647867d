//go:build ignore

// genlexers writes lexers.zip: chroma's lexer definitions, as chroma's
// own XML, with an index of the names, aliases and file extensions that
// find them. Run it through go generate after changing chroma's version.
//
// pamphlet does not import chroma's lexers package: its initialiser
// parses all of its definitions whenever the program starts, which costs
// more than the rest of the start together, even when no code is
// highlighted. The definitions here are read one by one, on first use.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// rewritten lists the lexers with a rule whose emitter chroma cannot
// write as XML (a Go function), and the token type the rule's whole
// match becomes instead. Go's raw strings: chroma lexes their content as
// template text, with a lexer built in Go; written out, a raw string is
// one string token.
var rewritten = map[string]chroma.TokenType{
	"Go": chroma.LiteralString,
}

type entry struct {
	file  string
	name  string
	xml   []byte
	using []string // names of the lexers it hands text to
}

func main() {
	var entries []entry
	for _, lx := range lexers.GlobalLexerRegistry.Lexers {
		cfg := lx.Config()
		if cfg.Name == "plaintext" {
			continue // highlights nothing
		}
		rl, ok := lx.(*chroma.RegexLexer)
		if !ok {
			log.Printf("skip %s: a %T, not a set of rules", cfg.Name, lx)
			continue
		}
		data, err := marshal(rl)
		if err != nil {
			typ, ok := rewritten[cfg.Name]
			if !ok {
				log.Printf("skip %s: %v", cfg.Name, err)
				continue
			}
			if data, err = rewrite(rl, typ); err != nil {
				log.Fatalf("rewrite %s: %v", cfg.Name, err)
			}
		}
		if _, err := chroma.NewXMLLexer(fstest.MapFS{"x.xml": {Data: data}}, "x.xml"); err != nil {
			log.Fatalf("%s does not read back: %v", cfg.Name, err)
		}
		entries = append(entries, entry{name: cfg.Name, xml: data, using: usedLexers(data)})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	taken := map[string]bool{}
	for i, e := range entries {
		// A file named after the lexer, for whoever looks inside.
		base := strings.Map(func(r rune) rune {
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '+' || r == '#' || r == '-' {
				return r
			}
			return '_'
		}, strings.ToLower(e.name))
		name := base
		for k := 2; taken[name]; k++ {
			name = base + "-" + strconv.Itoa(k)
		}
		taken[name] = true
		entries[i].file = name + ".xml"
	}

	var index bytes.Buffer
	byName := map[string]string{}
	type extLexer struct {
		file     string
		priority float32
	}
	exts := map[string]extLexer{}
	for _, e := range entries {
		lx := lexers.Get(e.name)
		cfg := lx.Config()
		for _, n := range append([]string{cfg.Name}, cfg.Aliases...) {
			fmt.Fprintf(&index, "name\t%s\t%s\n", n, e.file)
			byName[n], byName[strings.ToLower(n)] = e.file, e.file
		}
		for _, g := range cfg.Filenames {
			ext, ok := strings.CutPrefix(g, "*.")
			if !ok || strings.ContainsAny(ext, "*?[]\\") {
				continue
			}
			// Of two lexers claiming an extension, the one chroma
			// prefers.
			if old, ok := exts[ext]; !ok || cfg.Priority > old.priority {
				exts[ext] = extLexer{e.file, cfg.Priority}
			}
		}
	}
	for _, ext := range slices.Sorted(maps.Keys(exts)) {
		fmt.Fprintf(&index, "ext\t%s\t%s\n", ext, exts[ext].file)
	}
	for _, e := range entries {
		var files []string
		for _, u := range e.using {
			f, ok := byName[u]
			if !ok {
				f, ok = byName[strings.ToLower(u)] // chroma's Get ignores case
			}
			if !ok {
				log.Printf("%s hands text to %q, which is not here", e.name, u)
			}
			if ok && !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
		if len(files) > 0 {
			fmt.Fprintf(&index, "using\t%s\t%s\n", e.file, strings.Join(files, " "))
		}
	}

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	add := func(name string, data []byte) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			log.Fatal(err)
		}
	}
	add("index.tsv", index.Bytes())
	// chroma's licence travels with its definitions.
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		log.Fatalf("find chroma's module: %v", err)
	}
	licence, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "COPYING"))
	if err != nil {
		log.Fatal(err)
	}
	add("COPYING", licence)
	for _, e := range entries {
		add(e.file, e.xml)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("lexers.zip", out.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote lexers.zip: %d lexers, %d bytes", len(entries), out.Len())
}

// rewrite writes a lexer whose rules chroma cannot write as XML, each rule
// that fails replaced by one emitting typ.
func rewrite(rl *chroma.RegexLexer, typ chroma.TokenType) ([]byte, error) {
	rules, err := rl.Rules()
	if err != nil {
		return nil, err
	}
	fixed := chroma.Rules{}
	for state, rs := range rules {
		for _, r := range rs {
			one, err := chroma.NewLexer(&chroma.Config{Name: "one"}, func() chroma.Rules { return chroma.Rules{"root": {r}} })
			if err != nil {
				return nil, err
			}
			if _, err := marshal(one); err != nil {
				r.Type = typ
			}
			fixed[state] = append(fixed[state], r)
		}
	}
	cfg := *rl.Config()
	lx, err := chroma.NewLexer(&cfg, func() chroma.Rules { return fixed })
	if err != nil {
		return nil, err
	}
	return marshal(lx)
}

// marshal is chroma.Marshal with the states in a fixed order (chroma
// writes them in map order, so each run would write a different file).
func marshal(rl *chroma.RegexLexer) ([]byte, error) {
	type state struct {
		Name  string        `xml:"name,attr"`
		Rules []chroma.Rule `xml:"rule"`
	}
	type lexer struct {
		XMLName xml.Name      `xml:"lexer"`
		Config  chroma.Config `xml:"config"`
		States  []state       `xml:"rules>state"`
	}
	rules, err := rl.Rules()
	if err != nil {
		return nil, err
	}
	root := lexer{Config: *rl.Config()}
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		root.States = append(root.States, state{name, rules[name]})
	}
	data, err := xml.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return emptyElement.ReplaceAll(data, []byte("/>")), nil
}

// emptyElement is an element closed as soon as opened, which chroma.Marshal
// writes in the short form.
var emptyElement = regexp.MustCompile(`></[a-zA-Z]+>`)

var usingRE = regexp.MustCompile(`<using lexer="([^"]*)"`)

// usedLexers lists the lexers a definition hands text to by name.
func usedLexers(data []byte) []string {
	var names []string
	for _, m := range usingRE.FindAllSubmatch(data, -1) {
		var s string
		if err := xml.Unmarshal([]byte(`<s>`+string(m[1])+`</s>`), &s); err == nil && !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	return names
}
