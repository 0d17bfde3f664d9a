package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/valid"
	"kakehashi/templates"
)

func (s *Server) signupForm(c echo.Context) error {
	return render(c, http.StatusOK, templates.SignupPage(templates.AuthForm{}))
}

func (s *Server) signup(c echo.Context) error {
	in := app.SignUp{
		Email: c.FormValue("email"), Password: c.FormValue("password"),
		Lang: langOf(c), Consent: c.FormValue("consent") == "yes",
	}
	errs, err := s.app.Register(c.Request().Context(), in)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return render(c, http.StatusUnprocessableEntity, templates.SignupPage(templates.AuthForm{Email: in.Email, Consent: in.Consent, Errs: errs}))
	}
	return render(c, http.StatusOK, templates.Message("signup.sent_title", "signup.sent_text"))
}

func (s *Server) confirm(c echo.Context) error {
	u, err := s.app.ConfirmEmail(c.Request().Context(), c.QueryParam("token"))
	if errors.Is(err, app.ErrInvalidToken) {
		return render(c, http.StatusBadRequest, templates.Message("confirm.invalid_title", "confirm.invalid_text"))
	} else if err != nil {
		return err
	}
	if err := s.startSession(c, u.ID); err != nil {
		return err
	}
	s.flash(c, "flash.email_confirmed")
	if u.CompanyID == 0 && u.Role == "company" {
		return c.Redirect(http.StatusSeeOther, langPath(c, "account", "profile"))
	}
	return c.Redirect(http.StatusSeeOther, langPath(c, "account"))
}

func (s *Server) resendConfirmation(c echo.Context) error {
	if err := s.app.ResendConfirmation(c.Request().Context(), c.FormValue("email"), langOf(c)); err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.Message("signup.sent_title", "signup.sent_text"))
}

func (s *Server) loginForm(c echo.Context) error {
	return render(c, http.StatusOK, templates.LoginPage(templates.AuthForm{}))
}

func (s *Server) login(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	var errs valid.Errors
	errs.Required("email", email)
	errs.Required("password", c.FormValue("password"))
	if len(errs) > 0 {
		return render(c, http.StatusUnprocessableEntity, templates.LoginPage(templates.AuthForm{Email: email, Errs: errs, Problem: "login.missing"}))
	}
	u, err := s.app.Login(c.Request().Context(), email, c.FormValue("password"), c.RealIP())
	var throttled app.ErrThrottled
	switch {
	case errors.As(err, &throttled):
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(throttled.RetryAfter.Seconds()+0.5)))
		return render(c, http.StatusTooManyRequests, templates.LoginPage(templates.AuthForm{Email: email, Problem: "login.throttled"}))
	case errors.Is(err, app.ErrBadCredentials), errors.Is(err, app.ErrDisabled):
		return render(c, http.StatusUnauthorized, templates.LoginPage(templates.AuthForm{Email: email, Problem: "login.failed"}))
	case errors.Is(err, app.ErrUnconfirmed):
		return render(c, http.StatusForbidden, templates.LoginPage(templates.AuthForm{Email: email, Problem: "login.unconfirmed", Resend: true}))
	case err != nil:
		return err
	}
	if u.Role.NeedsSecondFactor() {
		token, err := s.app.StartSecondFactor(c.Request().Context(), &u)
		if err != nil {
			return err
		}
		s.setCookie(c, "kk_mfa", token, int(account.MFATTL.Seconds()))
		return c.Redirect(http.StatusSeeOther, langPath(c, "login", "2fa")+nextQuery(c))
	}
	if err := s.startSession(c, u.ID); err != nil {
		return err
	}
	if u.Lang != langOf(c) {
		_ = s.app.Store.SetUserLang(c.Request().Context(), u.ID, langOf(c))
	}
	s.flash(c, "flash.logged_in")
	return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next"), langPath(c, "account")))
}

// safeNext only follows local paths after login, never another site.
func safeNext(next, fallback string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") {
		return next
	}
	return fallback
}

func (s *Server) startSession(c echo.Context, userID int64) error {
	// End the visitor's previous session, if any: a new id at every login.
	if old, ok := c.Get(ctxSession).(string); ok {
		_ = s.app.EndSession(c.Request().Context(), old)
	}
	token, err := s.app.StartSession(c.Request().Context(), userID)
	if err != nil {
		return err
	}
	s.setCookie(c, "kk_session", token, 0)
	return nil
}

