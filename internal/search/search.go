package search

import (
	"strings"

	"kakehashi/internal/company"
)

// Search returns one page of the documents matching q. Without text the
// matches are listed by name; with text they are ranked by relevance.
func (ix *Index) Search(q Query) Result {
	terms := ParseTerms(q.Q)
	page, per := paging(q)
	res := Result{Page: page, PerPage: per}
	if q.Facets {
		res.Regions, res.Sectors = map[company.Region]int{}, map[string]int{}
	}

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := ix.getScratch()
	defer ix.scratch.Put(s)

	f := ix.filters(q, s)
	if len(terms) == 0 {
		all := ix.facets(f.base, &f, s, &res)
		res.Total = all.count()
		ix.listByName(all, start(page, per, res.Total), per, &res)
	} else {
		hits := ix.matchText(terms, f.base, s)
		s.m = grow(s.m, len(ix.live))
		clear(s.m)
		for _, h := range hits {
			s.m.set(h.slot)
		}
		all := ix.facets(s.m, &f, s, &res)
		kept := hits[:0]
		for _, h := range hits {
			if all.has(h.slot) {
				kept = append(kept, h)
			}
		}
		res.Total = len(kept)
		if from := start(page, per, res.Total); from < res.Total {
			for _, key := range ix.rank(kept, min(from+per, res.Total), s)[from:] {
				res.IDs = append(res.IDs, ix.docs[ix.order[uint32(key)]].id)
			}
		}
		s.hits = hits[:0]
	}
	res.Pages = (res.Total + per - 1) / per
	return res
}

// start returns the index of the page's first hit, or total when the page
// lies past the end (also for pages so large that the product overflows).
func start(page, per, total int) int {
	if page-1 > total/per {
		return total
	}
	return min((page-1)*per, total)
}

// scratch holds per-search buffers, pooled. The per-slot arrays are all zero
// between searches.
type scratch struct {
	mask                 []uint32  // bit i: term i matched the slot
	acc                  []float32 // weighted term frequency of the current term
	score                []float32
	cand                 []uint32 // slots matching the first term
	cur                  []uint32 // slots matching all terms so far
	exps                 []expansion
	spans                []termSpan
	hits                 []hit
	keys                 []uint64
	base, bs, br, all, m bitset
}

func (ix *Index) getScratch() *scratch {
	s, _ := ix.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if n := len(ix.docs); len(s.mask) < n {
		n += n / 8
		s.mask, s.acc, s.score = make([]uint32, n), make([]float32, n), make([]float32, n)
	}
	return s
}

// filterSet holds the query's filters. Region and sector are kept apart from
// the others for the facets.
type filterSet struct {
	base                 bitset // all other filters ANDed; the live slots when there are none
	region, sector       bitset
	hasRegion, hasSector bool
}

func (ix *Index) filters(q Query, s *scratch) filterSet {
	look := func(prefix, v string) (bitset, bool) {
		if v = strings.TrimSpace(v); v == "" {
			return nil, false
		}
		if prefix == attrSector {
			v = strings.ToUpper(v)
			if len(v) == 1 {
				prefix = attrSection
			}
		} else {
			v = strings.ToLower(v)
		}
		if id, ok := ix.attrIDs[prefix+v]; ok {
			return ix.attrBits[id], true
		}
		return nil, true // unknown value: an empty set
	}
	var f filterSet
	f.region, f.hasRegion = look(attrRegion, q.Region)
	f.sector, f.hasSector = look(attrSector, q.Sector)
	var base []bitset
	for _, p := range [...]struct{ prefix, v string }{
		{attrOffers, q.Offers}, {attrSeeks, q.Seeks}, {attrLang, q.Lang},
		{attrMuni, q.Municipality}, {attrKind, q.Kind}, {attrSize, q.Size},
	} {
		if b, ok := look(p.prefix, p.v); ok {
			base = append(base, b)
		}
	}
	switch len(base) {
	case 0:
		f.base = ix.live
	case 1:
		f.base = base[0]
	default:
		s.base = and(s.base, base[0], base[1])
		for _, b := range base[2:] {
			s.base = and(s.base, s.base, b)
		}
		f.base = s.base
	}
	return f
}

// facets fills res.Regions and res.Sectors (when asked for) from b, the slots matching
// everything but the region and sector filters, and returns the slots that
// match those too.
func (ix *Index) facets(b bitset, f *filterSet, s *scratch, res *Result) bitset {
	bs, br := b, b
	if f.hasSector {
		s.bs = and(s.bs, b, f.sector)
		bs = s.bs
	}
	if f.hasRegion {
		s.br = and(s.br, b, f.region)
		br = s.br
	}
	if res.Regions != nil { // facets asked for
		for _, id := range ix.regions {
			if n := andCount(bs, ix.attrBits[id]); n > 0 {
				res.Regions[company.Region(ix.attrNames[id][len(attrRegion):])] = n
			}
		}
		for _, id := range ix.sectors {
			if n := andCount(br, ix.attrBits[id]); n > 0 {
				res.Sectors[ix.attrNames[id][len(attrSector):]] = n
			}
		}
	}
	if !f.hasRegion {
		return bs
	}
	s.all = and(s.all, bs, f.region)
	return s.all
}

// listByName appends to res.IDs the ids of the per slots of all, in name
// order, that follow the first from.
func (ix *Index) listByName(all bitset, from, per int, res *Result) {
	if from >= res.Total {
		return
	}
	n := 0
	for _, slot := range ix.order {
		if !all.has(slot) {
			continue
		}
		if n >= from {
			res.IDs = append(res.IDs, ix.docs[slot].id)
			if len(res.IDs) == per {
				return
			}
		}
		n++
	}
}
