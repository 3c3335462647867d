package layout

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// paragraph is a test paragraph: items plus the text of each box.
type paragraph struct {
	items []Item
	texts []string
}

// lineText renders a line as text: boxes, a space for glue, and a hyphen
// when the line breaks at a flagged penalty with a width.
func (p paragraph) lineText(l Line) string {
	var b strings.Builder
	for i := l.Start; i < l.End && i < len(p.items); i++ {
		switch it := p.items[i]; it.Kind {
		case BoxItem:
			if it.Ref >= 0 {
				b.WriteString(p.texts[it.Ref])
			}
		case GlueItem:
			if it.Flags&Fil == 0 {
				b.WriteByte(' ')
			}
		}
	}
	if l.End < len(p.items) && p.items[l.End].Kind == PenaltyItem && p.items[l.End].Width > 0 {
		b.WriteByte('-')
	}
	return strings.TrimSpace(b.String())
}

func (p paragraph) lines(ls []Line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = p.lineText(l)
	}
	return out
}

func (p *paragraph) box(text string, w Sp) {
	p.texts = append(p.texts, text)
	p.items = append(p.items, Box(w, int32(len(p.texts)-1)))
}

// finish ends a paragraph as TeX's \par does.
func (p *paragraph) finish() {
	p.items = append(p.items, Penalty(Infinity, 0, 0), FilGlue(0), Penalty(Eject, 0, 0))
}

// fixedWidth builds a paragraph in fake monospaced metrics: every
// character is unit wide, a space is unit wide with stretch unit/2 and
// shrink unit/3. In text, '|' marks a hyphenation point, a '-' inside a
// word allows a break after it, and '\n' forces a line break.
func fixedWidth(text string, unit Sp) paragraph {
	var p paragraph
	for li, line := range strings.Split(text, "\n") {
		if li > 0 {
			p.items = append(p.items, FilGlue(0), Penalty(Eject, 0, 0))
		}
		for wi, word := range strings.Fields(line) {
			if wi > 0 {
				p.items = append(p.items, Glue(unit, unit/2, unit/3))
			}
			for pi, part := range strings.Split(word, "|") {
				if pi > 0 {
					p.items = append(p.items, Penalty(50, unit, Flagged|Pattern))
				}
				for hi, piece := range strings.SplitAfter(part, "-") {
					if piece == "" {
						continue
					}
					if hi > 0 {
						p.items = append(p.items, Penalty(50, 0, Flagged))
					}
					p.box(piece, Sp(len([]rune(piece)))*unit)
				}
			}
		}
	}
	p.finish()
	return p
}

// frogKing reads testdata/frogking.txt: the paragraph as TeX measures it
// in cmr10, with plain TeX's 20pt paragraph indent.
func frogKing(t *testing.T) paragraph {
	t.Helper()
	f, err := os.Open("testdata/frogking.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var p paragraph
	p.box("", Pt(20))
	first := true
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		if !first {
			p.items = append(p.items, Glue(218453, 109226, 72818))
		}
		first = false
		for _, tok := range strings.Fields(line) {
			switch tok[0] {
			case '+', '=':
				kern, err := strconv.Atoi(tok[1:])
				if err != nil {
					t.Fatalf("bad token %q", tok)
				}
				if tok[0] == '+' {
					p.items = append(p.items, Penalty(50, 218453, Flagged|Pattern))
				} else {
					p.items = append(p.items, Penalty(50, 0, Flagged))
				}
				if kern != 0 {
					p.items = append(p.items, Kern(Sp(kern)))
				}
			default:
				i := strings.LastIndexByte(tok, ':')
				w, err := strconv.Atoi(tok[i+1:])
				if i < 0 || err != nil {
					t.Fatalf("bad token %q", tok)
				}
				p.box(tok[:i], Sp(w))
			}
		}
	}
	p.finish()
	return p
}

