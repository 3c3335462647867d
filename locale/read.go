package locale

import "strings"

// The reader recognises a date written in any of the languages, whatever
// the document's language, so these sets join the words of all of them.
var (
	monthNumbers = map[string]int{}
	weekdays     = map[string]bool{}
	dateFillers  = map[string]bool{}
	ordinals     = map[string]bool{}
)

func init() {
	for _, w := range all {
		for i, m := range w.Months {
			monthNumbers[strings.ToLower(m)] = i + 1
		}
		for m, n := range w.OtherMonths {
			monthNumbers[m] = n
		}
		for _, d := range w.Weekdays {
			weekdays[d] = true
		}
		for _, f := range w.DateFillers {
			dateFillers[f] = true
		}
		for _, o := range w.Ordinals {
			ordinals[o] = true
		}
	}
}

// MonthNumber returns the month (1–12) a lower-case word names in any
// language, as a name or one of its OtherMonths spellings, or 0.
func MonthNumber(word string) int { return monthNumbers[word] }

// IsWeekday reports whether a lower-case word is a weekday name or
// abbreviation in any language.
func IsWeekday(word string) bool { return weekdays[word] }

// IsDateFiller reports whether a lower-case word may stand between the
// parts of a date in any language ("of", "de").
func IsDateFiller(word string) bool { return dateFillers[word] }

// IsOrdinal reports whether a lower-case suffix makes the number before
// it an ordinal in any language ("nd", "er", "º").
func IsOrdinal(suffix string) bool { return ordinals[suffix] }
