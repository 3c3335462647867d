// Package locale holds every word pamphlet prints or reads itself, in each
// language it knows: month and weekday names, the "and" and "by" of a
// byline, "edited by", the labels of the contents, the notes and the
// EPUB's navigation, and how a date is written ("November 20, 2019",
// "1er mars 2020"). The reader recognises dates with these names; layout
// and export print with them. A language it does not know falls back to
// English.
//
// To add a language, add a table to words.toml, named by its BCP 47
// primary subtag ([nl] for Dutch, with its month names in months), with
// every field filled, and a case to the table test in locale_test.go.
// Nothing else changes: the reader, the PDF and the EPUB all take their
// words from here.
//
// The package imports no other package of pamphlet, so that the readers,
// layout and export can all use it.
package locale

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words are the words of one language, as words.toml gives them.
type Words struct {
	// Lang is the BCP 47 primary subtag of the words ("en", "fr").
	Lang string `toml:"-"`
	// Contents, Landmarks, Cover, TitlePage and StartOfText label the
	// book's navigation: the contents, the EPUB landmarks and their
	// entries.
	Contents    string `toml:"contents"`
	Landmarks   string `toml:"landmarks"`
	Cover       string `toml:"cover"`
	TitlePage   string `toml:"title_page"`
	StartOfText string `toml:"start_of_text"`
	// Notes heads the list of link targets after the text of a PDF.
	Notes string `toml:"notes"`
	// Preface titles a book's preface that has no title of its own.
	Preface string `toml:"preface"`
	// Untitled stands for the title of an article that has none.
	Untitled string `toml:"untitled"`
	// And joins the last two names of a list ("A, B and C").
	And string `toml:"and"`
	// By introduces the authors of a byline ("by A and B").
	By string `toml:"by"`
	// EditedBy introduces the editors of a book, in lower case as inside a
	// sentence ("edited by A"); Capitalize gives it at the head of a line.
	EditedBy string `toml:"edited_by"`
	// Months are the month names, January first, as printed in a date.
	Months [12]string `toml:"months"`
	// OtherMonths are further spellings of months met in text, lower case,
	// with the month number (1–12): abbreviations ("nov"), older or
	// regional names ("jänner") and names typed without accents
	// ("fevrier").
	OtherMonths map[string]int `toml:"other_months"`
	// Weekdays are the weekday names and abbreviations met in front of a
	// date, lower case.
	Weekdays []string `toml:"weekdays"`
	// DateFillers are the small words between the parts of a written date
	// ("2nd of October", "15 de octubre de 2019"), lower case.
	DateFillers []string `toml:"date_fillers"`
	// Ordinals are the suffixes that make a number an ordinal in a date
	// ("2nd", "1er", "1º"), lower case.
	Ordinals []string `toml:"ordinals"`
	// DateForm writes a full date: {day}, {month} and {year} stand for
	// the day's number, the month's name and the year ("{day} {month}
	// {year}").
	DateForm string `toml:"date"`
	// FirstDay, when set, is written for the first day of a month instead
	// of "1" (French "1er").
	FirstDay string `toml:"first_day"`
}

// For returns the words for a BCP 47 tag, and false with the English
// words when pamphlet does not know its language.
func For(tag string) (*Words, bool) {
	primary, _, _ := strings.Cut(tag, "-")
	if w, ok := table[strings.ToLower(primary)]; ok {
		return w, true
	}
	return table["en"], false
}

// Of returns the words for a BCP 47 tag, English when pamphlet does not
// know its language.
func Of(tag string) *Words {
	w, _ := For(tag)
	return w
}

// All returns the words of every language, in a fixed order (by tag).
func All() []*Words { return all }

// Date writes a date as a reader of the language writes it: "November
// 20, 2019", "1er mars 2020", the bare year when month is 0 (a year-only
// date), and "" when year is 0 (no date). month is 0–12 and day 1–31 when
// month is not 0.
func (w *Words) Date(year, month, day int) string {
	switch {
	case year == 0:
		return ""
	case month < 1 || month > 12:
		return fmt.Sprint(year)
	}
	d := strconv.Itoa(day)
	if day == 1 && w.FirstDay != "" {
		d = w.FirstDay
	}
	out := strings.ReplaceAll(w.DateForm, "{day}", d)
	out = strings.ReplaceAll(out, "{month}", w.Months[month-1])
	return strings.ReplaceAll(out, "{year}", strconv.Itoa(year))
}

// JoinNames lists names as a byline does: "A", "A and B", "A, B and C".
func (w *Words) JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + w.And + " " + names[len(names)-1]
}

// Capitalize gives s with its first letter in upper case, as a phrase
// such as EditedBy is written at the head of a line.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
