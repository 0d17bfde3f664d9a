package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/templates"
)

func (s *Server) account(c echo.Context) error {
	u := currentUser(c)
	v := templates.AccountView{}
	if u.CompanyID != 0 {
		co, err := s.app.OwnCompany(c.Request().Context(), u)
		if err != nil && !errors.Is(err, app.ErrNotFound) {
			return err
		}
		if err == nil {
			v.Company = &co
			v.Score, v.Missing = company.Completeness(&co)
			v.Stale = co.Stale(s.app.Now())
		}
	}
	return render(c, http.StatusOK, templates.AccountPage(v))
}

func (s *Server) profileForm(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	var f templates.ProfileForm
	co, err := s.app.OwnCompany(ctx, u)
	switch {
	case errors.Is(err, app.ErrNotFound):
		f = templates.ProfileForm{New: true, C: company.Company{Languages: []string{langOf(c)}}}
	case err != nil:
		return err
	default:
		f = profileFormOf(co)
	}
	ms, err := s.app.Municipalities(ctx)
	if err != nil {
		return err
	}
	f.Municipalities = ms
	return render(c, http.StatusOK, templates.ProfileFormPage(f))
}

func (s *Server) saveProfile(c echo.Context) error {
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	f, bindErrs := BindProfile(form)
	u := currentUser(c)
	saved, errs, err := s.app.SaveOwnProfile(ctx, u, f.C)
	if err != nil {
		return err
	}
	errs = append(bindErrs, errs...)
	if len(errs) > 0 {
		ms, err := s.app.Municipalities(ctx)
		if err != nil {
			return err
		}
		f.Errs, f.Municipalities = errs, ms
		return render(c, http.StatusUnprocessableEntity, templates.ProfileFormPage(f))
	}
	s.flash(c, "flash.profile_saved")
	return c.Redirect(http.StatusSeeOther, langPath(c, "companies", saved.Ref))
}

func (s *Server) confirmProfile(c echo.Context) error {
	if err := s.app.ConfirmOwnProfile(c.Request().Context(), currentUser(c)); errors.Is(err, app.ErrForbidden) {
		return echo.NewHTTPError(http.StatusForbidden)
	} else if err != nil {
		return err
	}
	s.flash(c, "flash.profile_confirmed")
	return c.Redirect(http.StatusSeeOther, langPath(c, "account"))
}

const outboxPerPage = 50

func (s *Server) outbox(c echo.Context) error {
	page, _ := strconv.Atoi(c.QueryParam("page"))
	if page < 1 {
		page = 1
	}
	msgs, total, err := s.app.Store.OutboxPage(c.Request().Context(), (page-1)*outboxPerPage, outboxPerPage)
	if err != nil {
		return err
	}
	pages := int((total + outboxPerPage - 1) / outboxPerPage)
	return render(c, http.StatusOK, templates.OutboxPage(templates.OutboxView{Messages: msgs, Total: int(total), Page: page, Pages: pages, SMTP: s.cfg.SMTP}))
}

func (s *Server) outboxMessage(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	m, err := s.app.Store.OutboxMessage(c.Request().Context(), id)
	if errors.Is(err, app.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.OutboxMessagePage(m, !s.cfg.SMTP))
}
