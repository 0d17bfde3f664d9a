package matching

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSelectHeaviest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for n := 1; n < 200; n++ {
		v := make(svec, n)
		for i := range v {
			v[i] = entry{int32(i), float32(r.IntN(20))}
		}
		k := 1 + r.IntN(n)
		want := slices.Clone(v)
		slices.SortFunc(want, func(a, b entry) int {
			if a.w != b.w {
				return cmp.Compare(b.w, a.w)
			}
			return cmp.Compare(a.id, b.id)
		})
		selectHeaviest(v, k)
		got := slices.Clone(v[:k])
		slices.SortFunc(got, func(a, b entry) int {
			if a.w != b.w {
				return cmp.Compare(b.w, a.w)
			}
			return cmp.Compare(a.id, b.id)
		})
		if !slices.Equal(got, want[:k]) {
			t.Fatalf("n=%d k=%d: got %v want %v", n, k, got, want[:k])
		}
	}
}
