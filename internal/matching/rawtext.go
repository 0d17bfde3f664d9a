package matching

import (
	"strings"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// rawText accumulates the analysis of one or more texts before weighting.
type rawText struct {
	concepts map[conceptID]*conceptStat
	// One entry per token occurrence: id in dict, field weight. Appending and
	// summing once in compactText is much cheaper than a map per text.
	tokens  []entry
	dict    *tokenDict
	weight  float32 // field weight of the text being analysed
	surface string  // when set, reported instead of the words found (keywords)
}

type conceptStat struct {
	tf      float32
	surface string
	best    float32 // weight of the mention that gave the surface
}

func newRawText(d *tokenDict) *rawText {
	return &rawText{concepts: map[conceptID]*conceptStat{}, dict: d, tokens: d.buffer()}
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

func (r *rawText) token(t string) { r.addToken(r.dict.id(t)) }

func (r *rawText) addToken(id int32) { r.tokens = append(r.tokens, entry{id, r.weight}) }

func (r *rawText) addText(s string, weight float32, surface string) {
	if s == "" {
		return
	}
	r.weight, r.surface = weight, surface
	r.dict.analyze(s, r)
	r.weight, r.surface = 0, ""
}

// target receives an analysis: as a sink while a text is analysed, or with
// its tokens already interned when it is replayed from a cache.
type target interface {
	sink
	addToken(id int32)
}

// textCache remembers the analysis of short texts for one tokenDict, with
// the tokens as its ids. Keywords and cooperation texts repeat across a
// directory ("IoT", "Medizintechnik", "Vertriebspartner in Japan"), so
// building an index analyses and interns each only once per worker. Being a
// worker's own, it needs no lock.
type textCache map[string]*recorded

const (
	maxCachedText = 256
	maxCacheSize  = 200_000
)

type recorded struct {
	mentions []mention
	tokens   []int32
	dict     *tokenDict
}

func (r *recorded) mention(m mention) { r.mentions = append(r.mentions, m) }
func (r *recorded) token(t string)    { r.tokens = append(r.tokens, r.dict.id(t)) }

// analyze feeds the analysis of s to out, from d's cache when it has one.
func (d *tokenDict) analyze(s string, out target) {
	if d.texts == nil || len(s) > maxCachedText {
		analyze(s, out)
		return
	}
	rec, ok := d.texts[s]
	if !ok {
		rec = &recorded{dict: d}
		analyze(s, rec)
		if len(d.texts) < maxCacheSize {
			d.texts[strings.Clone(s)] = rec
		}
	}
	for _, m := range rec.mentions {
		out.mention(m)
	}
	for _, id := range rec.tokens {
		out.addToken(id)
	}
}

// tee passes an analysis on to two accumulators sharing a dictionary.
type tee struct{ a, b *rawText }

func (t tee) mention(m mention) { t.a.mention(m); t.b.mention(m) }
func (t tee) token(s string)    { t.addToken(t.a.dict.id(s)) }
func (t tee) addToken(id int32) { t.a.addToken(id); t.b.addToken(id) }

// rawCompany is the unweighted analysis of a company profile.
type rawCompany struct {
	all    *rawText
	offers []*rawText
	seeks  []*rawText
}

// analyzeCompany analyses a company's texts, interning their tokens in d.
func analyzeCompany(c *company.Company, d *tokenDict) *rawCompany {
	rc := &rawCompany{all: newRawText(d)}
	for _, k := range c.Keywords {
		rc.all.addText(k, weightKeyword, k)
	}
	for _, l := range sortedLangs(c.Description) {
		rc.all.addText(c.Description[l], weightDescription, "")
	}
	coops := func(list []company.Cooperation) []*rawText {
		out := make([]*rawText, len(list))
		for i, co := range list {
			out[i] = newRawText(d)
			if co.Text == "" {
				continue
			}
			// One analysis feeds both the profile and the cooperation's own text.
			rc.all.weight, out[i].weight = weightCoop, 1
			d.analyze(co.Text, tee{rc.all, out[i]})
			rc.all.weight, out[i].weight = 0, 0
		}
		return out
	}
	rc.offers = coops(c.Offers)
	rc.seeks = coops(c.Seeks)
	return rc
}

func analyzeMunicipality(m *municipality.Municipality, d *tokenDict) *rawText {
	r := newRawText(d)
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
