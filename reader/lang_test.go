package reader

import (
	"cmp"
	"strings"
	"testing"
)

func TestDetectLang(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"English", "The tenants met on Tuesday to plan the rent strike. Most of them had never been to a meeting before, but they stayed until the end.", "en"},
		{"Spanish", "Los vecinos se reunieron el martes para organizar la huelga de alquileres. La mayoría nunca había ido a una asamblea, pero se quedaron hasta el final.", "es"},
		{"French", "Les locataires se sont réunis mardi pour préparer la grève des loyers. La plupart n'étaient jamais allés à une assemblée, mais ils sont restés jusqu'à la fin.", "fr"},
		{"German", "Die Mieter haben sich am Dienstag getroffen, um den Mietstreik vorzubereiten. Die meisten waren noch nie bei einer Versammlung, aber sie blieben bis zum Schluss.", "de"},
		{"Italian", "Gli inquilini si sono riuniti martedì per preparare lo sciopero degli affitti. La maggior parte non era mai stata a un'assemblea, ma sono rimasti fino alla fine.", "it"},
		{"Portuguese", "Os inquilinos se reuniram na terça-feira para organizar a greve dos aluguéis. A maioria nunca tinha ido a uma assembleia, mas ficaram até o fim.", "pt"},
		{"short Spanish", "¿Dónde está la panadería del barrio?", "es"},
		{"short French", "Le pain est sur la table, avec le beurre.", "fr"},
		{"short German", "Das Brot ist nicht mehr warm, aber es ist gut.", "de"},
		{"short Portuguese", "O pão não está na mesa, mas está na cozinha.", "pt"},
		{"short Italian", "Il pane è sulla tavola, ma non è più caldo.", "it"},
		{"English with a French phrase", "The bakers sang Frère Jacques at the party, and then the choir gave us La Marseillaise while the bread was cooling.", "en"},
		{"no words", "12345 -- 678 !!!", "en"},
		{"too little to tell", "Hello", "en"},
		{"code", "func main() { fmt.Println(x) }", "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectLang(tc.text); got != tc.want {
				t.Errorf("DetectLang = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLangOption(t *testing.T) {
	const text = "Les locataires se sont réunis mardi pour préparer la grève des loyers, et ils sont restés jusqu'à la fin.\n"
	tests := []struct{ name, lang, want string }{
		{"detected", "", "fr"},
		{"forced", "pt-BR", "pt-br"},
		{"forced English", "en", "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte("Titre\n\n"+text), Options{Lang: tc.lang, Format: FormatText})
			if err != nil {
				t.Fatal(err)
			}
			if res.Doc.Lang != tc.want {
				t.Errorf("lang %q, want %q", res.Doc.Lang, tc.want)
			}
		})
	}
}

func TestRecaseFollowsLanguage(t *testing.T) {
	tests := []struct{ name, lang, want string }{
		{"English title case", "en", "A Guide to the Shop"},
		{"English with a region", "en-GB", "A Guide to the Shop"},
		{"French sentence case", "fr", "A guide to the shop"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte("A GUIDE TO THE SHOP\n\nThe text of the article.\n"), Options{Lang: tc.lang, Format: FormatText})
			if err != nil {
				t.Fatal(err)
			}
			if res.Doc.Title != tc.want {
				t.Errorf("title %q, want %q", res.Doc.Title, tc.want)
			}
		})
	}
}

// germanProse is a paragraph in the manner of a German novel: long
// sentences, few of the short function words English shares.
const germanProse = "Als der Handlungsreisende eines Morgens aus unruhigen Träumen erwachte, fand er sich in seinem Bett zu einem seltsamen Wesen verwandelt. " +
	"Er lag auf seinem harten Rücken und sah, wenn er den Kopf ein wenig hob, die gewölbte Decke seines Zimmers, die ihm fremd vorkam. " +
	"Was ist mit mir geschehen, dachte er, aber es war kein Traum, denn das Zimmer, ein richtiges, nur etwas zu kleines Menschenzimmer, lag ruhig zwischen den vier wohlbekannten Wänden. " +
	"Über dem Tisch, auf dem eine auseinandergepackte Musterkollektion von Tuchwaren ausgebreitet war, hing das Bild, das er vor kurzem aus einer Zeitschrift ausgeschnitten hatte.\n\n"

func TestDetectLangFromTheBody(t *testing.T) {
	tests := []struct{ name, format, text, want string }{
		{"German novel after an English notice", "text",
			"This file is free for anyone to copy, give away or reuse under the terms of the licence included with it.\n\n" +
				strings.Repeat(germanProse, 6), "de"},
		{"four-line English Markdown", "markdown",
			"# Trip notes\n\nPack a tent, a stove and a lamp.\nCall the campsite.\nBuy a map.\n", "en"},
		{"English HTML page", "html",
			`<html><body><h1>Hours</h1><p>Open <a href="/days">Monday to Friday</a>, see <a href="/map">a map</a> or <a href="/faq">a list</a>.</p></body></html>`, "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read([]byte(tc.text), Options{Format: Format(tc.format)})
			if err != nil {
				t.Fatal(err)
			}
			if res.Doc.Lang != tc.want {
				t.Errorf("lang %q, want %q", res.Doc.Lang, tc.want)
			}
		})
	}
}

func TestUnclearLanguageKeepsEnglishAndWarns(t *testing.T) {
	tests := []struct {
		name, text, lang string
		warns            bool
	}{
		{"too little text", "Notes\n\nOK.\n", "", true},
		{"given language", "Notes\n\nOK.\n", "nl", false},
		{"clear English", "Notes\n\nThe meeting is on Tuesday and everyone who can come should bring a chair.\n", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warned []string
			res, err := Read([]byte(tc.text), Options{Format: FormatText, Lang: tc.lang, Warn: func(w Warning) {
				if strings.Contains(w.Message, "language") {
					warned = append(warned, w.Message)
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			if want := cmp.Or(tc.lang, "en"); res.Doc.Lang != want {
				t.Errorf("lang %q, want %q", res.Doc.Lang, want)
			}
			if (len(warned) > 0) != tc.warns {
				t.Errorf("language warnings %q, want some: %v", warned, tc.warns)
			}
		})
	}
}
