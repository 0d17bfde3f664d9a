package account

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
)

// The CSRF token is the same for every page a browser gets until its cookie
// expires. Pages are sent compressed, and a secret repeated in compressed
// pages next to text an attacker can inject (a search term) leaks through
// the compressed length (BREACH). So pages carry the token masked with a
// fresh random pad each time, "m." + base64url(pad ‖ pad⊕token): the bytes
// differ on every page while the server recovers the same token.

const maskPrefix = "m."

// MaskCSRF returns token masked with a fresh random pad.
func MaskCSRF(token string) string {
	if token == "" {
		return ""
	}
	buf := make([]byte, 2*len(token))
	if _, err := rand.Read(buf[:len(token)]); err != nil {
		panic("account: no randomness: " + err.Error())
	}
	for i := 0; i < len(token); i++ {
		buf[len(token)+i] = buf[i] ^ token[i]
	}
	return maskPrefix + base64.RawURLEncoding.EncodeToString(buf)
}

// UnmaskCSRF recovers the token from a masked value; ok is false for a
// value that is not masked (e.g. the plain token a script read from the
// cookie, which callers pass on unchanged).
func UnmaskCSRF(v string) (token string, ok bool) {
	enc, found := strings.CutPrefix(v, maskPrefix)
	if !found {
		return "", false
	}
	buf, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil || len(buf) == 0 || len(buf)%2 != 0 {
		return "", false
	}
	n := len(buf) / 2
	out := make([]byte, n)
	for i := range out {
		out[i] = buf[i] ^ buf[n+i]
	}
	return string(out), true
}
