package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kakehashi/internal/app"
)

func profileForm() url.Values {
	return url.Values{
		"name": {"株式会社テスト光学"}, "region": {"tokyo"}, "city": {"Ota-ku"}, "kind": {"startup"},
		"founded": {"2019"}, "employees": {"14"}, "sectors": {"C26", "M72"},
		"keywords":       {"マイクロ光学, lenses\nLaseroptik"},
		"description.ja": {"マイクロ光学部品を開発しています。"}, "description.en": {"We develop micro-optical parts."},
		"offers.0.type": {"licensing"}, "offers.0.text": {"Lens design licences"},
		"seeks.0.type": {"distribution"}, "seeks.0.text": {"Distributor in Germany"},
		"languages": {"ja", "en"}, "website": {"https://www.test-optics.example"},
		"contact.name": {"山田 花子"}, "contact.role": {"CEO"}, "contact.email": {"hanako@test-optics.example"}, "contact.phone": {"+81 3 0000 0000"},
	}
}

// A Tokyo start-up signs up in Japanese, confirms its address by the link in
// the mail, fills its profile and sees it public without its contact.
func TestSignupConfirmAndProfileJourney(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("ja")
	email := "founder@test-optics.example"

	p := b.post("/ja/signup", url.Values{"email": {email}, "password": {"ひらがなのながいぱすわーど"}, "consent": {"yes"}})
	if p.status != 200 || !strings.Contains(p.body, "受信") && !strings.Contains(p.body, "メール") {
		t.Fatalf("sign-up: %d", p.status)
	}
	subject, _, link := h.lastMailTo(email)
	if !strings.HasPrefix(link, h.srv.URL+"/ja/confirm?token=") {
		t.Fatalf("confirmation link %q", link)
	}
	if strings.Contains(subject, "[mail.") {
		t.Fatalf("untranslated subject %q", subject)
	}
	// Unconfirmed accounts cannot log in yet.
	p = b.post("/ja/login", url.Values{"email": {email}, "password": {"ひらがなのながいぱすわーど"}})
	if p.status != http.StatusForbidden {
		t.Fatalf("unconfirmed login: %d", p.status)
	}
	p = b.get(strings.TrimPrefix(link, h.srv.URL))
	if !strings.HasSuffix(p.url.Path, "/ja/account/profile") {
		t.Fatalf("after confirming: at %s", p.url)
	}
	// The link is single-use.
	if p2 := h.browser("ja").get(strings.TrimPrefix(link, h.srv.URL)); p2.status != http.StatusBadRequest {
		t.Fatalf("second use of link: %d", p2.status)
	}

	p = b.post("/ja/account/profile", profileForm())
	if p.status != 200 || !strings.HasPrefix(p.url.Path, "/ja/companies/tokyo-") {
		t.Fatalf("save profile: %d at %s\n%s", p.status, p.url, p.text(".error-summary"))
	}
	if !strings.Contains(p.body, "マイクロ光学部品を開発しています。") || !strings.Contains(p.body, "株式会社テスト光学") {
		t.Error("profile page lacks the saved texts")
	}
	for _, secret := range []string{"hanako@test-optics.example", "山田 花子", "+81 3 0000 0000"} {
		if strings.Contains(p.body, secret) {
			t.Errorf("public profile shows contact detail %q", secret)
		}
	}
	ref := strings.TrimPrefix(p.url.Path, "/ja/companies/")

	// The profile is found in the directory right away.
	d := h.browser("de").get("/de/companies?q=" + url.QueryEscape("光学"))
	if !strings.Contains(d.body, "/de/companies/"+ref) {
		t.Error("new profile not found by 光学")
	}
	// The account page shows the quality score and confirmation date.
	a := b.get("/ja/account")
	if a.doc.Find("meter#completeness").Length() != 1 {
		t.Error("no completeness meter")
	}
	if p := b.post("/ja/account/profile/confirm", url.Values{}); p.status != 200 || !strings.HasSuffix(p.url.Path, "/ja/account") {
		t.Errorf("confirm current: %d %s", p.status, p.url)
	}
	// Log out ends the session on the server.
	b.post("/ja/logout", url.Values{})
	if p := b.get("/ja/account"); !strings.HasSuffix(p.url.Path, "/ja/login") {
		t.Errorf("after logout /account shows %s", p.url)
	}
}

