package templates

import (
	"bytes"
	"context"
	"testing"
)

// A page showing a new two-factor key marks itself, so that it is never sent
// compressed (BREACH); the login step without the key does not.
func TestSecretPagesAreMarked(t *testing.T) {
	for _, tt := range []struct {
		form SecondFactorForm
		want bool
	}{
		{SecondFactorForm{Setup: true, Secret: "NNQWWZLIMFZWQ2JNMRSW23ZNORXXI4BB", URI: "otpauth://totp/x"}, true},
		{SecondFactorForm{}, false},
	} {
		r := &Req{Lang: "en", Path: "/login/2fa", CSRF: "tok"}
		var buf bytes.Buffer
		if err := SecondFactorPage(tt.form).Render(WithReq(context.Background(), r), &buf); err != nil {
			t.Fatal(err)
		}
		if r.CarriesSecret != tt.want {
			t.Errorf("setup %v: CarriesSecret = %v", tt.form.Setup, r.CarriesSecret)
		}
	}
}
