package reader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"pamphlet/model"
)

// readString reads src as plain text and fails the test on error.
func readString(t *testing.T, src string) *Result {
	t.Helper()
	res, err := Read([]byte(src), Options{Format: FormatText})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// dumpBody is the block part of the model dump.
func dumpBody(t *testing.T, doc *model.Document) string {
	t.Helper()
	var b strings.Builder
	if err := model.Dump(&b, doc); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	return s[strings.Index(s, "---\n")+4:]
}

// repairKinds lists the kinds of the repairs, in order.
func repairKinds(res *Result) []string {
	var k []string
	for _, r := range res.Repairs {
		k = append(k, r.Kind)
	}
	return k
}

func TestBylineForms(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string
	}{
		{"written by", "written by Rosa Delgado", []string{"Rosa Delgado"}},
		{"By", "By Tom Becker", []string{"Tom Becker"}},
		{"by lowercase", "by Nadia K. Osei", []string{"Nadia K. Osei"}},
		{"Author with affiliation", "Author: Lee Park, for the housing team", []string{"Lee Park"}},
		{"Posted by", "Posted by Ines Moreau", []string{"Ines Moreau"}},
		{"capitals with honorific", "BY THE HON. AGNES FAIRLEY.", []string{"The Hon. Agnes Fairley"}},
		{"capitals", "BY WALTER GREY.", []string{"Walter Grey"}},
		{"three authors", "By Ana Ruiz, Tom Becker and Li Wei", []string{"Ana Ruiz", "Tom Becker", "Li Wei"}},
		{"ampersand", "By Ana Lima & João Pires", []string{"Ana Lima", "João Pires"}},
		{"particle", "By Anne van Kesteren", []string{"Anne van Kesteren"}},
		{"suffix", "By Martin Luther King, Jr.", []string{"Martin Luther King, Jr."}},
		{"Spanish", "Por Lucía Fernández", []string{"Lucía Fernández"}},
		{"French", "Par Hélène Dubois", []string{"Hélène Dubois"}},
		{"Japanese name", "By 山田 太郎", []string{"山田 太郎"}},
		{"Arabic name", "By محمد علي", []string{"محمد علي"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, "A Title\n\n"+tc.line+"\n\nMarch 3, 2021\n\nThe body of the article goes here, in a sentence of its own.\n")
			if !slices.Equal(res.Doc.Authors, tc.want) {
				t.Errorf("authors %q, want %q", res.Doc.Authors, tc.want)
			}
			if got := dumpBody(t, res.Doc); strings.Contains(got, strings.Fields(tc.line)[len(strings.Fields(tc.line))-1]) {
				t.Errorf("byline left in the body:\n%s", got)
			}
		})
	}
}

func TestNotBylines(t *testing.T) {
	tests := []struct{ name, line string }{
		{"sentence with by", "By the end of the year, everything had changed."},
		{"heading", "By the Rivers of Babylon"},
		{"lowercase words", "written by hand in a hurry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, "A Title\n\n"+tc.line+"\n\nThe body of the article goes here, in a sentence of its own.\n")
			if len(res.Doc.Authors) > 0 {
				t.Errorf("authors %q from %q", res.Doc.Authors, tc.line)
			}
		})
	}
}

