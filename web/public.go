package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/search"
	"kakehashi/templates"
)

var errNotFound = app.ErrNotFound

func (s *Server) home(c echo.Context) error {
	ctx := c.Request().Context()
	ms, err := s.app.Municipalities(ctx)
	if err != nil {
		return err
	}
	nrw := s.app.Search.Search(search.Query{Region: string(company.RegionNRW), PerPage: 1}).Total
	tokyo := s.app.Search.Search(search.Query{Region: string(company.RegionTokyo), PerPage: 1}).Total
	return render(c, http.StatusOK, templates.HomePage(templates.HomeView{NRW: nrw, Tokyo: tokyo, Municipalities: ms}))
}

// DirectoryQuery reads the directory's URL parameters; the whole state of a
// search lives in the URL so that it can be bookmarked and shared.
func DirectoryQuery(v url.Values) search.Query {
	q := search.Query{
		Q: v.Get("q"), Region: v.Get("region"), Sector: v.Get("sector"), Offers: v.Get("offers"),
		Seeks: v.Get("seeks"), Lang: v.Get("lang"), Municipality: v.Get("municipality"), Kind: v.Get("kind"),
		Size: v.Get("size"), PerPage: search.DefaultPerPage,
	}
	if n, err := strconv.Atoi(v.Get("per_page")); err == nil && slices.Contains(templates.PerPageChoices, n) {
		q.PerPage = n
	}
	if utf8.RuneCountInString(q.Q) > 200 {
		q.Q = string([]rune(q.Q)[:200])
	}
	q.Page, _ = strconv.Atoi(v.Get("page"))
	if q.Page < 1 || q.Page > 100000 {
		q.Page = 1
	}
	return q
}

func directoryURL(lang string, q search.Query, page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": q.Q, "region": q.Region, "sector": q.Sector, "offers": q.Offers, "seeks": q.Seeks,
		"lang": q.Lang, "municipality": q.Municipality, "kind": q.Kind, "size": q.Size} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.PerPage != search.DefaultPerPage && q.PerPage != 0 {
		v.Set("per_page", strconv.Itoa(q.PerPage))
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	u := templates.L(lang, "companies")
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

func (s *Server) directory(c echo.Context) error {
	ctx := c.Request().Context()
	q := DirectoryQuery(c.QueryParams())
	page, err := s.app.Directory(ctx, q)
	if err != nil {
		return err
	}
	rev := s.app.MunicipalityRevision() // before the list: a change meanwhile must not be cached under it
	ms, err := s.app.Municipalities(ctx)
	if err != nil {
		return err
	}
	v := templates.DirectoryView{Q: q, Total: page.Total, Page: page.Page, Pages: page.Pages, Companies: page.Companies,
		Municipalities: ms, MuniRev: rev}
	if page.Page > 1 {
		v.PrevURL = directoryURL(langOf(c), q, page.Page-1)
	}
	if page.Page < page.Pages {
		v.NextURL = directoryURL(langOf(c), q, page.Page+1)
	}
	return render(c, http.StatusOK, templates.DirectoryPage(v))
}

func (s *Server) profile(c echo.Context) error {
	co, err := s.app.Company(c.Request().Context(), c.Param("ref"))
	if errors.Is(err, app.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return err
	}
	v, err := s.profileView(c, co)
	if err != nil {
		return err
	}
	return s.renderForVisitor(c, v.VisitorKey(), templates.ProfilePage(v))
}

// profileView gathers what a profile page shows to the current viewer.
func (s *Server) profileView(c echo.Context, co company.Company) (templates.ProfileView, error) {
	ctx := c.Request().Context()
	v := templates.ProfileView{C: co, Stale: co.Stale(s.app.Now())}
	v.Similar, v.SimilarKey = s.app.Similar(co.ID, 5)
	v.MuniRev = s.app.MunicipalityRevision() // before the name: a change meanwhile must not be cached under it
	if co.Municipality != "" {
		if m, err := s.app.MunicipalityByKey(ctx, co.Municipality); err == nil {
			v.MunicipalityName = m.Name
		}
	}
	u := currentUser(c)
	if u == nil {
		return v, nil
	}
	v.IsOwner = u.CompanyID == co.ID
	v.StaffView = u.Role.IsStaff()
	if u.Role == account.RoleCompany && u.CompanyID != 0 && !v.IsOwner {
		if own, err := s.app.CompanyView(ctx, u.CompanyID); err == nil && own.Region != co.Region {
			v.CanRequest = true
		}
	}
	if v.StaffView {
		notes, err := s.app.StaffNotes(ctx, u, co.ID)
		if err != nil {
			return v, err
		}
		v.Notes = notes
	}
	return v, nil
}
