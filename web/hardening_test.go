package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"kakehashi/internal/app"
	"kakehashi/web"
)

var xssPayloads = map[string]string{
	"en": `<script>alert("x")</script>"'><img src=x onerror=alert(1)>`,
	"de": `Müller <script>alert("ä")</script><svg onload=alert(2)>`,
	"ja": `光学<script>alert("光")</script><a href="javascript:alert(3)">リンク</a>`,
}

// assertEscaped fails when a page contains a script or event handler that
// came from user input.
func assertEscaped(t *testing.T, where string, p *page) {
	t.Helper()
	p.doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), "alert") {
			t.Errorf("%s: injected <script> executed: %s", where, s.Text())
		}
	})
	p.doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			urlAttr := a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction"
			if strings.HasPrefix(a.Key, "on") || (urlAttr && strings.Contains(strings.ToLower(a.Val), "javascript:")) {
				t.Errorf("%s: injected attribute %s=%q on <%s>", where, a.Key, a.Val, s.Nodes[0].Data)
			}
		}
	})
}

// Script payloads in every text field, in all three languages, come out
// escaped on every page that shows them.
func TestUserTextIsEscapedEverywhere(t *testing.T) {
	h := newHarness(t, true)
	partner := map[string]string{"en": "nrw-001", "de": "nrw-002", "ja": "nrw-003"}
	for lang, payload := range xssPayloads {
		tokyo := h.browser(lang)
		tokyo.login("tokyo@company.example", app.DemoPassword)
		form := profileForm()
		for _, field := range []string{"name", "city", "keywords", "description.de", "description.en", "description.ja",
			"offers.0.text", "seeks.0.text", "contact.name", "contact.role"} {
			form.Set(field, payload)
		}
		if p := tokyo.post("/"+lang+"/account/profile", form); p.status != 200 {
			t.Fatalf("%s: save: %d", lang, p.status)
		}
		// A case with the payload as message, note and outcome.
		p := tokyo.post("/"+lang+"/companies/"+partner[lang]+"/introductions", url.Values{"message": {payload}})
		casePath := strings.TrimPrefix(p.url.Path, "/"+lang)
		desk := h.browser(lang)
		desk.login("desk@nrw-global-business.example", app.DemoPassword)
		desk.post("/"+lang+casePath+"/actions", url.Values{"action": {"assign"}, "municipality": {"aachen"}, "note": {payload}})
		desk.post("/"+lang+"/companies/tokyo-001/notes", url.Values{"body": {payload}})

		pages := map[string]*page{
			"profile":     h.browser(lang).get("/" + lang + "/companies/tokyo-001"),
			"directory":   h.browser(lang).get("/" + lang + "/companies?q=" + url.QueryEscape(payload)),
			"suggestions": tokyo.get("/" + lang + "/account/suggestions"),
			"own cases":   tokyo.get("/" + lang + "/account/introductions"),
			"case":        desk.get("/" + lang + casePath),
			"queue":       desk.get("/" + lang + "/staff/cases"),
			"staff view":  desk.get("/" + lang + "/companies/tokyo-001"),
			"notes":       desk.get("/" + lang + "/companies/tokyo-001/suggestions"),
			"form":        tokyo.get("/" + lang + "/account/profile"),
			"companies":   desk.get("/" + lang + "/staff/companies"),
			"dashboard":   desk.get("/" + lang + "/staff/dashboard"),
			"notify":      desk.get("/" + lang + "/notifications"),
		}
		for name, p := range pages {
			if p.status != 200 {
				t.Errorf("%s %s: %d", lang, name, p.status)
			}
			assertEscaped(t, lang+" "+name, p)
		}
		if !strings.Contains(pages["profile"].body, "&lt;script&gt;") {
			t.Errorf("%s: payload not shown escaped on the profile", lang)
		}
		desk.post("/"+lang+"/logout", url.Values{})
		h.app.Now = func() time.Time { return time.Now().Add(time.Minute) } // fresh TOTP step for the next desk login
	}
}

// templ.Raw bypasses escaping; the templates never use it.
func TestNoRawHTMLInTemplates(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "templates", "*.templ"))
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if strings.Contains(string(data), "templ.Raw") || strings.Contains(string(data), "@templ.Raw") {
			t.Errorf("%s uses templ.Raw", f)
		}
	}
}

// A panic gives a translated 500 page with a request id and no stack trace.
func TestPanicGivesTranslatedErrorPage(t *testing.T) {
	h := newHarness(t, false)
	h.web.Echo().GET("/:lang/test-panic", func(c echo.Context) error { panic("secret internal detail") })
	for lang, want := range map[string]string{"en": "Something went wrong", "de": "Fehler aufgetreten", "ja": "エラーが発生"} {
		p := h.browser(lang).get("/" + lang + "/test-panic")
		if p.status != http.StatusInternalServerError {
			t.Fatalf("%s: %d", lang, p.status)
		}
		if !strings.Contains(p.body, want) && !strings.Contains(p.text("h1"), want) {
			t.Errorf("%s: not translated: %q", lang, p.text("h1"))
		}
		id := p.header.Get(echo.HeaderXRequestID)
		if id == "" || !strings.Contains(p.body, id) {
			t.Errorf("%s: request id %q not on the page", lang, id)
		}
		for _, leak := range []string{"secret internal detail", "goroutine", ".go:"} {
			if strings.Contains(p.body, leak) {
				t.Errorf("%s: page leaks %q", lang, leak)
			}
		}
	}
}

