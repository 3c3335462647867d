package reader

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/image/webp"

	"pamphlet/internal/netaddr"
	"pamphlet/internal/parallel"
	"pamphlet/internal/picture"
	"pamphlet/model"
)

// DefaultMaxImageBytes is the size cap of one image when
// Options.MaxImageBytes is 0: 16 MiB.
const DefaultMaxImageBytes = 16 << 20

// imgLoader turns image references into figures for one read: it loads
// local files from Options.Images, fetches remote ones through
// Options.Fetch, and refuses what must not reach a book.
type imgLoader struct {
	opt   Options
	base  *url.URL
	rec   *trail
	cache map[string]imgData
	// notFetched counts remote images left unloaded because fetching was
	// not asked for; one warning at the end says so.
	notFetched int
	// pending are the remote images that finish downloads all at once.
	pending []pendingFetch
}

// pendingFetch is a figure waiting for the bytes of its remote image.
type pendingFetch struct {
	fig  *model.Figure
	line int
}

// imgFetchWorkers is how many remote images download at once: what a
// browser opens to one server. Slow servers then cost the time of the
// slowest, not of all of them one after another.
const imgFetchWorkers = 6

type imgData struct {
	data          []byte
	mediaType     string
	width, height int
	err           error
}

func newImgLoader(opt Options, base *url.URL, rec *trail) *imgLoader {
	return &imgLoader{opt: opt, base: base, rec: rec, cache: map[string]imgData{}}
}

// imgTracking reports whether declared sizes mark a tracking pixel.
func imgTracking(width, height int) bool {
	return width > 0 && height > 0 && width <= 2 && height <= 2
}

// inline stands for an image found inside a line of text (in a link
// among words, in emphasis, in a heading or a table cell): the model
// keeps images as blocks, so it is not included, its alt text stays in
// the line, and a warning names it. An icon (declared at most 32×32
// pixels) belongs in the line: its alt text stands in with a repair, no
// warning. A tracking pixel leaves nothing.
func (l *imgLoader) inline(src, alt string, width, height, line int) []model.Inline {
	src, alt = strings.TrimSpace(src), strings.TrimSpace(alt)
	switch {
	case imgTracking(width, height):
		l.rec.repair(line, "image", "dropped a %dx%d tracking image", width, height)
		return nil
	case width > 0 && height > 0 && width <= 32 && height <= 32:
		if alt != "" {
			l.rec.repair(line, "image", "the icon %s inside a line is set as its alt text %q", imgName(src), alt)
			return []model.Inline{&model.Text{Text: alt}}
		}
		return nil
	case alt != "":
		l.rec.warn(line, "image %s inside a line of text is not included; its alt text %q stands in", imgName(src), alt)
		return []model.Inline{&model.Text{Text: alt}}
	default:
		l.rec.warn(line, "image %s inside a line of text is not included and has no alt text to stand for it", imgName(src))
		return nil
	}
}

// figure returns the figure for an image reference src with its alt text,
// declared size (0 when not given) and caption, or nil when nothing of it
// may or need appear. A refused image (a path leaving the input's folder, a
// local-network address, a script URL) loses its Src but keeps its alt text
// and caption, which are the author's words.
func (l *imgLoader) figure(src, alt string, width, height int, caption []model.Inline, line int) *model.Figure {
	fig := &model.Figure{Alt: alt, Caption: caption}
	src = strings.TrimSpace(src)
	tracking := imgTracking(width, height)
	keep := func() *model.Figure {
		if len(fig.Data) == 0 && strings.TrimSpace(fig.Alt) == "" && strings.TrimSpace(model.Plain(caption)) == "" {
			if src != "" && !tracking {
				l.rec.warn(line, "image %s is not included and has no alt text or caption to stand for it", imgName(src))
			}
			return nil
		}
		return fig
	}
	if tracking {
		// Expected clean-up, not a problem: a repair, no warning.
		l.rec.repair(line, "image", "dropped a %dx%d tracking image", width, height)
		return keep()
	}
	if src == "" {
		return keep()
	}
	if strings.HasPrefix(strings.ToLower(src), "data:") {
		data, err := imgDataURL(src, l.maxBytes())
		if err != nil {
			l.rec.warn(line, "inline image dropped: %v", err)
			return keep()
		}
		l.setData(fig, imgName(src), data, line)
		return keep()
	}
	// A one-letter "scheme" is a Windows drive (C:\pics\a.png), not a URL.
	if m := linkScheme.FindStringSubmatch(src); (m != nil && len(m[1]) > 1) || strings.HasPrefix(src, "//") {
		scheme := "https"
		if m != nil {
			scheme = strings.ToLower(m[1])
		}
		if scheme != "http" && scheme != "https" {
			l.rec.warn(line, "image %s: %s: URLs are not images; dropped", imgName(src), scheme)
			return keep()
		}
		return l.remote(fig, src, line, keep)
	}
	// A path relative to the input.
	p := src
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if strings.HasPrefix(p, "/") || (len(p) > 1 && p[1] == ':') {
		if l.base != nil {
			return l.remote(fig, src, line, keep)
		}
		l.rec.warn(line, "image %s: an absolute path is outside the input's folder; not loaded", imgName(src))
		return keep()
	}
	clean := path.Clean(p)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		l.rec.warn(line, "image %s: the path leaves the input's folder; not loaded", imgName(src))
		return keep()
	}
	if l.opt.Images == nil {
		if l.base != nil {
			return l.remote(fig, src, line, keep)
		}
		fig.Src = src
		l.rec.warn(line, "image %s: not loaded (the input has no folder to load it from)", imgName(src))
		return keep()
	}
	fig.Src = src
	d, ok := l.cache["file:"+clean]
	if !ok {
		d.data, d.err = l.readLocal(clean)
	}
	if d.err != nil {
		if errors.Is(d.err, fs.ErrNotExist) && l.base != nil {
			return l.remote(fig, src, line, keep)
		}
		l.cache["file:"+clean] = d
		l.rec.warn(line, "image %s: %v", imgName(src), d.err)
		return keep()
	}
	l.cache["file:"+clean] = imgData{data: d.data}
	l.setData(fig, imgName(src), d.data, line)
	return keep()
}

