package web

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"kakehashi/internal/account"
	"kakehashi/internal/i18n"
	"kakehashi/templates"
)

const (
	ctxUser      = "user"
	ctxSession   = "session_token"
	ctxUnread    = "unread_notifications"
	ctxNonce     = "csp_nonce"
	ctxLang      = "lang"
	ctxCSRFIssue = "csrf_issue"
)

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// logRequests writes one structured line per request: method, route pattern
// (not the raw path, which may carry tokens), status, duration, request id.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		status := c.Response().Status
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(c.Request().Context(), level, "request",
			slog.String("method", c.Request().Method),
			slog.String("route", c.Path()),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)),
		)
		return nil
	}
}

// recoverPanics turns a panic into a 500 error page; the stack goes to the
// log only, never to the user.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.Error("panic", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = echo.NewHTTPError(http.StatusInternalServerError)
			}
		}()
		return next(c)
	}
}

// securityHeaders sets a strict Content-Security-Policy with a per-response
// nonce and the other protective headers on every response.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method == http.MethodTrace {
			return echo.NewHTTPError(http.StatusMethodNotAllowed)
		}
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		nonce := base64.RawStdEncoding.EncodeToString(b)
		c.Set(ctxNonce, nonce)
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-"+nonce+"'; style-src 'self'; img-src 'self' data:; "+
			"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.cfg.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

// withLang validates the language prefix of the path.
func (s *Server) withLang(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang := c.Param("lang")
		if !i18n.Supported(lang) {
			c.Set(ctxLang, i18n.Negotiate(c.Request().Header.Get("Accept-Language")))
			return echo.NewHTTPError(http.StatusNotFound)
		}
		c.Set(ctxLang, lang)
		return next(c)
	}
}

func (s *Server) cookieName(base string) string {
	if s.cfg.SecureCookies {
		return "__Host-" + base
	}
	return base
}

// loadSession resolves the session cookie to a user.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(s.cookieName("kk_session"))
		if err == nil && ck.Value != "" {
			u, unread, err := s.app.SessionUser(c.Request().Context(), ck.Value)
			if err == nil {
				c.Set(ctxUser, &u)
				c.Set(ctxUnread, unread)
				c.Set(ctxSession, ck.Value)
				// Pages of signed-in users must not be cached by browsers or proxies.
				c.Response().Header().Set("Cache-Control", "no-store")
			} else {
				s.clearCookie(c, "kk_session")
			}
		}
		return next(c)
	}
}

// csrf checks the _csrf form field against a cookie on every unsafe request
// and refuses requests a browser marks as cross-site. On GET and HEAD the
// token is issued lazily: the cookie is set only when the page carries a
// form (templates call Req.CSRFToken), so a visitor reading profiles gets no
// cookie and costs no token.
func (s *Server) csrf() echo.MiddlewareFunc {
	name := s.cookieName("kk_csrf")
	inner := middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     name,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.cfg.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   csrfCookieAge,
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "csrf")
		},
	})
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := inner(next)
		return func(c echo.Context) error {
			r := c.Request()
			m := r.Method
			if m != http.MethodGet && m != http.MethodHead {
				if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
					return echo.NewHTTPError(http.StatusForbidden, "cross-site")
				}
				unmaskCSRF(c)
				return h(c)
			}
			if r.Header.Get(echo.HeaderSecFetchSite) != "" {
				return h(c) // fetch metadata: Echo issues no cookie and checks the header instead
			}
			token := ""
			if ck, err := c.Cookie(name); err == nil {
				token = ck.Value
			}
			c.Set(ctxCSRFIssue, func() string {
				if token == "" {
					token, _ = account.NewToken()
				}
				c.SetCookie(&http.Cookie{Name: name, Value: token, Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies,
					SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(csrfCookieAge * time.Second)})
				return token
			})
			c.Response().Header().Add(echo.HeaderVary, echo.HeaderCookie)
			return next(c)
		}
	}
}

// csrfCookieAge is the lifetime of the CSRF cookie in seconds, renewed by
// every page with a form.
const csrfCookieAge = 86400

// unmaskCSRF replaces a masked token (as pages carry it, see
// account.MaskCSRF) in the form or header by the token itself, which the CSRF
// middleware then compares with the cookie. Plain tokens pass unchanged.
func unmaskCSRF(c echo.Context) {
	r := c.Request()
	if tok, ok := account.UnmaskCSRF(r.Header.Get("X-CSRF-Token")); ok {
		r.Header.Set("X-CSRF-Token", tok)
	}
	if tok, ok := account.UnmaskCSRF(c.FormValue("_csrf")); ok {
		r.Form.Set("_csrf", tok)
		if r.PostForm != nil {
			r.PostForm.Set("_csrf", tok)
		}
		if r.MultipartForm != nil && r.MultipartForm.Value != nil {
			r.MultipartForm.Value["_csrf"] = []string{tok}
		}
	}
}

// withReq puts what templates need into the request context.
func (s *Server) withReq(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.SetRequest(c.Request().WithContext(templates.WithReq(c.Request().Context(), s.reqInfo(c))))
		return next(c)
	}
}

