package matching

// TEMPORARY: dumps query results for before/after comparison. Removed after use.

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func dumpSuggestions(b *strings.Builder, tag string, id int64, s []Suggestion) {
	fmt.Fprintf(b, "%s %d:", tag, id)
	for _, x := range s {
		fmt.Fprintf(b, " %d=%s", x.ID, strconv.FormatFloat(x.Score, 'g', -1, 64))
		for _, r := range x.Reasons {
			fmt.Fprintf(b, "|%v", r)
		}
	}
	b.WriteByte('\n')
}

func TestZZDump(t *testing.T) {
	out := os.Getenv("MDUMP")
	if out == "" {
		t.Skip()
	}
	var b strings.Builder
	ds := loadDevSet(t, "../../testdata/dev-set.json")
	ix := NewIndex(ds.Companies, ds.Municipalities)
	for _, c := range ds.Companies {
		dumpSuggestions(&b, "P", c.ID, ix.Partners(c.ID, 10, nil))
		dumpSuggestions(&b, "S", c.ID, ix.Similar(c.ID, 10, ""))
		fmt.Fprintf(&b, "M %d: %v\n", c.ID, ix.Municipalities(c.ID))
	}
	cs := syntheticCompanies(30000)
	ix = NewIndex(cs, ds.Municipalities)
	for i := 0; i < len(cs); i += 37 {
		id := cs[i].ID
		dumpSuggestions(&b, "P", id, ix.Partners(id, 10, nil))
		dumpSuggestions(&b, "S", id, ix.Similar(id, 10, ""))
		fmt.Fprintf(&b, "M %d: %v\n", id, ix.Municipalities(id))
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
