// Package netaddr says which network addresses pamphlet may connect to
// when it fetches what an article names: public unicast addresses only.
// Everything else in the IANA special-purpose address registries — this
// computer, private and shared networks, link-local, documentation and
// benchmarking ranges, multicast, reserved and translation ranges — is
// refused, for IPv4 and IPv6, an IPv4 address written inside an IPv6 one
// included. Hosts are also recognised in the spellings resolvers accept
// for IPv4 ("2130706433", "0x7f.1", "0177.0.0.1").
//
// The reader uses it to drop such image links; the fetcher checks every
// address it dials against it.
package netaddr

import (
	"net/netip"
	"strconv"
	"strings"
)

// special4 are the IPv4 ranges that are not public unicast: the IANA
// IPv4 special-purpose registry's entries that are not globally
// reachable, with multicast, reserved space and broadcast.
var special4 = prefixes(
	"0.0.0.0/8",       // this network
	"10.0.0.0/8",      // private
	"100.64.0.0/10",   // shared address space (carrier-grade NAT)
	"127.0.0.0/8",     // loopback
	"169.254.0.0/16",  // link-local
	"172.16.0.0/12",   // private
	"192.0.0.0/24",    // IETF protocol assignments
	"192.0.2.0/24",    // documentation (TEST-NET-1)
	"192.88.99.0/24",  // 6to4 relay anycast (deprecated)
	"192.168.0.0/16",  // private
	"198.18.0.0/15",   // benchmarking
	"198.51.100.0/24", // documentation (TEST-NET-2)
	"203.0.113.0/24",  // documentation (TEST-NET-3)
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, and the limited broadcast address
)

// global6 is IPv6's global unicast space; special6 are the ranges in it
// that are not public. Outside global6 only the translation prefixes
// below lead anywhere, and only to a public IPv4 address.
var (
	global6  = netip.MustParsePrefix("2000::/3")
	special6 = prefixes(
		"2001::/23",     // IETF protocol assignments: Teredo, benchmarking, ORCHID…
		"2001:db8::/32", // documentation
		"3fff::/20",     // documentation
	)
	nat64     = netip.MustParsePrefix("64:ff9b::/96") // IPv4 in the last 32 bits
	sixToFour = netip.MustParsePrefix("2002::/16")    // IPv4 in bits 16–47
)

func prefixes(s ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(s))
	for i, p := range s {
		out[i] = netip.MustParsePrefix(p)
	}
	return out
}

// Public reports whether a is a public unicast address, one that
// pamphlet may connect to.
func Public(a netip.Addr) bool {
	a = a.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	if a.Is4() {
		for _, p := range special4 {
			if p.Contains(a) {
				return false
			}
		}
		return true
	}
	if !a.Is6() {
		return false
	}
	b := a.As16()
	switch {
	case nat64.Contains(a):
		return Public(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	case sixToFour.Contains(a):
		return Public(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	case !global6.Contains(a):
		return false
	}
	for _, p := range special6 {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// Local reports whether host (a URL's host, without port) names this
// computer or a private network: a reserved local name (localhost,
// .local, .internal, .home.arpa) or an address, in any spelling, that is
// not public. Other names are for the fetcher to check once resolved.
func Local(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || h == "" {
		return true
	}
	for _, suffix := range []string{".localhost", ".local", ".internal", ".home.arpa"} {
		if strings.HasSuffix(h, suffix) {
			return true
		}
	}
	if a, ok := ParseHost(h); ok {
		return !Public(a)
	}
	return false
}

// ParseHost reads host as an IP address: IPv6 with or without brackets
// and zone, IPv4 dotted, and the older spellings of IPv4 that resolvers
// still accept (one to four parts, each decimal, octal with a leading 0
// or hexadecimal with 0x: "2130706433", "0x7f.1", "0177.0.0.1").
func ParseHost(host string) (netip.Addr, bool) {
	h := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if a, err := netip.ParseAddr(h); err == nil {
		return a, true
	}
	parts := strings.Split(h, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var nums []uint64
	for _, p := range parts {
		base, digits := 10, p
		switch {
		case len(p) > 2 && (p[:2] == "0x" || p[:2] == "0X"):
			base, digits = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, digits = 8, p[1:]
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || digits == "" || strings.ContainsAny(digits, "+-_") {
			return netip.Addr{}, false
		}
		nums = append(nums, n)
	}
	// The last part fills the bytes the others leave: a.b.c.d, a.b.cd,
	// a.bcd, abcd.
	var v uint64
	for i, n := range nums[:len(nums)-1] {
		if n > 255 {
			return netip.Addr{}, false
		}
		v |= n << (24 - 8*i)
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return netip.Addr{}, false
	}
	v |= last
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// Loopback reports whether host names this computer's loopback
// interface: localhost, a name under .localhost, or a loopback address
// in any spelling.
func Loopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	a, ok := ParseHost(h)
	return ok && a.WithZone("").Unmap().IsLoopback()
}
