package reader

import (
	"strings"

	"pamphlet/model"
)

// tableBlocks renders a table, which the model has no type for, without
// losing a word: a list with one item per body row. When the table has a
// header row, each cell is set on its own line after its column's header in
// bold ("Name: Alice"); otherwise the cells of a row are joined by " · ".
// A table with only a header row becomes one paragraph. A list keeps the
// rows apart on every reading system and in the PDF, where a grid of
// columns would not fit a narrow page anyway.
func tableBlocks(header []string, rows [][][]model.Inline) []model.Block {
	hasHeader := false
	for _, h := range header {
		if strings.TrimSpace(h) != "" {
			hasHeader = true
		}
	}
	if len(rows) == 0 {
		if !hasHeader {
			return nil
		}
		return []model.Block{&model.Paragraph{Content: joinCells(header)}}
	}
	list := &model.List{}
	for _, row := range rows {
		var content []model.Inline
		for i, cell := range row {
			if strings.TrimSpace(model.Plain(cell)) == "" {
				continue
			}
			if len(content) > 0 {
				if hasHeader {
					content = append(content, &model.LineBreak{})
				} else {
					content = append(content, &model.Text{Text: " · "})
				}
			}
			if hasHeader && i < len(header) && strings.TrimSpace(header[i]) != "" {
				content = append(content, &model.Strong{Content: []model.Inline{&model.Text{Text: strings.TrimRight(strings.TrimSpace(header[i]), ":") + ":"}}}, &model.Text{Text: " "})
			}
			content = append(content, cell...)
		}
		if len(content) > 0 {
			list.Items = append(list.Items, model.Item{Blocks: []model.Block{&model.Paragraph{Content: content}}})
		}
	}
	if len(list.Items) == 0 {
		if hasHeader {
			return []model.Block{&model.Paragraph{Content: joinCells(header)}}
		}
		return nil
	}
	return []model.Block{list}
}

func joinCells(cells []string) []model.Inline {
	var parts []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			parts = append(parts, c)
		}
	}
	return []model.Inline{&model.Text{Text: strings.Join(parts, " · ")}}
}
