package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/store/storetest"
	"kakehashi/web"
)

// The web tests run on SQLite and, with a PostgreSQL DSN, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(storetest.RunBoth(m)) }

// harness is a portal on a fresh database (see storetest) behind the real
// router.
type harness struct {
	t   *testing.T
	app *app.App
	srv *httptest.Server
	web *web.Server
}

func newHarness(t *testing.T, demo bool) *harness {
	t.Helper()
	return newHarnessWith(t, demo, web.Config{})
}

func newHarnessWith(t *testing.T, demo bool, cfg web.Config) *harness {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	a := app.New(st, app.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if demo {
		if err := a.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.LoadIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	ws := web.New(a, cfg, a.Log)
	srv := httptest.NewServer(ws.Handler())
	t.Cleanup(srv.Close)
	a.Cfg.BaseURL = srv.URL
	return &harness{t: t, app: a, srv: srv, web: ws}
}

// browser is a client with its own cookies, like one browser profile.
type browser struct {
	h    *harness
	c    *http.Client
	lang string
}

func (h *harness) browser(lang string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{h: h, c: &http.Client{Jar: jar}, lang: lang}
}

// page is a fetched HTML page.
type page struct {
	status int
	url    *url.URL
	body   string
	doc    *goquery.Document
	header http.Header
}

func (b *browser) do(req *http.Request) *page {
	b.h.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(data)))
	return &page{status: resp.StatusCode, url: resp.Request.URL, body: string(data), doc: doc, header: resp.Header}
}

func (b *browser) get(path string) *page {
	req, _ := http.NewRequest(http.MethodGet, b.h.srv.URL+path, nil)
	return b.do(req)
}

// post submits a form, adding the CSRF token the browser got with its last page.
func (b *browser) post(path string, form url.Values) *page {
	b.h.t.Helper()
	if form.Get("_csrf") == "" {
		form.Set("_csrf", b.csrf())
	}
	req, _ := http.NewRequest(http.MethodPost, b.h.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// csrf returns the token from the browser's CSRF cookie, fetching a page
// first if there is none yet.
func (b *browser) csrf() string {
	u, _ := url.Parse(b.h.srv.URL)
	for i := 0; i < 2; i++ {
		for _, c := range b.c.Jar.Cookies(u) {
			if c.Name == "kk_csrf" {
				return c.Value
			}
		}
		b.get("/" + b.lang + "/login")
	}
	b.h.t.Fatal("no CSRF cookie")
	return ""
}

func (b *browser) login(email, password string) *page {
	b.h.t.Helper()
	p := b.post("/"+b.lang+"/login", url.Values{"email": {email}, "password": {password}})
	if strings.HasSuffix(p.url.Path, "/login/2fa") {
		p = b.post(p.url.RequestURI(), url.Values{"code": {b.h.totpCode(email)}})
	}
	if p.status != http.StatusOK || !strings.HasSuffix(p.url.Path, "/account") {
		b.h.t.Fatalf("login %s: status %d at %s", email, p.status, p.url)
	}
	return p
}

var linkRE = regexp.MustCompile(`https?://\S+`)

// lastMailTo returns the newest outbox message to addr and the link in it.
func (h *harness) lastMailTo(addr string) (subject, body, link string) {
	h.t.Helper()
	msgs, _, err := h.app.Store.OutboxPage(context.Background(), 0, 100)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, m := range msgs {
		if m.To == addr {
			return m.Subject, m.Body, linkRE.FindString(m.Body)
		}
	}
	h.t.Fatalf("no mail to %s", addr)
	return
}

func (p *page) text(sel string) string { return strings.TrimSpace(p.doc.Find(sel).First().Text()) }

// totpCode returns a code the user's authenticator would show that has not
// been used yet (codes are single-use; the window allows three logins of one
// account within 30 seconds).
func (h *harness) totpCode(email string) string {
	h.t.Helper()
	u, err := h.app.Store.UserByEmail(context.Background(), email)
	if err != nil || u.TOTPSecret == "" {
		h.t.Fatalf("no TOTP secret for %s", email)
	}
	cur := account.TOTPStep(h.app.Now())
	for step := cur - 1; step <= cur+1; step++ {
		if step > u.TOTPLastStep {
			return account.TOTPCode(u.TOTPSecret, step)
		}
	}
	h.t.Fatalf("no unused TOTP code for %s in this 30 s window", email)
	return ""
}
