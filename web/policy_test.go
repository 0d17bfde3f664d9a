package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kakehashi/internal/app"
)

// actorNames are the columns of the access matrix, in the order requests
// are made (later actors see the effects of earlier ones' writes).
var actorNames = []string{"anon", "company A", "company B", "staff own", "staff other", "desk", "admin"}

// expect is one row of the matrix: the status each actor gets (redirects
// not followed: 303 = success or redirect to login/account).
type expect struct {
	method, route string // as registered
	path          string // concrete path below /en
	form          url.Values
	want          [7]int
}

func noRedirect(b *browser) *browser {
	b.c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return b
}

// TestAccessControlMatrix requests every route as anonymous, company A
// (tokyo-001), company B (nrw-001), staff of the case's municipality
// (Aachen), staff of another (Köln), the desk and an admin. A route missing
// from the table fails the test, so new routes must state their policy.
func TestAccessControlMatrix(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	// A case between A and B, assigned to Aachen and proposed to B.
	tokyo := h.browser("en")
	tokyo.login("tokyo@company.example", app.DemoPassword)
	p := tokyo.post("/en/companies/nrw-001/introductions", url.Values{"message": {"hi"}})
	casePath := strings.TrimPrefix(p.url.Path, "/en")
	desk := h.browser("en")
	desk.login("desk@nrw-global-business.example", app.DemoPassword)
	desk.post("/en"+casePath+"/actions", url.Values{"action": {"assign"}, "municipality": {"aachen"}})
	aachen := h.browser("en")
	aachen.login("staff@aachen.example", app.DemoPassword)
	aachen.post("/en"+casePath+"/actions", url.Values{"action": {"approve"}})

	// Another Aachen company, for proposals and requests.
	var aachenNRW string
	cs, _ := h.app.Store.AllCompanies(ctx)
	for _, c := range cs {
		if c.Municipality == "aachen" && c.Ref != "nrw-001" {
			aachenNRW = c.Ref
			break
		}
	}

	actors := []*browser{noRedirect(h.browser("en"))}
	for _, email := range []string{"tokyo@company.example", "nrw@company.example", "staff@aachen.example", "staff@koeln.example", "desk@nrw-global-business.example", "admin@kakehashi.example"} {
		b := h.browser("en")
		b.login(email, app.DemoPassword)
		actors = append(actors, noRedirect(b))
	}
	actors[0].get("/en/login") // CSRF cookie for the anonymous visitor

	const (
		ok     = http.StatusOK
		see    = http.StatusSeeOther
		bad    = http.StatusBadRequest
		unauth = http.StatusUnauthorized
		forb   = http.StatusForbidden
		nf     = http.StatusNotFound
		confl  = http.StatusConflict
		inv    = http.StatusUnprocessableEntity
	)
	all := func(s int) [7]int { return [7]int{s, s, s, s, s, s, s} }
	signedIn := func(s int) [7]int { return [7]int{see, s, s, s, s, s, s} }
	signedInPost := func(s int) [7]int { return [7]int{unauth, s, s, s, s, s, s} }
	companyGet := [7]int{see, ok, ok, forb, forb, forb, forb}
	staffGet := [7]int{see, forb, forb, ok, ok, ok, ok}
	adminGet := [7]int{see, forb, forb, forb, forb, forb, ok}
	inboxGet := [7]int{see, forb, forb, forb, forb, ok, ok}
	anonOnly := [7]int{ok, see, see, see, see, see, see}
	f := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}

	table := []expect{
		{"GET", "", "", nil, all(ok)},
		{"GET", "/", "/", nil, all(ok)},
		{"GET", "/privacy", "/privacy", nil, all(ok)},
		{"GET", "/imprint", "/imprint", nil, all(ok)},
		{"GET", "/accessibility", "/accessibility", nil, all(ok)},
		{"GET", "/companies", "/companies?q=optik", nil, all(ok)},
		{"GET", "/companies/:ref", "/companies/tokyo-001", nil, all(ok)},
		{"GET", "/signup", "/signup", nil, anonOnly},
		{"POST", "/signup", "/signup", f(), [7]int{inv, see, see, see, see, see, see}},
		{"GET", "/confirm", "/confirm?token=nope", nil, all(bad)},
		{"POST", "/confirm/resend", "/confirm/resend", f("email", "x@y.example"), all(ok)},
		{"GET", "/login", "/login", nil, anonOnly},
		{"POST", "/login", "/login", f(), [7]int{inv, see, see, see, see, see, see}},
		{"GET", "/login/2fa", "/login/2fa", nil, all(see)},
		{"POST", "/login/2fa", "/login/2fa", f("code", "123456"), all(see)},
		{"GET", "/password/forgot", "/password/forgot", nil, all(ok)},
		{"POST", "/password/forgot", "/password/forgot", f(), all(inv)},
		{"GET", "/password/reset", "/password/reset?token=nope", nil, all(bad)},
		{"POST", "/password/reset", "/password/reset", f("token", "nope", "password", "a long enough password"), all(bad)},
		{"GET", "/account", "/account", nil, signedIn(ok)},
		{"GET", "/account/profile", "/account/profile", nil, companyGet},
		{"POST", "/account/profile", "/account/profile", f(), [7]int{unauth, inv, inv, forb, forb, forb, forb}},
		{"POST", "/account/profile/confirm", "/account/profile/confirm", f(), [7]int{unauth, see, see, forb, forb, forb, forb}},
		{"GET", "/account/suggestions", "/account/suggestions", nil, companyGet},
		{"GET", "/account/introductions", "/account/introductions", nil, companyGet},
		{"GET", "/companies/:ref/suggestions", "/companies/tokyo-001/suggestions", nil, staffGet},
		{"POST", "/companies/:ref/suggestions/:other/unsuitable", "/companies/tokyo-002/suggestions/nrw-002/unsuitable", f(), [7]int{unauth, forb, forb, see, see, see, see}},
		{"POST", "/companies/:ref/suggestions/:other/propose", "/companies/" + aachenNRW + "/suggestions/tokyo-003/propose", f(), [7]int{unauth, forb, forb, see, forb, confl, confl}},
		{"POST", "/companies/:ref/introductions", "/companies/" + aachenNRW + "/introductions", f("message", "hello"), [7]int{unauth, see, inv, forb, forb, forb, forb}},
		{"POST", "/account/market-entry", "/account/market-entry", f("message", "office"), [7]int{unauth, see, inv, forb, forb, forb, forb}},
		{"GET", "/cases/:id", casePath, nil, [7]int{see, ok, ok, ok, nf, ok, ok}},
		{"POST", "/cases/:id/actions", casePath + "/actions", f("action", "accept"), [7]int{unauth, forb, see, forb, nf, forb, forb}},
		{"POST", "/cases/:id/outcomes", casePath + "/outcomes", f("kind", "meeting"), [7]int{unauth, see, see, forb, forb, forb, forb}},
		{"GET", "/staff/cases", "/staff/cases", nil, staffGet},
		{"GET", "/staff/cases.csv", "/staff/cases.csv", nil, staffGet},
		{"GET", "/staff/companies", "/staff/companies", nil, staffGet},
		{"GET", "/staff/companies.csv", "/staff/companies.csv", nil, staffGet},
		{"GET", "/staff/dashboard", "/staff/dashboard", nil, staffGet},
		{"POST", "/companies/:ref/notes", "/companies/tokyo-001/notes", f("body", "called them"), [7]int{unauth, forb, forb, see, see, see, see}},
		{"GET", "/notifications", "/notifications", nil, signedIn(ok)},
		{"POST", "/notifications/read", "/notifications/read", f(), signedInPost(see)},
		{"GET", "/account/privacy", "/account/privacy", nil, signedIn(ok)},
		{"GET", "/account/export.json", "/account/export.json", nil, signedIn(ok)},
		{"POST", "/account/delete", "/account/delete", f("password", "wrong"), signedInPost(inv)},
		{"GET", "/account/settings", "/account/settings", nil, signedIn(ok)},
		{"POST", "/account/settings", "/account/settings", f("time_zone", "Mars/Olympus"), signedInPost(inv)},
		{"GET", "/admin/users", "/admin/users", nil, adminGet},
		{"GET", "/admin/users/new", "/admin/users/new", nil, adminGet},
		{"POST", "/admin/users", "/admin/users", f(), [7]int{unauth, forb, forb, forb, forb, forb, inv}},
		{"POST", "/admin/users/:id/disabled", "/admin/users/999999/disabled", f("disabled", "1"), [7]int{unauth, forb, forb, forb, forb, forb, nf}},
		{"GET", "/contact", "/contact", nil, all(ok)},
		// Five submissions per client address and hour: all actors share 127.0.0.1.
		{"POST", "/contact", "/contact", f(), [7]int{inv, inv, inv, inv, inv, http.StatusTooManyRequests, http.StatusTooManyRequests}},
		{"GET", "/staff/inbox", "/staff/inbox", nil, inboxGet},
		{"GET", "/staff/inbox/:id", "/staff/inbox/999999", nil, [7]int{see, forb, forb, forb, forb, nf, nf}},
		{"POST", "/staff/inbox/:id/answer", "/staff/inbox/999999/answer", f("reply", "x"), [7]int{unauth, forb, forb, forb, forb, nf, nf}},
		{"POST", "/staff/inbox/:id/invite", "/staff/inbox/999999/invite", f(), [7]int{unauth, forb, forb, forb, forb, nf, nf}},
		{"POST", "/staff/inbox/:id/convert", "/staff/inbox/999999/convert", f("sector", "C26"), [7]int{unauth, forb, forb, forb, forb, nf, nf}},
		{"POST", "/staff/inbox/:id/close", "/staff/inbox/999999/close", f(), [7]int{unauth, forb, forb, forb, forb, nf, nf}},
		{"GET", "/admin/municipalities", "/admin/municipalities", nil, adminGet},
		{"GET", "/admin/municipalities/:key", "/admin/municipalities/essen", nil, adminGet},
		{"POST", "/admin/municipalities/:key", "/admin/municipalities/essen", f(), [7]int{unauth, forb, forb, forb, forb, forb, inv}},
		{"GET", "/admin/outbox", "/admin/outbox", nil, adminGet},
		{"GET", "/admin/outbox/:id", "/admin/outbox/1", nil, adminGet},
		{"POST", "/logout", "/logout", f(), signedInPost(see)}, // last: it ends the sessions
	}

	covered := map[string]bool{}
	for _, row := range table {
		covered[row.method+" /:lang"+row.route] = true
		for i, b := range actors {
			var p *page
			if row.method == "GET" {
				p = b.get("/en" + row.path)
			} else {
				form := url.Values{}
				for k, v := range row.form {
					form[k] = v
				}
				p = b.post("/en"+row.path, form)
			}
			if p.status != row.want[i] {
				t.Errorf("%s %s as %s: %d, want %d", row.method, row.path, actorNames[i], p.status, row.want[i])
			}
		}
	}
	for _, r := range h.web.Echo().Routes() {
		if !strings.HasPrefix(r.Path, "/:lang") || r.Method == "echo_route_not_found" {
			continue
		}
		if !covered[r.Method+" "+r.Path] {
			t.Errorf("route %s %s has no row in the access matrix", r.Method, r.Path)
		}
	}
}

