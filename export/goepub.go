package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"sync"

	epub "github.com/go-shiori/go-epub"
)

// go-epub assembles its container in a package-level file system. pamphlet
// switches it once to the in-memory one (no temporary files, nothing read
// from the environment), which is a plain map with no lock of its own:
// goEPUBWrite serialises the one call that uses it, Epub.WriteTo.
// Everything else (rendering, adding files, finishing the container)
// runs outside the lock.
var (
	goEPUBWrite sync.Mutex
	goEPUBInit  sync.Once
	goEPUBErr   error
)

// goEPUB has go-epub write the book: it places the stylesheet, fonts,
// images, cover, title page and chapters, and writes the package
// document, the navigation document and the NCX from them. Every input is
// checked beforehand, because go-epub only logs some failures (a file it
// could not place is missing from its container, which finishEPUB
// reports).
func goEPUB(bk *book, id, lang string, files []*pkgFile) ([]byte, error) {
	seen := map[string]bool{}
	for _, f := range files {
		base := path.Base(f.name)
		if seen[base] {
			return nil, fmt.Errorf("two files named %s", base)
		}
		seen[base] = true
	}
	goEPUBInit.Do(func() { goEPUBErr = epub.Use(epub.MemoryFS) })
	if goEPUBErr != nil {
		return nil, fmt.Errorf("go-epub: %w", goEPUBErr)
	}
	e, err := epub.NewEpub(bk.title)
	if err != nil {
		return nil, fmt.Errorf("go-epub: %w", err)
	}
	// go-epub fetches every file it places from a source: a path, an
	// address or a data URL. An address served from memory costs nothing;
	// a data URL is base64-encoded here and lexed back there, twice (when
	// the file is added and when it is written), a tenth of the time of
	// a one-article book with its cover.
	served := bookFiles{}
	e.Client = &http.Client{Transport: served}
	e.SetLang(lang)
	e.SetIdentifier(id)
	e.SetPpd(direction(lang))
	if bk.description != "" {
		e.SetDescription(bk.description)
	}
	if len(bk.creators) > 0 {
		// go-epub holds one creator; finishEPUB adds the others.
		e.SetAuthor(bk.creators[0])
	}

	// The style sheets go first: every document links pamphlet's (go-epub
	// links one; finishEPUB links the reader's after it).
	var cssPath string
	for _, f := range files {
		if path.Dir(f.name)+"/" != cssDir {
			continue
		}
		p, err := e.AddCSS(served.add(f), path.Base(f.name))
		if err != nil {
			return nil, fmt.Errorf("go-epub: add %s: %w", f.name, err)
		}
		if f.name == cssFile {
			cssPath = p
		}
	}
	if cssPath != fromXHTML+cssFile {
		return nil, fmt.Errorf("go-epub: stylesheet placed at %q, want %q", cssPath, fromXHTML+cssFile)
	}
	for _, f := range files {
		dir, base := path.Split(f.name)
		switch {
		case dir == cssDir:
		case dir == fontDir:
			_, err = e.AddFont(served.add(f), base)
		case dir == imageDir:
			var p string
			p, err = e.AddImage(served.add(f), base)
			if err == nil && f.properties == "cover-image" {
				// go-epub writes the cover page (coverFile) itself.
				err = e.SetCover(p, cssPath)
			}
		case dir == xhtmlDir && base == coverFile:
		case dir == xhtmlDir:
			_, err = e.AddSection(string(f.body), f.title, base, cssPath)
		default:
			err = errors.New("no folder for it")
		}
		if err != nil {
			return nil, fmt.Errorf("go-epub: add %s: %w", f.name, err)
		}
	}
	var buf bytes.Buffer
	goEPUBWrite.Lock()
	_, err = e.WriteTo(&buf)
	goEPUBWrite.Unlock()
	if err != nil {
		return nil, fmt.Errorf("go-epub: %w", err)
	}
	return buf.Bytes(), nil
}

// bookFiles serves go-epub the files of the book from memory, by path,
// as the transport of its HTTP client: nothing goes to the network.
type bookFiles map[string][]byte

// bookHost names no machine (RFC 6761 reserves .invalid), so that an
// address of it could never reach one.
const bookHost = "pamphlet.invalid"

// add serves f and returns its address.
func (b bookFiles) add(f *pkgFile) string {
	b["/"+f.name] = f.data
	return "http://" + bookHost + "/" + f.name
}

// RoundTrip answers go-epub's requests: HEAD when it checks that a file
// is there, GET when it copies it.
func (b bookFiles) RoundTrip(r *http.Request) (*http.Response, error) {
	data, ok := b[r.URL.Path]
	if r.URL.Host != bookHost || !ok {
		return nil, fmt.Errorf("no file %s in the book", r.URL)
	}
	body := io.NopCloser(bytes.NewReader(data))
	if r.Method == http.MethodHead {
		body = http.NoBody
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: body,
		ContentLength: int64(len(data)), Request: r}, nil
}

// mediaTypeOf strips parameters from a media type go-epub detected
// ("text/plain; charset=utf-8").
func mediaTypeOf(s string) string {
	mt, _, _ := strings.Cut(s, ";")
	return strings.TrimSpace(mt)
}