// Cookies are HttpOnly and SameSite=Lax; over TLS they are Secure with the
// __Host- prefix and HSTS is sent.
func TestCookiesAndTLSHeaders(t *testing.T) {
	for _, secure := range []bool{false, true} {
		h := newHarnessWith(t, true, web.Config{SecureCookies: secure})
		resp, err := http.Get(h.srv.URL + "/en/login")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var names []string
		for _, c := range resp.Cookies() {
			names = append(names, c.Name)
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
				t.Errorf("cookie %s: HttpOnly %v SameSite %v Path %q", c.Name, c.HttpOnly, c.SameSite, c.Path)
			}
			if secure && (!c.Secure || !strings.HasPrefix(c.Name, "__Host-")) {
				t.Errorf("TLS cookie %s not Secure/__Host-", c.Name)
			}
		}
		if len(names) == 0 {
			t.Fatal("no CSRF cookie set")
		}
		if hsts := resp.Header.Get("Strict-Transport-Security"); secure != (hsts != "") {
			t.Errorf("secure=%v: HSTS %q", secure, hsts)
		}
	}
}

// A session id changes at login, ends at logout on the server, and expires
// after the idle and the absolute timeout.
func TestSessionLifecycle(t *testing.T) {
	h := newHarness(t, true)
	cookie := func(b *browser) string {
		u, _ := url.Parse(h.srv.URL)
		for _, c := range b.c.Jar.Cookies(u) {
			if c.Name == "kk_session" {
				return c.Value
			}
		}
		return ""
	}
	// An id planted before login (session fixation) is replaced at login.
	b := h.browser("en")
	u, _ := url.Parse(h.srv.URL)
	const planted = "attacker-chosen-session-id"
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "kk_session", Value: planted, Path: "/"}})
	b.login("nrw@company.example", app.DemoPassword)
	if got := cookie(b); got == "" || got == planted {
		t.Fatal("session id not set anew at login")
	}
	old := h.browser("en")
	old.c.Jar.SetCookies(u, []*http.Cookie{{Name: "kk_session", Value: planted, Path: "/"}})
	if p := old.get("/en/account"); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Error("the planted session id works")
	}
	// Two logins give two different ids.
	b2 := h.browser("en")
	b2.login("nrw@company.example", app.DemoPassword)
	if cookie(b2) == cookie(b) {
		t.Error("two logins share a session id")
	}
	base := time.Now()
	h.app.Now = func() time.Time { return base.Add(h.app.Cfg.SessionIdle + time.Minute) }
	if p := b.get("/en/account"); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Error("session survived the idle timeout")
	}
	h.app.Now = time.Now
	b.login("nrw@company.example", app.DemoPassword)
	for d := time.Duration(0); d < h.app.Cfg.SessionMax; d += 12 * time.Hour { // active all week
		at := base.Add(d)
		h.app.Now = func() time.Time { return at }
		if p := b.get("/en/account"); !strings.HasSuffix(p.url.Path, "/en/account") {
			t.Fatalf("active session ended after %s", d)
		}
	}
	h.app.Now = func() time.Time { return base.Add(h.app.Cfg.SessionMax + time.Hour) }
	if p := b.get("/en/account"); !strings.HasSuffix(p.url.Path, "/en/login") {
		t.Error("session survived the absolute timeout")
	}
}

// Oversized bodies are refused before any handler reads them; there are no
// debug endpoints.
func TestBodyLimitAndNoDebugEndpoints(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	big := url.Values{"email": {strings.Repeat("a", 2<<20)}, "_csrf": {b.csrf()}}
	req, _ := http.NewRequest("POST", h.srv.URL+"/en/password/forgot", strings.NewReader(big.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if p := b.do(req); p.status != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body: %d", p.status)
	}
	for _, path := range []string{"/debug/pprof/", "/debug/vars", "/metrics", "/en/debug"} {
		if p := b.get(path); p.status != http.StatusNotFound {
			t.Errorf("%s: %d", path, p.status)
		}
	}
	// Field lengths are enforced server-side, not only by maxlength.
	b.login("nrw@company.example", app.DemoPassword)
	form := profileForm()
	form.Set("name", strings.Repeat("長", 201))
	if p := b.post("/en/account/profile", form); p.status != http.StatusUnprocessableEntity || p.doc.Find("#f-name-error").Length() != 1 {
		t.Errorf("201-character name: %d", p.status)
	}
}

// The CSRF cookie comes with the first page that has a form, not with pages
// a visitor only reads; a form posted with it is accepted.
func TestCSRFCookieOnlyWithForms(t *testing.T) {
	h := newHarness(t, true)
	b := h.browser("en")
	for _, path := range []string{"/en/companies/tokyo-001", "/en/companies", "/en/privacy"} {
		if p := b.get(path); strings.Contains(strings.Join(p.header.Values("Set-Cookie"), "\n"), "kk_csrf=") {
			t.Errorf("%s sets the CSRF cookie without a form", path)
		}
	}
	p := b.get("/en/login")
	if !strings.Contains(strings.Join(p.header.Values("Set-Cookie"), "\n"), "kk_csrf=") {
		t.Fatal("the login form came without a CSRF cookie")
	}
	if p := b.login("tokyo@company.example", app.DemoPassword); !strings.Contains(p.body, "logout") {
		t.Fatalf("login with the lazily issued token failed: %d", p.status)
	}
}

// A notice after a redirect shows once.
func TestFlashShowsOnce(t *testing.T) {
	h := newHarness(t, true)
	for _, email := range []string{"tokyo@company.example", "admin@kakehashi.example"} {
		b := h.browser("en")
		if p := b.login(email, app.DemoPassword); !strings.Contains(p.body, "You are logged in.") {
			t.Errorf("%s: no notice after login", email)
		}
		if p := b.get("/en/companies"); strings.Contains(p.body, "You are logged in.") {
			t.Errorf("%s: the notice showed twice", email)
		}
	}
}
