package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"kakehashi/internal/app"
	"kakehashi/internal/store"
)

// Every table must be classified in store.PersonalColumns, with columns
// that exist; a column whose name says it holds personal data must be
// listed. A new table or column therefore fails here until export and
// deletion cover it.
func TestEveryTableIsClassifiedForPrivacy(t *testing.T) {
	h := newHarness(t, false)
	ctx := context.Background()
	tables, err := h.app.Store.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	personalName := []string{"email", "phone", "name", "note", "body", "message", "ip", "addr", "subject", "what", "looking", "args"}
	for _, table := range tables {
		listed, ok := store.PersonalColumns[table]
		if !ok {
			t.Errorf("table %s is not classified in store.PersonalColumns", table)
			continue
		}
		cols, err := h.app.Store.Columns(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range listed {
			if !slices.Contains(cols, c) {
				t.Errorf("%s.%s is listed but does not exist", table, c)
			}
		}
		for _, c := range cols {
			for _, p := range personalName {
				if slices.Contains(strings.Split(c, "_"), p) && !slices.Contains(listed, c) && !notPersonal[table+"."+c] {
					t.Errorf("%s.%s looks like personal data but is not listed", table, c)
				}
			}
		}
	}
}

// Columns whose names look personal but hold none.
var notPersonal = map[string]bool{
	"municipalities.name": true, "schema_migrations.name": true, "companies.name": true, "settings.name": true,
	"users.email_confirmed_at": true, "cases.nrw_company_id": true, "first_contacts.email_hash": true,
	"login_attempts.email_hash": true, "tokens.token_hash": true,
	"audit_log.subject": true, // "user:<id>" or a hash prefix, never an address
}

// A company user's export holds every piece of their data; after deletion no
// table holds their name, e-mail or phone any more.
func TestExportAndDeleteCoverEveryTable(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	const (
		email = "marker.person@privacy-test.example"
		name  = "Markus Markerperson"
		phone = "+49 211 0000 4242"
	)
	b := h.browser("de")
	b.post("/de/signup", url.Values{"email": {email}, "password": {"marker passphrase 1"}, "consent": {"yes"}})
	_, _, link := h.lastMailTo(email)
	b.get(strings.TrimPrefix(link, h.srv.URL))
	form := profileForm()
	form.Set("contact.name", name)
	form.Set("contact.phone", phone)
	form.Set("contact.email", email)
	if p := b.post("/de/account/profile", form); p.status != 200 {
		t.Fatalf("profile: %d", p.status)
	}
	p := b.post("/de/companies/nrw-001/introductions", url.Values{"message": {"Nachricht von " + name}})
	if !strings.Contains(p.url.Path, "/cases/") {
		t.Fatalf("request: %s", p.url)
	}
	u, _ := h.app.Store.UserByEmail(ctx, email)
	h.app.Store.AddStaffNote(ctx, u.CompanyID, 0, "Telefonat mit "+name)

	// Export.
	exp := b.get("/de/account/export.json")
	if exp.status != 200 || !strings.Contains(exp.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d", exp.status)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(exp.body), &doc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{email, name, phone, "Nachricht von " + name} {
		if !strings.Contains(exp.body, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	if strings.Contains(exp.body, "argon2id") {
		t.Error("export contains the password hash")
	}

	// Deletion needs the confirmation and the password.
	if p := b.post("/de/account/delete", url.Values{"password": {"marker passphrase 1"}}); p.status != http.StatusUnprocessableEntity {
		t.Fatalf("delete without confirmation: %d", p.status)
	}
	if p := b.post("/de/account/delete", url.Values{"password": {"wrong"}, "confirm": {"yes"}}); p.status != http.StatusUnprocessableEntity {
		t.Fatalf("delete with wrong password: %d", p.status)
	}
	if p := b.post("/de/account/delete", url.Values{"password": {"marker passphrase 1"}, "confirm": {"yes"}}); p.status != 200 {
		t.Fatalf("delete: %d", p.status)
	}
	tables, _ := h.app.Store.Tables(ctx)
	for _, table := range tables {
		for _, col := range store.PersonalColumns[table] {
			for _, marker := range []string{email, "Markerperson", "0000 4242"} {
				var n int64
				h.app.Store.RawCount(ctx, fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE %s LIKE ?", table, col), "%"+marker+"%", &n)
				if n > 0 {
					t.Errorf("%s.%s still holds %q", table, col, marker)
				}
			}
		}
	}
	// The case survives for statistics; the company is gone from the portal.
	if info, err := h.app.Store.CaseByID(ctx, caseIDOf(t, p.url.Path)); err == nil && info.Message != "" {
		t.Error("case message survived")
	}
	if p := h.browser("en").get("/en/companies?q=" + url.QueryEscape("テスト光学")); strings.Contains(p.text("[data-testid=results]"), "テスト光学") || p.doc.Find("[data-testid=results] li").Length() > 0 && strings.Contains(p.body, "/companies/tokyo-") && strings.Contains(p.text("main"), "株式会社テスト光学") {
		t.Error("deleted company still in the directory")
	}
	if p := b.get("/de/account"); !strings.HasSuffix(p.url.Path, "/de/login") {
		t.Error("session survived deletion")
	}
	entries, _, _ := h.app.Store.AuditLog(ctx, app.AuditDeletion, 0, 5)
	if len(entries) == 0 {
		t.Error("deletion not audited")
	}
}

// Every page links the privacy notice, imprint and accessibility statement;
// sign-up records consent with the text's version; only the strictly
// necessary cookies are ever set.
func TestLegalLinksConsentAndCookies(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("de")
	for _, path := range []string{"/de/", "/de/companies", "/de/companies/tokyo-001", "/de/signup", "/de/login", "/de/privacy", "/de/imprint", "/de/accessibility", "/de/no-such-page"} {
		p := b.get(path)
		for _, link := range []string{"/de/privacy", "/de/imprint", "/de/accessibility"} {
			if p.doc.Find(`footer a[href="`+link+`"]`).Length() != 1 {
				t.Errorf("%s: no footer link to %s", path, link)
			}
		}
	}
	if p := b.get("/de/imprint"); !strings.Contains(p.body, "§ 5") {
		t.Error("imprint does not cite § 5 DDG")
	}
	b.post("/de/signup", url.Values{"email": {"consent@test.example"}, "password": {"a long enough password"}, "consent": {"yes"}})
	u, err := h.app.Store.UserByEmail(context.Background(), "consent@test.example")
	if err != nil || u.ConsentAt.IsZero() || u.ConsentVersion != h.app.Cfg.ConsentVersion {
		t.Fatalf("consent not recorded: %v %+v", err, u.ConsentVersion)
	}
	// Walk through pages as a signed-in user and collect every cookie set.
	seen := map[string]bool{}
	c := h.browser("en")
	c.login("nrw@company.example", app.DemoPassword)
	u2, _ := url.Parse(h.srv.URL)
	for _, path := range []string{"/en/account", "/en/account/profile", "/en/companies", "/en/notifications"} {
		c.get(path)
		for _, ck := range c.c.Jar.Cookies(u2) {
			seen[ck.Name] = true
		}
	}
	allowed := map[string]bool{"kk_session": true, "kk_csrf": true, "kk_flash": true, "kk_mfa": true}
	for name := range seen {
		if !allowed[name] {
			t.Errorf("cookie %s is not strictly necessary", name)
		}
	}
}
