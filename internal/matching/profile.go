package matching

import (
	"math"
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
	parentShare       = 0.5
)

// rawText accumulates the analysis of one or more texts before weighting.
type rawText struct {
	concepts map[conceptID]*conceptStat
	tokens   map[string]float32
	weight   float32 // field weight of the text being analysed
	surface  string  // when set, reported instead of the words found (keywords)
}

type conceptStat struct {
	tf      float32
	surface string
	best    float32 // weight of the mention that gave the surface
}

func newRawText() *rawText {
	return &rawText{concepts: map[conceptID]*conceptStat{}, tokens: map[string]float32{}}
}

func (r *rawText) mention(m mention) {
	if lex.concepts[m.id].Weight == 0 {
		return
	}
	w := r.weight * m.weight
	surface := m.surface
	if r.surface != "" {
		surface = r.surface
	}
	r.add(m.id, w, surface, 0)
}

func (r *rawText) add(id conceptID, w float32, surface string, depth int) {
	st := r.concepts[id]
	if st == nil {
		st = &conceptStat{}
		r.concepts[id] = st
	}
	st.tf += w
	if w > st.best {
		st.best, st.surface = w, surface
	}
	if depth < 3 {
		for _, p := range lex.concepts[id].Parents {
			if lex.concepts[p].Weight > 0 {
				r.add(p, w*parentShare, surface, depth+1)
			}
		}
	}
}

func (r *rawText) token(t string) { r.tokens[t] += r.weight }

func (r *rawText) addText(s string, weight float32, surface string) {
	if s == "" {
		return
	}
	r.weight, r.surface = weight, surface
	analyze(s, r)
	r.weight, r.surface = 0, ""
}

// rawCompany is the unweighted analysis of a company profile.
type rawCompany struct {
	all    *rawText
	offers []*rawText
	seeks  []*rawText
}

func analyzeCompany(c *company.Company) *rawCompany {
	rc := &rawCompany{all: newRawText()}
	for _, k := range c.Keywords {
		rc.all.addText(k, weightKeyword, k)
	}
	for _, l := range sortedLangs(c.Description) {
		rc.all.addText(c.Description[l], weightDescription, "")
	}
	coops := func(list []company.Cooperation) []*rawText {
		out := make([]*rawText, len(list))
		for i, co := range list {
			rc.all.addText(co.Text, weightCoop, "")
			out[i] = newRawText()
			out[i].addText(co.Text, 1, "")
		}
		return out
	}
	rc.offers = coops(c.Offers)
	rc.seeks = coops(c.Seeks)
	return rc
}

func analyzeMunicipality(m *municipality.Municipality) *rawText {
	r := newRawText()
	for _, k := range m.Keywords {
		r.addText(k, weightKeyword, k)
	}
	for _, l := range sortedLangs(m.Description) {
		r.addText(m.Description[l], weightDescription, "")
	}
	return r
}

func sortedLangs(t company.Texts) []string {
	var out []string
	for _, l := range company.Languages {
		if t[l] != "" {
			out = append(out, l)
		}
	}
	for l, s := range t { // unexpected language codes, still text
		if s != "" && l != "de" && l != "en" && l != "ja" {
			out = append(out, l)
		}
	}
	return out
}

// corpusStats holds document frequencies for inverse-document-frequency
// weighting. A company counts once per concept or token. Profiles are weighted
// with the frequencies current when they were built; after many incremental
// updates the weights drift slightly, which does not matter for ranking.
type corpusStats struct {
	n         int
	conceptDF []int32
	tokenID   map[string]int32
	tokenDF   []int32
}

func newCorpusStats() *corpusStats {
	return &corpusStats{conceptDF: make([]int32, len(lex.concepts)), tokenID: map[string]int32{}}
}

// count adds (delta = 1) or removes (delta = -1) a company's terms.
func (s *corpusStats) count(concepts []conceptID, tokens []int32, delta int32) {
	s.n += int(delta)
	for _, c := range concepts {
		s.conceptDF[c] += delta
	}
	for _, t := range tokens {
		s.tokenDF[t] += delta
	}
}

