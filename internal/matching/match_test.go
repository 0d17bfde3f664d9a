package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// firm builds a test company.
type firm struct {
	id       int64
	region   company.Region
	sectors  []string
	keywords []string
	desc     company.Texts
	offers   []company.Cooperation
	seeks    []company.Cooperation
	langs    []string
	kind     company.Kind
	staff    int
	muni     string
}

func (f firm) company() company.Company {
	return company.Company{
		ID: f.id, Ref: fmt.Sprintf("c-%d", f.id), Name: fmt.Sprintf("Firm %d", f.id), Region: f.region,
		Sectors: f.sectors, Keywords: f.keywords, Description: f.desc, Offers: f.offers, Seeks: f.seeks,
		Languages: f.langs, Kind: f.kind, Employees: f.staff, Municipality: f.municipality(),
	}
}

func (f firm) municipality() string { return f.muni }

func coop(t company.CoopType, text string) company.Cooperation {
	return company.Cooperation{Type: t, Text: text}
}

func ids(s []Suggestion) []int64 {
	out := make([]int64, len(s))
	for i, x := range s {
		out[i] = x.ID
	}
	return out
}

func index(fs ...firm) *Index {
	cs := make([]company.Company, len(fs))
	for i, f := range fs {
		cs[i] = f.company()
	}
	return NewIndex(cs, nil)
}

// TestJapaneseOnlyFindsGermanOnly: no shared language and no shared word, yet
// the dictionary, the sectors and the cooperation types bring them together.
func TestJapaneseOnlyFindsGermanOnly(t *testing.T) {
	tokyo := firm{id: 1, region: company.RegionTokyo, sectors: []string{"C32"}, langs: []string{"ja"},
		keywords: []string{"医療機器", "整形外科", "インプラント"},
		desc:     company.Texts{"ja": "整形外科向けの医療機器メーカー。人工関節を製造している。ドイツで販売代理店を探している。"},
		offers:   []company.Cooperation{coop(company.CoopSupply, "人工関節の供給")},
		seeks:    []company.Cooperation{coop(company.CoopDistribution, "ドイツの医療機器販売代理店")}}
	dealer := firm{id: 2, region: company.RegionNRW, sectors: []string{"G46"}, langs: []string{"de"},
		keywords: []string{"Medizintechnik", "Orthopädie", "Implantate", "Großhandel"},
		desc:     company.Texts{"de": "Großhändler für Medizintechnik und orthopädische Implantate in NRW."},
		offers:   []company.Cooperation{coop(company.CoopDistribution, "Vertrieb von Medizinprodukten an Kliniken")},
		seeks:    []company.Cooperation{coop(company.CoopSupply, "Hersteller von Implantaten")}}
	software := firm{id: 3, region: company.RegionNRW, sectors: []string{"J62"}, langs: []string{"de"},
		keywords: []string{"ERP", "Cloud", "Software"},
		desc:     company.Texts{"de": "Softwarehaus für ERP-Lösungen im Mittelstand."},
		offers:   []company.Cooperation{coop(company.CoopDistribution, "Vertrieb von Software")},
		seeks:    []company.Cooperation{coop(company.CoopSupply, "Softwarekomponenten")}}
	rival := firm{id: 4, region: company.RegionNRW, sectors: []string{"C32"}, langs: []string{"de"},
		keywords: []string{"Medizintechnik", "Implantate"},
		desc:     company.Texts{"de": "Hersteller von Implantaten."},
		offers:   []company.Cooperation{coop(company.CoopSupply, "Implantate")},
		seeks:    []company.Cooperation{coop(company.CoopDistribution, "Vertriebspartner in Japan")}}
	ix := index(tokyo, dealer, software, rival)
	got := ix.Partners(1, 3, nil)
	if len(got) == 0 || got[0].ID != 2 {
		t.Fatalf("Partners(Japanese-only) = %v, want the German-only dealer 2 first", ids(got))
	}
	var topics string
	for _, r := range got[0].Reasons {
		if r.Code == ReasonSharedTopics {
			topics = r.Args["terms"]
		}
	}
	if !strings.Contains(topics, "医療機器") || !strings.Contains(strings.ToLower(topics), "medizintechnik") {
		t.Errorf("shared topics %q should pair 医療機器 with Medizintechnik", topics)
	}
	// And the other way round.
	if back := ix.Partners(2, 1, nil); len(back) == 0 || back[0].ID != 1 {
		t.Errorf("Partners(German-only) = %v, want 1", ids(back))
	}
}

