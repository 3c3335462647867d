package reader

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"pamphlet/model"
)

// fuzzMarkerRE strips list markers at any indentation, inside quotes,
// several on one line for nested lists: their numbers and letters become
// List.Start, not text. Every marker listMarker and subBullet read counts:
// bullets, "1." "1)" "(1)", "a." "a)" "(a)" and a pasted "o".
var fuzzMarkerRE = regexp.MustCompile(`^(?:\s*(?:>\s?)*(?:[-*+•◦‣·–▪o]|[0-9]{1,3}[.)]|\([0-9]{1,3}\)|[a-z][.)]|\([a-z]\))\s+)+`)

// refMarkRE matches a text browser's numbered link mark, "[12]".
var refMarkRE = regexp.MustCompile(`\[[0-9]{1,5}\]`)

// fuzzQuoteRE strips the quotation marks and spaces a line starts with.
var fuzzQuoteRE = regexp.MustCompile(`^[\s>]*`)

// FuzzText checks the properties every reader must keep on any input: no
// panic; either ErrNoText/ErrBinary or a document that passes Validate;
// Normalize idempotent on it; its text in NFC; and no input word lost — every word of the
// decoded input is in the body, the metadata, or the repair that moved it
// there, with only end-of-line hyphenations rejoined.
func FuzzText(f *testing.F) {
	samples, _ := filepath.Glob(filepath.Join("..", "samples", "*.txt"))
	for _, s := range samples {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", " \n\t\n", "\x00\x01", "\xff\xfe", "# T\n", "T\n===\n\nx", "[a](#)", "[a]()", "[a](b c)", "*a*", "**a**",
		"_a_b_", "`", "``a`", "> q\n>\n> r", "1. a\n2. b\n\n3. c", "- a\n  - b\n- c", "    code\n\n    more",
		"T\n\nBy A B and C D | May 3, 2020\n\nx", "T\n\nTuesday 15 October 2019 by X Y\n\nbody", "a-\nb", "self-\ngovernment",
		"\"'x'\"", "--", "...", "Mr. X", "1990-1995", "http://x.y/z.", "<http://x>", "w <http://x.y>", "\t\tx", "x\r\ny\rz",
		"T\n\n  a\nb\n  c\nd\n  e\nf", "TITLE.\n\nBY A B.\n\n2nd October, 1886\n\nPART I.\n\n  x", "— A B", "```go\nx\n```",
		"A\n\nb\n\nc", "\"\n\"", "'", "T\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n", "T\n\n+--+--+\n|a |b |\n+--+--+\n|1 | 2|\n",
		"T\n\nSite        Plots\n----------  -----\nHillside       84\nMill Lane      52\n", "T\n\na\tb\n1\t\t2\n", "| x \\| y | z |\n| 1 | 2 |", "*_*_*_", "[[[[]]]]((((", "\u00a0\u00a0x", "a\u2028b", "ǅ", "İSTANBUL\n\nx",
		// The conventions of pasted text: a browser's margin, numbered
		// links and reference list, star headings, pages.
		browserDump, starText, pdfText, "x\fy", "\f\f1\n\f", "   a\n   b\n\nH\n\n   c [1]d\n\nReferences\n\n   1. http://x\n",
		"** a **\nb_c_D\ne_f_G\nh_i_J\n", "{ a; }\n{ b; }\nC.\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Read(src, Options{Format: FormatText})
		if err != nil {
			if !errors.Is(err, ErrNoText) && !errors.Is(err, ErrBinary) {
				t.Fatalf("Read: %v", err)
			}
			return
		}
		doc := res.Doc
		if err := model.Validate(doc); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		var before, after bytes.Buffer
		if err := model.Dump(&before, doc); err != nil {
			t.Fatal(err)
		}
		model.Normalize(doc)
		if err := model.Dump(&after, doc); err != nil {
			t.Fatal(err)
		}
		if before.String() != after.String() {
			t.Fatalf("Normalize is not idempotent:\n%s\n---\n%s", before.String(), after.String())
		}
		// Typography writes only characters without compositions, so the
		// text stays in NFC as decode left it.
		for _, m := range append([]string{doc.Title, doc.Subtitle}, doc.Authors...) {
			if !norm.NFC.IsNormalString(m) {
				t.Fatalf("metadata %q is not NFC", m)
			}
		}
		_ = model.Walk(doc.Blocks, func(n model.Node) error {
			if tx, ok := n.(*model.Text); ok && !norm.NFC.IsNormalString(tx.Text) {
				t.Fatalf("text %q is not NFC", tx.Text)
			}
			return nil
		})
		text, err := decode(src, Options{})
		if err != nil {
			t.Fatalf("decode failed after Read succeeded: %v", err)
		}
		if err := wordsKept(text, res); err != nil {
			t.Fatal(err)
		}
	})
}

