package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kakehashi/internal/app"
)

// Pages go out gzip-compressed to browsers that accept it, with the CSRF
// token masked afresh on each page; a page showing a real secret (a new
// two-factor key) never is, so its compressed length cannot leak the secret
// (BREACH).
func TestCompressionOnlyWithoutSecrets(t *testing.T) {
	h := newHarness(t, true)
	fetch := func(path, cookie string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, h.srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		res, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}

	res := fetch("/en/companies?per_page=50", "")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Fatalf("directory: Content-Encoding %q, Vary %q", res.Header.Get("Content-Encoding"), res.Header.Values("Vary"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(zr)
	if !strings.Contains(string(html), `data-testid="results"`) || !strings.HasSuffix(strings.TrimSpace(string(html)), "</html>") {
		t.Fatal("compressed directory page incomplete")
	}

	// the login page carries the CSRF token, masked afresh on every page
	// (BREACH); the masked token is accepted
	b := h.browser("en")
	first, second := b.get("/en/login"), b.get("/en/login")
	t1, _ := first.doc.Find(`input[name=_csrf]`).Attr("value")
	t2, _ := second.doc.Find(`input[name=_csrf]`).Attr("value")
	if t1 == "" || t1 == t2 || t1 == b.csrf() {
		t.Fatalf("CSRF token not masked per page: %q %q", t1, t2)
	}
	if p := b.post("/en/login", url.Values{"_csrf": {t2}, "email": {"nrw@company.example"}, "password": {app.DemoPassword}}); p.status != http.StatusOK || !strings.HasPrefix(p.url.Path, "/en/account") {
		t.Fatalf("login with the masked token: %d at %s", p.status, p.url.Path)
	}
	if res := fetch("/en/login", ""); res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("login page: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}

	// a signed-in user's pages are compressed too (the two-factor setup page,
	// which shows a new key, is not: see templates' TestSecretPagesAreMarked)
	u := b.c.Jar.Cookies(mustURL(t, h.srv.URL))
	var cookies []string
	for _, c := range u {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	for _, path := range []string{"/en/companies?per_page=50", "/en/account/suggestions"} {
		if res := fetch(path, strings.Join(cookies, "; ")); res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s signed in: status %d, Content-Encoding %q", path, res.StatusCode, res.Header.Get("Content-Encoding"))
		}
	}
	// static files are compressed too when accepted
	res = fetch("/static/css/portal.css", "")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("portal.css: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