// TestReciprocity: of two partners that offer what A seeks, the one that
// also wants what A offers ranks higher.
func TestReciprocity(t *testing.T) {
	a := firm{id: 1, region: company.RegionTokyo, sectors: []string{"C26"}, langs: []string{"ja", "en"},
		keywords: []string{"vibration sensors", "振動センサ"},
		offers:   []company.Cooperation{coop(company.CoopDistribution, "Distribution of sensors in Japan")},
		seeks:    []company.Cooperation{coop(company.CoopSupply, "Supplier of MEMS sensor chips")}}
	mutual := firm{id: 2, region: company.RegionNRW, sectors: []string{"C26"}, langs: []string{"de", "en"},
		keywords: []string{"MEMS", "Sensoren"},
		offers:   []company.Cooperation{coop(company.CoopSupply, "MEMS-Sensorchips")},
		seeks:    []company.Cooperation{coop(company.CoopDistribution, "Vertriebspartner in Japan")}}
	oneWay := firm{id: 3, region: company.RegionNRW, sectors: []string{"C26"}, langs: []string{"de", "en"},
		keywords: []string{"MEMS", "Sensoren"},
		offers:   []company.Cooperation{coop(company.CoopSupply, "MEMS-Sensorchips")},
		seeks:    []company.Cooperation{coop(company.CoopInvestment, "Investor")}}
	ix := index(a, mutual, oneWay)
	got := ix.Partners(1, 2, nil)
	if !slices.Equal(ids(got), []int64{2, 3}) {
		t.Fatalf("Partners = %v, want [2 3]", ids(got))
	}
	if got[1].Score > 0.6*got[0].Score {
		t.Errorf("one-way partner scores %.3f, mutual %.3f: reciprocity should separate them clearly", got[1].Score, got[0].Score)
	}
	// A firm that A wants but that wants nothing A offers (seeks something A
	// does not offer) ranks below one that states no wish at all.
	silent := oneWay
	silent.id, silent.seeks = 4, nil
	ix = index(a, oneWay, silent)
	if got := ix.Partners(1, 2, nil); !slices.Equal(ids(got), []int64{4, 3}) {
		t.Errorf("Partners = %v, want [4 3]", ids(got))
	}
}

// TestPopularityCap: a profile that offers every cooperation type, lists many
// sectors and keywords does not crowd out focused partners.
func TestPopularityCap(t *testing.T) {
	industries := []struct {
		sector, de, ja string
	}{
		{"C26", "Optik Linsen", "光学 レンズ"},
		{"C20", "Lacke Beschichtungen", "塗料 コーティング"},
		{"C10", "Backwaren Lebensmittel", "食品 製パン"},
		{"C13", "Textilien Garne", "繊維 糸"},
		{"H52", "Logistik Lager", "物流 倉庫"},
		{"C28", "Pumpen Kompressoren", "ポンプ 圧縮機"},
	}
	hub := firm{id: 1000, region: company.RegionNRW, langs: []string{"de", "en", "ja"}}
	for _, t := range company.CoopTypes {
		hub.offers = append(hub.offers, coop(t, "alles / everything"))
		hub.seeks = append(hub.seeks, coop(t, "alles / everything"))
	}
	var fs []firm
	for i, ind := range industries {
		hub.sectors = append(hub.sectors, ind.sector)
		hub.keywords = append(hub.keywords, strings.Fields(ind.de)...)
		fs = append(fs,
			firm{id: int64(i + 1), region: company.RegionTokyo, sectors: []string{ind.sector}, langs: []string{"ja"},
				keywords: strings.Fields(ind.ja),
				offers:   []company.Cooperation{coop(company.CoopDistribution, ind.ja)},
				seeks:    []company.Cooperation{coop(company.CoopSupply, ind.ja)}},
			firm{id: int64(100 + i), region: company.RegionNRW, sectors: []string{ind.sector}, langs: []string{"de"},
				keywords: strings.Fields(ind.de),
				offers:   []company.Cooperation{coop(company.CoopSupply, ind.de)},
				seeks:    []company.Cooperation{coop(company.CoopDistribution, ind.de)}})
	}
	ix := index(append(fs, hub)...)
	for i := range industries {
		got := ix.Partners(int64(i+1), 3, nil)
		if len(got) == 0 || got[0].ID != int64(100+i) {
			t.Errorf("Partners(%d) = %v, want the focused partner %d first, not the broad profile", i+1, ids(got), 100+i)
		}
	}
	if d := breadthDamping(9); d > 0.6 {
		t.Errorf("breadthDamping(9) = %.2f", d)
	}
	if d := breadthDamping(2); d != 1 {
		t.Errorf("breadthDamping(2) = %.2f, want 1", d)
	}
}

