package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pamphlet/internal/testenv"
)

// TestCompletionScriptsParse writes each shell's completion script and
// has the shell itself check its syntax; the scripts name every command
// and the flags of convert.
func TestCompletionScriptsParse(t *testing.T) {
	tests := []struct {
		shell string
		check []string // the shell's syntax-check arguments before the file
	}{
		{"bash", []string{"-n"}},
		{"zsh", []string{"-n"}},
		{"fish", []string{"--no-execute"}},
	}
	for _, tc := range tests {
		t.Run(tc.shell, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", "completion", tc.shell)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, want := range []string{"convert", "inspect", "book", "metadata", "fetch-images", "markdown"} {
				if !strings.Contains(out, want) {
					t.Errorf("the %s script lacks %q", tc.shell, want)
				}
			}
			sh := testenv.Tool(t, tc.shell)
			file := filepath.Join(t.TempDir(), "pamphlet."+tc.shell)
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			if res, err := exec.Command(sh, append(tc.check, file)...).CombinedOutput(); err != nil {
				t.Errorf("%s rejects the script: %v\n%s", tc.shell, err, res)
			}
		})
	}
	if code, _, stderr := runCLI(t, "", "completion", "powershell"); code != exitUsage || !strings.Contains(stderr, "want bash, zsh or fish") {
		t.Errorf("unknown shell: exit %d, %q", code, stderr)
	}
}

// TestBashCompletionOffersFlagsAndValues runs the bash script's function
// as bash would on a partly typed command line.
func TestBashCompletionOffersFlagsAndValues(t *testing.T) {
	bash := testenv.Tool(t, "bash")
	_, script, _ := runCLI(t, "", "completion", "bash")
	tests := []struct {
		name  string
		words []string
		want  string
	}{
		{"commands", []string{"pamphlet", "con"}, "convert"},
		{"flags of convert", []string{"pamphlet", "convert", "--meta"}, "--metadata"},
		{"values of --from", []string{"pamphlet", "inspect", "--from", "mark"}, "markdown"},
		{"the font family flag", []string{"pamphlet", "book", "--font-f"}, "--font-family"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var words []string
			for _, w := range tc.words {
				words = append(words, "'"+w+"'")
			}
			prog := script + "\nCOMP_WORDS=(" + strings.Join(words, " ") + ")\nCOMP_CWORD=" +
				string(rune('0'+len(tc.words)-1)) + "\n_pamphlet\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
			out, err := exec.Command(bash, "-c", prog).CombinedOutput()
			if err != nil || !strings.Contains(string(out), tc.want) {
				t.Errorf("offered %q (%v), want %q", out, err, tc.want)
			}
		})
	}
}

// TestManPageRenders writes the manual page and has man's formatter read
// it without a warning; it documents every flag of convert.
func TestManPageRenders(t *testing.T) {
	code, page, stderr := runCLI(t, "", "man")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, again, _ := runCLI(t, "", "man"); again != page {
		t.Error("two runs wrote different pages")
	}
	var cf convertFlags
	for _, name := range []string{"metadata", "paper", "booklet", "fetch-images", "font", "font-family"} {
		if convertFlagSet(&cf).Lookup(name) != nil && !strings.Contains(page, `\-\-`+strings.ReplaceAll(name, "-", `\-`)) {
			t.Errorf("the page lacks --%s", name)
		}
	}
	groff := testenv.Tool(t, "groff")
	cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-P-cbou")
	cmd.Stdin = strings.NewReader(page)
	out, err := cmd.Output()
	var warn []byte
	if ee, ok := err.(*exec.ExitError); ok {
		warn = ee.Stderr
	}
	if err != nil || !strings.Contains(string(out), "SYNOPSIS") {
		t.Fatalf("groff: %v\n%s", err, warn)
	}
	cmd = exec.Command(groff, "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	if res, _ := cmd.CombinedOutput(); len(res) > 0 {
		t.Errorf("groff warns:\n%s", res)
	}
}
