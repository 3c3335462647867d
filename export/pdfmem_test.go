package export

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"testing"

	"pamphlet/internal/testenv"
	"pamphlet/layout"
	"pamphlet/model"
)

// BenchmarkPDFLongText paints and writes the PDF of a text of one-line
// paragraphs, laid out beforehand, and reports per paragraph the most
// heap in use while it is written (sampled; garbage not yet collected
// included, but the collector runs when the heap has grown a quarter, so
// that it is mostly what is live): its pages as they are painted, and
// its structure tree, whose elements are written only as the file is.
func BenchmarkPDFLongText(b *testing.B) {
	const n = 50000
	doc := &model.Document{Title: "Lines", Lang: "en"}
	for i := range n {
		doc.Blocks = append(doc.Blocks, para(text(fmt.Sprint("Line ", i%500))))
	}
	for b.Loop() {
		b.StopTimer()
		book, err := layout.Layout(doc, layout.Options{Pack: true})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		before := testenv.HeapObjects()
		gc := debug.SetGCPercent(25)
		b.StartTimer()
		most := testenv.HeapPeak(func() {
			if err := PDF(io.Discard, book, PDFOptions{ReleasePages: true}); err != nil {
				b.Fatal(err)
			}
		})
		b.StopTimer()
		debug.SetGCPercent(gc)
		b.ReportMetric(float64(most-before)/n, "peak-B/para")
		b.StartTimer()
	}
}
