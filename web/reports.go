package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/csvout"
	"kakehashi/internal/i18n"
	"kakehashi/internal/municipality"
	"kakehashi/templates"
)

// staffCompanies lists the companies of the viewer's municipality (the desk
// and admins: all, or one by filter), 50 per page.
func (s *Server) staffCompanies(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	p, err := s.app.StaffCompanies(ctx, u, c.QueryParam("municipality"), page)
	if err != nil {
		return appError(err)
	}
	ms, names, err := s.reportMunicipalities(ctx, u)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.StaffCompaniesPage(templates.StaffCompaniesView{
		P: p, ScopeName: names[p.Scope], Municipalities: ms, Now: s.app.Now(),
	}))
}

func (s *Server) dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	d, scope, err := s.app.Dashboard(ctx, u, c.QueryParam("municipality"), templates.ReqOf(ctx).TZ)
	if err != nil {
		return appError(err)
	}
	ms, names, err := s.reportMunicipalities(ctx, u)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.DashboardPage(templates.DashboardView{D: d, Scope: scope, Municipalities: ms, Names: names}))
}

// reportMunicipalities returns the filter choices (nil for municipal staff,
// who see only their own) and every municipality's name by key.
func (s *Server) reportMunicipalities(ctx context.Context, u *account.User) ([]municipality.Municipality, map[string]string, error) {
	all, err := s.app.Municipalities(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(all))
	for _, m := range all {
		names[m.Key] = m.Name
	}
	if u.Role == account.RoleStaff {
		return nil, names, nil
	}
	return app.PartnerMunicipalities(all), names, nil
}

// startCSV sends the headers of a CSV download named
// kakehashi-<what>[-<municipality>]-<date>.csv and its header row.
func (s *Server) startCSV(c echo.Context, what, scope string, header []string) (*csvout.Writer, error) {
	name := "kakehashi-" + what
	if scope != "" {
		name += "-" + fileSafe(scope)
	}
	name += "-" + s.app.Now().UTC().Format("2006-01-02") + ".csv"
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	s.app.Audit(c.Request().Context(), currentUser(c), app.AuditExport, what+" "+scope, c.RealIP(), "CSV export")
	c.Response().WriteHeader(http.StatusOK)
	return csvout.NewWriter(c.Response(), header)
}

// fileSafe keeps only characters that need no quoting in a file name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(s))
}

// csvFailed logs an export that broke off after the header was sent: the
// status can no longer change, the client sees a truncated file.
func (s *Server) csvFailed(c echo.Context, err error) error {
	s.log.Error("csv export failed", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
	return nil
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func csvInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// casesCSV exports the cases of the queue (same visibility and filters).
func (s *Server) casesCSV(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	list, err := s.app.ExportCases(ctx, u, QueueFilterOf(c))
	if err != nil {
		return appError(err)
	}
	_, names, err := s.reportMunicipalities(ctx, u)
	if err != nil {
		return err
	}
	lang := langOf(c)
	header := []string{
		i18n.T(lang, "report.csv.id"), i18n.T(lang, "queue.state"), i18n.T(lang, "report.csv.state_since"),
		i18n.T(lang, "report.csv.created"), i18n.T(lang, "report.csv.first_response"), i18n.T(lang, "field.municipality"),
		i18n.T(lang, "report.csv.tokyo_ref"), i18n.T(lang, "report.csv.tokyo_name"),
		i18n.T(lang, "report.csv.nrw_ref"), i18n.T(lang, "report.csv.nrw_name"),
		i18n.T(lang, "report.csv.requester_ref"), i18n.T(lang, "report.csv.overdue"),
	}
	scope := ""
	if u.Role == account.RoleStaff {
		scope = u.Municipality
	}
	w, err := s.startCSV(c, "cases", scope, header)
	if err != nil {
		return s.csvFailed(c, err)
	}
	yes, no := i18n.T(lang, "report.yes"), i18n.T(lang, "report.no")
	for _, e := range list {
		overdue := no
		if e.Overdue {
			overdue = yes
		}
		muni := ""
		if e.Municipality != "" {
			muni = names[e.Municipality]
		}
		if err := w.Row([]string{
			strconv.FormatInt(e.ID, 10), i18n.T(lang, "state."+string(e.State)), csvTime(e.StateSince),
			csvTime(e.CreatedAt), csvTime(e.FirstResponseAt), muni,
			e.Tokyo.Ref, e.Tokyo.Name, e.NRW.Ref, e.NRW.Name, e.Requester.Ref, overdue,
		}); err != nil {
			return s.csvFailed(c, err)
		}
	}
	if err := w.Flush(); err != nil {
		return s.csvFailed(c, err)
	}
	return nil
}

// companiesCSV streams the companies in the viewer's scope. Contact persons
// are left out on purpose: an export is easily forwarded, personal data
// should not travel with it.
func (s *Server) companiesCSV(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	scope, err := s.app.ReportScope(ctx, u, c.QueryParam("municipality"))
	if err != nil {
		return appError(err)
	}
	_, names, err := s.reportMunicipalities(ctx, u)
	if err != nil {
		return err
	}
	lang := langOf(c)
	header := []string{
		i18n.T(lang, "field.ref"), i18n.T(lang, "field.name"), i18n.T(lang, "field.region"), i18n.T(lang, "field.city"),
		i18n.T(lang, "field.municipality"), i18n.T(lang, "field.kind"), i18n.T(lang, "field.founded"),
		i18n.T(lang, "field.employees"), i18n.T(lang, "field.sectors"), i18n.T(lang, "report.csv.offers_types"),
		i18n.T(lang, "report.csv.seeks_types"), i18n.T(lang, "field.languages"), i18n.T(lang, "field.website"),
		i18n.T(lang, "report.csv.confirmed"), i18n.T(lang, "report.csv.completeness"),
	}
	w, err := s.startCSV(c, "companies", scope, header)
	if err != nil {
		return s.csvFailed(c, err)
	}
	coops := func(list []company.Cooperation) string {
		var out []string
		seen := map[company.CoopType]bool{}
		for _, co := range list {
			if !seen[co.Type] {
				seen[co.Type] = true
				out = append(out, i18n.T(lang, "coop."+string(co.Type)))
			}
		}
		return strings.Join(out, "; ")
	}
	row := make([]string, len(header))
	err = s.app.EachExportCompany(ctx, u, scope, func(co company.Company) error {
		score, _ := company.Completeness(&co)
		kind := ""
		if co.Kind != "" {
			kind = i18n.T(lang, "kind."+string(co.Kind))
		}
		langs := make([]string, len(co.Languages))
		for i, l := range co.Languages {
			langs[i] = i18n.T(lang, "lang."+l)
		}
		row = append(row[:0],
			co.Ref, co.Name, i18n.T(lang, "region."+string(co.Region)), co.City, names[co.Municipality], kind,
			csvInt(co.Founded), csvInt(co.Employees), strings.Join(co.Sectors, "; "), coops(co.Offers), coops(co.Seeks),
			strings.Join(langs, "; "), co.Website, csvTime(co.ConfirmedAt), strconv.Itoa(score),
		)
		return w.Row(row)
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return s.csvFailed(c, err)
	}
	return nil
}
