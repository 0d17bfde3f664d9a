package matching

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestZZVec(t *testing.T) {
	ds := loadDevSet(t, "../../testdata/dev-set.json")
	ix := NewIndex(ds.Companies, ds.Municipalities)
	words := make([]string, len(ix.stats.tokenDF))
	for w, id := range ix.stats.tokenID {
		words[id] = w
	}
	var b strings.Builder
	dump := func(tag string, v svec) {
		var out []string
		for _, e := range v {
			out = append(out, fmt.Sprintf("%s=%.6f", words[e.id], e.w))
		}
		slices.Sort(out)
		fmt.Fprintf(&b, "%s %d %v\n", tag, len(v), out)
	}
	dump("c13", ix.profileOf(13).tokens)
	dump("rkn", ix.muniByKey["rhein-kreis-neuss"].tokens)
	os.WriteFile(os.Getenv("VECOUT"), []byte(b.String()), 0o644)
}
