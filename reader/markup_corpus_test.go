package reader_test

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/model"
	"pamphlet/reader"
)

// corpusTruth is the part of a corpus truth file the scores use.
type corpusTruth struct {
	Title           string   `json:"title"`
	Authors         []string `json:"authors"`
	Date            string   `json:"date"`
	Headings        []string `json:"headings"`
	ParagraphStarts []string `json:"paragraph_starts"`
}

// corpusMeta is Readability's metadata file beside an article-HTML file.
type corpusMeta struct {
	Title  string `json:"title"`
	Byline string `json:"byline"`
	Lang   string `json:"lang"`
}

// scoreFold normalises text for comparison: typographic quotes, dashes and
// ellipses to their ASCII forms, lowercase, single spaces.
var scoreFold = strings.NewReplacer("‘", "'", "’", "'", "‚", "'", "“", "\"", "”", "\"", "„", "\"",
	"–", "-", "—", "-", "--", "-", "…", "...", "\u00a0", " ")

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(scoreFold.Replace(s))), " ")
}

// start gives the first six whitespace-separated tokens of s, folded.
func start(s string) string {
	f := strings.Fields(fold(s))
	return strings.Join(f[:min(6, len(f))], " ")
}

// f1 scores got against want as multisets.
func f1(got, want []string) float64 {
	if len(got) == 0 && len(want) == 0 {
		return 1
	}
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	match := 0
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			match++
		}
	}
	if match == 0 {
		return 0
	}
	p := float64(match) / float64(len(got))
	r := float64(match) / float64(len(want))
	return 2 * p * r / (p + r)
}

// corpusCase is one original of the shared corpus and what must hold for
// it. check names the metadata fields the input carries; the article-HTML
// files are Readability's output without the page's <head>, so most of
// their metadata is not in them (see the "+meta" cases).
type corpusCase struct {
	id, file      string
	withMeta      bool // prepend a <head> built from Readability's metadata file
	para, heading float64
	check         string // of "t" (title), "a" (authors), "d" (date)
}