// TestEveryUnsafeRouteNeedsCSRFToken walks all routes of the router: no
// non-GET route accepts a request without a valid token, or one a browser
// marks cross-site.
func TestEveryUnsafeRouteNeedsCSRFToken(t *testing.T) {
	h := newHarness(t, true)
	admin := h.browser("en")
	admin.login("admin@kakehashi.example", app.DemoPassword)
	noRedirect(admin)
	n := 0
	for _, r := range h.web.Echo().Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == "echo_route_not_found" {
			continue
		}
		path := strings.NewReplacer(":lang", "en", ":ref", "tokyo-001", ":other", "nrw-001", ":id", "1").Replace(r.Path)
		for _, tt := range []struct {
			name, token, site string
		}{{"no token", "", ""}, {"wrong token", "forged-token", ""}, {"cross-site", admin.csrf(), "cross-site"}} {
			form := url.Values{"email": {"x@y.example"}, "role": {"admin"}}
			if tt.token != "" {
				form.Set("_csrf", tt.token)
			}
			req, _ := http.NewRequest(r.Method, h.srv.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.site != "" {
				req.Header.Set("Sec-Fetch-Site", tt.site)
			}
			if p := admin.do(req); p.status != http.StatusForbidden {
				t.Errorf("%s %s (%s): %d, want 403", r.Method, r.Path, tt.name, p.status)
			}
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d unsafe routes found", n)
	}
}
