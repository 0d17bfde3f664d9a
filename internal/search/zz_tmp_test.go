package search

import (
	"fmt"
	"testing"
)

func BenchmarkEachQuery(b *testing.B) {
	ix, _ := benchIndex(b)
	for _, name := range []string{"word", "words+filters", "japanese", "common", "deep-page"} {
		for _, q := range benchQueries[name] {
			r := ix.Search(q)
			b.Run(fmt.Sprintf("%s/%s/%d", q.Q, q.Region+q.Sector+q.Offers+q.Lang, r.Total), func(b *testing.B) {
				for b.Loop() {
					ix.Search(q)
				}
			})
		}
	}
}
