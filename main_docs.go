package main

import (
	"runtime/debug"

	"github.com/spf13/pflag"

	"pamphlet/internal/clidoc"
)

// docCommands describes the commands for completion scripts and the
// manual page, with the very flag sets they parse.
func docCommands() []clidoc.Command {
	var rf readFlags
	var cf convertFlags
	var bf bookFlags
	return []clidoc.Command{
		{Name: "convert", Summary: "Write an EPUB and a typeset PDF of each article.", Usage: "[flags] FILE...", Flags: annotate(convertFlagSet(&cf))},
		{Name: "inspect", Summary: "Show the document the reader recovered, with its repairs.", Usage: "[--json] [flags] FILE|-", Flags: annotate(inspectFlagSet(&rf, new(bool)))},
		{Name: "book", Summary: "Bind several articles into one book.", Usage: "-o BOOK [flags] FILE...|FOLDER|MANIFEST.toml", Flags: annotate(bookFlagSet(&bf))},
		{Name: "completion", Summary: "Print a shell completion script (bash, zsh or fish).", Usage: "bash|zsh|fish"},
		{Name: "man", Summary: "Print the manual page.", Usage: ""},
		{Name: "help", Summary: "Show the help of pamphlet or of a command.", Usage: "[COMMAND]"},
		{Name: "version", Summary: "Print the version.", Usage: ""},
	}
}

// annotate marks the flags whose values the completion scripts can
// offer: fixed words, or files.
func annotate(fs *pflag.FlagSet) *pflag.FlagSet {
	choices := map[string][]string{
		"from":    {"text", "markdown", "html"},
		"to":      {"epub", "pdf", "epub,pdf"},
		"links":   {"notes", "inline", "none"},
		"paper":   {"a5", "a4", "letter", "half-letter"},
		"columns": {"1", "2"},
		"order":   {"given", "date"},
	}
	for name, ch := range choices {
		if fs.Lookup(name) != nil {
			_ = fs.SetAnnotation(name, clidoc.Choices, ch)
		}
	}
	for _, name := range []string{"output", "out-dir", "cover", "font"} {
		if fs.Lookup(name) != nil {
			_ = fs.SetAnnotation(name, clidoc.Files, nil)
		}
	}
	return fs
}

// completion prints the completion script of a shell.
func (e *env) completion(args []string) error {
	if len(args) != 1 {
		return usagef("completion takes one shell: bash, zsh or fish")
	}
	cmds := docCommands()
	switch args[0] {
	case "bash":
		return clidoc.Bash(e.stdout, "pamphlet", cmds)
	case "zsh":
		return clidoc.Zsh(e.stdout, "pamphlet", cmds)
	case "fish":
		return clidoc.Fish(e.stdout, "pamphlet", cmds)
	}
	return usagef("completion %q: want bash, zsh or fish", args[0])
}

// manPage prints pamphlet(1).
func (e *env) manPage(args []string) error {
	if len(args) != 0 {
		return usagef("man takes no arguments (save its output as pamphlet.1)")
	}
	bi, _ := debug.ReadBuildInfo()
	return clidoc.Man(e.stdout, clidoc.Page{
		Name:    "pamphlet",
		Version: buildVersion(version, bi),
		Summary: "turn articles into EPUB e-books and typeset PDF pamphlets",
		Description: "pamphlet reads articles (text copied from web pages, Markdown, saved HTML) and writes clean EPUB 3 e-books and PDFs set like a book. " +
			"It repairs what copying breaks: paragraphs split mid-sentence, hard-wrapped lines, end-of-line hyphens, bare-line headings, dead links, mixed quotes.\n\n" +
			"A first argument that names a file is read as convert's.",
		Sections: [][2]string{
			{"Exit status", "  0   every output written (warnings, if any, on standard error)\n  1   failure: the input or an output is unusable; nothing is written\n  2   usage error\n  3   --strict and there were warnings (the outputs are written)"},
			{"Environment", "SOURCE_DATE_EPOCH, a Unix time in seconds, dates the outputs, so that the same input gives the same bytes.\n\n" +
				"PAMPHLET_FETCH_ALLOW_LOOPBACK=1 lets --fetch-images reach this computer, for tests; other private addresses stay refused."},
		},
	}, docCommands())
}
