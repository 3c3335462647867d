package reader

import "testing"

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
