package matching

import (
	"cmp"
	"slices"

	"kakehashi/internal/company"
)

// Similar returns up to k companies most similar in subject to the company
// with the given ID — sectors, keywords and texts, not cooperation fit — for
// "similar companies" on public profiles. side restricts the result to one
// region; "" means both.
func (ix *Index) Similar(id int64, k int, side company.Region) []Suggestion {
	if k <= 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.profileOf(id)
	if p == nil {
		return nil
	}
	regions := []int{regionNRW, regionTokyo}
	if side != "" {
		r := regionIndex(side)
		if r < 0 {
			return nil
		}
		regions = []int{r}
	}
	type scored struct {
		q     *profile
		score float64
	}
	var all []scored
	consider := func(q *profile) {
		if q == nil || q == p || q.region < 0 || !slices.Contains(regions, q.region) {
			return
		}
		if t := topic(p, q); t > 0 {
			all = append(all, scored{q, t})
		}
	}
	total := 0
	for _, r := range regions {
		total += ix.count[r]
	}
	if total <= exhaustiveLimit {
		for _, q := range ix.profiles {
			consider(q)
		}
	} else {
		s := ix.getScratch()
		for _, r := range regions {
			ix.accumulate(s, p, r)
		}
		top := newTopN(max(rescoreMin, rescorePerK*k))
		for _, slot := range s.touched {
			if q := ix.profiles[slot]; q != nil && q != p && slices.Contains(regions, q.region) {
				top.offer(q, float64(s.acc[slot]))
			}
		}
		ix.putScratch(s)
		for _, q := range top.items() {
			consider(q)
		}
	}
	slices.SortFunc(all, func(x, y scored) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(x.q.c.ID, y.q.c.ID)
	})
	out := make([]Suggestion, 0, min(k, len(all)))
	for _, s := range all[:min(k, len(all))] {
		var reasons []Reason
		reasons = append(reasons, sectorReasons(p.c.Sectors, s.q.c.Sectors)...)
		if t := sharedTerms(p.concepts, p.surfaces, s.q.concepts, s.q.surfaces); t != "" {
			reasons = append(reasons, reason(ReasonSharedTopics, "terms", t))
		}
		out = append(out, Suggestion{ID: s.q.c.ID, Ref: s.q.c.Ref, Name: s.q.c.Name, Score: s.score, Reasons: reasons})
	}
	return out
}
