// Command gen writes the large inputs that bench/measure.sh converts: a
// long text, a text of many tiny paragraphs, a text of one line, the
// articles of a book, and an article with a large picture. The words come
// from a fixed vocabulary in a fixed pseudo-random order, so every run
// measures the same files.
//
//	go run ./bench/gen text BYTES FILE       paragraphs of 40 to 160 words
//	go run ./bench/gen tiny COUNT FILE       COUNT one-word paragraphs
//	go run ./bench/gen line BYTES FILE       one line of words
//	go run ./bench/gen book COUNT DIR        COUNT articles of 2 to 8 KB
//	go run ./bench/gen image PIXELS DIR      a PIXELS×PIXELS RGBA PNG and an article showing it
package main

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

var words = strings.Fields(`the harbour wall was built of granite blocks laid without mortar by
	masons who came from the quarries inland every spring and stayed until the autumn gales made
	the work too dangerous council minutes record the cost of each season's repairs together with
	complaints from fishermen about the silting of the channel and the shifting of the sandbar
	that closed the river mouth twice in living memory engineers proposed a breakwater several
	times but the town never raised the money nor agreed on who should pay for it`)

// rng is a xorshift generator: a fixed sequence.
type rng uint32

func (r *rng) next() uint32 {
	*r ^= *r << 13
	*r ^= *r >> 17
	*r ^= *r << 5
	return uint32(*r)
}

// sentence writes a sentence of k words.
func sentence(w *bufio.Writer, r *rng, k int) int {
	n := 0
	for i := range k {
		word := words[r.next()%uint32(len(words))]
		if i == 0 {
			word = strings.ToUpper(word[:1]) + word[1:]
		} else if r.next()%11 == 0 {
			word += ","
		}
		if i > 0 {
			w.WriteByte(' ')
			n++
		}
		w.WriteString(word)
		n += len(word)
	}
	w.WriteByte('.')
	return n + 1
}

// article writes a title and paragraphs up to size bytes, with a heading
// every twenty paragraphs.
func article(w *bufio.Writer, r *rng, title string, size int) {
	n, _ := fmt.Fprintf(w, "%s\n\n", title)
	for p := 0; n < size; p++ {
		if p%20 == 19 {
			m, _ := fmt.Fprintf(w, "Part %d\n\n", p/20+1)
			n += m
			continue
		}
		n += sentence(w, r, 40+int(r.next()%120))
		w.WriteString("\n\n")
		n += 2
	}
}

func create(name string, write func(w *bufio.Writer)) {
	f, err := os.Create(name)
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	write(w)
	if err := w.Flush(); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gen text|tiny|line|book|image N OUT")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n <= 0 {
		fail(fmt.Errorf("%q is not a positive number", os.Args[2]))
	}
	out := os.Args[3]
	r := rng(2463534242)
	switch os.Args[1] {
	case "text":
		create(out, func(w *bufio.Writer) { article(w, &r, "The Harbour Wall: A Chronicle", n) })
	case "tiny":
		create(out, func(w *bufio.Writer) {
			w.WriteString("Many Small Paragraphs\n\n")
			for i := range n {
				fmt.Fprintf(w, "%s %d.\n\n", words[r.next()%uint32(len(words))], i)
			}
		})
	case "line":
		create(out, func(w *bufio.Writer) {
			w.WriteString("One Long Line\n\n")
			for size := 0; size < n; {
				size += sentence(w, &r, 20) + 1
				w.WriteByte(' ')
			}
			w.WriteByte('\n')
		})
	case "book":
		if err := os.MkdirAll(out, 0o755); err != nil {
			fail(err)
		}
		for i := range n {
			name := filepath.Join(out, fmt.Sprintf("%05d.txt", i+1))
			create(name, func(w *bufio.Writer) {
				article(w, &r, fmt.Sprintf("Chronicle of the Harbour, Part %d", i+1), 2000+int(r.next()%6000))
			})
		}
	case "image":
		if err := os.MkdirAll(out, 0o755); err != nil {
			fail(err)
		}
		m := image.NewNRGBA(image.Rect(0, 0, n, n))
		for y := range n {
			for x := range n {
				m.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8((x * y) >> 7), uint8(255 - (x+y)%64)})
			}
		}
		create(filepath.Join(out, "picture.png"), func(w *bufio.Writer) {
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, m); err != nil {
				fail(err)
			}
		})
		create(filepath.Join(out, "picture.md"), func(w *bufio.Writer) {
			w.WriteString("# A Large Picture\n\nA paragraph before it.\n\n![a large picture](picture.png)\n\nA paragraph after it.\n")
		})
	default:
		fail(fmt.Errorf("unknown kind %q", os.Args[1]))
	}
}
