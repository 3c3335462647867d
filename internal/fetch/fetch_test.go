package fetch

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	var agent string
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.png", func(w http.ResponseWriter, r *http.Request) {
		agent = r.UserAgent()
		w.Write([]byte("PNGDATA"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 5000)) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok.png", http.StatusFound) })
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	mux.HandleFunc("/to-file", redirect("file:///etc/passwd"))
	mux.HandleFunc("/to-private", redirect("http://10.0.0.1/a.png"))
	mux.HandleFunc("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
	mux.HandleFunc("/to-odd-loopback", redirect("http://0x7f.1/a.png"))
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	open := New(Options{AllowLoopback: true, MaxBytes: 1000, Timeout: 300 * time.Millisecond})
	tests := []struct {
		name    string
		f       *Fetcher
		url     string
		want    string
		wantErr string
	}{
		{"ok", open, srv.URL + "/ok.png", "PNGDATA", ""},
		{"one redirect", open, srv.URL + "/hop", "PNGDATA", ""},
		{"loopback refused by default", New(Options{}), srv.URL + "/ok.png", "", "loopback, private"},
		{"localhost refused by default", New(Options{}), strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/ok.png", "", "loopback, private"},
		{"private refused with loopback allowed", open, "http://192.168.1.1/a.png", "", "loopback, private"},
		{"shared space refused", open, "http://100.64.0.1/a.png", "", "loopback, private"},
		{"documentation range refused", open, "http://[2001:db8::1]/a.png", "", "loopback, private"},
		{"odd spelling refused", New(Options{}), "http://2130706433/a.png", "", "loopback, private"},
		{"size cap", open, srv.URL + "/big", "", "larger than"},
		{"not found", open, srv.URL + "/missing", "", "404"},
		{"redirect loop", open, srv.URL + "/loop", "", "redirects"},
		{"redirect to file", open, srv.URL + "/to-file", "", "redirect to not an http"},
		{"redirect to a private address", open, srv.URL + "/to-private", "", "loopback, private"},
		{"redirect to cloud metadata", open, srv.URL + "/to-metadata", "", "loopback, private"},
		{"redirect to loopback spelled oddly", New(Options{AllowLoopback: false}), srv.URL + "/to-odd-loopback", "", "loopback, private"},
		{"timeout", open, srv.URL + "/slow", "", "timeout"},
		{"not http", open, "ftp://example.org/a.png", "", "not an http"},
		{"garbage", open, "::", "", "not an http"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.f.Get(tc.url)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tc.wantErr)) {
					t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("Get = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if agent != DefaultUserAgent {
		t.Errorf("User-Agent %q, want %q", agent, DefaultUserAgent)
	}
}

// TestTotalDeadline checks that hanging servers cannot stall a run one
// timeout after another: downloads share one deadline, whether they come
// one after another or at once.
func TestTotalDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	t.Run("one after another", func(t *testing.T) {
		f := New(Options{AllowLoopback: true, Timeout: 300 * time.Millisecond, Total: 500 * time.Millisecond})
		var errs []error
		for range 6 {
			_, err := f.Get(srv.URL + "/a.png")
			errs = append(errs, err)
		}
		if !strings.Contains(errs[0].Error(), "timeout") {
			t.Errorf("first error %v, want a timeout", errs[0])
		}
		for i, err := range errs[1:] {
			if !errors.Is(err, ErrTotal) {
				t.Errorf("error %d: %v, want ErrTotal", i+2, err)
			}
		}
	})
	t.Run("at once", func(t *testing.T) {
		f := New(Options{AllowLoopback: true, Timeout: 5 * time.Second, Total: 300 * time.Millisecond})
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Go(func() { _, errs[i] = f.Get(srv.URL + "/a.png") })
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(4 * time.Second):
			t.Fatal("concurrent downloads outlived the total deadline")
		}
		for i, err := range errs {
			if !errors.Is(err, ErrTotal) {
				t.Errorf("download %d: %v, want ErrTotal", i+1, err)
			}
		}
	})
}

// TestDialChecksTheAddress checks the last line of defence: whatever
// name led there, the address dialled must be public (or loopback when
// allowed).
func TestDialChecksTheAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	tests := []struct {
		name    string
		opt     Options
		refused bool
	}{
		{"loopback refused", Options{}, true},
		{"loopback allowed", Options{AllowLoopback: true}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dial := New(tc.opt).client.Transport.(*http.Transport).DialContext
			conn, err := dial(t.Context(), "tcp", srv.Listener.Addr().String())
			if conn != nil {
				conn.Close()
			}
			if errors.Is(err, ErrPrivate) != tc.refused {
				t.Errorf("dial: %v, want refused %v", err, tc.refused)
			}
		})
	}
}
