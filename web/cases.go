package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/cases"
	"kakehashi/templates"
)

// appError maps application errors to HTTP errors; other errors pass through
// to the error handler as 500s.
func appError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, app.ErrNotFound):
		return echo.NewHTTPError(http.StatusNotFound)
	case errors.Is(err, app.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden)
	case errors.Is(err, app.ErrInput):
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	case errors.Is(err, app.ErrConflict):
		return echo.NewHTTPError(http.StatusConflict)
	}
	return err
}

func caseID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

func (s *Server) casePath(c echo.Context, id int64) string {
	return langPath(c, "cases", strconv.FormatInt(id, 10))
}

// requestIntroduction: a company asks to be introduced to the profile's company.
func (s *Server) requestIntroduction(c echo.Context) error {
	ctx := c.Request().Context()
	msg := c.FormValue("message")
	id, errs, err := s.app.RequestIntroduction(ctx, currentUser(c), c.Param("ref"), msg)
	if err != nil {
		return appError(err)
	}
	if len(errs) > 0 {
		co, err := s.app.Company(ctx, c.Param("ref"))
		if err != nil {
			return appError(err)
		}
		v, err := s.profileView(c, co)
		if err != nil {
			return err
		}
		v.IntroMessage, v.IntroErrs = msg, errs
		return render(c, http.StatusUnprocessableEntity, templates.ProfilePage(v))
	}
	s.flash(c, "flash.intro_requested")
	return c.Redirect(http.StatusSeeOther, s.casePath(c, id))
}

// requestMarketEntry: a Tokyo company asks to be introduced to a municipality.
func (s *Server) requestMarketEntry(c echo.Context) error {
	ctx := c.Request().Context()
	msg := c.FormValue("message")
	id, errs, err := s.app.RequestIntroduction(ctx, currentUser(c), "", msg)
	if err != nil {
		return appError(err)
	}
	if len(errs) > 0 {
		co, err := s.app.OwnCompany(ctx, currentUser(c))
		if err != nil {
			return appError(err)
		}
		return s.renderSuggestionsWith(c, co, false, msg, errs)
	}
	s.flash(c, "flash.intro_requested")
	return c.Redirect(http.StatusSeeOther, s.casePath(c, id))
}

// proposeIntroduction: staff propose an introduction between a company and a suggestion.
func (s *Server) proposeIntroduction(c echo.Context) error {
	id, err := s.app.ProposeIntroduction(c.Request().Context(), currentUser(c), c.Param("ref"), c.Param("other"), c.FormValue("note"))
	if err != nil {
		return appError(err)
	}
	s.flash(c, "flash.intro_proposed")
	return c.Redirect(http.StatusSeeOther, s.casePath(c, id))
}

func (s *Server) casePage(c echo.Context) error {
	id, err := caseID(c)
	if err != nil {
		return err
	}
	d, err := s.app.CaseDetail(c.Request().Context(), currentUser(c), id)
	if err != nil {
		return appError(err)
	}
	return render(c, http.StatusOK, templates.CasePage(templates.CasePageView{D: d, Now: s.app.Now()}))
}

func (s *Server) caseAction(c echo.Context) error {
	id, err := caseID(c)
	if err != nil {
		return err
	}
	act := cases.Action(c.FormValue("action"))
	in := cases.Input{Note: strings.TrimSpace(c.FormValue("note")), Municipality: c.FormValue("municipality")}
	if err := s.app.CaseAct(c.Request().Context(), currentUser(c), id, act, in); err != nil {
		return appError(err)
	}
	s.flash(c, "flash.case_updated")
	return c.Redirect(http.StatusSeeOther, s.casePath(c, id))
}

func (s *Server) caseOutcome(c echo.Context) error {
	id, err := caseID(c)
	if err != nil {
		return err
	}
	if err := s.app.ReportOutcome(c.Request().Context(), currentUser(c), id, cases.OutcomeKind(c.FormValue("kind")), c.FormValue("note")); err != nil {
		return appError(err)
	}
	s.flash(c, "flash.outcome_saved")
	return c.Redirect(http.StatusSeeOther, s.casePath(c, id))
}

// QueueFilterOf reads the staff queue's URL parameters.
func QueueFilterOf(c echo.Context) app.QueueFilter {
	f := app.QueueFilter{
		State: c.QueryParam("state"), Municipality: c.QueryParam("municipality"),
		Sector: strings.ToUpper(strings.TrimSpace(c.QueryParam("sector"))), Region: c.QueryParam("region"),
		OverdueOnly: c.QueryParam("overdue") == "1",
	}
	if len(f.Sector) > 3 {
		f.Sector = f.Sector[:3]
	}
	f.MinAgeDays, _ = strconv.Atoi(c.QueryParam("age"))
	if f.MinAgeDays < 0 || f.MinAgeDays > 3650 {
		f.MinAgeDays = 0
	}
	return f
}

func (s *Server) queue(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	f := QueueFilterOf(c)
	items, err := s.app.Queue(ctx, u, f)
	if err != nil {
		return appError(err)
	}
	ms, err := s.app.Municipalities(ctx)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.QueuePage(templates.QueueView{
		Items: items, F: f, Municipalities: app.PartnerMunicipalities(ms), ShowMuni: u.Role != account.RoleStaff,
	}))
}

func (s *Server) companyCases(c echo.Context) error {
	items, err := s.app.CompanyCases(c.Request().Context(), currentUser(c))
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.CompanyCasesPage(items))
}

func (s *Server) notifications(c echo.Context) error {
	list, err := s.app.Store.Notifications(c.Request().Context(), currentUser(c).ID, 100)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.NotificationsPage(list))
}

func (s *Server) markNotificationsRead(c echo.Context) error {
	if err := s.app.Store.MarkNotificationsRead(c.Request().Context(), currentUser(c).ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, langPath(c, "notifications"))
}

func (s *Server) settingsForm(c echo.Context) error {
	u := currentUser(c)
	return render(c, http.StatusOK, templates.SettingsPage(templates.SettingsForm{TimeZone: u.TimeZone, Lang: u.Lang}))
}

func (s *Server) saveSettings(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	tz, lang := c.FormValue("time_zone"), c.FormValue("lang")
	okTZ := false
	for _, z := range account.TimeZones {
		okTZ = okTZ || z == tz
	}
	if !okTZ || (lang != "de" && lang != "en" && lang != "ja") {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	if err := s.app.Store.SetUserTimeZone(ctx, u.ID, tz); err != nil {
		return err
	}
	if err := s.app.Store.SetUserLang(ctx, u.ID, lang); err != nil {
		return err
	}
	s.flash(c, "flash.settings_saved")
	return c.Redirect(http.StatusSeeOther, langPath(c, "account", "settings"))
}

func (s *Server) addStaffNote(c echo.Context) error {
	ctx := c.Request().Context()
	co, err := s.app.Company(ctx, c.Param("ref"))
	if err != nil {
		return appError(err)
	}
	if err := s.app.AddStaffNote(ctx, currentUser(c), co.ID, c.FormValue("body")); err != nil {
		return appError(err)
	}
	s.flash(c, "flash.note_added")
	return c.Redirect(http.StatusSeeOther, langPath(c, "companies", co.Ref)+"#notes-title")
}