func TestDateForms(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"month day year", "November 20, 2019", "2019-11-20"},
		{"abbreviated month", "Nov. 10, 2020", "2020-11-10"},
		{"ISO", "2018-05-23", "2018-05-23"},
		{"day month year", "31 January 2020", "2020-01-31"},
		{"weekday", "Sunday, May 8, 2016", "2016-05-08"},
		{"weekday day month", "Tuesday 15 October 2019", "2019-10-15"},
		{"ordinal", "2nd October, 1886", "1886-10-02"},
		{"ordinal of", "the 3rd of March 1999", "1999-03-03"},
		{"posted on", "Posted on March 10, 2015", "2015-03-10"},
		{"published", "Published: 4 July 2021", "2021-07-04"},
		{"slashes day first", "20/11/2019", "2019-11-20"},
		{"slashes English", "11/05/2019", "2019-11-05"},
		{"dots", "20.11.2019", "2019-11-20"},
		{"month year", "October 1886", "1886"},
		{"year", "1886", "1886"},
		{"Spanish", "15 de octubre de 2019", "2019-10-15"},
		{"French", "1er mai 2020", "2020-05-01"},
		{"German", "3. März 2021", "2021-03-03"},
		{"Italian", "25 aprile 1945", "1945-04-25"},
		{"Portuguese", "25 de abril de 1974", "1974-04-25"},
		{"publication name", "The Weekly Courier, October 2, 1886", "1886-10-02"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, "A Title\n\n"+tc.line+"\n\nThe body of the article goes here, in a sentence of its own.\n")
			if got := res.Doc.Date.String(); got != tc.want {
				t.Errorf("date %q, want %q", got, tc.want)
			}
			if strings.Contains(dumpBody(t, res.Doc), tc.line) {
				t.Errorf("date line left in the body")
			}
		})
	}
}

