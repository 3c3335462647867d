package reader

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	u := utf16.Encode([]rune(s))
	out := []byte{0xff, 0xfe}
	if bigEndian {
		out = []byte{0xfe, 0xff}
	}
	for _, c := range u {
		if bigEndian {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		want     string // substring of the decoded text
		warn     string // substring of a warning, "" for none
		wantErr  error
		errMatch string
	}{
		{name: "utf8", in: []byte("Café\n"), want: "Café"},
		{name: "utf8 bom", in: []byte("\xef\xbb\xbfCafé"), want: "Café"},
		{name: "latin1 fallback", in: []byte("Caf\xe9 au lait"), want: "Café au lait", warn: "Windows-1252"},
		{name: "cp1252 quotes", in: []byte("\x93quoted\x94 text"), want: "“quoted” text", warn: "Windows-1252"},
		{name: "utf16le bom", in: utf16Bytes("Ça va, 日本", false), want: "Ça va, 日本"},
		{name: "utf16be bom", in: utf16Bytes("Ça va", true), want: "Ça va"},
		{name: "crlf", in: []byte("a\r\nb\rc"), want: "a\nb\nc"},
		{name: "control characters", in: []byte("a\x01b\x1bc\x7fd"), want: "abcd", warn: "removed 3 control"},
		{name: "form feed kept as a page break", in: []byte("page one\fpage two"), want: "page one\fpage two"},
		{name: "nfc", in: []byte("Cafe\u0301"), want: "Café"},
		{name: "empty", in: nil, wantErr: ErrNoText},
		{name: "whitespace", in: []byte(" \n\u00a0\t\n"), wantErr: ErrNoText},
		{name: "png", in: []byte("\x89PNG\r\n\x1a\nxxxx"), wantErr: ErrBinary, errMatch: "PNG"},
		{name: "pdf", in: []byte("%PDF-1.7\n"), wantErr: ErrBinary, errMatch: "PDF"},
		{name: "elf", in: []byte("\x7fELF\x02\x01"), wantErr: ErrBinary, errMatch: "ELF"},
		{name: "nul", in: []byte("text\x00more"), wantErr: ErrBinary, errMatch: "NUL"},
		{name: "MZ word is text", in: []byte("MZ Rally notes: the march starts at noon."), want: "MZ Rally"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warns []string
			opt := Options{Warn: func(w Warning) { warns = append(warns, w.String()) }}
			got, err := decode(tc.in, opt)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.errMatch) {
					t.Fatalf("err = %v, want %v containing %q", err, tc.wantErr, tc.errMatch)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("decoded %q, want it to contain %q", got, tc.want)
			}
			joined := strings.Join(warns, "; ")
			if (tc.warn == "") != (joined == "") || !strings.Contains(joined, tc.warn) {
				t.Errorf("warnings %q, want %q", joined, tc.warn)
			}
		})
	}
}

func TestFirstInvalidPosition(t *testing.T) {
	line, col := firstInvalid([]byte("ok\nstill ok\nbad é\xe9 here"))
	if line != 3 || col != 6 {
		t.Errorf("firstInvalid = line %d col %d, want 3, 6", line, col)
	}
}

// TestHasControlFindsControlsAnywhere checks the eight-byte scan: a
// control character, DEL or a C1 character is found at any offset, and
// tabs, newlines and text around the edge of an eight-byte run are not.
func TestHasControlFindsControlsAnywhere(t *testing.T) {
	tests := []struct {
		name string
		mark string
		want bool
	}{
		{"bell", "\a", true},
		{"escape", "\x1b", true},
		{"delete", "\x7f", true},
		{"c1 control", "\u0085", true},
		{"noncharacter", "\uffff", true},
		{"tab", "\t", false},
		{"newline", "\n", false},
		{"tilde", "~", false},
		{"space", " ", false},
		{"accented letter", "é", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for at := 0; at <= 17; at++ {
				s := strings.Repeat("a", at) + tt.mark + strings.Repeat("b", 17-at)
				if got := hasControl(s); got != tt.want {
					t.Errorf("hasControl(%q) = %v, want %v", s, got, tt.want)
				}
			}
		})
	}
}