// TestFrogKing sets the Knuth–Plass paper's example paragraph with plain
// TeX's parameters at several measures and checks the breaks and
// adjustment ratios against those TeX itself chooses (tex 3.141592653,
// plain format, \frenchspacing, cmr10; the expected lines were taken from
// \showbox output).
func TestFrogKing(t *testing.T) {
	type want struct {
		text  string
		ratio float64
	}
	tests := []struct {
		name  string
		hsize float64
		lines []want
	}{
		{"390pt first pass", 390, []want{
			{"In olden times when wishing still helped one, there lived a king whose daughters were", -0.36253},
			{"all beautiful; and the youngest was so beautiful that the sun itself, which has seen so", 0.70442},
			{"much, was astonished whenever it shone in her face. Close by the king's castle lay a great", -0.13597},
			{"dark forest, and under an old lime-tree in the forest was a well, and when the day was", 0.41861},
			{"very warm, the king's child went out into the forest and sat down by the side of the cool", 0.05461},
			{"fountain; and when she was bored she took a golden ball, and threw it up on high and", 0.3843},
			{"caught it; and this ball was her favorite plaything.", 0},
		}},
		{"350pt hyphenates", 350, []want{
			{"In olden times when wishing still helped one, there lived a king whose daugh-", -0.69043},
			{"ters were all beautiful; and the youngest was so beautiful that the sun itself,", 0.7128},
			{"which has seen so much, was astonished whenever it shone in her face. Close by", 0.03807},
			{"the king's castle lay a great dark forest, and under an old lime-tree in the forest", -0.02336},
			{"was a well, and when the day was very warm, the king's child went out into the", 0.01248},
			{"forest and sat down by the side of the cool fountain; and when she was bored she", -0.36566},
			{"took a golden ball, and threw it up on high and caught it; and this ball was her", 0.0137},
			{"favorite plaything.", 0},
		}},
		{"300pt", 300, []want{
			{"In olden times when wishing still helped one, there lived a king", 0.15604},
			{"whose daughters were all beautiful; and the youngest was so beautiful", -0.55505},
			{"that the sun itself, which has seen so much, was astonished whenever", -0.24321},
			{"it shone in her face. Close by the king's castle lay a great dark forest,", -0.27502},
			{"and under an old lime-tree in the forest was a well, and when the day", -0.35182},
			{"was very warm, the king's child went out into the forest and sat down", -0.48273},
			{"by the side of the cool fountain; and when she was bored she took a", 0.0845},
			{"golden ball, and threw it up on high and caught it; and this ball was", -0.0804},
			{"her favorite plaything.", 0},
		}},
		{"250pt", 250, []want{
			{"In olden times when wishing still helped one, there", 0.52705},
			{"lived a king whose daughters were all beautiful; and the", 0.34071},
			{"youngest was so beautiful that the sun itself, which has", 0.47775},
			{"seen so much, was astonished whenever it shone in her", 0.73332},
			{"face. Close by the king's castle lay a great dark forest, and", -0.5705},
			{"under an old lime-tree in the forest was a well, and when", 0.00453},
			{"the day was very warm, the king's child went out into the", -0.28639},
			{"forest and sat down by the side of the cool fountain; and", 0.08028},
			{"when she was bored she took a golden ball, and threw it", 0.13937},
			{"up on high and caught it; and this ball was her favorite", 0.38483},
			{"plaything.", 0},
		}},
		{"200pt", 200, []want{
			{"In olden times when wishing still helped", 0.3722},
			{"one, there lived a king whose daughters were", 0.34045},
			{"all beautiful; and the youngest was so beauti-", 0.0333},
			{"ful that the sun itself, which has seen so much,", -0.55559},
			{"was astonished whenever it shone in her face.", 0.11902},
			{"Close by the king's castle lay a great dark for-", -0.27504},
			{"est, and under an old lime-tree in the forest", 0.63123},
			{"was a well, and when the day was very warm,", -0.04446},
			{"the king's child went out into the forest and", 0.53123},
			{"sat down by the side of the cool fountain; and", -0.15004},
			{"when she was bored she took a golden ball,", 0.77707},
			{"and threw it up on high and caught it; and", 0.72035},
			{"this ball was her favorite plaything.", 0},
		}},
		{"150pt", 150, []want{
			{"In olden times when wishing", 0.77498},
			{"still helped one, there lived a king", 0.10275},
			{"whose daughters were all beautiful;", -0.91255},
			{"and the youngest was so beautiful", 0.14664},
			{"that the sun itself, which has seen", 0.08887},
			{"so much, was astonished whenever", -0.11879},
			{"it shone in her face. Close by the", 0.48808},
			{"king's castle lay a great dark for-", 0.50832},
			{"est, and under an old lime-tree in", 0.3222},
			{"the forest was a well, and when", 1.2361},
			{"the day was very warm, the king's", -0.02504},
			{"child went out into the forest and", 0.2972},
			{"sat down by the side of the cool", 0.87141},
			{"fountain; and when she was bored", 0.11664},
			{"she took a golden ball, and threw it", -0.86789},
			{"up on high and caught it; and this", -0.11432},
			{"ball was her favorite plaything.", 0},
		}},
	}
	p := frogKing(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Break(p.items, []Sp{Pt(tt.hsize)}, TeXParams())
			if err != nil {
				t.Fatal(err)
			}
			got := p.lines(lines)
			if len(got) != len(tt.lines) {
				t.Fatalf("%d lines, want %d:\n%s", len(got), len(tt.lines), strings.Join(got, "\n"))
			}
			for i, w := range tt.lines {
				if got[i] != w.text {
					t.Errorf("line %d:\n got %q\nwant %q", i+1, got[i], w.text)
				}
				if r := lines[i].Ratio(); math.Abs(r-w.ratio) > 2e-5 {
					t.Errorf("line %d: ratio %.5f, want %.5f", i+1, r, w.ratio)
				}
			}
		})
	}
}

