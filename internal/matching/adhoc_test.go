package matching

import (
	"slices"
	"testing"

	"kakehashi/internal/company"
)

// Asking for an unindexed company leaves the statistics, and so every
// indexed company's suggestions, unchanged.
func TestMunicipalitiesForIsReadOnly(t *testing.T) {
	ds := loadDevSet(t, "../../testdata/dev-set.json")
	ix := NewIndex(ds.Companies, ds.Municipalities)
	var probe int64
	for _, c := range ds.Companies {
		if c.Region == company.RegionTokyo {
			probe = c.ID
			break
		}
	}
	before := ix.Municipalities(probe)
	beforeN, beforeDF := ix.stats.n, slices.Clone(ix.stats.tokenDF)
	firm := company.Company{Region: company.RegionTokyo, Name: "x", Sectors: []string{"C26"},
		Description: company.Texts{"ja": "光学レンズの製造。ドイツで販売拠点を探しています。"},
		Seeks:       []company.Cooperation{{Type: company.CoopMarketEntry, Text: "NRWに拠点"}}}
	for range 50 {
		if got := ix.MunicipalitiesFor(firm); len(got) == 0 {
			t.Fatal("no municipalities")
		}
	}
	if ix.stats.n != beforeN || !slices.Equal(ix.stats.tokenDF[:len(beforeDF)], beforeDF) {
		t.Fatal("MunicipalitiesFor changed the corpus statistics")
	}
	after := ix.Municipalities(probe)
	for i := range before {
		if before[i].Key != after[i].Key || before[i].Score != after[i].Score {
			t.Fatalf("indexed company's ranking changed: %v → %v", before[i], after[i])
		}
	}
}