// remote handles an http(s) image: local-network addresses are refused,
// the rest is fetched only when Options.Fetch is set.
func (l *imgLoader) remote(fig *model.Figure, src string, line int, keep func() *model.Figure) *model.Figure {
	u, err := url.Parse(src)
	if err == nil && l.base != nil {
		u = l.base.ResolveReference(u)
	}
	if err == nil && u.Scheme == "" && strings.HasPrefix(src, "//") {
		u.Scheme = "https"
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.rec.warn(line, "image %s: not a usable URL; dropped", imgName(src))
		return keep()
	}
	if imgPrivateHost(u.Hostname()) && !(l.opt.FetchLoopback && netaddr.Loopback(u.Hostname())) {
		l.rec.warn(line, "image %s: refers to this computer or a local network; dropped", imgName(src))
		return keep()
	}
	fig.Src = u.String()
	if l.opt.Fetch == nil {
		l.notFetched++
		return keep()
	}
	d, ok := l.cache[fig.Src]
	if !ok && (strings.TrimSpace(fig.Alt) != "" || strings.TrimSpace(model.Plain(fig.Caption)) != "") {
		// The figure stays whatever the download gives (its words stand
		// for it): finish fetches it together with the others.
		l.pending = append(l.pending, pendingFetch{fig: fig, line: line})
		return fig
	}
	if !ok {
		d = l.fetch(fig.Src)
		l.cache[fig.Src] = d
	}
	l.fetched(fig, d, line)
	return keep()
}

// fetch downloads one remote image with the size cap. It may run on
// several goroutines at once.
func (l *imgLoader) fetch(u string) (d imgData) {
	d.data, d.err = l.opt.Fetch(u)
	if d.err == nil && int64(len(d.data)) > l.maxBytes() {
		d.data, d.err = nil, fmt.Errorf("larger than %d MB", l.maxBytes()>>20)
	}
	return d
}

// fetched fills fig with a download's outcome.
func (l *imgLoader) fetched(fig *model.Figure, d imgData, line int) {
	if d.err != nil {
		l.rec.warn(line, "image %s: fetch failed: %v", imgName(fig.Src), d.err)
		return
	}
	l.setData(fig, imgName(fig.Src), d.data, line)
}

// fetchPending downloads the pending images at once, each address once,
// and fills their figures in document order.
func (l *imgLoader) fetchPending() {
	var urls []string
	for _, p := range l.pending {
		if _, ok := l.cache[p.fig.Src]; !ok && !slices.Contains(urls, p.fig.Src) {
			urls = append(urls, p.fig.Src)
		}
	}
	got := make([]imgData, len(urls))
	parallel.Each(len(urls), imgFetchWorkers, func(i int) { got[i] = l.fetch(urls[i]) }, nil)
	for i, u := range urls {
		l.cache[u] = got[i]
	}
	for _, p := range l.pending {
		l.fetched(p.fig, l.cache[p.fig.Src], p.line)
	}
	l.pending = nil
}

// finish downloads the pending remote images, then reports what the
// loader left undone. It runs before the blocks are normalised, which
// may copy the figures.
func (l *imgLoader) finish() {
	l.fetchPending()
	if l.notFetched > 0 {
		l.rec.warn(0, "%d remote image(s) not fetched; pamphlet fetches images only when asked (--fetch-images)", l.notFetched)
	}
}

func (l *imgLoader) maxBytes() int64 {
	if l.opt.MaxImageBytes > 0 {
		return l.opt.MaxImageBytes
	}
	return DefaultMaxImageBytes
}

