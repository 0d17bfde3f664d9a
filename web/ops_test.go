package web_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"kakehashi/internal/app"
	"kakehashi/web"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// One log line per request with method, route, status, duration and request
// id; no e-mail addresses, passwords or tokens.
func TestRequestLogsCarryNoPersonalData(t *testing.T) {
	h := newHarness(t, true)
	var logs syncBuffer
	h.app.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	srv := web.New(h.app, web.Config{}, h.app.Log)
	h.srv.Config.Handler = srv.Handler()

	b := h.browser("en")
	b.login("nrw@company.example", app.DemoPassword)
	b.post("/en/password/forgot", url.Values{"email": {"nrw@company.example"}})
	_, _, link := h.lastMailTo("nrw@company.example")
	b.get(strings.TrimPrefix(link, h.srv.URL))
	b.get("/en/companies?q=geheim")

	out := logs.String()
	for _, secret := range []string{"nrw@company.example", app.DemoPassword, "token=", "geheim"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
	var lines int
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, `"msg":"request"`) {
			lines++
			for _, f := range []string{`"method"`, `"route"`, `"status"`, `"duration"`, `"request_id"`} {
				if !strings.Contains(l, f) {
					t.Errorf("request line lacks %s: %s", f, l)
				}
			}
		}
	}
	if lines < 4 {
		t.Errorf("only %d request lines", lines)
	}
}

// Shutdown lets a request in flight finish, then Serve returns.
func TestGracefulShutdown(t *testing.T) {
	h := newHarness(t, true)
	srv := web.New(h.app, web.Config{}, h.app.Log)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, addr, 5*time.Second) }()
	var resp *http.Response
	for i := 0; i < 50; i++ {
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(7 * time.Second):
		t.Fatal("server did not stop")
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}
