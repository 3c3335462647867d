package locale

import (
	"strings"
	"testing"
)

func TestWordsOfEachLanguage(t *testing.T) {
	tests := []struct {
		lang                       string
		firstOfMarch, november20th string
		names                      string // JoinNames of A, B and C
		by, notes, contents        string
	}{
		{"en", "March 1, 2020", "November 20, 2019", "A, B and C", "by", "Notes", "Contents"},
		{"fr", "1er mars 2020", "20 novembre 2019", "A, B et C", "par", "Notes", "Table des matières"},
		{"es", "1 de marzo de 2020", "20 de noviembre de 2019", "A, B y C", "por", "Notas", "Índice"},
		{"de", "1. März 2020", "20. November 2019", "A, B und C", "von", "Anmerkungen", "Inhalt"},
		{"it", "1 marzo 2020", "20 novembre 2019", "A, B e C", "di", "Note", "Indice"},
		{"pt", "1 de março de 2020", "20 de novembro de 2019", "A, B e C", "por", "Notas", "Sumário"},
	}
	if len(tests) != len(All()) {
		t.Errorf("the test covers %d languages, the table holds %d", len(tests), len(All()))
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			w, ok := For(tt.lang)
			if !ok || w.Lang != tt.lang {
				t.Fatalf("For(%q) = %q, %v", tt.lang, w.Lang, ok)
			}
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("1 March 2020", w.Date(2020, 3, 1), tt.firstOfMarch)
			check("20 November 2019", w.Date(2019, 11, 20), tt.november20th)
			check("the year 2019", w.Date(2019, 0, 0), "2019")
			check("no date", w.Date(0, 0, 0), "")
			check("JoinNames", w.JoinNames([]string{"A", "B", "C"}), tt.names)
			check("JoinNames of two", w.JoinNames([]string{"A", "B"}), "A "+w.And+" B")
			check("JoinNames of one", w.JoinNames([]string{"A"}), "A")
			check("By", w.By, tt.by)
			check("Notes", w.Notes, tt.notes)
			check("Contents", w.Contents, tt.contents)
			for what, s := range map[string]string{"Landmarks": w.Landmarks, "Cover": w.Cover,
				"TitlePage": w.TitlePage, "StartOfText": w.StartOfText, "Preface": w.Preface,
				"Untitled": w.Untitled, "And": w.And, "EditedBy": w.EditedBy, "DateForm": w.DateForm} {
				if s == "" {
					t.Errorf("%s is empty", what)
				}
			}
			for _, part := range []string{"{day}", "{month}", "{year}"} {
				if !strings.Contains(w.DateForm, part) {
					t.Errorf("DateForm %q lacks %s", w.DateForm, part)
				}
			}
			for i, m := range w.Months {
				if m == "" {
					t.Errorf("month %d has no name", i+1)
				}
				if got := MonthNumber(strings.ToLower(m)); got != i+1 {
					t.Errorf("MonthNumber(%q) = %d, want %d", m, got, i+1)
				}
			}
			for m, n := range w.OtherMonths {
				if got := MonthNumber(m); got != n {
					t.Errorf("MonthNumber(%q) = %d, want %d", m, got, n)
				}
			}
			for _, d := range w.Weekdays {
				if !IsWeekday(d) {
					t.Errorf("IsWeekday(%q) = false", d)
				}
			}
		})
	}
}

func TestForFallsBackToEnglish(t *testing.T) {
	tests := []struct {
		name, tag, lang string
		known           bool
	}{
		{"region subtag", "pt-br", "pt", true},
		{"upper case", "FR", "fr", true},
		{"unknown language", "nl", "en", false},
		{"empty tag", "", "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, ok := For(tt.tag)
			if w.Lang != tt.lang || ok != tt.known {
				t.Errorf("For(%q) = %q, %v; want %q, %v", tt.tag, w.Lang, ok, tt.lang, tt.known)
			}
			if Of(tt.tag) != w {
				t.Errorf("Of(%q) differs from For", tt.tag)
			}
		})
	}
}

func TestDateWordsOfAnyLanguage(t *testing.T) {
	tests := []struct {
		name, word string
		month      int
		weekday    bool
		filler     bool
		ordinal    bool
	}{
		{"abbreviated month", "nov", 11, false, false, false},
		{"month without its accent", "fevrier", 2, false, false, false},
		{"Austrian January", "jänner", 1, false, false, false},
		{"weekday abbreviation", "thurs", 0, true, false, false},
		{"Portuguese weekday", "terça-feira", 0, true, false, false},
		{"Spanish filler", "del", 0, false, true, false},
		{"French ordinal", "er", 0, false, false, true},
		{"English ordinal", "nd", 0, false, false, true},
		{"plain word", "market", 0, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MonthNumber(tt.word); got != tt.month {
				t.Errorf("MonthNumber(%q) = %d, want %d", tt.word, got, tt.month)
			}
			if got := IsWeekday(tt.word); got != tt.weekday {
				t.Errorf("IsWeekday(%q) = %v", tt.word, got)
			}
			if got := IsDateFiller(tt.word); got != tt.filler {
				t.Errorf("IsDateFiller(%q) = %v", tt.word, got)
			}
			if got := IsOrdinal(tt.word); got != tt.ordinal {
				t.Errorf("IsOrdinal(%q) = %v", tt.word, got)
			}
		})
	}
}

func TestCapitalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ascii", "edited by", "Edited by"},
		{"accented", "édité par", "Édité par"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Capitalize(tt.in); got != tt.want {
				t.Errorf("Capitalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
