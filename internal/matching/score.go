package matching

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"kakehashi/internal/company"
)

// Scoring. A pair (A, B) from opposite regions scores
//
//	score = (topicFloor + topic) × reciprocity × language × size
//	topic = wConcept·cos(concepts) + wToken·cos(raw tokens) + wSector·sector
//	reciprocity = harmonic(coopBase + fit(A←B), coopBase + fit(B←A)) / (coopBase + 1)
//
// sector is the overlap of the NACE division lists (a cosine, so listing many
// sectors dilutes each) plus sectionCredit for sections shared without a
// shared division.
//
// fit(A←B) says how well B serves what A seeks: 0 when B is complementary
// (company.Complementary) for none of A's sought types, neutralFit when A
// seeks nothing, else between fitFloor and 1 by how well the texts fit — A's
// seek text against B's offer of that type (or B's own wish, for symmetric
// types), or against B's whole profile at a discount — and damped for broad
// profiles (breadthDamping). The harmonic mean makes a suggestion rank high
// only when it is good for both sides: a firm that A wants but that wants
// nothing A offers ranks lower than one that wants A too.
const (
	wConcept      = 0.5
	wToken        = 0.2
	wSector       = 0.3
	sectionCredit = 0.3
	topicFloor    = 0.1
	coopBase      = 0.25
	neutralFit    = 0.5
	fitFloor      = 0.55
	profileFit    = 0.7 // seek text against the partner's whole profile counts less
	tokenFit      = 0.8 // raw-word overlap counts less than concept overlap
	noLangFactor  = 0.9
	broadTypes    = 3
)

// breadthDamping is the popularity cap on cooperation types: a partner that
// can serve more than broadTypes types (offered types plus sought symmetric
// types) has its fit scaled by sqrt(broadTypes/n), so that a profile ticking
// every box does not become everybody's top suggestion.
func breadthDamping(n int) float64 {
	if n <= broadTypes {
		return 1
	}
	return math.Sqrt(float64(broadTypes) / float64(n))
}

// sectorSim is the overlap of two NACE division lists (cosine of the sets,
// so listing many sectors dilutes each), plus partial credit for shared
// sections.
func sectorSim(aDivs, bDivs []int16, aSecs, bSecs []byte) float64 {
	if len(aDivs) == 0 || len(bDivs) == 0 {
		return 0
	}
	shared := 0
	for _, d := range aDivs {
		if slices.Contains(bDivs, d) {
			shared++
		}
	}
	div := float64(shared) / math.Sqrt(float64(len(aDivs)*len(bDivs)))
	sharedSec := 0
	for _, s := range aSecs {
		if slices.Contains(bSecs, s) {
			sharedSec++
		}
	}
	sec := 0.0
	if len(aSecs) > 0 && len(bSecs) > 0 {
		sec = float64(sharedSec) / math.Sqrt(float64(len(aSecs)*len(bSecs)))
	}
	return min(1, div+sectionCredit*max(0, sec-div))
}

// topic is the symmetric subject similarity of two profiles.
func topic(a, b *profile) float64 {
	return wConcept*a.concepts.dot(b.concepts) + wToken*a.tokens.dot(b.tokens) +
		wSector*sectorSim(a.divs, b.divs, a.secs, b.secs)
}

// coopMatch is the best way a partner serves one of a company's wishes.
type coopMatch struct {
	fit       float64
	seek      *coopVec // the wish
	counter   *coopVec // the partner's matching offer (or wish, for symmetric types)
	symmetric bool     // counter is the partner's own wish
}

// textFit is how well two texts fit: concept overlap, or raw-word overlap at
// a discount.
func textFit(aC, aT, bC, bT svec) float64 {
	return max(aC.dot(bC), tokenFit*aT.dot(bT))
}

