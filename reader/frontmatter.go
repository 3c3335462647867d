package reader

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"pamphlet/model"
)

// maxFrontMatter caps the size of a front matter block (bytes): metadata
// is a few lines, and a YAML parser should not chew on megabytes.
const maxFrontMatter = 64 << 10

// frontMatter splits a YAML ("---") or TOML ("+++") front matter block from
// the top of a Markdown text. It returns the metadata found, the body after
// the block, and how many lines the block took (so that warnings can give
// input line numbers). A block that does not parse as a mapping is left in
// the body with a warning: it may be a thematic break after all.
func frontMatter(text string, opt Options) (m meta, body string, lines int, found bool) {
	var fence string
	switch {
	case strings.HasPrefix(text, "---\n") || strings.HasPrefix(text, "--- \n"):
		fence = "---"
	case strings.HasPrefix(text, "+++\n") || strings.HasPrefix(text, "+++ \n"):
		fence = "+++"
	default:
		return meta{}, text, 0, false
	}
	first := strings.IndexByte(text, '\n') + 1
	end, next := -1, 0
	for pos := first; pos < len(text) && pos <= maxFrontMatter; {
		nl := strings.IndexByte(text[pos:], '\n')
		line := text[pos:]
		if nl >= 0 {
			line = text[pos : pos+nl]
		}
		l := strings.TrimRight(line, " \t")
		if l == fence || (fence == "---" && l == "...") {
			end = pos
			next = pos + len(line)
			if nl >= 0 {
				next++
			}
			break
		}
		if nl < 0 {
			break
		}
		pos += nl + 1
	}
	if end < 0 {
		return meta{}, text, 0, false
	}
	raw := text[first:end]
	fields, err := frontMatterFields(fence, raw)
	if err != nil {
		opt.warn(1, "front matter is not valid %s (%v); read it as Markdown", map[string]string{"---": "YAML", "+++": "TOML"}[fence], err)
		return meta{}, text, 0, false
	}
	m = frontMatterMeta(fields, opt)
	return m, text[next:], strings.Count(text[:next], "\n"), true
}

// frontMatterFields parses the block into a mapping with lowercase keys.
func frontMatterFields(fence, raw string) (fields map[string]any, err error) {
	defer func() {
		// A third-party parser must not take the reader down with it.
		if r := recover(); r != nil {
			fields, err = nil, fmt.Errorf("parser failed: %v", r)
		}
	}()
	fields = map[string]any{}
	if fence == "+++" {
		if _, err := toml.Decode(raw, &fields); err != nil {
			return nil, firstLine(err.Error())
		}
	} else {
		var node any
		if err := yaml.Unmarshal([]byte(raw), &node); err != nil {
			return nil, firstLine(err.Error())
		}
		if node == nil {
			return fields, nil
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("not a mapping of keys to values")
		}
		fields = m
	}
	// Keys differing only in case ("Title", "title"): the first in sorted
	// order wins, so that the result never depends on map order.
	out := make(map[string]any, len(fields))
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if _, dup := out[strings.ToLower(k)]; !dup {
			out[strings.ToLower(k)] = fields[k]
		}
	}
	return out, nil
}

func firstLine(s string) error {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return fmt.Errorf("%s", s)
}

// frontMatterMeta picks the fields pamphlet uses: title, subtitle,
// author/authors/by, date, lang/language, summary/description, source.
func frontMatterMeta(f map[string]any, opt Options) meta {
	var m meta
	m.Title = fmString(f["title"])
	m.Subtitle = fmString(f["subtitle"])
	for _, key := range []string{"authors", "author", "by"} {
		if a := fmAuthors(f[key]); len(a) > 0 {
			m.Authors = a
			break
		}
	}
	for _, key := range []string{"date", "published", "publishdate", "pubdate", "created"} {
		v, ok := f[key]
		if !ok {
			continue
		}
		if d, ok := fmDate(v); ok {
			m.Date = d
			break
		}
		opt.warn(0, "front matter %s %q is not a date pamphlet can read; use YYYY-MM-DD", key, fmString(v))
	}
	for _, key := range []string{"lang", "language", "locale"} {
		if l := metaLang(fmString(f[key])); l != "" {
			m.Lang = l
			break
		}
	}
	for _, key := range []string{"description", "summary", "abstract", "excerpt"} {
		if d := fmString(f[key]); d != "" {
			m.Description = d
			break
		}
	}
	for _, key := range []string{"source", "canonical", "canonical_url", "canonicalurl", "link", "url"} {
		s := fmString(f[key])
		if model.LinkBase(s) != nil {
			m.Source = s
			break
		}
	}
	return m
}

// fmString gives a scalar field as text ("" for lists, maps and nil).
func fmString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case int, int64, float64, bool:
		return fmt.Sprint(v)
	case time.Time:
		return v.Format(time.RFC3339)
	case fmt.Stringer:
		return v.String()
	}
	return ""
}

// fmAuthors reads an author field: a string ("A, B and C"), a list of
// strings, or maps with a "name" key.
func fmAuthors(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = metaAuthors(v)
	case []any:
		for _, e := range v {
			out = append(out, fmAuthors(e)...)
		}
	case []string:
		for _, e := range v {
			out = append(out, metaAuthors(e)...)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if strings.EqualFold(k, "name") {
				out = append(out, metaAuthors(fmString(v[k]))...)
				break
			}
		}
	}
	return out
}

// fmDate reads a date field: a YAML or TOML timestamp (a TOML local date is
// a time.Time too), or a string parseDateValue understands.
func fmDate(v any) (model.Date, bool) {
	switch v := v.(type) {
	case time.Time:
		return metaTimeDate(v)
	case int:
		return parseDateValue(fmt.Sprint(v), "")
	case string:
		return parseDateValue(v, "")
	}
	return model.Date{}, false
}
