package reader

import (
	"slices"
	"strings"
	"testing"
)

// wrapped72 is prose hard-wrapped at 72 columns, enough lines for the
// reader to measure the wrap.
const wrapped72 = "The committee met on Tuesday evening in the back room of the library\n" +
	"and went through every item on the agenda, one after another, until\n" +
	"the caretaker came to lock up and sent everybody home in the rain. It\n" +
	"was agreed that the next meeting would start earlier, at six o'clock,\n" +
	"so that nobody would have to rush the last items as they did tonight.\n"

// TestListAfterHeadingLineKeepsMarkers reads a heading line directly
// followed by a "- " list, then a paragraph after a blank line. The markers
// must not become dashes, and the paragraph must not be glued to the last
// item.
func TestListAfterHeadingLineKeepsMarkers(t *testing.T) {
	src := "Pond Dipping Day\n\nThe pond behind the school was cleaned last week by twenty volunteers.\n\n" +
		"What we still need\n- Nets for the little ones\n- A second bench\n- Someone to mend the gate\n\n" +
		"The next work day is on Sunday. Bring boots -- it is muddy.\n"
	want := "paragraph: The pond behind the school was cleaned last week by twenty volunteers.\n" +
		"heading 1: What we still need\nlist:\n  item:\n    paragraph: Nets for the little ones\n  item:\n    paragraph: A second bench\n" +
		"  item:\n    paragraph: Someone to mend the gate\nparagraph: The next work day is on Sunday. Bring boots — it is muddy.\n"
	if got := dumpBody(t, readString(t, src).Doc); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestListShapes(t *testing.T) {
	tests := []dumpCase{
		{"list after a sentence", "T\n\nWe asked for the following things.\n- soap\n- towels\n",
			"paragraph: We asked for the following things.\nlist:\n  item:\n    paragraph: soap\n  item:\n    paragraph: towels\n"},
		{"numbers counting on after prose", "T\n\nThe steps are simple.\n1. Mix\n2. Bake\n",
			"paragraph: The steps are simple.\nlist ordered start=1:\n  item:\n    paragraph: Mix\n  item:\n    paragraph: Bake\n"},
		{"number in wrapped prose", "T\n\nMembership rose from 180 at the start of the season to\n240. That is the highest figure yet.\n",
			"paragraph: Membership rose from 180 at the start of the season to 240. That is the highest figure yet.\n"},
		{"numbers that do not count on", "T\n\nWe counted 180 in\n240. Then we counted\n200. Then we stopped.\n",
			"paragraph: We counted 180 in 240. Then we counted 200. Then we stopped.\n"},
		{"letters", "T\n\nThe agenda:\na) minutes;\nb) accounts.\n",
			"paragraph: The agenda:\nlist ordered start=1 numbering=a:\n  item:\n    paragraph: minutes;\n  item:\n    paragraph: accounts.\n"},
		{"letters from c", "T\n\nAnd then:\nc) tea;\nd) home.\n",
			"paragraph: And then:\nlist ordered start=3 numbering=a:\n  item:\n    paragraph: tea;\n  item:\n    paragraph: home.\n"},
		{"numbers in brackets", "T\n\nNotes:\n(1) One.\n(2) Two.\n",
			"paragraph: Notes:\nlist ordered start=1:\n  item:\n    paragraph: One.\n  item:\n    paragraph: Two.\n"},
		{"tab after the marker", "T\n\nBring:\n•\tboots\n•\ta hat\n",
			"paragraph: Bring:\nlist:\n  item:\n    paragraph: boots\n  item:\n    paragraph: a hat\n"},
		{"pasted second level", "T\n\nBring:\n·  a bag with:\no  a map\no  a pen\n·  a hat\n",
			"paragraph: Bring:\nlist:\n  item:\n    paragraph: a bag with:\n    list:\n      item:\n        paragraph: a map\n      item:\n        paragraph: a pen\n  item:\n    paragraph: a hat\n"},
		{"another bullet starts another list", "T\n\nBring:\n- boots\n- a hat\n* sandwiches\n* water\n",
			"paragraph: Bring:\nlist:\n  item:\n    paragraph: boots\n  item:\n    paragraph: a hat\nlist:\n  item:\n    paragraph: sandwiches\n  item:\n    paragraph: water\n"},
		{"letters under a number", "T\n\nOn the day:\n1. Return the keys:\na. front door\nb. bike store\n2. Leave\n",
			"paragraph: On the day:\nlist ordered start=1:\n  item:\n    paragraph: Return the keys:\n    list ordered start=1 numbering=a:\n      item:\n        paragraph: front door\n      item:\n        paragraph: bike store\n  item:\n    paragraph: Leave\n"},
		{"a heading in bold", "T\n\nIntro line here.\n\n**Water butts**\nWe have ordered twenty new water butts, which will arrive in May.\n",
			"paragraph: Intro line here.\nheading 1: Water butts\nparagraph: We have ordered twenty new water butts, which will arrive in May.\n"},
		{"an o in a Portuguese item", "T\n\nA pauta:\n- A reunião será no salão e\no presidente abre a sessão.\n- Votação.\n",
			"paragraph: A pauta:\nlist:\n  item:\n    paragraph: A reunião será no salão e o presidente abre a sessão.\n  item:\n    paragraph: Votação.\n"},
		{"an o in prose", "T\n\nO livro chegou ontem e\no leitor gostou muito dele.\n",
			"paragraph: O livro chegou ontem e o leitor gostou muito dele.\n"},
	}
	checkDumps(t, tests)
}

func TestDialogue(t *testing.T) {
	tests := []dumpCase{
		{"French dashes", "T\n\n– Tu viens ce soir ? demanda Marie.\n– Oui, mais plus tard.\n",
			"paragraph: – Tu viens ce soir~? demanda Marie.\nparagraph: – Oui, mais plus tard.\n"},
		{"Spanish rayas with blank lines", "T\n\n—¿Vienes? —preguntó.\n\n—Sí, luego.\n",
			"paragraph: —¿Vienes? —preguntó.\nparagraph: —Sí, luego.\n"},
		{"a French list", "T\n\nPendant les travaux :\n– les cours ont lieu au gymnase ;\n– l'accueil reste ouvert.\n",
			"paragraph: Pendant les travaux~:\nlist:\n  item:\n    paragraph: les cours ont lieu au gymnase~;\n  item:\n    paragraph: l’accueil reste ouvert.\n"},
		{"English keeps its list", "T\n\nWe need:\n- Bread.\n- Milk.\n",
			"paragraph: We need:\nlist:\n  item:\n    paragraph: Bread.\n  item:\n    paragraph: Milk.\n"},
	}
	checkDumps(t, tests)
}

func TestNumberedHeadings(t *testing.T) {
	tests := []dumpCase{
		{"text right under", "T\n\n1. Welcome\nAna opened the meeting.\n\n2. Accounts\nThey were approved.\n",
			"heading 1: 1. Welcome\nparagraph: Ana opened the meeting.\nheading 1: 2. Accounts\nparagraph: They were approved.\n"},
		{"text after a blank line", "T\n\n1. Background\n\nThe hall was built in 1904.\n",
			"heading 1: 1. Background\nparagraph: The hall was built in 1904.\n"},
		{"items stay items", "T\n\n1. Mix the flour\n2. Add the water\n",
			"list ordered start=1:\n  item:\n    paragraph: Mix the flour\n  item:\n    paragraph: Add the water\n"},
		{"a sentence is an item", "T\n\n1. Mix the flour well.\nThen rest it.\n",
			"list ordered start=1:\n  item:\n    paragraph: Mix the flour well. Then rest it.\n"},
		{"after an introduction", "T\n\nSteps:\n\n1. Mix\n\nThen bake it.\n",
			"paragraph: Steps:\nlist ordered start=1:\n  item:\n    paragraph: Mix\nparagraph: Then bake it.\n"},
	}
	checkDumps(t, tests)
}

func TestHeadingAboveText(t *testing.T) {
	long := "The committee will walk round the site on the last weekend of the month."
	tests := []dumpCase{
		{"unwrapped", "T\n\nIntro line here.\n\nPlot inspections\n" + long + "\n",
			"paragraph: Intro line here.\nheading 1: Plot inspections\nparagraph: " + long + "\n"},
		{"colon", "T\n\nIntro line here.\n\nLost property:\n" + long + "\n",
			"paragraph: Intro line here.\nheading 1: Lost property\nparagraph: " + long + "\n"},
		{"wrapped", "T\n\n" + wrapped72 + "\nPlot inspections\n" + wrapped72,
			"heading 1: Plot inspections\n"},
		{"short line under a name", "T\n\nIntro line here.\n\nHelen Forsyth\nTreasurer\n",
			"paragraph: Intro line here.\nparagraph: Helen Forsyth{br}Treasurer\n"},
		{"stray break after a function word", "T\n\nIntro line here.\n\nWe thank the\nVolunteers of the Riverside Food Bank for all of their hard work this year.\n",
			"paragraph: Intro line here.\nparagraph: We thank the Volunteers of the Riverside Food Bank for all of their hard work this year.\n"},
		{"colon before a quotation", "T\n\nIntro line here.\n\nShe said:\n\"" + long + "\"\n",
			"paragraph: Intro line here.\nparagraph: She said: “" + long + "”\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := dumpBody(t, readString(t, tc.src).Doc)
			if !strings.Contains(got, tc.want) {
				t.Errorf("got:\n%s\nwant it to contain:\n%s", got, tc.want)
			}
		})
	}
}

