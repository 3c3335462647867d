package reader

import (
	"fmt"

	"pamphlet/model"
)

// trail collects the repairs of one Markdown or HTML read and forwards its
// warnings to Options.Warn.
type trail struct {
	opt     Options
	repairs repairLog
	// lines maps blocks to the input line they start on (see
	// Result.lines).
	lines blockLines
}

// place records the input line of a block, unless an inner conversion
// already placed it more precisely.
func (t *trail) place(b model.Block, line int) {
	if line <= 0 {
		return
	}
	t.lines.place(b, line)
}

// lineOf gives the input line of a block, 0 when unknown.
func (t *trail) lineOf(b model.Block) int {
	return t.lines.lineOf(b)
}

func (t *trail) warn(line int, format string, args ...any) {
	t.opt.warn(line, format, args...)
}

func (t *trail) repair(line int, kind, format string, args ...any) {
	t.repairs.add(line, kind, func() string { return fmt.Sprintf(format, args...) })
}
