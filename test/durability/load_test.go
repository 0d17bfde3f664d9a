package durability_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"kakehashi/internal/account"
)

// Requirement 15. Against the real binary on a real SQLite file, 200
// visitors sign up while 200 signed-in company users save their profiles,
// all 400 writes released at the same instant. Proves that under this load:
//   - the server answers no request with a 5xx and every write is accepted;
//   - no "database is locked" / SQLITE_BUSY (or any ERROR) reaches the log;
//   - every acknowledged sign-up has its user row and its confirmation mail
//     (same transaction), and every acknowledged profile save is stored
//     with its unique marker under the ref the server redirected to;
//   - the server then shuts down gracefully and the file passes
//     PRAGMA integrity_check.
//
// It fails if writes are not serialised safely (e.g. no busy_timeout or
// deferred transactions that upgrade to write locks), if a handler
// acknowledges before committing, or if a save lands on the wrong profile.
func TestConcurrentSignupsAndProfileEditsKeepEveryAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the portal binary and runs a 400-request write burst")
	}
	const n = 200
	db := t.TempDir() + "/portal.db"
	editors := seedCompanyUsers(t, db, "editor", n)
	p := startPortal(t, "load", db)
	tr := newTransport()
	defer tr.CloseIdleConnections()

	type signupResult struct {
		email string
		acked bool
	}
	type editResult struct {
		email, marker, ref string
		acked              bool
	}
	signups := make([]signupResult, n)
	edits := make([]editResult, n)
	var (
		codes   statusCounts // the burst
		setup   statusCounts // the editors' logins
		errMu   sync.Mutex
		reqErrs []string
	)
	fail := func(format string, args ...any) {
		errMu.Lock()
		defer errMu.Unlock()
		reqErrs = append(reqErrs, fmt.Sprintf(format, args...))
	}

	// Every virtual user first GETs its form (for the CSRF cookie); editors
	// also log in beforehand, a few at a time (setup, not the measured
	// burst). Then all 400 writers wait at the barrier and go together.
	barrier := make(chan struct{})
	loginSlots := make(chan struct{}, 4)
	var ready, done sync.WaitGroup
	for i := range n {
		ready.Add(2)
		done.Add(2)
		go func() { // sign-up
			defer done.Done()
			v := newVUser(p.url, tr)
			email := fmt.Sprintf("load-%03d@durability.example", i)
			signups[i].email = email
			r, err := v.get("/en/signup")
			ready.Done()
			if err != nil || r.status != http.StatusOK {
				fail("sign-up %d: %v", i, errOr(err, "GET /en/signup", r))
				return
			}
			<-barrier
			r, err = v.post("/en/signup", url.Values{
				"email": {email}, "password": {fmt.Sprintf("load-passphrase-%03d-kakehashi", i)}, "consent": {"yes"},
			})
			if err != nil {
				fail("sign-up %d: POST /en/signup: %v", i, err)
				return
			}
			codes.add(r.status)
			if r.status != http.StatusOK {
				fail("sign-up %d: POST /en/signup: status %d", i, r.status)
				return
			}
			signups[i].acked = true
		}()
		go func() { // login + profile edit
			defer done.Done()
			v := newVUser(p.url, tr)
			marker := fmt.Sprintf("Load Test %03d GmbH", i)
			edits[i].email, edits[i].marker = editors[i], marker
			loginSlots <- struct{}{} // setup, not the measured burst: a few logins at a time
			r, err := v.login(editors[i])
			<-loginSlots
			ready.Done()
			if err != nil {
				fail("editor %d: %v", i, err)
				return
			}
			setup.add(r.status)
			<-barrier
			r, err = v.post("/en/account/profile", profileForm(marker))
			if err != nil {
				fail("editor %d: POST /en/account/profile: %v", i, err)
				return
			}
			codes.add(r.status)
			ref, ok := strings.CutPrefix(r.location, "/en/companies/")
			if r.status != http.StatusSeeOther || !ok || ref == "" {
				fail("editor %d: POST /en/account/profile: status %d → %q", i, r.status, r.location)
				return
			}
			edits[i].ref, edits[i].acked = ref, true
		}()
	}
	ready.Wait()
	start := time.Now()
	close(barrier)
	done.Wait()
	burst := time.Since(start)
	t.Logf("burst of %d sign-ups + %d profile saves took %v; statuses %s (logins before it: %s); server peak RSS %s",
		n, n, burst.Round(time.Millisecond), codes.String(), setup.String(), p.peakRSS())

	p.stop()
	serverLog := p.saveLog()

	// Zero 5xx, and every request was accepted (nothing here is invalid, so
	// any refusal is the server failing under load).
	if k := codes.serverErrors() + setup.serverErrors(); k > 0 {
		t.Errorf("%d responses with status >= 500 (burst %s, logins %s)", k, codes.String(), setup.String())
	}
	if len(reqErrs) > 0 {
		t.Errorf("%d of %d virtual users failed:\n%s", len(reqErrs), 2*n, strings.Join(firstN(reqErrs, 20), "\n"))
	}
	checkLog(t, "load", serverLog)

	// Every acknowledged write is in the database file.
	ctx := context.Background()
	st := openStore(t, db)
	if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("PRAGMA integrity_check = %q, %v", res, err)
	}
	mailTo := map[string]int{}
	msgs, total, err := st.OutboxPage(ctx, 0, 10*n)
	if err != nil {
		t.Fatal(err)
	}
	if int(total) > len(msgs) {
		t.Fatalf("outbox has %d messages, read only %d", total, len(msgs))
	}
	for _, m := range msgs {
		if m.Kind == "confirm_email" {
			mailTo[m.To]++
		}
	}
	ackedSignups, ackedEdits := 0, 0
	for _, s := range signups {
		if !s.acked {
			continue
		}
		ackedSignups++
		u, err := st.UserByEmail(ctx, s.email)
		if err != nil {
			t.Errorf("acknowledged sign-up %s: user row: %v", s.email, err)
			continue
		}
		if u.Role != account.RoleCompany || u.Confirmed() || u.ConsentAt.IsZero() {
			t.Errorf("acknowledged sign-up %s stored as role %q, confirmed %v, consent %v", s.email, u.Role, u.Confirmed(), u.ConsentAt)
		}
		if mailTo[s.email] != 1 {
			t.Errorf("acknowledged sign-up %s: %d confirmation mails in the outbox, want 1", s.email, mailTo[s.email])
		}
	}
	for _, e := range edits {
		if !e.acked {
			continue
		}
		ackedEdits++
		u, err := st.UserByEmail(ctx, e.email)
		if err != nil || u.CompanyID == 0 {
			t.Errorf("acknowledged profile save of %s: account has no profile (company %d, %v)", e.email, u.CompanyID, err)
			continue
		}
		c, err := st.CompanyByID(ctx, u.CompanyID)
		if err != nil {
			t.Errorf("acknowledged profile save of %s: %v", e.email, err)
			continue
		}
		if c.Name != e.marker || c.Ref != e.ref || !strings.Contains(c.Description["de"], e.marker) {
			t.Errorf("acknowledged profile save of %s: stored %q (ref %s, de %q), want %q (ref %s)",
				e.email, c.Name, c.Ref, c.Description["de"], e.marker, e.ref)
		}
	}
	if n, err := st.CountCompanies(ctx); err != nil || int(n) != ackedEdits {
		t.Errorf("%d companies stored, want one per acknowledged profile save (%d): %v", n, ackedEdits, err)
	}
	t.Logf("verified %d acknowledged sign-ups and %d acknowledged profile saves", ackedSignups, ackedEdits)
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… and %d more", len(s)-n))
	}
	return s
}
