// Package report computes the figures of the staff dashboard — registrations
// per month, cases per state, the median time to a first response,
// introductions and outcomes per municipality and sector — from plain facts
// the store fetches. It knows neither SQL nor HTTP: date arithmetic happens
// here, in Go, so that the same numbers come out of SQLite and PostgreSQL.
package report

import (
	"sort"
	"time"
)

// Registration is when a company registered and on which side.
type Registration struct {
	Region    string
	CreatedAt time.Time
}

// CaseFact is what the dashboard needs of one case.
type CaseFact struct {
	ID              int64
	State           string
	Municipality    string // "" while the desk has not assigned it
	CreatedAt       time.Time
	FirstResponseAt time.Time // zero until staff first acted on it
	AcceptedAt      time.Time // zero unless both sides agreed to the introduction
	Sectors         []string  // NACE divisions of the companies involved, each once
}

// OutcomeFact is one outcome a company reported on a case.
type OutcomeFact struct {
	CaseID int64
	Kind   string
}

// Months returns the first instants of the n calendar months in loc that end
// with the month of now, oldest first.
func Months(now time.Time, n int, loc *time.Location) []time.Time {
	if n <= 0 {
		return nil
	}
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = first.AddDate(0, i-(n-1), 0)
	}
	return out
}

// MonthIndex returns the index of the month in months (as from Months) that
// holds t, or -1 when t lies before the first or after the last month.
func MonthIndex(months []time.Time, t time.Time) int {
	if len(months) == 0 || t.Before(months[0]) {
		return -1
	}
	if !t.Before(months[len(months)-1].AddDate(0, 1, 0)) {
		return -1
	}
	// Months are few (12): a linear scan from the end is simplest.
	for i := len(months) - 1; i >= 0; i-- {
		if !t.Before(months[i]) {
			return i
		}
	}
	return -1
}

// RegistrationsByMonth counts registrations per region and month; regions
// not in the list are ignored, so every returned slice has len(months).
func RegistrationsByMonth(regs []Registration, months []time.Time, regions []string) map[string][]int {
	out := make(map[string][]int, len(regions))
	for _, r := range regions {
		out[r] = make([]int, len(months))
	}
	for _, r := range regs {
		counts, ok := out[r.Region]
		if !ok {
			continue
		}
		if i := MonthIndex(months, r.CreatedAt); i >= 0 {
			counts[i]++
		}
	}
	return out
}

// Median returns the median of ds (the mean of the two middle values for an
// even count) and false when ds is empty. ds is not modified.
func Median(ds []time.Duration) (time.Duration, bool) {
	if len(ds) == 0 {
		return 0, false
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m], true
	}
	return s[m-1] + (s[m]-s[m-1])/2, true
}

// FirstResponse returns the median time from a case's creation to the first
// staff action and how many cases it is based on: those with a first
// response. A response recorded before creation (clock skew between
// instances) counts as immediate.
func FirstResponse(cs []CaseFact) (time.Duration, int) {
	var ds []time.Duration
	for _, c := range cs {
		if c.FirstResponseAt.IsZero() {
			continue
		}
		ds = append(ds, max(c.FirstResponseAt.Sub(c.CreatedAt), 0))
	}
	m, _ := Median(ds)
	return m, len(ds)
}

// CountStates counts cases per state in the order of states; cases in other
// states are not counted.
func CountStates(cs []CaseFact, states []string) []int {
	idx := make(map[string]int, len(states))
	for i, s := range states {
		idx[s] = i
	}
	out := make([]int, len(states))
	for _, c := range cs {
		if i, ok := idx[c.State]; ok {
			out[i]++
		}
	}
	return out
}

// Group is the introductions and outcomes of one municipality or sector.
type Group struct {
	Key           string
	Introductions int            // cases that reached "accepted" (both sides agreed)
	Outcomes      map[string]int // per kind: cases with at least one such outcome
}

// OutcomeTotal is the number of outcomes of all kinds in g.
func (g Group) OutcomeTotal() int {
	n := 0
	for _, v := range g.Outcomes {
		n += v
	}
	return n
}

