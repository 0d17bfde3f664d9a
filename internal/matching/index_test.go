package matching

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"kakehashi/internal/company"
)

// TestWorkersGiveSameIndex: NewIndex spreads the companies over workers, and
// the result must not depend on how many: same token ids and document
// frequencies, and the same suggestions with the same scores and reasons.
func TestWorkersGiveSameIndex(t *testing.T) {
	ds := loadDevSet(t, "../../testdata/dev-set.json")
	// The dev set's real texts in three languages, plus enough synthetic
	// companies that queries take the pruned path (over exhaustiveLimit per
	// side), plus a repeated ID.
	cs := slices.Clone(ds.Companies)
	for _, c := range syntheticCompanies(6000) {
		c.ID += 1_000_000
		cs = append(cs, c)
	}
	dup := cs[len(ds.Companies)+7]
	dup.Keywords = []string{"Wasserstoffverdichter", "水素"}
	cs = append(cs, dup)

	one := newIndex(cs, ds.Municipalities, 1)
	four := newIndex(cs, ds.Municipalities, 4)
	if one.Len() != len(cs)-1 {
		t.Fatalf("Len = %d, want %d", one.Len(), len(cs)-1)
	}
	if !reflect.DeepEqual(one.stats, four.stats) {
		t.Fatal("corpus statistics differ between 1 and 4 workers")
	}

	r := rand.New(rand.NewPCG(11, 12))
	var sample []int64
	for _, c := range ds.Companies {
		sample = append(sample, c.ID)
	}
	for range 300 {
		sample = append(sample, cs[len(ds.Companies)+r.IntN(len(cs)-len(ds.Companies))].ID)
	}
	compare := func(when string) {
		t.Helper()
		for _, id := range sample {
			if a, b := one.Partners(id, 10, nil), four.Partners(id, 10, nil); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: Partners(%d) differ:\n1 worker:  %v\n4 workers: %v", when, id, a, b)
			}
			if a, b := one.Similar(id, 10, ""), four.Similar(id, 10, ""); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: Similar(%d) differ:\n1 worker:  %v\n4 workers: %v", when, id, a, b)
			}
			if a, b := one.Municipalities(id), four.Municipalities(id); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: Municipalities(%d) differ:\n1 worker:  %v\n4 workers: %v", when, id, a, b)
			}
		}
	}
	compare("after NewIndex")
	if got := one.Partners(sample[0], 10, nil); len(got) == 0 || got[0].Score <= 0 {
		t.Fatalf("no scored partners for %d: %v", sample[0], got)
	}

	// Updates continue from the merged statistics in the same way.
	for _, i := range []int{3, len(ds.Companies) + 42} {
		c := cs[i]
		c.Keywords = append(slices.Clone(c.Keywords), "Brennstoffzellen-Prüfstand", "燃料電池")
		c.Offers = append(slices.Clone(c.Offers), company.Cooperation{Type: company.CoopTypes[0], Text: "Neue Prüfstände für Brennstoffzellen"})
		one.Upsert(c)
		four.Upsert(c)
	}
	if !reflect.DeepEqual(one.stats, four.stats) {
		t.Fatal("corpus statistics differ after Upsert")
	}
	compare("after Upsert")
}
