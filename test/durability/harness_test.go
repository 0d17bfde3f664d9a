// Package durability_test drives the real portal binary as a subprocess
// against a real SQLite file: concurrent write load (requirement 15) and
// kill -9 in the middle of writes (requirement 16). Both tests are skipped
// under -short.
package durability_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/store"
)

// ---------------------------------------------------------------------------
// Building the binary once per test process.

var (
	buildOnce sync.Once
	buildDir  string
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// portalBinary builds ./cmd/portal (once) and returns the path of the binary.
func portalBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			buildErr = err
			return
		}
		if buildDir, err = os.MkdirTemp("", "kakehashi-durability-"); err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(buildDir, "portal")
		start := time.Now()
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/portal")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/portal: %v\n%s", err, out)
			return
		}
		fmt.Fprintf(os.Stderr, "durability: built %s in %v\n", binPath, time.Since(start).Round(time.Millisecond))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// moduleRoot is the directory of go.mod: from `go env GOMOD`, or by walking
// up from the working directory.
func moduleRoot() (string, error) {
	if out, err := exec.Command("go", "env", "GOMOD").Output(); err == nil {
		if gomod := strings.TrimSpace(string(out)); gomod != "" && gomod != os.DevNull {
			return filepath.Dir(gomod), nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// ---------------------------------------------------------------------------
// The portal as a subprocess.

// syncBuffer collects the server's log lines; written by exec's copier
// goroutine, read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type portal struct {
	t       *testing.T
	name    string
	cmd     *exec.Cmd
	url     string
	log     *syncBuffer
	done    chan struct{} // closed when the process has exited
	waitErr error
}

// startPortal runs `portal serve` on dbPath at a free loopback port and
// waits until GET /healthz answers 200. The process is killed at the end of
// the test whatever happens.
func startPortal(t *testing.T, name, dbPath string) *portal {
	t.Helper()
	bin := portalBinary(t)
	for attempt := 1; ; attempt++ {
		p := &portal{t: t, name: name, log: &syncBuffer{}, done: make(chan struct{})}
		addr := freeAddr(t)
		p.url = "http://" + addr
		p.cmd = exec.Command(bin, "serve", "--db", dbPath, "--addr", addr, "--demo=false", "--log-format", "text", "--log-level", "info")
		p.cmd.Env = portalEnv()
		p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
		if err := p.cmd.Start(); err != nil {
			t.Fatalf("%s: start: %v", name, err)
		}
		go func() { p.waitErr = p.cmd.Wait(); close(p.done) }()
		t.Cleanup(p.kill)
		err := p.waitHealthy(60 * time.Second)
		if err == nil {
			return p
		}
		// Another process may have taken the port between freeAddr and the
		// server's listen: try again on a new one.
		if attempt < 3 && strings.Contains(p.log.String(), "address already in use") {
			continue
		}
		t.Fatalf("%s: %v\n--- server log ---\n%s", name, err, p.log.String())
	}
}

// freeAddr returns a loopback address with a port the kernel just handed out.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// portalEnv is the test's environment without PORTAL_* settings, so that
// only the flags configure the server (no SMTP, no demo data).
func portalEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PORTAL_") {
			env = append(env, kv)
		}
	}
	return env
}

func (p *portal) waitHealthy(timeout time.Duration) error {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("server exited before it was healthy: %v", p.waitErr)
		default:
		}
		if resp, err := c.Get(p.url + "/healthz"); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("GET /healthz not 200 within %v", timeout)
}

func (p *portal) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// kill ends the process with SIGKILL if it still runs (cleanup path).
func (p *portal) kill() {
	if !p.exited() {
		_ = p.cmd.Process.Kill()
	}
	<-p.done
}

// crash is kill -9: no graceful shutdown, no deferred close of the database.
func (p *portal) crash() {
	p.t.Helper()
	if p.exited() {
		p.t.Fatalf("%s: server had already exited before the kill: %v\n%s", p.name, p.waitErr, p.log.String())
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatalf("%s: SIGKILL: %v", p.name, err)
	}
	<-p.done
}

// stop shuts the server down gracefully with SIGTERM and requires exit 0.
func (p *portal) stop() {
	p.t.Helper()
	if p.exited() {
		p.t.Fatalf("%s: server exited on its own: %v\n%s", p.name, p.waitErr, p.log.String())
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatalf("%s: SIGTERM: %v", p.name, err)
	}
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		p.t.Fatalf("%s: no exit within 30 s of SIGTERM\n%s", p.name, p.log.String())
	}
	if p.waitErr != nil {
		p.t.Fatalf("%s: graceful shutdown: %v\n%s", p.name, p.waitErr, p.log.String())
	}
}

// saveLog writes the server's log to the test's artifact directory (kept
// with go test -artifacts) and returns it.
func (p *portal) saveLog() string {
	log := p.log.String()
	path := filepath.Join(p.t.ArtifactDir(), p.name+".log")
	_ = os.WriteFile(path, []byte(log), 0o644)
	return log
}

