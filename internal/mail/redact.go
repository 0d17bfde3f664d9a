package mail

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Error text from SMTP servers often quotes the recipient ("550 5.1.1
// <taro@example.jp>: user unknown") and could quote a link from the body.
// Such text goes to the logs and to the admin outbox page, so addresses and
// URLs are cut out first.
var (
	addressPattern = regexp.MustCompile(`[^\s<>()\[\],;:"'@]+@[^\s<>()\[\],;:"'@]+`)
	urlPattern     = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://[^\s<>"]+`)
)

// maxErrorText bounds LastError; a chatty server must not bloat the outbox.
const maxErrorText = 500

// redactError returns err's text with the recipient, any other address and
// any URL replaced, truncated to maxErrorText bytes.
func redactError(err error, m Message) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if m.To != "" {
		s = replaceFold(s, m.To, "[recipient]")
	}
	s = urlPattern.ReplaceAllString(s, "[url]")
	s = addressPattern.ReplaceAllString(s, "[address]")
	if len(s) > maxErrorText {
		cut := maxErrorText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// replaceFold replaces old in s ignoring ASCII case, because servers may
// echo an address in different case than we sent it.
func replaceFold(s, old, repl string) string {
	lower, lowerOld := strings.ToLower(s), strings.ToLower(old)
	if len(lower) != len(s) || len(lowerOld) != len(old) { // non-ASCII case mapping; stay simple
		return strings.ReplaceAll(s, old, repl)
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, lowerOld)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, lower = s[i+len(old):], lower[i+len(old):]
	}
}
