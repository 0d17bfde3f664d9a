package smtptest

import (
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

// dial opens a raw protocol connection and reads the greeting.
func dial(t *testing.T, s *Server) *textproto.Conn {
	t.Helper()
	c, err := textproto.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	expect(t, c, 220)
	return c
}

func expect(t *testing.T, c *textproto.Conn, code int) string {
	t.Helper()
	_, msg, err := c.ReadResponse(code)
	if err != nil {
		t.Fatalf("want %d: %v", code, err)
	}
	return msg
}

func cmd(t *testing.T, c *textproto.Conn, code int, format string, args ...any) string {
	t.Helper()
	if err := c.PrintfLine(format, args...); err != nil {
		t.Fatal(err)
	}
	return expect(t, c, code)
}

// The protocol as a plain client drives it: sequencing errors, RSET,
// NOOP, HELO, and dot-unstuffing in DATA.
func TestProtocol(t *testing.T) {
	s := Start(t)
	c := dial(t, s)
	cmd(t, c, 503, "MAIL FROM:<a@b.example>") // no HELO yet
	cmd(t, c, 250, "HELO client.example")
	cmd(t, c, 503, "RCPT TO:<x@y.example>") // no MAIL yet
	cmd(t, c, 503, "DATA")
	cmd(t, c, 250, "MAIL FROM:<dropped@b.example>")
	cmd(t, c, 250, "RSET")
	cmd(t, c, 250, "NOOP")
	cmd(t, c, 502, "VRFY x")
	cmd(t, c, 501, "MAIL FROM:a@b.example")
	cmd(t, c, 250, "mail from: <a@b.example> BODY=8BITMIME")
	cmd(t, c, 250, "RCPT TO:<x@y.example>")
	cmd(t, c, 250, "RCPT TO:<z@y.example>")
	cmd(t, c, 354, "DATA")
	w := c.W
	w.WriteString("Subject: hi\r\n\r\n..leading dot\r\n.\r\n")
	w.Flush()
	expect(t, c, 250)
	cmd(t, c, 221, "QUIT")

	got := s.WaitFor(t, 1, time.Second)[0]
	if got.Helo != "client.example" || got.From != "a@b.example" || strings.Join(got.To, ",") != "x@y.example,z@y.example" {
		t.Errorf("envelope %+v", got)
	}
	if want := "Subject: hi\r\n\r\n.leading dot\r\n"; string(got.Data) != want {
		t.Errorf("Data = %q, want %q", got.Data, want)
	}
	if sub, err := got.Subject(); err != nil || sub != "hi" {
		t.Errorf("Subject() = %q, %v", sub, err)
	}
}

func TestFailNextAndAuth(t *testing.T) {
	s := Start(t, WithAuth("u", "p"))
	auth := smtp.PlainAuth("", "u", "p", "127.0.0.1")
	msg := []byte("Subject: x\r\n\r\nbody\r\n")

	if err := smtp.SendMail(s.Addr(), nil, "a@b.example", []string{"c@d.example"}, msg); err == nil {
		t.Error("sent without AUTH")
	}
	s.FailNext(1)
	err := smtp.SendMail(s.Addr(), auth, "a@b.example", []string{"c@d.example"}, msg)
	if err == nil || !strings.HasPrefix(err.Error(), "451") {
		t.Errorf("first send: %v, want 451", err)
	}
	s.RejectNext(1)
	err = smtp.SendMail(s.Addr(), auth, "a@b.example", []string{"c@d.example"}, msg)
	if err == nil || !strings.Contains(err.Error(), "550") {
		t.Errorf("second send: %v, want 550", err)
	}
	if err := smtp.SendMail(s.Addr(), auth, "a@b.example", []string{"c@d.example"}, msg); err != nil {
		t.Fatal(err)
	}
	if got := s.WaitFor(t, 1, time.Second); len(got) != 1 || got[0].AuthUser != "u" {
		t.Errorf("messages %+v", got)
	}
	if !strings.HasPrefix(s.URL(), "smtp://u:p@127.0.0.1:") || !strings.HasSuffix(s.URL(), "?from=portal@kakehashi.example") {
		t.Errorf("URL() = %s", s.URL())
	}
}

func TestLongLinesAreRefused(t *testing.T) {
	s := Start(t)
	c := dial(t, s)
	cmd(t, c, 500, "NOOP %s", strings.Repeat("x", 5000))
	cmd(t, c, 250, "NOOP") // the session survives
}
