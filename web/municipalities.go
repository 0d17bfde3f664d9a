package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/templates"
)

func (s *Server) municipalities(c echo.Context) error {
	ms, err := s.app.Municipalities(c.Request().Context())
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.MunicipalitiesPage(ms))
}

func (s *Server) municipalityForm(c echo.Context) error {
	m, err := s.app.MunicipalityByKey(c.Request().Context(), c.Param("key"))
	if err != nil {
		return appError(err)
	}
	return render(c, http.StatusOK, templates.MunicipalityFormPage(templates.MunicipalityForm{
		M: m, SectorsRaw: strings.Join(m.FocusSectors, ", "), KeywordsRaw: strings.Join(m.Keywords, "\n")}))
}

func (s *Server) saveMunicipality(c echo.Context) error {
	key := c.Param("key")
	f := templates.MunicipalityForm{SectorsRaw: c.FormValue("focus_sectors"), KeywordsRaw: c.FormValue("keywords")}
	f.M = municipality.Municipality{
		Key: key, Name: c.FormValue("name"), Agency: c.FormValue("agency"),
		FocusSectors: SplitKeywords(strings.ToUpper(f.SectorsRaw)), Keywords: SplitKeywords(f.KeywordsRaw),
		Description: company.Texts{},
		Contact: company.Contact{Name: c.FormValue("contact.name"), Role: c.FormValue("contact.role"),
			Email: c.FormValue("contact.email"), Phone: c.FormValue("contact.phone")},
	}
	for _, l := range company.Languages {
		if d := c.FormValue("description." + l); d != "" {
			f.M.Description[l] = d
		}
	}
	errs, err := s.app.SaveMunicipality(c.Request().Context(), currentUser(c), key, f.M)
	if err != nil {
		return appError(err)
	}
	if len(errs) > 0 {
		f.Errs = errs
		return render(c, http.StatusUnprocessableEntity, templates.MunicipalityFormPage(f))
	}
	s.flash(c, "flash.municipality_saved")
	return c.Redirect(http.StatusSeeOther, langPath(c, "admin", "municipalities"))
}
