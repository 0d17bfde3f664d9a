package matching

import (
	"testing"
	"time"
)

func TestZZStats(t *testing.T) {
	cs := syntheticCompanies(100000)
	t0 := time.Now()
	ix := NewIndex(cs, nil)
	t.Logf("build %v", time.Since(t0))
	occ, texts, distinctPerText := 0, 0, 0
	_ = occ
	for _, p := range ix.profiles {
		texts += 1 + len(p.offers) + len(p.seeks)
		distinctPerText += len(p.dfTokens)
	}
	var n int64
	ix.texts.m.Range(func(k, v any) bool { n++; return true })
	postings := 0
	for r := range ix.post {
		for _, l := range ix.post[r] {
			postings += len(l)
		}
	}
	t.Logf("vocab %d, texts %d, distinct tokens in all-texts %d, cache entries %d, postings %d", len(ix.stats.tokenDF), texts, distinctPerText, n, postings)
}