// TestExclusions: excluded pairs never appear, in either orientation.
func TestExclusions(t *testing.T) {
	a := firm{id: 1, region: company.RegionTokyo, sectors: []string{"C20"}, keywords: []string{"塗料"},
		seeks: []company.Cooperation{coop(company.CoopDistribution, "")}, offers: []company.Cooperation{coop(company.CoopSupply, "")}}
	fs := []firm{a}
	for i := 2; i <= 6; i++ {
		fs = append(fs, firm{id: int64(i), region: company.RegionNRW, sectors: []string{"C20"}, keywords: []string{"Lacke"},
			offers: []company.Cooperation{coop(company.CoopDistribution, "")}, seeks: []company.Cooperation{coop(company.CoopSupply, "")}})
	}
	ix := index(fs...)
	if got := ix.Partners(1, 10, nil); len(got) != 5 {
		t.Fatalf("Partners = %v, want 5", ids(got))
	}
	declined := map[[2]int64]bool{{1, 3}: true, {5, 1}: true}
	excluded := func(x, y int64) bool { return declined[[2]int64{x, y}] }
	got := ids(ix.Partners(1, 10, excluded))
	if slices.Contains(got, 3) || slices.Contains(got, 5) || len(got) != 3 {
		t.Errorf("Partners with exclusions = %v, want 2, 4, 6 only", got)
	}
	if got := ids(ix.Partners(3, 10, excluded)); slices.Contains(got, 1) {
		t.Errorf("the excluded pair must not appear from the other side either: %v", got)
	}
}

