// Package clidoc writes what a shell and man need to know about a
// command line made of subcommands with pflag flag sets: completion
// scripts for bash, zsh and fish, and a manual page. The scripts are
// static: they are made from the same flag sets the commands parse, so
// that they never disagree with them, and they call nothing back.
package clidoc

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// Command is one subcommand: its name, a one-line summary, its usage
// line (after the program's name) and its flags (nil: none).
type Command struct {
	Name, Summary, Usage string
	Flags                *pflag.FlagSet
}

// Choices is the annotation key of a flag's fixed values, which the
// scripts offer after it ("text", "markdown", "html" after --from).
const Choices = "clidoc_choices"

// Files is the annotation key of a flag whose value is a file; its
// value lists the extensions offered (none: any file).
const Files = "clidoc_files"

// flags lists a command's flags in the order they sort, hidden ones left
// out.
func flags(c Command) []*pflag.Flag {
	var out []*pflag.Flag
	if c.Flags != nil {
		c.Flags.VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				out = append(out, f)
			}
		})
	}
	return out
}

// takesValue reports whether a flag needs a value after it.
func takesValue(f *pflag.Flag) bool {
	return f.NoOptDefVal == ""
}

// Bash writes a bash completion script for prog.
func Bash(w io.Writer, prog string, cmds []Command) error {
	fn := "_" + ident(prog)
	var b strings.Builder
	fmt.Fprintf(&b, "# bash completion for %s; load it with: source <(%s completion bash)\n", prog, prog)
	fmt.Fprintf(&b, "%s() {\n", fn)
	b.WriteString("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n")
	b.WriteString("  if [[ $COMP_CWORD -eq 1 ]]; then\n")
	fmt.Fprintf(&b, "    COMPREPLY=( $(compgen -W %s -- \"$cur\") )\n    return\n  fi\n", shQuote(strings.Join(names(cmds), " ")))
	b.WriteString("  local words=\"\"\n  case \"${COMP_WORDS[1]}\" in\n")
	for _, c := range cmds {
		var ws []string
		for _, f := range flags(c) {
			ws = append(ws, "--"+f.Name)
			if f.Shorthand != "" {
				ws = append(ws, "-"+f.Shorthand)
			}
		}
		fmt.Fprintf(&b, "    %s) words=%s ;;\n", c.Name, shQuote(strings.Join(ws, " ")))
	}
	b.WriteString("  esac\n  case \"$prev\" in\n")
	// Values of the flags that take fixed ones, for every command.
	seen := map[string]bool{}
	for _, c := range cmds {
		for _, f := range flags(c) {
			ch := f.Annotations[Choices]
			if len(ch) == 0 || seen[f.Name] {
				continue
			}
			seen[f.Name] = true
			pat := "--" + f.Name
			if f.Shorthand != "" {
				pat += "|-" + f.Shorthand
			}
			fmt.Fprintf(&b, "    %s) COMPREPLY=( $(compgen -W %s -- \"$cur\") ); return ;;\n", pat, shQuote(strings.Join(ch, " ")))
		}
	}
	b.WriteString("  esac\n")
	b.WriteString("  if [[ \"$cur\" == -* ]]; then\n    COMPREPLY=( $(compgen -W \"$words\" -- \"$cur\") )\n    return\n  fi\n")
	b.WriteString("  COMPREPLY=( $(compgen -f -- \"$cur\") )\n}\n")
	fmt.Fprintf(&b, "complete -o filenames -o bashdefault -F %s %s\n", fn, prog)
	_, err := io.WriteString(w, b.String())
	return err
}

// Zsh writes a zsh completion script for prog (a #compdef file).
func Zsh(w io.Writer, prog string, cmds []Command) error {
	fn := "_" + ident(prog)
	var b strings.Builder
	fmt.Fprintf(&b, "#compdef %s\n# zsh completion for %s; put it in a folder of $fpath as _%s, or: source <(%s completion zsh)\n", prog, prog, prog, prog)
	fmt.Fprintf(&b, "%s() {\n  local -a commands\n  commands=(\n", fn)
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s\n", shQuote(c.Name+":"+c.Summary))
	}
	b.WriteString("  )\n  if (( CURRENT == 2 )); then\n    _describe 'command' commands\n    return\n  fi\n  case $words[2] in\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s)\n      _arguments -s", c.Name)
		for _, f := range flags(c) {
			desc := zshDesc(f.Usage)
			action := ""
			if takesValue(f) {
				action = ":value:"
				if ch := f.Annotations[Choices]; len(ch) > 0 {
					action = ":value:(" + strings.Join(ch, " ") + ")"
				} else if _, ok := f.Annotations[Files]; ok {
					action = ":file:_files"
				}
			}
			rep := ""
			if strings.Contains(f.Value.Type(), "Slice") || strings.Contains(f.Value.Type(), "Array") {
				rep = "*"
			}
			if f.Shorthand != "" {
				fmt.Fprintf(&b, " \\\n        %s", shQuote(rep+"(-"+f.Shorthand+" --"+f.Name+")"+"{-"+f.Shorthand+",--"+f.Name+"}"+"["+desc+"]"+action))
				continue
			}
			fmt.Fprintf(&b, " \\\n        %s", shQuote(rep+"--"+f.Name+"["+desc+"]"+action))
		}
		b.WriteString(" \\\n        '*:file:_files'\n      ;;\n")
	}
	fmt.Fprintf(&b, "  esac\n}\n\nif [ \"$funcstack[1]\" = %q ]; then\n  %s \"$@\"\nelse\n  compdef %s %s\nfi\n", fn, fn, fn, prog)
	_, err := io.WriteString(w, b.String())
	return err
}

