package export

import (
	"testing"
	"time"

	"pamphlet/model"
)

func TestSourceDate(t *testing.T) {
	tests := []struct {
		name, value string
		want        time.Time
		wantErr     bool
	}{
		{"unset", "", time.Time{}, false},
		{"blank", "  ", time.Time{}, false},
		{"seconds", "1700000000", time.Unix(1700000000, 0).UTC(), false},
		{"spaces around", " 1700000000\n", time.Unix(1700000000, 0).UTC(), false},
		{"the epoch", "0", time.Unix(0, 0).UTC(), false},
		{"words", "yesterday", time.Time{}, true},
		{"negative", "-1", time.Time{}, true},
		{"after the year 9999", "253402300800", time.Time{}, true},
		{"milliseconds as a fraction", "1700000000.5", time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SourceDate(tc.value)
			if (err != nil) != tc.wantErr || !got.Equal(tc.want) {
				t.Errorf("SourceDate(%q) = %v, %v; want %v, error %v", tc.value, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestOutputDate(t *testing.T) {
	given := time.Unix(1700000000, 0)
	tests := []struct {
		name  string
		given time.Time
		date  model.Date
		want  time.Time
	}{
		{"given wins", given, model.Date{Year: 2019, Month: 11, Day: 20}, given.UTC()},
		{"the document's day", time.Time{}, model.Date{Year: 2019, Month: 11, Day: 20}, time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC)},
		{"a year only", time.Time{}, model.Date{Year: 2019}, time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"nothing", time.Time{}, model.Date{}, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := outputDate(tc.given, tc.date); !got.Equal(tc.want) {
				t.Errorf("outputDate = %v, want %v", got, tc.want)
			}
		})
	}
}
