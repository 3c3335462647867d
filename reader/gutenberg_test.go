package reader

import (
	"slices"
	"strings"
	"testing"
)

// gutenbergBook wraps body in a Project Gutenberg header and licence, as
// the plain-text e-books print them.
func gutenbergBook(fields, body string) string {
	return "The Project Gutenberg EBook of The Lantern Makers, by Harriet Quill\n\n" +
		"This eBook is for the use of anyone anywhere at no cost and with\n" +
		"almost no restrictions whatsoever.  You may copy it, give it away or\n" +
		"re-use it under the terms of the Project Gutenberg License included\n" +
		"with this eBook or online at www.gutenberg.org\n\n\n" +
		fields +
		"\n*** START OF THIS PROJECT GUTENBERG EBOOK THE LANTERN MAKERS ***\n\n\n\n\n" +
		"Produced by A. Volunteer and the Online Distributed\nProofreading Team at http://www.pgdp.net\n\n\n\n\n" +
		body +
		"\n\n\nEnd of the Project Gutenberg EBook of The Lantern Makers, by Harriet Quill\n\n" +
		"*** END OF THIS PROJECT GUTENBERG EBOOK THE LANTERN MAKERS ***\n\n" +
		"***** This file should be named 99999.txt or 99999.zip *****\n\n" +
		"Updated editions will replace the previous one--the old editions\nwill be renamed.\n\n" +
		"Section 1.  General Terms of Use and Redistributing Project Gutenberg-tm\nelectronic works\n\n" +
		strings.Repeat("By reading or using any part of this electronic work, you show that\nyou have read and accept all the terms of this agreement. If you do\nnot agree, you must stop using the work and return or destroy every\ncopy of it in your possession.\n\n", 60)
}

const lanternFields = "Title: The Lantern Makers\n       A Tale of the Workshops\n\nAuthor: Harriet Quill\n\n" +
	"Release Date: March 3, 2009 [EBook #99999]\n\nLanguage: English\n\nCharacter set encoding: ASCII\n"

const lanternTitlePage = "THE LANTERN MAKERS\n\nA TALE OF THE WORKSHOPS\n\nBY\n\nHARRIET QUILL,\n\n" +
	"AUTHOR OF \"THE TIN WHISTLE.\"\n\nLONDON:\nGRAYSON, PEEL, AND CO.\n14 CANDLE LANE, LONDON\n1891\n\n\n\n\n"

const lanternChapters = "CHAPTER I.\n\nTHE YARD.\n\n" +
	"The yard lay behind the soap-\nworks, and every fellow-\ncitizen who passed along the lane\n" +
	"could smell the tallow before he saw the smoke. It was no place\nfor a lantern maker, said the neighbours; but the subject-\n" +
	"matter of their complaints was never the lanterns.\n\n" +
	"Old Abel kept the yard for thirty years. He swept it every\nmorning, and he kept the brass polished until it shone like the\nwindow of a chapel.\n\n" +
	"CHAPTER II.\n\nTHE APPRENTICE.\n\n" +
	"The apprentice came on a wet Tuesday, carrying a bundle and a\nletter from the parish. Abel read the letter twice and then\nput it in the stove.\n"

const kafkaLike = "Als der Reisende an jenem Morgen aus einem schweren Schlaf erwachte,\n" +
	"fand er sich in seinem Bett in ein fremdes Tier verwandelt. Er lag\n" +
	"auf dem Rücken, der hart war wie ein Panzer, und sah, wenn er den\n" +
	"Kopf ein wenig hob, seinen gewölbten Bauch, auf dem die Decke kaum\n" +
	"noch halten konnte. Was ist mit mir geschehen, dachte er. Es war\n" +
	"kein Traum. Sein Zimmer, ein richtiges, nur etwas zu kleines\n" +
	"Menschenzimmer, lag ruhig zwischen den vier wohlbekannten Wänden.\n\n" +
	"Sein Blick richtete sich dann zum Fenster, und das trübe Wetter,\n" +
	"man hörte Regentropfen auf das Blech des Fensters aufschlagen,\n" +
	"machte ihn ganz traurig. Wie wäre es, wenn ich noch ein wenig\n" +
	"weiterschliefe und alle Narrheiten vergäße, dachte er, aber das\n" +
	"war gänzlich undurchführbar, denn er war gewöhnt, auf der rechten\n" +
	"Seite zu schlafen, konnte sich aber in seinem gegenwärtigen\n" +
	"Zustand nicht in diese Lage bringen.\n"

