// Package fetch downloads remote images for the reader when the user asks
// for it (--fetch-images). It is the only code in pamphlet that touches
// the network: plain GET over http or https, with a timeout, a size cap, a
// bounded number of redirects, no proxy from the environment, and no
// connection to loopback, private or link-local addresses, checked on the
// address actually dialled so that a name resolving to 127.0.0.1 is
// refused too.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"
)

// DefaultTimeout bounds one download when Options.Timeout is zero: long
// enough for a large photograph on a slow line, short enough that a dead
// server does not stall a conversion.
const DefaultTimeout = 20 * time.Second

// DefaultMaxBytes caps one download when Options.MaxBytes is zero: 16 MiB,
// the reader's own image size cap.
const DefaultMaxBytes = 16 << 20

// maxRedirects bounds redirect chains.
const maxRedirects = 5

// Options configures a Fetcher. The zero value means the defaults.
type Options struct {
	// Timeout bounds one whole download, redirects included.
	Timeout time.Duration
	// MaxBytes caps the size of one response body in bytes.
	MaxBytes int64
	// AllowPrivate permits loopback and private-network addresses. Only
	// tests that serve images from 127.0.0.1 set it.
	AllowPrivate bool
}

// Fetcher downloads images.
type Fetcher struct {
	opt    Options
	client *http.Client
}

// ErrPrivate means the address is on this computer or a private network.
var ErrPrivate = errors.New("refusing to connect to a loopback or private-network address")

// New returns a Fetcher with opt's limits.
func New(opt Options) *Fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	dialer := &net.Dialer{Timeout: opt.Timeout}
	if !opt.AllowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip := net.ParseIP(host); ip == nil || !public(ip) {
				return ErrPrivate
			}
			return nil
		}
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opt.Timeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	client := &http.Client{
		Transport: transport,
		Timeout:   opt.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s: URL", req.URL.Scheme)
			}
			return nil
		},
	}
	return &Fetcher{opt: opt, client: client}
}

// public reports whether ip is a globally routable address.
func public(ip net.IP) bool {
	return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast())
}

// Get downloads rawURL and returns the body. It fails on a status other
// than 200, on a body larger than MaxBytes, and on the limits above.
func (f *Fetcher) Get(rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not an http or https URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "pamphlet (image fetch)")
	req.Header.Set("Accept", "image/png,image/jpeg,image/gif,image/webp;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("server answered %s", resp.Status)
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return nil, fmt.Errorf("larger than %d MB", f.opt.MaxBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > f.opt.MaxBytes {
		return nil, fmt.Errorf("larger than %d MB", f.opt.MaxBytes>>20)
	}
	return data, nil
}