// coopFit is fit(A←B): how well b serves what a seeks.
func coopFit(a, b *profile) coopMatch {
	if len(a.seeks) == 0 {
		return coopMatch{fit: neutralFit}
	}
	var best coopMatch
	for i := range a.seeks {
		s := &a.seeks[i]
		bit := coopBit[s.typ]
		offered := b.offerSet&bit != 0
		mutual := bit&symmetric != 0 && b.seekSet&bit != 0
		if !offered && !mutual {
			continue
		}
		var counter *coopVec
		sym, cf := false, 0.0
		consider := func(list []coopVec, isSeek bool) {
			for j := range list {
				o := &list[j]
				if o.typ != s.typ {
					continue
				}
				if f := textFit(s.concepts, s.tokens, o.concepts, o.tokens); counter == nil || f > cf {
					counter, cf, sym = o, f, isSeek
				}
			}
		}
		if offered {
			consider(b.offers, false)
		}
		if mutual && !offered {
			consider(b.seeks, true)
		}
		tf := max(cf, profileFit*textFit(s.concepts, s.tokens, b.concepts, b.tokens))
		fit := fitFloor + (1-fitFloor)*min(1, tf)
		if fit > best.fit {
			best = coopMatch{fit: fit, seek: s, counter: counter, symmetric: sym}
		}
	}
	best.fit *= breadthDamping(b.breadth)
	return best
}

// pairResult is the full score of a suggested partner.
type pairResult struct {
	score   float64
	topic   float64
	ab, ba  coopMatch // fit(A←B), fit(B←A)
	langOK  bool
	sizeFit float64
}

func scorePair(a, b *profile) pairResult {
	r := pairResult{topic: topic(a, b), ab: coopFit(a, b), ba: coopFit(b, a)}
	recip := harmonic(coopBase+r.ab.fit, coopBase+r.ba.fit) / (coopBase + 1)
	r.langOK = a.langs == 0 || b.langs == 0 || a.langs&b.langs != 0
	lang := 1.0
	if !r.langOK {
		lang = noLangFactor
	}
	r.sizeFit = sizeFit(a.c.Employees, b.c.Employees)
	r.score = (topicFloor + r.topic) * recip * lang * r.sizeFit
	return r
}

// approxScore bounds scorePair from the stage-1 topic estimate and the
// cooperation types alone (text fits taken as perfect).
func approxScore(a, b *profile, topicEstimate float64) float64 {
	fab := approxFit(a, b)
	fba := approxFit(b, a)
	return (topicFloor + topicEstimate) * harmonic(coopBase+fab, coopBase+fba) / (coopBase + 1)
}

func approxFit(a, b *profile) float64 {
	if a.seekSet == 0 {
		return neutralFit
	}
	if a.seekSet&(b.offerSet|(b.seekSet&symmetric)) == 0 {
		return 0
	}
	return breadthDamping(b.breadth)
}

// sizeFit mildly prefers partners of comparable size: at most 10% off for
// head counts three orders of magnitude apart. Unknown sizes are neutral.
func sizeFit(a, b int) float64 {
	if a <= 0 || b <= 0 {
		return 1
	}
	r := math.Abs(math.Log10(float64(a) / float64(b)))
	return 1 - min(0.1, 0.033*r)
}

// partnerReasons explains a scored pair from a's side.
func partnerReasons(a, b *profile, r pairResult) []Reason {
	var out []Reason
	if r.ab.seek != nil {
		out = append(out, coopReason(r.ab, true))
	}
	if r.ba.seek != nil && !(r.ab.seek != nil && r.ab.symmetric && r.ba.symmetric && r.ab.seek.typ == r.ba.seek.typ) {
		out = append(out, coopReason(r.ba, false))
	}
	out = append(out, sectorReasons(a.c.Sectors, b.c.Sectors)...)
	if t := sharedTerms(a.concepts, a.surfaces, b.concepts, b.surfaces); t != "" {
		out = append(out, reason(ReasonSharedTopics, "terms", t))
	}
	out = append(out, languageReason(a, b))
	if a.c.Kind == company.KindStartup && b.c.Kind == company.KindStartup {
		out = append(out, reason(ReasonBothStartups))
	} else if a.c.Employees > 0 && b.c.Employees > 0 && company.Band(a.c.Employees) == company.Band(b.c.Employees) {
		out = append(out, reason(ReasonSimilarSize, "employees", strconv.Itoa(a.c.Employees), "their_employees", strconv.Itoa(b.c.Employees)))
	}
	return out
}

