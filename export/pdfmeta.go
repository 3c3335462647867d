package export

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"strings"
	"time"

	"pamphlet/layout"
)

// xmpPacket writes the document's XMP metadata: what the document
// information dictionary says (title, authors, subject, dates, creator
// and producer) in Dublin Core, XMP and PDF terms, its language, and the
// PDF/UA-1 identifier. A zero date writes no dates, as the information
// dictionary then has none.
func xmpPacket(m layout.Meta, creator, producer string, date time.Time) []byte {
	var b bytes.Buffer
	esc := func(s string) {
		_ = xml.EscapeText(&b, []byte(s))
	}
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\"\n" +
		" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n" +
		" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	if m.Title != "" {
		b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">")
		esc(m.Title)
		b.WriteString("</rdf:li></rdf:Alt></dc:title>\n")
	}
	if len(m.Authors) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range m.Authors {
			b.WriteString("<rdf:li>")
			esc(a)
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if subject := cmp.Or(m.Subject, m.Subtitle); subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">")
		esc(subject)
		b.WriteString("</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.Lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>")
		esc(m.Lang)
		b.WriteString("</rdf:li></rdf:Bag></dc:language>\n")
	}
	if m.Publisher != "" {
		b.WriteString("<dc:publisher><rdf:Bag><rdf:li>")
		esc(m.Publisher)
		b.WriteString("</rdf:li></rdf:Bag></dc:publisher>\n")
	}
	if m.Rights != "" {
		b.WriteString("<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">")
		esc(m.Rights)
		b.WriteString("</rdf:li></rdf:Alt></dc:rights>\n")
	}
	if m.Identifier != "" {
		b.WriteString("<dc:identifier>")
		esc(m.Identifier)
		b.WriteString("</dc:identifier>\n")
	}
	if !date.IsZero() {
		d := date.UTC().Format("2006-01-02T15:04:05Z")
		b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n")
	}
	b.WriteString("<xmp:CreatorTool>")
	esc(creator)
	b.WriteString("</xmp:CreatorTool>\n<pdf:Producer>")
	esc(producer)
	b.WriteString("</pdf:Producer>\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Room for editors to add metadata in place, as the XMP
	// specification suggests.
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString("<?xpacket end=\"w\"?>")
	return b.Bytes()
}
