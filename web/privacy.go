package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/app"
	"kakehashi/templates"
)

func (s *Server) privacyPage(c echo.Context) error {
	return render(c, http.StatusOK, templates.PrivacyPage(""))
}

// exportMyData sends everything stored about the user as a JSON file.
func (s *Server) exportMyData(c echo.Context) error {
	exp, err := s.app.ExportMyData(c.Request().Context(), currentUser(c), c.RealIP())
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="kakehashi-my-data-`+time.Now().UTC().Format("2006-01-02")+`.json"`)
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMEApplicationJSONCharsetUTF8)
	c.Response().WriteHeader(http.StatusOK)
	enc := json.NewEncoder(c.Response())
	enc.SetIndent("", "  ")
	return enc.Encode(exp)
}

func (s *Server) deleteMyAccount(c echo.Context) error {
	if c.FormValue("confirm") != "yes" {
		return render(c, http.StatusUnprocessableEntity, templates.PrivacyPage("privacy.confirm_required"))
	}
	err := s.app.DeleteMyAccount(c.Request().Context(), currentUser(c), c.FormValue("password"), c.RealIP())
	if errors.Is(err, app.ErrBadCredentials) {
		return render(c, http.StatusUnprocessableEntity, templates.PrivacyPage("privacy.wrong_password"))
	} else if err != nil {
		return err
	}
	s.clearCookie(c, "kk_session")
	return render(c, http.StatusOK, templates.Message("privacy.deleted_title", "privacy.deleted_text"))
}
