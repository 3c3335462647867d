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
		{"mixed straight and curly", "", `States: "The regime is falling apart.”`, "paragraph: States: “The regime is falling apart.”"},
		{"curly facing the wrong way", "", `He said ”stop” and left.`, "paragraph: He said “stop” and left."},
		{"quote after a comma", "", `another "president," Juan`, "paragraph: another “president,” Juan"},
		{"apostrophes", "", `Let's see the world's best.`, "paragraph: Let’s see the world’s best."},
		{"plural possessive", "", `Morales' forced resignation`, "paragraph: Morales’ forced resignation"},
		{"decade", "", `back in the '90s we danced`, "paragraph: back in the ’90s we danced"},
		{"elision", "", `rock 'n' roll and 'tis true`, "paragraph: rock ’n’ roll and ’tis true"},
		{"nested quotes", "", `"'You are thirsty,' she said. 'Drink.'"`, "paragraph: “‘You are thirsty,’ she said. ‘Drink.’”"},
		{"quote after a dash", "", `we should say--"Play on all."`, "paragraph: we should say—“Play on all.”"},
		{"inches", "", `a 12" ruler`, "paragraph: a 12″ ruler"},
		{"multi-paragraph quotation", "",
			"\"And so you have not heard the story?\" said a peasant. \"It was in war-time, she said--\n\n\"'You are thirsty, friends.' And she drank.\n\n\"She then fell back a corpse.\"",
			"paragraph: “And so you have not heard the story?” said a peasant. “It was in war-time, she said—\nparagraph: “‘You are thirsty, friends.’ And she drank.\nparagraph: “She then fell back a corpse.”"},
		// Dashes.
		{"double hyphen", "", "usefulness--that is, playing", "paragraph: usefulness—that is, playing"},
		{"spaced double hyphen", "", "usefulness -- that is", "paragraph: usefulness — that is"},
		{"spaced hyphen", "", "all these events - from the list - seem", "paragraph: all these events — from the list — seem"},
		{"spaced hyphen after a bracket", "", "social media ( - the last", "paragraph: social media ( — the last"},
		{"subtraction stays", "", "5 - 3 is two", "paragraph: 5 - 3 is two"},
		{"compound stays", "", "self-government and U.S.-backed", "paragraph: self-government and U.S.-backed"},
		{"four hyphens", "", "Your obedient servant, ----.", "paragraph: Your obedient servant, ——."},
		{"command-line option", "", "Run it with --json to see.", "paragraph: Run it with --json to see."},
		{"year range", "", "from 1990-1995 and 200-299 inclusive", "paragraph: from 1990–1995 and 200–299 inclusive"},
		{"not ranges", "", "on 2018-05-23, COVID-19, x86-64 and 555-1234-99", "paragraph: on 2018-05-23, COVID-19, x86-64 and 555-1234-99"},
		// Ellipsis.
		{"ellipsis", "", "and so on... and on . . . end", "paragraph: and so on… and on … end"},
		{"two periods stay", "", "see ../docs", "paragraph: see ../docs"},
		// No-break spaces.
		{"titles", "", "Mr. George Seton met Dr. Bridge at St. Bernard's.", "paragraph: Mr.~George Seton met Dr.~Bridge at St.~Bernard’s."},
		{"number signs", "", "See No. 353 and p. 12, on Nov. 19.", "paragraph: See No.~353 and p.~12, on Nov.~19."},
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

// TestSeedTypography checks issue 2's criterion on the seed article: the
// text in `inspect --json` holds no straight quotes, "--" or "..."
// outside code.
func TestSeedTypography(t *testing.T) {
	dir := testenv.Corpus(t)
	src, err := os.ReadFile(filepath.Join(dir, "000_a9ffa14dafb5799f.txt"))
	if err != nil {
		t.Skipf("seed not in the corpus: %v", err)
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
