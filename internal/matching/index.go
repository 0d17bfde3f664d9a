package matching

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// Index holds the matcher's view of every company and municipality. It is
// safe for concurrent use: queries share a read lock, Upsert and Remove take
// the write lock.
type Index struct {
	mu        sync.RWMutex
	stats     *corpusStats
	profiles  []*profile // by slot; nil when free
	free      []int32
	byID      map[int64]int32
	post      [2][][]posting // region → feature → companies having it
	count     [2]int         // companies per region
	munis     []*muniProfile
	muniByKey map[string]*muniProfile
	scratch   sync.Pool
}

// posting is one company in a feature's list, with the weight its feature
// contributes to the topic score (already multiplied by wConcept or wSector).
type posting struct {
	slot int32
	w    float32
}

// Features of the inverted index: every dictionary concept, then every NACE
// division.
func nFeatures() int                 { return len(lex.concepts) + len(divCodes) }
func divFeature(d int16) int         { return len(lex.concepts) + int(d) }
func divPostingWeight(n int) float32 { return float32(wSector / math.Sqrt(float64(n))) }

// NewIndex builds an index over companies and municipalities. Company IDs must
// be unique; a repeated ID keeps the last company. The first-contact desk
// (municipality.DeskKey) is kept out of the municipality ranking.
func NewIndex(cs []company.Company, ms []municipality.Municipality) *Index {
	return newIndex(cs, ms, runtime.GOMAXPROCS(0))
}

// newIndex is NewIndex with the per-company work spread over the given number
// of workers. The index does not depend on it: workers only analyse and
// weight companies; what they share (token ids, document frequencies,
// postings) is combined in a fixed order.
func newIndex(cs []company.Company, ms []municipality.Municipality, workers int) *Index {
	keep := lastOfEachID(cs)
	ix := &Index{stats: newCorpusStats(), byID: make(map[int64]int32, len(keep))}
	workers = max(1, min(workers, len(keep)))

	// Analyse and count every company first (the weights need the document
	// frequencies of all), then weight. Each worker interns tokens and counts
	// documents in a dictionary of its own, so analysis takes no lock.
	dicts := make([]*tokenDict, workers)
	for w := range dicts {
		dicts[w] = newTokenDict()
		dicts[w].texts = textCache{}
	}
	compacts := make([]*compactCompany, len(keep))
	parallel(len(keep), workers, func(w, i int) {
		dicts[w].doc = int32(i)
		compacts[i] = dicts[w].compact(analyzeCompany(&cs[keep[i]], dicts[w]))
	})
	ix.stats.merge(dicts...)
	profiles := make([]*profile, len(keep))
	parallel(len(keep), workers, func(_, i int) {
		cc := compacts[i]
		cc.globalize()
		profiles[i] = buildProfile(&cs[keep[i]], cc, ix.stats)
		compacts[i] = nil // let the analysis go as soon as it is weighted
	})

	// Slots follow the input order, so postings are appended in slot order
	// whatever the number of workers.
	ix.profiles = profiles
	ix.presizePostings()
	for slot, p := range profiles {
		ix.place(p, int32(slot))
	}

	ix.muniByKey = make(map[string]*muniProfile, len(ms))
	for i := range ms {
		m := ms[i]
		mp := buildMuniProfile(&m, ix.stats)
		if old, ok := ix.muniByKey[m.Key]; ok {
			*old = *mp
			continue
		}
		ix.muniByKey[m.Key] = mp
		ix.munis = append(ix.munis, mp)
	}
	return ix
}

// lastOfEachID returns the indexes of cs to index, in input order: the last
// company of each ID.
func lastOfEachID(cs []company.Company) []int {
	last := make(map[int64]int, len(cs))
	for i := range cs {
		last[cs[i].ID] = i
	}
	keep := make([]int, 0, len(last))
	for i := range cs {
		if last[cs[i].ID] == i {
			keep = append(keep, i)
		}
	}
	return keep
}

// presizePostings gives every posting list of ix.profiles its final
// capacity: counting first is cheaper than regrowing a million appends, and
// leaves no slack in the lists.
func (ix *Index) presizePostings() {
	var n [2][]int32
	for r := range n {
		n[r] = make([]int32, nFeatures())
	}
	for _, p := range ix.profiles {
		if p.region < 0 {
			continue
		}
		for _, e := range p.concepts {
			n[p.region][e.id]++
		}
		for _, d := range p.divs {
			n[p.region][divFeature(d)]++
		}
	}
	for r := range n {
		ix.post[r] = make([][]posting, len(n[r]))
		for f, k := range n[r] {
			if k > 0 {
				ix.post[r][f] = make([]posting, 0, k)
			}
		}
	}
}