// TestReasons: suggestions explain themselves with structured reasons.
func TestReasons(t *testing.T) {
	a := firm{id: 1, region: company.RegionTokyo, sectors: []string{"G46"}, langs: []string{"ja", "en"}, kind: company.KindSME, staff: 55,
		keywords: []string{"光学部品", "optical components"},
		offers:   []company.Cooperation{coop(company.CoopDistribution, "Sales of European optical components in Japan")},
		seeks:    []company.Cooperation{coop(company.CoopSupply, "European makers of aspheric lenses")}}
	b := firm{id: 2, region: company.RegionNRW, sectors: []string{"C26"}, langs: []string{"de", "en"}, kind: company.KindSME, staff: 120,
		keywords: []string{"Präzisionsoptik", "Asphären"},
		offers:   []company.Cooperation{coop(company.CoopSupply, "Asphärische Linsen")},
		seeks:    []company.Cooperation{coop(company.CoopDistribution, "Vertriebspartner in Japan")}}
	c := firm{id: 3, region: company.RegionNRW, sectors: []string{"G46"}, langs: []string{"de"}, kind: company.KindStartup, staff: 50,
		keywords: []string{"Optik"},
		offers:   []company.Cooperation{coop(company.CoopTechnical, "")},
		seeks:    []company.Cooperation{coop(company.CoopTechnical, "")}}
	ix := index(a, b, c)
	got := ix.Partners(1, 2, nil)
	if len(got) == 0 || got[0].ID != 2 {
		t.Fatalf("Partners = %v", ids(got))
	}
	want := map[string]map[string]string{
		ReasonTheyOffer:   {"coop_type": "supply", "seek": "European makers of aspheric lenses", "offer": "Asphärische Linsen"},
		ReasonTheySeek:    {"coop_type": "distribution", "seek": "Vertriebspartner in Japan", "offer": "Sales of European optical components in Japan"},
		ReasonSimilarSize: {"employees": "55", "their_employees": "120"},
	}
	have := map[string]Reason{}
	for _, r := range got[0].Reasons {
		have[r.Code] = r
	}
	for code, args := range want {
		r, ok := have[code]
		if !ok {
			t.Errorf("missing reason %s in %+v", code, got[0].Reasons)
			continue
		}
		for k, v := range args {
			if r.Args[k] != v {
				t.Errorf("%s[%s] = %q, want %q", code, k, r.Args[k], v)
			}
		}
	}
	if r := have[ReasonSharedLanguage]; r.Args["business_lang"] != "en" {
		t.Errorf("shared language reason = %+v, want en", r)
	}
	if _, ok := have[ReasonSharedTopics]; !ok {
		t.Errorf("missing shared topics in %+v", got[0].Reasons)
	}
	// Same division, symmetric type with empty texts, no common language.
	tokyo := firm{id: 10, region: company.RegionTokyo, sectors: []string{"G46"}, langs: []string{"ja"}, kind: company.KindStartup, staff: 50,
		keywords: []string{"光学"}, seeks: []company.Cooperation{coop(company.CoopTechnical, "")}}
	ix = index(tokyo, c)
	got = ix.Partners(10, 1, nil)
	codes := map[string]Reason{}
	for _, r := range got[0].Reasons {
		codes[r.Code] = r
	}
	for _, code := range []string{ReasonBothSeekType, ReasonSameSector, ReasonNoSharedLanguage, ReasonBothStartups} {
		if _, ok := codes[code]; !ok {
			t.Errorf("missing %s in %+v", code, got[0].Reasons)
		}
	}
	if r := codes[ReasonSameSector]; r.Args["code"] != "G46" || r.Args["division_sector"] != "G46" {
		t.Errorf("same sector reason = %+v", r)
	}
}

// TestUpsertAndRemove: updates take effect at once, and the index stays
// consistent (postings, document frequencies) through many of them.
func TestUpsertAndRemove(t *testing.T) {
	a := firm{id: 1, region: company.RegionTokyo, sectors: []string{"C20"}, keywords: []string{"塗料"},
		offers: []company.Cooperation{coop(company.CoopSupply, "塗料")}, seeks: []company.Cooperation{coop(company.CoopDistribution, "販売代理店")}}
	b := firm{id: 2, region: company.RegionNRW, sectors: []string{"C10"}, keywords: []string{"Backwaren"},
		offers: []company.Cooperation{coop(company.CoopSupply, "Backwaren")}}
	ix := index(a, b)
	before := ix.Partners(1, 1, nil)
	b.sectors, b.keywords = []string{"G46"}, []string{"Lacke", "Großhandel"}
	b.offers = []company.Cooperation{coop(company.CoopDistribution, "Vertrieb von Lacken")}
	ix.Upsert(b.company())
	after := ix.Partners(1, 1, nil)
	if len(after) != 1 || len(before) != 1 || after[0].Score <= before[0].Score {
		t.Errorf("after the update the partner should fit better: before %v, after %v", before, after)
	}
	ix.Remove(2)
	if got := ix.Partners(1, 5, nil); len(got) != 0 {
		t.Errorf("removed company still suggested: %v", ids(got))
	}
	if ix.Len() != 1 {
		t.Errorf("Len = %d", ix.Len())
	}
	ix.Remove(99) // unknown: no-op

	// Random updates on a synthetic set, then check the internal invariants.
	cs := syntheticCompanies(600)
	ix = NewIndex(cs, nil)
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 400; i++ {
		c := cs[r.IntN(len(cs))]
		switch r.IntN(3) {
		case 0:
			ix.Remove(c.ID)
		default:
			ix.Upsert(changed(c, r))
		}
	}
	checkInvariants(t, ix)
}

