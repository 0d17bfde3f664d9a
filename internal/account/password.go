package account

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Password length bounds, in characters of any script. No composition rules
// (NIST SP 800-63B); the upper bound only protects the hasher.
const (
	MinPassword = 12
	MaxPassword = 128
)

// argon2id parameters: OWASP's minimum of m=19 MiB, t=2, p=1.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

//go:embed common-passwords.txt
var commonPasswordsTxt string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswordsTxt))
	for sc.Scan() {
		if p := strings.TrimSpace(sc.Text()); p != "" && !strings.HasPrefix(p, "#") {
			m[strings.ToLower(p)] = true
		}
	}
	return m
}()

// hashSlots bounds how many argon2id computations run at once. Each takes
// 19 MiB and a core for tens of milliseconds; unbounded, a burst of logins or
// sign-ups exhausts memory and starves every other goroutine — including
// database transactions holding SQLite's write lock, which then time out.
// With a bound, requests queue for a slot instead.
var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

func argon2Key(pw string, salt []byte, t, m uint32, p uint8, n uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(norm.NFC.String(pw)), salt, t, m, p, n)
}

// CheckPassword returns the message code of what is wrong with a new
// password, or "" when it is acceptable.
func CheckPassword(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPassword:
		return "password_too_short"
	case n > MaxPassword:
		return "password_too_long"
	case commonPasswords[strings.ToLower(pw)]:
		return "password_common"
	}
	return ""
}

// HashPassword returns an argon2id hash in PHC string format. Input is
// NFC-normalised so that the same kana typed on two keyboards match.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2Key(pw, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

var errBadHash = errors.New("account: malformed password hash")

// VerifyPassword reports whether pw matches the PHC-format hash.
func VerifyPassword(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, errBadHash
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, errBadHash
	}
	if m > 256*1024 || t > 10 || p == 0 || p > 4 || len(want) > 64 {
		return false, errBadHash // refuse parameters that would let a stored hash exhaust the server
	}
	got := argon2Key(pw, salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when a login names an unknown account, so
// that response times do not reveal which e-mail addresses exist.
var dummyHash, _ = HashPassword("kakehashi-timing-equaliser")

// VerifyDummy spends the same time as a real verification.
func VerifyDummy(pw string) { _, _ = VerifyPassword(dummyHash, pw) }
