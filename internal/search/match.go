package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
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

// rank orders hits best first and returns the first k of them: by score,
// then folded name, then id. Only the first k are sorted.
func (ix *Index) rank(hits []hit, k int) []hit {
	better := func(a, b hit) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		da, db := &ix.docs[a.slot], &ix.docs[b.slot]
		if c := strings.Compare(da.key, db.key); c != 0 {
			return c
		}
		return cmp.Compare(da.id, db.id)
	}
	if k >= len(hits)/4 {
		slices.SortFunc(hits, better)
		return hits[:k]
	}
	// Keep the best k in hits[:k] as a heap whose root is the worst of them.
	h := hits[:k]
	down := func(i int) {
		for {
			w := i
			if l := 2*i + 1; l < k && better(h[l], h[w]) > 0 {
				w = l
			}
			if r := 2*i + 2; r < k && better(h[r], h[w]) > 0 {
				w = r
			}
			if w == i {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, x := range hits[k:] {
		if better(x, h[0]) < 0 {
			h[0] = x
			down(0)
		}
	}
	slices.SortFunc(h, better)
	return h
}
