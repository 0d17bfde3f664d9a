package app_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/mail"
	"kakehashi/internal/mail/smtptest"
	"kakehashi/internal/store/storetest"
)

// The app's tests run on SQLite and, with a PostgreSQL DSN, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(storetest.RunBoth(m)) }

func newApp(t *testing.T) *app.App {
	t.Helper()
	return app.New(storetest.Open(t), app.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// Mail written to the outbox with a sign-up reaches a real SMTP server, in
// the language of the sign-up, and is marked sent; a temporary failure is
// retried.
func TestSignupMailIsDeliveredOverSMTP(t *testing.T) {
	a := newApp(t)
	srv := smtptest.Start(t)
	cfg, err := mail.ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Minute) // messages are due from their creation time
	clock := func() time.Time { return now }
	sender := mail.NewSender(a.Store, mail.NewSMTPTransport(cfg), a.Log, mail.WithClock(clock), mail.WithJitter(0))
	ctx := context.Background()

	srv.FailNext(1)
	if errs, err := a.Register(ctx, app.SignUp{Email: "taro@startup.example", Password: "とてもながいひらがなのぱすわーど", Lang: "ja", Consent: true}); err != nil || len(errs) > 0 {
		t.Fatalf("register: %v %v", err, errs)
	}
	if n, _ := sender.Flush(ctx); n != 0 {
		t.Fatalf("first attempt should fail, sent %d", n)
	}
	msgs, _, _ := a.Store.OutboxPage(ctx, 0, 10)
	if len(msgs) != 1 || msgs[0].Attempts != 1 || msgs[0].LastError == "" || msgs[0].SentAt != nil {
		t.Fatalf("after failed attempt: %+v", msgs)
	}
	now = now.Add(2 * time.Hour) // past the backoff
	if n, err := sender.Flush(ctx); n != 1 || err != nil {
		t.Fatalf("retry sent %d: %v", n, err)
	}
	got := srv.WaitFor(t, 1, 5*time.Second)
	subject, _ := got[0].Subject()
	body, _ := got[0].Body()
	if !strings.Contains(subject, "メール") || !strings.Contains(body, "/ja/confirm?token=") {
		t.Errorf("mail: %q\n%s", subject, body)
	}
	msgs, _, _ = a.Store.OutboxPage(ctx, 0, 10)
	if msgs[0].SentAt == nil {
		t.Error("not marked sent")
	}
	if n, _ := sender.Flush(ctx); n != 0 {
		t.Error("a sent message was sent again")
	}
}

// A failed transaction leaves no mail behind: the outbox row commits with
// the change that causes it, or not at all.
func TestNoMailWithoutCommittedChange(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	if errs, _ := a.Register(ctx, app.SignUp{Email: "bad", Password: "x", Lang: "en"}); len(errs) == 0 {
		t.Fatal("invalid sign-up accepted")
	}
	msgs, total, _ := a.Store.OutboxPage(ctx, 0, 10)
	if total != 0 || len(msgs) != 0 {
		t.Fatalf("mail queued for a rejected sign-up: %d", total)
	}
}
