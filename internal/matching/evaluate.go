package matching

import (
	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// Judgement is a labelled expectation from an evaluation set (see the
// interchange format): the companies and municipalities a good matcher lists
// near the top for Company, best first. Companies are named by ref.
type Judgement struct {
	Company        string
	Partners       []string
	Municipalities []string
}

// Metrics are the match-quality figures of the interchange format.
type Metrics struct {
	Recall5                float64 // share of partner judgements with a listed partner in the top 5
	MRR                    float64 // mean of 1/rank of the best listed partner in the top 10 (0 if none)
	MunicipalityTop1       float64 // share of municipality judgements whose first suggestion is the first listed
	MunicipalityTop3       float64 // share whose first listed municipality is among the first three suggested
	PartnerJudgements      int
	MunicipalityJudgements int
	Results                []JudgementResult // per judgement, in input order
}

// JudgementResult is the outcome for one judgement. Ranks are 1-based; 0
// means not found (partners: not in the top 10) or not judged.
type JudgementResult struct {
	Company          string
	PartnerRank      int      // rank of the best-ranked listed partner
	Partners         []string // refs suggested, best first (top 10)
	MunicipalityRank int      // rank of the first listed municipality
	Municipalities   []string // keys suggested, best first
	Unknown          bool     // the company is not in the set
}

// Evaluate builds an index over cs and ms and measures it against js, with
// the metrics defined in the interchange format. Companies are matched to
// judgements by ref; IDs are assigned here (1..n), so cs may come straight
// from an import file.
func Evaluate(cs []company.Company, ms []municipality.Municipality, js []Judgement) Metrics {
	withIDs := make([]company.Company, len(cs))
	idByRef := make(map[string]int64, len(cs))
	refByID := make(map[int64]string, len(cs))
	for i, c := range cs {
		c.ID = int64(i + 1)
		withIDs[i] = c
		idByRef[c.Ref] = c.ID
		refByID[c.ID] = c.Ref
	}
	ix := NewIndex(withIDs, ms)
	var m Metrics
	var rr float64
	hits5, muni1, muni3 := 0, 0, 0
	for _, j := range js {
		res := JudgementResult{Company: j.Company}
		id, ok := idByRef[j.Company]
		res.Unknown = !ok
		if len(j.Partners) > 0 {
			m.PartnerJudgements++
			if ok {
				for i, s := range ix.Partners(id, 10, nil) {
					ref := refByID[s.ID]
					res.Partners = append(res.Partners, ref)
					if res.PartnerRank == 0 && contains(j.Partners, ref) {
						res.PartnerRank = i + 1
					}
				}
			}
			if res.PartnerRank > 0 {
				rr += 1 / float64(res.PartnerRank)
				if res.PartnerRank <= 5 {
					hits5++
				}
			}
		}
		if len(j.Municipalities) > 0 {
			m.MunicipalityJudgements++
			if ok {
				for i, s := range ix.Municipalities(id) {
					res.Municipalities = append(res.Municipalities, s.Key)
					if s.Key == j.Municipalities[0] && res.MunicipalityRank == 0 {
						res.MunicipalityRank = i + 1
					}
				}
			}
			if res.MunicipalityRank == 1 {
				muni1++
			}
			if res.MunicipalityRank >= 1 && res.MunicipalityRank <= 3 {
				muni3++
			}
		}
		m.Results = append(m.Results, res)
	}
	if m.PartnerJudgements > 0 {
		m.Recall5 = float64(hits5) / float64(m.PartnerJudgements)
		m.MRR = rr / float64(m.PartnerJudgements)
	}
	if m.MunicipalityJudgements > 0 {
		m.MunicipalityTop1 = float64(muni1) / float64(m.MunicipalityJudgements)
		m.MunicipalityTop3 = float64(muni3) / float64(m.MunicipalityJudgements)
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
