package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kakehashi/internal/app"
)

func TestAdminCreatesAndDisablesStaff(t *testing.T) {
	h := newHarness(t, true)
	admin := h.browser("de")
	admin.login("admin@kakehashi.example", app.DemoPassword)

	p := admin.post("/de/admin/users", url.Values{"email": {"neu@krefeld.example"}, "password": {"kurz"}, "role": {"staff"}, "municipality": {""}})
	if p.status != http.StatusUnprocessableEntity || p.doc.Find("#f-password-error").Length() != 1 || p.doc.Find("#f-municipality-error").Length() != 1 {
		t.Fatalf("invalid account: %d", p.status)
	}
	if v, _ := p.doc.Find("#f-email").Attr("value"); v != "neu@krefeld.example" {
		t.Errorf("email not kept: %q", v)
	}
	p = admin.post("/de/admin/users", url.Values{"email": {"neu@krefeld.example"}, "password": {"eine lange passphrase"}, "role": {"staff"}, "municipality": {"krefeld"}, "lang": {"de"}})
	if p.status != 200 || !strings.Contains(p.body, "neu@krefeld.example") {
		t.Fatalf("create: %d %s", p.status, p.url)
	}
	staff := h.browser("de")
	staff.login("neu@krefeld.example", "eine lange passphrase")
	if p := staff.get("/de/staff/cases"); p.status != 200 {
		t.Fatalf("new staff queue: %d", p.status)
	}
	// Mass assignment: a company user cannot create accounts.
	company := h.browser("en")
	company.login("nrw@company.example", app.DemoPassword)
	if p := company.post("/en/admin/users", url.Values{"email": {"x@y.example"}, "password": {"eine lange passphrase"}, "role": {"admin"}}); p.status != http.StatusForbidden {
		t.Errorf("company created an account: %d", p.status)
	}

	u, _ := h.app.Store.UserByEmail(t.Context(), "neu@krefeld.example")
	if p := admin.post("/de/admin/users/"+strconv.FormatInt(u.ID, 10)+"/disabled", url.Values{"disabled": {"1"}}); p.status != 200 {
		t.Fatalf("disable: %d", p.status)
	}
	if p := staff.get("/de/staff/cases"); !strings.HasSuffix(p.url.Path, "/de/login") {
		t.Error("a disabled account's session survived")
	}
	if p := staff.post("/de/login", url.Values{"email": {"neu@krefeld.example"}, "password": {"eine lange passphrase"}}); p.status != http.StatusUnauthorized {
		t.Errorf("disabled account logs in: %d", p.status)
	}
}
