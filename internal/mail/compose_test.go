package mail

import (
	"slices"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/mail/smtptest"
)

// Whatever the input, a message that passes Validate renders to exactly
// our fixed set of headers (nothing injected) and decodes back to its
// subject and body.
func FuzzCompose(f *testing.F) {
	f.Add("taro@example.jp", "【かけはし】確認", "本文\n.\nhttps://x.example/?t=1", "ja")
	f.Add("a@b.example", "Grüße =?UTF-8?B?x?= \tTab", "Zeile\r\nZeile\rZeile", "de-DE")
	f.Add("a@b.example", "x\r\nBcc: c@d.example", "body", "en")
	cfg := SMTPConfig{From: "portal@kakehashi.example", FromName: "かけはし Kakehashi"}
	f.Fuzz(func(t *testing.T, to, subject, body, lang string) {
		m := Message{ID: 7, To: to, Subject: subject, Body: body, Lang: lang}
		raw, err := compose(cfg, m, time.Unix(0, 0))
		if m.Validate() != nil {
			if err == nil {
				t.Fatal("compose accepted what Validate rejects")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		r := smtptest.Received{Data: raw}
		h, err := r.Header()
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range h {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := []string{"Auto-Submitted", "Content-Language", "Content-Transfer-Encoding", "Content-Type",
			"Date", "From", "Message-Id", "Mime-Version", "Subject", "To"}
		if lang == "" {
			want = slices.DeleteFunc(want, func(k string) bool { return k == "Content-Language" })
		}
		if !slices.Equal(keys, want) {
			t.Fatalf("headers %v, want %v", keys, want)
		}
		if got, err := r.Subject(); err != nil || got != subject {
			t.Fatalf("subject %q, %v; want %q", got, err, subject)
		}
		// Line breaks of any kind come back as LF; a non-empty body gets a
		// final one.
		wantBody := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(body)
		if wantBody != "" && !strings.HasSuffix(wantBody, "\n") {
			wantBody += "\n"
		}
		if got, err := r.Body(); err != nil || got != wantBody {
			t.Fatalf("body %q, %v; want %q", got, err, wantBody)
		}
	})
}

func TestRedactError(t *testing.T) {
	m := Message{To: "Taro@Example.jp"}
	tests := []struct{ in, want string }{
		{"550 5.1.1 <taro@example.jp>: user unknown", "550 5.1.1 <[recipient]>: user unknown"},
		{"552 other@example.com quota", "552 [address] quota"},
		{"554 rejected https://kakehashi.example/reset?token=abc because", "554 rejected [url] because"},
		{"dial tcp 10.0.0.1:587: connection refused", "dial tcp 10.0.0.1:587: connection refused"},
		{strings.Repeat("é", 400), strings.Repeat("é", 250) + "…"},
	}
	for _, tt := range tests {
		if got := redactError(errorString(tt.in), m); got != tt.want {
			t.Errorf("redactError(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
