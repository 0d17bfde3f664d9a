package account

import "testing"

func TestCSRFMask(t *testing.T) {
	const token = "Zq3t8LkPv0aXw2Yr6NmB4cHd1JfGs9Ue"
	a, b := MaskCSRF(token), MaskCSRF(token)
	if a == b || a == token {
		t.Fatalf("masks must differ per use and from the token: %q %q", a, b)
	}
	for _, m := range []string{a, b} {
		if got, ok := UnmaskCSRF(m); !ok || got != token {
			t.Errorf("UnmaskCSRF(%q) = %q, %v", m, got, ok)
		}
	}
	for _, bad := range []string{"", token, "m.", "m.!!!", "m.YWJj"} {
		if got, ok := UnmaskCSRF(bad); ok && got == token {
			t.Errorf("UnmaskCSRF(%q) recovered the token", bad)
		}
	}
	if _, ok := UnmaskCSRF(token); ok {
		t.Error("a plain token was taken for a masked one")
	}
}
