package export

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"sort"
	"strings"
	"sync"

	epub "github.com/go-shiori/go-epub"
)

// goEPUBMu serialises go-epub runs. go-epub works in a package-level file
// system; pamphlet switches it to the in-memory one (no temporary files,
// nothing read from the environment), which is a plain map and not safe
// for concurrent use.
var (
	goEPUBMu   sync.Mutex
	goEPUBInit sync.Once
	goEPUBErr  error
)

// skeleton is what go-epub wrote: the container file pointing at the
// package document, and the manifest and spine it built.
type skeleton struct {
	container []byte
	// manifest maps each href (relative to the EPUB folder) to go-epub's
	// media type for it.
	manifest map[string]string
	// spine lists the hrefs of the reading order.
	spine []string
	// crc holds the CRC-32 of each file in the container, by href.
	crc map[string]uint32
	// deflated holds, by href, the compressed bytes of each file go-epub
	// deflated, so that a file pamphlet writes unchanged is not
	// compressed a second time; size is its uncompressed length.
	deflated map[string]rawFile
}

// rawFile is one deflated file of go-epub's container, as stored.
type rawFile struct {
	data []byte
	size uint64
}

// goEPUB lets go-epub assemble the book once, into memory, and reads back
// the container it wrote. Every input is checked beforehand, because
// go-epub only logs some failures, and its Write is never called twice on
// one book (that duplicates manifest entries).
func goEPUB(bk *book, id, lang string, files []*pkgFile) (*skeleton, error) {
	seen := map[string]bool{}
	for _, f := range files {
		base := path.Base(f.name)
		if seen[base] {
			return nil, fmt.Errorf("two files named %s", base)
		}
		seen[base] = true
	}

	goEPUBMu.Lock()
	defer goEPUBMu.Unlock()
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
	if bk.description != "" {
		e.SetDescription(bk.description)
	}
	if len(bk.creators) > 0 {
		e.SetAuthor(strings.Join(bk.creators, ", "))
	}

	// The stylesheet goes first: every document links it.
	var cssPath string
	for _, f := range files {
		if f.name == cssFile {
			if cssPath, err = e.AddCSS(dataURL(f.data), path.Base(f.name)); err != nil {
				return nil, fmt.Errorf("go-epub: add %s: %w", f.name, err)
			}
		}
	}
	if cssPath != fromXHTML+cssFile {
		return nil, fmt.Errorf("go-epub: stylesheet placed at %q, want %q", cssPath, fromXHTML+cssFile)
	}
	for _, f := range files {
		dir, base := path.Split(f.name)
		switch {
		case f.name == cssFile:
		case dir == fontDir:
			_, err = e.AddFont(dataURL(f.data), base)
		case dir == imageDir:
			var p string
			p, err = e.AddImage(dataURL(f.data), base)
			if err == nil && f.properties == "cover-image" {
				err = e.SetCover(p, cssPath)
			}
		case dir == xhtmlDir && base == coverFile:
			// SetCover made this page; pamphlet's own replaces it.
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
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("go-epub: %w", err)
	}
	return readSkeleton(buf.Bytes())
}

// dataURL carries a file into go-epub without touching the disk or the
// network. go-epub detects media types from the content, and its data URL
// parser knows only the classic top-level types (not font/), so every
// file travels as application/octet-stream.
func dataURL(data []byte) string {
	return "data:application/octet-stream;base64," + base64.StdEncoding.EncodeToString(data)
}

// readSkeleton reads the parts of go-epub's container pamphlet keeps or
// checks.
func readSkeleton(data []byte) (*skeleton, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("go-epub wrote an unreadable container: %w", err)
	}
	sk := &skeleton{manifest: map[string]string{}, crc: map[string]uint32{}, deflated: map[string]rawFile{}}
	var opf []byte
	for _, f := range zr.File {
		switch f.Name {
		case "mimetype":
			b, err := readZipFile(f)
			if err != nil {
				return nil, err
			}
			if string(b) != epubMediaType {
				return nil, fmt.Errorf("go-epub wrote mimetype %q", b)
			}
		case "META-INF/container.xml":
			if sk.container, err = readZipFile(f); err != nil {
				return nil, err
			}
		case contentDir + "package.opf":
			if opf, err = readZipFile(f); err != nil {
				return nil, err
			}
		default:
			if name, ok := strings.CutPrefix(f.Name, contentDir); ok {
				sk.crc[name] = f.CRC32
				if raw, ok := rawDeflated(data, f); ok {
					sk.deflated[name] = raw
				}
			}
		}
	}
	if !bytes.Contains(sk.container, []byte(`full-path="`+contentDir+`package.opf"`)) {
		return nil, errors.New("go-epub's container.xml does not point at " + contentDir + "package.opf")
	}
	if opf == nil {
		return nil, errors.New("go-epub wrote no package document")
	}
	var pkg struct {
		Items []struct {
			ID        string `xml:"id,attr"`
			Href      string `xml:"href,attr"`
			MediaType string `xml:"media-type,attr"`
		} `xml:"manifest>item"`
		Refs []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(opf, &pkg); err != nil {
		return nil, fmt.Errorf("go-epub's package document: %w", err)
	}
	hrefs := map[string]string{}
	for _, it := range pkg.Items {
		sk.manifest[it.Href] = it.MediaType
		hrefs[it.ID] = it.Href
	}
	for _, r := range pkg.Refs {
		sk.spine = append(sk.spine, hrefs[r.IDRef])
	}
	return sk, nil
}

// rawDeflated slices the compressed bytes of a deflated file out of the
// container, copying nothing; ok is false for a stored file or one whose
// sizes do not fit the container.
func rawDeflated(container []byte, f *zip.File) (raw rawFile, ok bool) {
	if f.Method != zip.Deflate {
		return rawFile{}, false
	}
	off, err := f.DataOffset()
	n := f.CompressedSize64
	if err != nil || off < 0 || n > uint64(len(container)) || uint64(off) > uint64(len(container))-n {
		return rawFile{}, false
	}
	return rawFile{data: container[off : uint64(off)+n : uint64(off)+n], size: f.UncompressedSize64}, true
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("go-epub's %s: %w", f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("go-epub's %s: %w", f.Name, err)
	}
	return b, nil
}

// check compares go-epub's container with the files pamphlet meant it to
// hold: the same files, each resource byte for byte, every XHTML document
// in the reading order. Navigation files are go-epub's own and replaced.
func (sk *skeleton) check(files []*pkgFile) error {
	want := map[string]bool{navFile: true, ncxFile: true}
	var spine []string
	// Only the compressed bytes of files checked byte for byte below may
	// be reused: go-epub writes its own XHTML wrappers and navigation.
	verified := make(map[string]rawFile, len(sk.deflated))
	defer func() { sk.deflated = verified }()
	for _, f := range files {
		want[f.name] = true
		if _, ok := sk.manifest[f.name]; !ok {
			return fmt.Errorf("%s is missing from the manifest", f.name)
		}
		crc, ok := sk.crc[f.name]
		if !ok {
			return fmt.Errorf("%s is missing from the container", f.name)
		}
		if f.mediaType == xhtmlType {
			spine = append(spine, f.name)
		} else if crc != crc32.ChecksumIEEE(f.data) {
			return fmt.Errorf("%s differs from what was given", f.name)
		} else if raw, ok := sk.deflated[f.name]; ok && raw.size == uint64(len(f.data)) {
			verified[f.name] = raw
		}
	}
	var extra []string
	for href := range sk.manifest {
		if !want[href] {
			extra = append(extra, href)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return fmt.Errorf("unexpected files %s", strings.Join(extra, ", "))
	}
	if strings.Join(sk.spine, " ") != strings.Join(spine, " ") {
		return fmt.Errorf("reading order %v, want %v", sk.spine, spine)
	}
	return nil
}
