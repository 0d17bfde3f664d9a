package app

import (
	"context"
	"sort"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
	"kakehashi/internal/company"
	"kakehashi/internal/report"
	"kakehashi/internal/store"
)

// StaffPageSize is the number of companies per page of the staff list.
const StaffPageSize = 50

// DashboardMonths is how many months of registrations the dashboard shows.
const DashboardMonths = 12

// DashboardTopSectors is how many sectors the dashboard ranks.
const DashboardTopSectors = 10

// ReportScope returns the municipality whose companies and cases u may see
// in lists, exports and the dashboard: municipal staff always their own, the
// desk and admins the requested one, "" meaning all. An unknown requested
// key is ignored rather than answered with an empty report.
func (a *App) ReportScope(ctx context.Context, u *account.User, requested string) (string, error) {
	switch u.Role {
	case account.RoleStaff:
		if u.Municipality == "" {
			// Without a municipality "" would mean everything.
			return "", ErrForbidden
		}
		return u.Municipality, nil
	case account.RoleDesk, account.RoleAdmin:
		if requested == "" {
			return "", nil
		}
		m, err := a.MunicipalityByKey(ctx, requested)
		if err != nil || m.IsDesk() {
			return "", nil
		}
		return m.Key, nil
	}
	return "", ErrForbidden
}

// StaffCompany is a row of the staff company list.
type StaffCompany struct {
	company.Company
	Completeness int // 0–100, see company.Completeness
	Cases        int // cases the company is part of, on either side
}

// StaffCompanyPage is one page of the staff company list.
type StaffCompanyPage struct {
	Scope       string // municipality shown, "" for all
	Companies   []StaffCompany
	Total       int
	Page, Pages int
}

// StaffCompanies returns a page (from 1) of the companies in scope by name.
func (a *App) StaffCompanies(ctx context.Context, u *account.User, municipality string, page int) (StaffCompanyPage, error) {
	scope, err := a.ReportScope(ctx, u, municipality)
	if err != nil {
		return StaffCompanyPage{}, err
	}
	p := StaffCompanyPage{Scope: scope, Page: max(page, 1)}
	list, total, err := a.Store.CompanyList(ctx, scope, (p.Page-1)*StaffPageSize, StaffPageSize)
	if err != nil {
		return p, err
	}
	p.Total = int(total)
	p.Pages = max((p.Total+StaffPageSize-1)/StaffPageSize, 1)
	if p.Page > p.Pages {
		// Past the end (a stale link): show the last page instead.
		p.Page = p.Pages
		if list, _, err = a.Store.CompanyList(ctx, scope, (p.Page-1)*StaffPageSize, StaffPageSize); err != nil {
			return p, err
		}
	}
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	counts, err := a.Store.CaseCounts(ctx, ids)
	if err != nil {
		return p, err
	}
	p.Companies = make([]StaffCompany, len(list))
	for i := range list {
		score, _ := company.Completeness(&list[i])
		p.Companies[i] = StaffCompany{Company: list[i], Completeness: score, Cases: counts[list[i].ID]}
	}
	return p, nil
}

// EachExportCompany calls fn for every company in scope, streaming from the
// database. The caller must not write contact data: exports leave personal
// data out.
func (a *App) EachExportCompany(ctx context.Context, u *account.User, municipality string, fn func(company.Company) error) error {
	scope, err := a.ReportScope(ctx, u, municipality)
	if err != nil {
		return err
	}
	return a.Store.EachCompanyIn(ctx, scope, fn)
}

// CaseExport is a case as the CSV export lists it.
type CaseExport struct {
	store.CaseInfo
	Tokyo, NRW, Requester store.CompanyLabel // NRW empty for market entry, Requester when staff proposed
	Overdue               bool
}

// ExportCases returns the cases u sees in the queue under filter f, without
// the queue's length limit, by id.
func (a *App) ExportCases(ctx context.Context, u *account.User, f QueueFilter) ([]CaseExport, error) {
	if !u.Role.IsStaff() {
		return nil, ErrForbidden
	}
	sf := store.CaseFilter{State: f.State, Municipality: f.Municipality, Sector: f.Sector, Region: f.Region}
	if u.Role == account.RoleStaff {
		if u.Municipality == "" {
			return nil, ErrForbidden
		}
		sf.Municipality = u.Municipality
	}
	if f.MinAgeDays > 0 {
		sf.OlderThan = time.Duration(f.MinAgeDays) * 24 * time.Hour
	}
	now := a.Now()
	list, err := a.Store.ListCases(ctx, sf, now)
	if err != nil {
		return nil, err
	}
	actor := cases.ActorOf(u)
	var out []CaseExport
	var ids []int64
	for _, c := range list {
		if !c.CanView(actor) {
			continue
		}
		e := CaseExport{CaseInfo: c, Overdue: c.Overdue(now, a.Cfg.Timing)}
		if f.OverdueOnly && !e.Overdue {
			continue
		}
		out = append(out, e)
		ids = append(ids, c.TokyoCompanyID, c.NRWCompanyID, c.RequesterID)
	}
	labels, err := a.Store.CompanyLabels(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Tokyo = labels[out[i].TokyoCompanyID]
		out[i].NRW = labels[out[i].NRWCompanyID]
		out[i].Requester = labels[out[i].RequesterID]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Dashboard computes the staff dashboard for the scope u may see (see
// ReportScope); months are counted in loc.
func (a *App) Dashboard(ctx context.Context, u *account.User, municipality string, loc *time.Location) (report.Dashboard, string, error) {
	scope, err := a.ReportScope(ctx, u, municipality)
	if err != nil {
		return report.Dashboard{}, "", err
	}
	in := report.Input{
		Now: a.Now(), Loc: loc, MonthCount: DashboardMonths, TopSectors: DashboardTopSectors,
		Regions: []string{string(company.RegionNRW), string(company.RegionTokyo)},
	}
	for _, s := range cases.States {
		in.States = append(in.States, string(s))
	}
	if scope != "" {
		// A municipality's companies are all on the NRW side.
		in.Regions = in.Regions[:1]
		in.Municipalities = []string{scope}
	} else {
		ms, err := a.Municipalities(ctx)
		if err != nil {
			return report.Dashboard{}, "", err
		}
		for _, m := range PartnerMunicipalities(ms) {
			in.Municipalities = append(in.Municipalities, m.Key)
		}
	}
	since := report.Months(in.Now, in.MonthCount, loc)[0]
	if in.Registrations, err = a.Store.Registrations(ctx, scope, since); err != nil {
		return report.Dashboard{}, "", err
	}
	if in.Cases, err = a.Store.CaseFacts(ctx, scope); err != nil {
		return report.Dashboard{}, "", err
	}
	if in.Outcomes, err = a.Store.OutcomeFacts(ctx, scope); err != nil {
		return report.Dashboard{}, "", err
	}
	return report.Build(in), scope, nil
}
