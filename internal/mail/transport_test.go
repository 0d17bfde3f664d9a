package mail

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/mail/smtptest"
)

func transportFor(t *testing.T, srv *smtptest.Server) *SMTPTransport {
	t.Helper()
	cfg, err := ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	tr := NewSMTPTransport(cfg)
	tr.now = func() time.Time { return time.Date(2026, 4, 1, 9, 30, 0, 0, time.FixedZone("JST", 9*3600)) }
	return tr
}

// Subjects and bodies in the portal's languages must arrive exactly as
// written, through a real SMTP conversation.
func TestSMTPTransportRoundTrip(t *testing.T) {
	long := strings.Repeat("NRW–Tokyo Kooperationsanfrage für Ihr Unternehmen ", 4)
	tests := []struct {
		name, subject, body, lang string
	}{
		{"japanese", "【かけはし】メールアドレスの確認",
			"山田様\n\n以下のリンクを開いて登録を完了してください。\nhttps://kakehashi.example/confirm?token=abc123\n", "ja"},
		{"german", "Bestätigen Sie Ihre E-Mail-Adresse – Größe & Übersicht",
			"Sehr geehrte Frau Müller,\n\nbitte bestätigen Sie: https://kakehashi.example/confirm?token=äöü\n", "de"},
		{"ascii", "Reset your password", "Hello,\r\nwindows line ends\r\nstay line ends.\n", "en"},
		{"long subject", long, "x", "de"},
		{"looks encoded", "=?UTF-8?B?Zm9v?= is literal", "body", "en"},
		{"dot lines", "Dots", ".\n..\n.leading dot\nend\n.", "en"},
		{"long body line", "Long", strings.Repeat("長い行", 200) + "\n" + strings.Repeat("a", 2000), "ja"},
		{"no trailing newline", "x", "last line", ""},
	}
	srv := smtptest.Start(t)
	tr := transportFor(t, srv)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Message{ID: int64(i + 1), To: "taro@example.jp", Subject: tt.subject, Body: tt.body, Lang: tt.lang,
				CreatedAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
			if err := tr.Send(t.Context(), m); err != nil {
				t.Fatal(err)
			}
			got := srv.WaitFor(t, i+1, 5*time.Second)[i]

			if got.From != "portal@kakehashi.example" || len(got.To) != 1 || got.To[0] != "taro@example.jp" {
				t.Errorf("envelope %q -> %q", got.From, got.To)
			}
			for n, line := range strings.Split(strings.TrimSuffix(string(got.Data), "\r\n"), "\r\n") {
				if len(line) > 78 {
					t.Errorf("line %d is %d bytes long: %q", n, len(line), line)
				}
				if strings.ContainsRune(line, '\n') {
					t.Errorf("line %d has a bare LF", n)
				}
				for _, c := range []byte(line) {
					if c > 0x7e {
						t.Fatalf("line %d is not 7-bit: %q", n, line)
					}
				}
			}
			subject, err := got.Subject()
			if err != nil || subject != tt.subject {
				t.Errorf("subject = %q, %v; want %q", subject, err, tt.subject)
			}
			body, err := got.Body()
			want := strings.ReplaceAll(tt.body, "\r\n", "\n")
			if !strings.HasSuffix(want, "\n") {
				want += "\n"
			}
			if err != nil || body != want {
				t.Errorf("body = %q, %v\nwant %q", body, err, want)
			}
			h, _ := got.Header()
			for name, want := range map[string]string{
				"From":                      "<portal@kakehashi.example>",
				"To":                        "<taro@example.jp>",
				"Date":                      "Wed, 01 Apr 2026 09:30:00 +0900",
				"Message-Id":                "<outbox." + strconv.Itoa(i+1) + ".",
				"Mime-Version":              "1.0",
				"Content-Type":              "text/plain; charset=UTF-8",
				"Content-Transfer-Encoding": "quoted-printable",
				"Content-Language":          tt.lang,
				"Auto-Submitted":            "auto-generated",
			} {
				if v := h.Get(name); !strings.HasPrefix(v, want) || (want == "" && v != "") {
					t.Errorf("%s: %q, want %q", name, v, want)
				}
			}
			if _, err := h.Date(); err != nil {
				t.Errorf("Date does not parse: %v", err)
			}
		})
	}
}

