package company

import (
	"testing"
)

func sample() Company {
	return Company{
		Ref: "tokyo-001", Name: "株式会社テスト", Region: RegionTokyo, Sectors: []string{"C26"},
		Description: Texts{"ja": "説明"}, Offers: []Cooperation{{Type: CoopSupply, Text: "x"}},
		Languages: []string{"ja"}, Contact: Contact{Email: "a@b.example"},
	}
}

func TestValidate(t *testing.T) {
	known := func(k string) bool { return k == "essen" }
	tests := []struct {
		name   string
		change func(*Company)
		field  string
		code   string
	}{
		{"ok", func(*Company) {}, "", ""},
		{"bad ref", func(c *Company) { c.Ref = "Tokyo 1" }, "ref", "invalid_key"},
		{"no name", func(c *Company) { c.Name = "" }, "name", "required"},
		{"bad region", func(c *Company) { c.Region = "osaka" }, "region", "invalid_choice"},
		{"tokyo with municipality", func(c *Company) { c.Municipality = "essen" }, "municipality", "municipality_nrw_only"},
		{"unknown municipality", func(c *Company) { c.Region, c.Municipality = RegionNRW, "paris" }, "municipality", "unknown_municipality"},
		{"known municipality", func(c *Company) { c.Region, c.Municipality = RegionNRW, "essen" }, "", ""},
		{"no sectors", func(c *Company) { c.Sectors = nil }, "sectors", "sectors_required"},
		{"unknown sector", func(c *Company) { c.Sectors = []string{"Z99"} }, "sectors", "unknown_sector"},
		{"no description", func(c *Company) { c.Description = Texts{} }, "description", "description_required"},
		{"french description", func(c *Company) { c.Description["fr"] = "x" }, "description", "invalid_language"},
		{"bad coop type", func(c *Company) { c.Seeks = []Cooperation{{Type: "friendship"}} }, "seeks.0.type", "invalid_choice"},
		{"bad website", func(c *Company) { c.Website = "javascript:alert(1)" }, "website", "invalid_url"},
		{"contact without email", func(c *Company) { c.Contact = Contact{Name: "X"} }, "contact.email", "required"},
		{"bad email", func(c *Company) { c.Contact.Email = "a@b" }, "contact.email", "invalid_email"},
		{"bad phone", func(c *Company) { c.Contact.Phone = "call me" }, "contact.phone", "invalid_phone"},
		{"future founding", func(c *Company) { c.Founded = 3000 }, "founded", "invalid_year"},
		{"long name in kana", func(c *Company) { c.Name = string(make([]rune, MaxName+1)) }, "name", "too_long"},
	}
	for _, tt := range tests {
		c := sample()
		tt.change(&c)
		c.Normalize()
		errs := c.Validate(known)
		if tt.field == "" {
			if len(errs) > 0 {
				t.Errorf("%s: unexpected errors %v", tt.name, errs)
			}
			continue
		}
		e, ok := errs.Get(tt.field)
		if !ok || e.Code != tt.code {
			t.Errorf("%s: errors %v, want %s %s", tt.name, errs, tt.field, tt.code)
		}
	}
}

func TestNormalize(t *testing.T) {
	c := Company{Sectors: []string{" c26", "C26", ""}, Keywords: []string{" Optik ", "Optik", ""},
		Description: Texts{"de": "  ", "en": " x "}, Offers: []Cooperation{{}, {Type: CoopSupply, Text: " y "}}}
	c.Normalize()
	if len(c.Sectors) != 1 || c.Sectors[0] != "C26" || len(c.Keywords) != 1 || len(c.Description) != 1 || c.Description["en"] != "x" || len(c.Offers) != 1 || c.Offers[0].Text != "y" {
		t.Fatalf("%+v", c)
	}
}

func TestCompleteness(t *testing.T) {
	empty := Company{}
	if s, missing := Completeness(&empty); s != 0 || len(missing) == 0 {
		t.Fatalf("empty: %d %v", s, missing)
	}
	c := sample()
	s1, _ := Completeness(&c)
	c.Description["en"] = "text"
	c.Seeks = []Cooperation{{Type: CoopDistribution}}
	s2, missing := Completeness(&c)
	if s2 <= s1 {
		t.Fatalf("more content did not raise the score: %d → %d", s1, s2)
	}
	for _, m := range missing {
		if m == "seeks" || m == "description_second_language" {
			t.Errorf("%s still reported missing", m)
		}
	}
}

func TestComplementary(t *testing.T) {
	offers := []Cooperation{{Type: CoopDistribution}}
	seeks := []Cooperation{{Type: CoopResearch}}
	for _, tt := range []struct {
		t    CoopType
		want bool
	}{{CoopDistribution, true}, {CoopResearch, true}, {CoopSupply, false}, {CoopTechnical, false}} {
		if got := Complementary(tt.t, offers, seeks); got != tt.want {
			t.Errorf("Complementary(%s) = %v", tt.t, got)
		}
	}
	if CoopDistribution.Symmetric() || !CoopJointVenture.Symmetric() {
		t.Error("symmetry wrong")
	}
}
