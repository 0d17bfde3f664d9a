package matching

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// loadCatalogs reads the matching message catalogs of all three languages.
func loadCatalogs(t *testing.T) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, lang := range []string{"de", "en", "ja"} {
		raw, err := os.ReadFile("../i18n/locales/matching." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("matching.%s.json: %v", lang, err)
		}
		out[lang] = m
	}
	return out
}

var placeholderRE = regexp.MustCompile(`\{([a-z_]+)\}`)

func placeholders(msg string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(msg, -1) {
		out = append(out, m[1])
	}
	return out
}
