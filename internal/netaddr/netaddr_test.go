package netaddr

import (
	"net/netip"
	"testing"
)

// TestPublic walks the special-purpose ranges, their edges and their
// neighbours, for IPv4, IPv6 and IPv4 inside IPv6.
func TestPublic(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
		what   string
	}{
		{"8.8.8.8", true, "public"},
		{"93.184.215.14", true, "public"},
		{"0.0.0.0", false, "this network"},
		{"0.255.255.255", false, "this network, last"},
		{"1.0.0.0", true, "after this network"},
		{"9.255.255.255", true, "before private 10/8"},
		{"10.0.0.0", false, "private"},
		{"10.255.255.255", false, "private, last"},
		{"11.0.0.0", true, "after private 10/8"},
		{"100.63.255.255", true, "before shared space"},
		{"100.64.0.0", false, "shared space"},
		{"100.127.255.255", false, "shared space, last"},
		{"100.128.0.0", true, "after shared space"},
		{"127.0.0.1", false, "loopback"},
		{"127.255.255.254", false, "loopback, far end"},
		{"169.254.169.254", false, "link-local (cloud metadata)"},
		{"172.15.255.255", true, "before private 172.16/12"},
		{"172.16.0.1", false, "private"},
		{"172.31.255.255", false, "private, last"},
		{"172.32.0.0", true, "after private 172.16/12"},
		{"192.0.0.8", false, "IETF protocol assignments"},
		{"192.0.2.1", false, "documentation TEST-NET-1"},
		{"192.0.3.0", true, "after TEST-NET-1"},
		{"192.88.99.1", false, "6to4 relay anycast"},
		{"192.168.1.1", false, "private"},
		{"192.169.0.0", true, "after private 192.168/16"},
		{"198.17.255.255", true, "before benchmarking"},
		{"198.18.0.0", false, "benchmarking"},
		{"198.19.255.255", false, "benchmarking, last"},
		{"198.20.0.0", true, "after benchmarking"},
		{"198.51.100.7", false, "documentation TEST-NET-2"},
		{"203.0.113.9", false, "documentation TEST-NET-3"},
		{"223.255.255.255", true, "before multicast"},
		{"224.0.0.1", false, "multicast"},
		{"239.255.255.250", false, "multicast (SSDP)"},
		{"240.0.0.1", false, "reserved"},
		{"255.255.255.255", false, "broadcast"},

		{"2606:4700::1111", true, "public IPv6"},
		{"2a00:1450:4001:80b::200e", true, "public IPv6"},
		{"::", false, "unspecified"},
		{"::1", false, "loopback"},
		{"::7f00:1", false, "IPv4-compatible (deprecated)"},
		{"::ffff:127.0.0.1", false, "IPv4-mapped loopback"},
		{"::ffff:7f00:1", false, "IPv4-mapped loopback, hex"},
		{"::ffff:10.1.2.3", false, "IPv4-mapped private"},
		{"::ffff:8.8.8.8", true, "IPv4-mapped public"},
		{"64:ff9b::127.0.0.1", false, "NAT64 to loopback"},
		{"64:ff9b::a9fe:a9fe", false, "NAT64 to link-local"},
		{"64:ff9b::8.8.8.8", true, "NAT64 to public"},
		{"64:ff9b:1::1", false, "NAT64 local use"},
		{"100::1", false, "discard-only"},
		{"2001::1", false, "Teredo"},
		{"2001:2::1", false, "benchmarking"},
		{"2001:10::1", false, "ORCHID"},
		{"2001:db8::1", false, "documentation"},
		{"2001:200::1", true, "first public after the IETF block"},
		{"2002:7f00:1::", false, "6to4 of loopback"},
		{"2002:c0a8:101::1", false, "6to4 of private"},
		{"2002:808:808::1", true, "6to4 of public"},
		{"3fff::1", false, "documentation (2024)"},
		{"5f00::1", false, "segment routing"},
		{"fc00::1", false, "unique local"},
		{"fd12:3456::1", false, "unique local"},
		{"fe80::1", false, "link-local"},
		{"fe80::1%eth0", false, "link-local with zone"},
		{"fec0::1", false, "site-local (deprecated)"},
		{"ff02::1", false, "multicast"},
		{"ff0e::1", false, "global multicast"},
	}
	for _, tc := range tests {
		t.Run(tc.what+" "+tc.addr, func(t *testing.T) {
			a, err := netip.ParseAddr(tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := Public(a); got != tc.public {
				t.Errorf("Public(%s) = %v, want %v", tc.addr, got, tc.public)
			}
		})
	}
}

// TestLocal checks hosts as URLs write them, in every spelling.
func TestLocal(t *testing.T) {
	tests := []struct {
		host  string
		local bool
	}{
		{"example.org", false},
		{"8.8.8.8", false},
		{"localhost", true},
		{"LOCALHOST.", true},
		{"printer.local", true},
		{"db.internal", true},
		{"nas.home.arpa", true},
		{"app.localhost", true},
		{"127.0.0.1", true},
		{"127.1", true},
		{"2130706433", true},
		{"0x7f000001", true},
		{"0x7f.1", true},
		{"0177.0.0.1", true},
		{"017700000001", true},
		{"0x7F.0.0.1", true},
		{"10.1", true},
		{"3232235777", true}, // 192.168.1.1
		{"134744072", false}, // 8.8.8.8
		{"[::1]", true},
		{"[::ffff:127.0.0.1]", true},
		{"[fe80::1%25eth0]", true},
		{"[2606:4700::1111]", false},
		{"1.2.3.4.5", false}, // a name, not an address
		{"256.1.1.1", false}, // a name, not an address
		{"0x", false},
		{"12.example", false},
	}
	for _, tc := range tests {
		t.Run(tc.host, func(t *testing.T) {
			if got := Local(tc.host); got != tc.local {
				t.Errorf("Local(%q) = %v, want %v", tc.host, got, tc.local)
			}
		})
	}
}