func TestLineated(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"verse", "The beans are down, the canes are bare,\nthe robin owns the compost heap;\nI lean my spade against the chair\nand count the onions I will keep.", true},
		{"form", "When: Saturday 22 July 2023, from noon until ten in the evening\nWhere: Maple Road, between Oak Avenue and the park gates", true},
		{"sign-off", "Yours sincerely,\nMrs J. Patel\nHead of Year 7", true},
		{"name and role", "Helen Forsyth\nTreasurer", true},
		{"addresses", "https://example.org/a\nhttps://example.org/b", true},
		{"sign-off with an address", "Grace Adeyemi\nSecretary\nhttps://residents.example.org/northfield/committee/contact", true},
		{"a URL the wrap put on its own line", "you can read the summary at\nhttps://example.org/eastside/repairs/summary\nand add your own.", false},
		{"two sentences", "We will be back.\nAnd we will win.", false},
		{"stray breaks", "In May, the union opened\nthe\nnew advice centre, run by volunteers.", false},
		{"wrapped prose", "Thank you all for coming, and see you\nnext month at the same time.", false},
		{"long lines", "The committee met on Tuesday evening in the back room of the library,\nand everyone came.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &textReader{}
			var lines []srcLine
			for i, l := range strings.Split(tc.src, "\n") {
				lines = append(lines, newLine(int32(i+1), l))
			}
			if got := r.lineated(lines); got != tc.want {
				t.Errorf("lineated = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSalutations(t *testing.T) {
	tests := []dumpCase{
		{"over the first line", "T\n\nHi all,\nThe meeting is moved to Thursday, in the same room as before.\n",
			"paragraph: Hi all,\nparagraph: The meeting is moved to Thursday, in the same room as before.\n"},
		{"over a lowercase paragraph", "T\n\nLiebe Mitglieder,\n\nab Montag trainieren wir wieder.\n",
			"paragraph: Liebe Mitglieder,\nparagraph: ab Montag trainieren wir wieder.\n"},
		{"not a greeting", "T\n\nAs we said,\n\nthe hall is closed.\n",
			"paragraph: As we said, the hall is closed.\n"},
	}
	checkDumps(t, tests)
}

func TestHeaderShapes(t *testing.T) {
	const body = "\n\nThe body of the article goes here, in a sentence of its own.\n"
	tests := []struct {
		name, src            string
		title, date, authors string
		first, repair        string // first body block; a repair detail that must appear
	}{
		{"breadcrumb", "Home › News › Local\n\nThe Bridge Reopens\n\nBy Ana Lima\nMay 3, 2021" + body,
			"The Bridge Reopens", "2021-05-03", "Ana Lima", "paragraph: Home › News › Local", "above the title"},
		{"press release", "PRESS RELEASE\n\nThe Bridge Reopens\n\nMay 3, 2021" + body,
			"The Bridge Reopens", "2021-05-03", "", "paragraph: PRESS RELEASE", ""},
		{"masthead", "The Valley Gazette\n\nThe Bridge Reopens\n\nBy Ana Lima" + body,
			"The Bridge Reopens", "", "Ana Lima", "paragraph: The Valley Gazette", ""},
		{"a masthead word in a title over its byline", "Garden Club Newsletter\nBy Ana Lima\nMay 3, 2021" + body,
			"Garden Club Newsletter", "2021-05-03", "Ana Lima", "", ""},
		{"mail subject", "Subject: Re: Fwd: The Bridge Reopens" + body,
			"The Bridge Reopens", "", "", "", `"Subject: Re: Fwd:" left out`},
		{"time of day", "The Bridge Reopens\nPosted on May 3, 2021 at 09:11 by Ana Lima" + body,
			"The Bridge Reopens", "2021-05-03", "Ana Lima", "", ""},
		{"time in French", "Le pont rouvre\nPublié le 3 mai 2021 à 14h05" + body,
			"Le pont rouvre", "2021-05-03", "", "", ""},
		{"reading time", "The Bridge Reopens\nAna Lima\nMay 3, 2021 · 4 min read" + body,
			"The Bridge Reopens", "2021-05-03", "Ana Lima", "", `"4 min read" left out`},
		{"updated on the same line", "The Bridge Reopens\nPublished 3 May 2021 | Updated 5 May 2021" + body,
			"The Bridge Reopens", "2021-05-03", "", "", `"Updated 5 May 2021" left out`},
		{"month only", "The Bridge Reopens\nMarch 2021" + body,
			"The Bridge Reopens", "2021", "", "", `the month-only date "March 2021" kept as its year`},
		{"organisation is no author", "The Bridge Reopens\nRiverside Residents' Association\nMay 3, 2021" + body,
			"The Bridge Reopens", "2021-05-03", "", "", ""},
		{"byline after the standfirst", "The Bridge Reopens\n\nAfter two years the bridge is open again.\n\nBy Ana Lima" + body,
			"The Bridge Reopens", "", "Ana Lima", "paragraph: After two years the bridge is open again.", ""},
		{"dates in other languages", "El puente\n15 de marzo de 2023" + body, "El puente", "2023-03-15", "", "", ""},
		{"German date", "Die Brücke\n12. Mai 2020" + body, "Die Brücke", "2020-05-12", "", "", ""},
		{"Portuguese ordinal", "A ponte\n1º de abril de 2019" + body, "A ponte", "2019-04-01", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			d := res.Doc
			if d.Title != tc.title || d.Date.String() != tc.date || strings.Join(d.Authors, "|") != tc.authors {
				t.Errorf("title %q date %q authors %q; want %q %q %q", d.Title, d.Date, d.Authors, tc.title, tc.date, tc.authors)
			}
			if first := strings.SplitN(dumpBody(t, d), "\n", 2)[0]; tc.first != "" && first != tc.first {
				t.Errorf("first block %q, want %q", first, tc.first)
			}
			if tc.repair != "" && !slices.ContainsFunc(res.Repairs, func(r Repair) bool { return strings.Contains(r.Detail, tc.repair) }) {
				t.Errorf("no repair says %q: %v", tc.repair, res.Repairs)
			}
		})
	}
}

func TestSignOff(t *testing.T) {
	const body = "T\n\nThe hall will be closed on Monday for the floor to be sanded.\n\n"
	tests := []struct{ name, src, authors string }{
		{"closing and name", body + "Best wishes,\nMaria Lopez\n", "Maria Lopez"},
		{"e-mail signature", body + "-- \nMaria Lopez\nSecretary\n", "Maria Lopez"},
		{"name and role", body + "Maria Lopez\nSecretary\n", "Maria Lopez"},
		{"closing without a comma", body + "Mit freundlichen Grüßen\nMaria Lopez\n", "Maria Lopez"},
		{"no name", body + "See you soon,\nand thanks\n", ""},
		{"a byline wins", "T\nBy Ana Lima\n\nThe hall will be closed.\n\nBest,\nMaria Lopez\n", "Ana Lima"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(readString(t, tc.src).Doc.Authors, "|"); got != tc.authors {
				t.Errorf("authors %q, want %q", got, tc.authors)
			}
		})
	}
}

