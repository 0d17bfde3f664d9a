package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"
)

// SMTPTransport submits each message over its own SMTP connection. Outbox
// volume is a few mails a minute, so connection reuse is not worth the
// state it would add.
type SMTPTransport struct {
	cfg SMTPConfig
	now func() time.Time // for the Date header
}

// NewSMTPTransport returns a Transport for cfg (see ParseSMTPURL).
func NewSMTPTransport(cfg SMTPConfig) *SMTPTransport {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultSMTPTimeout
	}
	return &SMTPTransport{cfg: cfg, now: time.Now}
}

// Send delivers m. A 5xx reply to RCPT or to the message itself, and a
// message that cannot be rendered, come back as Permanent errors; anything
// else (network, TLS, 4xx, AUTH or MAIL FROM trouble, which are about our
// configuration rather than this message) is worth retrying.
func (t *SMTPTransport) Send(ctx context.Context, m Message) error {
	raw, err := compose(t.cfg, m, t.now())
	if err != nil {
		return Permanent(err)
	}
	ctx, cancel := context.WithTimeout(ctx, t.cfg.Timeout)
	defer cancel()

	conn, err := t.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp dial %s: %w", t.cfg.Addr(), err)
	}
	// net/smtp knows nothing of contexts: bound every read and write by the
	// deadline, and on cancellation (shutdown) unblock them at once.
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, t.cfg.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := t.session(c, m.To, raw); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w (%w)", err, context.Cause(ctx))
		}
		return err
	}
	// The server has taken responsibility for the message with its reply to
	// the final ".". A failing QUIT must not turn that into a retry, which
	// would deliver the mail twice.
	_ = c.Quit()
	return nil
}

func (t *SMTPTransport) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{}
	if !t.cfg.ImplicitTLS {
		return d.DialContext(ctx, "tcp", t.cfg.Addr())
	}
	td := &tls.Dialer{NetDialer: d, Config: t.tlsConfig()}
	return td.DialContext(ctx, "tcp", t.cfg.Addr())
}

func (t *SMTPTransport) tlsConfig() *tls.Config {
	return &tls.Config{
		ServerName:         t.cfg.Host,
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: t.cfg.InsecureSkipVerify, //nolint:gosec // opt-in for tests via URL
	}
}

func (t *SMTPTransport) session(c *smtp.Client, to string, raw []byte) error {
	if !t.cfg.ImplicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(t.tlsConfig()); err != nil {
				return fmt.Errorf("smtp STARTTLS: %w", err)
			}
		} else if t.cfg.RequireTLS {
			return errors.New("smtp: server does not offer STARTTLS and require_tls is set")
		}
	}
	if t.cfg.Username != "" {
		// PlainAuth refuses to send the password over an unencrypted
		// connection unless the server is localhost.
		auth := smtp.PlainAuth("", t.cfg.Username, t.cfg.Password, t.cfg.Host)
		if err := c.Auth(auth); err != nil {
			return fmt.Errorf("smtp AUTH: %w", err)
		}
	}
	if err := c.Mail(t.cfg.From); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return permanentIf5xx(fmt.Errorf("smtp RCPT TO: %w", err))
	}
	w, err := c.Data()
	if err != nil {
		return permanentIf5xx(fmt.Errorf("smtp DATA: %w", err))
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return permanentIf5xx(fmt.Errorf("smtp message: %w", err))
	}
	return nil
}

// permanentIf5xx marks err Permanent when the server answered with a 5xx
// code, which RFC 5321 defines as "do not repeat this exact request".
func permanentIf5xx(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return Permanent(err)
	}
	return err
}
