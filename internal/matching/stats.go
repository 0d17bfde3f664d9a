package matching

import (
	"math"
	"strings"
	"sync"
)

// corpusStats holds document frequencies for inverse-document-frequency
// weighting. A company counts once per concept or token. Profiles are weighted
// with the frequencies current when they were built; after many incremental
// updates the weights drift slightly, which does not matter for ranking.
type corpusStats struct {
	mu        sync.Mutex // guards the token table while building in parallel
	n         int
	conceptDF []int32
	tokenID   map[string]int32
	tokenDF   []int32
}

func newCorpusStats() *corpusStats {
	return &corpusStats{conceptDF: make([]int32, len(lex.concepts)), tokenID: map[string]int32{}}
}

// compactText is an analysed text with its tokens interned: what is kept of
// the analysis until the profile is weighted.
type compactText struct {
	concepts []conceptTF
	tokens   []entry // token id, term frequency
}

type conceptTF struct {
	id      conceptID
	tf      float32
	surface string
}

type compactCompany struct {
	all           compactText
	offers, seeks []compactText
}

// compact interns rc's tokens and counts the company in the document
// frequencies. It is safe for concurrent use.
func (s *corpusStats) compact(rc *rawCompany) *compactCompany {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := &compactCompany{all: s.compactText(rc.all)}
	for _, r := range rc.offers {
		cc.offers = append(cc.offers, s.compactText(r))
	}
	for _, r := range rc.seeks {
		cc.seeks = append(cc.seeks, s.compactText(r))
	}
	s.n++
	for _, c := range cc.all.concepts {
		s.conceptDF[c.id]++
	}
	for _, t := range cc.all.tokens {
		s.tokenDF[t.id]++
	}
	return cc
}

// compactText interns r's tokens; the caller holds s.mu or owns s.
func (s *corpusStats) compactText(r *rawText) compactText {
	ct := compactText{concepts: make([]conceptTF, 0, len(r.concepts)), tokens: make([]entry, 0, len(r.tokens))}
	for id, st := range r.concepts {
		ct.concepts = append(ct.concepts, conceptTF{id, st.tf, strings.Clone(st.surface)})
	}
	for t, tf := range r.tokens {
		id, ok := s.tokenID[t]
		if !ok {
			id = int32(len(s.tokenDF))
			s.tokenID[strings.Clone(t)] = id
			s.tokenDF = append(s.tokenDF, 0)
		}
		ct.tokens = append(ct.tokens, entry{id, tf})
	}
	return ct
}

// uncount removes a company's terms from the document frequencies.
func (s *corpusStats) uncount(p *profile) {
	s.n--
	for _, c := range p.dfConcepts {
		s.conceptDF[c]--
	}
	for _, t := range p.dfTokens {
		s.tokenDF[t]--
	}
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

// conceptVec weights a text's concepts (dictionary weight × idf × damped
// term frequency) and returns the normalised vector with each dimension's
// surface.
func (s *corpusStats) conceptVec(ct compactText) (svec, []string) {
	v := make(svec, 0, len(ct.concepts))
	for _, c := range ct.concepts {
		v = append(v, entry{c.id, lex.concepts[c.id].Weight * s.conceptIDF(c.id) * float32(math.Log1p(float64(c.tf)))})
	}
	v = finishVec(v, 0)
	surfaces := make([]string, len(v))
	for i, e := range v {
		for _, c := range ct.concepts {
			if c.id == e.id {
				surfaces[i] = c.surface
				break
			}
		}
	}
	return v, surfaces
}

// tokenVec weights a text's raw tokens, keeping the heaviest limit.
func (s *corpusStats) tokenVec(ct compactText, limit int) svec {
	v := make(svec, len(ct.tokens))
	for i, t := range ct.tokens {
		v[i] = entry{t.id, s.tokenIDF(t.id) * float32(math.Log1p(float64(t.w)))}
	}
	return finishVec(v, limit)
}
