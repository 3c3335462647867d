package locale

import (
	"fmt"
	"sort"
)

// table holds the words of every language pamphlet knows, by BCP 47
// primary subtag. A new language is one more entry here.
var table = map[string]*Words{
	"en": {
		Lang: "en", Contents: "Contents", Landmarks: "Landmarks", Cover: "Cover",
		TitlePage: "Title page", StartOfText: "Start of text", Notes: "Notes",
		Preface: "Preface", Untitled: "Untitled", And: "and", By: "by", EditedBy: "edited by",
		Months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		OtherMonths: map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
			"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
		Weekdays: []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
			"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"},
		DateFillers: []string{"of", "the"},
		Ordinals:    []string{"st", "nd", "rd", "th"},
		// November 20, 2019
		date: func(day int, month string, year int) string { return fmt.Sprintf("%s %d, %d", month, day, year) },
	},
	"fr": {
		Lang: "fr", Contents: "Table des matières", Landmarks: "Repères", Cover: "Couverture",
		TitlePage: "Page de titre", StartOfText: "Début du texte", Notes: "Notes",
		Preface: "Préface", Untitled: "Sans titre", And: "et", By: "par", EditedBy: "sous la direction de",
		Months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"},
		OtherMonths: map[string]int{"fevrier": 2, "aout": 8, "decembre": 12},
		Weekdays:    []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
		DateFillers: []string{"le"},
		Ordinals:    []string{"er", "re", "e"},
		// 20 novembre 2019; the first of the month is an ordinal: 1er mars 2020
		date: func(day int, month string, year int) string {
			if day == 1 {
				return fmt.Sprintf("1er %s %d", month, year)
			}
			return fmt.Sprintf("%d %s %d", day, month, year)
		},
	},
	"es": {
		Lang: "es", Contents: "Índice", Landmarks: "Puntos de referencia", Cover: "Cubierta",
		TitlePage: "Portada", StartOfText: "Inicio del texto", Notes: "Notas",
		Preface: "Prefacio", Untitled: "Sin título", And: "y", By: "por", EditedBy: "edición de",
		Months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
			"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		OtherMonths: map[string]int{"setiembre": 9},
		Weekdays:    []string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"},
		DateFillers: []string{"de", "del"},
		Ordinals:    []string{"º", "ª", "o", "a"},
		// 20 de noviembre de 2019
		date: func(day int, month string, year int) string { return fmt.Sprintf("%d de %s de %d", day, month, year) },
	},
	"de": {
		Lang: "de", Contents: "Inhalt", Landmarks: "Orientierungspunkte", Cover: "Umschlag",
		TitlePage: "Titelseite", StartOfText: "Textanfang", Notes: "Anmerkungen",
		Preface: "Vorwort", Untitled: "Ohne Titel", And: "und", By: "von", EditedBy: "herausgegeben von",
		Months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			"August", "September", "Oktober", "November", "Dezember"},
		OtherMonths: map[string]int{"jänner": 1, "marz": 3},
		Weekdays:    []string{"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"},
		// A German ordinal is the number and a period ("15. Oktober"),
		// which the reader takes as punctuation.
		// 20. November 2019
		date: func(day int, month string, year int) string { return fmt.Sprintf("%d. %s %d", day, month, year) },
	},
	"it": {
		Lang: "it", Contents: "Indice", Landmarks: "Punti di riferimento", Cover: "Copertina",
		TitlePage: "Frontespizio", StartOfText: "Inizio del testo", Notes: "Note",
		Preface: "Prefazione", Untitled: "Senza titolo", And: "e", By: "di", EditedBy: "a cura di",
		Months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
			"agosto", "settembre", "ottobre", "novembre", "dicembre"},
		Weekdays: []string{"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"},
		Ordinals: []string{"º"},
		// 20 novembre 2019
		date: func(day int, month string, year int) string { return fmt.Sprintf("%d %s %d", day, month, year) },
	},
	"pt": {
		Lang: "pt", Contents: "Sumário", Landmarks: "Marcos", Cover: "Capa",
		TitlePage: "Folha de rosto", StartOfText: "Início do texto", Notes: "Notas",
		Preface: "Prefácio", Untitled: "Sem título", And: "e", By: "por", EditedBy: "organização de",
		Months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
			"agosto", "setembro", "outubro", "novembro", "dezembro"},
		Weekdays: []string{"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
			"sábado", "domingo"},
		DateFillers: []string{"de"},
		Ordinals:    []string{"º", "ª", "o", "a"},
		// 20 de novembro de 2019
		date: func(day int, month string, year int) string { return fmt.Sprintf("%d de %s de %d", day, month, year) },
	},
}

// all is table's values in the order of their tags.
var all = func() []*Words {
	var ws []*Words
	for _, w := range table {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].Lang < ws[j].Lang })
	return ws
}()
