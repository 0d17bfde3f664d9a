package matching

import "kakehashi/internal/company"

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
