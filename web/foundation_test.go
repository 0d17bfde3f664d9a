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

func TestHealthAndReadiness(t *testing.T) {
	h := newHarness(t, false)
	b := h.browser("en")
	if p := b.get("/healthz"); p.status != 200 || p.body != "ok" {
		t.Fatalf("healthz: %d %q", p.status, p.body)
	}
	if p := b.get("/readyz"); p.status != 200 {
		t.Fatalf("readyz: %d", p.status)
	}
	h.app.Store.Close()
	if p := b.get("/readyz"); p.status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with closed db: %d, want 503", p.status)
	}
	if p := b.get("/healthz"); p.status != 200 {
		t.Fatalf("healthz must not touch the database: %d", p.status)
	}
}

func TestRootRedirectsByAcceptLanguage(t *testing.T) {
	h := newHarness(t, false)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range []struct{ header, want string }{
		{"", "/en/"},
		{"de-DE,de;q=0.9,en;q=0.8", "/de/"},
		{"ja", "/ja/"},
		{"fr-FR, en;q=0.1, ja;q=0.5", "/ja/"},
		{"fr", "/en/"},
	} {
		req, _ := http.NewRequest("GET", h.srv.URL+"/", nil)
		req.Header.Set("Accept-Language", tt.header)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Location"); got != tt.want {
			t.Errorf("Accept-Language %q: redirect to %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestEveryPageInEveryLanguage(t *testing.T) {
	h := newHarness(t, true)
	for _, lang := range []string{"de", "en", "ja"} {
		b := h.browser(lang)
		for _, path := range []string{"/", "/companies", "/companies?q=sensor&region=nrw", "/companies/tokyo-001", "/login", "/signup", "/password/forgot"} {
			p := b.get("/" + lang + path)
			if p.status != 200 {
				t.Fatalf("%s%s: status %d", lang, path, p.status)
			}
			if got, _ := p.doc.Find("html").Attr("lang"); got != lang {
				t.Errorf("%s%s: <html lang=%q>", lang, path, got)
			}
			for _, alt := range []string{"de", "en", "ja", "x-default"} {
				if p.doc.Find(`link[rel=alternate][hreflang="`+alt+`"]`).Length() != 1 {
					t.Errorf("%s%s: no hreflang %s", lang, path, alt)
				}
			}
			if strings.Contains(p.body, "[") && strings.Contains(p.body, "[nav.") {
				t.Errorf("%s%s: untranslated key in page", lang, path)
			}
			// The switcher keeps the page and its query.
			for _, other := range []string{"de", "en", "ja"} {
				if other == lang {
					continue
				}
				href, ok := p.doc.Find(`.langs a[hreflang="` + other + `"]`).Attr("href")
				if want := "/" + other + path; !ok || href != want {
					t.Errorf("%s%s: switcher to %s is %q, want %q", lang, path, other, href, want)
				}
			}
		}
	}
}

func TestUnknownLanguageAndPage(t *testing.T) {
	h := newHarness(t, false)
	b := h.browser("en")
	for _, path := range []string{"/fr/companies", "/en/no-such-page", "/en/companies/no-such-ref"} {
		if p := b.get(path); p.status != 404 {
			t.Errorf("%s: %d, want 404", path, p.status)
		}
	}
}

const searchFixture = `{
 "municipalities": [{"key":"krefeld","name":"Krefeld","agency":"WFG Krefeld","description":{"de":"Wirtschaftsförderung"}}],
 "companies": [
  {"ref":"tokyo-optics","name":"株式会社光精密","region":"tokyo","sectors":["C26"],"description":{"ja":"マイクロ光学部品の設計と製造。"},"keywords":["レンズ"]},
  {"ref":"nrw-medtech","name":"Rheinmed GmbH","region":"nrw","municipality":"krefeld","sectors":["C32"],"description":{"de":"Hersteller für Medizintechnik und Ölpumpen für Labore."},"offers":[{"type":"distribution","text":"Vertrieb in Deutschland"}],"languages":["de","en"]},
  {"ref":"nrw-strasse","name":"Müller Straßenbau KG","region":"nrw","sectors":["F42"],"description":{"de":"Straßenbau im Rheinland."},"seeks":[{"type":"supply","text":"Asphalt"}]},
  {"ref":"tokyo-soft","name":"Tokyo Soft Inc.","region":"tokyo","kind":"startup","employees":12,"sectors":["J62"],"description":{"en":"Software for logistics."},"languages":["en","ja"]}
 ]}`

func TestDirectorySearchAndFilters(t *testing.T) {
	h := newHarness(t, false)
	if _, problems, err := h.app.Import(context.Background(), strings.NewReader(searchFixture)); err != nil || len(problems) > 0 {
		t.Fatalf("import: %v %v", err, problems)
	}
	b := h.browser("en")
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"q=光学", []string{"tokyo-optics"}},
		{"q=光", []string{"tokyo-optics"}},
		{"q=Medizintechnik", []string{"nrw-medtech"}},
		{"q=medizin", []string{"nrw-medtech"}},
		{"q=technik", []string{"nrw-medtech"}},
		{"q=pumpen", []string{"nrw-medtech"}},
		{"q=oelpumpen", []string{"nrw-medtech"}},
		{"q=Mueller", []string{"nrw-strasse"}},
		{"q=strasse", []string{"nrw-strasse"}},
		{"q=Straße", []string{"nrw-strasse"}},
		{"region=tokyo", []string{"tokyo-optics", "tokyo-soft"}},
		{"sector=C", []string{"nrw-medtech", "tokyo-optics"}},
		{"sector=J62", []string{"tokyo-soft"}},
		{"offers=distribution", []string{"nrw-medtech"}},
		{"seeks=supply", []string{"nrw-strasse"}},
		{"lang=ja", []string{"tokyo-soft"}},
		{"municipality=krefeld", []string{"nrw-medtech"}},
		{"kind=startup", []string{"tokyo-soft"}},
		{"size=small", []string{"tokyo-soft"}},
		{"q=software&region=nrw", nil},
	} {
		p := b.get("/en/companies?" + tt.query)
		if p.status != 200 {
			t.Fatalf("%s: status %d", tt.query, p.status)
		}
		var got []string
		p.doc.Find(`[data-testid=results] h3 a`).Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			got = append(got, strings.TrimPrefix(href, "/en/companies/"))
		})
		if !sameSet(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestDirectoryPagination(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("de")
	p := b.get("/de/companies")
	if n := p.doc.Find(`[data-testid=results] > li`).Length(); n != 20 {
		t.Fatalf("first page has %d companies, want 20", n)
	}
	next, ok := p.doc.Find(`a[rel=next]`).Attr("href")
	if !ok {
		t.Fatal("no next link")
	}
	p2 := b.get(next)
	if p2.doc.Find(`a[rel=prev]`).Length() != 1 || p2.doc.Find(`[data-testid=results] > li`).Length() == 0 {
		t.Fatalf("page 2 broken: %s", next)
	}
	first := p.text(`[data-testid=results] h3`)
	if p2.text(`[data-testid=results] h3`) == first {
		t.Error("page 2 repeats page 1")
	}

	// a chosen page size is kept in the form and the pager links; other sizes fall back to 20
	for _, tt := range []struct {
		perPage string
		want    int
	}{{"50", 50}, {"100", 80}, {"7", 20}, {"x", 20}} {
		p := b.get("/de/companies?per_page=" + tt.perPage)
		if n := p.doc.Find(`[data-testid=results] > li`).Length(); n != tt.want {
			t.Errorf("per_page=%s: %d companies, want %d", tt.perPage, n, tt.want)
		}
	}
	p50 := b.get("/de/companies?per_page=50")
	if v, _ := p50.doc.Find(`#f-per-page option[selected]`).Attr("value"); v != "50" {
		t.Errorf("per-page select shows %q, want 50", v)
	}
	if next, _ := p50.doc.Find(`a[rel=next]`).Attr("href"); !strings.Contains(next, "per_page=50") {
		t.Errorf("next link %q loses the page size", next)
	}
}

func TestCSRFIsRequired(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	b.get("/en/login") // gets a CSRF cookie
	for _, tt := range []struct {
		name  string
		token string
		site  string
	}{
		{"missing token", "-", ""},
		{"wrong token", "forged", ""},
		{"cross-site", "", "cross-site"},
	} {
		form := url.Values{"email": {"admin@kakehashi.example"}, "password": {app.DemoPassword}}
		switch tt.token {
		case "-":
			form.Set("_csrf", "")
		case "":
			form.Set("_csrf", b.csrf())
		default:
			form.Set("_csrf", tt.token)
		}
		body := form.Encode()
		if tt.token == "-" {
			body = strings.Replace(body, "_csrf=&", "", 1)
		}
		req, _ := http.NewRequest("POST", h.srv.URL+"/en/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if tt.site != "" {
			req.Header.Set("Sec-Fetch-Site", tt.site)
		}
		if p := b.do(req); p.status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tt.name, p.status)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newHarness(t, false)
	p := h.browser("en").get("/en/companies")
	csp := p.header.Get("Content-Security-Policy")
	for _, want := range []string{"object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'nonce-"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Error("CSP allows unsafe-inline")
	}
	if p.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	req, _ := http.NewRequest("TRACE", h.srv.URL+"/en/", nil)
	if p := h.browser("en").do(req); p.status != http.StatusMethodNotAllowed {
		t.Errorf("TRACE: %d", p.status)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}
