package web

import (
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/antispam"
	"kakehashi/internal/app"
	"kakehashi/internal/firstcontact"
	"kakehashi/templates"
)

// inboxRoles may read and handle the first-contact inbox.
var inboxRoles = []account.Role{account.RoleDesk, account.RoleAdmin}

// Spam defences of the public first-contact form. The time trap reads the
// application clock (App.Now), so tests move the clock instead of sleeping.
const (
	contactMinAge  = 3 * time.Second
	contactMaxAge  = 24 * time.Hour
	contactPerHour = 5
)

// contactForm serves the public first-contact form with its spam defences:
// a signed time stamp in the form (key shared by all instances), a honeypot field
// and a per-client limit on submissions.
type contactForm struct {
	s       *Server
	stamp   *antispam.Stamp
	limiter *antispam.Limiter
}

func (s *Server) newContactForm() *contactForm {
	return &contactForm{
		s:       s,
		stamp:   antispam.NewStamp(s.cfg.FormKey, "first_contact", contactMinAge, contactMaxAge),
		limiter: antispam.NewLimiter(contactPerHour, time.Hour),
	}
}

func (h *contactForm) view(f app.FirstContactForm) templates.FirstContactView {
	return templates.FirstContactView{Form: f, Token: h.stamp.Issue(h.s.app.Now()), ConsentVersion: h.s.app.Cfg.ConsentVersion}
}

func (h *contactForm) show(c echo.Context) error {
	return render(c, http.StatusOK, templates.FirstContactPage(h.view(app.FirstContactForm{})))
}

func (h *contactForm) submit(c echo.Context) error {
	now := h.s.app.Now()
	if ok, retry := h.limiter.Allow(clientKey(c.RealIP()), now); !ok {
		h.s.log.Warn("first contact: rate limit reached")
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(retry.Seconds()))))
		return render(c, http.StatusTooManyRequests, templates.FirstContactLimitedPage())
	}
	// People never see the honeypot; whatever fills it is told it succeeded.
	if c.FormValue("website") != "" {
		h.s.log.Info("first contact: honeypot filled, discarded")
		return render(c, http.StatusOK, templates.FirstContactSentPage())
	}
	f := app.FirstContactForm{
		Company: c.FormValue("name"), Region: c.FormValue("region"),
		WhatTheyDo: c.FormValue("what_they_do"), LookingFor: c.FormValue("looking_for"),
		ContactName: c.FormValue("contact_name"), Email: c.FormValue("contact_email"), Phone: c.FormValue("contact_phone"),
		Consent: c.FormValue("consent") == "yes", Lang: langOf(c),
	}
	v := h.view(f)
	if err := h.stamp.Check(c.FormValue("started"), now); err != nil {
		switch {
		case errors.Is(err, antispam.ErrTooFast):
			v.Problem = "contact.trap_too_fast"
		case errors.Is(err, antispam.ErrTooOld):
			v.Problem = "contact.trap_expired"
		default:
			v.Problem = "contact.trap_invalid"
		}
		h.s.log.Info("first contact: time trap", "reason", err.Error())
		return render(c, http.StatusUnprocessableEntity, templates.FirstContactPage(v))
	}
	errs, err := h.s.app.SubmitFirstContact(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		v.Errs = errs
		return render(c, http.StatusUnprocessableEntity, templates.FirstContactPage(v))
	}
	return render(c, http.StatusOK, templates.FirstContactSentPage())
}

// clientKey is what the rate limit counts by: the client's IP address, for
// IPv6 its /64 network, which one client can easily hop around in.
func clientKey(ip string) string {
	p := net.ParseIP(ip)
	if p == nil {
		return ip
	}
	if p.To4() != nil {
		return p.String()
	}
	return p.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

func (s *Server) firstContactInbox(c echo.Context) error {
	state := firstcontact.State(c.QueryParam("state"))
	if !state.Valid() {
		state = ""
	}
	in, err := s.app.FirstContactInbox(c.Request().Context(), currentUser(c), state)
	if err != nil {
		return appError(err)
	}
	return render(c, http.StatusOK, templates.FirstContactInboxPage(templates.FirstContactInboxView{Inbox: in, State: state}))
}

func firstContactID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

func (s *Server) firstContactPath(c echo.Context, id int64) string {
	return langPath(c, "staff", "inbox", strconv.FormatInt(id, 10))
}

// renderFirstContact shows one request to the desk; v carries what was typed
// into an action form that failed validation.
func (s *Server) renderFirstContact(c echo.Context, status int, id int64, v templates.FirstContactDetailView) error {
	d, err := s.app.FirstContactDetail(c.Request().Context(), currentUser(c), id)
	if err != nil {
		return appError(err)
	}
	v.D = d
	return render(c, status, templates.FirstContactDetailPage(v))
}

func (s *Server) firstContactItem(c echo.Context) error {
	id, err := firstContactID(c)
	if err != nil {
		return err
	}
	return s.renderFirstContact(c, http.StatusOK, id, templates.FirstContactDetailView{})
}

func (s *Server) firstContactAnswer(c echo.Context) error {
	id, err := firstContactID(c)
	if err != nil {
		return err
	}
	reply := c.FormValue("reply_text")
	errs, err := s.app.AnswerFirstContact(c.Request().Context(), currentUser(c), id, reply)
	if err != nil {
		return appError(err)
	}
	if len(errs) > 0 {
		return s.renderFirstContact(c, http.StatusUnprocessableEntity, id, templates.FirstContactDetailView{Reply: reply, Errs: errs})
	}
	s.flash(c, "flash.contact_answered")
	return c.Redirect(http.StatusSeeOther, s.firstContactPath(c, id))
}

func (s *Server) firstContactInvite(c echo.Context) error {
	id, err := firstContactID(c)
	if err != nil {
		return err
	}
	if err := s.app.InviteFirstContact(c.Request().Context(), currentUser(c), id); err != nil {
		return appError(err)
	}
	s.flash(c, "flash.contact_invited")
	return c.Redirect(http.StatusSeeOther, s.firstContactPath(c, id))
}

func (s *Server) firstContactClose(c echo.Context) error {
	id, err := firstContactID(c)
	if err != nil {
		return err
	}
	if err := s.app.CloseFirstContact(c.Request().Context(), currentUser(c), id); err != nil {
		return appError(err)
	}
	s.flash(c, "flash.contact_closed")
	return c.Redirect(http.StatusSeeOther, s.firstContactPath(c, id))
}

func (s *Server) firstContactConvert(c echo.Context) error {
	id, err := firstContactID(c)
	if err != nil {
		return err
	}
	sector, note := c.FormValue("case_sector"), c.FormValue("case_note")
	caseID, errs, err := s.app.ConvertFirstContact(c.Request().Context(), currentUser(c), id, sector, note)
	if err != nil {
		return appError(err)
	}
	if len(errs) > 0 {
		return s.renderFirstContact(c, http.StatusUnprocessableEntity, id, templates.FirstContactDetailView{Sector: sector, Note: note, Errs: errs})
	}
	s.flash(c, "flash.contact_converted")
	return c.Redirect(http.StatusSeeOther, s.casePath(c, caseID))
}