func (s *Server) logout(c echo.Context) error {
	if tok, ok := c.Get(ctxSession).(string); ok {
		if err := s.app.EndSession(c.Request().Context(), tok); err != nil {
			return err
		}
	}
	s.clearCookie(c, "kk_session")
	s.flash(c, "flash.logged_out")
	return c.Redirect(http.StatusSeeOther, langPath(c))
}

func (s *Server) forgotForm(c echo.Context) error {
	return render(c, http.StatusOK, templates.ForgotPage(templates.AuthForm{}))
}

func (s *Server) forgot(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	var errs valid.Errors
	if errs.Email("email", email, true); len(errs) > 0 {
		return render(c, http.StatusUnprocessableEntity, templates.ForgotPage(templates.AuthForm{Email: email, Errs: errs}))
	}
	if err := s.app.RequestPasswordReset(c.Request().Context(), email, langOf(c)); err != nil {
		return err
	}
	return render(c, http.StatusOK, templates.Message("forgot.sent_title", "forgot.sent_text"))
}

func (s *Server) resetForm(c echo.Context) error {
	token := c.QueryParam("token")
	ok, err := s.app.ResetTokenValid(c.Request().Context(), token)
	if err != nil {
		return err
	}
	if !ok {
		return render(c, http.StatusBadRequest, templates.Message("confirm.invalid_title", "reset.invalid_text"))
	}
	return render(c, http.StatusOK, templates.ResetPage(templates.AuthForm{Token: token}))
}

func (s *Server) reset(c echo.Context) error {
	token := c.FormValue("token")
	errs, err := s.app.ResetPassword(c.Request().Context(), token, c.FormValue("password"))
	if errors.Is(err, app.ErrInvalidToken) {
		return render(c, http.StatusBadRequest, templates.Message("confirm.invalid_title", "reset.invalid_text"))
	} else if err != nil {
		return err
	}
	if len(errs) > 0 {
		return render(c, http.StatusUnprocessableEntity, templates.ResetPage(templates.AuthForm{Token: token, Errs: errs}))
	}
	s.flash(c, "flash.password_changed")
	return c.Redirect(http.StatusSeeOther, langPath(c, "login"))
}

func nextQuery(c echo.Context) string {
	if n := c.QueryParam("next"); n != "" {
		return "?next=" + urlQueryEscape(safeNext(n, ""))
	}
	return ""
}

// secondFactorForm asks for the TOTP code, or sets two-factor up first.
func (s *Server) secondFactorForm(c echo.Context) error {
	return s.renderSecondFactor(c, http.StatusOK, "")
}

func (s *Server) renderSecondFactor(c echo.Context, status int, problem string) error {
	ck, err := c.Cookie(s.cookieName("kk_mfa"))
	if err != nil {
		return c.Redirect(http.StatusSeeOther, langPath(c, "login"))
	}
	u, err := s.app.SecondFactorUser(c.Request().Context(), ck.Value)
	if errors.Is(err, app.ErrInvalidToken) {
		s.clearCookie(c, "kk_mfa")
		return c.Redirect(http.StatusSeeOther, langPath(c, "login"))
	} else if err != nil {
		return err
	}
	f := templates.SecondFactorForm{Problem: problem, Next: c.QueryParam("next")}
	if !u.TOTPEnrolled() {
		f.Setup, f.Secret, f.URI = true, account.GroupedSecret(u.TOTPSecret), account.TOTPURI(u.TOTPSecret, u.Email)
	}
	return render(c, status, templates.SecondFactorPage(f))
}

func (s *Server) secondFactor(c echo.Context) error {
	ck, err := c.Cookie(s.cookieName("kk_mfa"))
	if err != nil {
		return c.Redirect(http.StatusSeeOther, langPath(c, "login"))
	}
	u, err := s.app.VerifySecondFactor(c.Request().Context(), ck.Value, c.FormValue("code"), c.RealIP())
	var throttled app.ErrThrottled
	switch {
	case errors.As(err, &throttled):
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(throttled.RetryAfter.Seconds()+0.5)))
		return s.renderSecondFactor(c, http.StatusTooManyRequests, "login.throttled")
	case errors.Is(err, app.ErrBadCode):
		return s.renderSecondFactor(c, http.StatusUnauthorized, "mfa.wrong_code")
	case errors.Is(err, app.ErrInvalidToken):
		s.clearCookie(c, "kk_mfa")
		return c.Redirect(http.StatusSeeOther, langPath(c, "login"))
	case err != nil:
		return err
	}
	s.clearCookie(c, "kk_mfa")
	if err := s.startSession(c, u.ID); err != nil {
		return err
	}
	s.flash(c, "flash.logged_in")
	return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next"), langPath(c, "account")))
}
