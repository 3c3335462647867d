package reader

import (
	"strings"

	"pamphlet/model"
)

// readText reads plain text: the first line is the title, blank lines
// separate paragraphs.
func readText(text string, opt Options) (*Result, error) {
	doc := &model.Document{}
	var blocks []model.Block
	for i, chunk := range strings.Split(text, "\n\n") {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if doc.Title == "" && i == 0 || doc.Title == "" && len(blocks) == 0 {
			doc.Title = chunk
			continue
		}
		blocks = append(blocks, &model.Paragraph{Content: []model.Inline{&model.Text{Text: chunk}}})
	}
	doc.Blocks = blocks
	return &Result{Doc: doc}, nil
}
