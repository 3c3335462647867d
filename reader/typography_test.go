package reader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
)

// typeset reads text as the body of a small article in lang and returns
// the body dump.
func typeset(t *testing.T, text, lang string) (string, *Result) {
	t.Helper()
	res, err := Read([]byte("T\n\n"+text+"\n"), Options{Format: FormatText, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(dumpBody(t, res.Doc), "\n"), res
}

func TestTypography(t *testing.T) {
	tests := []struct {
		name, lang, in, want string
	}{
		// Quotes and apostrophes.
		{"double quotes", "", `He said "stop" and left.`, "paragraph: He said “stop” and left."},
		{"mixed straight and curly", "", `She wrote: "The landlord has not answered.”`, "paragraph: She wrote: “The landlord has not answered.”"},
		{"curly facing the wrong way", "", `He said ”stop” and left.`, "paragraph: He said “stop” and left."},
		{"quote after a comma", "", `the so-called "owner," Mr`, "paragraph: the so-called “owner,” Mr"},
		{"apostrophes", "", `Let's see the world's best.`, "paragraph: Let’s see the world’s best."},
		{"plural possessive", "", `the bakers' own shop`, "paragraph: the bakers’ own shop"},
		{"decade", "", `back in the '90s we danced`, "paragraph: back in the ’90s we danced"},
		{"elision", "", `rock 'n' roll and 'tis true`, "paragraph: rock ’n’ roll and ’tis true"},
		{"nested quotes", "", `"'You look hungry,' she said. 'Eat.'"`, "paragraph: “‘You look hungry,’ she said. ‘Eat.’”"},
		{"quote after a dash", "", `her advice was--"Bake early."`, "paragraph: her advice was—“Bake early.”"},
		{"inches", "", `a 12" ruler`, "paragraph: a 12″ ruler"},
		{"multi-paragraph quotation", "",
			"\"Have you heard how the shop began?\" asked the baker. \"It was a cold winter, and she said--\n\n\"'Bring flour, friends.' And they did.\n\n\"That was the first loaf.\"",
			"paragraph: “Have you heard how the shop began?” asked the baker. “It was a cold winter, and she said—\nparagraph: “‘Bring flour, friends.’ And they did.\nparagraph: “That was the first loaf.”"},
		// Dashes.
		{"double hyphen", "", "the ledger--that is, the book", "paragraph: the ledger—that is, the book"},
		{"spaced double hyphen", "", "the ledger -- that is", "paragraph: the ledger — that is"},
		{"spaced hyphen", "", "the loaves - all of them - sold", "paragraph: the loaves — all of them — sold"},
		{"spaced hyphen after a bracket", "", "the bread ( - the rye", "paragraph: the bread ( — the rye"},
		{"subtraction stays", "", "5 - 3 is two", "paragraph: 5 - 3 is two"},
		{"compound stays", "", "self-help and U.K.-made", "paragraph: self-help and U.K.-made"},
		{"four hyphens", "", "Signed by Mrs. ----.", "paragraph: Signed by Mrs. ——."},
		{"command-line option", "", "Run it with --json to see.", "paragraph: Run it with --json to see."},
		{"year range", "", "from 1990-1995 and 200-299 inclusive", "paragraph: from 1990–1995 and 200–299 inclusive"},
		{"not ranges", "", "on 2018-05-23, COVID-19, x86-64 and 555-1234-99", "paragraph: on 2018-05-23, COVID-19, x86-64 and 555-1234-99"},
		// Ellipsis.
		{"ellipsis", "", "and so on... and on . . . end", "paragraph: and so on… and on … end"},
		{"two periods stay", "", "see ../docs", "paragraph: see ../docs"},
		// No-break spaces.
		{"titles", "", "Mr. Tom Reed met Dr. Asha Rao at St. Anne's.", "paragraph: Mr.~Tom Reed met Dr.~Asha Rao at St.~Anne’s."},
		{"number signs", "", "See No. 12 and p. 40, on Mar. 3.", "paragraph: See No.~12 and p.~40, on Mar.~3."},
		{"no before a word", "", "He said No. Then he left.", "paragraph: He said No. Then he left."},
		{"units", "", "It is 20 km away, 30 MB big, at 10:00 AM.", "paragraph: It is 20~km away, 30~MB big, at 10:00~AM."},
		// Protected text.
		{"code span", "", "Use `\"a\" -- 'b'...` here.", "paragraph: Use {code:\"a\" -- 'b'...} here."},
		{"URL", "", "See https://example.org/it's--here...", "paragraph: See {link https://example.org/it's--here:https://example.org/it's--here}…"},
		{"link text is typeset, target is not", "", `["quoted" -- text](https://a.org/x--y)`, "paragraph: {link https://a.org/x--y:“quoted” — text}"},
		// Languages.
		{"French", "fr", `Il a dit "non" ; c'est tout !`, "paragraph: Il a dit «~non~»~; c’est tout~!"},
		{"French with spaces inside", "fr", `Il a dit " non ".`, "paragraph: Il a dit «~non~»."},
		{"German", "de", `Er sagte "nein" und 'ja'.`, "paragraph: Er sagte „nein“ und ‚ja‘."},
		{"Spanish", "es", `Dijo "no" y se fue.`, "paragraph: Dijo «no» y se fue."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := typeset(t, tc.in, tc.lang)
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestTypographyRepairs(t *testing.T) {
	_, res := typeset(t, `"Yes" -- he said... to Mr. Smith.`, "")
	kinds := repairKinds(res)
	for _, k := range []string{"smart-quotes", "dash", "ellipsis", "nbsp"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("no %q repair in %q", k, kinds)
		}
	}
	// One repair per block and kind, not one per character.
	n := 0
	for _, r := range res.Repairs {
		if r.Kind == "smart-quotes" {
			n++
			if r.Line != 3 {
				t.Errorf("smart-quotes repair on line %d, want 3", r.Line)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d smart-quotes repairs, want 1", n)
	}
}

func TestTypographyMetadata(t *testing.T) {
	res := readString(t, "Let's Go -- \"Now\"\n\nBy Mr. Jim O'Brien\n\nThe text.\n")
	if got, want := res.Doc.Title, "Let’s Go — “Now”"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := res.Doc.Authors, []string{"Mr. Jim O’Brien"}; !slices.Equal(got, want) {
		t.Errorf("authors %q, want %q", got, want)
	}
}

// TestSeedTypography checks the typography of the first corpus article: the
// text in `inspect --json` holds no straight quotes, "--" or "..." outside
// code.
func TestSeedTypography(t *testing.T) {
	dir := testenv.Corpus(t)
	src, err := os.ReadFile(filepath.Join(dir, "000_a9ffa14dafb5799f.txt"))
	if err != nil {
		testenv.Skipf(t, "seed not in the corpus: %v", err)
	}
	res, err := Read(src, Options{Name: "000_a9ffa14dafb5799f.txt"})
	if err != nil {
		t.Fatal(err)
	}
	js, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(js, &rep); err != nil {
		t.Fatal(err)
	}
	var check func(path string, bs []ReportBlock)
	check = func(path string, bs []ReportBlock) {
		for i, b := range bs {
			if b.Kind == "code" {
				continue
			}
			for _, bad := range []string{`"`, "'", "--", "..."} {
				if strings.Contains(b.Text, bad) {
					t.Errorf("%s[%d] %s holds %q: %s", path, i, b.Kind, bad, b.Text)
				}
			}
			check(path+".blocks", b.Blocks)
			for _, it := range b.Items {
				check(path+".items", it.Blocks)
			}
		}
	}
	check("blocks", rep.Blocks)
	for _, s := range append([]string{rep.Title, rep.Subtitle}, rep.Authors...) {
		if strings.ContainsAny(s, `"'`) {
			t.Errorf("metadata %q holds a straight quote", s)
		}
	}
	if len(rep.Blocks) < 20 {
		t.Errorf("only %d blocks", len(rep.Blocks))
	}
}
