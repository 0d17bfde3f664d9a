package matching

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// corpusStats holds document frequencies for inverse-document-frequency
// weighting. A company counts once per concept or token. Profiles are weighted
// with the frequencies current when they were built; after many incremental
// updates the weights drift slightly, which does not matter for ranking.
//
// It is only changed under the index's write lock (or before the index is
// shared): analysis interns tokens in a tokenDict of its own and merge adds
// that dictionary's counts afterwards.
type corpusStats struct {
	n         int
	conceptDF []int32
	tokenID   map[string]int32
	tokenDF   []int32
}

func newCorpusStats() *corpusStats {
	return &corpusStats{conceptDF: make([]int32, len(lex.concepts)), tokenID: map[string]int32{}}
}

// tokenDict interns the tokens and counts the companies seen by one builder
// (a worker of NewIndex, an Upsert, a municipality), so that analysis in
// parallel needs no lock. Its ids are local until merge maps them to corpus
// ids.
type tokenDict struct {
	ids       map[string]int32
	words     []string
	df        []int32 // companies counted per local id
	conceptDF []int32
	n         int     // companies counted
	first     []int32 // per local id: lowest input position of a company using it
	doc       int32   // input position of the company being analysed
	global    []int32 // local id → corpus id, set by corpusStats.merge

	texts textCache // nil: analyse every text (a single company or municipality)
	pos   []int32   // scratch for compact: local id → 1 + index in the result
	bufs  [][]entry // occurrence buffers to reuse, so texts do not regrow them
}

func newTokenDict() *tokenDict { return &tokenDict{ids: map[string]int32{}} }

// id returns t's local id, adding it when new. t is often a substring of a
// long folded text, so a new word is copied rather than kept.
func (d *tokenDict) id(t string) int32 {
	if id, ok := d.ids[t]; ok {
		return id
	}
	id := int32(len(d.words))
	t = strings.Clone(t)
	d.ids[t] = id
	d.words = append(d.words, t)
	d.df = append(d.df, 0)
	d.first = append(d.first, d.doc)
	d.pos = append(d.pos, 0)
	return id
}

func (d *tokenDict) buffer() []entry {
	n := len(d.bufs)
	if n == 0 {
		return nil
	}
	b := d.bufs[n-1]
	d.bufs = d.bufs[:n-1]
	return b
}

// compactText is an analysed text with its token occurrences summed: what is
// kept of the analysis until the profile is weighted.
type compactText struct {
	concepts []conceptTF
	tokens   []entry // token id (local until globalize), term frequency
}

type conceptTF struct {
	id      conceptID
	tf      float32
	surface string
}

type compactCompany struct {
	all           compactText
	offers, seeks []compactText
	dict          *tokenDict // whose local ids the tokens have
}

// compact sums rc's token occurrences and counts the company in d's
// document frequencies.
func (d *tokenDict) compact(rc *rawCompany) *compactCompany {
	cc := &compactCompany{all: rc.all.compact(), offers: make([]compactText, len(rc.offers)),
		seeks: make([]compactText, len(rc.seeks)), dict: d}
	for i, r := range rc.offers {
		cc.offers[i] = r.compact()
	}
	for i, r := range rc.seeks {
		cc.seeks[i] = r.compact()
	}
	if d.conceptDF == nil {
		d.conceptDF = make([]int32, len(lex.concepts))
	}
	d.n++
	for _, c := range cc.all.concepts {
		d.conceptDF[c.id]++
	}
	for _, t := range cc.all.tokens { // all has every token of the company
		d.df[t.id]++
		d.first[t.id] = min(d.first[t.id], d.doc)
	}
	return cc
}

// compact sums r's token occurrences per token, in the order they occurred
// (as a map would), in one pass: r.dict.pos finds a token's sum.
func (r *rawText) compact() compactText {
	ct := compactText{concepts: make([]conceptTF, 0, len(r.concepts))}
	for id, st := range r.concepts {
		ct.concepts = append(ct.concepts, conceptTF{id, st.tf, strings.Clone(st.surface)})
	}
	d, occ := r.dict, r.tokens
	n := 0 // the sums are written over the occurrences already read
	for _, e := range occ {
		if p := d.pos[e.id]; p > 0 {
			occ[p-1].w += e.w
			continue
		}
		occ[n] = e
		n++
		d.pos[e.id] = int32(n)
	}
	ct.tokens = slices.Clone(occ[:n]) // exact size: it is kept until the profile is built
	for _, e := range ct.tokens {
		d.pos[e.id] = 0
	}
	d.bufs = append(d.bufs, occ[:0])
	r.tokens = nil
	return ct
}

// merge adds the dictionaries' counts to s and sets their local → corpus id
// maps. Tokens new to s get ids in the order of the first company using them
// (alphabetically within one company), as when companies are added one at a
// time: so the ids — and with them the tie-breaks and summation order in the
// vectors — do not depend on which worker saw a token first.
func (s *corpusStats) merge(dicts ...*tokenDict) {
	type newToken struct {
		first int32
		word  string
	}
	var fresh []newToken
	for _, d := range dicts {
		for i, w := range d.words {
			if _, ok := s.tokenID[w]; !ok {
				fresh = append(fresh, newToken{d.first[i], w})
			}
		}
	}
	slices.SortFunc(fresh, func(a, b newToken) int {
		return cmp.Or(cmp.Compare(a.first, b.first), strings.Compare(a.word, b.word))
	})
	for _, t := range fresh {
		if _, ok := s.tokenID[t.word]; !ok { // a later entry is another worker's copy
			s.tokenID[t.word] = int32(len(s.tokenDF))
			s.tokenDF = append(s.tokenDF, 0)
		}
	}
	for _, d := range dicts {
		d.global = make([]int32, len(d.words))
		for i, w := range d.words {
			id := s.tokenID[w]
			d.global[i] = id
			s.tokenDF[id] += d.df[i]
		}
		for c, n := range d.conceptDF {
			s.conceptDF[c] += n
		}
		s.n += d.n
	}
}

// globalize replaces the local token ids of ct by corpus ids (after merge).
// The order of the tokens does not matter: tokenVec sorts by id.
func (ct compactText) globalize(d *tokenDict) {
	for i := range ct.tokens {
		ct.tokens[i].id = d.global[ct.tokens[i].id]
	}
}

func (cc *compactCompany) globalize() {
	cc.all.globalize(cc.dict)
	for _, ct := range cc.offers {
		ct.globalize(cc.dict)
	}
	for _, ct := range cc.seeks {
		ct.globalize(cc.dict)
	}
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
