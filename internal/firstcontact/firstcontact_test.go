package firstcontact

import (
	"strings"
	"testing"

	"kakehashi/internal/company"
)

func sample() Request {
	return Request{CompanyName: " 府中メタレンズ株式会社 ", Region: company.RegionTokyo, WhatTheyDo: "マイクロ光学部品の製造",
		LookingFor: "ドイツでの販売パートナー", ContactName: "山田 花子", Email: " Hanako@Example.JP ", Lang: "ja"}
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		name    string
		change  func(r *Request)
		consent bool
		want    []string // fields with errors
	}{
		{"valid", func(r *Request) {}, true, nil},
		{"no consent", func(r *Request) {}, false, []string{"consent"}},
		{"empty", func(r *Request) { *r = Request{} }, true, []string{"name", "region", "what_they_do", "looking_for", "contact_name", "contact_email"}},
		{"bad region", func(r *Request) { r.Region = "osaka" }, true, []string{"region"}},
		{"too long", func(r *Request) {
			r.WhatTheyDo = strings.Repeat("光", MaxWhatTheyDo+1)
			r.LookingFor = strings.Repeat("x", MaxLookingFor+1)
			r.CompanyName = strings.Repeat("x", company.MaxName+1)
		}, true, []string{"name", "what_they_do", "looking_for"}},
		{"japanese at the limit", func(r *Request) { r.WhatTheyDo = strings.Repeat("光", MaxWhatTheyDo) }, true, nil},
		{"bad e-mail", func(r *Request) { r.Email = "hanako@" }, true, []string{"contact_email"}},
		{"non-ASCII e-mail", func(r *Request) { r.Email = "müller@example.de" }, true, []string{"contact_email"}},
		{"bad phone", func(r *Request) { r.Phone = "call me" }, true, []string{"contact_phone"}},
		{"newline in name", func(r *Request) { r.CompanyName = "A\r\nBcc: x@example.org" }, true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := sample()
			tt.change(&r)
			r.Normalize()
			errs := r.Validate(tt.consent)
			for _, f := range tt.want {
				if !errs.Has(f) {
					t.Errorf("no error on %s (%v)", f, errs)
				}
			}
			if len(tt.want) == 0 && len(errs) > 0 {
				t.Errorf("unexpected errors: %v", errs)
			}
			if strings.ContainsAny(r.CompanyName, "\r\n") {
				t.Errorf("control characters kept: %q", r.CompanyName)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	r := sample()
	r.Normalize()
	if r.CompanyName != "府中メタレンズ株式会社" || r.Email != "hanako@example.jp" {
		t.Errorf("normalized: %q %q", r.CompanyName, r.Email)
	}
}

func TestCan(t *testing.T) {
	for _, s := range States {
		for _, region := range company.Regions {
			r := Request{State: s, Region: region}
			for _, act := range []Action{Answer, Invite, Close} {
				if got := r.Can(act); got != !s.Final() {
					t.Errorf("%s %s %s: %v", region, s, act, got)
				}
			}
			want := !s.Final() && region == company.RegionTokyo
			if got := r.Can(Convert); got != want {
				t.Errorf("%s %s convert: %v", region, s, got)
			}
		}
	}
}

func TestProfile(t *testing.T) {
	r := sample()
	r.Normalize()
	c := r.Profile("C26")
	c.Ref = "tokyo-abc123"
	c.Normalize()
	if errs := c.Validate(nil); len(errs) > 0 {
		t.Fatalf("profile invalid: %v", errs)
	}
	if !company.HasCoop(c.Seeks, company.CoopMarketEntry) || c.Seeks[0].Text != r.LookingFor {
		t.Errorf("seeks %v", c.Seeks)
	}
	if d := c.Description["ja"]; !strings.Contains(d, r.WhatTheyDo) || !strings.Contains(d, r.LookingFor) {
		t.Errorf("description %q", d)
	}
	nrw := Request{Region: company.RegionNRW, Lang: "de"}
	if p := nrw.Profile(); len(p.Seeks) != 0 {
		t.Errorf("NRW firm seeks market entry: %v", p.Seeks)
	}
}
