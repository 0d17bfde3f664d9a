package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"kakehashi/internal/app"
)

func refsIn(p *page, sel string) []string {
	var out []string
	p.doc.Find(sel + " h3 a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		out = append(out, href[strings.LastIndex(href, "/")+1:])
	})
	return out
}

func TestCompanySeesSuggestionsWithReasons(t *testing.T) {
	h := newHarness(t, true)
	for _, tt := range []struct {
		lang, email, wantRegion, reasonWord string
	}{
		{"ja", "tokyo@company.example", "nrw-", "共通"},
		{"de", "nrw@company.example", "tokyo-", "Sprache"},
	} {
		b := h.browser(tt.lang)
		b.login(tt.email, app.DemoPassword)
		p := b.get("/" + tt.lang + "/account/suggestions")
		if p.status != 200 {
			t.Fatalf("%s: status %d", tt.email, p.status)
		}
		refs := refsIn(p, "[data-testid=suggestions] li")
		if len(refs) == 0 || len(refs) > 10 {
			t.Fatalf("%s: %d suggestions", tt.email, len(refs))
		}
		for _, r := range refs {
			if !strings.HasPrefix(r, tt.wantRegion) {
				t.Errorf("%s: suggestion %s from the same side", tt.email, r)
			}
		}
		if p.doc.Find("[data-testid=suggestions] .reasons li").Length() < len(refs) {
			t.Errorf("%s: suggestions without reasons", tt.email)
		}
		if strings.Contains(p.body, "[reason.") || strings.Contains(p.body, "[coop.") {
			t.Errorf("%s: untranslated reason", tt.email)
		}
		contacts := p.doc.Find("[data-testid=contacts] > li")
		if first := contacts.First().Find("h3").Text(); first != "NRW.Global Business" {
			t.Errorf("%s: first contact is %q", tt.email, first)
		}
		if tt.wantRegion == "nrw-" && contacts.Length() != 8 {
			t.Errorf("Tokyo company: %d contacts, want the desk and 7 municipalities", contacts.Length())
		}
		if tt.wantRegion == "tokyo-" && contacts.Length() != 2 {
			t.Errorf("NRW company: %d contacts, want the desk and its own municipality", contacts.Length())
		}
	}
}

func TestStaffMarksSuggestionUnsuitable(t *testing.T) {
	h := newHarness(t, true)
	company := h.browser("en")
	company.login("tokyo@company.example", app.DemoPassword)
	before := refsIn(company.get("/en/account/suggestions"), "[data-testid=suggestions] li")
	if len(before) == 0 {
		t.Fatal("no suggestions")
	}
	// Companies cannot use the staff routes.
	if p := company.get("/en/companies/nrw-001/suggestions"); p.status != http.StatusForbidden {
		t.Errorf("company sees staff suggestions: %d", p.status)
	}
	if p := company.post("/en/companies/tokyo-001/suggestions/"+before[0]+"/unsuitable", url.Values{}); p.status != http.StatusForbidden {
		t.Errorf("company marks unsuitable: %d", p.status)
	}

	staff := h.browser("de")
	staff.login("staff@essen.example", app.DemoPassword)
	p := staff.get("/de/companies/tokyo-001/suggestions")
	if got := refsIn(p, "[data-testid=suggestions] li"); len(got) == 0 || got[0] != before[0] {
		t.Fatalf("staff sees %v, company saw %v", got, before)
	}
	p = staff.post("/de/companies/tokyo-001/suggestions/"+before[0]+"/unsuitable", url.Values{})
	if p.status != 200 || !strings.HasSuffix(p.url.Path, "/de/companies/tokyo-001/suggestions") {
		t.Fatalf("mark unsuitable: %d %s", p.status, p.url)
	}
	after := refsIn(company.get("/en/account/suggestions"), "[data-testid=suggestions] li")
	for _, r := range after {
		if r == before[0] {
			t.Fatalf("%s still suggested after it was marked unsuitable", r)
		}
	}
	// And the other side no longer sees the company either.
	other := refsIn(staff.get("/de/companies/"+before[0]+"/suggestions"), "[data-testid=suggestions] li")
	for _, r := range other {
		if r == "tokyo-001" {
			t.Fatal("exclusion is one-sided")
		}
	}
}

