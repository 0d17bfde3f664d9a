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

// Public pages go out gzip-compressed to browsers that accept it; pages
// carrying a secret (a CSRF token, anything of a signed-in user) never do,
// so that their compressed length cannot leak the secret (BREACH).
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

	// the login page carries the CSRF token: sent as is, with its length
	res = fetch("/en/login", "")
	body, _ := io.ReadAll(res.Body)
	if res.Header.Get("Content-Encoding") != "" || !strings.Contains(string(body), `name="_csrf"`) {
		t.Fatalf("login page: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
	if res.ContentLength != int64(len(body)) {
		t.Fatalf("Content-Length %d for %d bytes", res.ContentLength, len(body))
	}

	// a signed-in user's pages are never compressed, public ones included
	b := h.browser("en")
	b.login("tokyo@company.example", app.DemoPassword)
	u := b.c.Jar.Cookies(mustURL(t, h.srv.URL))
	var cookies []string
	for _, c := range u {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	for _, path := range []string{"/en/companies?per_page=50", "/en/account/suggestions"} {
		if res := fetch(path, strings.Join(cookies, "; ")); res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "" {
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
