package reader

import (
	"net/url"
	"regexp"
	"strings"
)

// linkSchemes are the URL schemes a link may keep. Everything else —
// javascript:, vbscript:, data:, file:, blob: and the like — is turned
// into plain text: such links do nothing useful in a book and some are
// dangerous in a reading system.
var linkSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "ftp": true, "tel": true}

var linkScheme = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)

// linkVerdict says why a link target was not kept.
type linkVerdict int

const (
	linkOK     linkVerdict = iota
	linkDead               // empty or an anchor inside the page ("#top")
	linkUnsafe             // a scheme outside linkSchemes
	linkBad                // not a URL at all
)

// linkTarget cleans a link target. It removes the whitespace and control
// characters browsers ignore inside URLs (so "java\tscript:" is seen for
// what it is), resolves a relative target against base when base is known
// and keeps it as written otherwise, and percent-encodes what must be. The
// target is "" unless the verdict is linkOK.
func linkTarget(raw string, base *url.URL) (string, linkVerdict) {
	raw = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return -1
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, strings.TrimSpace(raw))
	if raw == "" || strings.HasPrefix(raw, "#") {
		return "", linkDead
	}
	if m := linkScheme.FindStringSubmatch(raw); m != nil {
		if !linkSchemes[strings.ToLower(m[1])] {
			return "", linkUnsafe
		}
	} else if strings.HasPrefix(raw, "//") {
		raw = "https:" + raw
	}
	u, err := url.Parse(strings.ReplaceAll(raw, " ", "%20"))
	if err != nil {
		return "", linkBad
	}
	if u.Scheme == "" && base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		if u.Host == "" {
			return "", linkBad
		}
	case "":
		if u.Path == "" && u.RawQuery == "" {
			return "", linkDead
		}
	}
	s := u.String()
	if strings.ContainsAny(s, " \t\n\r") {
		return "", linkBad
	}
	return s, linkOK
}

// linkBase parses an absolute http(s) base URL, or gives nil.
func linkBase(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}
