package valid

import "testing"

func TestIsEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"a@b.example": true, "First.Last+tag@sub.example.org": true,
		"a@b": false, "no-at": false, "A <a@b.example>": false, "a@b.example\r\nBcc: x@y.z": false, "": false, "müller@firma.example": false, "山田@example.jp": false,
	} {
		if got := IsEmail(s); got != want {
			t.Errorf("IsEmail(%q) = %v", s, got)
		}
	}
}

func TestIsWebURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://www.x.example": true, "http://x.example/path?q=1": true,
		"javascript:alert(1)": false, "ftp://x.example": false, "https://": false, "https://user:pw@x.example": false, "www.x.example": false,
	} {
		if got := IsWebURL(s); got != want {
			t.Errorf("IsWebURL(%q) = %v", s, got)
		}
	}
}

func TestMaxLenCountsCharacters(t *testing.T) {
	var e Errors
	if !e.MaxLen("f", "東京都", 3) || e.MaxLen("f", "東京都庁", 3) {
		t.Fatal("MaxLen counts bytes, not characters")
	}
	if got, _ := e.Get("f"); got.Code != "too_long" || got.Args["max"] != 3 {
		t.Fatalf("%+v", got)
	}
}
