package reader

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// TestParseDateValue covers the dates of metadata fields and date lines,
// which the Markdown and HTML readers read with the text reader's rules.
func TestParseDateValue(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"iso", "2020-03-25", "2020-03-25"},
		{"iso timestamp", "2020-11-10T12:01:00Z", "2020-11-10"},
		{"iso with offset keeps the written day", "2015-03-10T23:05:41-07:00", "2015-03-10"},
		{"slashes", "2016/05/08", "2016-05-08"},
		{"year", "1886", "1886"},
		{"day month year", "25 March 2020", "2020-03-25"},
		{"weekday comma", "Sunday, May 8, 2016", "2016-05-08"},
		{"weekday no comma", "Tuesday 15 October 2019", "2019-10-15"},
		{"abbreviated month", "Nov. 10, 2020", "2020-11-10"},
		{"ordinal", "2nd October, 1886", "1886-10-02"},
		{"of", "the 3rd of March 2021", "2021-03-03"},
		{"time after", "Tuesday 15 October 2019 at 09:11", "2019-10-15"},
		{"french", "3 mars 2021", "2021-03-03"},
		{"spanish", "15 de marzo de 2023", "2023-03-15"},
		{"german", "12. Mai 2020", "2020-05-12"},
		{"portuguese ordinal", "1º de abril de 2019", "2019-04-01"},
		{"date prefix", "Posted on March 10, 2015", "2015-03-10"},
		{"time with zone", "May 8, 2016 10:00 AM (EST)", "2016-05-08"},
		{"time with offset", "2016-05-08 10:00 +02:00", "2016-05-08"},
		{"month and year only", "March 2020", "2020"},
		{"not a day", "February 30, 2020", ""},
		{"sentence", "The boats came home on 3 March 2021", ""},
		{"name", "Bradley M. Kuhn", ""},
		{"empty", "", ""},
		{"two years", "2020 2021", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := parseDateValue(tc.in, "")
			if got := d.String(); got != tc.want || ok != (tc.want != "") {
				t.Errorf("parseDateValue(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
			}
		})
	}
}

// TestDateline covers the header lines the Markdown and HTML readers take
// out of the body (parseDateline, the text reader's parseHeaderLine).
func TestDateline(t *testing.T) {
	tests := []struct {
		name, in, authors, date string
		ok                      bool
	}{
		{"byline", "By Steve Francia", "Steve Francia", "", true},
		{"byline list", "By Carmen Andoh, Russ Cox and Steve Francia", "Carmen Andoh|Russ Cox|Steve Francia", "", true},
		{"author label with affiliation", "Author: Russ Cox, for the Go team", "Russ Cox", "", true},
		{"posted by", "Posted by Andrew Zonenberg", "Andrew Zonenberg", "", true},
		{"written by lowercase", "written by Greg Butterfield", "Greg Butterfield", "", true},
		{"date line", "Posted on March 10, 2015", "", "2015-03-10", true},
		{"byline pipe date", "By Carmen Andoh, Russ Cox and Steve Francia | 25 March 2020", "Carmen Andoh|Russ Cox|Steve Francia", "2020-03-25", true},
		{"date by author", "Tuesday 15 October 2019 by Bradley M. Kuhn", "Bradley M. Kuhn", "2019-10-15", true},
		{"post footer", "Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.", "Bradley M. Kuhn", "2019-10-15", true},
		{"date dot name", "3 March 2021 · Jane Roe", "Jane Roe", "2021-03-03", true},
		{"byline comma date", "By Jane Roe, 4 April 2022", "Jane Roe", "2022-04-04", true},
		{"name taken out", "By · 8 March 2022", "", "2022-03-08", true},
		{"time and byline", "Posted on March 3, 2023 at 09:11 by Ana Lima", "Ana Lima", "2023-03-03", true},
		{"french time", "Publié le 3 mars 2021 à 14h05", "", "2021-03-03", true},
		{"reading time", "Published: 14 September 2023 · 6 min read", "", "2023-09-14", true},
		{"updated date", "Published 3 May 2021 | Updated 5 May 2021", "", "2021-05-03", true},
		{"sentence with by", "The harbour was built by fishermen in 1890", "", "", false},
		{"by lowercase words", "by the way, this is a sentence", "", "", false},
		{"plain sentence", "Every evening the keeper climbed the tower.", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, d, ok := parseDateline(tc.in, "en")
			if ok != tc.ok || strings.Join(a, "|") != tc.authors || d.String() != tc.date {
				t.Errorf("parseDateline(%q) = %q, %q, %v; want %q, %q, %v", tc.in, a, d, ok, tc.authors, tc.date, tc.ok)
			}
		})
	}
}