// parallel calls f(w, i) for every i in [0, n) on the given number of
// goroutines; w (below workers) says which goroutine runs the call, for state
// of its own. Items are handed out in small chunks, so a slow stretch of
// input does not leave the other workers idle.
func parallel(n, workers int, f func(w, i int)) {
	if workers <= 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	const chunk = 64
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					f(w, i)
				}
			}
		})
	}
	wg.Wait()
}

// Upsert adds a company or replaces the one with the same ID after a profile
// change. Nothing else has to be recomputed: suggestions are scored at query
// time, so other companies' lists reflect the change at once.
func (ix *Index) Upsert(c company.Company) {
	// Analysis takes no lock: its tokens go to a dictionary of its own.
	d := newTokenDict()
	cc := d.compact(analyzeCompany(&c, d))
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot := int32(-1)
	if old, ok := ix.byID[c.ID]; ok {
		ix.drop(old)
		slot = old
	}
	ix.stats.merge(d)
	cc.globalize()
	p := buildProfile(&c, cc, ix.stats)
	if slot >= 0 {
		ix.place(p, slot)
		return
	}
	ix.insert(p)
}

// Remove deletes a company; unknown IDs are ignored.
func (ix *Index) Remove(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.byID[id]
	if !ok {
		return
	}
	ix.drop(slot)
	delete(ix.byID, id)
	ix.free = append(ix.free, slot)
}

// Len returns the number of companies in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

func (ix *Index) insert(p *profile) {
	var slot int32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
	} else {
		slot = int32(len(ix.profiles))
		ix.profiles = append(ix.profiles, nil)
	}
	ix.place(p, slot)
}

// place puts p into a free slot and its postings into the inverted index.
func (ix *Index) place(p *profile, slot int32) {
	p.slot = slot
	ix.profiles[slot] = p
	ix.byID[p.c.ID] = slot
	if p.region < 0 {
		return
	}
	ix.count[p.region]++
	post := ix.post[p.region]
	for _, e := range p.concepts {
		post[e.id] = append(post[e.id], posting{slot, e.w * wConcept})
	}
	dw := divPostingWeight(len(p.divs))
	for _, d := range p.divs {
		f := divFeature(d)
		post[f] = append(post[f], posting{slot, dw})
	}
}

// drop takes the profile in slot out of the postings and the statistics; the
// slot stays reserved for the caller.
func (ix *Index) drop(slot int32) {
	p := ix.profiles[slot]
	ix.profiles[slot] = nil
	ix.stats.uncount(p)
	if p.region < 0 {
		return
	}
	ix.count[p.region]--
	post := ix.post[p.region]
	for _, e := range p.concepts {
		post[e.id] = removePosting(post[e.id], slot)
	}
	for _, d := range p.divs {
		f := divFeature(d)
		post[f] = removePosting(post[f], slot)
	}
}

func removePosting(list []posting, slot int32) []posting {
	for i := range list {
		if list[i].slot == slot {
			last := len(list) - 1
			list[i] = list[last]
			return list[:last]
		}
	}
	return list
}

// profileOf returns the profile for a company ID; the caller holds the lock.
func (ix *Index) profileOf(id int64) *profile {
	slot, ok := ix.byID[id]
	if !ok {
		return nil
	}
	return ix.profiles[slot]
}

// scratchSpace is per-query working memory for candidate generation.
type scratchSpace struct {
	acc     []float32
	touched []int32
}

func (ix *Index) getScratch() *scratchSpace {
	s, _ := ix.scratch.Get().(*scratchSpace)
	if s == nil {
		s = &scratchSpace{}
	}
	if len(s.acc) < len(ix.profiles) {
		s.acc = make([]float32, len(ix.profiles)+len(ix.profiles)/4)
	}
	s.touched = s.touched[:0]
	return s
}

func (ix *Index) putScratch(s *scratchSpace) {
	for _, t := range s.touched {
		s.acc[t] = 0
	}
	s.touched = s.touched[:0]
	ix.scratch.Put(s)
}