// readLocal reads a cleaned relative path from Options.Images with the
// size cap.
func (l *imgLoader) readLocal(p string) ([]byte, error) {
	// Only a regular file is opened: opening a FIFO waits for a writer
	// that never comes, and a device may never end.
	if st, err := fs.Stat(l.opt.Images, p); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil, errors.New("not a regular file (a FIFO, device or socket); not loaded")
	}
	f, err := l.opt.Images.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no such file beside the input: %w", fs.ErrNotExist)
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot open: %w", err)
	}
	defer f.Close()
	size := int64(0)
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("is a folder, not an image")
	} else if err == nil {
		size = st.Size()
	}
	// A buffer of the file's size: io.ReadAll would grow one by copies.
	buf := bytes.NewBuffer(make([]byte, 0, min(size, l.maxBytes()+1)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, l.maxBytes()+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if int64(len(data)) > l.maxBytes() {
		return nil, fmt.Errorf("larger than %d MB; not loaded", l.maxBytes()>>20)
	}
	return data, nil
}

// setData sniffs, checks and decodes image bytes into fig. PNG, JPEG and
// GIF are kept as they are; WebP, which PDF cannot hold, is converted to
// PNG. SVG is refused: it may carry scripts and links, and a PDF cannot
// place it.
func (l *imgLoader) setData(fig *model.Figure, name string, data []byte, line int) {
	mt := imgSniff(data)
	switch mt {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
	case "image/svg+xml":
		l.rec.warn(line, "image %s: SVG images are not embedded (they may hold scripts); the alt text is kept", name)
		return
	default:
		l.rec.warn(line, "image %s: not a PNG, JPEG, GIF or WebP image; not embedded", name)
		return
	}
	if mt == "image/webp" {
		cfg, err := webp.DecodeConfig(bytes.NewReader(data))
		if err == nil {
			err = picture.CheckSize(cfg.Width, cfg.Height)
		}
		var img image.Image
		if err == nil {
			img, err = webp.Decode(bytes.NewReader(data))
		}
		if err != nil {
			l.imgRefused(name, mt, err, line)
			return
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			l.rec.warn(line, "image %s: cannot convert WebP to PNG: %v", name, err)
			return
		}
		data, mt = buf.Bytes(), "image/png"
		l.rec.repair(line, "image", "converted WebP image %s to PNG", name)
	}
	// Checked whole and intact without decompressing a PNG or a GIF
	// (their checksums and block structure say so): the PDF export
	// decodes what it converts, once, and passes the rest through.
	cfg, _, err := picture.Check(data)
	if err != nil {
		l.imgRefused(name, mt, err, line)
		return
	}
	fig.Data, fig.MediaType, fig.Width, fig.Height = data, mt, cfg.Width, cfg.Height
}

// imgRefused warns of an image that does not decode or is too large.
func (l *imgLoader) imgRefused(name, mt string, err error, line int) {
	if errors.Is(err, picture.ErrTooLarge) {
		l.rec.warn(line, "image %s: %v; not embedded", name, err)
		return
	}
	l.rec.warn(line, "image %s: damaged %s: %v; not embedded", name, mt, err)
}

// imgSniff names the type of image bytes from their content, never from a
// file name or a server's word.
func imgSniff(data []byte) string {
	mt := http.DetectContentType(data)
	switch mt {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return mt
	}
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	if strings.Contains(head, "<svg") {
		return "image/svg+xml"
	}
	return mt
}

// imgDataURL decodes a data: URL, which must hold an image.
func imgDataURL(s string, maxBytes int64) ([]byte, error) {
	comma := strings.IndexByte(s, ',')
	if comma < 0 {
		return nil, errors.New("malformed data: URL")
	}
	header := strings.ToLower(s[len("data:"):comma])
	if !strings.HasPrefix(header, "image/") {
		return nil, fmt.Errorf("a data: URL of type %q is not an image", strings.SplitN(header, ";", 2)[0])
	}
	payload := s[comma+1:]
	if int64(len(payload)) > maxBytes*4/3+4 {
		return nil, fmt.Errorf("larger than %d MB", maxBytes>>20)
	}
	if strings.HasSuffix(header, ";base64") {
		payload = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		data, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
		}
		if err != nil {
			return nil, errors.New("bad base64 in data: URL")
		}
		return data, nil
	}
	data, err := url.PathUnescape(payload)
	if err != nil {
		return nil, errors.New("bad escapes in data: URL")
	}
	return []byte(data), nil
}

// imgPrivateHost reports whether host names this computer or a private
// network. Such images are never fetched and never kept: in a page they are
// trackers or probes of the reader's network.
func imgPrivateHost(host string) bool { return netaddr.Local(host) }

// imgName shortens an image reference for messages.
func imgName(src string) string {
	if strings.HasPrefix(strings.ToLower(src), "data:") {
		return "(inline data)"
	}
	if len(src) > 120 {
		src = src[:117] + "..."
	}
	return fmt.Sprintf("%q", src)
}
