package reader

import (
	"slices"
	"strings"
	"testing"

	"pamphlet/model"
)

// outline is one line per top-level block ("p: first words…", "h1: …",
// "quote", "code", "list"), the shape the convention tests compare.
func outline(doc *model.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *model.Paragraph:
			out = append(out, "p: "+firstWords(model.Plain(b.Content), 4))
		case *model.Heading:
			out = append(out, "h"+string(rune('0'+b.Level))+": "+model.Plain(b.Content))
		default:
			out = append(out, model.Kind(b))
		}
	}
	return out
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// conventionNames lists the names of the conventions res found.
func conventionNames(res *Result) []string {
	var n []string
	for _, c := range res.Conventions {
		n = append(n, c.Name)
	}
	return n
}

// linkTargets lists the targets of the links in doc, in order.
func linkTargets(doc *model.Document) []string {
	var out []string
	_ = model.Walk(doc.Blocks, func(n model.Node) error {
		if l, ok := n.(*model.Link); ok {
			out = append(out, model.Plain(l.Content)+" → "+l.Target)
		}
		return nil
	})
	return out
}

// A text browser's dump: every line three columns in, the title centred,
// section headings at the left edge, links marked "[n]" and listed at the
// end.
const browserDump = `                          The Night Ferry Timetable

   Ada Lindqvist

   2022-04-02

   From May the night ferry leaves the north quay at a quarter past
   eleven, half an hour later than before. The [1]new timetable is
   posted at both terminals.

   Tickets bought before May stay valid on any crossing of the same
   week, as the [2]ferry company confirmed on Friday.

Fares

   Fares do not change this year. Season tickets can still be renewed
   at the kiosk or on the company's website.
     * Adults pay the full fare.
     * Children under twelve travel free with an adult.

   The kiosk closes at ten on weekdays.

References

   1. https://example.org/timetable
   2. https://example.org/ferries
`

// A converter's text: headings between rows of stars, no blank line
// between paragraphs, "_" for the spaces of a link's text.
const starText = `****** Rules of the Reading Room ******
Keeping a library quiet is harder than it looks. Most readers are
considerate, a few are not, and the_rules_committee has tried three
times to write rules that everyone can follow. The first attempt ran
to four pages and was read by nobody; the second fitted on a card but
left out the one rule that mattered most to the staff.
This year it kept them short.
***** Silence *****
Phones go to silent at the door. Calls are taken on the_landing, not
between the shelves, and never at the tables by the window, where the
light is best and the readers who come for it stay all afternoon and
would rather not hear about anybody's dinner plans.
Conversation at the desk is fine when it is about books.
***** Food and drink *****
Water in a closed bottle is allowed everywhere. Everything else stays
in the_Cafe_on_the_ground_floor, which opens at nine and serves soup
at lunchtime to anyone with a reader's card, at a price the committee
thinks fair and the cafe thinks generous.
The committee meets again in October.
`

// A PDF copy: no blank lines, a page number and a form feed between the
// pages, a ligature character.
const pdfText = "Winter Hours at the Pool\n" +
	"The pool closes for two weeks in January while the ﬁlters are\n" +
	"changed and the tiles around the deep end are replaced. During the\n" +
	"closure the gym and the sauna stay open at their usual times, and\n" +
	"swimmers with a season ticket get the two weeks added at the end.\n" +
	"We are sorry for the trouble.\n" +
	"From February the early session starts at half past six, not at\n" +
	"seven, for the members who asked for it in the autumn survey. The\n" +
	"\n" +
	"1\n" +
	"\n" +
	"\fevening sessions do not change, and the lanes for lengths stay\n" +
	"where they were.\n" +
	"Lessons for children resume in the second week of February, with\n" +
	"the same teachers and in the same groups as before the closure.\n" +
	"Parents who cannot make the new times should call the front desk,\n" +
	"which will try to find a place in another group for them.\n" +
	"\n" +
	"2\n"

