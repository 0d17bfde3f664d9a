package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/mail"
	"kakehashi/internal/store"
)

// portal is the real server binary on a temporary database with demo data.
type portal struct {
	url   string
	dir   string
	cmd   *exec.Cmd
	log   *lockedBuffer
	done  chan struct{}
	werr  error
	store *store.Store // a second connection to the same file: outbox, TOTP state
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startPortal builds ./cmd/portal once and serves it on a free loopback port.
func startPortal() (*portal, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "kakehashi-browser-")
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "portal")
	t0 := time.Now()
	build := exec.Command("go", "build", "-o", bin, "./cmd/portal")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("go build ./cmd/portal: %v\n%s", err, out)
	}
	fmt.Fprintf(os.Stderr, "browser tests: built the portal in %v\n", time.Since(t0).Round(time.Millisecond))

	dbPath := filepath.Join(dir, "db", "portal.db")
	for attempt := 1; ; attempt++ {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		p := &portal{url: "http://" + addr, dir: dir, log: &lockedBuffer{}, done: make(chan struct{})}
		p.cmd = exec.Command(bin, "serve", "--db", dbPath, "--addr", addr, "--demo=true", "--log-format", "text", "--log-level", "warn")
		p.cmd.Env = portalEnv()
		p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
		if err := p.cmd.Start(); err != nil {
			return nil, err
		}
		go func() { p.werr = p.cmd.Wait(); close(p.done) }()
		err = p.waitReady(90 * time.Second)
		if err == nil {
			if p.store, err = store.Open(dbPath); err != nil {
				p.stop()
				return nil, err
			}
			return p, nil
		}
		p.kill()
		if attempt < 3 && strings.Contains(p.log.String(), "address already in use") {
			continue
		}
		os.RemoveAll(dir)
		return nil, fmt.Errorf("portal did not start: %v\n--- log ---\n%s", err, p.log.String())
	}
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the module")
	}
	return filepath.Dir(gomod), nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// portalEnv drops PORTAL_* settings so that only the flags configure the
// server (demo data on, no SMTP: mail stays in the outbox).
func portalEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PORTAL_") {
			env = append(env, kv)
		}
	}
	return env
}

func (p *portal) waitReady(timeout time.Duration) error {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("exited: %v", p.werr)
		default:
		}
		if resp, err := c.Get(p.url + "/readyz"); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %v", timeout)
}

// alive fails when the server process has died during the tests.
func (p *portal) alive() error {
	select {
	case <-p.done:
		return fmt.Errorf("the portal exited: %v\n--- log ---\n%s", p.werr, p.log.String())
	default:
		return nil
	}
}

func (p *portal) kill() {
	if p.cmd.Process != nil {
		p.cmd.Process.Kill()
	}
	<-p.done
}

func (p *portal) stop() {
	if p.store != nil {
		p.store.Close()
	}
	if p.cmd.Process != nil {
		p.cmd.Process.Signal(os.Interrupt)
		select {
		case <-p.done:
		case <-time.After(15 * time.Second):
			p.kill()
		}
	}
	os.RemoveAll(p.dir)
}

var linkRE = regexp.MustCompile(`https?://\S+`)

// mailTo waits for the newest message to addr whose subject satisfies match
// (nil: any) and returns it with the first link in its body.
func (p *portal) mailTo(ctx context.Context, addr string, match func(mail.Message) bool) (mail.Message, string, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		msgs, _, err := p.store.OutboxPage(ctx, 0, 200)
		if err != nil {
			return mail.Message{}, "", err
		}
		for _, m := range msgs { // newest first
			if m.To == addr && (match == nil || match(m)) {
				return m, linkRE.FindString(m.Body), nil
			}
		}
		if time.Now().After(deadline) {
			return mail.Message{}, "", fmt.Errorf("no mail to %s: %w", addr, errNotFound)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var totpMu sync.Mutex

// totpCode returns a second-factor code of the account that the server has
// not seen yet. Codes are single-use per 30-s step and the server accepts the
// steps cur-1..cur+1; the test uses cur and cur+1, so a third login of one
// account within one step waits for the next step.
func (p *portal) totpCode(ctx context.Context, email string) (string, error) {
	totpMu.Lock()
	defer totpMu.Unlock()
	for {
		u, err := p.store.UserByEmail(ctx, email)
		if err != nil {
			return "", fmt.Errorf("user %s: %w", email, err)
		}
		if u.TOTPSecret == "" {
			return "", fmt.Errorf("%s has no second factor", email)
		}
		// Not cur-1: it leaves the accepted window if a step boundary passes
		// before the server checks the code (a flaky "code is wrong").
		cur := account.TOTPStep(time.Now())
		for step := cur; step <= cur+1; step++ {
			if step > u.TOTPLastStep {
				return account.TOTPCode(u.TOTPSecret, step), nil
			}
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}