func TestProfileChangeUpdatesSuggestions(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	b.login("tokyo@company.example", app.DemoPassword)
	form := profileForm()
	form.Set("name", "Tokyo Hydrogen Start-up")
	form.Set("sectors", "C28")
	form.Set("keywords", "hydrogen, compressor, Wasserstoff")
	form.Set("description.en", "We build hydrogen compressors and want a distributor in Germany.")
	form.Del("description.ja")
	if p := b.post("/en/account/profile", form); p.status != 200 {
		t.Fatalf("save: %d", p.status)
	}
	p := b.get("/en/account/suggestions")
	if !strings.Contains(strings.ToLower(p.text("[data-testid=suggestions]")), "hydrogen") &&
		!strings.Contains(p.text("[data-testid=suggestions]"), "Wasserstoff") {
		t.Errorf("suggestions did not follow the profile change:\n%s", p.text("[data-testid=suggestions]"))
	}
}

func TestPublicProfileShowsSimilarCompanies(t *testing.T) {
	h := newHarness(t, true)
	p := h.browser("en").get("/en/companies/tokyo-001")
	if n := p.doc.Find("[data-testid=similar] li").Length(); n == 0 || n > 5 {
		t.Fatalf("%d similar companies", n)
	}
	if p.doc.Find(`a[href="/en/companies/tokyo-001/suggestions"]`).Length() != 0 {
		t.Error("anonymous visitors see the staff link")
	}
}

// A visitor's profile page comes from the page cache, which follows the
// company's own changes and a renamed municipality at once.
func TestVisitorProfileFollowsChanges(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	visitor := h.browser("en")
	first := visitor.get("/en/companies/nrw-001")
	again := visitor.get("/en/companies/nrw-001")
	if again.text("article") != first.text("article") || first.text("h1") == "" {
		t.Fatalf("a second view differs:\n%s\n---\n%s", first.text("article"), again.text("article"))
	}
	// the page comes from the cache, the CSP nonce never: fresh, and the one the header allows
	nonce := func(p *page) string { n, _ := p.doc.Find("script[nonce]").Attr("nonce"); return n }
	for _, p := range []*page{first, again} {
		if n := nonce(p); n == "" || !strings.Contains(p.header.Get("Content-Security-Policy"), "'nonce-"+n+"'") {
			t.Errorf("script nonce %q not in the CSP %q", n, p.header.Get("Content-Security-Policy"))
		}
	}
	if nonce(first) == nonce(again) {
		t.Error("a cached page repeats its nonce")
	}

	visitor.get("/en/companies/tokyo-001")
	owner := h.browser("en")
	owner.login("tokyo@company.example", app.DemoPassword)
	form := profileForm()
	form.Set("name", "Renamed Optics KK")
	if p := owner.post("/en/account/profile", form); p.status != 200 {
		t.Fatalf("save: %d", p.status)
	}
	if got := visitor.get("/en/companies/tokyo-001").text("h1"); got != "Renamed Optics KK" {
		t.Errorf("visitor sees %q after the rename", got)
	}
	// the owner's own view is rendered for them (edit link), never the visitor's copy
	if owner.get("/en/companies/tokyo-001").doc.Find(`a[href="/en/account/profile"]`).Length() == 0 {
		t.Error("the owner got the visitor's page")
	}

	admin, err := h.app.Store.UserByEmail(ctx, "admin@kakehashi.example")
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.app.MunicipalityByKey(ctx, "aachen")
	if err != nil {
		t.Fatal(err)
	}
	m.Name = "Aachen (renamed)"
	if errs, err := h.app.SaveMunicipality(ctx, &admin, "aachen", m); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if got := visitor.get("/en/companies/nrw-001").text(".meta"); !strings.Contains(got, "Aachen (renamed)") {
		t.Errorf("visitor sees %q after the municipality was renamed", got)
	}
}
