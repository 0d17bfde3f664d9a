package matching

import (
	"cmp"
	"slices"
)

// Suggestion is a suggested company with its score and the reasons for it.
type Suggestion struct {
	ID      int64
	Ref     string
	Name    string
	Score   float64 // higher is better; comparable within one list only
	Reasons []Reason
}

// Candidate pruning. Scoring every company on the other side would not meet
// the latency budget at 100,000 companies, so a query first accumulates the
// concept and sector part of the topic score over the inverted index (rarest
// features first, until enough candidates are found), bounds each candidate's
// score by its cooperation types, and scores only the best of them fully.
// Small sides are scored exhaustively.
const (
	exhaustiveLimit = 2000 // sides up to this size are scored completely
	maxTouched      = 6000 // stop opening new features after this many candidates
	rescoreMin      = 200  // candidates scored fully, at least
	rescorePerK     = 20   // … and per requested suggestion
)

// Partners returns up to k suggested partners on the other side for the
// company with the given ID, best first. excluded, when not nil, is called as
// excluded(id, candidate) and excluded(candidate, id); a pair excluded either
// way (marked unsuitable, introduction declined) is never suggested.
func (ix *Index) Partners(id int64, k int, excluded func(a, b int64) bool) []Suggestion {
	if k <= 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.profileOf(id)
	if p == nil || p.region < 0 {
		return nil
	}
	other := 1 - p.region
	skip := func(q *profile) bool {
		return q == nil || q.region != other || q == p ||
			(excluded != nil && (excluded(p.c.ID, q.c.ID) || excluded(q.c.ID, p.c.ID)))
	}
	var cands []*profile
	if ix.count[other] <= exhaustiveLimit {
		for _, q := range ix.profiles {
			if !skip(q) {
				cands = append(cands, q)
			}
		}
	} else {
		cands = ix.pruned(p, other, max(rescoreMin, rescorePerK*k), skip)
	}
	type scored struct {
		q *profile
		r pairResult
	}
	all := make([]scored, 0, len(cands))
	for _, q := range cands {
		all = append(all, scored{q, scorePair(p, q)})
	}
	slices.SortFunc(all, func(x, y scored) int {
		if c := cmp.Compare(y.r.score, x.r.score); c != 0 {
			return c
		}
		return cmp.Compare(x.q.c.ID, y.q.c.ID)
	})
	out := make([]Suggestion, 0, min(k, len(all)))
	for _, s := range all[:min(k, len(all))] {
		out = append(out, Suggestion{
			ID: s.q.c.ID, Ref: s.q.c.Ref, Name: s.q.c.Name, Score: s.r.score,
			Reasons: partnerReasons(p, s.q, s.r),
		})
	}
	return out
}

// pruned returns the n most promising partners of p on side other.
func (ix *Index) pruned(p *profile, other int, n int, skip func(*profile) bool) []*profile {
	s := ix.getScratch()
	defer ix.putScratch(s)
	ix.accumulate(s, p, other)
	top := newTopN(n)
	visit := func(slot int32) {
		q := ix.profiles[slot]
		if skip(q) {
			return
		}
		top.offer(q, approxScore(p, q, float64(s.acc[slot])))
	}
	if len(s.touched) >= n {
		for _, slot := range s.touched {
			visit(slot)
		}
	} else {
		// Too few topical candidates: fill up with the best cooperation fits.
		for slot, q := range ix.profiles {
			if q != nil && q.region == other {
				visit(int32(slot))
			}
		}
	}
	return top.items()
}

// accumulate adds, for every company of side other sharing a feature with p,
// the feature's contribution to the topic score (concept cosine and division
// overlap) into s.acc. Features are taken rarest first; once maxTouched
// candidates are found no further features are opened, so a query costs at
// most a few long posting lists.
func (ix *Index) accumulate(s *scratchSpace, p *profile, other int) {
	type feature struct {
		list []posting
		qw   float32
	}
	post := ix.post[other]
	feats := make([]feature, 0, len(p.concepts)+len(p.divs))
	for _, e := range p.concepts {
		if l := post[e.id]; len(l) > 0 {
			feats = append(feats, feature{l, e.w})
		}
	}
	if len(p.divs) > 0 {
		qw := divPostingWeight(len(p.divs)) / wSector
		for _, d := range p.divs {
			if l := post[divFeature(d)]; len(l) > 0 {
				feats = append(feats, feature{l, qw})
			}
		}
	}
	slices.SortFunc(feats, func(a, b feature) int { return cmp.Compare(len(a.list), len(b.list)) })
	for _, f := range feats {
		if len(s.touched) >= maxTouched {
			break
		}
		for _, e := range f.list {
			if s.acc[e.slot] == 0 {
				s.touched = append(s.touched, e.slot)
			}
			s.acc[e.slot] += f.qw * e.w
		}
	}
}

// topN keeps the n best profiles by score (a min-heap on score).
type topN struct {
	n     int
	score []float64
	prof  []*profile
}

func newTopN(n int) *topN { return &topN{n: n} }

func (t *topN) less(i, j int) bool {
	if t.score[i] != t.score[j] {
		return t.score[i] < t.score[j]
	}
	return t.prof[i].c.ID > t.prof[j].c.ID
}

func (t *topN) swap(i, j int) {
	t.score[i], t.score[j] = t.score[j], t.score[i]
	t.prof[i], t.prof[j] = t.prof[j], t.prof[i]
}

func (t *topN) offer(p *profile, score float64) {
	if len(t.prof) < t.n {
		t.score = append(t.score, score)
		t.prof = append(t.prof, p)
		for i := len(t.prof) - 1; i > 0; {
			parent := (i - 1) / 2
			if !t.less(i, parent) {
				break
			}
			t.swap(i, parent)
			i = parent
		}
		return
	}
	if score < t.score[0] || (score == t.score[0] && p.c.ID > t.prof[0].c.ID) {
		return
	}
	t.score[0], t.prof[0] = score, p
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(t.prof) && t.less(l, m) {
			m = l
		}
		if r < len(t.prof) && t.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		t.swap(i, m)
		i = m
	}
}

func (t *topN) items() []*profile { return t.prof }
