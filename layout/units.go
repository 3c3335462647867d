package layout

import (
	"fmt"
	"math"
)

// Sp is a length in scaled points, TeX's unit: 65536 to the point
// (1/72.27 in in TeX; here 1/72 in, the PostScript point PDF uses).
// Integers keep line breaking exact and reproducible.
type Sp int64

// SpPerPt is the number of scaled points in one point.
const SpPerPt = 65536

// Pt converts points to scaled points, rounding to the nearest.
func Pt(pt float64) Sp { return Sp(math.Round(pt * SpPerPt)) }

// Mm converts millimetres to scaled points.
func Mm(mm float64) Sp { return Pt(mm * 72 / 25.4) }

// Points returns s in points, for the export boundary and messages.
func (s Sp) Points() float64 { return float64(s) / SpPerPt }

// String formats s in points with up to three decimals, such as "10pt"
// or "12.345pt".
func (s Sp) String() string {
	v := math.Round(s.Points()*1000) / 1000
	return fmt.Sprintf("%gpt", v)
}

// scale returns v*num/den rounded to the nearest, for font units to Sp
// and for glue setting; den must be positive.
func scale(v, num, den Sp) Sp {
	p := v * num
	if p >= 0 {
		return (p + den/2) / den
	}
	return -((-p + den/2) / den)
}
