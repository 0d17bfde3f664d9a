// Package smtptest runs a small, real SMTP server on 127.0.0.1 for tests,
// so that mail code is tested over the network with the same client code
// that talks to the production relay. It speaks the subset of RFC 5321 that
// net/smtp uses (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
// without TLS, and can be told to fail deliveries to exercise retries.
package smtptest

import (
	"bufio"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Received is one accepted message.
type Received struct {
	Helo     string   // name given in EHLO/HELO
	AuthUser string   // user of a successful AUTH, or ""
	From     string   // envelope sender (MAIL FROM)
	To       []string // envelope recipients (RCPT TO)
	Data     []byte   // the message as sent after DATA: CRLF lines, dots unstuffed
}

// Server is a running test SMTP server. It stops when the test ends.
type Server struct {
	ln       net.Listener
	user     string
	password string

	mu       sync.Mutex
	msgs     []Received
	changed  chan struct{} // closed and replaced whenever msgs grows
	failNext int
	rejNext  int
	conns    map[net.Conn]struct{}
	closed   bool
	wg       sync.WaitGroup
}

// Option configures a Server.
type Option func(*Server)

// WithAuth makes the server advertise AUTH PLAIN and require these
// credentials before MAIL.
func WithAuth(user, password string) Option {
	return func(s *Server) { s.user, s.password = user, password }
}

// Start listens on 127.0.0.1 on a free port and serves until t ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	s := &Server{ln: ln, changed: make(chan struct{}), conns: map[net.Conn]struct{}{}}
	for _, o := range opts {
		o(s)
	}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.Close)
	return s
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is a PORTAL_SMTP_URL for this server, with credentials if WithAuth
// was given.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr(), RawQuery: "from=portal@kakehashi.example"}
	if s.user != "" {
		u.User = url.UserPassword(s.user, s.password)
	}
	return u.String()
}

// FailNext makes the next n deliveries fail with "451" after the message
// data has been sent, the way a relay with a full queue does.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// RejectNext makes the next n RCPT commands fail with a permanent "550"
// that echoes the address, as real relays do.
func (s *Server) RejectNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejNext = n
}

// Messages returns a copy of the messages accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// WaitFor waits until at least n messages have been accepted and returns
// them, failing the test after timeout.
func (s *Server) WaitFor(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if len(s.msgs) >= n {
			msgs := append([]Received(nil), s.msgs...)
			s.mu.Unlock()
			return msgs
		}
		changed, got := s.changed, len(s.msgs)
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("smtptest: got %d messages within %v, want %d", got, timeout, n)
			return nil
		}
	}
}

// Close stops the server and waits for its connections to end. It is
// called automatically when the test ends.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.ln.Close()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			conn.Close()
			return
		}
		s.conns[conn] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.conns, conn)
				s.mu.Unlock()
				conn.Close()
			}()
			sess := &session{srv: s, conn: conn, r: bufio.NewReader(conn), w: bufio.NewWriter(conn)}
			sess.serve()
		}()
	}
}

// deliver stores a finished transaction, or reports that it must fail.
func (s *Server) deliver(m Received) (fail bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNext > 0 {
		s.failNext--
		return true
	}
	s.msgs = append(s.msgs, m)
	close(s.changed)
	s.changed = make(chan struct{})
	return false
}

// rejectRcpt reports whether this RCPT must be refused.
func (s *Server) rejectRcpt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rejNext > 0 {
		s.rejNext--
		return true
	}
	return false
}
