package reader

import (
	"encoding/json"
	"fmt"

	"pamphlet/model"
)

// Report is the JSON view of a read document printed by
// `pamphlet inspect --json`. Scripts depend on its field names: add fields,
// never rename or remove them.
type Report struct {
	Title    string        `json:"title"`
	Subtitle string        `json:"subtitle"`
	Authors  []string      `json:"authors"`
	Date     *string       `json:"date"`
	Lang     string        `json:"lang"`
	Source   string        `json:"source,omitempty"`
	Format   Format        `json:"format"`
	Blocks   []ReportBlock `json:"blocks"`
	Repairs  []Repair      `json:"repairs"`
	// Conventions are the habits of the source found in a plain text
	// before it was read, each with its evidence.
	Conventions []Convention `json:"conventions"`
}

// ReportBlock is one block of a Report. Text is the plain text after
// typography; quotes hold Blocks, lists hold Items, tables Rows.
type ReportBlock struct {
	Kind    string `json:"kind"`
	Level   int    `json:"level,omitempty"`
	Text    string `json:"text,omitempty"`
	Ordered bool   `json:"ordered,omitempty"`
	// Numbering is an ordered list's counting when not by numbers: "a",
	// "A", "i" or "I".
	Numbering string        `json:"numbering,omitempty"`
	Items     []ReportItem  `json:"items,omitempty"`
	Blocks    []ReportBlock `json:"blocks,omitempty"`
	Links     []ReportLink  `json:"links,omitempty"`
	// Rows are a table's rows, header rows first, each a list of its
	// cells' plain text; HeadRows says how many rows are header rows.
	Rows     [][]string `json:"rows,omitempty"`
	HeadRows int        `json:"head_rows,omitempty"`
}

// ReportItem is one list item: its text and its blocks.
type ReportItem struct {
	Text   string        `json:"text"`
	Blocks []ReportBlock `json:"blocks"`
}

// ReportLink is a link inside a block: its text and target.
type ReportLink struct {
	Text   string `json:"text"`
	Target string `json:"target"`
}

// NewReport builds the JSON view of res.
func NewReport(res *Result) (*Report, error) {
	doc := res.Doc
	r := &Report{
		Title:    doc.Title,
		Subtitle: doc.Subtitle,
		Authors:  doc.Authors,
		Lang:     doc.Lang,
		Source:   doc.Source,
		Format:   res.Format,
		Repairs:  res.Repairs,
	}
	if r.Authors == nil {
		r.Authors = []string{}
	}
	r.Conventions = res.Conventions
	if r.Conventions == nil {
		r.Conventions = []Convention{}
	}
	if r.Repairs == nil {
		r.Repairs = []Repair{}
	}
	if !doc.Date.IsZero() {
		s := doc.Date.String()
		r.Date = &s
	}
	var err error
	if r.Blocks, err = reportBlocks(doc.Blocks); err != nil {
		return nil, err
	}
	return r, nil
}

// JSON returns the report of res as indented JSON with a final newline.
func (res *Result) JSON() ([]byte, error) {
	r, err := NewReport(res)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func reportBlocks(bs []model.Block) ([]ReportBlock, error) {
	out := make([]ReportBlock, 0, len(bs))
	for _, b := range bs {
		rb := ReportBlock{Kind: model.Kind(b)}
		switch b := b.(type) {
		case *model.Heading:
			rb.Level, rb.Text = b.Level, model.Plain(b.Content)
			rb.Links = links(b.Content)
		case *model.Paragraph:
			rb.Text = model.Plain(b.Content)
			rb.Links = links(b.Content)
		case *model.Code:
			rb.Text = b.Text
		case *model.Figure:
			rb.Text = model.BlockText(b)
		case *model.Break:
		case *model.Table:
			rb.Text = model.BlockText(b)
			rb.HeadRows = len(b.Head)
			for _, rs := range [][]model.Row{b.Head, b.Body} {
				for _, r := range rs {
					cells := make([]string, len(r.Cells))
					for j, c := range r.Cells {
						cells[j] = model.Plain(c.Content)
					}
					rb.Rows = append(rb.Rows, cells)
				}
			}
		case *model.Quote:
			var err error
			if rb.Blocks, err = reportBlocks(b.Blocks); err != nil {
				return nil, err
			}
			rb.Text = model.BlockText(b)
		case *model.List:
			rb.Ordered = b.Ordered
			rb.Numbering = b.Numbering
			for _, it := range b.Items {
				sub, err := reportBlocks(it.Blocks)
				if err != nil {
					return nil, err
				}
				var text string
				if len(sub) > 0 {
					text = sub[0].Text
				}
				rb.Items = append(rb.Items, ReportItem{Text: text, Blocks: sub})
			}
		default:
			return nil, fmt.Errorf("report: unknown block %T", b)
		}
		out = append(out, rb)
	}
	return out, nil
}

func links(in []model.Inline) []ReportLink {
	var out []ReportLink
	_ = model.Walk([]model.Block{&model.Paragraph{Content: in}}, func(n model.Node) error {
		if l, ok := n.(*model.Link); ok {
			out = append(out, ReportLink{Text: model.Plain(l.Content), Target: l.Target})
		}
		return nil
	})
	return out
}
