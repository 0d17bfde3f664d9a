package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
)

// Who may call a route. This table is the one access-control policy of the
// portal: every route under /{lang} is declared here with its audience, and
// authorize() enforces it before the handler runs.
type audience int

const (
	public   audience = iota // anyone
	anon                     // only visitors who are not signed in (sign-up, login)
	signedIn                 // any signed-in user
	roles                    // signed-in users with one of Roles
)

// staffRoles are the agency roles: municipal staff, the desk and admins.
var staffRoles = []account.Role{account.RoleStaff, account.RoleDesk, account.RoleAdmin}

type route struct {
	Method  string
	Path    string // below /{lang}
	Who     audience
	Roles   []account.Role
	Handler echo.HandlerFunc
}

func (s *Server) routes() []route {
	contact := s.newContactForm()
	return []route{
		{http.MethodGet, "", public, nil, s.home},
		{http.MethodGet, "/", public, nil, s.home},
		{http.MethodGet, "/privacy", public, nil, s.privacyNotice},
		{http.MethodGet, "/imprint", public, nil, s.imprint},
		{http.MethodGet, "/accessibility", public, nil, s.accessibility},
		{http.MethodGet, "/companies", public, nil, s.directory},
		{http.MethodGet, "/companies/:ref", public, nil, s.profile},

		{http.MethodGet, "/signup", anon, nil, s.signupForm},
		{http.MethodPost, "/signup", anon, nil, s.signup},
		{http.MethodGet, "/confirm", public, nil, s.confirm},
		{http.MethodPost, "/confirm/resend", public, nil, s.resendConfirmation},
		{http.MethodGet, "/login", anon, nil, s.loginForm},
		{http.MethodPost, "/login", anon, nil, s.login},
		{http.MethodGet, "/login/2fa", anon, nil, s.secondFactorForm},
		{http.MethodPost, "/login/2fa", anon, nil, s.secondFactor},
		{http.MethodPost, "/logout", signedIn, nil, s.logout},
		{http.MethodGet, "/password/forgot", public, nil, s.forgotForm},
		{http.MethodPost, "/password/forgot", public, nil, s.forgot},
		{http.MethodGet, "/password/reset", public, nil, s.resetForm},
		{http.MethodPost, "/password/reset", public, nil, s.reset},

		{http.MethodGet, "/account", signedIn, nil, s.account},
		{http.MethodGet, "/account/profile", roles, []account.Role{account.RoleCompany}, s.profileForm},
		{http.MethodPost, "/account/profile", roles, []account.Role{account.RoleCompany}, s.saveProfile},
		{http.MethodPost, "/account/profile/confirm", roles, []account.Role{account.RoleCompany}, s.confirmProfile},

		{http.MethodGet, "/account/suggestions", roles, []account.Role{account.RoleCompany}, s.ownSuggestions},
		{http.MethodGet, "/companies/:ref/suggestions", roles, staffRoles, s.companySuggestions},
		{http.MethodPost, "/companies/:ref/suggestions/:other/unsuitable", roles, staffRoles, s.markUnsuitable},

		{http.MethodPost, "/companies/:ref/suggestions/:other/propose", roles, staffRoles, s.proposeIntroduction},
		{http.MethodPost, "/companies/:ref/introductions", roles, []account.Role{account.RoleCompany}, s.requestIntroduction},
		{http.MethodPost, "/account/market-entry", roles, []account.Role{account.RoleCompany}, s.requestMarketEntry},
		{http.MethodGet, "/account/introductions", roles, []account.Role{account.RoleCompany}, s.companyCases},
		{http.MethodGet, "/cases/:id", signedIn, nil, s.casePage},
		{http.MethodPost, "/cases/:id/actions", signedIn, nil, s.caseAction},
		{http.MethodPost, "/cases/:id/outcomes", roles, []account.Role{account.RoleCompany}, s.caseOutcome},
		{http.MethodGet, "/staff/cases", roles, staffRoles, s.queue},
		{http.MethodGet, "/staff/cases.csv", roles, staffRoles, s.casesCSV},
		{http.MethodGet, "/staff/companies", roles, staffRoles, s.staffCompanies},
		{http.MethodGet, "/staff/companies.csv", roles, staffRoles, s.companiesCSV},
		{http.MethodGet, "/staff/dashboard", roles, staffRoles, s.dashboard},
		{http.MethodPost, "/companies/:ref/notes", roles, staffRoles, s.addStaffNote},
		{http.MethodGet, "/notifications", signedIn, nil, s.notifications},
		{http.MethodPost, "/notifications/read", signedIn, nil, s.markNotificationsRead},
		{http.MethodGet, "/account/privacy", signedIn, nil, s.privacyPage},
		{http.MethodGet, "/account/export.json", signedIn, nil, s.exportMyData},
		{http.MethodPost, "/account/delete", signedIn, nil, s.deleteMyAccount},
		{http.MethodGet, "/account/settings", signedIn, nil, s.settingsForm},
		{http.MethodPost, "/account/settings", signedIn, nil, s.saveSettings},

		{http.MethodGet, "/admin/users", roles, []account.Role{account.RoleAdmin}, s.users},
		{http.MethodGet, "/admin/users/new", roles, []account.Role{account.RoleAdmin}, s.newUserForm},
		{http.MethodPost, "/admin/users", roles, []account.Role{account.RoleAdmin}, s.createUser},
		{http.MethodPost, "/admin/users/:id/disabled", roles, []account.Role{account.RoleAdmin}, s.setUserDisabled},
		{http.MethodGet, "/contact", public, nil, contact.show},
		{http.MethodPost, "/contact", public, nil, contact.submit},
		{http.MethodGet, "/staff/inbox", roles, inboxRoles, s.firstContactInbox},
		{http.MethodGet, "/staff/inbox/:id", roles, inboxRoles, s.firstContactItem},
		{http.MethodPost, "/staff/inbox/:id/answer", roles, inboxRoles, s.firstContactAnswer},
		{http.MethodPost, "/staff/inbox/:id/invite", roles, inboxRoles, s.firstContactInvite},
		{http.MethodPost, "/staff/inbox/:id/convert", roles, inboxRoles, s.firstContactConvert},
		{http.MethodPost, "/staff/inbox/:id/close", roles, inboxRoles, s.firstContactClose},

		{http.MethodGet, "/admin/municipalities", roles, []account.Role{account.RoleAdmin}, s.municipalities},
		{http.MethodGet, "/admin/municipalities/:key", roles, []account.Role{account.RoleAdmin}, s.municipalityForm},
		{http.MethodPost, "/admin/municipalities/:key", roles, []account.Role{account.RoleAdmin}, s.saveMunicipality},
		{http.MethodGet, "/admin/outbox", roles, []account.Role{account.RoleAdmin}, s.outbox},
		{http.MethodGet, "/admin/outbox/:id", roles, []account.Role{account.RoleAdmin}, s.outboxMessage},
	}
}

// authorize wraps a handler with the route's audience check.
func (s *Server) authorize(r route) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := currentUser(c)
		switch r.Who {
		case anon:
			if u != nil {
				return c.Redirect(http.StatusSeeOther, langPath(c, "account"))
			}
		case signedIn:
			if u == nil {
				return redirectToLogin(c)
			}
		case roles:
			if u == nil {
				return redirectToLogin(c)
			}
			ok := false
			for _, role := range r.Roles {
				ok = ok || u.Role == role
			}
			if !ok {
				s.app.Audit(c.Request().Context(), u, app.AuditAccessDenied, c.Request().Method+" "+c.Path(), c.RealIP(), "")
				return echo.NewHTTPError(http.StatusForbidden)
			}
		}
		return r.Handler(c)
	}
}

func redirectToLogin(c echo.Context) error {
	if c.Request().Method != http.MethodGet {
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	return c.Redirect(http.StatusSeeOther, langPath(c, "login")+"?next="+urlQueryEscape(c.Request().URL.RequestURI()))
}
