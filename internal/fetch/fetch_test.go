package fetch

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.png", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("PNGDATA")) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 5000)) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	open := New(Options{AllowPrivate: true, MaxBytes: 1000, Timeout: 300 * time.Millisecond})
	tests := []struct {
		name    string
		f       *Fetcher
		url     string
		want    string
		wantErr string
	}{
		{"ok", open, srv.URL + "/ok.png", "PNGDATA", ""},
		{"loopback refused by default", New(Options{}), srv.URL + "/ok.png", "", "loopback or private"},
		{"size cap", open, srv.URL + "/big", "", "larger than"},
		{"not found", open, srv.URL + "/missing", "", "404"},
		{"redirect loop", open, srv.URL + "/loop", "", "redirects"},
		{"redirect to file", open, srv.URL + "/to-file", "", "file"},
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
}

func TestPrivateAddressError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the server was reached")
	}))
	defer srv.Close()
	// "localhost" resolves to a loopback address: refused at dial time.
	u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	_, err := New(Options{Timeout: time.Second}).Get(u)
	if !errors.Is(err, ErrPrivate) {
		t.Fatalf("err = %v, want ErrPrivate", err)
	}
}