// Fish writes a fish completion script for prog.
func Fish(w io.Writer, prog string, cmds []Command) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# fish completion for %s; save it as ~/.config/fish/completions/%s.fish\n", prog, prog)
	fmt.Fprintf(&b, "complete -c %s -f\n", prog)
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c %s -n __fish_use_subcommand -a %s -d %s\n", prog, c.Name, shQuote(c.Summary))
	}
	for _, c := range cmds {
		cond := shQuote("__fish_seen_subcommand_from " + c.Name)
		if len(flags(c)) > 0 || c.Usage != "" {
			fmt.Fprintf(&b, "complete -c %s -n %s -F\n", prog, cond)
		}
		for _, f := range flags(c) {
			fmt.Fprintf(&b, "complete -c %s -n %s -l %s", prog, cond, f.Name)
			if f.Shorthand != "" {
				fmt.Fprintf(&b, " -s %s", f.Shorthand)
			}
			if takesValue(f) {
				if ch := f.Annotations[Choices]; len(ch) > 0 {
					fmt.Fprintf(&b, " -x -a %s", shQuote(strings.Join(ch, " ")))
				} else {
					b.WriteString(" -r")
				}
			}
			fmt.Fprintf(&b, " -d %s\n", shQuote(firstSentence(f.Usage)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Page is the text of a manual page around the commands.
type Page struct {
	// Name is the program's name; Version names the release in the
	// page's footer.
	Name, Version string
	// Summary is the NAME line's description; Description the page's
	// DESCRIPTION paragraphs, separated by blank lines.
	Summary, Description string
	// Sections are more sections after the commands, each a title and
	// paragraphs separated by blank lines ("EXIT STATUS", "SEE ALSO").
	Sections [][2]string
}

// Man writes a manual page (section 1, man(7) macros) of prog's commands
// and flags. It carries no date, so that the same program always writes
// the same page.
func Man(w io.Writer, p Page, cmds []Command) error {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %s 1 \"\" %s \"User Commands\"\n", strings.ToUpper(p.Name), roffQuote(p.Name+" "+p.Version))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roff(p.Name), roff(p.Summary))
	b.WriteString(".SH SYNOPSIS\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, ".B %s %s\n", roff(p.Name), roff(c.Name))
		if c.Usage != "" {
			b.WriteString(roff(c.Usage) + "\n")
		}
		b.WriteString(".br\n")
	}
	b.WriteString(".SH DESCRIPTION\n")
	paragraphs(&b, p.Description)
	b.WriteString(".SH COMMANDS\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, ".SS %s\n", roff(c.Name))
		paragraphs(&b, c.Summary)
		for _, f := range flags(c) {
			b.WriteString(".TP\n")
			if f.Shorthand != "" {
				fmt.Fprintf(&b, "\\fB\\-%s\\fR, ", roff(f.Shorthand))
			}
			fmt.Fprintf(&b, "\\fB\\-\\-%s\\fR", roff(f.Name))
			name, usage := pflag.UnquoteUsage(f)
			if takesValue(f) && name != "" {
				fmt.Fprintf(&b, " \\fI%s\\fR", roff(name))
			}
			b.WriteString("\n" + roff(usage))
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
				fmt.Fprintf(&b, " (default %s)", roff(f.DefValue))
			}
			b.WriteString("\n")
		}
	}
	for _, s := range p.Sections {
		fmt.Fprintf(&b, ".SH %s\n", roff(strings.ToUpper(s[0])))
		paragraphs(&b, s[1])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// paragraphs writes text's paragraphs (separated by blank lines); a line
// starting with two spaces is kept as a line of its own (a table row, an
// example).
func paragraphs(b *strings.Builder, text string) {
	for i, par := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		for _, line := range strings.Split(par, "\n") {
			if strings.HasPrefix(line, "  ") {
				fmt.Fprintf(b, ".br\n%s\n", roff(strings.TrimSpace(line)))
				continue
			}
			b.WriteString(roff(line) + "\n")
		}
	}
}

// roff escapes text for a man page: backslashes and hyphens, and a
// leading dot or quote that would start a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffQuote quotes a macro argument.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(roff(s), `"`, `""`) + `"`
}

// shQuote quotes s for a POSIX shell (and fish, which reads it alike).
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// zshDesc makes a flag's usage fit in an _arguments description: its
// first sentence, without the characters that end or nest one.
func zshDesc(s string) string {
	return strings.NewReplacer("[", "(", "]", ")", ":", " -", "`", "").Replace(firstSentence(s))
}

// firstSentence is a usage text up to its first "; " or " (".
func firstSentence(s string) string {
	s = strings.ReplaceAll(s, "`", "")
	for _, sep := range []string{"; ", " ("} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

func names(cmds []Command) []string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.Name)
	}
	slices.Sort(out)
	return out
}

// ident makes prog a shell function name.
func ident(prog string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, prog)
}