func TestMetaAuthors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one", "Steve Francia", "Steve Francia"},
		{"and", "Ana Ruiz and Pieter de Vries", "Ana Ruiz|Pieter de Vries"},
		{"ampersand and comma", "A. Smith, B. Jones & C. Brown", "A. Smith|B. Jones|C. Brown"},
		{"url in parentheses", "Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn"},
		{"email", "Jane Roe <jane@example.org>", "Jane Roe"},
		{"affiliation", "Russ Cox, for the Go team", "Russ Cox"},
		{"by prefix", "By Nikhil Marathe", "Nikhil Marathe"},
		{"initial keeps its period", "Bradley M.", "Bradley M."},
		{"editor credited after the author", "Written by Ann Lee Edited by Bo Chan", "Ann Lee"},
		{"photographer credited after a comma", "By Ann Lee, photographs by Bo Chan", "Ann Lee"},
		{"credential after a comma", "By Brenda Goodwin, MA", "Brenda Goodwin"},
		{"two authors with degrees", "Ann Lee, PhD, and Bo Chan, MD", "Ann Lee|Bo Chan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(metaAuthors(tc.in), "|"); got != tc.want {
				t.Errorf("metaAuthors(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMetaCleanTitle(t *testing.T) {
	tests := []struct {
		name, title string
		exact       []string
		hints       []string
		want        string
	}{
		{"author suffix (corpus 005)", "On Recent Controversial Events - Bradley M. Kuhn ( Brad ) ( bkuhn )", nil, []string{"Bradley M. Kuhn"}, "On Recent Controversial Events"},
		{"og title inside (corpus 006)", "Silicon Exposed: Open Verilog flow for Silego GreenPak4 programmable logic devices", []string{"Open Verilog flow for Silego GreenPak4 programmable logic devices"}, nil, "Open Verilog flow for Silego GreenPak4 programmable logic devices"},
		{"site suffix with star (corpus 007)", "This API is so Fetching! ✩ Mozilla Hacks – the Web developer blog", nil, []string{"Mozilla Hacks – the Web developer blog"}, "This API is so Fetching!"},
		{"site prefix", "Coastal Notes | The Lamp Room", nil, []string{"Coastal Notes"}, "The Lamp Room"},
		{"pipe without hint", "The Lamp Room in Winter | Coastal Notes", nil, nil, "The Lamp Room in Winter"},
		{"hyphen without hint is kept", "Spider-Man - A Retrospective", nil, nil, "Spider-Man - A Retrospective"},
		{"dash without hint is kept", "Tying Knots – Part 2", nil, nil, "Tying Knots – Part 2"},
		{"plain", "Knots Worth Knowing", nil, []string{"Coastal Notes"}, "Knots Worth Knowing"},
		{"dash before a site name after a long title", "Mending nets on the north quay – Harbour Notes", nil, nil, "Mending nets on the north quay"},
		{"dash before a number is kept", "Mending nets on the north quay – Part 2", nil, nil, "Mending nets on the north quay – Part 2"},
		{"middle dot before a site name", "Outside the harbour: mending nets at sea · Quay", nil, nil, "Outside the harbour: mending nets at sea"},
		{"a short h1 is a logo, not the title", "Outside the harbour: mending nets at sea · Quay", []string{"Quay"}, nil, "Outside the harbour: mending nets at sea"},
		{"long site name after a pipe", "Talks on the Quay - Chapter 1 - Netmender | Harbour Tales | Harbour Tales [Archive of Old Stories]", nil, nil, "Talks on the Quay - Chapter 1 - Netmender | Harbour Tales"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := metaCleanTitle(tc.title, tc.exact, tc.hints); got != tc.want {
				t.Errorf("metaCleanTitle(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestMetaLang(t *testing.T) {
	for in, want := range map[string]string{"en-US": "en-us", "en_GB": "en-gb", "fr": "fr", "": "", "english": "", "de, en": "de"} {
		if got := metaLang(in); got != want {
			t.Errorf("metaLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	tests := []struct {
		name, in, base, want string
		verdict              linkVerdict
	}{
		{"absolute", "https://go.dev/blog", "", "https://go.dev/blog", linkOK},
		{"relative kept without base", "/wiki/Conferences", "", "/wiki/Conferences", linkOK},
		{"relative resolved with base", "/wiki/Conferences", "https://go.dev/blog/x", "https://go.dev/wiki/Conferences", linkOK},
		{"protocol relative", "//example.org/a", "", "https://example.org/a", linkOK},
		{"mailto", "mailto:a@example.org", "", "mailto:a@example.org", linkOK},
		{"space escaped", "/a b", "", "/a%20b", linkOK},
		{"fragment", "#top", "", "", linkDead},
		{"empty", "  ", "", "", linkDead},
		{"javascript", "javascript:alert(1)", "", "", linkUnsafe},
		{"javascript mixed case", "JaVaScRiPt:alert(1)", "", "", linkUnsafe},
		{"javascript with tab", "java\tscript:alert(1)", "", "", linkUnsafe},
		{"javascript with newline and spaces", " java\nscript:alert(1)", "", "", linkUnsafe},
		{"data", "data:text/html,<script>", "", "", linkUnsafe},
		{"vbscript", "vbscript:msgbox", "", "", linkUnsafe},
		{"file", "file:///etc/passwd", "", "", linkUnsafe},
		{"http without host", "http:///x", "", "", linkBad},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, v := linkTarget(tc.in, model.LinkBase(tc.base))
			if got != tc.want || v != tc.verdict {
				t.Errorf("linkTarget(%q) = %q, %v; want %q, %v", tc.in, got, v, tc.want, tc.verdict)
			}
		})
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, in                   string
		title, authors, date, lang string
		found                      bool
		bodyStart                  string
	}{
		{"yaml", "---\ntitle: T\nby:\n- A B\n- C D\ndate: 2020-03-25\nlang: fr\n---\nbody", "T", "A B|C D", "2020-03-25", "fr", true, "body"},
		{"yaml dots end", "---\ntitle: T\n...\nbody", "T", "", "", "", true, "body"},
		{"yaml author map", "---\nauthor:\n  name: A B\n---\nbody", "", "A B", "", "", true, "body"},
		{"yaml timestamp", "---\ndate: 2020-11-10T12:01:00Z\n---\nbody", "", "", "2020-11-10", "", true, "body"},
		{"toml", "+++\ntitle = \"T\"\nauthors = [\"A B\"]\ndate = 2021-11-02\n+++\nbody", "T", "A B", "2021-11-02", "", true, "body"},
		{"not a mapping stays markdown", "---\n- a\n- b\n---\nbody", "", "", "", "", false, "---"},
		{"unclosed", "---\ntitle: T\nbody", "", "", "", "", false, "---"},
		{"thematic break first", "---\n\nText\n", "", "", "", "", false, "---"},
		{"none", "# Title\n", "", "", "", "", false, "# Title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, body, _, found := frontMatter(tc.in, Options{})
			if found != tc.found || m.Title != tc.title || strings.Join(m.Authors, "|") != tc.authors ||
				m.Date.String() != tc.date || m.Lang != tc.lang || !strings.HasPrefix(body, tc.bodyStart) {
				t.Errorf("frontMatter = %+v, body %q, found %v", m, body, found)
			}
		})
	}
}
