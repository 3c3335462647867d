package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pamphlet/model"
)

// SourceDate parses the value of SOURCE_DATE_EPOCH, the Unix time in
// seconds that reproducible builds set for the dates written into
// outputs (EPUBOptions.Modified, PDFOptions.Date). An empty value gives
// the zero time: the outputs then carry the document's date. The caller
// reads the environment; pamphlet never reads the clock.
func SourceDate(v string) (time.Time, error) {
	s := strings.TrimSpace(v)
	if s == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec < 0 || sec > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a Unix time in seconds, such as 1700000000", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// outputDate is the date an output carries: given (from SourceDate) when
// set, else the start of the document's date in UTC (January 1 of a
// year-only date), else the zero time.
func outputDate(given time.Time, d model.Date) time.Time {
	if !given.IsZero() {
		return given.UTC().Truncate(time.Second)
	}
	if !d.IsZero() {
		return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}
