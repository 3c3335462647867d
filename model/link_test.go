package model

import "testing"

func TestLinkAddress(t *testing.T) {
	tests := []struct {
		name, base, target, want string
	}{
		{"https", "", "https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"},
		{"http", "", "http://example.org", "http://example.org"},
		{"ftp", "", "ftp://example.org/f", "ftp://example.org/f"},
		{"mailto", "", "mailto:someone@example.org", "mailto:someone@example.org"},
		{"phone", "", "tel:+33123456789", "tel:+33123456789"},
		{"mailto without an address", "", "mailto:", ""},
		{"relative with source", "https://example.org/x/y", "../z", "https://example.org/z"},
		{"absolute path with source", "https://example.org/x/y", "/about", "https://example.org/about"},
		{"relative without source", "", "page.html", ""},
		{"relative against a source that is no web address", "file:///home/a.html", "page.html", ""},
		{"fragment", "https://example.org/x", "#top", ""},
		{"javascript", "", "javascript:alert(1)", ""},
		{"javascript with a host", "", "javascript://example.org/%0aalert(1)", ""},
		{"data", "", "data:text/plain,hi", ""},
		{"file", "", "file:///etc/passwd", ""},
		{"no host", "", "https:///path", ""},
		{"unparsable", "", "http://[::1", ""},
		{"odd characters escaped", "", "https://example.org/a|b/<c>\"d\"/ü{}", "https://example.org/a%7Cb/%3Cc%3E%22d%22/%C3%BC%7B%7D"},
		{"stray percent", "", "https://example.org/100%", "https://example.org/100%25"},
		{"escapes kept", "", "https://example.org/a%20b", "https://example.org/a%20b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := LinkAddress(tc.target, LinkBase(tc.base))
			if tc.want == "" {
				if ok {
					t.Errorf("LinkAddress(%q) = %q, want no link", tc.target, got)
				}
				return
			}
			if !ok || got != tc.want {
				t.Errorf("LinkAddress(%q) = %q, %v; want %q", tc.target, got, ok, tc.want)
			}
		})
	}
}

func TestLinkScheme(t *testing.T) {
	tests := []struct {
		scheme string
		want   bool
	}{
		{"https", true}, {"HTTP", true}, {"mailto", true}, {"tel", true}, {"ftp", true},
		{"javascript", false}, {"data", false}, {"file", false}, {"", false},
	}
	for _, tc := range tests {
		t.Run(tc.scheme, func(t *testing.T) {
			if got := LinkScheme(tc.scheme); got != tc.want {
				t.Errorf("LinkScheme(%q) = %v, want %v", tc.scheme, got, tc.want)
			}
		})
	}
}
