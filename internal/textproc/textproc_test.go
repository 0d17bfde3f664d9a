package textproc

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Medizintechnik", "medizintechnik"},
		{"Müller Straße", "mueller strasse"},
		{"MUELLER", "mueller"},
		{"Café", "cafe"},
		{"ＡＢＣ１２３", "abc123"},
		{"ｶﾒﾗ", "カメラ"},
		{"光学", "光学"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Medical devices, Ölpumpen!", []string{"medical", "devices", "oelpumpen"}},
		{"マイクロ光学部品", []string{"マイ", "イク", "クロ", "ロ光", "光学", "学部", "部品"}},
		{"光 optics", []string{"光", "optics"}},
		{"ISO 9001認証", []string{"iso", "9001", "認証"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