func checkInvariants(t *testing.T, ix *Index) {
	t.Helper()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	conceptDF := make([]int32, len(ix.stats.conceptDF))
	tokenDF := make([]int32, len(ix.stats.tokenDF))
	postings := 0
	n := 0
	for slot, p := range ix.profiles {
		if p == nil {
			continue
		}
		n++
		if ix.byID[p.c.ID] != int32(slot) {
			t.Fatalf("byID[%d] = %d, want %d", p.c.ID, ix.byID[p.c.ID], slot)
		}
		for _, c := range p.dfConcepts {
			conceptDF[c]++
		}
		for _, tk := range p.dfTokens {
			tokenDF[tk]++
		}
		for _, e := range p.concepts {
			if c := countSlot(ix.post[p.region][e.id], int32(slot)); c != 1 {
				t.Fatalf("company %d appears %d times in the posting of %s", p.c.ID, c, lex.concepts[e.id].Key)
			}
		}
		postings += len(p.concepts) + len(p.divs)
	}
	total := 0
	for r := range ix.post {
		for _, l := range ix.post[r] {
			total += len(l)
		}
	}
	if total != postings {
		t.Errorf("%d postings, want %d", total, postings)
	}
	if n != len(ix.byID) || n != ix.stats.n {
		t.Errorf("%d profiles, %d ids, stats count %d", n, len(ix.byID), ix.stats.n)
	}
	if !slices.Equal(conceptDF, ix.stats.conceptDF) || !slices.Equal(tokenDF, ix.stats.tokenDF) {
		t.Errorf("document frequencies out of step with the profiles")
	}
}

func countSlot(l []posting, slot int32) int {
	n := 0
	for _, p := range l {
		if p.slot == slot {
			n++
		}
	}
	return n
}

// TestPrunedMatchesExhaustive: candidate pruning finds what scoring every
// company would.
func TestPrunedMatchesExhaustive(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 6,000-company index")
	}
	cs := syntheticCompanies(6000)
	ix := NewIndex(cs, nil)
	if ix.count[regionNRW] <= exhaustiveLimit || ix.count[regionTokyo] <= exhaustiveLimit {
		t.Fatalf("sides too small to exercise pruning: %v", ix.count)
	}
	r := rand.New(rand.NewPCG(11, 11))
	const queries, k = 60, 10
	overlap, top1 := 0, 0
	for q := 0; q < queries; q++ {
		id := cs[r.IntN(len(cs))].ID
		got := ids(ix.Partners(id, k, nil))
		p := ix.profileOf(id)
		type sc struct {
			id int64
			s  float64
		}
		var all []sc
		for _, o := range ix.profiles {
			if o != nil && o.region == 1-p.region {
				all = append(all, sc{o.c.ID, scorePair(p, o).score})
			}
		}
		slices.SortFunc(all, func(a, b sc) int {
			if a.s != b.s {
				if a.s > b.s {
					return -1
				}
				return 1
			}
			return int(a.id - b.id)
		})
		for i := 0; i < k; i++ {
			if slices.Contains(got, all[i].id) {
				overlap++
			}
		}
		if len(got) > 0 && got[0] == all[0].id {
			top1++
		}
	}
	if rate := float64(overlap) / (queries * k); rate < 0.9 {
		t.Errorf("pruned top-%d shares only %.0f%% with exhaustive scoring", k, 100*rate)
	}
	if rate := float64(top1) / queries; rate < 0.9 {
		t.Errorf("pruned top-1 agrees in only %.0f%% of queries", 100*rate)
	}
}

// TestConcurrentUse: queries run while profiles change (run with -race).
func TestConcurrentUse(t *testing.T) {
	cs := syntheticCompanies(400)
	ms := []municipality.Municipality{{Key: "x", Name: "X", FocusSectors: []string{"C20"}, Description: company.Texts{"de": "Chemie"}}}
	ix := NewIndex(cs, ms)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for i := 0; i < 200; i++ {
				c := cs[r.IntN(len(cs))]
				switch {
				case g == 0 && i%2 == 0:
					ix.Upsert(changed(c, r))
				case g == 0:
					ix.Remove(c.ID)
					ix.Upsert(c)
				default:
					ix.Partners(c.ID, 5, nil)
					ix.Similar(c.ID, 5, "")
					ix.Municipalities(c.ID)
				}
			}
		}(g)
	}
	wg.Wait()
	checkInvariants(t, ix)
}

