package model

import (
	"net/url"
	"strings"
)

// The link policy: which link targets a book keeps, and the address each
// leads to. Readers turn a link with another scheme into plain text
// (LinkScheme); the EPUB links and the PDF links and prints exactly the
// address LinkAddress gives, so a link survives in both or in neither.

// linkSchemes are the URL schemes a link may use: web, mail and phone
// addresses. Everything else — javascript:, vbscript:, data:, file:,
// blob: and the like — does nothing useful in a book, and some are
// dangerous in a reading system.
var linkSchemes = map[string]bool{"http": true, "https": true, "ftp": true, "mailto": true, "tel": true}

// LinkScheme reports whether a link may use scheme (any case).
func LinkScheme(scheme string) bool { return linkSchemes[strings.ToLower(scheme)] }

// LinkBase returns source as the base against which an article's relative
// links are resolved: an absolute http, https or ftp URL with a host, else
// nil.
func LinkBase(source string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || !webURL(u) {
		return nil
	}
	return u
}

// LinkAddress returns the absolute address a link target leads to in a
// book, percent-encoded as a URI, and false when it leads nowhere: a
// scheme outside LinkScheme, a web address without a host, a mail or
// phone address without one after the colon, and a relative target when
// base (see LinkBase) is nil. A bare fragment ("#top") named a place on
// the original page and leads nowhere either.
func LinkAddress(target string, base *url.URL) (string, bool) {
	u, err := url.Parse(EscapeURL(strings.TrimSpace(target)))
	if err != nil {
		return "", false
	}
	if !u.IsAbs() {
		if base == nil || u.Host == "" && u.Path == "" && u.RawQuery == "" {
			return "", false
		}
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		if !webURL(u) {
			return "", false
		}
	case "mailto", "tel":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return EscapeURL(u.String()), true
}

// webURL reports whether u is an absolute http, https or ftp URL with a
// host.
func webURL(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		return u.Host != ""
	}
	return false
}

// EscapeURL percent-encodes every byte that may not appear in a URI (RFC
// 3986): spaces, quotes, angle brackets, braces, non-ASCII bytes, and a %
// that does not start an escape. Validators reject links holding them.
func EscapeURL(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(c)
			continue
		}
		if c != '%' && uriChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// uriChar reports whether c is an unreserved or reserved URI character.
func uriChar(c byte) bool {
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0
}