// CR or LF in a header-bound field must never reach the wire, whatever the
// caller did or did not validate.
func TestSMTPTransportRejectsHeaderInjection(t *testing.T) {
	srv := smtptest.Start(t)
	tr := transportFor(t, srv)
	for _, m := range []Message{
		{To: "taro@example.jp\r\nBcc: victim@example.com", Subject: "hi", Body: "x"},
		{To: "taro@example.jp\nBcc: victim@example.com", Subject: "hi", Body: "x"},
		{To: "taro@example.jp", Subject: "hi\r\nBcc: victim@example.com", Body: "x"},
		{To: "taro@example.jp", Subject: "hi\nContent-Type: text/html", Body: "x"},
		{To: "taro@example.jp", Subject: "hi\rX-Evil: 1", Body: "x"},
		{To: "taro@example.jp", Subject: "hi", Body: "x", Lang: "ja\r\nBcc: victim@example.com"},
	} {
		err := tr.Send(t.Context(), m)
		if !errors.Is(err, ErrInvalid) || !IsPermanent(err) {
			t.Errorf("Send(%q / %q) = %v, want a permanent ErrInvalid", m.To, m.Subject, err)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("server received %d messages", n)
	}
}

func TestMessageValidate(t *testing.T) {
	ok := Message{To: "taro@example.jp", Subject: "件名", Body: "本文", Lang: "ja"}
	tests := []struct {
		name   string
		change func(*Message)
		valid  bool
	}{
		{"ok", func(*Message) {}, true},
		{"de-DE lang", func(m *Message) { m.Lang = "de-DE" }, true},
		{"plus address", func(m *Message) { m.To = "taro+portal@example.jp" }, true},
		{"empty to", func(m *Message) { m.To = "" }, false},
		{"display name", func(m *Message) { m.To = "Taro <taro@example.jp>" }, false},
		{"angle brackets", func(m *Message) { m.To = "<taro@example.jp>" }, false},
		{"two recipients", func(m *Message) { m.To = "a@example.jp,b@example.jp" }, false},
		{"non-ASCII address", func(m *Message) { m.To = "太郎@example.jp" }, false},
		{"no at", func(m *Message) { m.To = "example.jp" }, false},
		{"too long", func(m *Message) { m.To = strings.Repeat("a", 250) + "@x.jp" }, false},
		{"tab in subject", func(m *Message) { m.Subject = "a\tb" }, true},
		{"NUL in subject", func(m *Message) { m.Subject = "a\x00b" }, false},
		{"bad UTF-8 subject", func(m *Message) { m.Subject = "a\xffb" }, false},
		{"bad UTF-8 body", func(m *Message) { m.Body = "a\xffb" }, false},
		{"long subject", func(m *Message) { m.Subject = strings.Repeat("長", MaxSubject+1) }, false},
		{"huge body", func(m *Message) { m.Body = strings.Repeat("a", MaxBody+1) }, false},
		{"bad lang", func(m *Message) { m.Lang = "ja jp" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok
			tt.change(&m)
			err := m.Validate()
			if (err == nil) != tt.valid {
				t.Fatalf("Validate() = %v, valid=%v", err, tt.valid)
			}
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

// A 4xx reply means "try later"; a 5xx reply to RCPT means the address is
// dead and retrying is pointless.
func TestSMTPTransportClassifiesReplies(t *testing.T) {
	srv := smtptest.Start(t)
	tr := transportFor(t, srv)
	m := Message{ID: 1, To: "taro@example.jp", Subject: "s", Body: "b"}

	srv.FailNext(1)
	err := tr.Send(t.Context(), m)
	if err == nil || IsPermanent(err) || !strings.Contains(err.Error(), "451") {
		t.Errorf("after 451: err = %v, want temporary 451", err)
	}
	srv.RejectNext(1)
	err = tr.Send(t.Context(), m)
	if err == nil || !IsPermanent(err) || !strings.Contains(err.Error(), "550") {
		t.Errorf("after 550: err = %v, want permanent 550", err)
	}
	if err := tr.Send(t.Context(), m); err != nil {
		t.Errorf("third send: %v", err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server accepted %d messages, want 1", n)
	}
}

func TestSMTPTransportAuth(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithAuth("mailer", "pa:ss w@rd"))
	m := Message{To: "taro@example.jp", Subject: "s", Body: "b"}
	if err := transportFor(t, srv).Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	if got := srv.WaitFor(t, 1, 5*time.Second)[0].AuthUser; got != "mailer" {
		t.Errorf("AuthUser = %q", got)
	}

	cfg, _ := ParseSMTPURL(srv.URL())
	cfg.Password = "wrong"
	err := NewSMTPTransport(cfg).Send(t.Context(), m)
	if err == nil || IsPermanent(err) || !strings.Contains(err.Error(), "535") {
		t.Errorf("wrong password: err = %v, want a temporary 535 (it is our config, not the message)", err)
	}
}

func TestSMTPTransportRequireTLS(t *testing.T) {
	srv := smtptest.Start(t)
	cfg, _ := ParseSMTPURL(srv.URL() + "&require_tls=1")
	err := NewSMTPTransport(cfg).Send(t.Context(), Message{To: "taro@example.jp", Subject: "s", Body: "b"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("err = %v, want refusal without STARTTLS", err)
	}
}

// A server that accepts the connection and then says nothing must not hang
// the sender: both the context and the configured timeout end the attempt.
func TestSMTPTransportHonorsDeadlines(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	m := Message{To: "taro@example.jp", Subject: "s", Body: "b"}

	cfg, _ := ParseSMTPURL("smtp://" + ln.Addr().String() + "?from=portal@kakehashi.example")
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = NewSMTPTransport(cfg).Send(ctx, m)
	if err == nil || IsPermanent(err) || time.Since(start) > 3*time.Second {
		t.Errorf("context: err = %v after %v", err, time.Since(start))
	}

	cfg.Timeout = 200 * time.Millisecond
	start = time.Now()
	err = NewSMTPTransport(cfg).Send(t.Context(), m)
	if err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("timeout: err = %v after %v", err, time.Since(start))
	}
}
