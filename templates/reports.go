package templates

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/cases"
	"kakehashi/internal/municipality"
	"kakehashi/internal/report"
)

// StaffCompaniesView is a page of the staff company list.
type StaffCompaniesView struct {
	P              app.StaffCompanyPage
	ScopeName      string                      // name of the municipality shown, "" for all
	Municipalities []municipality.Municipality // filter choices; nil for municipal staff
	Now            time.Time
}

// DashboardView is the staff dashboard.
type DashboardView struct {
	D              report.Dashboard
	Scope          string                      // municipality key, "" for all
	Municipalities []municipality.Municipality // filter choices; nil for municipal staff
	Names          map[string]string           // municipality key → name
}

// staffURL is a staff page with the municipality filter (and page) as query.
func staffURL(ctx context.Context, name, muni string, page int) string {
	q := url.Values{}
	if muni != "" {
		q.Set("municipality", muni)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	p := u(ctx, "staff", name)
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}

func scopeLabel(ctx context.Context, name string) string {
	if name == "" {
		return t(ctx, "report.scope_all")
	}
	return t(ctx, "report.scope", "name", name)
}

func municipalityLabel(ctx context.Context, names map[string]string, key string) string {
	if key == "" {
		return t(ctx, "report.unassigned")
	}
	if n, ok := names[key]; ok {
		return n
	}
	return key
}

// monthLabel is a short month name with year: "Mai 2026", "May 2026", "2026年5月".
func monthLabel(ctx context.Context, m time.Time) string {
	return t(ctx, "report.month", "month", t(ctx, "report.month_"+strconv.Itoa(int(m.Month()))), "year", strconv.Itoa(m.Year()))
}

// sectorCategory labels a NACE division for a chart axis: code and a
// shortened name, so that the chart stays readable.
func sectorCategory(ctx context.Context, code string) string {
	label := sectorLabel(ctx, code)
	if label == code {
		return code
	}
	return code + " " + excerpt(label, 28)
}

// duration shows a median wait in minutes below an hour, in hours below two
// days, else in days.
func duration(ctx context.Context, d time.Duration) string {
	if d < time.Hour {
		return t(ctx, "report.minutes", "value", chartNum(lang(ctx), d.Minutes(), 0))
	}
	if d < 48*time.Hour {
		return t(ctx, "report.hours", "value", chartNum(lang(ctx), d.Hours(), 1))
	}
	return t(ctx, "report.days", "value", chartNum(lang(ctx), d.Hours()/24, 1))
}

func percent(ctx context.Context, n int) string {
	return t(ctx, "report.percent", "n", strconv.Itoa(n))
}

func floats(ns []int) []float64 {
	out := make([]float64, len(ns))
	for i, n := range ns {
		out[i] = float64(n)
	}
	return out
}

func sum(ns []int) int {
	s := 0
	for _, n := range ns {
		s += n
	}
	return s
}

func registrationsChart(ctx context.Context, v DashboardView) Chart {
	c := Chart{ID: "registrations", Title: t(ctx, "report.registrations")}
	for _, m := range v.D.Months {
		c.Categories = append(c.Categories, monthLabel(ctx, m))
	}
	total := 0
	for _, r := range v.D.Regions {
		counts := v.D.Registrations[r]
		total += sum(counts)
		c.Series = append(c.Series, Series{Name: t(ctx, "region."+r), Values: floats(counts)})
	}
	c.Desc = t(ctx, "report.registrations_desc", "n", total, "months", len(v.D.Months))
	return c
}

func statesChart(ctx context.Context, v DashboardView) Chart {
	c := Chart{ID: "case-states", Title: t(ctx, "report.states"), Horizontal: true,
		Desc: t(ctx, "report.states_desc", "n", v.D.Cases)}
	for _, s := range v.D.States {
		c.Categories = append(c.Categories, t(ctx, "state."+s))
	}
	c.Series = []Series{{Name: t(ctx, "report.cases"), Values: floats(v.D.StateCounts)}}
	return c
}

// groupsChart shows introductions and each kind of outcome per group. Kinds
// nobody reported are left out: six bars per group, mostly empty, would
// bury the few that carry information.
func groupsChart(ctx context.Context, id, title, desc string, groups []report.Group, label func(string) string) Chart {
	c := Chart{ID: id, Title: title, Desc: desc, Horizontal: true}
	intro := Series{Name: t(ctx, "report.introductions")}
	for _, g := range groups {
		c.Categories = append(c.Categories, label(g.Key))
		intro.Values = append(intro.Values, float64(g.Introductions))
	}
	c.Series = []Series{intro}
	for _, k := range cases.OutcomeKinds {
		s, reported := Series{Name: t(ctx, "outcome."+string(k))}, false
		for _, g := range groups {
			n := g.Outcomes[string(k)]
			reported = reported || n > 0
			s.Values = append(s.Values, float64(n))
		}
		if reported {
			c.Series = append(c.Series, s)
		}
	}
	return c
}

func municipalityChart(ctx context.Context, v DashboardView) Chart {
	return groupsChart(ctx, "by-municipality", t(ctx, "report.by_municipality"), t(ctx, "report.groups_desc"),
		v.D.ByMunicipality, func(k string) string { return municipalityLabel(ctx, v.Names, k) })
}

func sectorChart(ctx context.Context, v DashboardView) Chart {
	return groupsChart(ctx, "by-sector", t(ctx, "report.by_sector", "n", app.DashboardTopSectors), t(ctx, "report.groups_desc"),
		v.D.BySector, func(k string) string { return sectorCategory(ctx, k) })
}
