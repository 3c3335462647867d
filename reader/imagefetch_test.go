package reader

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pamphlet/model"
)

// TestRemoteImagesDownloadTogether checks that the remote images of one
// input are fetched at once, each address once, and land in their own
// figures in document order, in Markdown and in HTML.
func TestRemoteImagesDownloadTogether(t *testing.T) {
	const n, delay = 6, 200 * time.Millisecond
	pngData := testPNG(t, 6, 4)
	var md, page strings.Builder
	md.WriteString("# Harbour\n\n")
	page.WriteString("<html><body><h1>Harbour</h1>")
	for i := range n {
		fmt.Fprintf(&md, "Photograph number %d of the harbour.\n\n![boat %d](https://img.example.org/%d.png)\n\n", i, i, i)
		fmt.Fprintf(&page, "<p>Photograph number %d of the harbour.</p><figure><img src=\"https://img.example.org/%d.png\" alt=\"boat %d\"></figure>", i, i, i)
	}
	// The first image again: fetched once.
	md.WriteString("![boat 0 again](https://img.example.org/0.png)\n")
	page.WriteString("<figure><img src=\"https://img.example.org/0.png\" alt=\"boat 0 again\"></figure></body></html>")
	for _, tc := range []struct {
		name, src string
		format    Format
	}{{"markdown", md.String(), FormatMarkdown}, {"html", page.String(), FormatHTML}} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			calls := map[string]int{}
			running, most := 0, 0
			fetch := func(u string) ([]byte, error) {
				mu.Lock()
				calls[u]++
				running++
				most = max(most, running)
				mu.Unlock()
				time.Sleep(delay)
				mu.Lock()
				running--
				mu.Unlock()
				return pngData, nil
			}
			res, err := Read([]byte(tc.src), Options{Format: tc.format, Fetch: fetch})
			if err != nil {
				t.Fatal(err)
			}
			if most < 2 {
				t.Errorf("at most %d download(s) at once, want them together", most)
			}
			for u, c := range calls {
				if c != 1 {
					t.Errorf("%s fetched %d times", u, c)
				}
			}
			var figs []string
			_ = model.Walk(res.Doc.Blocks, func(nd model.Node) error {
				if f, ok := nd.(*model.Figure); ok {
					figs = append(figs, fmt.Sprintf("%s %s %d", f.Alt, f.Src, len(f.Data)))
				}
				return nil
			})
			if len(figs) != n+1 {
				t.Fatalf("figures %q, want %d", figs, n+1)
			}
			for i, f := range figs {
				want := fmt.Sprintf("boat %d https://img.example.org/%d.png %d", i, i, len(pngData))
				if i == n {
					want = fmt.Sprintf("boat 0 again https://img.example.org/0.png %d", len(pngData))
				}
				if f != want {
					t.Errorf("figure %d is %q, want %q", i, f, want)
				}
			}
		})
	}
}
