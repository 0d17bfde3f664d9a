package store

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"kakehashi/internal/cases"
	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/internal/report"
)

// The report queries must read the same on both backends; TestMain runs
// this once on each.
func TestReportQueries(t *testing.T) {
	s := openTemp(t)
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	testReportQueries(t, s)
}

func testReportQueries(t *testing.T, s *Store) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, key := range []string{"koeln", "aachen"} {
		m := municipality.Municipality{Key: key, Name: key, Agency: key}
		if err := s.SaveMunicipality(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	save := func(ref string, region company.Region, muni string, sectors []string, created time.Time) int64 {
		s.now = func() time.Time { return created }
		c := company.Company{Ref: ref, Name: "Name " + ref, Region: region, Municipality: muni, Sectors: sectors,
			Contact: company.Contact{Name: "P", Email: ref + "@example.org"}}
		if err := s.SaveCompany(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	k1 := save("k-1", company.RegionNRW, "koeln", []string{"C26"}, t0)
	k2 := save("k-2", company.RegionNRW, "koeln", []string{"J62"}, t0.AddDate(0, -2, 0))
	a1 := save("a-1", company.RegionNRW, "aachen", []string{"C28"}, t0.AddDate(-2, 0, 0))
	tk := save("t-1", company.RegionTokyo, "", []string{"C26", "M72"}, t0)
	s.now = func() time.Time { return t0 }

	newCase := func(nrw, tokyo int64, muni string, state cases.State, accepted bool) int64 {
		c := cases.Case{NRWCompanyID: nrw, TokyoCompanyID: tokyo, RequesterID: tokyo, Municipality: muni,
			State: state, StateSince: t0, CreatedAt: t0}
		if accepted {
			c.AcceptedAt = t0.Add(48 * time.Hour)
		}
		if err := s.CreateCase(ctx, &c, nil); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	c1 := newCase(k1, tk, "koeln", cases.Accepted, true)
	c2 := newCase(a1, tk, "aachen", cases.InReview, false)
	c3 := newCase(0, tk, "", cases.Triage, false)
	if err := s.SetFirstResponse(ctx, c1, t0.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Outcome{{CaseID: c1, CompanyID: k1, Kind: "meeting"}, {CaseID: c1, CompanyID: tk, Kind: "meeting"}} {
		if err := s.AddOutcome(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("company list", func(t *testing.T) {
		list, total, err := s.CompanyList(ctx, "koeln", 0, 1)
		if err != nil || total != 2 || len(list) != 1 || list[0].Ref != "k-1" {
			t.Fatalf("page 1: %v %d %v", refsOf(list), total, err)
		}
		list, _, _ = s.CompanyList(ctx, "koeln", 1, 1)
		if len(list) != 1 || list[0].Ref != "k-2" {
			t.Errorf("page 2: %v", refsOf(list))
		}
		if _, total, _ := s.CompanyList(ctx, "", 0, 50); total != 4 {
			t.Errorf("all: %d", total)
		}
	})
	t.Run("each company in", func(t *testing.T) {
		for muni, want := range map[string][]string{"koeln": {"k-1", "k-2"}, "": {"k-1", "k-2", "a-1", "t-1"}} {
			var got []string
			if err := s.EachCompanyIn(ctx, muni, func(c company.Company) error { got = append(got, c.Ref); return nil }); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q: %v, want %v", muni, got, want)
			}
		}
	})
	t.Run("case counts and labels", func(t *testing.T) {
		counts, err := s.CaseCounts(ctx, []int64{k1, k2, a1, tk})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[int64]int{k1: 1, a1: 1, tk: 3}; !reflect.DeepEqual(counts, want) {
			t.Errorf("counts %v, want %v", counts, want)
		}
		labels, err := s.CompanyLabels(ctx, []int64{tk, 0, k1})
		if err != nil || len(labels) != 2 || labels[tk].Ref != "t-1" || labels[k1].Name != "Name k-1" {
			t.Errorf("labels %v %v", labels, err)
		}
	})
	t.Run("registrations", func(t *testing.T) {
		regs, err := s.Registrations(ctx, "", t0.AddDate(0, -6, 0))
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(regs)
		want := fmt.Sprint([]report.Registration{{Region: "nrw", CreatedAt: t0}, {Region: "nrw", CreatedAt: t0.AddDate(0, -2, 0)}, {Region: "tokyo", CreatedAt: t0}})
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
		if regs, _ := s.Registrations(ctx, "koeln", t0.AddDate(0, -1, 0)); len(regs) != 1 {
			t.Errorf("Köln since a month: %v", regs)
		}
	})
	t.Run("case facts", func(t *testing.T) {
		facts, err := s.CaseFacts(ctx, "")
		if err != nil || len(facts) != 3 {
			t.Fatalf("%v %v", facts, err)
		}
		f := facts[0]
		sort.Strings(f.Sectors)
		if f.ID != c1 || f.State != "accepted" || f.Municipality != "koeln" || !f.CreatedAt.Equal(t0) ||
			!f.FirstResponseAt.Equal(t0.Add(3*time.Hour)) || !f.AcceptedAt.Equal(t0.Add(48*time.Hour)) ||
			!reflect.DeepEqual(f.Sectors, []string{"C26", "C26", "M72"}) {
			t.Errorf("fact %+v", f)
		}
		if facts[2].ID != c3 || facts[2].Municipality != "" || !facts[2].FirstResponseAt.IsZero() || len(facts[2].Sectors) != 2 {
			t.Errorf("market entry fact %+v", facts[2])
		}
		aachen, _ := s.CaseFacts(ctx, "aachen")
		if len(aachen) != 1 || aachen[0].ID != c2 {
			t.Errorf("Aachen facts %+v", aachen)
		}
	})
	t.Run("outcome facts", func(t *testing.T) {
		all, err := s.OutcomeFacts(ctx, "")
		if err != nil || len(all) != 2 || all[0] != (report.OutcomeFact{CaseID: c1, Kind: "meeting"}) {
			t.Errorf("%v %v", all, err)
		}
		if a, _ := s.OutcomeFacts(ctx, "aachen"); len(a) != 0 {
			t.Errorf("Aachen outcomes %v", a)
		}
		if k, _ := s.OutcomeFacts(ctx, "koeln"); len(k) != 2 {
			t.Errorf("Köln outcomes %v", k)
		}
	})
}

func refsOf(cs []company.Company) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Ref
	}
	return out
}