// tokenIDs interns the tokens of r.
func (s *corpusStats) tokenIDs(r *rawText) []int32 {
	ids := make([]int32, 0, len(r.tokens))
	for t := range r.tokens {
		id, ok := s.tokenID[t]
		if !ok {
			id = int32(len(s.tokenDF))
			s.tokenID[strings.Clone(t)] = id
			s.tokenDF = append(s.tokenDF, 0)
		}
		ids = append(ids, id)
	}
	return ids
}

func conceptSet(r *rawText) []conceptID {
	ids := make([]conceptID, 0, len(r.concepts))
	for id := range r.concepts {
		ids = append(ids, id)
	}
	return ids
}

// conceptIDF is damped: a concept named in many profiles still says something
// (it is from the dictionary), only less.
func (s *corpusStats) conceptIDF(id conceptID) float32 {
	return float32(math.Log(float64(s.n+1)/float64(s.conceptDF[id]+1)) + 1)
}

// tokenIDF is not damped: raw words shared by many profiles are noise.
func (s *corpusStats) tokenIDF(id int32) float32 {
	df := int32(0)
	if int(id) < len(s.tokenDF) {
		df = s.tokenDF[id]
	}
	v := math.Log(float64(s.n+1) / float64(df+1))
	if v < 0 {
		return 0
	}
	return float32(v)
}

// conceptVec weights r's concepts (dictionary weight × idf × damped term
// frequency) and returns the normalised vector with each dimension's surface.
func (s *corpusStats) conceptVec(r *rawText) (svec, []string) {
	m := make(map[int32]float32, len(r.concepts))
	for id, st := range r.concepts {
		m[id] = lex.concepts[id].Weight * s.conceptIDF(id) * float32(math.Log1p(float64(st.tf)))
	}
	v := newVec(m, 0)
	surfaces := make([]string, len(v))
	for i, e := range v {
		surfaces[i] = strings.Clone(r.concepts[e.id].surface) // do not pin the whole text
	}
	return v, surfaces
}

// tokenVec weights r's raw tokens; tokens unknown to the corpus are dropped.
func (s *corpusStats) tokenVec(r *rawText) svec {
	m := make(map[int32]float32, len(r.tokens))
	for t, tf := range r.tokens {
		id, ok := s.tokenID[t]
		if !ok {
			continue
		}
		m[id] = s.tokenIDF(id) * float32(math.Log1p(float64(tf)))
	}
	return newVec(m, maxTokens)
}

// profile is the matcher's view of one company.
type profile struct {
	slot     int32
	c        *company.Company // trimmed copy: no description or contact
	region   int              // regionNRW, regionTokyo or -1
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

// buildProfile weights a company's analysis; the caller has counted rc in s.
func buildProfile(c *company.Company, rc *rawCompany, s *corpusStats) *profile {
	p := &profile{c: trimmed(c), region: regionIndex(c.Region)}
	p.concepts, p.surfaces = s.conceptVec(rc.all)
	p.tokens = s.tokenVec(rc.all)
	build := func(list []company.Cooperation, raws []*rawText) []coopVec {
		out := make([]coopVec, len(list))
		for i, co := range list {
			cv, _ := s.conceptVec(raws[i])
			out[i] = coopVec{typ: co.Type, text: co.Text, concepts: cv, tokens: s.tokenVec(raws[i])}
		}
		return out
	}
	p.offers = build(c.Offers, rc.offers)
	p.seeks = build(c.Seeks, rc.seeks)
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

// trimmed copies what suggestions and reasons need; descriptions and contact
// details stay with the caller.
func trimmed(c *company.Company) *company.Company {
	return &company.Company{
		ID: c.ID, Ref: c.Ref, Name: c.Name, Region: c.Region, Municipality: c.Municipality,
		Kind: c.Kind, Employees: c.Employees, Sectors: c.Sectors, Keywords: c.Keywords,
		Offers: c.Offers, Seeks: c.Seeks, Languages: c.Languages,
	}
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
	r := analyzeMunicipality(m)
	mp := &muniProfile{m: m}
	mp.concepts, mp.surfaces = s.conceptVec(r)
	mp.tokens = s.tokenVec(r)
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
