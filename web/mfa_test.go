package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
)

func TestAgencyAccountsNeedSecondFactor(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	p := b.post("/en/login", url.Values{"email": {"desk@nrw-global-business.example"}, "password": {app.DemoPassword}})
	if !strings.HasSuffix(p.url.Path, "/en/login/2fa") {
		t.Fatalf("desk login without second factor: %s", p.url)
	}
	// The password alone is no session.
	if p := b.get("/en/staff/cases"); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Fatalf("half-finished login opens staff pages: %s", p.url)
	}
	if p := b.post("/en/login/2fa", url.Values{"code": {"000000"}}); p.status != http.StatusUnauthorized {
		t.Fatalf("wrong code: %d", p.status)
	}
	code := h.totpCode("desk@nrw-global-business.example")
	if p := b.post("/en/login/2fa", url.Values{"code": {code}}); !strings.HasSuffix(p.url.Path, "/en/account") {
		t.Fatalf("right code: %d %s", p.status, p.url)
	}
	// The same code is not accepted twice, even for a fresh password login.
	b2 := h.browser("en")
	b2.post("/en/login", url.Values{"email": {"desk@nrw-global-business.example"}, "password": {app.DemoPassword}})
	if p := b2.post("/en/login/2fa", url.Values{"code": {code}}); p.status != http.StatusUnauthorized {
		t.Fatalf("reused code accepted: %d", p.status)
	}
	// Company accounts need no second factor.
	h.browser("en").login("nrw@company.example", app.DemoPassword)
}

func TestNewStaffSetsUpSecondFactor(t *testing.T) {
	h := newHarness(t, true)
	admin := h.browser("en")
	admin.login("admin@kakehashi.example", app.DemoPassword)
	admin.post("/en/admin/users", url.Values{"email": {"new@koeln.example"}, "password": {"a long passphrase here"}, "role": {"staff"}, "municipality": {"koeln"}})

	b := h.browser("ja")
	p := b.post("/ja/login", url.Values{"email": {"new@koeln.example"}, "password": {"a long passphrase here"}})
	secret := strings.ReplaceAll(p.text("[data-testid=totp-secret]"), " ", "")
	if len(secret) != 32 {
		t.Fatalf("setup page shows no key: %q", secret)
	}
	step := account.TOTPStep(h.app.Now())
	if p := b.post(p.url.RequestURI(), url.Values{"code": {account.TOTPCode(secret, step)}}); !strings.HasSuffix(p.url.Path, "/ja/account") {
		t.Fatalf("setup: %d %s", p.status, p.url)
	}
	u, _ := h.app.Store.UserByEmail(context.Background(), "new@koeln.example")
	if !u.TOTPEnrolled() || u.TOTPSecret != secret {
		t.Fatalf("not enrolled: %+v", u.TOTPLastStep)
	}
}
