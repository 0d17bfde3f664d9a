package matching

import (
	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// MunicipalitiesFor ranks the partner municipalities for a company that is
// not in the index, e.g. a firm that wrote to the first-contact desk before
// registering. The company is weighted as if it were indexed, then its
// counts are taken back out, so asking leaves the corpus statistics as they
// were (only unseen words stay in the vocabulary, with no count).
func (ix *Index) MunicipalitiesFor(c company.Company) []MunicipalitySuggestion {
	d := newTokenDict()
	cc := d.compact(analyzeCompany(&c, d))
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.stats.merge(d)
	cc.globalize()
	p := buildProfile(&c, cc, ix.stats)
	defer ix.stats.uncount(p)
	return ix.municipalitiesOf(p)
}

// SetMunicipality adds or replaces a municipality, after an admin edited it
// or an import brought it in; the next ranking uses it.
func (ix *Index) SetMunicipality(m municipality.Municipality) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	mp := buildMuniProfile(&m, ix.stats)
	if old, ok := ix.muniByKey[m.Key]; ok {
		*old = *mp
		return
	}
	ix.muniByKey[m.Key] = mp
	ix.munis = append(ix.munis, mp)
}
