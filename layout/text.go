package layout

import "pamphlet/fonts"

// TextStyle is how SetText sets a short text of its own, such as the
// title of a generated cover.
type TextStyle struct {
	// Face is the text's style; characters it lacks come from the
	// fallback faces, as in running text.
	Face fonts.Style
	// Size is the font size; Tracking is extra space between the
	// characters of a word (spaced capitals), 0 for none.
	Size, Tracking Sp
	// Measure is the widest a line may be.
	Measure Sp
}

// TextLine is one line set by SetText. The runs lie on baseline 0, X
// from the left of the measure, the line centred on it; Width is the
// distance from the first run's start to the last run's end.
type TextLine struct {
	Runs  []Run
	Width Sp
}

// SetText sets text in centred lines no wider than st.Measure, broken by
// the Knuth–Plass breaker as a title block is (centred lines of even
// length, no hyphenation). A no-break space keeps the words it joins on
// one line unless they are wider than the measure, and a word wider than
// the measure breaks between characters. missing lists the characters no
// embedded face has, in the order met, each once; they are set as U+FFFD.
func SetText(text string, st TextStyle) (lines []TextLine, missing []rune, err error) {
	sh, err := newShaper(nil)
	if err != nil {
		return nil, nil, err
	}
	sh.tracking = st.Tracking
	s := &setter{sh: sh}
	p := s.buildText(text, parStyle{face: st.Face, size: st.Size, measure: st.Measure, align: centered})
	params := DefaultParams(st.Size)
	params.RuntWidth = 0
	broken, err := Break(p.items, []Sp{st.Measure}, params)
	if err == ErrNoItems {
		return nil, sh.missingOrder, nil
	}
	if err != nil {
		return nil, nil, err
	}
	for _, l := range broken {
		box := s.setLine(p, l, 0, 0)
		if len(box.runs) == 0 {
			continue
		}
		first, last := box.runs[0], box.runs[len(box.runs)-1]
		lines = append(lines, TextLine{Runs: box.runs, Width: last.X + last.Width - first.X})
	}
	return lines, sh.missingOrder, nil
}
