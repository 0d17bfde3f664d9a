package search

import (
	"fmt"
	"slices"
	"testing"

	"kakehashi/internal/company"
)

// fixture is a small directory covering the cases the portal promises.
func fixture() []Doc {
	return []Doc{
		{
			ID: 1, Name: "Müller Medizintechnik GmbH", Region: company.RegionNRW, City: "Krefeld",
			Municipality: "krefeld", Kind: company.KindSME, Employees: 45, Sectors: []string{"C26", "C32"},
			Offers: []company.CoopType{company.CoopSupply}, Seeks: []company.CoopType{company.CoopDistribution},
			Languages: []string{"de", "en"}, Keywords: []string{"Ölpumpen", "Sterilisation"},
			Texts:     []string{"Wir fertigen Hochdruckpumpen für Kliniken.", "We make high-pressure pumps for hospitals."},
			CoopTexts: []string{"Vertriebspartner in Japan gesucht"},
		},
		{
			ID: 2, Name: "株式会社東京マイクロ光学", Region: company.RegionTokyo, City: "Ota-ku",
			Kind: company.KindStartup, Employees: 8, Sectors: []string{"C26"},
			Offers: []company.CoopType{company.CoopTechnical}, Seeks: []company.CoopType{company.CoopDistribution},
			Languages: []string{"ja", "en"}, Keywords: []string{"非球面レンズ"},
			Texts: []string{"マイクロ光学部品の開発と製造。", "Micro-optical components for sensors."},
		},
		{
			ID: 3, Name: "Strasse Logistik AG", Region: company.RegionNRW, City: "Essen", Municipality: "essen",
			Kind: company.KindSME, Employees: 300, Sectors: []string{"H52"},
			Offers:    []company.CoopType{company.CoopServices, company.CoopMarketEntry},
			Languages: []string{"de"}, Texts: []string{"Kontraktlogistik an der Königsallee."},
		},
		{
			ID: 4, Name: "Mueller Software", Region: company.RegionNRW, City: "Köln", Kind: company.KindStartup,
			Employees: 12, Sectors: []string{"J62"}, Seeks: []company.CoopType{company.CoopMarketEntry},
			Languages: []string{"de", "en"}, Texts: []string{"Software für Wärmepumpen."},
		},
		{
			ID: 5, Name: "Sensorik Tanaka", Region: company.RegionTokyo, City: "Minato-ku", Kind: company.KindSME,
			Sectors: []string{"C27"}, Offers: []company.CoopType{company.CoopLicensing},
			Languages: []string{"en"}, Texts: []string{"Laser sensor modules, 光センサー."},
		},
	}
}

func newFixture(t testing.TB) *Index {
	t.Helper()
	ix := New()
	for _, d := range fixture() {
		ix.Put(d)
	}
	return ix
}

// ids runs q and returns all matching ids, over every page.
func ids(ix *Index, q Query) []int64 {
	q.PerPage = MaxPerPage
	return ix.Search(q).IDs
}

func sorted(s []int64) []int64 { return slices.Sorted(slices.Values(s)) }

