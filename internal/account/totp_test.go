package account

import (
	"encoding/base32"
	"testing"
	"time"
)

// RFC 6238 appendix B, SHA-1 seed, last six digits.
func TestTOTPCodeRFC6238(t *testing.T) {
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))
	for _, tt := range []struct {
		unix int64
		want string
	}{{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"}, {2000000000, "279037"}} {
		if got := TOTPCode(secret, tt.unix/30); got != tt.want {
			t.Errorf("T=%d: %s, want %s", tt.unix, got, tt.want)
		}
	}
}

func TestVerifyTOTP(t *testing.T) {
	s := NewTOTPSecret()
	now := time.Unix(1_800_000_000, 0)
	step := TOTPStep(now)
	for _, tt := range []struct {
		name     string
		code     string
		lastUsed int64
		ok       bool
	}{
		{"current", TOTPCode(s, step), 0, true},
		{"previous step (clock skew)", TOTPCode(s, step-1), 0, true},
		{"two steps old", TOTPCode(s, step-2), 0, false},
		{"already used", TOTPCode(s, step), step, false},
		{"spaces", TOTPCode(s, step)[:3] + " " + TOTPCode(s, step)[3:], 0, true},
		{"wrong", "000000", 0, TOTPCode(s, step) == "000000"},
		{"short", "123", 0, false},
	} {
		if _, ok := VerifyTOTP(s, tt.code, now, tt.lastUsed); ok != tt.ok {
			t.Errorf("%s: %v", tt.name, ok)
		}
	}
}