// coopReason renders a match; mine tells whether the wish is the viewer's.
func coopReason(m coopMatch, mine bool) Reason {
	t := string(m.seek.typ)
	seek := m.seek.text
	counter := ""
	if m.counter != nil {
		counter = m.counter.text
	}
	if m.symmetric {
		if seek != "" && counter != "" {
			if mine {
				return reason(ReasonBothSeek, "coop_type", t, "seek", seek, "their_seek", counter)
			}
			return reason(ReasonBothSeek, "coop_type", t, "seek", counter, "their_seek", seek)
		}
		return reason(ReasonBothSeekType, "coop_type", t)
	}
	if mine {
		switch {
		case counter == "":
			return reason(ReasonTheyOfferType, "coop_type", t)
		case seek == "":
			return reason(ReasonTheyOfferShort, "coop_type", t, "offer", counter)
		}
		return reason(ReasonTheyOffer, "coop_type", t, "seek", seek, "offer", counter)
	}
	switch {
	case seek == "":
		return reason(ReasonTheySeekType, "coop_type", t)
	case counter == "":
		return reason(ReasonTheySeekShort, "coop_type", t, "seek", seek)
	}
	return reason(ReasonTheySeek, "coop_type", t, "seek", seek, "offer", counter)
}

// sectorReasons names shared divisions, or else related ones (same section).
func sectorReasons(mine, theirs []string) []Reason {
	var out []Reason
	for _, d := range mine {
		if slices.Contains(theirs, d) {
			out = append(out, reason(ReasonSameSector, "code", d, "division_sector", d))
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, d := range mine {
		for _, e := range theirs {
			if sectionOf(d) != "" && sectionOf(d) == sectionOf(e) {
				return []Reason{reason(ReasonRelatedSector, "own_sector", d, "their_sector", e)}
			}
		}
	}
	return nil
}

func sectionOf(code string) string {
	if i, ok := divIndex[code]; ok {
		return divSection[i]
	}
	return ""
}

func languageReason(a, b *profile) Reason {
	shared := a.langs & b.langs
	// A shared German or Japanese is worth more than English, so name it first.
	for _, l := range []string{"ja", "de", "en"} {
		if shared&langBit(l) != 0 {
			return reason(ReasonSharedLanguage, "business_lang", l)
		}
	}
	if a.langs == 0 || b.langs == 0 {
		return reason(ReasonSharedLanguage, "business_lang", "en")
	}
	return reason(ReasonNoSharedLanguage)
}

// sharedTerms lists the strongest common concepts as "yours ↔ theirs".
func sharedTerms(a svec, aSurf []string, b svec, bSurf []string) string {
	type hit struct {
		w    float32
		a, b string
	}
	var hits []hit
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			hits = append(hits, hit{a[i].w * b[j].w, aSurf[i], bSurf[j]})
			i++
			j++
		}
	}
	slices.SortStableFunc(hits, func(x, y hit) int {
		switch {
		case x.w > y.w:
			return -1
		case x.w < y.w:
			return 1
		}
		return 0
	})
	var parts []string
	seen := map[string]bool{}
	for _, h := range hits {
		if len(parts) == 4 || h.w < 0.01 {
			break
		}
		key := h.a + "\x00" + h.b
		if seen[key] {
			continue
		}
		seen[key] = true
		if foldedEqual(h.a, h.b) {
			parts = append(parts, h.a)
		} else {
			parts = append(parts, h.a+" ↔ "+h.b)
		}
	}
	return strings.Join(parts, ", ")
}
