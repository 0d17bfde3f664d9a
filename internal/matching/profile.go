package matching

import (
	"strings"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/internal/taxonomy"
	"kakehashi/internal/textproc"
)

// Field weights: what a company lists as keywords says most about it, what it
// offers and seeks comes next, the free description last.
const (
	weightKeyword     = 3
	weightCoop        = 2
	weightDescription = 1
	maxTokens         = 64 // raw-token dimensions kept per profile
	maxCoopTokens     = 24 // … and per cooperation text
	parentShare       = 0.5
)

// profile is the matcher's view of one company.
type profile struct {
	slot     int32
	c        meta
	region   int // regionNRW, regionTokyo or -1
	concepts svec
	surfaces []string // surface of each concept dimension, for reasons
	tokens   svec
	offers   []coopVec
	seeks    []coopVec
	offerSet uint16 // bit per cooperation type offered
	seekSet  uint16
	breadth  int     // distinct types this company can serve as a partner
	divs     []int16 // NACE division indexes
	secs     []byte  // NACE section letters
	langs    uint8   // bit per business language
	// The company's terms as counted in the document frequencies, so that
	// they can be uncounted when it changes.
	dfConcepts []conceptID
	dfTokens   []int32
}

type coopVec struct {
	typ      company.CoopType
	text     string
	concepts svec
	tokens   svec
}

const (
	regionNRW   = 0
	regionTokyo = 1
)

func regionIndex(r company.Region) int {
	switch r {
	case company.RegionNRW:
		return regionNRW
	case company.RegionTokyo:
		return regionTokyo
	}
	return -1
}

var (
	coopBit    = map[company.CoopType]uint16{}
	symmetric  uint16
	divIndex   = map[string]int16{}
	divCodes   []string
	divSection []string
)

func init() {
	for i, t := range company.CoopTypes {
		coopBit[t] = 1 << i
		if t.Symmetric() {
			symmetric |= 1 << i
		}
	}
	for i, d := range taxonomy.Divisions() {
		divIndex[d.Code] = int16(i)
		divCodes = append(divCodes, d.Code)
		divSection = append(divSection, d.Section)
	}
}

// buildProfile weights a company's analysis; cc has been counted in s.
func buildProfile(c *company.Company, cc *compactCompany, s *corpusStats) *profile {
	p := &profile{c: metaOf(c), region: regionIndex(c.Region)}
	p.concepts, p.surfaces = s.conceptVec(cc.all)
	p.tokens = s.tokenVec(cc.all, maxTokens)
	p.dfConcepts = make([]conceptID, len(cc.all.concepts))
	for i, c := range cc.all.concepts {
		p.dfConcepts[i] = c.id
	}
	p.dfTokens = make([]int32, len(cc.all.tokens))
	for i, t := range cc.all.tokens {
		p.dfTokens[i] = t.id
	}
	build := func(list []company.Cooperation, cts []compactText) []coopVec {
		out := make([]coopVec, len(list))
		for i, co := range list {
			cv, _ := s.conceptVec(cts[i])
			out[i] = coopVec{typ: co.Type, text: co.Text, concepts: cv, tokens: s.tokenVec(cts[i], maxCoopTokens)}
		}
		return out
	}
	p.offers = build(c.Offers, cc.offers)
	p.seeks = build(c.Seeks, cc.seeks)
	for _, o := range c.Offers {
		p.offerSet |= coopBit[o.Type]
	}
	for _, o := range c.Seeks {
		p.seekSet |= coopBit[o.Type]
	}
	p.breadth = bitCount(p.offerSet | (p.seekSet & symmetric))
	seenSec := map[byte]bool{}
	for _, code := range c.Sectors {
		code = strings.ToUpper(strings.TrimSpace(code))
		if i, ok := divIndex[code]; ok {
			p.divs = append(p.divs, i)
			if sec, ok := taxonomy.SectionOf(code); ok && len(sec.Code) > 0 && !seenSec[sec.Code[0]] {
				seenSec[sec.Code[0]] = true
				p.secs = append(p.secs, sec.Code[0])
			}
		}
	}
	for _, l := range c.Languages {
		p.langs |= langBit(l)
	}
	return p
}

func langBit(l string) uint8 {
	for i, x := range company.Languages {
		if x == l {
			return 1 << i
		}
	}
	return 0
}

func bitCount(x uint16) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// meta is what suggestions and reasons need of a company; texts and contact
// details stay with the caller.
type meta struct {
	ID           int64
	Ref, Name    string
	Municipality string
	Kind         company.Kind
	Employees    int
	Sectors      []string
}

func metaOf(c *company.Company) meta {
	return meta{ID: c.ID, Ref: c.Ref, Name: c.Name, Municipality: c.Municipality, Kind: c.Kind,
		Employees: c.Employees, Sectors: c.Sectors}
}

// muniProfile is the matcher's view of a partner municipality.
type muniProfile struct {
	m        *municipality.Municipality
	concepts svec
	surfaces []string
	tokens   svec
	divs     []int16
	secs     []byte
}

func buildMuniProfile(m *municipality.Municipality, s *corpusStats) *muniProfile {
	// Interned, but not counted: municipalities are not in the company corpus.
	d := newTokenDict()
	ct := analyzeMunicipality(m, d).compact()
	s.merge(d)
	ct.globalize(d)
	mp := &muniProfile{m: m}
	mp.concepts, mp.surfaces = s.conceptVec(ct)
	mp.tokens = s.tokenVec(ct, maxTokens)
	seen := map[byte]bool{}
	for _, code := range m.FocusSectors {
		if i, ok := divIndex[strings.ToUpper(code)]; ok {
			mp.divs = append(mp.divs, i)
			if sec, ok := taxonomy.SectionOf(code); ok && !seen[sec.Code[0]] {
				seen[sec.Code[0]] = true
				mp.secs = append(mp.secs, sec.Code[0])
			}
		}
	}
	return mp
}

// foldedEqual compares two surfaces loosely, for reason texts.
func foldedEqual(a, b string) bool { return textproc.Fold(a) == textproc.Fold(b) }
