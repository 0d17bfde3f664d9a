package durability_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Requirement 16. The portal is killed with SIGKILL (kill -9: no graceful
// shutdown, no database close) while 20 clients write to it in a loop,
// then started again on the same file. Proves that:
//   - the restarted server comes up on the crashed database (WAL recovery)
//     and answers /readyz, serves the saved profiles and accepts new writes;
//   - PRAGMA integrity_check on the file is "ok";
//   - every write acknowledged before the kill is present: each sign-up
//     answered 200 has its user row and confirmation mail, and each profile
//     holds the last acknowledged save (or the one save that was in flight
//     at the kill, which may or may not have committed — never an older one);
//   - neither run logged a lock error or any ERROR.
//
// It fails if a handler acknowledges a write before it is committed, if
// commits are buffered in the process (lost with it), or if the file can
// be left corrupt by a crash mid-transaction.
//
// (kill -9 ends the process, not the machine: the OS still writes what the
// process handed it, so this does not exercise fsync/synchronous=FULL; a
// power-cut test needs a fault-injecting file system.)
func TestKill9DuringWritesKeepsEveryAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts, kills and restarts the portal binary")
	}
	const writers = 10 // of each kind: 10 sign-up loops + 10 profile-edit loops
	db := t.TempDir() + "/portal.db"
	editors := seedCompanyUsers(t, db, "crash-editor", writers)
	p := startPortal(t, "before-crash", db)
	tr := newTransport()
	defer tr.CloseIdleConnections()

	var (
		killed atomic.Bool // set just before SIGKILL: errors after it are expected
		codes  statusCounts
		errMu  sync.Mutex
		errs   []string
	)
	fail := func(format string, args ...any) {
		errMu.Lock()
		defer errMu.Unlock()
		errs = append(errs, fmt.Sprintf(format, args...))
	}

	// Editors: log in (setup), then save the profile again and again with a
	// new marker each time.
	type editor struct {
		email       string
		v           *vuser
		ref         string
		lastAck     int // sequence number of the last acknowledged save (0: none)
		lastAttempt int // sequence number of the last save sent
	}
	eds := make([]*editor, writers)
	for i := range eds {
		eds[i] = &editor{email: editors[i], v: newVUser(p.url, tr)}
		if _, err := eds[i].v.login(eds[i].email); err != nil {
			t.Fatalf("editor %d: %v\n%s", i, err, p.log.String())
		}
	}
	marker := func(i, seq int) string { return fmt.Sprintf("Crash Test E%02d #%05d GmbH", i, seq) }

	type signer struct {
		acked   []string // e-mails whose sign-up was answered 200
		pending string   // the sign-up in flight when the loop ended
	}
	sig := make([]*signer, writers)
	for i := range sig {
		sig[i] = &signer{}
	}

	var ackedEdits, ackedSignups atomic.Int64
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(2)
		go func() { // profile-edit loop
			defer wg.Done()
			e := eds[i]
			for seq := 1; ; seq++ {
				e.lastAttempt = seq
				r, err := e.v.post("/en/account/profile", profileForm(marker(i, seq)))
				if err != nil {
					if !killed.Load() {
						fail("editor %d save #%d before the kill: %v", i, seq, err)
					}
					return
				}
				codes.add(r.status)
				ref, ok := strings.CutPrefix(r.location, "/en/companies/")
				if r.status != http.StatusSeeOther || !ok || ref == "" {
					fail("editor %d save #%d: status %d → %q", i, seq, r.status, r.location)
					return
				}
				if e.ref != "" && e.ref != ref {
					fail("editor %d save #%d: ref changed from %s to %s", i, seq, e.ref, ref)
				}
				e.ref, e.lastAck = ref, seq
				ackedEdits.Add(1)
			}
		}()
		go func() { // sign-up loop
			defer wg.Done()
			s := sig[i]
			v := newVUser(p.url, tr)
			if r, err := v.get("/en/signup"); err != nil || r.status != http.StatusOK {
				fail("signer %d: %v", i, errOr(err, "GET /en/signup", r))
				return
			}
			for seq := 1; ; seq++ {
				email := fmt.Sprintf("crash-s%02d-%05d@durability.example", i, seq)
				s.pending = email
				r, err := v.post("/en/signup", url.Values{
					"email": {email}, "password": {"crash-test-passphrase-" + email}, "consent": {"yes"},
				})
				if err != nil {
					if !killed.Load() {
						fail("signer %d sign-up #%d before the kill: %v", i, seq, err)
					}
					return
				}
				codes.add(r.status)
				if r.status != http.StatusOK {
					fail("signer %d sign-up #%d: status %d", i, seq, r.status)
					return
				}
				s.acked, s.pending = append(s.acked, email), ""
				ackedSignups.Add(1)
			}
		}()
	}

	// Let the load run about 2 s, and at least until both kinds of write
	// have been acknowledged a few times; then kill -9 mid-load.
	start := time.Now()
	for time.Since(start) < 2*time.Second || ackedEdits.Load() < 20 || ackedSignups.Load() < 10 {
		if time.Since(start) > 45*time.Second {
			killed.Store(true)
			p.crash()
			wg.Wait()
			t.Fatalf("too few writes acknowledged in 45 s (%d saves, %d sign-ups); errors %v\n%s",
				ackedEdits.Load(), ackedSignups.Load(), errs, p.log.String())
		}
		if p.exited() {
			t.Fatalf("server exited during the load: %v\n%s", p.waitErr, p.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	killed.Store(true)
	p.crash()
	wg.Wait() // every writer stops at its first failed request
	loadTime := time.Since(start)
	beforeLog := p.saveLog()
	var walSize int64
	if fi, err := os.Stat(db + "-wal"); err == nil {
		walSize = fi.Size()
	}
	inFlight := 0
	for _, e := range eds {
		if e.lastAttempt > e.lastAck {
			inFlight++
		}
	}
	for _, s := range sig {
		if s.pending != "" {
			inFlight++
		}
	}
	t.Logf("killed after %v: %d profile saves and %d sign-ups acknowledged, %d writes unanswered at the kill; statuses %s; WAL left behind: %d bytes",
		loadTime.Round(time.Millisecond), ackedEdits.Load(), ackedSignups.Load(), inFlight, codes.String(), walSize)
	if k := codes.serverErrors(); k > 0 {
		t.Errorf("%d responses with status >= 500 before the kill (statuses %s)", k, codes.String())
	}
	if len(errs) > 0 {
		t.Errorf("%d writer(s) failed before the kill:\n%s", len(errs), strings.Join(firstN(errs, 20), "\n"))
	}
	checkLog(t, "before-crash", beforeLog)

	// Restart on the same file. It must come up, report ready and serve
	// every acknowledged profile.
	p2 := startPortal(t, "after-crash", db)
	anon := newVUser(p2.url, tr)
	if r, err := anon.get("/readyz"); err != nil || r.status != http.StatusOK {
		t.Fatalf("after restart: %v", errOr(err, "GET /readyz", r))
	}
	for i, e := range eds {
		if e.lastAck == 0 {
			continue
		}
		r, err := anon.get("/en/companies/" + e.ref)
		if err != nil || r.status != http.StatusOK {
			t.Errorf("after restart, editor %d's profile: %v", i, errOr(err, "GET /en/companies/"+e.ref, r))
			continue
		}
		if !strings.Contains(r.body, marker(i, e.lastAck)) && !strings.Contains(r.body, marker(i, e.lastAttempt)) {
			t.Errorf("after restart, /en/companies/%s shows neither the last acknowledged save %q nor the one in flight %q",
				e.ref, marker(i, e.lastAck), marker(i, e.lastAttempt))
		}
	}
	// The recovered database accepts writes: one editor logs in and saves.
	after := newVUser(p2.url, tr)
	if _, err := after.login(eds[0].email); err != nil {
		t.Fatalf("login after restart: %v", err)
	}
	afterMarker := "Crash Test after restart GmbH"
	if r, err := after.post("/en/account/profile", profileForm(afterMarker)); err != nil || r.status != http.StatusSeeOther {
		t.Fatalf("profile save after restart: %v", errOr(err, "POST /en/account/profile", r))
	}
	p2.stop()
	checkLog(t, "after-crash", p2.saveLog())

	// The file itself: intact, and holding every acknowledged write.
	ctx := context.Background()
	st := openStore(t, db)
	if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("PRAGMA integrity_check after the crash = %q, %v", res, err)
	}
	mailTo := map[string]bool{}
	msgs, total, err := st.OutboxPage(ctx, 0, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	if int(total) > len(msgs) {
		t.Fatalf("outbox has %d messages, read only %d", total, len(msgs))
	}
	for _, m := range msgs {
		if m.Kind == "confirm_email" {
			mailTo[m.To] = true
		}
	}
	signupsChecked := 0
	for i, s := range sig {
		for _, email := range s.acked {
			signupsChecked++
			if _, err := st.UserByEmail(ctx, email); err != nil {
				t.Errorf("signer %d: acknowledged sign-up %s lost: %v", i, email, err)
			} else if !mailTo[email] {
				t.Errorf("signer %d: acknowledged sign-up %s has no confirmation mail", i, email)
			}
		}
	}
	for i, e := range eds {
		want := []string{marker(i, e.lastAck), marker(i, e.lastAttempt)}
		if i == 0 {
			want = []string{afterMarker}
		}
		u, err := st.UserByEmail(ctx, e.email)
		if err != nil {
			t.Fatal(err)
		}
		if u.CompanyID == 0 {
			if e.lastAck > 0 {
				t.Errorf("editor %d: acknowledged profile (save #%d) lost: account has no profile", i, e.lastAck)
			}
			continue
		}
		c, err := st.CompanyByID(ctx, u.CompanyID)
		if err != nil {
			t.Errorf("editor %d: %v", i, err)
			continue
		}
		if c.Name != want[0] && c.Name != want[len(want)-1] {
			t.Errorf("editor %d: stored profile %q, want the last acknowledged save %q (or the one in flight %q)",
				i, c.Name, want[0], want[len(want)-1])
		}
		if e.ref != "" && c.Ref != e.ref {
			t.Errorf("editor %d: stored ref %s, acknowledged %s", i, c.Ref, e.ref)
		}
	}
	t.Logf("after restart: integrity ok; verified %d acknowledged sign-ups and %d profiles", signupsChecked, len(eds))
}
