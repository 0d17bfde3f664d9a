package web_test

import (
	"net/url"
	"testing"

	"kakehashi/web"
)

// Form binding must never panic, whatever a client posts.
func FuzzBindProfile(f *testing.F) {
	f.Add("name=A&region=nrw&sectors=C26&offers.0.type=supply&offers.0.text=x&founded=1990&employees=12")
	f.Add("founded=-1&employees=1e9&keywords=%E3%80%81%2C%3B&offers.9.type=x")
	f.Add("description.ja=%E5%85%89&languages=xx&contact.email=%0D%0A")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		form, _ := web.BindProfile(v)
		form.C.Normalize()
		_ = form.C.Validate(func(string) bool { return true })
		_ = web.DirectoryQuery(v)
	})
}
