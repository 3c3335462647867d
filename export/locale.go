package export

import (
	"fmt"
	"strings"

	"pamphlet/model"
)

// locale holds the few words a book prints around the article's own text:
// navigation labels, the conjunction of a byline and month names. The
// languages are those the reader detects; any other falls back to English,
// and the labels then carry lang="en" so that hyphenation and speech stay
// right.
type locale struct {
	lang        string // BCP 47 primary subtag of the labels
	contents    string
	landmarks   string
	cover       string
	titlePage   string
	startOfText string
	and         string
	months      [12]string
	// date formats a full date; year-only dates print as the year.
	date func(l *locale, d model.Date) string
}

var locales = map[string]*locale{
	"en": {
		lang: "en", contents: "Contents", landmarks: "Landmarks", cover: "Cover",
		titlePage: "Title page", startOfText: "Start of text", and: "and",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		date: func(l *locale, d model.Date) string {
			return fmt.Sprintf("%s %d, %d", l.months[d.Month-1], d.Day, d.Year)
		},
	},
	"fr": {
		lang: "fr", contents: "Table des matières", landmarks: "Repères", cover: "Couverture",
		titlePage: "Page de titre", startOfText: "Début du texte", and: "et",
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"},
		date: func(l *locale, d model.Date) string {
			day := fmt.Sprint(d.Day)
			if d.Day == 1 {
				day = "1er"
			}
			return fmt.Sprintf("%s %s %d", day, l.months[d.Month-1], d.Year)
		},
	},
	"es": {
		lang: "es", contents: "Índice", landmarks: "Puntos de referencia", cover: "Cubierta",
		titlePage: "Portada", startOfText: "Inicio del texto", and: "y",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
			"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		date: func(l *locale, d model.Date) string {
			return fmt.Sprintf("%d de %s de %d", d.Day, l.months[d.Month-1], d.Year)
		},
	},
	"de": {
		lang: "de", contents: "Inhalt", landmarks: "Orientierungspunkte", cover: "Umschlag",
		titlePage: "Titelseite", startOfText: "Textanfang", and: "und",
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			"August", "September", "Oktober", "November", "Dezember"},
		date: func(l *locale, d model.Date) string {
			return fmt.Sprintf("%d. %s %d", d.Day, l.months[d.Month-1], d.Year)
		},
	},
	"it": {
		lang: "it", contents: "Indice", landmarks: "Punti di riferimento", cover: "Copertina",
		titlePage: "Frontespizio", startOfText: "Inizio del testo", and: "e",
		months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
			"agosto", "settembre", "ottobre", "novembre", "dicembre"},
		date: func(l *locale, d model.Date) string {
			return fmt.Sprintf("%d %s %d", d.Day, l.months[d.Month-1], d.Year)
		},
	},
	"pt": {
		lang: "pt", contents: "Sumário", landmarks: "Marcos", cover: "Capa",
		titlePage: "Folha de rosto", startOfText: "Início do texto", and: "e",
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
			"agosto", "setembro", "outubro", "novembro", "dezembro"},
		date: func(l *locale, d model.Date) string {
			return fmt.Sprintf("%d de %s de %d", d.Day, l.months[d.Month-1], d.Year)
		},
	},
}

// localeFor returns the labels for a BCP 47 tag and whether they are in
// that language (false: the English fallback).
func localeFor(tag string) (*locale, bool) {
	primary, _, _ := strings.Cut(tag, "-")
	if l, ok := locales[primary]; ok {
		return l, true
	}
	return locales["en"], false
}

// formatDate gives d as a reader of the locale writes it: "November 20,
// 2019", "20 novembre 2019", or the bare year.
func (l *locale) formatDate(d model.Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return fmt.Sprint(d.Year)
	}
	return l.date(l, d)
}

// joinNames gives a byline: "A", "A and B", "A, B and C".
func (l *locale) joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + l.and + " " + names[len(names)-1]
}
