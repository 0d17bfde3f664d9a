package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kakehashi/templates"
)

func (s *Server) privacyNotice(c echo.Context) error {
	return render(c, http.StatusOK, templates.PrivacyNoticePage(s.cfg.Operator, s.app.Cfg.ConsentVersion))
}

func (s *Server) imprint(c echo.Context) error {
	return render(c, http.StatusOK, templates.ImprintPage(s.cfg.Operator))
}

func (s *Server) accessibility(c echo.Context) error {
	return render(c, http.StatusOK, templates.AccessibilityPage(s.cfg.Operator))
}
