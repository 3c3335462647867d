package anthology

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"pamphlet/model"
)

// manifest is the TOML form of a plan:
//
//	title = "Collected Essays"
//	subtitle = "2019–2021"
//	editors = ["Ann Lee"]
//	date = 2024-03-01        # or "2024-03-01", or 2024
//	language = "en"
//	description = "…"
//	cover = "cover.png"
//	preface = "preface.md"
//	order = "given"          # or "date"
//
//	[[article]]
//	path = "essays/first.md"
//	title = "A better title"  # optional overrides
//	authors = ["Bo Chan"]
//	date = 2020-05-01
type manifest struct {
	Title       string            `toml:"title"`
	Subtitle    string            `toml:"subtitle"`
	Editors     []string          `toml:"editors"`
	Date        any               `toml:"date"`
	Language    string            `toml:"language"`
	Description string            `toml:"description"`
	Publisher   string            `toml:"publisher"`
	Rights      string            `toml:"rights"`
	Identifier  string            `toml:"identifier"`
	Cover       string            `toml:"cover"`
	Preface     string            `toml:"preface"`
	Order       string            `toml:"order"`
	Article     []manifestArticle `toml:"article"`
}

type manifestArticle struct {
	Path    string   `toml:"path"`
	Title   string   `toml:"title"`
	Authors []string `toml:"authors"`
	Date    any      `toml:"date"`
}

// maxManifest caps the size of a manifest (bytes).
const maxManifest = 4 << 20

// ReadManifest reads the TOML manifest at path and returns its plan, the
// paths in it relative to the manifest's folder.
func ReadManifest(path string) (*Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("manifest %s: no such file", path)
		}
		return nil, fmt.Errorf("manifest %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	data, err := readLimited(f, maxManifest)
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	p, err := ParseManifest(data, path)
	if err != nil {
		return nil, err
	}
	p.Dir = filepath.Dir(path)
	return p, nil
}

// ParseManifest reads a TOML manifest; name is its path, for messages
// (the plan's Dir is left for the caller). It checks what can be checked
// without the files: known keys only, dates, the order, at least one
// article, and paths that stay inside the manifest's folder.
func ParseManifest(data []byte, name string) (*Plan, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("manifest %s: %s", name, fmt.Sprintf(format, args...))
	}
	var m manifest
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.Usage != "" {
				msg += " (" + strings.TrimSpace(strings.SplitN(pe.Usage, "\n", 2)[0]) + ")"
			}
			return nil, fail("line %d: %s", pe.Position.Line, msg)
		}
		return nil, fail("%v", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var keys []string
		for _, k := range und {
			keys = append(keys, fmt.Sprintf("%q", k.String()))
		}
		return nil, fail("unknown key %s (known: title, subtitle, editors, date, language, description, publisher, rights, identifier, cover, preface, order, and in [[article]]: path, title, authors, date)",
			strings.Join(keys, ", "))
	}
	p := &Plan{Title: m.Title, Subtitle: m.Subtitle, Editors: m.Editors, Lang: m.Language,
		Description: m.Description, Publisher: m.Publisher, Rights: m.Rights, Identifier: m.Identifier, Name: name}
	if p.Date, err = tomlDate(m.Date); err != nil {
		return nil, fail("date: %v", err)
	}
	if p.Order, err = ParseOrder(m.Order); err != nil {
		return nil, fail("%v", err)
	}
	if m.Language != "" && model.Validate(&model.Document{Lang: strings.ToLower(m.Language)}) != nil {
		return nil, fail("language %q: want a language tag such as en, fr or pt-br", m.Language)
	}
	if m.Cover != "" {
		if err := checkLocal(m.Cover); err != nil {
			return nil, fail("cover: %v", err)
		}
		p.Cover = m.Cover
	}
	if m.Preface != "" {
		if err := checkLocal(m.Preface); err != nil {
			return nil, fail("preface: %v", err)
		}
		p.Preface = &Source{Path: m.Preface}
	}
	if len(m.Article) == 0 {
		return nil, fail("no [[article]] entries; add one per article, each with a path")
	}
	for i, a := range m.Article {
		at := fmt.Sprintf("article %d", i+1)
		if strings.TrimSpace(a.Path) == "" {
			return nil, fail("%s: no path", at)
		}
		if err := checkLocal(a.Path); err != nil {
			return nil, fail("%s: %v", at, err)
		}
		d, err := tomlDate(a.Date)
		if err != nil {
			return nil, fail("%s (%s): date: %v", at, a.Path, err)
		}
		authors := slices.DeleteFunc(slices.Clone(a.Authors), func(s string) bool { return strings.TrimSpace(s) == "" })
		p.Articles = append(p.Articles, Source{Path: a.Path, Title: strings.TrimSpace(a.Title), Authors: authors, Date: d})
	}
	return p, nil
}

// checkLocal refuses a manifest path that is absolute or leaves the
// manifest's folder.
func checkLocal(path string) error {
	if !filepath.IsLocal(filepath.FromSlash(path)) {
		return fmt.Errorf("path %q leaves the manifest's folder; give a path relative to the manifest, inside its folder", path)
	}
	return nil
}

// tomlDate reads a date given as a TOML date, a string ("2024-03-01",
// "2024") or a bare year.
func tomlDate(v any) (model.Date, error) {
	switch v := v.(type) {
	case nil:
		return model.Date{}, nil
	case string:
		if strings.TrimSpace(v) == "" {
			return model.Date{}, nil
		}
		return model.ParseDate(strings.TrimSpace(v))
	case int64:
		return model.ParseDate(fmt.Sprintf("%04d", v))
	case time.Time:
		return model.ParseDate(v.Format("2006-01-02"))
	default:
		return model.Date{}, fmt.Errorf("%v: want a date such as 2024-03-01 or a year", v)
	}
}
