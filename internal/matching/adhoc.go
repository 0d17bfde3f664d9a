package matching

import "kakehashi/internal/company"

// MunicipalitiesFor ranks the partner municipalities for a company that is
// not in the index, e.g. a firm that wrote to the first-contact desk before
// registering. The company is analysed like an indexed one but not added.
func (ix *Index) MunicipalitiesFor(c company.Company) []MunicipalitySuggestion {
	d := newTokenDict()
	cc := d.compact(analyzeCompany(&c, d))
	// The shared term statistics learn the firm's words (as for any
	// profile change); that needs the write lock.
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.stats.merge(d)
	cc.globalize()
	return ix.municipalitiesOf(buildProfile(&c, cc, ix.stats))
}
