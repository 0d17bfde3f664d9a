package report

import (
	"reflect"
	"testing"
	"time"
)

func day(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

func TestMonths(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	for _, tt := range []struct {
		name string
		now  time.Time
		n    int
		loc  *time.Location
		want []string
	}{
		{"three in UTC", day(2026, 3, 15, 12), 3, time.UTC, []string{"2026-01", "2026-02", "2026-03"}},
		{"across a year", day(2026, 2, 1, 0), 4, time.UTC, []string{"2025-11", "2025-12", "2026-01", "2026-02"}},
		{"end of a 31-day month", time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC), 2, time.UTC, []string{"2026-02", "2026-03"}},
		// 31 Jan 20:00 UTC is already 1 Feb in Tokyo.
		{"zone decides the month", day(2026, 1, 31, 20), 2, tokyo, []string{"2026-01", "2026-02"}},
		{"none", day(2026, 1, 1, 0), 0, time.UTC, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range Months(tt.now, tt.n, tt.loc) {
				if m.Day() != 1 || m.Hour() != 0 || m.Location() != tt.loc {
					t.Errorf("month start %v", m)
				}
				got = append(got, m.Format("2006-01"))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMonthIndex(t *testing.T) {
	months := Months(day(2026, 3, 10, 0), 3, time.UTC) // Jan, Feb, Mar 2026
	for _, tt := range []struct {
		t    time.Time
		want int
	}{
		{day(2025, 12, 31, 23), -1},
		{day(2026, 1, 1, 0), 0},
		{day(2026, 1, 31, 23), 0},
		{day(2026, 2, 1, 0), 1},
		{day(2026, 3, 31, 23), 2},
		{day(2026, 4, 1, 0), -1},
	} {
		if got := MonthIndex(months, tt.t); got != tt.want {
			t.Errorf("MonthIndex(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if MonthIndex(nil, day(2026, 1, 1, 0)) != -1 {
		t.Error("no months must give -1")
	}
}

func TestRegistrationsByMonth(t *testing.T) {
	months := Months(day(2026, 3, 10, 0), 3, time.UTC)
	regs := []Registration{
		{"nrw", day(2026, 1, 5, 0)}, {"nrw", day(2026, 1, 6, 0)}, {"tokyo", day(2026, 3, 1, 0)},
		{"nrw", day(2025, 6, 1, 0)},   // too old
		{"mars", day(2026, 2, 1, 0)},  // unknown region
		{"tokyo", day(2026, 4, 1, 0)}, // future
	}
	got := RegistrationsByMonth(regs, months, []string{"nrw", "tokyo"})
	want := map[string][]int{"nrw": {2, 0, 0}, "tokyo": {0, 0, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestMedian(t *testing.T) {
	h := time.Hour
	for _, tt := range []struct {
		in   []time.Duration
		want time.Duration
		ok   bool
	}{
		{nil, 0, false},
		{[]time.Duration{5 * h}, 5 * h, true},
		{[]time.Duration{9 * h, 1 * h, 5 * h}, 5 * h, true},
		{[]time.Duration{4 * h, 1 * h, 2 * h, 3 * h}, 150 * time.Minute, true},
		{[]time.Duration{1 * h, 1 * h, 100 * h}, 1 * h, true},
	} {
		orig := append([]time.Duration(nil), tt.in...)
		got, ok := Median(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Median(%v) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if !reflect.DeepEqual(orig, tt.in) {
			t.Errorf("Median reordered its input: %v", tt.in)
		}
	}
}

func TestFirstResponse(t *testing.T) {
	c0 := day(2026, 1, 1, 0)
	cs := []CaseFact{
		{ID: 1, CreatedAt: c0, FirstResponseAt: c0.Add(2 * time.Hour)},
		{ID: 2, CreatedAt: c0, FirstResponseAt: c0.Add(10 * time.Hour)},
		{ID: 3, CreatedAt: c0}, // not answered: not counted
		{ID: 4, CreatedAt: c0, FirstResponseAt: c0.Add(-time.Hour)}, // skew: counts as 0
	}
	m, n := FirstResponse(cs)
	if n != 3 || m != 2*time.Hour {
		t.Errorf("got %v over %d, want 2h over 3", m, n)
	}
	if m, n := FirstResponse(nil); m != 0 || n != 0 {
		t.Errorf("empty: %v %d", m, n)
	}
}

func TestCountStates(t *testing.T) {
	cs := []CaseFact{{State: "triage"}, {State: "triage"}, {State: "accepted"}, {State: "bogus"}}
	got := CountStates(cs, []string{"requested", "triage", "accepted"})
	if !reflect.DeepEqual(got, []int{0, 2, 1}) {
		t.Errorf("got %v", got)
	}
}

func TestIntroductions(t *testing.T) {
	acc := day(2026, 2, 1, 0)
	cs := []CaseFact{
		{ID: 1, Municipality: "koeln", AcceptedAt: acc, Sectors: []string{"C26", "C26", "M72"}},
		{ID: 2, Municipality: "koeln", AcceptedAt: acc, Sectors: []string{"C26"}},
		{ID: 3, Municipality: "aachen", AcceptedAt: acc, Sectors: []string{"J62"}},
		{ID: 4, Municipality: "essen", Sectors: []string{"C26"}},  // never accepted, no outcome: ignored
		{ID: 5, Municipality: "bochum", Sectors: []string{"K64"}}, // outcome without acceptance (data from before the workflow)
	}
	outs := []OutcomeFact{
		{1, "meeting"}, {1, "meeting"}, {1, "nda"}, // both sides report the meeting: one meeting
		{3, "none"},
		{5, "contract"},
	}
	muni := ByMunicipality(cs, outs, []string{"krefeld", "koeln"})
	wantMuni := []Group{
		{Key: "koeln", Introductions: 2, Outcomes: map[string]int{"meeting": 1, "nda": 1}},
		{Key: "aachen", Introductions: 1, Outcomes: map[string]int{"none": 1}},
		{Key: "bochum", Introductions: 0, Outcomes: map[string]int{"contract": 1}},
		{Key: "krefeld", Introductions: 0, Outcomes: map[string]int{}},
	}
	if !reflect.DeepEqual(muni, wantMuni) {
		t.Errorf("by municipality:\n got %+v\nwant %+v", muni, wantMuni)
	}

	sec := BySector(cs, outs, 0)
	wantSec := []Group{
		{Key: "C26", Introductions: 2, Outcomes: map[string]int{"meeting": 1, "nda": 1}},
		{Key: "M72", Introductions: 1, Outcomes: map[string]int{"meeting": 1, "nda": 1}}, // more outcomes than J62
		{Key: "J62", Introductions: 1, Outcomes: map[string]int{"none": 1}},
		{Key: "K64", Introductions: 0, Outcomes: map[string]int{"contract": 1}},
	}
	if !reflect.DeepEqual(sec, wantSec) {
		t.Errorf("by sector:\n got %+v\nwant %+v", sec, wantSec)
	}
	if top := BySector(cs, outs, 2); len(top) != 2 || top[0].Key != "C26" || top[1].Key != "M72" {
		t.Errorf("top 2: %+v", top)
	}
}

func TestBuild(t *testing.T) {
	now := day(2026, 3, 10, 0)
	d := Build(Input{
		Now: now, Loc: time.UTC, MonthCount: 12, Regions: []string{"nrw", "tokyo"},
		States: []string{"triage", "proposed"}, Municipalities: []string{"koeln"}, TopSectors: 10,
		Registrations: []Registration{{"nrw", now}, {"tokyo", now.AddDate(0, -11, 0)}},
		Cases: []CaseFact{
			{ID: 1, State: "proposed", Municipality: "koeln", CreatedAt: now, FirstResponseAt: now.Add(3 * time.Hour)},
			{ID: 2, State: "triage", CreatedAt: now},
		},
	})
	if len(d.Months) != 12 || d.Registrations["nrw"][11] != 1 || d.Registrations["tokyo"][0] != 1 {
		t.Errorf("registrations %v over %v", d.Registrations, d.Months)
	}
	if !reflect.DeepEqual(d.StateCounts, []int{1, 1}) || d.Cases != 2 {
		t.Errorf("states %v, cases %d", d.StateCounts, d.Cases)
	}
	if d.FirstResponse != 3*time.Hour || d.FirstResponseN != 1 {
		t.Errorf("first response %v over %d", d.FirstResponse, d.FirstResponseN)
	}
	if len(d.ByMunicipality) != 1 || d.ByMunicipality[0].Key != "koeln" || len(d.BySector) != 0 {
		t.Errorf("groups %+v %+v", d.ByMunicipality, d.BySector)
	}
}
