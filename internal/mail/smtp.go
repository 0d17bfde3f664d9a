package mail

import (
	"errors"
	"fmt"
	"net"
	stdmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SMTPConfig is where and how to submit mail, parsed from PORTAL_SMTP_URL.
type SMTPConfig struct {
	Host     string
	Port     string
	Username string // empty: no AUTH
	Password string
	From     string // envelope sender and From address, e.g. "portal@x.example"
	FromName string // optional display name in From

	// ImplicitTLS is set by the smtps scheme: TLS from the first byte
	// (port 465). Otherwise STARTTLS is used when the server offers it.
	ImplicitTLS bool
	// RequireTLS refuses to send when a plain-smtp server does not offer
	// STARTTLS, closing the downgrade an attacker on the path could force.
	RequireTLS bool
	// InsecureSkipVerify disables certificate checks; for tests only.
	InsecureSkipVerify bool
	// Timeout bounds one whole delivery (dial to QUIT) unless the context
	// is shorter.
	Timeout time.Duration
}

// DefaultSMTPTimeout applies when the URL has no timeout parameter.
const DefaultSMTPTimeout = 30 * time.Second

// ParseSMTPURL parses a URL of the form
//
//	smtp://user:pass@host:587?from=portal@x.example
//	smtps://user:pass@host:465?from=Kakehashi%20%3Cportal@x.example%3E
//
// Query parameters: from (required; an address, optionally with a display
// name), require_tls, insecure_skip_verify (booleans), timeout (a Go
// duration). Unknown parameters are errors so that a typo such as "form="
// does not go unnoticed. Errors never contain the password.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// *url.Error quotes the whole URL, password included; keep only
		// the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return SMTPConfig{}, fmt.Errorf("mail: invalid SMTP URL: %v", err)
	}
	c := SMTPConfig{Timeout: DefaultSMTPTimeout}
	switch u.Scheme {
	case "smtp":
		c.Port = "587"
	case "smtps":
		c.Port, c.ImplicitTLS = "465", true
	default:
		return SMTPConfig{}, errors.New("mail: SMTP URL scheme must be smtp or smtps")
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return SMTPConfig{}, errors.New("mail: SMTP URL must not have a path or fragment")
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return SMTPConfig{}, errors.New("mail: SMTP URL has no host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return SMTPConfig{}, fmt.Errorf("mail: SMTP URL has invalid port %q", p)
		}
		c.Port = p
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
		if c.Username == "" {
			return SMTPConfig{}, errors.New("mail: SMTP URL has a password but no user")
		}
	}
	if err := c.parseQuery(u.RawQuery); err != nil {
		return SMTPConfig{}, err
	}
	return c, nil
}

func (c *SMTPConfig) parseQuery(rawQuery string) error {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return fmt.Errorf("mail: SMTP URL query: %v", err)
	}
	for key, vals := range q {
		if len(vals) != 1 {
			return fmt.Errorf("mail: SMTP URL parameter %q given %d times", key, len(vals))
		}
		v := vals[0]
		switch key {
		case "from":
			if strings.ContainsAny(v, "\r\n") {
				return errors.New("mail: SMTP URL from contains a line break")
			}
			a, err := stdmail.ParseAddress(v)
			if err != nil {
				return fmt.Errorf("mail: SMTP URL from %q is not an address", v)
			}
			if _, err := envelopeAddress(a.Address); err != nil {
				return fmt.Errorf("mail: SMTP URL from %q: %v", v, err)
			}
			c.From, c.FromName = a.Address, a.Name
		case "require_tls", "insecure_skip_verify":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("mail: SMTP URL %s=%q is not a boolean", key, v)
			}
			if key == "require_tls" {
				c.RequireTLS = b
			} else {
				c.InsecureSkipVerify = b
			}
		case "timeout":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("mail: SMTP URL timeout=%q is not a positive duration", v)
			}
			c.Timeout = d
		default:
			return fmt.Errorf("mail: SMTP URL has unknown parameter %q", key)
		}
	}
	if c.From == "" {
		return errors.New("mail: SMTP URL needs ?from=address")
	}
	return nil
}

// Addr is host:port for dialing.
func (c SMTPConfig) Addr() string { return net.JoinHostPort(c.Host, c.Port) }

// String renders the config as a URL with the password replaced by "xxxxx",
// for logs and startup banners.
func (c SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: c.Addr()}
	if c.ImplicitTLS {
		u.Scheme = "smtps"
	}
	if c.Username != "" {
		u.User = url.User(c.Username)
		if c.Password != "" {
			u.User = url.UserPassword(c.Username, "xxxxx")
		}
	}
	q := url.Values{}
	from := c.From
	if c.FromName != "" {
		from = (&stdmail.Address{Name: c.FromName, Address: c.From}).String()
	}
	q.Set("from", from)
	if c.RequireTLS {
		q.Set("require_tls", "1")
	}
	if c.InsecureSkipVerify {
		q.Set("insecure_skip_verify", "1")
	}
	if c.Timeout != 0 && c.Timeout != DefaultSMTPTimeout {
		q.Set("timeout", c.Timeout.String())
	}
	u.RawQuery = q.Encode()
	return u.String()
}
