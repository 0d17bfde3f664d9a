package matching

import (
	"encoding/json"
	"os"
	"testing"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// The interchange format, decoded here so that the tests do not depend on the
// import package.
type jsonContact struct {
	Name, Role, Email, Phone string
}

type jsonCoop struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type jsonCompany struct {
	Ref          string            `json:"ref"`
	Name         string            `json:"name"`
	Region       string            `json:"region"`
	City         string            `json:"city"`
	Municipality string            `json:"municipality"`
	Kind         string            `json:"kind"`
	Founded      int               `json:"founded"`
	Employees    int               `json:"employees"`
	Sectors      []string          `json:"sectors"`
	Keywords     []string          `json:"keywords"`
	Description  map[string]string `json:"description"`
	Offers       []jsonCoop        `json:"offers"`
	Seeks        []jsonCoop        `json:"seeks"`
	Languages    []string          `json:"languages"`
	Website      string            `json:"website"`
	Contact      jsonContact       `json:"contact"`
}

type jsonMunicipality struct {
	Key          string            `json:"key"`
	Name         string            `json:"name"`
	Agency       string            `json:"agency"`
	FocusSectors []string          `json:"focus_sectors"`
	Keywords     []string          `json:"keywords"`
	Description  map[string]string `json:"description"`
	Contact      jsonContact       `json:"contact"`
}

type jsonJudgement struct {
	Company        string   `json:"company"`
	Partners       []string `json:"partners"`
	Municipalities []string `json:"municipalities"`
}

type devSet struct {
	Companies      []company.Company
	Municipalities []municipality.Municipality
	Judgements     []Judgement
}

func loadDevSet(t testing.TB, path string) devSet {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Municipalities []jsonMunicipality `json:"municipalities"`
		Companies      []jsonCompany      `json:"companies"`
		Judgements     []jsonJudgement    `json:"judgements"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var ds devSet
	coops := func(in []jsonCoop) []company.Cooperation {
		var out []company.Cooperation
		for _, c := range in {
			out = append(out, company.Cooperation{Type: company.CoopType(c.Type), Text: c.Text})
		}
		return out
	}
	for i, c := range f.Companies {
		cc := company.Company{
			ID: int64(i + 1), Ref: c.Ref, Name: c.Name, Region: company.Region(c.Region), City: c.City,
			Municipality: c.Municipality, Kind: company.Kind(c.Kind), Founded: c.Founded, Employees: c.Employees,
			Sectors: c.Sectors, Keywords: c.Keywords, Description: company.Texts(c.Description),
			Offers: coops(c.Offers), Seeks: coops(c.Seeks), Languages: c.Languages, Website: c.Website,
			Contact: company.Contact(c.Contact),
		}
		cc.Normalize()
		ds.Companies = append(ds.Companies, cc)
	}
	for _, m := range f.Municipalities {
		mm := municipality.Municipality{
			Key: m.Key, Name: m.Name, Agency: m.Agency, FocusSectors: m.FocusSectors, Keywords: m.Keywords,
			Description: company.Texts(m.Description), Contact: company.Contact(m.Contact),
		}
		mm.Normalize()
		ds.Municipalities = append(ds.Municipalities, mm)
	}
	for _, j := range f.Judgements {
		ds.Judgements = append(ds.Judgements, Judgement(j))
	}
	return ds
}

// TestDevSetQuality checks the acceptance targets on the labelled dev set.
func TestDevSetQuality(t *testing.T) {
	ds := loadDevSet(t, "../../testdata/dev-set.json")
	m := Evaluate(ds.Companies, ds.Municipalities, ds.Judgements)
	t.Logf("recall@5 %.3f  MRR %.3f  municipality top-1 %.3f  top-3 %.3f  (%d partner, %d municipality judgements)",
		m.Recall5, m.MRR, m.MunicipalityTop1, m.MunicipalityTop3, m.PartnerJudgements, m.MunicipalityJudgements)
	for i, r := range m.Results {
		j := ds.Judgements[i]
		if (len(j.Partners) > 0 && r.PartnerRank != 1) || (len(j.Municipalities) > 0 && r.MunicipalityRank != 1) {
			t.Logf("%s: want %v got rank %d %v; municipalities want %v got %v", r.Company, j.Partners, r.PartnerRank, r.Partners, j.Municipalities, r.Municipalities)
		}
	}
	if m.Recall5 < 0.95 {
		t.Errorf("recall@5 = %.3f, want ≥ 0.95", m.Recall5)
	}
	if m.MRR < 0.85 {
		t.Errorf("MRR = %.3f, want ≥ 0.85", m.MRR)
	}
	if m.MunicipalityTop1 < 0.90 {
		t.Errorf("municipality top-1 = %.3f, want ≥ 0.90", m.MunicipalityTop1)
	}
	if m.MunicipalityTop3 < 1 {
		t.Errorf("municipality top-3 = %.3f, want 1", m.MunicipalityTop3)
	}
}
