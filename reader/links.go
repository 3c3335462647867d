package reader

import (
	"net/url"
	"regexp"
	"strings"

	"pamphlet/model"
)

var linkScheme = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)

// linkVerdict says why a link target was not kept.
type linkVerdict int

const (
	linkOK     linkVerdict = iota
	linkDead               // empty or an anchor inside the page ("#top")
	linkUnsafe             // a scheme outside model.LinkScheme
	linkBad                // not a URL at all
)

// linkTarget cleans a link target and judges it by the link policy of
// package model. It removes the whitespace and control characters
// browsers ignore inside URLs (so "java\tscript:" is seen for what it
// is), resolves a relative target against base when base is known and
// keeps it as written otherwise, and percent-encodes what must be. The
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
		if !model.LinkScheme(m[1]) {
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
	s := u.String()
	if u.Scheme == "" {
		if u.Path == "" && u.RawQuery == "" {
			return "", linkDead
		}
	} else if _, ok := model.LinkAddress(s, nil); !ok {
		// An address without its host or mailbox ("http:///x", "mailto:").
		return "", linkBad
	}
	if strings.ContainsAny(s, " \t\n\r") {
		return "", linkBad
	}
	return s, linkOK
}