// Introductions groups cases by keysOf (a case may belong to several groups,
// e.g. the sectors of both companies; each key once per case) and counts per
// group the introductions and, per kind, the cases with such an outcome: when
// both companies report a meeting it is one meeting. Keys in seed are
// included even without any case. Groups without introductions or outcomes
// are dropped unless seeded. The result is ordered by introductions, then
// outcomes, then key.
func Introductions(cs []CaseFact, outs []OutcomeFact, keysOf func(CaseFact) []string, seed []string) []Group {
	kinds := map[int64]map[string]bool{}
	for _, o := range outs {
		if kinds[o.CaseID] == nil {
			kinds[o.CaseID] = map[string]bool{}
		}
		kinds[o.CaseID][o.Kind] = true
	}
	groups := map[string]*Group{}
	get := func(k string) *Group {
		g, ok := groups[k]
		if !ok {
			g = &Group{Key: k, Outcomes: map[string]int{}}
			groups[k] = g
		}
		return g
	}
	for _, k := range seed {
		get(k)
	}
	for _, c := range cs {
		accepted := !c.AcceptedAt.IsZero()
		if !accepted && len(kinds[c.ID]) == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, k := range keysOf(c) {
			if seen[k] {
				continue
			}
			seen[k] = true
			g := get(k)
			if accepted {
				g.Introductions++
			}
			for kind := range kinds[c.ID] {
				g.Outcomes[kind]++
			}
		}
	}
	out := make([]Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Introductions != b.Introductions {
			return a.Introductions > b.Introductions
		}
		if x, y := a.OutcomeTotal(), b.OutcomeTotal(); x != y {
			return x > y
		}
		return a.Key < b.Key
	})
	return out
}

// ByMunicipality groups introductions by the municipality a case is assigned
// to ("" for none).
func ByMunicipality(cs []CaseFact, outs []OutcomeFact, seed []string) []Group {
	return Introductions(cs, outs, func(c CaseFact) []string { return []string{c.Municipality} }, seed)
}

// BySector groups introductions by the NACE divisions of the companies
// involved and keeps the top n (all when n <= 0).
func BySector(cs []CaseFact, outs []OutcomeFact, n int) []Group {
	gs := Introductions(cs, outs, func(c CaseFact) []string { return c.Sectors }, nil)
	if n > 0 && len(gs) > n {
		gs = gs[:n]
	}
	return gs
}

// Input is everything Build needs.
type Input struct {
	Now            time.Time
	Loc            *time.Location // the zone months are counted in
	MonthCount     int            // months of registrations, e.g. 12
	Regions        []string       // registration series, in display order
	States         []string       // case states, in display order
	Municipalities []string       // municipalities always listed, even without cases
	TopSectors     int
	Registrations  []Registration
	Cases          []CaseFact
	Outcomes       []OutcomeFact
}

// Dashboard holds every figure of the staff dashboard.
type Dashboard struct {
	Months         []time.Time
	Regions        []string
	Registrations  map[string][]int // region → count per month
	States         []string
	StateCounts    []int
	Cases          int
	FirstResponse  time.Duration // median; meaningful only when FirstResponseN > 0
	FirstResponseN int
	ByMunicipality []Group
	BySector       []Group
}

// Build computes the dashboard from in.
func Build(in Input) Dashboard {
	d := Dashboard{
		Months:  Months(in.Now, in.MonthCount, in.Loc),
		Regions: in.Regions,
		States:  in.States,
		Cases:   len(in.Cases),
	}
	d.Registrations = RegistrationsByMonth(in.Registrations, d.Months, in.Regions)
	d.StateCounts = CountStates(in.Cases, in.States)
	d.FirstResponse, d.FirstResponseN = FirstResponse(in.Cases)
	d.ByMunicipality = ByMunicipality(in.Cases, in.Outcomes, in.Municipalities)
	d.BySector = BySector(in.Cases, in.Outcomes, in.TopSectors)
	return d
}
