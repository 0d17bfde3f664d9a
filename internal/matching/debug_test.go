package matching

import (
	"fmt"
	"os"
	"testing"
)

type dbgSink struct {
	ms []string
	ts []string
}

func (d *dbgSink) mention(m mention) {
	d.ms = append(d.ms, fmt.Sprintf("%s(%.1f:%s)", lex.concepts[m.id].Key, m.weight, m.surface))
}
func (d *dbgSink) token(t string) { d.ts = append(d.ts, t) }

func TestDebugAnalyze(t *testing.T) {
	if os.Getenv("DBG") == "" {
		t.Skip()
	}
	for _, s := range []string{os.Getenv("DBG")} {
		var d dbgSink
		analyze(s, &d)
		t.Logf("%s\n  M: %v\n  T: %v", s, d.ms, d.ts)
	}
}