func (s *Server) reqInfo(c echo.Context) *templates.Req {
	lang, _ := c.Get(ctxLang).(string)
	if lang == "" {
		// Pages outside the language group (errors of unknown paths): the
		// path's first segment if it is a language, else the browser's.
		first, _, _ := strings.Cut(strings.TrimPrefix(c.Request().URL.Path, "/"), "/")
		if i18n.Supported(first) {
			lang = first
		} else {
			lang = i18n.Negotiate(c.Request().Header.Get("Accept-Language"))
		}
	}
	path := c.Request().URL.Path
	if rest, ok := strings.CutPrefix(path, "/"+lang); ok && (rest == "" || strings.HasPrefix(rest, "/")) {
		path = rest
	} else {
		path = "/"
	}
	if path == "" {
		path = "/"
	}
	r := &templates.Req{
		Frags:     s.frags,
		Lang:      lang,
		Path:      path,
		Query:     c.Request().URL.RawQuery,
		User:      currentUser(c),
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
		Flash:     s.takeFlash(c),
	}
	r.TZ = viewerZone(r.User, lang)
	if r.User != nil {
		r.Unread, _ = c.Get(ctxUnread).(int64)
	}
	r.CSRF, _ = c.Get(middleware.DefaultCSRFConfig.ContextKey).(string)
	r.IssueCSRF, _ = c.Get(ctxCSRFIssue).(func() string)
	r.Nonce, _ = c.Get(ctxNonce).(string)
	return r
}

// viewerZone is the user's chosen zone, or for visitors the zone that goes
// with the page language.
func viewerZone(u *account.User, lang string) *time.Location {
	name := "Europe/Berlin"
	if lang == "ja" {
		name = "Asia/Tokyo"
	}
	if u != nil && u.TimeZone != "" {
		name = u.TimeZone
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name) // reads the zone database: once per name
	if err != nil {
		return time.UTC
	}
	zones.Store(name, loc)
	return loc
}

// zones caches loaded time zones by name (a handful: the users' choices).
var zones sync.Map

func currentUser(c echo.Context) *account.User {
	u, _ := c.Get(ctxUser).(*account.User)
	return u
}

func langOf(c echo.Context) string {
	if l, ok := c.Get(ctxLang).(string); ok && l != "" {
		return l
	}
	return i18n.Default
}

// langPath builds a path in the request's language.
func langPath(c echo.Context, parts ...string) string { return templates.L(langOf(c), parts...) }

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func (s *Server) setCookie(c echo.Context, base, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: s.cookieName(base), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(c echo.Context, base string) { s.setCookie(c, base, "", -1) }

// flashKeys are the notices a redirect may carry; anything else in the
// cookie is ignored, so the cookie cannot inject text.
var flashKeys = map[string]bool{
	"flash.profile_saved": true, "flash.profile_confirmed": true, "flash.logged_out": true,
	"flash.email_confirmed": true, "flash.marked_unsuitable": true, "flash.intro_requested": true, "flash.intro_proposed": true,
	"flash.case_updated": true, "flash.outcome_saved": true, "flash.settings_saved": true, "flash.note_added": true, "flash.user_created": true, "flash.municipality_saved": true, "flash.user_updated": true, "flash.password_changed": true, "flash.logged_in": true,
	"flash.contact_answered": true, "flash.contact_invited": true, "flash.contact_closed": true, "flash.contact_converted": true,
}

func (s *Server) flash(c echo.Context, key string) { s.setCookie(c, "kk_flash", key, 60) }

func (s *Server) takeFlash(c echo.Context) string {
	ck, err := c.Cookie(s.cookieName("kk_flash"))
	if err != nil || !flashKeys[ck.Value] {
		return ""
	}
	s.clearCookie(c, "kk_flash")
	return ck.Value
}

// rootRedirect sends "/" to the visitor's language.
func (s *Server) rootRedirect(c echo.Context) error {
	c.Response().Header().Add("Vary", "Accept-Language")
	return c.Redirect(http.StatusFound, "/"+i18n.Negotiate(c.Request().Header.Get("Accept-Language"))+"/")
}

// handleError renders every error as a translated page. 5xx are logged with
// the request id; the user sees only the id, never internal details.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := http.StatusInternalServerError
	var he *echo.HTTPError
	if c.Request().Context().Err() != nil {
		// The client went away, which cancels the request's database work
		// (the drivers then report a canceled query, a dropped connection or
		// a rolled-back transaction). Nobody reads the answer and it is no
		// server error: logged as 499, like proxies do.
		c.Response().Status = 499
		s.log.Info("request canceled by client", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
		return
	}
	switch {
	case errors.As(err, &he):
		status = he.Code
	case errors.Is(err, errNotFound):
		status = http.StatusNotFound
	}
	if status >= 500 {
		s.log.Error("server error", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
	}
	titleKey, textKey := "error.generic_title", "error.generic_text"
	switch status {
	case http.StatusNotFound:
		titleKey, textKey = "error.not_found_title", "error.not_found_text"
	case http.StatusForbidden:
		titleKey, textKey = "error.forbidden_title", "error.forbidden_text"
	case http.StatusUnauthorized:
		titleKey, textKey = "error.unauthorized_title", "error.unauthorized_text"
	case http.StatusRequestEntityTooLarge:
		titleKey, textKey = "error.too_large_title", "error.too_large_text"
	case http.StatusMethodNotAllowed:
		titleKey, textKey = "error.method_title", "error.method_text"
	case http.StatusTooManyRequests:
		titleKey, textKey = "error.too_many_title", "error.too_many_text"
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	req := s.reqInfo(c)
	ctx := templates.WithReq(c.Request().Context(), req)
	c.SetRequest(c.Request().WithContext(ctx))
	if rerr := render(c, status, templates.ErrorPage(status, titleKey, textKey)); rerr != nil {
		s.log.Error("rendering error page failed", "err", rerr)
	}
}
