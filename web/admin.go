package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/templates"
)

const usersPerPage = 50

func (s *Server) users(c echo.Context) error {
	role := c.QueryParam("role")
	if role != "" && !account.Role(role).Valid() {
		role = ""
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	if page < 1 {
		page = 1
	}
	list, total, err := s.app.Store.ListUsers(c.Request().Context(), role, (page-1)*usersPerPage, usersPerPage)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.UsersPage(templates.UsersView{
		Users: list, Role: role, Total: int(total), Page: page, Pages: int((total + usersPerPage - 1) / usersPerPage), Self: currentUser(c).ID,
	}))
}

func (s *Server) newUserForm(c echo.Context) error {
	ms, err := s.app.Municipalities(c.Request().Context())
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.NewUserPage(templates.NewUserForm{Role: "staff", Municipalities: ms}))
}

func (s *Server) createUser(c echo.Context) error {
	ctx := c.Request().Context()
	n := app.NewStaff{Email: c.FormValue("email"), Password: c.FormValue("password"), Role: account.Role(c.FormValue("role")),
		Municipality: c.FormValue("municipality"), Lang: c.FormValue("lang")}
	_, errs, err := s.app.CreateStaff(ctx, currentUser(c), n)
	if err != nil {
		return appError(err)
	}
	if len(errs) > 0 {
		ms, err := s.app.Municipalities(ctx)
		if err != nil {
			return err
		}
		return render(c, http.StatusUnprocessableEntity, templates.NewUserPage(templates.NewUserForm{
			Email: n.Email, Role: string(n.Role), Municipality: n.Municipality, Lang: n.Lang, Municipalities: ms, Errs: errs}))
	}
	s.flash(c, "flash.user_created")
	return c.Redirect(http.StatusSeeOther, langPath(c, "admin", "users"))
}

func (s *Server) setUserDisabled(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err := s.app.SetUserDisabled(c.Request().Context(), currentUser(c), id, c.FormValue("disabled") == "1"); err != nil {
		return appError(err)
	}
	s.flash(c, "flash.user_updated")
	return c.Redirect(http.StatusSeeOther, langPath(c, "admin", "users"))
}
