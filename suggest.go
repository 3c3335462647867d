package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"
)

// commands are the command names, for suggestions.
var commands = []string{"convert", "inspect", "book", "completion", "man", "help", "version"}

// nearest returns the candidate closest to a mistyped word, or "" when
// none is close: at most one edit in four letters (two at most), as a
// slip of the finger makes, or the start of a longer name.
func nearest(word string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := editDistance(word, c)
		if len(word) >= 3 && len(word) < len(c) && c[:len(word)] == word {
			d = min(d, 1)
		}
		if d <= min(2, max(1, len(word)/4)) && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and
// swaps of neighbouring letters that turn a into b (the optimal string
// alignment distance), in bytes: command and flag names are ASCII.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// unknownCommand is the usage error for a mistyped command.
func unknownCommand(name string) error {
	if s := nearest(name, commands); s != "" {
		return usagef("unknown command %q; did you mean %s?", name, s)
	}
	return usagef("unknown command %q", name)
}

// flagErr turns a flag parsing error into a usage error, suggesting the
// nearest flag for an unknown one; --help passes through.
func flagErr(err error, fs *pflag.FlagSet) error {
	if errors.Is(err, pflag.ErrHelp) {
		return err
	}
	var ne *pflag.NotExistError
	if errors.As(err, &ne) && len(ne.GetSpecifiedName()) > 1 {
		var names []string
		fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if s := nearest(ne.GetSpecifiedName(), names); s != "" {
			return usageError{fmt.Sprintf("%v; did you mean --%s?", err, s)}
		}
	}
	return usageError{err.Error()}
}
