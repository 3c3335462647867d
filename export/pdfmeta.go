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
	// prop writes a Dublin Core property holding one value: in an
	// rdf:Alt (a text in the default language), an rdf:Bag or, with
	// container "", as it stands.
	prop := func(name, container, value string) {
		if value == "" {
			return
		}
		b.WriteString("<dc:" + name + ">")
		switch container {
		case "Alt":
			b.WriteString("<rdf:Alt><rdf:li xml:lang=\"x-default\">")
		case "Bag":
			b.WriteString("<rdf:Bag><rdf:li>")
		}
		esc(value)
		if container != "" {
			b.WriteString("</rdf:li></rdf:" + container + ">")
		}
		b.WriteString("</dc:" + name + ">\n")
	}
	prop("title", "Alt", m.Title)
	if len(m.Authors) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range m.Authors {
			b.WriteString("<rdf:li>")
			esc(a)
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	prop("description", "Alt", cmp.Or(m.Subject, m.Subtitle))
	prop("language", "Bag", m.Lang)
	prop("publisher", "Bag", m.Publisher)
	prop("rights", "Alt", m.Rights)
	prop("identifier", "", m.Identifier)
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
