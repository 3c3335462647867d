package reader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"pamphlet/model"
)

// Report is the JSON view of a read document printed by
// `pamphlet inspect --json`. Scripts depend on its field names: add fields,
// never rename or remove them. Each word of the document appears once: a
// block's text is its own, a quote or list item holds its words only in its
// children, and a link points into its block's text. A table's text is its
// caption and rows, a line per row, beside the same cells in Rows.
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
// typography of a heading, paragraph, code block, figure or table; quotes
// hold Blocks and lists Items, and their Text is empty; tables hold Rows.
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

// ReportItem is one list item: its blocks.
type ReportItem struct {
	Blocks []ReportBlock `json:"blocks"`
}

// ReportLink is a link inside a block: the span of the block's Text it
// covers, Start to End in Unicode code points (End excluded), and its
// target. The link's words are the block's, not repeated here.
type ReportLink struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Target string `json:"target"`
}

// NewReport builds the JSON view of res.
func NewReport(res *Result) (*Report, error) {
	r := newReport(res)
	var err error
	if r.Blocks, err = reportBlocks(res.Doc.Blocks); err != nil {
		return nil, err
	}
	return r, nil
}

// newReport is the report of res without its blocks.
func newReport(res *Result) *Report {
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
	return r
}

// JSON returns the report of res as indented JSON with a final newline.
func (res *Result) JSON() ([]byte, error) {
	var b bytes.Buffer
	if err := res.WriteJSON(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteJSON writes the report of res to w as indented JSON with a final
// newline, a block at a time: a long text's report (hundreds of bytes a
// paragraph) is never whole in memory.
func (res *Result) WriteJSON(w io.Writer) error {
	r := newReport(res)
	r.Blocks = []ReportBlock{}
	head, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	// The blocks go between the brackets of the empty list: the only
	// place a line starts with the key, as strings hold no newline.
	open := []byte("\n  \"blocks\": [")
	at := bytes.Index(head, open)
	if at < 0 {
		return errors.New("report: no list of blocks")
	}
	at += len(open)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:at])
	for k := range res.Doc.Blocks {
		rbs, err := reportBlocks(res.Doc.Blocks[k : k+1])
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(rbs[0], "    ", "  ")
		if err != nil {
			return err
		}
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	if len(res.Doc.Blocks) > 0 {
		bw.WriteString("\n  ")
	}
	bw.Write(head[at:])
	bw.WriteByte('\n')
	return bw.Flush()
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
		case *model.List:
			rb.Ordered = b.Ordered
			rb.Numbering = b.Numbering
			for _, it := range b.Items {
				sub, err := reportBlocks(it.Blocks)
				if err != nil {
					return nil, err
				}
				rb.Items = append(rb.Items, ReportItem{Blocks: sub})
			}
		default:
			return nil, fmt.Errorf("report: unknown block %T", b)
		}
		out = append(out, rb)
	}
	return out, nil
}

// links returns the links of in with the span each covers in
// model.Plain(in), counted in code points.
func links(in []model.Inline) []ReportLink {
	var out []ReportLink
	linkSpans(in, new(int), &out)
	return out
}

// linkSpans walks in as model.Plain writes it, advancing *pos by the code
// points written, and appends each link with its span.
func linkSpans(in []model.Inline, pos *int, out *[]ReportLink) {
	for _, n := range in {
		switch n := n.(type) {
		case *model.Text:
			*pos += utf8.RuneCountInString(n.Text)
		case *model.CodeSpan:
			*pos += utf8.RuneCountInString(n.Text)
		case *model.Emph:
			linkSpans(n.Content, pos, out)
		case *model.Strong:
			linkSpans(n.Content, pos, out)
		case *model.Link:
			start := *pos
			k := len(*out)
			*out = append(*out, ReportLink{Start: start, Target: n.Target})
			linkSpans(n.Content, pos, out)
			(*out)[k].End = *pos
		case *model.LineBreak:
			*pos++
		}
	}
}
