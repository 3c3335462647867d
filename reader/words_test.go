package reader

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pamphlet/model"
)

// wordRE is the corpus truth's word regex, `[^\W_]+(?:['’‐‑–.-][^\W_]+)*`,
// written with Unicode classes (Go's \W is ASCII only).
var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’‐‑–.\-][\p{L}\p{N}]+)*`)

// normWords undoes what typography does, so that input and output words
// compare: straight quotes, "--" for an em dash, "-" for an en dash, three
// periods for an ellipsis, spaces for no-break spaces.
var normWords = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "″", `"`,
	"‘", "'", "’", "'", "‚", "'", "′", "'",
	"—", "--", "–", "-", "…", "...", "\u00a0", " ",
)

func words(s string) []string {
	return wordRE.FindAllString(normWords.Replace(s), -1)
}

// headerKinds are the repairs that turn an input line into metadata.
var headerKinds = map[string]bool{"title": true, "subtitle": true, "byline": true, "date": true,
	"page-furniture": true, "reference": true}

var (
	urlRE    = regexp.MustCompile(`<(?:(?:https?|ftp)://|mailto:)[^>\s]*>|(?:https?://|www\.)[^\s<>"]+`)
	markerRE = regexp.MustCompile(`^\s*(?:[-*+•·–◦o]|[0-9]{1,2}[.)]|\([0-9]{1,2}\)|[a-z][.)]|\([a-z]\))[ \t]+`)
)

// inputWords returns the body words of src: header lines (as the repairs
// name them), link targets, URLs, list markers and fence lines left out.
func inputWords(src string, repairs []Repair) []string {
	skip := map[int]bool{}
	for _, r := range repairs {
		if headerKinds[r.Kind] && r.Line > 0 {
			skip[r.Line] = true
		}
	}
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var out []string
	for i, line := range strings.Split(src, "\n") {
		if skip[i+1] {
			continue
		}
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			continue
		}
		line = stripTargets(line)
		line = urlRE.ReplaceAllString(line, " ")
		line = markerRE.ReplaceAllString(line, "")
		out = append(out, words(line)...)
	}
	return out
}

// stripTargets removes the "(target)" of every "[text](target)".
func stripTargets(s string) string {
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			return s
		}
		end := matchBracket(s, i+1, '(', ')', maxLinkDest)
		if end < 0 {
			return s[:i+1] + stripTargets(s[i+2:])
		}
		s = s[:i+1] + " " + s[end+1:]
	}
}

// modelWords returns the words of the document body in reading order,
// leaving out URLs (their input counterparts are left out too).
func modelWords(doc *model.Document) []string {
	return words(urlRE.ReplaceAllString(modelText(doc, false), " "))
}

// modelText returns the text of the document body in reading order. With
// urls false, links whose text is a URL are left out.
func modelText(doc *model.Document, urls bool) string {
	var b strings.Builder
	var inl func([]model.Inline)
	inl = func(in []model.Inline) {
		for _, n := range in {
			switch n := n.(type) {
			case *model.Text:
				b.WriteString(n.Text)
			case *model.CodeSpan:
				b.WriteString(n.Text)
			case *model.Emph:
				inl(n.Content)
			case *model.Strong:
				inl(n.Content)
			case *model.Link:
				if p := model.Plain(n.Content); urls || !looksLikeURL(p) && "mailto:"+p != n.Target {
					inl(n.Content)
				}
			case *model.LineBreak:
				b.WriteByte('\n')
			}
		}
		b.WriteByte('\n')
	}
	var blocks func([]model.Block)
	blocks = func(bs []model.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *model.Heading:
				inl(bl.Content)
			case *model.Paragraph:
				inl(bl.Content)
			case *model.Code:
				b.WriteString(bl.Text + "\n")
			case *model.Quote:
				blocks(bl.Blocks)
			case *model.List:
				for _, it := range bl.Items {
					blocks(it.Blocks)
				}
			case *model.Figure:
				inl(bl.Caption)
			case *model.Table:
				inl(bl.Caption)
				for _, rs := range [][]model.Row{bl.Head, bl.Body} {
					for _, r := range rs {
						for _, c := range r.Cells {
							inl(c.Content)
						}
					}
				}
			}
		}
	}
	blocks(doc.Blocks)
	return b.String()
}

// compareWords checks that every input word appears exactly once, in
// order, in the output, ignoring case (headings in capitals are recased); the only change allowed is a word rejoined across
// an end-of-line hyphen ("synthe" "sis" → "synthesis", "self"
// "government" → "self-government").
func compareWords(in, out []string) error {
	i, j := 0, 0
	for i < len(in) && j < len(out) {
		switch {
		case strings.EqualFold(in[i], out[j]):
			i, j = i+1, j+1
		case i+1 < len(in) && (strings.EqualFold(in[i]+in[i+1], out[j]) || strings.EqualFold(in[i]+"-"+in[i+1], out[j])):
			i, j = i+2, j+1
		default:
			return fmt.Errorf("word %d: input %q, output %q\ninput:  %q\noutput: %q", i, in[i], out[j],
				in[max(0, i-5):min(len(in), i+6)], out[max(0, j-5):min(len(out), j+6)])
		}
	}
	if i < len(in) {
		return fmt.Errorf("input words lost at the end: %q", in[i:min(len(in), i+10)])
	}
	if j < len(out) {
		return fmt.Errorf("output words added at the end: %q", out[j:min(len(out), j+10)])
	}
	return nil
}

// TestWordsPreserved reads every sample and corpus article and checks
// that no body word is lost, duplicated or reordered.
func TestWordsPreserved(t *testing.T) {
	check := func(t *testing.T, f string) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Read(src, Options{Name: f})
		if err != nil {
			t.Fatal(err)
		}
		in, out := inputWords(string(src), res.Repairs), modelWords(res.Doc)
		if err := compareWords(in, out); err != nil {
			t.Error(err)
		}
		if len(in) < 100 {
			t.Errorf("only %d words read from the input", len(in))
		}
	}
	samples, _ := filepath.Glob(filepath.Join("..", "samples", "*.txt"))
	for _, f := range samples {
		t.Run("samples/"+filepath.Base(f), func(t *testing.T) { check(t, f) })
	}
	t.Run("corpus", func(t *testing.T) {
		dir, names := corpusFiles(t)
		for _, n := range names {
			t.Run(n, func(t *testing.T) { check(t, filepath.Join(dir, n+".txt")) })
		}
	})
}
