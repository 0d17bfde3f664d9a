package account

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP (RFC 6238) with the parameters every authenticator app supports:
// HMAC-SHA1, 30-second steps, 6 digits.
const (
	totpStep   = 30
	totpDigits = 6
	// totpSkew accepts codes one step early or late, for clocks a little off.
	totpSkew = 1
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a random 160-bit secret in base32.
func NewTOTPSecret() string {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b32.EncodeToString(b)
}

// TOTPStep returns the time step of t.
func TOTPStep(t time.Time) int64 { return t.Unix() / totpStep }

// TOTPCode returns the code of secret for step.
func TOTPCode(secret string, step int64) string {
	key, err := b32.DecodeString(strings.ToUpper(strings.ReplaceAll(secret, " ", "")))
	if err != nil {
		return ""
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1_000_000)
}

// VerifyTOTP checks a code against the steps around now and returns the
// matching step. Steps at or before lastUsed are refused, so a code that
// was used once (or an older one) is never accepted again.
func VerifyTOTP(secret, code string, now time.Time, lastUsed int64) (int64, bool) {
	code = strings.TrimSpace(strings.ReplaceAll(code, " ", ""))
	if len(code) != totpDigits {
		return 0, false
	}
	cur := TOTPStep(now)
	for d := -totpSkew; d <= totpSkew; d++ {
		step := cur + int64(d)
		if step <= lastUsed {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(TOTPCode(secret, step)), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// TOTPURI is the otpauth:// URI authenticator apps import.
func TOTPURI(secret, email string) string {
	label := url.PathEscape("Kakehashi:" + email)
	return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Kakehashi&algorithm=SHA1&digits=6&period=30"
}

// GroupedSecret writes a secret in groups of four for typing it in.
func GroupedSecret(secret string) string {
	var parts []string
	for i := 0; i < len(secret); i += 4 {
		end := min(i+4, len(secret))
		parts = append(parts, secret[i:end])
	}
	return strings.Join(parts, " ")
}

// NeedsSecondFactor reports whether the role must sign in with TOTP.
func (r Role) NeedsSecondFactor() bool { return r.IsStaff() }