func TestCorpusScores(t *testing.T) {
	dir := testenv.Corpus(t)
	cases := []corpusCase{
		{"001_go-pandemic", "001_go-pandemic.md", false, 0.98, 0.95, "tad"},
		{"002_go-conduct-2018", "002_go-conduct-2018.md", false, 0.98, 0.95, "tad"},
		{"003_go-eleven-years", "003_go-eleven-years.md", false, 0.98, 0.95, "tad"},
		// The dateline paragraph at the top of the post carries its author
		// and date; the page title is not in the file.
		{"005_ebb-controversial-events", "005_ebb-controversial-events.expected.html", false, 0.98, 0.95, "ad"},
		// Neither author nor date nor title is in these two files.
		{"006_blogger-greenpak4", "006_blogger-greenpak4.expected.html", false, 0.98, 0.95, ""},
		{"007_mozhacks-fetch-api", "007_mozhacks-fetch-api.expected.html", false, 0.98, 0.95, ""},
		// The same files with the page metadata Readability reported put
		// back as a <head>: its title needs the site name cleaned off (a
		// personal blog); the Blogger page has no byline or date there, the
		// Mozilla Hacks page no date.
		{"005_ebb-controversial-events", "005_ebb-controversial-events.expected.html", true, 0.98, 0.95, "tad"},
		{"006_blogger-greenpak4", "006_blogger-greenpak4.expected.html", true, 0.98, 0.95, "t"},
		{"007_mozhacks-fetch-api", "007_mozhacks-fetch-api.expected.html", true, 0.98, 0.95, "ta"},
		{"005_ebb-controversial-events", "005_ebb-controversial-events.source.html", false, 0.95, 0.9, "tad"},
		{"006_blogger-greenpak4", "006_blogger-greenpak4.source.html", false, 0.95, 0.9, "tad"},
		{"007_mozhacks-fetch-api", "007_mozhacks-fetch-api.source.html", false, 0.95, 0.9, "tad"},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-48s %6s %6s %5s %5s %5s  %s\n", "input", "paraF1", "headF1", "title", "auth", "date", "paragraphs got/truth")
	for _, c := range cases {
		name := c.file
		if c.withMeta {
			name += "+meta"
		}
		t.Run(name, func(t *testing.T) {
			var truth corpusTruth
			readJSON(t, filepath.Join(dir, c.id+".truth.json"), &truth)
			path := filepath.Join(dir, "orig", c.file)
			src, err := os.ReadFile(path)
			if err != nil {
				testenv.Skipf(t, "corpus file missing: %v", err)
			}
			if c.withMeta {
				var m corpusMeta
				readJSON(t, filepath.Join(dir, "orig", c.id+".expected-metadata.json"), &m)
				src = append([]byte(metaHead(m)), src...)
			}
			res, err := reader.Read(src, reader.Options{Name: path})
			if err != nil {
				t.Fatal(err)
			}
			doc := res.Doc
			var paras, heads []string
			for _, b := range doc.Blocks {
				switch b := b.(type) {
				case *model.Paragraph:
					paras = append(paras, start(model.Plain(b.Content)))
				case *model.Heading:
					heads = append(heads, fold(model.Plain(b.Content)))
				}
			}
			var wantParas, wantHeads []string
			for _, p := range truth.ParagraphStarts {
				wantParas = append(wantParas, start(p))
			}
			for _, h := range truth.Headings {
				wantHeads = append(wantHeads, fold(h))
			}
			pf, hf := f1(paras, wantParas), f1(heads, wantHeads)
			titleOK := strings.TrimSuffix(fold(doc.Title), ".") == strings.TrimSuffix(fold(truth.Title), ".")
			authOK := fold(strings.Join(doc.Authors, "|")) == fold(strings.Join(truth.Authors, "|"))
			dateOK := doc.Date.String() == truth.Date
			mark := func(field string, ok bool) string {
				switch {
				case !strings.Contains(c.check, field):
					return "n/a"
				case ok:
					return "ok"
				}
				return "WRONG"
			}
			fmt.Fprintf(&table, "%-48s %6.3f %6.3f %5s %5s %5s  %d/%d\n", name, pf, hf,
				mark("t", titleOK), mark("a", authOK), mark("d", dateOK), len(paras), len(wantParas))
			if pf < c.para {
				t.Errorf("paragraph F1 %.3f < %.2f\n got: %q\nwant: %q", pf, c.para, diff(paras, wantParas), diff(wantParas, paras))
			}
			if hf < c.heading {
				t.Errorf("heading F1 %.3f < %.2f\n got: %q\nwant: %q", hf, c.heading, heads, wantHeads)
			}
			if strings.Contains(c.check, "t") && !titleOK {
				t.Errorf("title %q, want %q", doc.Title, truth.Title)
			}
			if strings.Contains(c.check, "a") && !authOK {
				t.Errorf("authors %q, want %q", doc.Authors, truth.Authors)
			}
			if strings.Contains(c.check, "d") && !dateOK {
				t.Errorf("date %q, want %q", doc.Date, truth.Date)
			}
		})
	}
	t.Log(table.String())
}

// diff lists the entries of a missing from b.
func diff(a, b []string) []string {
	left := map[string]int{}
	for _, s := range b {
		left[s]++
	}
	var out []string
	for _, s := range a {
		if left[s] > 0 {
			left[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		testenv.Skipf(t, "corpus file missing: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// metaHead renders Readability's metadata as the <head> of a page.
func metaHead(m corpusMeta) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html")
	if m.Lang != "" {
		fmt.Fprintf(&b, ` lang="%s"`, html.EscapeString(m.Lang))
	}
	b.WriteString("><head>")
	if m.Title != "" {
		fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(m.Title))
	}
	if m.Byline != "" {
		fmt.Fprintf(&b, `<meta name="author" content="%s">`, html.EscapeString(m.Byline))
	}
	b.WriteString("</head><body>")
	return b.String()
}
