package reader_test

import (
	"fmt"
	"os"

	"pamphlet/model"
	"pamphlet/reader"
)

func ExampleRead() {
	src := []byte(`Bread for Everyone

By Ana Lima | 3 May 2024

When the bakery closed, the street lost more than
its bread. "We'll reopen it," said the workers -- and
they did.

What happened next

The cooperative opened in the spring of 2024...
`)
	res, err := reader.Read(src, reader.Options{Name: "bread.txt"})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := model.Dump(os.Stdout, res.Doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// title: Bread for Everyone
	// authors: Ana Lima
	// byline: By Ana Lima
	// date: 2024-05-03
	// dateline: 3 May 2024
	// lang: en
	// ---
	// paragraph: When the bakery closed, the street lost more than its bread. “We’ll reopen it,” said the workers — and they did.
	// heading 1: What happened next
	// paragraph: The cooperative opened in the spring of 2024…
}
