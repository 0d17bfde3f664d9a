package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kakehashi/internal/company"
	"kakehashi/internal/textproc"
)

// TestAgainstNaive applies random puts, replacements and deletes, then
// compares every query's hits, order without text, totals and facets with a
// scan over the documents.
func TestAgainstNaive(t *testing.T) {
	g := newGen(11)
	r := rand.New(rand.NewPCG(3, 4))
	ix := New()
	live := map[int64]Doc{}
	for range 1500 {
		id := int64(r.IntN(500))
		switch r.IntN(5) {
		case 0:
			ix.Delete(id)
			delete(live, id)
		default:
			d := g.doc(id)
			ix.Put(d)
			live[id] = d
		}
	}
	if ix.Len() != len(live) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(live))
	}
	queries := []Query{
		{}, {Region: "nrw"}, {Sector: "C"}, {Sector: "C26", Region: "tokyo"}, {Offers: "supply", Lang: "de"},
		{Seeks: "market_entry", Kind: "startup"}, {Municipality: "essen", Size: "small"},
		{Q: "pumpen"}, {Q: "Medizintechnik"}, {Q: "medizin technik"}, {Q: "Müller"}, {Q: "ung"},
		{Q: "光"}, {Q: "光学"}, {Q: "精密加工"}, {Q: "の"}, {Q: "sensor", Region: "tokyo"},
		{Q: "the and", Sector: "J"}, {Q: `"pumpen"`}, {Q: "co ltd"}, {Q: "kaki"}, {Q: "Düsseldorf", Offers: "services"},
	}
	toks := map[int64][]string{}
	for id, d := range live {
		toks[id] = docTokens(d)
	}
	for _, q := range queries {
		var want []Doc
		for _, d := range live {
			if naiveFilter(d, q) && naiveText(toks[d.ID], ParseTerms(q.Q)) {
				want = append(want, d)
			}
		}
		q.PerPage, q.Facets = MaxPerPage, true
		var got []int64
		var res Result
		for q.Page = 1; ; q.Page++ {
			res = ix.Search(q)
			got = append(got, res.IDs...)
			if len(res.IDs) < MaxPerPage {
				break
			}
		}
		if res.Total != len(want) || len(got) != len(want) {
			t.Errorf("%+v: total %d, %d ids, want %d", q, res.Total, len(got), len(want))
			continue
		}
		if q.Q == "" {
			slices.SortFunc(want, func(a, b Doc) int {
				return cmp.Or(strings.Compare(textproc.Fold(strings.TrimSpace(a.Name)), textproc.Fold(strings.TrimSpace(b.Name))), cmp.Compare(a.ID, b.ID))
			})
			for i, d := range want {
				if got[i] != d.ID {
					t.Errorf("%+v: position %d is %d, want %d", q, i, got[i], d.ID)
					break
				}
			}
		} else {
			wantIDs := make([]int64, len(want))
			for i, d := range want {
				wantIDs[i] = d.ID
			}
			if !slices.Equal(sorted(got), sorted(wantIDs)) {
				t.Errorf("%+v: ids differ", q)
			}
		}
		noRegion, noSector := q, q
		noRegion.Region, noSector.Sector = "", ""
		regions, sectors := map[company.Region]int{}, map[string]int{}
		for _, d := range live {
			text := naiveText(toks[d.ID], ParseTerms(q.Q))
			if text && naiveFilter(d, noRegion) {
				regions[d.Region]++
			}
			if text && naiveFilter(d, noSector) {
				for _, s := range uniq(d.Sectors) {
					sectors[s]++
				}
			}
		}
		if !mapsEqual(res.Regions, regions) || !mapsEqual(res.Sectors, sectors) {
			t.Errorf("%+v: facets %v %v, want %v %v", q, res.Regions, res.Sectors, regions, sectors)
		}
	}
}

func uniq(s []string) []string { return slices.Compact(slices.Sorted(slices.Values(s))) }

func naiveFilter(d Doc, q Query) bool {
	has := func(list []string, v string) bool { return v == "" || slices.Contains(list, v) }
	coops := func(list []company.CoopType) []string {
		var s []string
		for _, c := range list {
			s = append(s, string(c))
		}
		return s
	}
	var sections []string
	for _, s := range d.Sectors {
		sections = append(sections, s[:1])
	}
	sectorOK := q.Sector == "" || slices.Contains(d.Sectors, q.Sector) ||
		len(q.Sector) == 1 && slices.Contains(sections, q.Sector)
	return has([]string{string(d.Region)}, q.Region) && sectorOK &&
		has(coops(d.Offers), q.Offers) && has(coops(d.Seeks), q.Seeks) && has(d.Languages, q.Lang) &&
		has([]string{d.Municipality}, q.Municipality) && has([]string{string(d.Kind)}, q.Kind) &&
		has([]string{string(company.Band(d.Employees))}, q.Size)
}

func docTokens(d Doc) []string {
	texts := append([]string{d.Name, d.City}, d.Keywords...)
	texts = append(append(texts, d.CoopTexts...), d.Texts...)
	var toks []string
	for _, s := range texts {
		toks = append(toks, textproc.Tokens(s)...)
	}
	return uniq(toks)
}

func naiveText(toks []string, terms []Term) bool {
	for _, term := range terms {
		r, size := utf8.DecodeRuneInString(term.Token)
		cjk := textproc.IsCJK(r)
		if !slices.ContainsFunc(toks, func(tok string) bool {
			switch {
			case cjk && size == len(term.Token):
				return strings.ContainsRune(tok, r)
			case cjk || term.Exact || utf8.RuneCountInString(term.Token) < minInfixLen:
				return tok == term.Token
			}
			return strings.Contains(tok, term.Token)
		}) {
			return false
		}
	}
	return true
}
