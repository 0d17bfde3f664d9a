// Package scaleout_test runs two portal instances against one database, as
// a deployment behind a load balancer does, and checks what must hold
// across instances: sessions, mail sent exactly once, scheduled jobs done
// exactly once, and profile changes reaching the other instance's indexes
// within the refresh interval. It runs on SQLite and PostgreSQL.
package scaleout_test

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
	"sync"
	"testing"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/mail"
	"kakehashi/internal/mail/smtptest"
	"kakehashi/internal/store"
	"kakehashi/internal/store/storetest"
	"kakehashi/web"
)

func TestMain(m *testing.M) { os.Exit(storetest.RunBoth(m)) }

type instance struct {
	app *app.App
	srv *httptest.Server
}

// twoInstances starts two portals on one fresh database with demo data.
func twoInstances(t *testing.T) (a, b *instance) {
	t.Helper()
	dsn := storetest.DSN(t)
	var out []*instance
	for i := 0; i < 2; i++ {
		st, err := store.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		ap := app.New(st, app.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if i == 0 {
			if err := ap.LoadDemo(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if err := ap.LoadIndexes(context.Background()); err != nil {
			t.Fatal(err)
		}
		key, err := st.Secret(context.Background(), "form-stamp") // as portal serve does
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(web.New(ap, web.Config{FormKey: key}, ap.Log).Handler())
		t.Cleanup(srv.Close)
		ap.Cfg.BaseURL = srv.URL
		out = append(out, &instance{app: ap, srv: srv})
	}
	return out[0], out[1]
}

func client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

func csrf(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	resp, err := c.Get(base + "/en/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	u, _ := url.Parse(base)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "kk_csrf" {
			return ck.Value
		}
	}
	t.Fatal("no CSRF cookie")
	return ""
}

// A session made on one instance is valid on the other, and a logout on
// the other ends it everywhere: at once there, within the session cache's
// bound on the first.
func TestSessionsAreSharedAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	c := client()
	resp, err := c.PostForm(a.srv.URL+"/en/login", url.Values{"email": {"nrw@company.example"}, "password": {app.DemoPassword}, "_csrf": {csrf(t, c, a.srv.URL)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// Carry the cookies over to instance B (same site behind a balancer).
	ua, _ := url.Parse(a.srv.URL)
	ub, _ := url.Parse(b.srv.URL)
	c.Jar.SetCookies(ub, c.Jar.Cookies(ua))
	resp, err = c.Get(b.srv.URL + "/en/account")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !strings.HasSuffix(resp.Request.URL.Path, "/en/account") {
		t.Fatalf("session from A not valid on B: ended at %s", resp.Request.URL)
	}
	var token string
	for _, ck := range c.Jar.Cookies(ub) {
		if ck.Name == "kk_csrf" {
			token = ck.Value
		}
	}
	var session *http.Cookie // kept: the logout response deletes it from the jar
	for _, ck := range c.Jar.Cookies(ub) {
		if ck.Name == "kk_session" {
			session = ck
		}
	}
	if session == nil {
		t.Fatal("no session cookie")
	}
	signedIn := func(base string) bool {
		req, _ := http.NewRequest(http.MethodGet, base+"/en/account", nil)
		req.AddCookie(session)
		resp, err := http.DefaultTransport.RoundTrip(req) // no redirects, no jar
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
	if !signedIn(a.srv.URL) {
		t.Fatal("session not valid on A before the logout")
	}
	resp, _ = c.PostForm(b.srv.URL+"/en/logout", url.Values{"_csrf": {token}})
	resp.Body.Close()
	// The instance that logged out refuses the session at once, the other
	// within its session cache's bound (app.Config.SessionCache).
	if signedIn(b.srv.URL) {
		t.Fatal("logout on B did not end the session on B at once")
	}
	deadline := time.Now().Add(a.app.Cfg.SessionCache + time.Second)
	for signedIn(a.srv.URL) {
		if time.Now().After(deadline) {
			t.Fatalf("logout on B did not end the session on A within %s", a.app.Cfg.SessionCache)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Two senders, one per instance, deliver every outbox message exactly once.
func TestOutboxIsSentExactlyOnceAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	ctx := context.Background()
	const n = 40
	for i := 0; i < n; i++ {
		m := mail.Message{To: "to" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "@exactly-once.example", Subject: "s", Body: "b", Lang: "en", Kind: "test"}
		if err := a.app.Store.EnqueueMail(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	smtp := smtptest.Start(t)
	cfg, err := mail.ParseSMTPURL(smtp.URL())
	if err != nil {
		t.Fatal(err)
	}
	later := func() time.Time { return time.Now().Add(time.Minute) }
	var wg sync.WaitGroup
	for _, inst := range []*instance{a, b} {
		s := mail.NewSender(inst.app.Store, mail.NewSMTPTransport(cfg), inst.app.Log, mail.WithClock(later), mail.WithBatchSize(3))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				if _, err := s.Flush(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	got := smtp.Messages()
	seen := map[string]int{}
	for _, m := range got {
		for _, to := range m.To {
			seen[to]++
		}
	}
	if len(got) != n || len(seen) != n {
		t.Fatalf("%d deliveries to %d addresses, want %d each once", len(got), len(seen), n)
	}
	for to, k := range seen {
		if k != 1 {
			t.Errorf("%s got %d copies", to, k)
		}
	}
}

// Both instances run the scheduled jobs at the same moment; each reminder
// is sent once.
func TestScheduledJobsRunOnceAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	ctx := context.Background()
	tokyo, _ := a.app.Store.UserByEmail(ctx, "tokyo@company.example")
	nrw, _ := a.app.Store.CompanyByRef(ctx, "nrw-001")
	id, errs, err := a.app.RequestIntroduction(ctx, &tokyo, nrw.Ref, "hello")
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	desk, _ := a.app.Store.UserByEmail(ctx, "desk@nrw-global-business.example")
	staff, _ := a.app.Store.UserByEmail(ctx, "staff@aachen.example")
	if err := a.app.CaseAct(ctx, &desk, id, "assign", casesInput("aachen")); err != nil {
		t.Fatal(err)
	}
	if err := b.app.CaseAct(ctx, &staff, id, "approve", casesInput("")); err != nil {
		t.Fatal(err)
	}
	due := func() time.Time { return time.Now().Add(8 * 24 * time.Hour) }
	a.app.Now, b.app.Now = due, due
	var wg sync.WaitGroup
	for _, inst := range []*instance{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				if err := inst.app.Jobs(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	msgs, _, _ := a.app.Store.OutboxPage(ctx, 0, 1000)
	reminders := 0
	for _, m := range msgs {
		if m.Kind == "case_reminder" && m.To == "nrw@company.example" {
			reminders++
		}
	}
	if reminders != 1 {
		t.Fatalf("%d reminders, want exactly 1", reminders)
	}
}

// A profile saved on A shows in B's search and suggestions after one
// refresh interval (the documented bound: RefreshEvery, 2 s by default).
func TestProfileChangeReachesTheOtherInstance(t *testing.T) {
	a, b := twoInstances(t)
	ctx := context.Background()
	u, _ := a.app.Store.UserByEmail(ctx, "tokyo@company.example")
	own, _ := a.app.OwnCompany(ctx, &u)
	own.Keywords = append(own.Keywords, "Quantenkryptographie")
	if _, errs, err := a.app.SaveOwnProfile(ctx, &u, own); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if b.app.Search.Search(searchQuery("Quantenkryptographie")).Total != 0 {
		t.Fatal("B saw the change before refreshing (test is not testing anything)")
	}
	b.app.Cfg.RefreshEvery = 200 * time.Millisecond
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go b.app.RunRefresh(runCtx)
	deadline := time.Now().Add(2 * b.app.Cfg.RefreshEvery * 5)
	for b.app.Search.Search(searchQuery("Quantenkryptographie")).Total == 0 {
		if time.Now().After(deadline) {
			t.Fatal("B did not pick up A's profile change within the refresh bound")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The matcher on B knows the new profile too.
	if len(b.app.Match.Municipalities(own.ID)) == 0 {
		t.Error("B's matcher lost the company")
	}
}

// The public contact form shown by one instance may be sent to the other:
// the time stamp it carries is signed with the installation's shared key.
func TestContactFormStampIsAcceptedByTheOtherInstance(t *testing.T) {
	a, b := twoInstances(t)
	c := client()
	resp, err := c.Get(a.srv.URL + "/en/contact")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="started" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatal("no time stamp in the form")
	}
	ua, _ := url.Parse(a.srv.URL)
	ub, _ := url.Parse(b.srv.URL)
	c.Jar.SetCookies(ub, c.Jar.Cookies(ua))
	token := ""
	for _, ck := range c.Jar.Cookies(ub) {
		if ck.Name == "kk_csrf" {
			token = ck.Value
		}
	}
	b.app.Now = func() time.Time { return time.Now().UTC().Add(10 * time.Second) } // the visitor took a while
	form := url.Values{"_csrf": {token}, "started": {string(m[1])}, "name": {"Elbe Sensorik GmbH"}, "region": {"nrw"},
		"what_they_do": {"Wir entwickeln Drucksensoren für Wasserstoffanlagen."}, "looking_for": {"Vertriebspartner in Tokio."},
		"contact_name": {"Jonas Beispiel"}, "contact_email": {"jonas@elbe-sensorik.example"}, "consent": {"yes"}}
	resp, err = c.PostForm(b.srv.URL+"/en/contact", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	list, err := b.app.Store.FirstContacts(context.Background(), "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || len(list) != 1 {
		t.Fatalf("form from A refused by B: status %d, %d stored", resp.StatusCode, len(list))
	}
}