func TestInvalidDates(t *testing.T) {
	for _, line := range []string{"February 30, 2020", "2020-13-01", "32 May 2020", "May the Force be with you", "1000-0-1", "2020-00-05"} {
		t.Run(line, func(t *testing.T) {
			if d, _, _, ok := findDate(line, "en"); ok {
				t.Errorf("found %s in %q", d, line)
			}
		})
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name                      string
		src                       string
		title, subtitle, date     string
		authors                   []string
		firstBlock                string
		warnNoTitle, wantRepairAt int
	}{
		{
			name:  "byline and date on one line",
			src:   "\nGoing Slow\n\nBy Ana Lima and Tom Reed | 31 January 2020\n\n\nWe walked.\n",
			title: "Going Slow", date: "2020-01-31", authors: []string{"Ana Lima", "Tom Reed"},
			firstBlock: "paragraph: We walked.",
		},
		{
			name:  "date then byline on one line",
			src:   "Going Slow\n\nTuesday 15 October 2019 by Nadia K. Osei\n\nWe walked.\n",
			title: "Going Slow", date: "2019-10-15", authors: []string{"Nadia K. Osei"},
			firstBlock: "paragraph: We walked.",
		},
		{
			name:  "subtitle in capitals",
			src:   "HOW TO KEEP A SHOP.\n\nA HANDBOOK FOR NEW TRADERS\n\nBY WALTER GREY.\n\nOct. 9, 1890\n\nPART I.\n\n  Every trader keeps a ledger.\n",
			title: "How to Keep a Shop", subtitle: "A Handbook for New Traders", date: "1890-10-09",
			authors: []string{"Walter Grey"}, firstBlock: "heading 1: Part I",
		},
		{
			name:  "header lines without blank lines",
			src:   "Going Slow\nBy Ana Lima\nMay 8, 2016\n\nWe walked.\n",
			title: "Going Slow", date: "2016-05-08", authors: []string{"Ana Lima"},
			firstBlock: "paragraph: We walked.",
		},
		{
			name:  "bare name next to the date",
			src:   "Going Slow\n\nAna Lima\nMay 8, 2016\n\nWe walked.\n",
			title: "Going Slow", date: "2016-05-08", authors: []string{"Ana Lima"},
			firstBlock: "paragraph: We walked.",
		},
		{
			name:  "heading after the date is not an author",
			src:   "Going Slow\n\nMay 8, 2016\n\nOur Campaign\n\nWe walked and walked until the sun went down.\n",
			title: "Going Slow", date: "2016-05-08",
			firstBlock: "heading 1: Our Campaign",
		},
		{
			name:  "markdown title",
			src:   "# Going Slow\n\nWe walked.\n",
			title: "Going Slow", firstBlock: "paragraph: We walked.",
		},
		{
			name:  "underlined title",
			src:   "Going Slow\n==========\n\nWe walked.\n",
			title: "Going Slow", firstBlock: "paragraph: We walked.",
		},
		{
			name:       "no title",
			src:        "We walked all day along the river, and when the\nsun went down we came home tired and happy.\n",
			firstBlock: "paragraph: We walked all day along the river, and when the sun went down we came home tired and happy.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []string
			res, err := Read([]byte(tc.src), Options{Format: FormatText, Warn: func(w Warning) { warnings = append(warnings, w.Message) }})
			if err != nil {
				t.Fatal(err)
			}
			d := res.Doc
			if d.Title != tc.title || d.Subtitle != tc.subtitle || d.Date.String() != tc.date || !slices.Equal(d.Authors, tc.authors) {
				t.Errorf("got title %q subtitle %q date %q authors %q\nwant title %q subtitle %q date %q authors %q",
					d.Title, d.Subtitle, d.Date, d.Authors, tc.title, tc.subtitle, tc.date, tc.authors)
			}
			if first := strings.SplitN(dumpBody(t, d), "\n", 2)[0]; first != tc.firstBlock {
				t.Errorf("first block %q, want %q", first, tc.firstBlock)
			}
			if tc.title == "" && len(warnings) == 0 {
				t.Errorf("no warning about the missing title")
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	const para = "This paragraph has enough words in it to be ordinary prose, and it ends properly."
	tests := []struct {
		name string
		src  string
		want []string // headings, in order
	}{
		{"bare line", "T\n\n" + para + "\n\nStill standing and still baking\n\n" + para + "\n", []string{"heading 1: Still standing and still baking"}},
		{"capitals", "T\n\n" + para + "\n\nTHE NEXT STEPS\n\n" + para + "\n", []string{"heading 1: The Next Steps"}},
		{"capitals keep acronyms", "T\n\nThe FSF said so, and " + para + "\n\nWHAT THE FSF DID\n\n" + para + "\n", []string{"heading 1: What the FSF Did"}},
		{"capitals with period", "T\n\n" + para + "\n\nPART I.\n\n" + para + "\n", []string{"heading 1: Part I"}},
		{"capitals in quotes", "T\n\n" + para + "\n\nTHE \"PENNY BOX.\"\n\n" + para + "\n", []string{"heading 1: The “Penny Box.”"}},
		{"title case question", "T\n\n" + para + "\n\nDid They Answer Our Letter Yet?\n\n" + para + "\n", []string{"heading 1: Did They Answer Our Letter Yet?"}},
		{"short question", "T\n\n" + para + "\n\nSo what's a sourdough?\n\n" + para + "\n", []string{"heading 1: So what’s a sourdough?"}},
		{"atx levels", "T\n\n## One\n\n" + para + "\n\n### Two\n\n" + para + "\n", []string{"heading 1: One", "heading 2: Two"}},
		{"setext", "T\n\nFirst part\n==========\n\n" + para + "\n\nDetails\n-------\n\n" + para + "\n", []string{"heading 1: First part", "heading 2: Details"}},
		{"explicit headings make short lines prose", "T\n\n## One\n\n" + para + "\n\nFor a better street!\n\n" + para + "\n", []string{"heading 1: One"}},
		{"run-in lead-in is not a heading", "T\n\n" + para + "\n\nA WORD TO BAKERS.--Knead it twice.\n\n" + para + "\n", nil},
		{"sentence is not a heading", "T\n\n" + para + "\n\nThat is all.\n\n" + para + "\n", nil},
		{"dialogue is not a heading", "T\n\n" + para + "\n\n\"'You are all welcome!'\n\n" + para + "\n", nil},
		{"last line is not a heading", "T\n\n" + para + "\n\nSee you soon\n", nil},
		{"fragment is not a heading", "T\n\n" + para + "\n\nToday we celebrate the tenth year\n\nof the shop.\n", nil},
		{"line ending with a comma", "T\n\n" + para + "\n\nHelp is welcome,\n\nYes. That is it.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			var got []string
			for _, l := range strings.Split(dumpBody(t, res.Doc), "\n") {
				if strings.HasPrefix(l, "heading") {
					got = append(got, l)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("headings %q, want %q\n%s", got, tc.want, dumpBody(t, res.Doc))
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    string
		repairs []string // kinds that must appear
	}{
		{
			name:    "fragment split by a blank line",
			src:     "T\n\nThe tenants marched into a\n\nmeeting of the council. Many spoke.\n\nThe next day was calm.\n",
			want:    "paragraph: The tenants marched into a meeting of the council. Many spoke.\nparagraph: The next day was calm.\n",
			repairs: []string{"join-paragraph"},
		},
		{
			name: "fragment continued by a capitalised word",
			src: "T\n\nThe people of the towns and villages in the valley marched to the capital and met\n\n" +
				"Congress members there. They stayed a week.\n\nThe next day was calm.\n",
			want:    "paragraph: The people of the towns and villages in the valley marched to the capital and met Congress members there. They stayed a week.\nparagraph: The next day was calm.\n",
			repairs: []string{"join-paragraph"},
		},
		{
			name:    "abbreviation before a lowercase fragment",
			src:     "T\n\nWe read the book by Dr.\n\nsmith on the train.\n",
			want:    "paragraph: We read the book by Dr. smith on the train.\n",
			repairs: []string{"join-paragraph"},
		},
		{
			name:    "complete paragraphs stay apart",
			src:     "T\n\nThe meeting ended.\n\npkg.go.dev is a site.\n",
			want:    "paragraph: The meeting ended.\nparagraph: pkg.go.dev is a site.\n",
			repairs: nil,
		},
		{
			name: "hard-wrapped lines",
			src: "T\n\n" + strings.Repeat("In the spring of 2019 the bakers wrote their first set of rules. It\nwas agreed at a meeting where every one of them had a single vote.\n", 3) +
				"\nSecond paragraph.\n",
			want:    "paragraph: " + strings.TrimSpace(strings.Repeat("In the spring of 2019 the bakers wrote their first set of rules. It was agreed at a meeting where every one of them had a single vote. ", 3)) + "\nparagraph: Second paragraph.\n",
			repairs: []string{"unwrap-lines"},
		},
		{
			name:    "stray line breaks",
			src:     "T\n\nIn May, the union opened\nthe\nnew advice centre, run by volunteers.\n",
			want:    "paragraph: In May, the union opened the new advice centre, run by volunteers.\n",
			repairs: []string{"join-lines"},
		},
		{
			name: "first-line indent",
			src: "T\n\n  Every trader who means to prosper will keep a ledger from the\nfirst day.\n" +
				"  A careful trader will write each sale down before the end of\nthe day.\n  Another habit is worth a mention.\n  And one more.\n",
			want: "paragraph: Every trader who means to prosper will keep a ledger from the first day.\n" +
				"paragraph: A careful trader will write each sale down before the end of the day.\n" +
				"paragraph: Another habit is worth a mention.\nparagraph: And one more.\n",
		},
		{
			name: "short line in wrapped text",
			src: "T\n\n" + strings.Repeat("The kitchen opens at six and the first loaves come out at seven\n", 4) +
				"on a good day.\nThe shop opens at eight, when the queue is already long and the\n" +
				strings.Repeat("bread is still warm enough to steam in the cold morning air of it\n", 3) + "all.\n",
			want: "paragraph: " + strings.TrimSpace(strings.Repeat("The kitchen opens at six and the first loaves come out at seven ", 4)) + " on a good day.\n" +
				"paragraph: The shop opens at eight, when the queue is already long and the " + strings.TrimSpace(strings.Repeat("bread is still warm enough to steam in the cold morning air of it ", 3)) + " all.\n",
			repairs: []string{"split-paragraph"},
		},
		{
			name:    "signature set apart",
			src:     "T\n\nThank you all for coming, and see you next month.\n— Maria Lopez\n",
			want:    "paragraph: Thank you all for coming, and see you next month.\nparagraph: — Maria Lopez\n",
			repairs: []string{"signature", "split-paragraph"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			if got := dumpBody(t, res.Doc); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			kinds := repairKinds(res)
			for _, k := range tc.repairs {
				if !slices.Contains(kinds, k) {
					t.Errorf("no %q repair in %q", k, kinds)
				}
			}
		})
	}
}

func TestHyphenation(t *testing.T) {
	tests := []struct {
		name, src, want, repair string
	}{
		{"soft hyphen", "T\n\nThe story con-\ntinued for a long while after that.\n", "The story continued for a long while", "rejoin-hyphenation"},
		{"compound prefix", "T\n\nThe tenants set up a system of self-\ngovernment and run it well.\n", "system of self-government and", "keep-hyphen"},
		{"joined form elsewhere", "T\n\nThe placement is a fine place-\nment. A good placement helps.\n", "fine placement.", "rejoin-hyphenation"},
		{"hyphenated form elsewhere", "T\n\nWe met a gate-keeper. The gate-\nkeeper was kind to all of us.\n", "The gate-keeper was", "keep-hyphen"},
		{"compound suffix", "T\n\nA Python-\nbased tool for the job at hand, they said.\n", "A Python-based tool", "keep-hyphen"},
		{"capitalised next line is not a hyphenation", "T\n\nWe spoke with pro-\nEuropean voters in the square.\n", "pro- European", ""},
		{"dash at the end", "T\n\nShe said--\nand then stopped to think about it.\n", "She said— and then", ""},
		{"halves that are words of the text", "T\n\nThe yard behind the soap-\nworks smelled of tallow. The soap was boiled in vats and the works ran all night.\n",
			"behind the soap-works smelled", "keep-hyphen"},
		{"a broken word whose halves are no words", "T\n\nHe swept the yard every morn-\ning and the soap was boiled in vats every night.\n", "every morning and", "rejoin-hyphenation"},
		{"a common closed compound whose halves are words", "T\n\nWe went out with the dog and came back with-\nout it, which was a long walk for nothing.\n",
			"came back without it", "rejoin-hyphenation"},
		{"a German compound whose halves are words", "T\n\nDas Schiff lag im Hafen, und der Dampf stieg auf. Das Dampf-\nschiff fuhr am Abend nicht mehr ab, denn der Kapitän war krank.\n",
			"Das Dampfschiff fuhr", "rejoin-hyphenation"},
		{"a text whose line-end hyphens are real", "T\n\nEvery tax-payer and every\nfellow-citizen came. The tax-\npayer spoke first, then a fellow-\ncitizen, and the subject-\nmatter was the rate.\n",
			"and the subject-matter was", "keep-hyphen"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			if got := dumpBody(t, res.Doc); !strings.Contains(got, tc.want) {
				t.Errorf("got:\n%s\nwant it to contain %q", got, tc.want)
			}
			if tc.repair != "" && !slices.Contains(repairKinds(res), tc.repair) {
				t.Errorf("no %q repair in %q", tc.repair, repairKinds(res))
			}
		})
	}
}

func TestLists(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"dashes", "T\n\nWe need:\n\n- flour\n- water\n- salt\n", "paragraph: We need:\nlist:\n  item:\n    paragraph: flour\n  item:\n    paragraph: water\n  item:\n    paragraph: salt\n"},
		{"bullets", "T\n\nWe need:\n\n• flour\n• water\n", "paragraph: We need:\nlist:\n  item:\n    paragraph: flour\n  item:\n    paragraph: water\n"},
		{"stars with wrapped items", "T\n\nChecks:\n\n* If the oven is cold, light it and wait\n  an hour\n* Otherwise bake.\n",
			"paragraph: Checks:\nlist:\n  item:\n    paragraph: If the oven is cold, light it and wait an hour\n  item:\n    paragraph: Otherwise bake.\n"},
		{"numbers", "T\n\nSteps:\n\n1. Mix.\n2. Knead.\n\n3. Bake.\n", "paragraph: Steps:\nlist ordered start=1:\n  item:\n    paragraph: Mix.\n  item:\n    paragraph: Knead.\n  item:\n    paragraph: Bake.\n"},
		{"start number", "T\n\nMore steps:\n\n4. Cool.\n5. Eat.\n", "paragraph: More steps:\nlist ordered start=4:\n  item:\n    paragraph: Cool.\n  item:\n    paragraph: Eat.\n"},
		{"list after a colon line", "T\n\nPossible values are:\n- none\n- some\n", "paragraph: Possible values are:\nlist:\n  item:\n    paragraph: none\n  item:\n    paragraph: some\n"},
		{"nested", "T\n\nPlan:\n\n- one\n  - one a\n  - one b\n- two\n", "paragraph: Plan:\nlist:\n  item:\n    paragraph: one\n    list:\n      item:\n        paragraph: one a\n      item:\n        paragraph: one b\n  item:\n    paragraph: two\n"},
		{"dash inside wrapped prose", "T\n\nThe loaves are small and probably the cheapest in the street\n- less than a pound each.\n", "paragraph: The loaves are small and probably the cheapest in the street — less than a pound each.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dumpBody(t, readString(t, tc.src).Doc); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestQuotesAndCode(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"quote", "T\n\nShe wrote:\n\n> We will be back.\n> And we will win.\n\nThen silence.\n",
			"paragraph: She wrote:\nquote:\n  paragraph: We will be back. And we will win.\nparagraph: Then silence.\n"},
		{"quote with two paragraphs", "T\n\nShe wrote:\n\n> One.\n>\n> Two.\n",
			"paragraph: She wrote:\nquote:\n  paragraph: One.\n  paragraph: Two.\n"},
		{"verse", "T\n\nShe says--\n\n    \"The oven is warm, the loaves are brown,\n    The baker sings across the town.\"\n\nSo it goes.\n",
			"paragraph: She says—\nquote:\n  paragraph: “The oven is warm, the loaves are brown,{br}The baker sings across the town.”\nparagraph: So it goes.\n"},
		{"indented code with a blank line", "T\n\nLike this:\n\n    var x = 1;\n    if (x) {\n\n      go();\n    }\n\nDone.\n",
			"paragraph: Like this:\ncode:\n  | var x = 1;\n  | if (x) {\n  | \n  |   go();\n  | }\nparagraph: Done.\n"},
		{"letter layout", "T\n\nSign it thus:\n\n    Yours faithfully,\n        _for_ MARY HOLT,\n            ANNE CROSS.\n\nDone.\n",
			"paragraph: Sign it thus:\ncode layout:\n  | Yours faithfully,\n  |     _for_ MARY HOLT,\n  |         ANNE CROSS.\nparagraph: Done.\n"},
		{"fenced code", "T\n\nRun:\n\n```sh\nmake demo\n\nls out\n```\n\nDone.\n",
			"paragraph: Run:\ncode lang=sh:\n  | make demo\n  | \n  | ls out\nparagraph: Done.\n"},
		{"code keeps straight quotes and dashes", "T\n\nType:\n\n    echo \"it's\" -- 'ok'...\n",
			"paragraph: Type:\ncode:\n  | echo \"it's\" -- 'ok'...\n"},
		{"break", "T\n\nOne.\n\n* * *\n\nTwo.\n", "paragraph: One.\nbreak\nparagraph: Two.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dumpBody(t, readString(t, tc.src).Doc); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestInlines(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"link", "See [the site](https://example.org/a) now.", "See {link https://example.org/a:the site} now."},
		{"dead link", "The tenants [marched to the town hall](#) at noon.", "The tenants marched to the town hall at noon."},
		{"empty link", "A [link]() here.", "A link here."},
		{"anchor link", "A [link](#top) here.", "A link here."},
		{"link with title", `A [link](https://a.org "Title") here.`, "A {link https://a.org:link} here."},
		{"link text with brackets", "A [so-called \"(re-)opening\"](#) here.", "A so-called “(re-)opening” here."},
		{"angle URL after a word", "We opened a bakery <https://example.org/bakery>, which helps.", "We opened a {link https://example.org/bakery:bakery}, which helps."},
		{"angle URL alone", "<https://example.org/bakery> is the page.", "{link https://example.org/bakery:https://example.org/bakery} is the page."},
		{"bare URL", "Visit https://example.org/a-b--c... or www.example.org.", "Visit {link https://example.org/a-b--c:https://example.org/a-b--c}… or {link https://www.example.org:www.example.org}."},
		{"URL in brackets", "(see https://example.org/wiki/A_(b))", "(see {link https://example.org/wiki/A_(b):https://example.org/wiki/A_(b)})"},
		{"emphasis with stars", "The *Bread and Roses* song.", "The {em:Bread and Roses} song."},
		{"emphasis with underscores", "One means--_i.e._, organ playing.", "One means—{em:i.e.}, organ playing."},
		{"strong", "This is **very** important.", "This is {strong:very} important."},
		{"code span", "Call `fetch()` and `\"same-origin\"` now.", "Call {code:fetch()} and {code:\"same-origin\"} now."},
		{"snake case", "Run make_loaves2 and api_key_here.", "Run make_loaves2 and api_key_here."},
		{"lone stars", "5 * 3 * 2 is thirty.", "5 * 3 * 2 is thirty."},
		{"unclosed emphasis", "An *unclosed mark here.", "An *unclosed mark here."},
		{"emphasis around a link", "*see [this](https://a.org)*", "{em:see {link https://a.org:this}}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.TrimSuffix(dumpBody(t, readString(t, "T\n\n"+tc.in+"\n").Doc), "\n")
			got = strings.TrimPrefix(got, "paragraph: ")
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestDeadLinkRepair(t *testing.T) {
	res := readString(t, "T\n\nThe tenants [marched](#) at noon.\n")
	if !slices.Contains(repairKinds(res), "dead-link") {
		t.Errorf("no dead-link repair: %q", repairKinds(res))
	}
}

func TestVerseRightUnderProse(t *testing.T) {
	got := dumpBody(t, readString(t, "T\n\nShe says--\n    \"The oven is warm, the loaves are brown,\n    The baker sings across the town.\"\nSo it goes.\n").Doc)
	want := "paragraph: She says—\nquote:\n  paragraph: “The oven is warm, the loaves are brown,{br}The baker sings across the town.”\nparagraph: So it goes.\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestHyphenationInsideQuote(t *testing.T) {
	got := dumpBody(t, readString(t, "T\n\nThe placement is good.\n\n> We tried a new place-\n> ment and a self-\n> organised rota.\n").Doc)
	want := "paragraph: The placement is good.\nquote:\n  paragraph: We tried a new placement and a self-organised rota.\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestRepairDetailFormatsAsFmt checks that the repair details written
// without fmt read exactly as fmt.Sprintf writes them, verbs fmt alone
// handles included.
func TestRepairDetailFormatsAsFmt(t *testing.T) {
	tests := []struct {
		name   string
		format string
		args   []any
	}{
		{"int and strings", "%d line(s) %q and %s", []any{3, "a\"b\x01é", "plain"}},
		{"percent sign", "100%% of %d", []any{-42}},
		{"stringer", "%s (stated outright)", []any{model.Date{Year: 2020, Month: 3}}},
		{"width", "%5d", []any{3}},
		{"missing argument", "%q", nil},
		{"extra argument", "%d", []any{1, 2}},
		{"trailing percent", "trailing %", nil},
		{"other verbs", "%v %x", []any{"a", "b"}},
		{"wrong type for d", "%d", []any{"s"}},
		{"wrong type for s", "%s", []any{3}},
		{"float", "confidence %.2f", []any{0.5}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := sprintf(tt.format, tt.args...), fmt.Sprintf(tt.format, tt.args...); got != want {
				t.Errorf("sprintf(%q) = %q, fmt.Sprintf gives %q", tt.format, got, want)
			}
		})
	}
}
