package search

import (
	"cmp"
	"math"
	"slices"
)

// hit is a document matching every query term, with its score.
type hit struct {
	slot  uint32
	score float32
}

// termSpan is one query term's expansions, s.exps[from:to], and the number
// of postings they hold.
type termSpan struct {
	from, to int
	postings int
}

// matchText returns the slots in base that match every term, scored.
//
// Terms are processed rarest first. The first term's postings give the
// candidates; every further term only marks candidates that matched all
// terms before it, in a per-slot bit mask, so the work is the sum of the
// terms' posting lists and no list is sorted or merged.
func (ix *Index) matchText(terms []Term, base bitset, s *scratch) []hit {
	s.exps, s.spans = s.exps[:0], s.spans[:0]
	for _, t := range terms {
		from := len(s.exps)
		s.exps = ix.vocab.expand(t, s.exps)
		if len(s.exps) == from {
			return nil // a term matching nothing: nothing matches all terms
		}
		n := 0
		for _, e := range s.exps[from:] {
			n += len(ix.vocab.post[e.tid])
		}
		s.spans = append(s.spans, termSpan{from, len(s.exps), n})
	}
	slices.SortStableFunc(s.spans, func(a, b termSpan) int { return cmp.Compare(a.postings, b.postings) })

	sc := ix.newScorer()
	post := ix.vocab.post
	s.cand, s.cur = s.cand[:0], s.cur[:0]
	for i, span := range s.spans {
		bit := uint32(1) << i
		prev := bit - 1
		for _, e := range s.exps[span.from:span.to] {
			for _, p := range post[e.tid] {
				if i == 0 {
					if !base.has(p.slot) {
						continue
					}
					if s.mask[p.slot] == 0 {
						s.cand = append(s.cand, p.slot)
					}
				} else if s.mask[p.slot]&prev != prev {
					continue
				}
				s.mask[p.slot] |= bit
				s.acc[p.slot] += e.factor * sc.tf(p.slot, p.tf)
			}
		}
		// A term reached through several words (Pumpen: pumpen, oelpumpen, …)
		// gets the idf of their combined document count, capped at N.
		idf := sc.idf(span.postings)
		if i == 0 {
			s.cur = append(s.cur, s.cand...)
		}
		kept := s.cur[:0]
		for _, slot := range s.cur {
			if s.mask[slot]&bit == 0 {
				continue
			}
			a := s.acc[slot]
			s.score[slot] += idf * a * (bm25K1 + 1) / (a + bm25K1)
			s.acc[slot] = 0
			kept = append(kept, slot)
		}
		s.cur = kept
		if len(s.cur) == 0 {
			break
		}
	}

	hits := s.hits[:0]
	for _, slot := range s.cur {
		hits = append(hits, hit{slot, s.score[slot]})
	}
	for _, slot := range s.cand {
		s.mask[slot], s.score[slot] = 0, 0
	}
	s.hits = hits
	return hits
}

// scorer computes BM25F term weights with the current average field lengths.
type scorer struct {
	lens [][numFields]uint16
	n    float64
	// A field's length normalization is a + b·length.
	a, b [numFields]float32
}

func (ix *Index) newScorer() scorer {
	sc := scorer{lens: ix.lens, n: float64(ix.count)}
	for f := range numFields {
		avg := float32(1)
		if ix.count > 0 && ix.sums[f] > 0 {
			avg = float32(ix.sums[f]) / float32(ix.count)
		}
		sc.a[f] = 1 - fieldB[f]
		sc.b[f] = fieldB[f] / avg
	}
	return sc
}

// tf returns the weighted, length-normalized frequency of a posting.
func (sc *scorer) tf(slot, packed uint32) float32 {
	l := &sc.lens[slot]
	var s float32
	for f := range numFields {
		if n := packed >> tfShift[f] & tfMask[f]; n != 0 {
			s += fieldWeight[f] * float32(n) / (sc.a[f] + sc.b[f]*float32(l[f]))
		}
	}
	return s
}

func (sc *scorer) idf(df int) float32 {
	d := min(float64(df), sc.n)
	return float32(math.Log(1 + (sc.n-d+0.5)/(d+0.5)))
}

// rank returns the keys of the first k hits, best first: by score, then
// name order. A key packs the inverted score above the slot's position in
// ix.order, so ranking is sorting integers; ix.order[uint32(key)] is the slot.
func (ix *Index) rank(hits []hit, k int, s *scratch) []uint64 {
	ranks := ix.nameRanks()
	keys := s.keys[:0]
	for _, h := range hits {
		// Scores are positive, where float bits order like the floats.
		keys = append(keys, uint64(^math.Float32bits(h.score))<<32|uint64(ranks[h.slot]))
	}
	s.keys = keys
	if k < len(keys) {
		nth(keys, k)
		keys = keys[:k]
	}
	slices.Sort(keys)
	return keys
}

// nth reorders a so that a[:k] holds its k smallest elements, which must be
// distinct (quickselect with a pseudo-random pivot).
func nth(a []uint64, k int) {
	lo, hi := 0, len(a)-1
	seed := uint64(len(a))
	for lo < hi {
		seed = seed*6364136223846793005 + 1442695040888963407
		p := lo + int((seed>>33)%uint64(hi-lo+1))
		pivot := a[p]
		a[p], a[hi] = a[hi], a[p]
		at := lo
		for i := lo; i < hi; i++ {
			if a[i] < pivot {
				a[i], a[at] = a[at], a[i]
				at++
			}
		}
		a[at], a[hi] = a[hi], a[at]
		switch {
		case at == k:
			return
		case at < k:
			lo = at + 1
		default:
			hi = at - 1
		}
	}
}

// nameRanks returns every live slot's position in ix.order. It is rebuilt
// by the first search after the order changed: keeping it current on every
// Put would shift up to all positions. The caller holds the read lock, so
// no writer changes the order meanwhile.
func (ix *Index) nameRanks() []uint32 {
	ix.rankMu.Lock()
	defer ix.rankMu.Unlock()
	if ix.ranksValid {
		return ix.ranks
	}
	if cap(ix.ranks) < len(ix.docs) {
		ix.ranks = make([]uint32, len(ix.docs), len(ix.docs)+len(ix.docs)/8)
	}
	ix.ranks = ix.ranks[:len(ix.docs)]
	for i, slot := range ix.order {
		ix.ranks[slot] = uint32(i)
	}
	ix.ranksValid = true
	return ix.ranks
}
