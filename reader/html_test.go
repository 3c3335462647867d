package reader

import (
	"strings"
	"testing"

	"pamphlet/model"
)

// TestHTMLCharset checks that a page's declared legacy character set is
// honoured, and that UTF-8 and undeclared pages are left to the decoder.
func TestHTMLCharset(t *testing.T) {
	tests := []struct {
		name, src, want string
		opt             Options
	}{
		{"koi8-r", "<html><head><meta charset=\"koi8-r\"></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body></html>", "Привет", Options{Name: "a.html"}},
		{"iso-8859-2 in http-equiv", "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"></head><body><p>\xb3\xf3d\xbc</p></body></html>", "łódź", Options{Format: FormatHTML}},
		{"undeclared falls back to windows-1252", "<html><body><p>caf\xe9</p></body></html>", "café", Options{Name: "a.html"}},
		{"utf-8 untouched", "<html><head><meta charset=\"koi8-r\"></head><body><p>déjà</p></body></html>", "déjà", Options{Name: "a.html"}},
		{"not html", "caf\xe9 <meta charset=\"koi8-r\">", "café", Options{Name: "a.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(tc.src), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(res.Doc.Title)
			for _, bl := range res.Doc.Blocks {
				b.WriteString(blockPlain(bl))
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("text %q lacks %q", b.String(), tc.want)
			}
		})
	}
}

func blockPlain(b model.Block) string { return model.BlockText(b) }