func TestSimilar(t *testing.T) {
	a := firm{id: 1, region: company.RegionNRW, sectors: []string{"C20"}, keywords: []string{"Lacke", "Korrosionsschutz"}}
	b := firm{id: 2, region: company.RegionNRW, sectors: []string{"C20"}, keywords: []string{"Pulverlacke", "Beschichtungen"}}
	c := firm{id: 3, region: company.RegionTokyo, sectors: []string{"C20"}, keywords: []string{"塗料", "防錆"}}
	d := firm{id: 4, region: company.RegionNRW, sectors: []string{"I56"}, keywords: []string{"Restaurant"}}
	ix := index(a, b, c, d)
	if got := ids(ix.Similar(1, 3, "")); len(got) != 2 || slices.Contains(got, 4) {
		t.Errorf("Similar(any side) = %v, want 2 and 3", got)
	}
	if got := ids(ix.Similar(1, 3, company.RegionNRW)); !slices.Equal(got, []int64{2}) {
		t.Errorf("Similar(same side) = %v, want [2]", got)
	}
	if got := ids(ix.Similar(1, 3, company.RegionTokyo)); !slices.Equal(got, []int64{3}) {
		t.Errorf("Similar(Tokyo) = %v, want [3]", got)
	}
	if got := ix.Similar(42, 3, ""); got != nil {
		t.Errorf("Similar(unknown) = %v", got)
	}
}

func TestMunicipalities(t *testing.T) {
	ms := []municipality.Municipality{
		{Key: municipality.DeskKey, Name: "NRW.Global Business", FocusSectors: []string{"C20", "C26", "H52"}, Keywords: []string{"Chemie", "Logistik"},
			Description: company.Texts{"de": "Erste Anlaufstelle."}},
		{Key: "chem", Name: "Chemiestadt", FocusSectors: []string{"C20"}, Keywords: []string{"Chemie", "Chemiepark", "chemicals"},
			Description: company.Texts{"de": "Standort der chemischen Industrie."}},
		{Key: "log", Name: "Hafenstadt", FocusSectors: []string{"H52"}, Keywords: []string{"Logistik", "Hafen"},
			Description: company.Texts{"de": "Logistikstandort am Hafen."}},
	}
	entrant := firm{id: 1, region: company.RegionTokyo, sectors: []string{"C20"}, keywords: []string{"化学品", "ケミカルパーク"},
		seeks: []company.Cooperation{coop(company.CoopMarketEntry, "ケミカルパーク近くの拠点")}}
	other := entrant
	other.id, other.seeks = 2, nil
	local := firm{id: 3, region: company.RegionNRW, sectors: []string{"C20"}, muni: "chem"}
	cs := []company.Company{entrant.company(), other.company(), local.company()}
	ix := NewIndex(cs, ms)
	got := ix.Municipalities(1)
	if len(got) != 2 || got[0].Key != "chem" {
		t.Fatalf("Municipalities = %+v, want chem first and no desk", got)
	}
	codes := map[string]bool{}
	for _, r := range got[0].Reasons {
		codes[r.Code] = true
	}
	for _, c := range []string{ReasonMarketEntry, ReasonFocusSector, ReasonAgencyStrengths} {
		if !codes[c] {
			t.Errorf("missing reason %s in %+v", c, got[0].Reasons)
		}
	}
	if o := ix.Municipalities(2); o[0].Key != "chem" || o[0].Score >= got[0].Score {
		t.Errorf("without a market-entry wish the fit should be lower: %+v vs %+v", o[0], got[0])
	}
	if l := ix.Municipalities(3); len(l) != 1 || l[0].Key != "chem" || l[0].Reasons[0].Code != ReasonHomeMunicipality {
		t.Errorf("NRW company: %+v, want its own municipality", l)
	}
}

