package mail

import (
	"strings"
	"testing"
	"time"
)

func TestParseSMTPURL(t *testing.T) {
	tests := []struct {
		raw  string
		want SMTPConfig
		err  string // substring of the error; "" means success
	}{
		{
			raw: "smtp://user:s3cret@mail.example.com:587?from=portal@x.example",
			want: SMTPConfig{Host: "mail.example.com", Port: "587", Username: "user", Password: "s3cret",
				From: "portal@x.example", Timeout: DefaultSMTPTimeout},
		},
		{
			raw:  "smtp://mail.example.com?from=portal@x.example",
			want: SMTPConfig{Host: "mail.example.com", Port: "587", From: "portal@x.example", Timeout: DefaultSMTPTimeout},
		},
		{
			raw: "SMTPS://u:p%40ss%2Fword@mail.example.com?from=Kakehashi%20%3Cportal@x.example%3E",
			want: SMTPConfig{Host: "mail.example.com", Port: "465", Username: "u", Password: "p@ss/word",
				From: "portal@x.example", FromName: "Kakehashi", ImplicitTLS: true, Timeout: DefaultSMTPTimeout},
		},
		{
			raw: "smtp://127.0.0.1:2525?from=portal@kakehashi.example&insecure_skip_verify=1&require_tls=true&timeout=5s",
			want: SMTPConfig{Host: "127.0.0.1", Port: "2525", From: "portal@kakehashi.example",
				InsecureSkipVerify: true, RequireTLS: true, Timeout: 5 * time.Second},
		},
		{
			raw:  "smtp://[::1]:25?from=a@b.example",
			want: SMTPConfig{Host: "::1", Port: "25", From: "a@b.example", Timeout: DefaultSMTPTimeout},
		},
		{raw: "smtp://mail.example.com", err: "needs ?from="},
		{raw: "http://mail.example.com?from=a@b.example", err: "scheme"},
		{raw: "mail.example.com:587", err: "scheme"},
		{raw: "smtp://?from=a@b.example", err: "no host"},
		{raw: "smtp://mail.example.com:99999?from=a@b.example", err: "invalid port"},
		{raw: "smtp://mail.example.com/x?from=a@b.example", err: "path"},
		{raw: "smtp://mail.example.com?from=not-an-address", err: "not an address"},
		{raw: "smtp://mail.example.com?from=a@b.example%0D%0ABcc:x@y.example", err: "line break"},
		{raw: "smtp://mail.example.com?form=a@b.example", err: "unknown parameter"},
		{raw: "smtp://mail.example.com?from=a@b.example&from=c@d.example", err: "given 2 times"},
		{raw: "smtp://mail.example.com?from=a@b.example&timeout=soon", err: "timeout"},
		{raw: "smtp://mail.example.com?from=a@b.example&insecure_skip_verify=maybe", err: "boolean"},
		{raw: "smtp://:pw@mail.example.com?from=a@b.example", err: "no user"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseSMTPURL(tt.raw)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

// The password must not leak through String (used in logs) nor through
// parse errors, which for net/url quote the whole URL.
func TestSMTPConfigRedactsPassword(t *testing.T) {
	const secret = "Top5ecretPw"
	c, err := ParseSMTPURL("smtps://mailer:" + secret + "@mail.example.com?from=portal@x.example&timeout=10s")
	if err != nil {
		t.Fatal(err)
	}
	s := c.String()
	if strings.Contains(s, secret) {
		t.Fatalf("String() leaks the password: %s", s)
	}
	want := "smtps://mailer:xxxxx@mail.example.com:465?from=portal%40x.example&timeout=10s"
	if s != want {
		t.Errorf("String() = %s, want %s", s, want)
	}
	// The redacted form is itself a valid URL describing the same server.
	back, err := ParseSMTPURL(s)
	if err != nil {
		t.Fatal(err)
	}
	c.Password = "xxxxx"
	if back != c {
		t.Errorf("reparsed %#v, want %#v", back, c)
	}

	for _, raw := range []string{
		"smtp://user:" + secret + "@mail.example.com:bad?from=a@b.example",
		"smtp://user:" + secret + "@mail example.com?from=a@b.example",
		"smtp://user:" + secret + "@mail.example.com?from=a@b.example&x=%zz",
		"smtp://user:" + secret + "@[::1?from=a@b.example",
		"ftp://user:" + secret + "@mail.example.com?from=a@b.example",
	} {
		_, err := ParseSMTPURL(raw)
		if err == nil {
			t.Errorf("ParseSMTPURL(%q) succeeded", raw)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error leaks the password: %v", err)
		}
	}
}

func FuzzParseSMTPURL(f *testing.F) {
	f.Add("smtp://user:pw@mail.example.com:587?from=portal@x.example")
	f.Add("smtps://mail.example.com?from=K%20%3Ca@b.example%3E&timeout=3s")
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := ParseSMTPURL(raw)
		if err != nil {
			return
		}
		// Whatever parsed must print as a URL that parses to the same
		// config, minus the password.
		back, err := ParseSMTPURL(c.String())
		if err != nil {
			t.Fatalf("String() %q of %q does not parse: %v", c.String(), raw, err)
		}
		if c.Password != "" {
			c.Password = "xxxxx"
		}
		if back != c {
			t.Fatalf("round trip of %q: got %#v, want %#v", raw, back, c)
		}
	})
}
