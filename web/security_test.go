package web_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kakehashi/internal/app"
	"kakehashi/web"
)

func loginFrom(b *browser, ip, email, pw string) *page {
	b.h.t.Helper()
	form := url.Values{"email": {email}, "password": {pw}, "_csrf": {b.csrf()}}
	req, _ := http.NewRequest("POST", b.h.srv.URL+"/en/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", ip)
	return b.do(req)
}

// After 10 failures an account is locked (429 with Retry-After, audited)
// from any address, other accounts are unaffected, and a client address with
// 10 failures is locked for every account.
func TestLoginThrottling(t *testing.T) {
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	h := newHarnessWith(t, true, web.Config{TrustedProxies: []*net.IPNet{loopback}})
	b := h.browser("en")
	for i := 0; i < 10; i++ {
		if p := loginFrom(b, "198.51.100.1", "nrw@company.example", "wrong password "+strconv.Itoa(i)); p.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, p.status)
		}
	}
	p := loginFrom(b, "198.51.100.2", "nrw@company.example", app.DemoPassword)
	if p.status != http.StatusTooManyRequests {
		t.Fatalf("11th attempt (right password, other address): %d", p.status)
	}
	if ra, err := strconv.Atoi(p.header.Get("Retry-After")); err != nil || ra <= 0 || ra > 900 {
		t.Errorf("Retry-After %q", p.header.Get("Retry-After"))
	}
	if p := loginFrom(h.browser("en"), "198.51.100.3", "tokyo@company.example", app.DemoPassword); p.status != 200 {
		t.Errorf("another account is affected: %d", p.status)
	}
	// The first address made 10 failures: it is locked for other accounts too.
	if p := loginFrom(h.browser("en"), "198.51.100.1", "tokyo@company.example", app.DemoPassword); p.status != http.StatusTooManyRequests {
		t.Errorf("address with 10 failures not throttled: %d", p.status)
	}
	// Without a trusted proxy the header is ignored.
	entries, _, _ := h.app.Store.AuditLog(context.Background(), app.AuditLockout, 0, 10)
	if len(entries) == 0 {
		t.Fatal("no lockout audit event")
	}
	if entries[0].IP != "198.51.100.1" && entries[0].IP != "198.51.100.2" {
		t.Errorf("audit IP %q", entries[0].IP)
	}
}

func TestForwardedForIgnoredWithoutTrustedProxy(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	loginFrom(b, "203.0.113.9", "nrw@company.example", app.DemoPassword)
	entries, _, _ := h.app.Store.AuditLog(context.Background(), app.AuditLoginOK, 0, 1)
	if len(entries) != 1 || entries[0].IP == "203.0.113.9" {
		t.Fatalf("client address taken from an untrusted header: %+v", entries)
	}
}

// The audit log records who did what, never passwords or tokens, and a
// value with a line break cannot forge an entry.
func TestAuditLog(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	b := h.browser("en")
	b.post("/en/login", url.Values{"email": {"nrw@company.example\nlogin_ok admin"}, "password": {"secret-password-x"}})
	b.login("nrw@company.example", app.DemoPassword)
	b.get("/en/admin/outbox") // access denied
	admin := h.browser("en")
	admin.login("admin@kakehashi.example", app.DemoPassword)
	admin.post("/en/admin/users", url.Values{"email": {"new@essen.example"}, "password": {"a long passphrase here"}, "role": {"staff"}, "municipality": {"essen"}})

	entries, _, err := h.app.Store.AuditLog(ctx, "", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Event] = true
		all := e.Subject + e.IP + e.Detail
		if strings.ContainsAny(all, "\r\n") {
			t.Errorf("line break in audit entry %+v", e)
		}
		for _, secret := range []string{"secret-password-x", app.DemoPassword, "token"} {
			if strings.Contains(all, secret) {
				t.Errorf("audit entry holds %q", secret)
			}
		}
		if e.At.IsZero() || e.At.Location().String() != "UTC" {
			t.Errorf("audit time %v", e.At)
		}
	}
	for _, ev := range []string{app.AuditLoginFailed, app.AuditLoginOK, app.AuditAccessDenied, app.AuditRoleChange} {
		if !seen[ev] {
			t.Errorf("no %s event", ev)
		}
	}
}