func TestSearchText(t *testing.T) {
	ix := newFixture(t)
	tests := []struct {
		q    string
		want []int64
	}{
		// German: case, umlauts and their spellings, parts of compounds.
		{"Medizintechnik", []int64{1}},
		{"medizintechnik", []int64{1}},
		{"MEDIZINTECHNIK", []int64{1}},
		{"Medizin", []int64{1}},
		{"Technik", []int64{1}},
		{"Pumpen", []int64{1, 4}}, // Ölpumpen, Hochdruckpumpen, Wärmepumpen
		{"Ölpumpen", []int64{1}},
		{"Oelpumpen", []int64{1}},
		{"Müller", []int64{1, 4}},
		{"Mueller", []int64{1, 4}},
		{"Straße", []int64{3}},
		{"strasse", []int64{3}},
		{"Königsallee", []int64{3}},
		{"koenigsallee", []int64{3}},
		{"Krefeld", []int64{1}}, // city
		{"Vertriebspartner", []int64{1}},
		{"pumps", []int64{1}},
		{"pump", []int64{1, 4}}, // pumps, and inside …pumpen
		// Short words match whole words only.
		{"ag", []int64{3}},
		{"la", nil},
		// Japanese: bigrams, AND of bigrams, single characters.
		{"光学", []int64{2}},
		{"マイクロ光学", []int64{2}},
		{"光学部品", []int64{2}},
		{"光", []int64{2, 5}},
		{"学光", nil},
		{"ｾﾝｻｰ", []int64{5}}, // half-width katakana
		{"非球面", []int64{2}},
		// AND semantics, across scripts and fields.
		{"Medizintechnik Krefeld", []int64{1}},
		{"Medizintechnik Logistik", nil},
		{"sensor 光", []int64{2, 5}},
		{"micro 光学", []int64{2}},
		{"laser 光学", nil},
		{"nothingmatches", nil},
		// Quoted words match whole words only.
		{`"Medizin"`, nil},
		{`"Medizintechnik"`, []int64{1}},
		{`„Pumpen“`, nil},
		// Punctuation only: no text query, everything.
		{"!!", []int64{1, 2, 3, 4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got := sorted(ids(ix, Query{Q: tt.q}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchFilters(t *testing.T) {
	ix := newFixture(t)
	tests := []struct {
		name string
		q    Query
		want []int64
	}{
		{"region", Query{Region: "nrw"}, []int64{1, 3, 4}},
		{"region case", Query{Region: " TOKYO "}, []int64{2, 5}},
		{"division", Query{Sector: "C26"}, []int64{1, 2}},
		{"division lower case", Query{Sector: "c26"}, []int64{1, 2}},
		{"section letter", Query{Sector: "C"}, []int64{1, 2, 5}},
		{"section letter lower case", Query{Sector: "h"}, []int64{3}},
		{"offers", Query{Offers: "supply"}, []int64{1}},
		{"seeks", Query{Seeks: "distribution"}, []int64{1, 2}},
		{"lang", Query{Lang: "ja"}, []int64{2}},
		{"municipality", Query{Municipality: "essen"}, []int64{3}},
		{"kind", Query{Kind: "startup"}, []int64{2, 4}},
		{"size", Query{Size: "small"}, []int64{1, 4}},
		{"size micro", Query{Size: "micro"}, []int64{2}},
		{"size never matches unknown employees", Query{Size: "large", Region: "tokyo"}, nil},
		{"combined", Query{Region: "nrw", Sector: "C", Lang: "en"}, []int64{1}},
		{"combined, none", Query{Region: "tokyo", Municipality: "essen"}, nil},
		{"unknown value", Query{Region: "mars"}, nil},
		{"unknown sector", Query{Sector: "Z99"}, nil},
		{"text and filter", Query{Q: "pumpen", Kind: "startup"}, []int64{4}},
		{"text and section", Query{Q: "光", Sector: "C"}, []int64{2, 5}},
		{"text and region", Query{Q: "光", Region: "tokyo", Offers: "licensing"}, []int64{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sorted(ids(ix, tt.q))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestListByName(t *testing.T) {
	ix := newFixture(t)
	ix.Put(Doc{ID: 9, Name: "müller medizintechnik gmbh", Region: company.RegionNRW})
	ix.Put(Doc{ID: 0, Name: "Zeta", Region: company.RegionNRW})
	// Folded names: "mueller medizintechnik gmbh" twice (ids 1, 9),
	// "mueller software", "sensorik tanaka", "strasse logistik ag", "zeta",
	// then the Japanese name.
	want := []int64{1, 9, 4, 5, 3, 0, 2}
	if got := ix.Search(Query{}).IDs; !slices.Equal(got, want) {
		t.Errorf("listing = %v, want %v", got, want)
	}
	if got := ix.Search(Query{Region: "nrw"}).IDs; !slices.Equal(got, []int64{1, 9, 4, 3, 0}) {
		t.Errorf("nrw listing = %v", got)
	}
}

func TestPaging(t *testing.T) {
	ix := New()
	for i := range 45 {
		ix.Put(Doc{ID: int64(i), Name: fmt.Sprintf("Firma %02d Pumpen", i), Region: company.RegionNRW})
	}
	tests := []struct {
		q                       Query
		ids                     []int64
		total, page, per, pages int
	}{
		{Query{}, seq(0, 20), 45, 1, 20, 3},
		{Query{Page: 3}, seq(40, 45), 45, 3, 20, 3},
		{Query{Page: 4}, nil, 45, 4, 20, 3},
		{Query{Page: 0, PerPage: -1}, seq(0, 20), 45, 1, 20, 3},
		{Query{PerPage: 1000}, seq(0, 45), 45, 1, 100, 1},
		{Query{Page: 2, PerPage: 10}, seq(10, 20), 45, 2, 10, 5},
		{Query{Page: 1 << 62, PerPage: 100}, nil, 45, 1 << 62, 100, 1},
		{Query{Q: "pumpen", Page: 3, PerPage: 20}, seq(40, 45), 45, 3, 20, 3},
		{Query{Q: "pumpen", Page: 9}, nil, 45, 9, 20, 3},
		{Query{Q: "firma", Page: 2, PerPage: 7}, seq(7, 14), 45, 2, 7, 7},
		{Query{Q: "nothing"}, nil, 0, 1, 20, 0},
	}
	for _, tt := range tests {
		r := ix.Search(tt.q)
		if !slices.Equal(r.IDs, tt.ids) || r.Total != tt.total || r.Page != tt.page || r.PerPage != tt.per || r.Pages != tt.pages {
			t.Errorf("Search(%+v) = %+v, want ids %v total %d page %d per %d pages %d",
				tt.q, r, tt.ids, tt.total, tt.page, tt.per, tt.pages)
		}
	}
}

func seq(from, to int64) []int64 {
	var s []int64
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

func TestRanking(t *testing.T) {
	ix := New()
	put := func(id int64, name, keyword, coop, text string) {
		d := Doc{ID: id, Name: name, Texts: []string{text}}
		if keyword != "" {
			d.Keywords = []string{keyword}
		}
		if coop != "" {
			d.CoopTexts = []string{coop}
		}
		ix.Put(d)
	}
	// Filler so that the idf of the query words is meaningful.
	for i := range 20 {
		put(int64(100+i), fmt.Sprintf("Filler %d", i), "Maschinen", "Vertrieb", "Wir bauen Maschinen.")
	}
	put(1, "Acme", "", "", "Hersteller von Pumpen und Maschinen.")
	put(2, "Pumpen Acme", "", "", "Hersteller von Maschinen.")
	put(3, "Acme", "Pumpen", "", "Hersteller von Maschinen.")
	put(4, "Acme", "", "Pumpen gesucht", "Hersteller von Maschinen.")
	put(5, "Acme", "Pumpenbau", "", "Hersteller von Maschinen.")
	put(6, "Acme", "Ölpumpen", "", "Hersteller von Maschinen.")
	got := ix.Search(Query{Q: "Pumpen"}).IDs
	if len(got) != 6 {
		t.Fatalf("Pumpen = %v, want 6 hits", got)
	}
	pos := func(id int64) int { return slices.Index(got, id) }
	for _, p := range [][2]int64{
		// Name > keywords > offer/seek text > description.
		{2, 3}, {3, 4}, {4, 1},
		// In the same field: the word > a prefix > a part inside.
		{3, 5}, {5, 6},
	} {
		if pos(p[0]) > pos(p[1]) {
			t.Errorf("ranking %v: %d should come before %d", got, p[0], p[1])
		}
	}
	// Equal scores fall back to name order, then id; doc 1 has a longer
	// description, so a lower score.
	got = ix.Search(Query{Q: "hersteller"}).IDs
	if want := []int64{3, 4, 5, 6, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("ties = %v, want %v", got, want)
	}
}

func TestPutReplaces(t *testing.T) {
	ix := newFixture(t)
	ix.Put(Doc{ID: 1, Name: "Neuer Name KG", Region: company.RegionTokyo, Sectors: []string{"J62"},
		Keywords: []string{"Robotik"}})
	if ix.Len() != 5 {
		t.Errorf("Len = %d, want 5", ix.Len())
	}
	for _, q := range []Query{
		{Q: "Medizintechnik"}, {Q: "Ölpumpen"}, {Q: "Krefeld"}, {Q: "Müller"},
		{Region: "nrw"}, {Sector: "C26"}, {Municipality: "krefeld"},
	} {
		if slices.Contains(ids(ix, q), 1) {
			t.Errorf("%+v still finds the old version of 1", q)
		}
	}
	for _, q := range []Query{{Q: "Robotik"}, {Q: "neuer"}, {Region: "tokyo"}, {Sector: "J"}} {
		if !slices.Contains(ids(ix, q), 1) {
			t.Errorf("%+v does not find the new version of 1", q)
		}
	}
	if got := ix.Search(Query{}).IDs; !slices.Equal(got, []int64{4, 1, 5, 3, 2}) {
		t.Errorf("listing after rename = %v", got)
	}
	if got := ids(ix, Query{Q: "Müller"}); !slices.Equal(got, []int64{4}) {
		t.Errorf("Müller = %v, want [4]", got)
	}
}

func TestDelete(t *testing.T) {
	ix := newFixture(t)
	ix.Delete(1)
	ix.Delete(1)  // again
	ix.Delete(42) // unknown
	if ix.Len() != 4 {
		t.Errorf("Len = %d, want 4", ix.Len())
	}
	if got := ids(ix, Query{Q: "pumpen"}); !slices.Equal(got, []int64{4}) {
		t.Errorf("pumpen = %v, want [4]", got)
	}
	if got := sorted(ids(ix, Query{Region: "nrw"})); !slices.Equal(got, []int64{3, 4}) {
		t.Errorf("nrw = %v", got)
	}
	// The freed slot is reused, in the middle of existing posting lists.
	ix.Put(Doc{ID: 7, Name: "Hochdruckpumpen Sieben", Region: company.RegionNRW, Sectors: []string{"C28"}})
	if got := sorted(ids(ix, Query{Q: "pumpen"})); !slices.Equal(got, []int64{4, 7}) {
		t.Errorf("pumpen after re-add = %v", got)
	}
	for _, d := range fixture() {
		ix.Delete(d.ID)
	}
	ix.Delete(7)
	if r := ix.Search(Query{}); ix.Len() != 0 || r.Total != 0 || len(r.IDs) != 0 || len(r.Regions) != 0 {
		t.Errorf("empty index: Len %d, %+v", ix.Len(), r)
	}
}

func TestFacets(t *testing.T) {
	ix := newFixture(t)
	r := ix.Search(Query{Region: "nrw", Sector: "C", Facets: true})
	// Regions ignore the region filter, sectors the sector filter.
	wantRegions := map[company.Region]int{company.RegionNRW: 1, company.RegionTokyo: 2}
	wantSectors := map[string]int{"C26": 1, "C32": 1, "H52": 1, "J62": 1}
	if r.Total != 1 || !mapsEqual(r.Regions, wantRegions) || !mapsEqual(r.Sectors, wantSectors) {
		t.Errorf("facets = %+v", r)
	}
	r = ix.Search(Query{Q: "光", Facets: true})
	wantSectors = map[string]int{"C26": 1, "C27": 1}
	if !mapsEqual(r.Regions, map[company.Region]int{company.RegionTokyo: 2}) || !mapsEqual(r.Sectors, wantSectors) {
		t.Errorf("text facets = %+v", r)
	}
	if r := ix.Search(Query{Q: "光"}); r.Regions != nil || r.Sectors != nil || r.Total != 2 {
		t.Errorf("facets computed without being asked for: %+v", r)
	}
}

func mapsEqual[K comparable](a, b map[K]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestDocOf(t *testing.T) {
	c := &company.Company{
		ID: 3, Name: "X", Region: company.RegionNRW, Employees: 5,
		Description: company.Texts{"ja": "光学", "de": "Optik"},
		Offers:      []company.Cooperation{{Type: company.CoopSupply, Text: "Linsen"}},
		Seeks:       []company.Cooperation{{Type: company.CoopDistribution}},
	}
	d := DocOf(c)
	if !slices.Equal(d.Texts, []string{"Optik", "光学"}) || !slices.Equal(d.CoopTexts, []string{"Linsen"}) ||
		!slices.Equal(d.Offers, []company.CoopType{company.CoopSupply}) ||
		!slices.Equal(d.Seeks, []company.CoopType{company.CoopDistribution}) {
		t.Errorf("DocOf = %+v", d)
	}
	ix := New()
	ix.Put(d)
	if got := ids(ix, Query{Q: "linsen", Seeks: "distribution", Size: "micro"}); !slices.Equal(got, []int64{3}) {
		t.Errorf("search = %v", got)
	}
}