func TestPasteConventions(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		title       string
		authors     []string
		outline     []string
		conventions []string
		links       []string
		absent      []string // text that must not survive
		present     []string // text that must
	}{
		{
			name:        "text browser dump with numbered references",
			src:         browserDump,
			title:       "The Night Ferry Timetable",
			authors:     []string{"Ada Lindqvist"},
			outline:     []string{"p: From May the night", "p: Tickets bought before May", "h1: Fares", "p: Fares do not change", "list", "p: The kiosk closes at"},
			conventions: []string{"numbered-references", "margin", "outdented-headings", "centred-lines"},
			links:       []string{"new → https://example.org/timetable", "ferry → https://example.org/ferries"},
			absent:      []string{"[1]", "References", "1. https"},
		},
		{
			name:  "converter headings between stars with paragraphs by line length",
			src:   starText,
			title: "Rules of the Reading Room",
			outline: []string{"p: Keeping a library quiet", "p: This year it kept", "h1: Silence", "p: Phones go to silent",
				"p: Conversation at the desk", "h1: Food and drink", "p: Water in a closed", "p: The committee meets again"},
			conventions: []string{"star-headings", "underscored-links", "line-length-paragraphs"},
			absent:      []string{"_", "*"},
			present:     []string{"the rules committee", "the Cafe on the ground floor"},
		},
		{
			name:    "PDF copy with a page number and a form feed",
			src:     pdfText,
			title:   "Winter Hours at the Pool",
			outline: []string{"p: The pool closes for", "p: From February the early", "p: Lessons for children resume"},
			// "We are sorry…" ends its paragraph on a short line, but
			// "…added at the end." before it is a full line: it stays.
			conventions: []string{"page-breaks", "line-length-paragraphs"},
			absent:      []string{"ﬁ", "\f", "The 1 evening", " 2"},
			present:     []string{"filters", "The evening sessions"},
		},
		{
			name: "PDF copy with a running head on every page",
			src: "Minutes of the Garden Society\n" +
				"The meeting opened at seven with eleven members present and the\n" +
				"chair in good spirits after the show. The minutes of the last\n" +
				"meeting were read and signed without a word.\n" +
				"\n1\n\n\fMinutes of the Garden Society\n" +
				"The treasurer reported a small surplus from the plant sale, most of\n" +
				"it from the tomato seedlings, and asked for a new cash box.\n" +
				"\n2\n\n\fMinutes of the Garden Society\n" +
				"Under any other business the secretary asked for volunteers to\n" +
				"water the shared beds in August, and three hands went up at once.\n" +
				"\n3\n\n\fMinutes of the Garden Society\n" +
				"The meeting closed at nine, and the next will be in October.\n" +
				"\n4\n",
			title:       "Minutes of the Garden Society",
			outline:     []string{"p: The meeting opened at", "p: The treasurer reported a", "p: Under any other business", "p: The meeting closed at"},
			conventions: []string{"page-breaks"},
		},
		{
			name: "text browser reference whose address holds a space",
			src: "Field Notes\n\n   The [1]survey map shows the old hedges along the lane. The\n" +
				"   [2]parish records name the fields, and the names are older than\n   the hedges.\n\n" +
				"   Both are kept at the library.\n\nReferences\n\n" +
				"   1. https://example.org/maps/Old Hedges.pdf\n   2. https://example.org/records\n",
			title:       "Field Notes",
			outline:     []string{"p: The survey map shows", "p: Both are kept at"},
			conventions: []string{"numbered-references", "margin"},
			links:       []string{"survey → https://example.org/maps/Old%20Hedges.pdf", "parish → https://example.org/records"},
			absent:      []string{"References", "[1]", "Old Hedges"},
		},
		{
			name: "text browser dump with a centred title wrapped over two lines",
			src: " A Long Title About the Winter Closure of the Municipal Pool\n" +
				"                          and Gym\n\n" +
				"   The pool closes for two weeks in January while the old\n" +
				"   filters are changed and the cracked tiles are replaced.\n\n" +
				"   The gym and the sauna stay open at their usual times,\n" +
				"   and season tickets get the two weeks added at the end.\n\n" +
				"   Lessons for children resume in the second week of\n" +
				"   February, with the same teachers as before.\n",
			title:       "A Long Title About the Winter Closure of the Municipal Pool and Gym",
			outline:     []string{"p: The pool closes for", "p: The gym and the", "p: Lessons for children resume"},
			conventions: []string{"margin", "centred-lines"},
		},
		{
			name: "w3m dump with link numbers",
			src: "Field Notes\n\nThe [1]survey map shows the old hedges along the lane.\n\n" +
				"Both are kept at the library.\n\nReferences:\n\n[1] https://example.org/maps\n",
			title:       "Field Notes",
			outline:     []string{"p: The survey map shows", "p: Both are kept at"},
			conventions: []string{"numbered-references"},
			links:       []string{"survey → https://example.org/maps"},
			absent:      []string{"References", "[1]"},
		},
		{
			name: "quotation set in by two columns",
			src: "Harbour Notes\n\nThe harbour master spoke at the meeting.\n\n" +
				"  We would rather raise the fees a little every year than a lot\n  once a decade.\n\n" +
				"Nobody disagreed with her, and the fees went up in April.\n",
			title:   "Harbour Notes",
			outline: []string{"p: The harbour master spoke", "quote", "p: Nobody disagreed with her,"},
		},
		{
			name: "program code that lost its indentation",
			src: "Fetching\n\nThe call returns a promise that resolves to the response.\n\n" +
				"fetch(\"/data.json\").then(function(res) { if (res.ok) {\nres.json().then(function(d) { show(d); }); } });\n\n" +
				"Errors reach the second function instead.\n",
			title:   "Fetching",
			outline: []string{"p: The call returns a", "code", "p: Errors reach the second"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			doc := res.Doc
			if doc.Title != tc.title {
				t.Errorf("title %q, want %q", doc.Title, tc.title)
			}
			if tc.authors != nil && !slices.Equal(doc.Authors, tc.authors) {
				t.Errorf("authors %q, want %q", doc.Authors, tc.authors)
			}
			if got := outline(doc); !slices.Equal(got, tc.outline) {
				t.Errorf("outline\n got %q\nwant %q", got, tc.outline)
			}
			names := conventionNames(res)
			for _, c := range tc.conventions {
				if !slices.Contains(names, c) {
					t.Errorf("conventions %q lack %q", names, c)
				}
			}
			if tc.links != nil {
				if got := linkTargets(doc); !slices.Equal(got, tc.links) {
					t.Errorf("links %q, want %q", got, tc.links)
				}
			}
			var text strings.Builder
			for _, b := range doc.Blocks {
				text.WriteString(model.BlockText(b) + "\n")
			}
			for _, a := range tc.absent {
				if strings.Contains(text.String(), a) {
					t.Errorf("%q survives in\n%s", a, text.String())
				}
			}
			for _, p := range tc.present {
				if !strings.Contains(text.String(), p) {
					t.Errorf("%q missing from\n%s", p, text.String())
				}
			}
		})
	}
}