// peakRSS is the server's resident-memory high-water mark (Linux only).
func (p *portal) peakRSS() string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// checkLog fails the test for any sign of lock contention reaching the
// application (SQLITE_BUSY / "database is locked") and for any ERROR line
// (the portal logs every 5xx and panic at ERROR).
func checkLog(t *testing.T, name, log string) {
	t.Helper()
	var bad []string
	sc := bufio.NewScanner(strings.NewReader(log))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		l := strings.ToLower(line)
		if strings.Contains(l, "database is locked") || strings.Contains(l, "sqlite_busy") ||
			strings.Contains(l, "database table is locked") || strings.Contains(line, "level=ERROR") {
			bad = append(bad, line)
		}
	}
	if len(bad) > 0 {
		if len(bad) > 20 {
			bad = append(bad[:20], fmt.Sprintf("… and %d more", len(bad)-20))
		}
		t.Errorf("%s server log has %d lock/error line(s):\n%s", name, len(bad), strings.Join(bad, "\n"))
	}
}

// ---------------------------------------------------------------------------
// Accounts prepared directly in the database (no e-mail round trip).

const editorPassword = "durability-editor-passphrase"

// seedCompanyUsers creates n confirmed company accounts in the database file
// before the server starts and returns their e-mail addresses. One argon2id
// hash serves all of them (same password, still a valid PHC string).
func seedCompanyUsers(t *testing.T, dbPath, prefix string, n int) []string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	hash, err := account.HashPassword(editorPassword)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	emails := make([]string, n)
	err = st.Transact(ctx, func(tx *store.Store) error {
		for i := range emails {
			emails[i] = fmt.Sprintf("%s-%03d@durability.example", prefix, i)
			u := account.User{Email: emails[i], PasswordHash: hash, Role: account.RoleCompany, Lang: "en",
				EmailConfirmedAt: now, ConsentAt: now, ConsentVersion: app.DefaultConfig().ConsentVersion}
			if err := tx.CreateUser(ctx, &u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return emails
}

// openStore opens the database file the way the portal does (same DSN).
func openStore(t *testing.T, dbPath string) *store.Store {
	t.Helper()
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// ---------------------------------------------------------------------------
// Virtual users: one cookie jar each, redirects not followed, so a 303 is the
// server's acknowledgement.

func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		MaxIdleConns:        1024,
		MaxIdleConnsPerHost: 1024,
		MaxConnsPerHost:     0, // unlimited: every virtual user really is concurrent
		IdleConnTimeout:     30 * time.Second,
	}
}

type vuser struct {
	base string
	c    *http.Client
}

func newVUser(base string, tr *http.Transport) *vuser {
	jar, _ := cookiejar.New(nil)
	return &vuser{base: base, c: &http.Client{
		Jar: jar, Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type reply struct {
	status   int
	location string
	body     string
}

func (v *vuser) do(req *http.Request) (reply, error) {
	resp, err := v.c.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(b)}
	if err != nil {
		return r, err
	}
	return r, nil
}

func (v *vuser) get(path string) (reply, error) {
	req, err := http.NewRequest(http.MethodGet, v.base+path, nil)
	if err != nil {
		return reply{}, err
	}
	return v.do(req)
}

// post submits a form with the CSRF token from the kk_csrf cookie.
func (v *vuser) post(path string, form url.Values) (reply, error) {
	tok := v.csrf()
	if tok == "" {
		return reply{}, errors.New("no kk_csrf cookie: GET a page first")
	}
	form.Set("_csrf", tok)
	req, err := http.NewRequest(http.MethodPost, v.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return v.do(req)
}

func (v *vuser) csrf() string {
	u, _ := url.Parse(v.base)
	for _, c := range v.c.Jar.Cookies(u) {
		if c.Name == "kk_csrf" {
			return c.Value
		}
	}
	return ""
}

// login signs a company user in: GET the form for the CSRF cookie, POST the
// credentials, expect 303 to /en/account.
func (v *vuser) login(email string) (reply, error) {
	if r, err := v.get("/en/login"); err != nil || r.status != http.StatusOK {
		return r, errOr(err, "GET /en/login", r)
	}
	r, err := v.post("/en/login", url.Values{"email": {email}, "password": {editorPassword}})
	if err != nil || r.status != http.StatusSeeOther || r.location != "/en/account" {
		return r, errOr(err, "POST /en/login", r)
	}
	return r, nil
}

func errOr(err error, what string, r reply) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return fmt.Errorf("%s: status %d, Location %q", what, r.status, r.location)
}

// profileForm is a valid profile of an NRW company whose name and German
// description carry marker.
func profileForm(marker string) url.Values {
	return url.Values{
		"name": {marker}, "region": {"nrw"}, "city": {"Aachen"}, "kind": {"sme"},
		"founded": {"1998"}, "employees": {"42"}, "sectors": {"C26"},
		"keywords":       {"Optik, Sensorik"},
		"description.de": {"Wir fertigen Präzisionsoptik. Kennung: " + marker},
		"description.en": {"We make precision optics."},
		"offers.0.type":  {"technical_cooperation"}, "offers.0.text": {"Joint development of sensor optics"},
		"seeks.0.type": {"distribution"}, "seeks.0.text": {"Distributor in Tokyo"},
		"languages": {"de", "en"}, "website": {"https://optik.durability.example"},
		"contact.name": {"Erika Muster"}, "contact.role": {"CEO"}, "contact.email": {"erika@optik.durability.example"},
	}
}

// statusCounts tallies response codes across goroutines.
type statusCounts struct {
	mu sync.Mutex
	m  map[int]int
}

func (s *statusCounts) add(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[int]int{}
	}
	s.m[code]++
}

func (s *statusCounts) serverErrors() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for code, c := range s.m {
		if code >= 500 {
			n += c
		}
	}
	return n
}

func (s *statusCounts) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(s.m)
}