func TestTextTables(t *testing.T) {
	tests := []dumpCase{
		{"tabs", "T\n\nFigures:\n\nSite\tPlots\tWaiting\nHillside\t84\t37\nMill Lane\t52\t41\n",
			"table cols=3\n  head |Site|Plots|Waiting|\n  row |Hillside|84|37|\n  row |Mill Lane|52|41|\n"},
		{"empty cell", "T\n\nFigures:\n\nSite\tPlots\tWaiting\nHillside\t\t37\nMill Lane\t52\t41\n",
			"  row |Hillside||37|\n"},
		{"aligned columns", "T\n\nFigures:\n\nSite        Plots\nHillside       84\nMill Lane      52\n",
			"table cols=2\n  head |Site|Plots|\n  row |Hillside|84|\n  row |Mill Lane|52|\n"},
		{"aligned columns with a rule under the header",
			"T\n\nFigures:\n\nRoom       Use          Seats\n---------  -----------  -----\nHall       dances       120\nKitchen    teas         12\n",
			"table cols=3\n  head |Room|Use|Seats|\n  row |Hall|dances|120|\n  row |Kitchen|teas|12|\n"},
		{"words with single spaces stay in their cell",
			"T\n\nFigures:\n\nSite          Average wait\nCanal Side    1 year\nMill Lane     4 years\n",
			"  head |Site|Average wait|\n  row |Canal Side|1 year|\n"},
		{"pipes with a delimiter row",
			"T\n\nPrices:\n\n| Item | Price |\n|------|------:|\n| Tea | 1.20 |\n| Cake | 2.50 |\n\nThat is all.\n",
			"table cols=2\n  head |Item|Price|\n  row |Tea|1.20|\n  row |Cake|2.50|\nparagraph: That is all.\n"},
		{"pipes framed by a database shell",
			"T\n\nRows:\n\n+----+-------+\n| id | name  |\n+----+-------+\n|  1 | Ann   |\n|  2 | Bo    |\n+----+-------+\n",
			"table cols=2\n  head |id|name|\n  row |1|Ann|\n  row |2|Bo|\n"},
		{"an escaped pipe is text",
			"T\n\nOps:\n\n| op | meaning |\n|---|---|\n| a \\| b | either |\n| a & b | both |\n",
			"  row |a | b|either|\n"},
		{"two spaces after full stops", "T\n\nWe met.  It rained.  Then we went home\nto bed.  The end of the evening came.  Sleep\nfollowed.  Morning came too soon for all.\n",
			"paragraph: We met. It rained. Then we went home to bed."},
		{"a pipe inside prose is no table", "T\n\nRun ls | sort to list them, then\ncat notes | wc -l to count the lines.\n",
			"paragraph: Run ls | sort to list them, then cat notes | wc -l to count the lines.\n"},
		{"rows of unequal pipes are no table", "T\n\n| one | two |\n| three |\n",
			"paragraph: | one | two |{br}| three |\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dumpBody(t, readString(t, tc.src).Doc); !strings.Contains(got, tc.want) {
				t.Errorf("got:\n%s\nwant it to contain:\n%s", got, tc.want)
			}
		})
	}
}

