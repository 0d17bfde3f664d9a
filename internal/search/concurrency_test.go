package search

import (
	"sync"
	"testing"
)

// TestConcurrent mixes writers and readers; run it with -race.
func TestConcurrent(t *testing.T) {
	docs := genDocs(600, 7)
	ix := New()
	for _, d := range docs[:300] {
		ix.Put(d)
	}
	queries := []Query{
		{Q: "pumpen"}, {Q: "光学"}, {Q: "Sensor", Region: "nrw"}, {Sector: "C", Page: 2},
		{Q: "the", Lang: "en", PerPage: 100}, {Offers: "supply", Size: "small"},
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i, d := range docs[300+w*150 : 300+(w+1)*150] {
				ix.Put(d)
				if i%3 == 0 {
					ix.Delete(docs[i*2+w].ID)
				}
			}
		})
	}
	for r := range 4 {
		wg.Go(func() {
			for i := range 200 {
				q := queries[(i+r)%len(queries)]
				res := ix.Search(q)
				if len(res.IDs) > res.PerPage || res.Total < len(res.IDs) {
					t.Errorf("Search(%+v) = %+v", q, res)
					return
				}
				_ = ix.Len()
			}
		})
	}
	wg.Wait()
	if n := ix.Search(Query{}).Total; n != ix.Len() {
		t.Errorf("listing %d documents, Len %d", n, ix.Len())
	}
}