func TestEvaluateMetrics(t *testing.T) {
	mk := func(ref string, region company.Region, kw string, offer, seek company.CoopType) company.Company {
		return company.Company{Ref: ref, Region: region, Sectors: []string{"C20"}, Keywords: []string{kw},
			Offers: []company.Cooperation{coop(offer, kw)}, Seeks: []company.Cooperation{coop(seek, kw)}}
	}
	cs := []company.Company{
		mk("t1", company.RegionTokyo, "塗料", company.CoopSupply, company.CoopDistribution),
		mk("n1", company.RegionNRW, "Lacke", company.CoopDistribution, company.CoopSupply),
		mk("n2", company.RegionNRW, "Backwaren", company.CoopLicensing, company.CoopInvestment),
	}
	m := Evaluate(cs, nil, []Judgement{
		{Company: "t1", Partners: []string{"n1"}},
		{Company: "t1", Partners: []string{"n2"}},
		{Company: "nobody", Partners: []string{"n1"}},
		{Company: "t1"}, // lists nothing: not counted
	})
	if m.PartnerJudgements != 3 || m.Results[0].PartnerRank != 1 || m.Results[1].PartnerRank != 2 || !m.Results[2].Unknown {
		t.Fatalf("results = %+v", m.Results)
	}
	if want := 2.0 / 3; m.Recall5 != want {
		t.Errorf("recall@5 = %v, want %v", m.Recall5, want)
	}
	if want := (1 + 0.5) / 3; m.MRR != want {
		t.Errorf("MRR = %v, want %v", m.MRR, want)
	}
}

// TestReasonMessages renders every reason the dev set produces against the
// catalogs: each code has a message in every language, placeholders and args
// agree, and args named by the renderer's conventions hold valid codes.
func TestReasonMessages(t *testing.T) {
	cats := loadCatalogs(t)
	for _, code := range ReasonCodes {
		for lang, cat := range cats {
			if _, ok := cat["reason."+code]; !ok {
				t.Errorf("%s: missing reason.%s", lang, code)
			}
		}
	}
	for lang, cat := range cats {
		if len(cat) != len(ReasonCodes) {
			t.Errorf("matching.%s.json has %d keys, want %d", lang, len(cat), len(ReasonCodes))
		}
	}
	ds := loadDevSet(t, "../../testdata/dev-set.json")
	ix := NewIndex(ds.Companies, ds.Municipalities)
	seen := map[string]bool{}
	check := func(r Reason) {
		seen[r.Code] = true
		for lang, cat := range cats {
			msg := cat["reason."+r.Code]
			for _, ph := range placeholders(msg) {
				if _, ok := r.Args[ph]; !ok {
					t.Errorf("%s reason.%s: placeholder {%s} has no arg in %+v", lang, r.Code, ph, r)
				}
			}
			for k := range r.Args {
				if !slices.Contains(placeholders(msg), k) {
					t.Errorf("%s reason.%s: arg %s not used by %q", lang, r.Code, k, msg)
				}
			}
		}
		for k, v := range r.Args {
			switch {
			case strings.HasSuffix(k, "_type"):
				if !company.CoopType(v).Valid() {
					t.Errorf("%s: %s = %q is not a cooperation type", r.Code, k, v)
				}
			case strings.HasSuffix(k, "_sector"):
				if _, ok := divIndex[v]; !ok {
					t.Errorf("%s: %s = %q is not a NACE division", r.Code, k, v)
				}
			case strings.HasSuffix(k, "_lang"):
				if !slices.Contains(company.Languages, v) {
					t.Errorf("%s: %s = %q is not a language", r.Code, k, v)
				}
			}
		}
	}
	for _, c := range ds.Companies {
		for _, s := range ix.Partners(c.ID, 10, nil) {
			if len(s.Reasons) == 0 {
				t.Errorf("suggestion %s for %s has no reasons", s.Ref, c.Ref)
			}
			for _, r := range s.Reasons {
				check(r)
			}
		}
		for _, s := range ix.Similar(c.ID, 5, "") {
			for _, r := range s.Reasons {
				check(r)
			}
		}
		for _, m := range ix.Municipalities(c.ID) {
			for _, r := range m.Reasons {
				check(r)
			}
		}
	}
	for _, code := range []string{ReasonTheyOffer, ReasonTheySeek, ReasonBothSeek, ReasonSameSector, ReasonSharedTopics,
		ReasonSharedLanguage, ReasonFocusSector, ReasonMarketEntry, ReasonHomeMunicipality} {
		if !seen[code] {
			t.Errorf("the dev set never produced reason %s", code)
		}
	}
}