func TestGutenbergWrapperIsMetadata(t *testing.T) {
	tests := []struct {
		name, src                     string
		title, subtitle, author, lang string
		date                          string
		firstBody                     string
		heads                         []string
	}{
		{"English book with a title page", gutenbergBook(lanternFields, lanternTitlePage+lanternChapters),
			"The Lantern Makers", "A Tale of the Workshops", "Harriet Quill", "en", "1891",
			"code layout:\n  | LONDON:\n  | GRAYSON, PEEL, AND CO.\n  | 14 CANDLE LANE, LONDON\n  | 1891\n",
			[]string{"Chapter I", "The Yard", "Chapter II", "The Apprentice"}},
		{"book without a title page", gutenbergBook(lanternFields, lanternChapters),
			"The Lantern Makers", "A Tale of the Workshops", "Harriet Quill", "en", "",
			"heading 1: Chapter I\n", []string{"Chapter I", "The Yard", "Chapter II", "The Apprentice"}},
		{"older book without the start marker", strings.Replace(strings.Replace(gutenbergBook("", lanternTitlePage+lanternChapters),
			"\n*** START OF THIS PROJECT GUTENBERG EBOOK THE LANTERN MAKERS ***\n", "", 1), "*** END OF THIS PROJECT GUTENBERG EBOOK THE LANTERN MAKERS ***\n", "", 1),
			"The Lantern Makers", "A Tale of the Workshops", "Harriet Quill", "en", "1891",
			"code layout:\n  | LONDON:\n", []string{"Chapter I", "The Yard", "Chapter II", "The Apprentice"}},
		{"German book named German", gutenbergBook("Title: Die Verwandlung\n\nAuthor: Franz Kafka\n\nLanguage: German\n", kafkaLike),
			"Die Verwandlung", "", "Franz Kafka", "de", "", "paragraph: Als der Reisende", nil},
		{"German book with no language field", gutenbergBook("Title: Die Verwandlung\n\nAuthor: Franz Kafka\n", kafkaLike),
			"Die Verwandlung", "", "Franz Kafka", "de", "", "paragraph: Als der Reisende", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.src)
			doc := res.Doc
			if doc.Title != tc.title || doc.Subtitle != tc.subtitle || strings.Join(doc.Authors, "; ") != tc.author || doc.Lang != tc.lang {
				t.Errorf("title %q subtitle %q authors %q lang %q, want %q %q %q %q", doc.Title, doc.Subtitle, doc.Authors, doc.Lang, tc.title, tc.subtitle, tc.author, tc.lang)
			}
			if got := doc.Date.String(); doc.Date.IsZero() && tc.date != "" || !doc.Date.IsZero() && got != tc.date {
				t.Errorf("date %q, want %q", got, tc.date)
			}
			body := dumpBody(t, doc)
			if strings.Contains(strings.ToLower(body), "gutenberg") || strings.Contains(body, "Produced by") {
				t.Errorf("the wrapper is left in the body:\n%s", body)
			}
			if !strings.HasPrefix(body, tc.firstBody) {
				t.Errorf("body starts:\n%s\nwant:\n%s", body[:min(len(body), 200)], tc.firstBody)
			}
			var heads []string
			for _, l := range strings.Split(body, "\n") {
				if h, ok := strings.CutPrefix(l, "heading 1: "); ok {
					heads = append(heads, h)
				}
			}
			if !slices.Equal(heads, tc.heads) {
				t.Errorf("headings %q, want %q", heads, tc.heads)
			}
			if !slices.Contains(repairKinds(res), "gutenberg") {
				t.Errorf("no gutenberg repair in %q", repairKinds(res))
			}
		})
	}
}

func TestGutenbergKeepsLineEndCompounds(t *testing.T) {
	res := readString(t, gutenbergBook(lanternFields, lanternChapters))
	body := dumpBody(t, res.Doc)
	for _, w := range []string{"soap-works", "fellow-citizen", "subject-matter", "every morning"} {
		if !strings.Contains(body, w) {
			t.Errorf("%q missing from:\n%s", w, body)
		}
	}
}

func TestTitlePageImprintIsNoHeading(t *testing.T) {
	const chapter = "\n\n\nCHAPTER I.\n\nThe common lay green under a grey sky, and the geese walked over it as\nif they owned it, which in a sense they did.\n"
	tests := []struct{ name, page, imprint string }{
		{"place, publisher, street and year", "A DREAM OF THE COMMON\n\nBY\n\nWALTER ASHDOWN\n\nNEW IMPRESSION\n\nLONDON\nHARTLEY, DUNN, AND CO.\n\n21 PATERNOSTER ROW\n\n1893",
			"code layout:\n  | NEW IMPRESSION\n  | LONDON\n  | HARTLEY, DUNN, AND CO.\n  | 21 PATERNOSTER ROW\n  | 1893\n"},
		{"a press with a colon after the place", "A Dream of the Common\n\nBy\n\nWalter Ashdown\n\nOxford:\nThe Meadow Press\n1902",
			"code layout:\n  | Oxford:\n  | The Meadow Press\n  | 1902\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readString(t, tc.page+chapter)
			if res.Doc.Title != "A Dream of the Common" || !slices.Equal(res.Doc.Authors, []string{"Walter Ashdown"}) {
				t.Errorf("title %q authors %q", res.Doc.Title, res.Doc.Authors)
			}
			body := dumpBody(t, res.Doc)
			if !strings.HasPrefix(body, tc.imprint+"heading 1: Chapter I\n") {
				t.Errorf("body:\n%s\nwant it to start:\n%s", body, tc.imprint)
			}
		})
	}
}