// fuzzWindow is how far (in letters and digits of the body) a word may
// be found after the previous one: far enough to pass a URL the reader
// shows but the check strips from the input.
const fuzzWindow = maxLinkDest + 100

// wordsKept checks that the words of text, header lines and link targets
// left out, appear in the body in order — comparing letters and digits
// only, so that joined hyphenations and markup between letters do not
// matter — or else in the metadata or a repair's detail.
func wordsKept(text string, res *Result) error {
	header := map[int]bool{}
	meta, extra := map[string]int{}, map[string]int{}
	add := func(m map[string]int, s string) {
		for _, w := range words(s) {
			m[alnum(w)]++
		}
	}
	doc := res.Doc
	add(meta, doc.Title+" "+doc.Subtitle+" "+strings.Join(doc.Authors, " "))
	for _, r := range res.Repairs {
		add(extra, r.Detail)
		if headerKinds[r.Kind] {
			header[r.Line] = true
		}
	}
	body := alnum(modelText(doc, true))
	pos, slack := 0, 0
	// A text browser's "[3]" link marks go once their list is read: the
	// links keep their targets.
	refs := slices.ContainsFunc(res.Repairs, func(r Repair) bool { return r.Kind == "reference" })
	for no, line := range strings.Split(text, "\n") {
		if header[no+1] {
			continue
		}
		if refs {
			line = refMarkRE.ReplaceAllString(line, " ")
		}
		// The reader drops form feeds (page breaks), joining what they
		// separated: "`\f``go" is a fence.
		line = strings.ReplaceAll(line, "\f", "")
		// A fence line, at the top or inside a list item or a quote, is
		// markup, its info string naming the code's language; inside an
		// open fence it is code, which the body holds: the next word may
		// then be found that much further on.
		if t := fuzzQuoteRE.ReplaceAllString(fuzzMarkerRE.ReplaceAllString(line, ""), ""); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			slack += len(alnum(line))
			continue
		}
		line = stripTargets(line)
		line = urlRE.ReplaceAllStringFunc(line, func(u string) string {
			if strings.HasPrefix(u, "<") {
				return " "
			}
			return u
		})
		line = fuzzMarkerRE.ReplaceAllString(line, "")
		for _, w := range words(line) {
			a := alnum(w)
			if a == "" {
				continue
			}
			// A word the metadata holds (a byline's "A B.", a name on
			// the line after "By") is taken from there first: found in
			// the body, it could match inside a later word and carry the
			// search past words that come before it.
			if meta[a] > 0 {
				meta[a]--
				continue
			}
			// A word a repair's detail quotes (a byline the reader took
			// apart, a word it rejoined) is the body's only if the body
			// goes on with it.
			if extra[a] > 0 {
				extra[a]--
				if strings.HasPrefix(body[pos:], a) {
					pos += len(a)
					slack = 0
				}
				continue
			}
			if k := strings.Index(body[pos:min(len(body), pos+len(a)+fuzzWindow+slack)], a); k >= 0 {
				pos += k + len(a)
				slack = 0
				continue
			}
			return fmt.Errorf("line %d: input word %q lost (body at that point: %q)", no+1, w, body[pos:min(len(body), pos+60)])
		}
	}
	return nil
}

// alnum returns the letters and digits of s, lowercased.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, strings.ToLower(s))
}