func TestProfileValidationKeepsInput(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("de")
	b.login("tokyo@company.example", app.DemoPassword)
	before, err := h.app.Store.CompanyByRef(context.Background(), "tokyo-001")
	if err != nil {
		t.Fatal(err)
	}
	form := profileForm()
	form.Set("name", "")
	form.Set("employees", "viele")
	form.Set("website", "not a url")
	form.Set("contact.email", "kein-at-zeichen")
	form.Del("sectors")
	form.Set("offers.1.type", "bogus")
	form.Set("offers.1.text", "Getippter Text bleibt")
	p := b.post("/de/account/profile", form)
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.status)
	}
	for field, id := range map[string]string{"name": "f-name", "employees": "f-employees", "website": "f-website",
		"contact.email": "f-contact-email", "sectors": "f-sectors", "offers.1.type": "f-offers-1-type"} {
		if p.doc.Find("#"+id+"-error").Length() != 1 {
			t.Errorf("%s: no error message", field)
		}
		if p.doc.Find(`.error-summary a[href="#`+id+`"]`).Length() != 1 {
			t.Errorf("%s: not in the error summary", field)
		}
	}
	if v, _ := p.doc.Find("#f-employees").Attr("value"); v != "viele" {
		t.Errorf("employees kept as %q", v)
	}
	if v, _ := p.doc.Find("#f-offers-1-text").Attr("value"); v != "Getippter Text bleibt" {
		t.Errorf("offer text kept as %q", v)
	}
	if got := p.doc.Find("#f-description-ja").Text(); got != "マイクロ光学部品を開発しています。" {
		t.Errorf("description kept as %q", got)
	}
	if inv, _ := p.doc.Find("#f-name").Attr("aria-invalid"); inv != "true" {
		t.Error("name not aria-invalid")
	}
	if !strings.Contains(p.text("#f-name-error"), "Bitte") {
		t.Errorf("error not in German: %q", p.text("#f-name-error"))
	}
	after, _ := h.app.Store.CompanyByRef(context.Background(), "tokyo-001")
	if after.Name != before.Name || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Error("an invalid form changed the stored profile")
	}
}

func TestPostedFieldsCannotChangeOwnership(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	b.login("tokyo@company.example", app.DemoPassword)
	form := profileForm()
	form.Set("ref", "nrw-001")
	form.Set("id", "2")
	form.Set("role", "admin")
	form.Set("municipality_key", "koeln")
	p := b.post("/en/account/profile", form)
	if p.url.Path != "/en/companies/tokyo-001" {
		t.Fatalf("saved to %s", p.url.Path)
	}
	other, _ := h.app.Store.CompanyByRef(context.Background(), "nrw-001")
	if other.Name == "株式会社テスト光学" {
		t.Fatal("another company's profile was overwritten")
	}
	u, _ := h.app.Store.UserByEmail(context.Background(), "tokyo@company.example")
	if u.Role != "company" {
		t.Fatalf("role became %s", u.Role)
	}
}

