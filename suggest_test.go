package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestMistypedNamesGetASuggestion(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // the whole message line
	}{
		{"command missing a letter", []string{"conver", "x"}, `unknown command "conver"; did you mean convert?`},
		{"command with swapped letters", []string{"inpsect", "x"}, `unknown command "inpsect"; did you mean inspect?`},
		{"command cut short", []string{"vers"}, `unknown command "vers"; did you mean version?`},
		{"command far from any", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"help for a mistyped command", []string{"help", "bok"}, `unknown command "bok"; did you mean book?`},
		{"flag with swapped letters", []string{"convert", "--form", "text", "x"}, "unknown flag: --form; did you mean --from?"},
		{"flag missing a letter", []string{"book", "--titl", "T", "x"}, "unknown flag: --titl; did you mean --title?"},
		{"flag of another command", []string{"inspect", "--paper", "a4", "x"}, "unknown flag: --paper"},
		{"shorthand", []string{"convert", "-Z", "x"}, "unknown shorthand flag: 'Z' in -Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != exitUsage || first != "pamphlet: "+tc.want {
				t.Errorf("exit %d, first line %q; want %d and %q", code, first, exitUsage, "pamphlet: "+tc.want)
			}
		})
	}
}

func TestHelpForACommand(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"help", "convert"}, "Usage: pamphlet convert [flags] FILE..."},
		{[]string{"help", "inspect"}, "Usage: pamphlet inspect [--json] [flags] FILE|-"},
		{[]string{"help", "book"}, "Usage: pamphlet book -o BOOK"},
		{[]string{"help"}, "pamphlet turns articles into EPUB e-books"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, stderr := runCLI(t, "", tc.args...)
			if code != exitOK || !strings.HasPrefix(out, tc.want) || stderr != "" {
				t.Errorf("exit %d, stdout %.80q, stderr %q; want help starting %q on stdout", code, out, stderr, tc.want)
			}
		})
	}
}

func TestVersionLine(t *testing.T) {
	info := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "pamphlet", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	tests := []struct {
		name string
		set  string
		bi   *debug.BuildInfo
		want string
	}{
		{"module version and revision", "dev", info("v1.2.0", "vcs.revision", "abc123", "vcs.time", "2026-01-02T03:04:05Z", "vcs.modified", "false"),
			"pamphlet v1.2.0 (revision abc123 of 2026-01-02T03:04:05Z), built with go1.26.0"},
		{"modified tree", "dev", info("v1.2.1-0.20260102030405-abc123+dirty", "vcs.revision", "abc123", "vcs.modified", "true"),
			"pamphlet v1.2.1-0.20260102030405-abc123+dirty (revision abc123, modified), built with go1.26.0"},
		{"no version control", "dev", info("(devel)"), "pamphlet (devel), built with go1.26.0"},
		{"set at link time", "1.3.0", info("(devel)", "vcs.revision", "abc123"), "pamphlet 1.3.0 (revision abc123), built with go1.26.0"},
		{"no build information", "dev", nil, "pamphlet dev"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := versionLine(tc.set, tc.bi); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
