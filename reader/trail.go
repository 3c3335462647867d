package reader

import "fmt"

// trail collects the repairs of one Markdown or HTML read and forwards its
// warnings to Options.Warn.
type trail struct {
	opt     Options
	repairs []Repair
}

func (t *trail) warn(line int, format string, args ...any) {
	t.opt.warn(line, format, args...)
}

func (t *trail) repair(line int, kind, format string, args ...any) {
	t.repairs = append(t.repairs, Repair{Line: line, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}