func TestLoginFailuresAndPasswordReset(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	if p := b.post("/en/login", url.Values{"email": {"nrw@company.example"}, "password": {"wrong password 123"}}); p.status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", p.status)
	}
	if p := b.post("/en/login", url.Values{"email": {"nobody@nowhere.example"}, "password": {"wrong password 123"}}); p.status != http.StatusUnauthorized {
		t.Fatalf("unknown account: %d", p.status)
	}
	// Reset: same answer for known and unknown addresses.
	known := b.post("/en/password/forgot", url.Values{"email": {"nrw@company.example"}})
	unknown := b.post("/en/password/forgot", url.Values{"email": {"nobody@nowhere.example"}})
	if known.status != 200 || unknown.status != 200 || known.text("main") != unknown.text("main") {
		t.Fatal("reset reveals whether an account exists")
	}
	// A logged-in second browser loses its session with the reset.
	other := h.browser("en")
	other.login("nrw@company.example", app.DemoPassword)

	_, _, link := h.lastMailTo("nrw@company.example")
	path := strings.TrimPrefix(link, h.srv.URL)
	form := b.get(path)
	token, _ := form.doc.Find(`input[name=token]`).Attr("value")
	if p := b.post("/en/password/reset", url.Values{"token": {token}, "password": {"short"}}); p.status != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d", p.status)
	}
	if p := b.post("/en/password/reset", url.Values{"token": {token}, "password": {"password1234"}}); p.status != http.StatusUnprocessableEntity {
		t.Fatalf("common password accepted: %d", p.status)
	}
	newPW := "a new long passphrase"
	if p := b.post("/en/password/reset", url.Values{"token": {token}, "password": {newPW}}); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Fatalf("reset: %d at %s", p.status, p.url)
	}
	if p := other.get("/en/account"); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Error("old session survived the password reset")
	}
	b.login("nrw@company.example", newPW)
	if p := h.browser("en").post("/en/password/reset", url.Values{"token": {token}, "password": {"another long passphrase"}}); p.status != http.StatusBadRequest {
		t.Errorf("reset token reused: %d", p.status)
	}
}

func TestSignupValidation(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	p := b.post("/en/signup", url.Values{"email": {"not-an-email"}, "password": {"short"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.status)
	}
	for _, id := range []string{"f-email-error", "f-password-error", "f-consent-error"} {
		if p.doc.Find("#"+id).Length() != 1 {
			t.Errorf("no %s", id)
		}
	}
	if v, _ := p.doc.Find("#f-email").Attr("value"); v != "not-an-email" {
		t.Errorf("email not kept: %q", v)
	}
	// Registering an existing address answers the same and creates nothing.
	p = b.post("/en/signup", url.Values{"email": {"NRW@company.example"}, "password": {"some long password"}, "consent": {"yes"}})
	if p.status != 200 {
		t.Fatalf("existing address: %d", p.status)
	}
	subject, _, _ := h.lastMailTo("nrw@company.example")
	if !strings.Contains(subject, "Registration attempt") {
		t.Errorf("existing owner not told: %q", subject)
	}
}

func TestAdminOutboxAccess(t *testing.T) {
	h := newHarness(t, true)
	h.browser("en").post("/en/password/forgot", url.Values{"email": {"nrw@company.example"}})

	anon := h.browser("en")
	if p := anon.get("/en/admin/outbox"); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Errorf("anonymous sees outbox at %s", p.url)
	}
	company := h.browser("en")
	company.login("nrw@company.example", app.DemoPassword)
	if p := company.get("/en/admin/outbox"); p.status != http.StatusForbidden {
		t.Errorf("company user: %d", p.status)
	}
	admin := h.browser("ja")
	admin.login("admin@kakehashi.example", app.DemoPassword)
	p := admin.get("/ja/admin/outbox")
	if p.status != 200 || !strings.Contains(p.body, "nrw@company.example") {
		t.Fatalf("admin outbox: %d", p.status)
	}
	href, _ := p.doc.Find("tbody a").First().Attr("href")
	if m := admin.get(href); m.status != 200 || !strings.Contains(m.body, "/en/password/reset?token=") {
		t.Errorf("message page: %d", m.status)
	}
	if p.header.Get("Cache-Control") != "no-store" {
		t.Error("signed-in page cacheable")
	}
}