// TestConventionsNeedEvidence checks texts that look like a convention in
// one place but do not follow it: they are read as they were written.
func TestConventionsNeedEvidence(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		absent  []string // conventions that must not be found
		present []string // text that must survive
	}{
		{
			name: "program names with underscores",
			src: "Configuration\n\nSet max_retries to three and retry_delay to a second. The\n" +
				"defaults live in config_file.\n",
			absent:  []string{"underscored-links"},
			present: []string{"max_retries", "retry_delay", "config_file"},
		},
		{
			name: "a numbered list of sources the author wrote",
			src: "Sources\n\nThe figures come from two reports.\n\nReferences\n\n" +
				"1. https://example.org/report-2020\n2. https://example.org/report-2021\n",
			absent:  []string{"numbered-references"},
			present: []string{"https://example.org/report-2020"},
		},
		{
			name: "paragraphs apart by blank lines",
			src: "Notes\n\n" + strings.Repeat("A line of prose that runs on to the next line and\nends here. ", 1) +
				"\n\nAnother paragraph that\nstarts here and also ends.\n\nA third.\n",
			absent: []string{"line-length-paragraphs", "margin", "page-breaks"},
		},
		{
			name:    "a lone number is no page number without pages",
			src:     "Scores\n\nThe home side scored\n\n3\n\nand the visitors none.\n",
			absent:  []string{"page-breaks"},
			present: []string{"3"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			names := conventionNames(res)
			for _, c := range tc.absent {
				if slices.Contains(names, c) {
					t.Errorf("found %q in %q", c, names)
				}
			}
			var text strings.Builder
			for _, b := range res.Doc.Blocks {
				text.WriteString(model.BlockText(b) + "\n")
			}
			for _, p := range tc.present {
				if !strings.Contains(text.String(), p) {
					t.Errorf("%q missing from\n%s", p, text.String())
				}
			}
		})
	}
}

// TestFormFeedOutsideText checks that the other readers take a form feed
// for a line break, as before.
func TestFormFeedOutsideText(t *testing.T) {
	res, err := Read([]byte("# Title\n\nPage one.\fPage two.\n"), Options{Format: FormatMarkdown})
	if err != nil {
		t.Fatal(err)
	}
	got := outline(res.Doc)
	if want := []string{"p: Page one.", "p: Page two."}; !slices.Equal(got, want) && !slices.Equal(got, []string{"p: Page one. Page two."}) {
		t.Errorf("outline %q, want the two pages as text", got)
	}
}
