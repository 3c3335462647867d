// Package fetch downloads remote images for the reader when the user asks
// for it (--fetch-images). It is the only code in pamphlet that touches
// the network: plain GET over http or https, with a proper User-Agent, a
// deadline for each request and one for all of a run's requests
// together, a size cap, a bounded number of redirects (each checked like
// the first URL), no proxy from the environment, and connections to
// public addresses only (see package netaddr), checked on the address
// actually dialled so that a name resolving to 127.0.0.1 is refused too.
// A Fetcher is safe for concurrent use: a book's articles share one.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"

	"pamphlet/internal/netaddr"
)

// DefaultTimeout bounds one download when Options.Timeout is zero: long
// enough for a large photograph on a slow line, short enough that a dead
// server does not stall a conversion.
const DefaultTimeout = 20 * time.Second

// DefaultTotal bounds all the downloads of one Fetcher together when
// Options.Total is zero, so that many dead servers cannot stall a run one
// timeout after another.
const DefaultTotal = 60 * time.Second

// DefaultMaxBytes caps one download when Options.MaxBytes is zero: 16 MiB,
// the reader's own image size cap.
const DefaultMaxBytes = 16 << 20

// DefaultUserAgent names pamphlet to the servers it asks.
const DefaultUserAgent = "pamphlet (article converter; fetches the images of an article at its reader's request)"

// maxRedirects bounds redirect chains.
const maxRedirects = 5

// Options configures a Fetcher. The zero value means the defaults.
type Options struct {
	// Timeout bounds one download, redirects included.
	Timeout time.Duration
	// Total bounds all the downloads of the Fetcher together, from its
	// first; later ones fail at once.
	Total time.Duration
	// MaxBytes caps the size of one response body in bytes.
	MaxBytes int64
	// UserAgent is sent with every request (default DefaultUserAgent).
	UserAgent string
	// AllowLoopback permits this computer's loopback addresses (and
	// only those: private networks stay refused), for tests that serve
	// from 127.0.0.1.
	AllowLoopback bool
}

// Fetcher downloads images.
type Fetcher struct {
	opt    Options
	client *http.Client

	once     sync.Once
	deadline time.Time
}

// ErrPrivate means the address is on this computer, a private network or
// another range that is not public.
var ErrPrivate = errors.New("refusing to connect to a loopback, private-network or other non-public address")

// ErrTotal means the Fetcher's total deadline has passed.
var ErrTotal = errors.New("the downloads took too long together; skipped")

// New returns a Fetcher with opt's limits.
func New(opt Options) *Fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Total <= 0 {
		opt.Total = DefaultTotal
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	f := &Fetcher{opt: opt}
	dialer := &net.Dialer{Timeout: opt.Timeout, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !f.allowed(ap.Addr()) {
			return ErrPrivate
		}
		return nil
	}}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opt.Timeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			return f.check(req.URL, "redirect to ")
		},
	}
	return f
}

// allowed reports whether an address may be dialled.
func (f *Fetcher) allowed(a netip.Addr) bool {
	return netaddr.Public(a) || (f.opt.AllowLoopback && a.WithZone("").Unmap().IsLoopback())
}

// check refuses a URL that is not http or https or whose host is local,
// before anything is dialled.
func (f *Fetcher) check(u *url.URL, what string) error {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%snot an http or https URL", what)
	}
	host := u.Hostname()
	if netaddr.Local(host) && !(f.opt.AllowLoopback && netaddr.Loopback(host)) {
		return ErrPrivate
	}
	return nil
}

// Get downloads rawURL and returns the body. It fails on a status other
// than 200, on a body larger than MaxBytes, and on the limits above.
func (f *Fetcher) Get(rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("not an http or https URL")
	}
	if err := f.check(u, ""); err != nil {
		return nil, err
	}
	f.once.Do(func() { f.deadline = time.Now().Add(f.opt.Total) })
	if !time.Now().Before(f.deadline) {
		return nil, ErrTotal
	}
	total, cancelTotal := context.WithDeadline(context.Background(), f.deadline)
	defer cancelTotal()
	ctx, cancel := context.WithTimeout(total, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "image/png,image/jpeg,image/gif,image/webp;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.explain(err, total)
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
		return nil, f.explain(err, total)
	}
	if int64(len(data)) > f.opt.MaxBytes {
		return nil, fmt.Errorf("larger than %d MB", f.opt.MaxBytes>>20)
	}
	return data, nil
}

// explain turns a failed request's error into a message: which limit
// stopped it, else the network's own error without the URL.
func (f *Fetcher) explain(err error, total context.Context) error {
	switch {
	case errors.Is(err, ErrPrivate):
		return ErrPrivate
	case total.Err() != nil:
		return ErrTotal
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timeout: no answer within %v", f.opt.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
