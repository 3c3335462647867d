package lazyre

import (
	"slices"
	"strings"
	"testing"
)

func TestRegexp(t *testing.T) {
	re := New(`(\w+)@(\w+)\.org`)
	src := "write to ada@example.org or bo@press.org"
	tests := []struct {
		name      string
		got, want any
	}{
		{"MatchString", re.MatchString(src), true},
		{"FindString", re.FindString(src), "ada@example.org"},
		{"FindStringIndex", re.FindStringIndex(src), []int{9, 24}},
		{"FindStringSubmatch", re.FindStringSubmatch(src), []string{"ada@example.org", "ada", "example"}},
		{"FindAllString", re.FindAllString(src, -1), []string{"ada@example.org", "bo@press.org"}},
		{"FindAllStringIndex", len(re.FindAllStringIndex(src, -1)), 2},
		{"FindSubmatch", len(re.FindSubmatch([]byte(src))), 3},
		{"FindSubmatchIndex", re.FindSubmatchIndex([]byte(src))[2:4], []int{9, 12}},
		{"ReplaceAll", string(re.ReplaceAll([]byte(src), []byte("$1"))), "write to ada or bo"},
		{"ReplaceAllFunc", string(re.ReplaceAllFunc([]byte("x@y.org"), func(b []byte) []byte { return []byte(strings.ToUpper(string(b))) })), "X@Y.ORG"},
		{"ReplaceAllString", re.ReplaceAllString(src, "$2"), "write to example or press"},
		{"ReplaceAllStringFunc", re.ReplaceAllStringFunc("x@y.org", strings.ToUpper), "X@Y.ORG"},
		{"Split", New(`\s*,\s*`).Split("a , b,c", -1), []string{"a", "b", "c"}},
		{"String", re.String(), `(\w+)@(\w+)\.org`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !equal(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []int:
		return slices.Equal(a, b.([]int))
	case []string:
		return slices.Equal(a, b.([]string))
	}
	return a == b
}

func TestBadPatternPanicsUnderTest(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a bad pattern did not panic at New under go test")
		}
	}()
	New(`(`)
}
