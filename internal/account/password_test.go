package account

import (
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name, pw, want string
	}{
		{"too short", "short pw 1", "password_too_short"},
		{"twelve ascii", "abcdefghijk!", ""},
		{"common", "Password1234", "password_common"},
		{"64 kana", strings.Repeat("あ", 64), ""},
		{"12 kanji", "東京都港区六本木一丁目二", ""},
		{"too long", strings.Repeat("x", MaxPassword+1), "password_too_long"},
	}
	for _, tt := range tests {
		if got := CheckPassword(tt.pw); got != tt.want {
			t.Errorf("%s: CheckPassword = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestHashAndVerify(t *testing.T) {
	long := strings.Repeat("か", 64) // 192 bytes: past bcrypt's 72-byte limit
	h, err := HashPassword(long)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	for _, tt := range []struct {
		pw   string
		want bool
	}{
		{long, true},
		{strings.Repeat("か", 63) + "が", false},
		{strings.Repeat("か", 63), false},
	} {
		ok, err := VerifyPassword(h, tt.pw)
		if err != nil || ok != tt.want {
			t.Errorf("Verify(%d runes) = %v, %v; want %v", len([]rune(tt.pw)), ok, err, tt.want)
		}
	}
	h2, _ := HashPassword(long)
	if h == h2 {
		t.Error("same hash twice: no salt")
	}
	if _, err := VerifyPassword("$bcrypt$x", "x"); err == nil {
		t.Error("malformed hash accepted")
	}
}

func TestTokens(t *testing.T) {
	tok, hash := NewToken()
	if len(tok) < 40 || HashToken(tok) != hash || hash == tok {
		t.Fatalf("token %q hash %q", tok, hash)
	}
	if tok2, _ := NewToken(); tok2 == tok {
		t.Fatal("tokens repeat")
	}
}