// demerits scores lines the way Break does, to compare breakers.
func demerits(ls []Line, p Params) int64 {
	var total int64
	for i, l := range ls {
		if i == len(ls)-1 {
			break
		}
		r := l.Ratio()
		var b int
		if r < 0 {
			b = badness(l.Natural-l.Width, l.Shrink)
		} else {
			b = badness(l.Width-l.Natural, l.Stretch)
		}
		d := int64(p.LinePenalty + b)
		total += d * d
	}
	return total
}

func TestTotalFitBeatsFirstFit(t *testing.T) {
	p := frogKing(t)
	for _, hsize := range []float64{150, 200, 250, 300, 350, 390} {
		t.Run(strconv.FormatFloat(hsize, 'f', 0, 64), func(t *testing.T) {
			w := []Sp{Pt(hsize)}
			kp, err := Break(p.items, w, TeXParams())
			if err != nil {
				t.Fatal(err)
			}
			ff, err := BreakGreedy(p.items, w)
			if err != nil {
				t.Fatal(err)
			}
			dk, df := demerits(kp, TeXParams()), demerits(ff, TeXParams())
			if dk > df {
				t.Errorf("total fit %d demerits, first fit %d", dk, df)
			}
			for i, l := range ff {
				if l.Overfull() {
					t.Errorf("first fit line %d overfull", i+1)
				}
			}
		})
	}
	// At 250pt first fit packs "face." onto line 4 and leaves a loose
	// line that total fit avoids.
	w := []Sp{Pt(250)}
	ff, _ := BreakGreedy(p.items, w)
	kp, _ := Break(p.items, w, TeXParams())
	if strings.Join(p.lines(ff), "\n") == strings.Join(p.lines(kp), "\n") {
		t.Error("first fit and total fit agree at 250pt; the comparison shows nothing")
	}
}

func TestBreakRules(t *testing.T) {
	const u = SpPerPt
	tests := []struct {
		name   string
		text   string
		width  Sp
		params func(*Params)
		want   []string
	}{
		{
			name:  "forced break",
			text:  "one two three\nfour five",
			width: 40 * u,
			want:  []string{"one two three", "four five"},
		},
		{
			name:  "explicit hyphen is a breakpoint",
			text:  "aaaa bbbb well-known cccc",
			width: 15 * u,
			want:  []string{"aaaa bbbb well-", "known cccc"},
		},
		{
			// Thirty-two two-letter words fill two lines exactly, leaving
			// "q" alone on a third; the rule shrinks the second line to
			// take it.
			name:   "runt avoided",
			text:   "aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz AA BB CC DD EE FF q",
			width:  47 * u,
			params: func(p *Params) { p.RuntWidth = 6 * u },
			want: []string{
				"aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp",
				"qq rr ss tt uu vv ww xx yy zz AA BB CC DD EE FF q",
			},
		},
		{
			name:   "runt allowed without the rule",
			text:   "aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz AA BB CC DD EE FF q",
			width:  47 * u,
			params: func(p *Params) { p.RuntWidth = 0 },
			want: []string{
				"aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp",
				"qq rr ss tt uu vv ww xx yy zz AA BB CC DD EE FF",
				"q",
			},
		},
		{
			// No way to break within tolerance: the emergency pass
			// finds loose lines instead of an overfull one.
			name:  "emergency stretch instead of overfull",
			text:  "aaaaaaaaaa bbbbbbbbbbbb cccccccccc dd",
			width: 17 * u,
			want:  []string{"aaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccc dd"},
		},
		{
			// A compound whose only breaks are its hyphens, four lines
			// long: past the hyphen limit the next line still ends at a
			// hyphen, where it would otherwise run on to the word's end.
			name:  "hyphen limit gives way where a line would be overfull",
			text:  "aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhh",
			width: 10 * u,
			want:  []string{"aaaa-bbbb-", "cccc-dddd-", "eeee-ffff-", "gggg-hhhh"},
		},
		{
			name:  "hyphen limit gives way at pattern points too",
			text:  "aa|bb|cc|dd|ee|ff|gg|hh",
			width: 5 * u,
			want:  []string{"aabb-", "ccdd-", "eeff-", "gghh"},
		},
		{
			// With a line that fits without a third hyphen, the limit
			// holds.
			name:  "hyphen limit holds where it can",
			text:  "aaaa-bbbb-cccc-dddd-eeee ffff gggg",
			width: 10 * u,
			want:  []string{"aaaa-bbbb-", "cccc-dddd-", "eeee ffff", "gggg"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fixedWidth(tt.text, u)
			params := DefaultParams(10 * u)
			if tt.params != nil {
				tt.params(&params)
			}
			lines, err := Break(p.items, []Sp{tt.width}, params)
			if err != nil {
				t.Fatal(err)
			}
			got := p.lines(lines)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i, l := range lines {
				if l.Overfull() {
					t.Errorf("line %d overfull", i+1)
				}
			}
		})
	}
}

