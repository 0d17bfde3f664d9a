package matching

import (
	"cmp"
	"slices"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// MunicipalitySuggestion is a partner municipality suggested as a contact.
type MunicipalitySuggestion struct {
	Key     string
	Score   float64
	Reasons []Reason
}

// Municipality fit: how much of the company's business the agency's focus
// sectors cover, and how well its strengths (keywords, description) match the
// company's profile. A company that seeks market entry gets full scores;
// others are scored lower (noEntryFactor), as the contact matters less to them.
const (
	mSector         = 0.45
	mConcept        = 0.4
	mToken          = 0.15
	noEntryFactor   = 0.8
	secondarySector = 0.6
)

// Municipalities returns the partner municipalities for a company. For a
// Tokyo company: every municipality but the first-contact desk
// (municipality.DeskKey, which the UI always shows separately), best fit
// first. For an NRW company: its own municipality, if it has one.
func (ix *Index) Municipalities(id int64) []MunicipalitySuggestion {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.profileOf(id)
	if p == nil {
		return nil
	}
	return ix.municipalitiesOf(p)
}

// municipalitiesOf ranks the municipalities for a profile; the caller holds
// the lock.
func (ix *Index) municipalitiesOf(p *profile) []MunicipalitySuggestion {
	if p.region != regionTokyo {
		mp, ok := ix.muniByKey[p.c.Municipality]
		if !ok || p.c.Municipality == municipality.DeskKey {
			return nil
		}
		return []MunicipalitySuggestion{{Key: mp.m.Key, Score: 1,
			Reasons: []Reason{reason(ReasonHomeMunicipality, "name", mp.m.Name)}}}
	}
	var entry *coopVec
	for i := range p.seeks {
		if p.seeks[i].typ == company.CoopMarketEntry {
			entry = &p.seeks[i]
			break
		}
	}
	out := make([]MunicipalitySuggestion, 0, len(ix.munis))
	for _, mp := range ix.munis {
		if mp.m.Key == municipality.DeskKey {
			continue
		}
		score := muniScore(p, mp)
		if entry == nil {
			score *= noEntryFactor
		}
		out = append(out, MunicipalitySuggestion{Key: mp.m.Key, Score: score, Reasons: muniReasons(p, mp, entry)})
	}
	slices.SortFunc(out, func(a, b MunicipalitySuggestion) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// muniSectorFit is the share of the company's business that the agency's
// focus sectors cover, with sectionCredit for divisions whose section it
// covers. The first listed sector is taken as the main activity and weighs
// more than the others (secondarySector each).
func muniSectorFit(p *profile, mp *muniProfile) float64 {
	var s, total float64
	for i, d := range p.divs {
		w := 1.0
		if i > 0 {
			w = secondarySector
		}
		total += w
		switch {
		case slices.Contains(mp.divs, d):
			s += w
		case slices.Contains(mp.secs, divSection[d][0]):
			s += w * sectionCredit
		}
	}
	if total == 0 {
		return 0
	}
	return s / total
}

func muniScore(p *profile, mp *muniProfile) float64 {
	return mSector*muniSectorFit(p, mp) + mConcept*p.concepts.dot(mp.concepts) + mToken*p.tokens.dot(mp.tokens)
}

func muniReasons(p *profile, mp *muniProfile, entry *coopVec) []Reason {
	var out []Reason
	if entry != nil {
		if entry.text != "" {
			out = append(out, reason(ReasonMarketEntry, "seek", entry.text))
		} else {
			out = append(out, reason(ReasonMarketEntryType))
		}
	}
	related := ""
	for _, code := range p.c.Sectors {
		d, ok := divIndex[code]
		if !ok {
			continue
		}
		if slices.Contains(mp.divs, d) {
			out = append(out, reason(ReasonFocusSector, "code", code, "focus_sector", code))
		} else if related == "" {
			for _, f := range mp.m.FocusSectors {
				if sectionOf(f) == divSection[d] {
					related = f
					break
				}
			}
		}
	}
	if related != "" && !slices.ContainsFunc(out, func(r Reason) bool { return r.Code == ReasonFocusSector }) {
		out = append(out, reason(ReasonRelatedFocus, "focus_sector", related))
	}
	if t := sharedTerms(p.concepts, p.surfaces, mp.concepts, mp.surfaces); t != "" {
		out = append(out, reason(ReasonAgencyStrengths, "terms", t))
	}
	return out
}
