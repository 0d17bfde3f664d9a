package interchange

import (
	"strings"
	"testing"
)

// The import parser must never panic; invalid input yields record errors.
func FuzzDecode(f *testing.F) {
	f.Add(`{"companies":[{"ref":"a","name":"A","region":"nrw","sectors":["C26"],"description":{"de":"x"}}]}`)
	f.Add(`{"municipalities":[{"key":"k"}],"judgements":[{"company":"x","partners":["y"]}]}`)
	f.Add(`{"companies":[{"founded":"1990","offers":[{"type":1}]}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, s string) {
		recs, problems, err := Decode(strings.NewReader(s), nil)
		if err == nil && recs == nil {
			t.Fatal("nil records without error")
		}
		for _, p := range problems {
			_ = p.Error()
		}
	})
}
