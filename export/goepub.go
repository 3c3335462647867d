package export

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
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
		p, err := e.AddCSS(dataURL(f.data), path.Base(f.name))
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
			_, err = e.AddFont(dataURL(f.data), base)
		case dir == imageDir:
			var p string
			p, err = e.AddImage(dataURL(f.data), base)
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

// dataURL carries a file into go-epub without touching the disk or the
// network. go-epub detects media types from the content, and its data URL
// parser knows only the classic top-level types (not font/), so every
// file travels as application/octet-stream.
func dataURL(data []byte) string {
	return "data:application/octet-stream;base64," + base64.StdEncoding.EncodeToString(data)
}

// mediaTypeOf strips parameters from a media type go-epub detected
// ("text/plain; charset=utf-8").
func mediaTypeOf(s string) string {
	mt, _, _ := strings.Cut(s, ";")
	return strings.TrimSpace(mt)
}
