package export

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// finishing lists what gofpdf cannot write and finish adds to its file.
type finishing struct {
	// lang goes into the catalog as /Lang.
	lang string
	// noDates drops the creation and modification dates.
	noDates bool
	// fonts are added as new objects and named in the page resources.
	fonts *pdfFonts
	// images are the pictures, added as new objects and named in the
	// page resources.
	images []*imageObj
	// tags is the structure tree and where its content was painted.
	tags *structure
	// streams are the sides' content compressed as they were painted,
	// by page (nil: gofpdf's stream stands, unless kept holds it).
	streams [][]byte
	// kept are the compressed streams waiting in a spill, by page (nil
	// without one).
	kept []*spilledStream
	// xmp is the metadata packet.
	xmp []byte
}

// finish completes gofpdf's file on its parsed objects (see pdfobj.go):
// the fonts and the pictures added and named in the page resources, /Lang in the
// catalog, the dates dropped when unknown, every plain stream
// compressed (pdfstream.go); writeTo then writes the file anew as PDF
// 1.7 with a trailer /ID.
func finish(raw []byte, fin finishing) (*pdfFile, error) {
	f, err := readPDF(raw)
	if err != nil {
		return nil, fmt.Errorf("finish: %w", err)
	}
	cat := f.dict(f.trailer.get("Root"))
	if cat == nil || cat.get("Type") != pdfName("Catalog") {
		return nil, errors.New("finish: no catalog")
	}
	pages, err := f.pages(cat)
	if err != nil {
		return nil, fmt.Errorf("finish: %w", err)
	}
	for i, p := range pages {
		var kept *spilledStream
		if i < len(fin.kept) {
			kept = fin.kept[i]
		}
		if (i >= len(fin.streams) || fin.streams[i] == nil) && kept == nil {
			continue
		}
		ref, _ := f.dict(p).get("Contents").(pdfRef)
		if ref <= 0 || int(ref) >= len(f.objs) || f.objs[ref] == nil || string(f.objs[ref].stream) != pagePrefix {
			return nil, fmt.Errorf("finish: page %d: gofpdf's content is not the top of a page as expected", i+1)
		}
		o := f.objs[ref]
		o.deflated = true
		if kept != nil {
			// Read back when the file is written.
			o.stream, o.kept = nil, kept
			continue
		}
		o.stream = fin.streams[i]
	}
	if fin.fonts != nil {
		objs, names := fin.fonts.objects(len(f.objs))
		for _, o := range objs {
			f.add(o)
		}
		for _, p := range pages {
			res := f.dict(f.dict(p).get("Resources"))
			if res == nil {
				return nil, errors.New("finish: a page without resources")
			}
			fd, ok := res.get("Font").(*pdfDict)
			if !ok {
				fd = &pdfDict{}
				res.set("Font", fd)
			}
			for _, n := range names {
				fd.set(n.name, n.ref)
			}
		}
	}
	if len(fin.images) > 0 {
		xobjects := &pdfDict{}
		for _, si := range fin.images {
			n := len(f.objs)
			for _, o := range si.objects(n) {
				f.add(o)
			}
			xobjects.set(pdfName(si.name), pdfRef(n))
		}
		// gofpdf's pages share one resource dictionary.
		done := map[*pdfDict]bool{}
		for _, p := range pages {
			res := f.dict(f.dict(p).get("Resources"))
			if res == nil {
				return nil, errors.New("finish: a page without resources")
			}
			if done[res] {
				continue
			}
			done[res] = true
			xo := f.dict(res.get("XObject"))
			if xo == nil {
				xo = &pdfDict{}
				res.set("XObject", xo)
			}
			for i, k := range xobjects.keys {
				xo.set(k, xobjects.vals[i])
			}
		}
	}
	if fin.lang != "" {
		cat.set("Lang", pdfToken(pdfString(fin.lang)))
	}
	if fin.tags != nil {
		annots, err := f.annotations(pages, fin.tags)
		if err != nil {
			return nil, fmt.Errorf("finish: %w", err)
		}
		root := fin.tags.objects(f, structOut{pages: pages, annots: annots})
		cat.set("StructTreeRoot", root)
		marked := &pdfDict{}
		marked.set("Marked", pdfToken("true"))
		cat.set("MarkInfo", marked)
	}
	prefs := &pdfDict{}
	prefs.set("DisplayDocTitle", pdfToken("true"))
	cat.set("ViewerPreferences", prefs)
	if fin.xmp != nil {
		md := &pdfDict{}
		md.set("Type", pdfName("Metadata"))
		md.set("Subtype", pdfName("XML"))
		cat.set("Metadata", pdfRef(f.add(&pdfObj{value: md, stream: fin.xmp})))
	}
	if fin.noDates {
		if info := f.dict(f.trailer.get("Info")); info != nil {
			info.del("CreationDate")
			info.del("ModDate")
		}
	}
	deflateStreams(f.objs)
	// The streams left as gofpdf wrote them (images, compressed
	// already) are copied out of raw, so that gofpdf's whole file can
	// go before the new one is written.
	for _, o := range f.objs {
		if o != nil && o.raw == nil && !o.deflated && len(o.stream) > 0 {
			o.stream = bytes.Clone(o.stream)
		}
	}
	return f, nil
}

// annotations makes each page's link annotations objects of their own,
// which the structure tree can point to, each described by its target
// (/Contents); pages with annotations visit them in the order of the
// structure (/Tabs /S). It returns the annotations of each page.
func (f *pdfFile) annotations(pages []pdfRef, st *structure) ([][]pdfRef, error) {
	out := make([][]pdfRef, len(pages))
	for i, p := range pages {
		pd := f.dict(p)
		arr, ok := pd.get("Annots").(pdfArray)
		if !ok {
			continue
		}
		for k, a := range arr {
			d, ok := a.(*pdfDict)
			if !ok || d.get("Subtype") != pdfName("Link") {
				return nil, errors.New("a page's annotation is not a link dictionary")
			}
			if i < len(st.urls) && k < len(st.urls[i]) {
				d.set("Contents", pdfToken(textString(st.urls[i][k])))
			}
			r := pdfRef(f.add(&pdfObj{value: d}))
			arr[k] = r
			out[i] = append(out[i], r)
		}
		pd.set("Tabs", pdfName("S"))
	}
	return out, nil
}

// pages returns the page objects in order, from the catalog's page tree.
func (f *pdfFile) pages(cat *pdfDict) ([]pdfRef, error) {
	var out []pdfRef
	var walk func(v pdfValue, depth int) error
	walk = func(v pdfValue, depth int) error {
		r, ok := v.(pdfRef)
		d := f.dict(v)
		if !ok || d == nil || depth > 32 {
			return errors.New("bad page tree")
		}
		switch d.get("Type") {
		case pdfName("Page"):
			out = append(out, r)
		case pdfName("Pages"):
			kids, _ := d.get("Kids").(pdfArray)
			for _, k := range kids {
				if err := walk(k, depth+1); err != nil {
					return err
				}
			}
		default:
			return errors.New("bad page tree")
		}
		return nil
	}
	if err := walk(cat.get("Pages"), 0); err != nil {
		return nil, err
	}
	return out, nil
}

// pdfString writes s as a PDF literal string (ASCII text such as a
// language tag).
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}