func TestQuoteDepth(t *testing.T) {
	src := "T\n\nShe wrote:\n\n> Can we use the kitchen?\n> > Only after six.\n> Then we will come at six.\n"
	want := "paragraph: She wrote:\nquote:\n  paragraph: Can we use the kitchen?\n  quote:\n    paragraph: Only after six.\n  paragraph: Then we will come at six.\n"
	if got := dumpBody(t, readString(t, src).Doc); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestLinkPhrase(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"phrase since a function word", "We ran our annual user survey <https://a.org/s>.", "We ran our {link https://a.org/s:annual user survey}."},
		{"capped", "Read our complete community garden water grant guide <https://a.org/g>.", "Read our complete community {link https://a.org/g:garden water grant guide}."},
		{"stops at a comma", "On Monday, the Park Road garden <https://a.org/p> opens.", "On Monday, the {link https://a.org/p:Park Road garden} opens."},
		{"brackets kept whole", "The talk is at 10:00 AM (US Eastern) <https://a.org/t>.", "The talk is at {link https://a.org/t:10:00~AM (US Eastern)}."},
		{"nothing before", "Write to the secretary at <mailto:sec@a.org>.", "Write to the secretary at {link mailto:sec@a.org:sec@a.org}."},
		{"at the start", "<https://a.org/x> has the details.", "{link https://a.org/x:https://a.org/x} has the details."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.TrimSuffix(strings.TrimPrefix(dumpBody(t, readString(t, "T\n\n"+tc.in+"\n").Doc), "paragraph: "), "\n")
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// dumpCase is a text input and the body dump it must read as.
type dumpCase struct{ name, src, want string }

// checkDumps reads each case's input as text and compares the body dump.
func checkDumps(t *testing.T, tests []dumpCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dumpBody(t, readString(t, tc.src).Doc); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
