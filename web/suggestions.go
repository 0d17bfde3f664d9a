package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/valid"
	"kakehashi/templates"
)

// ownSuggestions shows a company user its suggested partners and contacts.
func (s *Server) ownSuggestions(c echo.Context) error {
	u := currentUser(c)
	if u.CompanyID == 0 {
		return c.Redirect(http.StatusSeeOther, langPath(c, "account", "profile"))
	}
	co, err := s.app.CompanyView(c.Request().Context(), u.CompanyID)
	if errors.Is(err, app.ErrNotFound) {
		return c.Redirect(http.StatusSeeOther, langPath(c, "account", "profile"))
	} else if err != nil {
		return err
	}
	return s.renderSuggestions(c, co, false)
}

// companySuggestions shows staff the suggestions of any company.
func (s *Server) companySuggestions(c echo.Context) error {
	co, err := s.app.Company(c.Request().Context(), c.Param("ref"))
	if errors.Is(err, app.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return err
	}
	return s.renderSuggestions(c, co, true)
}

func (s *Server) renderSuggestions(c echo.Context, co company.Company, staff bool) error {
	return s.renderSuggestionsWith(c, co, staff, "", nil)
}

func (s *Server) renderSuggestionsWith(c echo.Context, co company.Company, staff bool, msg string, errs valid.Errors) error {
	ctx := c.Request().Context()
	gen := s.app.Generation() // before the lists: a change meanwhile must not be cached under it
	partners := s.app.Suggestions(co.ID, 10)
	contacts, err := s.app.MunicipalContacts(ctx, &co)
	if err != nil {
		return err
	}
	regions := make(map[int64]company.Region, len(partners))
	for _, p := range partners {
		regions[p.ID] = co.Region.Other()
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return render(c, status, templates.SuggestionsPage(templates.SuggestionsView{
		C: co, Partners: partners, Regions: regions, Contacts: contacts, Staff: staff, IntroMessage: msg, IntroErrs: errs, Gen: gen,
	}))
}

// markUnsuitable lets staff remove a pair from each other's suggestions.
func (s *Server) markUnsuitable(c echo.Context) error {
	ctx := c.Request().Context()
	co, err := s.app.Company(ctx, c.Param("ref"))
	if errors.Is(err, app.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return err
	}
	other, err := s.app.Company(ctx, c.Param("other"))
	if errors.Is(err, app.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return err
	}
	if err := s.app.MarkUnsuitable(ctx, currentUser(c), co.ID, other.ID, c.FormValue("note")); errors.Is(err, app.ErrForbidden) {
		return echo.NewHTTPError(http.StatusForbidden)
	} else if err != nil {
		return err
	}
	s.flash(c, "flash.marked_unsuitable")
	return c.Redirect(http.StatusSeeOther, langPath(c, "companies", co.Ref, "suggestions"))
}
