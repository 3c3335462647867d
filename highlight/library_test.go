package highlight

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// tokens lexes text with lx and prints the tokens, one a line.
func tokens(t *testing.T, lx chroma.Lexer, text string) string {
	t.Helper()
	it, err := lx.Tokenise(nil, text)
	if err != nil {
		t.Fatalf("tokenise: %v", err)
	}
	var b strings.Builder
	for _, tok := range it.Tokens() {
		b.WriteString(tok.Type.String() + " " + tok.Value + "\n")
	}
	return b.String()
}

// TestLibraryLexesAsChroma checks that the definitions in lexers.zip lex
// as chroma's own lexers do: a stale lexers.zip after a chroma upgrade
// fails here (run go generate ./highlight).
func TestLibraryLexesAsChroma(t *testing.T) {
	tests := []struct {
		name, lang, text string
	}{
		{"go", "go", "package p\n\n// F adds.\nfunc F(a, b int) int { return a + b * 0x1F }\nvar s = \"x\\n\"\n"},
		{"python", "python", "@dataclass\nclass A:\n    def f(self, x=1.5):\n        return f\"{x!r}\"  # c\n"},
		{"javascript", "javascript", "const f = async (a) => { await g(`t${a}`); /* c */ };\n"},
		{"html hands scripts and styles on", "html", "<p class=\"x\">hi</p><script>let a = 1;</script><style>p { color: red }</style>\n"},
		{"c", "c", "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 42); }\n"},
		{"shell", "bash", "for f in *.txt; do echo \"$f\" | wc -l; done\n"},
		{"rust by extension", "rs", "fn main() { let v: Vec<u8> = vec![1, 2]; }\n"},
		{"sql", "sql", "SELECT name FROM t WHERE id = 3;\n"},
		{"yaml", "yaml", "key: [1, 'two']\n# note\n"},
		{"json", "json", "{\"a\": [true, null, 1e3]}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ours := lexer(tc.lang)
			if ours == nil {
				t.Fatalf("no lexer for %q in lexers.zip", tc.lang)
			}
			theirs := lexers.Get(tc.lang)
			if got, want := tokens(t, ours, tc.text), tokens(t, theirs, tc.text); got != want {
				t.Errorf("lexers.zip gives\n%s\nchroma gives\n%s", got, want)
			}
		})
	}
}

func TestLibraryFindsLexers(t *testing.T) {
	tests := []struct {
		name, lang, want string
	}{
		{"by name", "Go", "Go"},
		{"by alias", "golang", "Go"},
		{"by alias in capitals", "PY", "Python"},
		{"by extension", "rs", "Rust"},
		{"unknown", "klingon", ""},
		{"plain text", "text", ""},
		{"a file pattern is not a name", "*.go", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if lx := lexer(tc.lang); lx != nil {
				got = lx.Config().Name
			}
			if got != tc.want {
				t.Errorf("lexer(%q) = %q, want %q", tc.lang, got, tc.want)
			}
		})
	}
}

// TestProgramLeavesChromaLexersOut checks that the program does not link
// chroma's lexers package, whose initialiser would parse every lexer
// definition at each start.
func TestProgramLeavesChromaLexersOut(t *testing.T) {
	gotool := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gotool, "list", "-deps", "pamphlet").Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps pamphlet listed only %q", deps)
	}
	for _, d := range deps {
		if d == "github.com/alecthomas/chroma/v2/lexers" {
			t.Fatalf("the program imports %s", d)
		}
	}
}