// typesettingText is prose with its English hyphenation points marked
// '|' (as layout/hyph finds them).
const typesettingText = `Type|set|ting is the com|po|si|tion of text by means of ar|rang|ing phys|i|cal
type or the dig|i|tal equiv|a|lents. Stored let|ters and other sym|bols are re|trieved and or|dered
ac|cord|ing to a lan|guage's or|thog|ra|phy for vi|sual dis|play. Type|set|ting re|quires one or
more fonts. One sig|nif|i|cant ef|fect of type|set|ting was that au|thor|ship of works could be
spot|ted more eas|ily, mak|ing it dif|fi|cult for copiers who have not gained per|mis|sion.`

func TestDoubleHyphenDemerits(t *testing.T) {
	const u = SpPerPt
	p := fixedWidth(strings.ReplaceAll(typesettingText, "\n", " "), u)
	ladders := func(dh, limit int) int {
		params := DefaultParams(2 * u)
		params.Pretolerance = -1
		params.DoubleHyphenDemerits = dh
		params.MaxHyphens = limit
		lines, err := Break(p.items, []Sp{16 * u}, params)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := 1; i < len(lines); i++ {
			if lines[i].Hyphen && lines[i-1].Hyphen {
				n++
			}
		}
		return n
	}
	free, costly, capped := ladders(0, 0), ladders(10000, 0), ladders(0, 1)
	if free == 0 {
		t.Fatal("without the demerits no two hyphens meet; the test shows nothing")
	}
	if costly != 0 {
		t.Errorf("%d consecutive hyphenated lines despite double-hyphen demerits", costly)
	}
	if capped != 0 {
		t.Errorf("%d consecutive hyphenated lines despite MaxHyphens 1", capped)
	}
}

func TestBreakOverlongBoxTerminates(t *testing.T) {
	// A box wider than the measure cannot fit anywhere; the final pass
	// still returns lines covering every item.
	p := fixedWidth("a bbbbbbbbbbbbbbbbbbbbbbbbb c", SpPerPt)
	lines, err := Break(p.items, []Sp{5 * SpPerPt}, DefaultParams(10*SpPerPt))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.lines(lines), "|"); got != "a|bbbbbbbbbbbbbbbbbbbbbbbbb|c" {
		t.Errorf("got %q", got)
	}
	if !lines[1].Overfull() {
		t.Error("the long line is not reported overfull")
	}
}

func TestBadness(t *testing.T) {
	tests := []struct {
		t, s Sp
		want int
	}{
		{0, 0, 0}, {10, 0, infBad}, {100, 100, 100}, {50, 100, 12}, {126, 100, 200}, {1000, 100, infBad},
	}
	for _, tt := range tests {
		if got := badness(tt.t*SpPerPt, tt.s*SpPerPt); got != tt.want {
			t.Errorf("badness(%d, %d) = %d, want %d", tt.t, tt.s, got, tt.want)
		}
	}
}

func BenchmarkBreakFrogKing(b *testing.B) {
	p := frogKing(&testing.T{})
	w := []Sp{Pt(200)}
	for i := 0; i < b.N; i++ {
		if _, err := Break(p.items, w, TeXParams()); err != nil {
			b.Fatal(err)
		}
	}
}
