package static

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kakehashi/internal/taxonomy"
)

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"identity", false},
		{"*", true},
		{"GZIP", true},
		{"x-gzip-not", false},
	} {
		if got := AcceptsGzip(tt.header); got != tt.want {
			t.Errorf("AcceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

// The sector picker's index lists every division with its labels in all
// three languages, served compressed when accepted.
func TestSectorIndex(t *testing.T) {
	for _, enc := range []string{"", "gzip"} {
		req := httptest.NewRequest(http.MethodGet, "/js/sectors.json", nil)
		req.Header.Set("Accept-Encoding", enc)
		rec := httptest.NewRecorder()
		Handler().ServeHTTP(rec, req)
		body := rec.Body.Bytes()
		if enc == "gzip" {
			if rec.Header().Get("Content-Encoding") != "gzip" {
				t.Fatal("sector index not compressed")
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			body, _ = io.ReadAll(zr)
		}
		var index map[string]string
		if err := json.Unmarshal(body, &index); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("status %d: %v", rec.Code, err)
		}
		if len(index) != len(taxonomy.Divisions()) {
			t.Fatalf("%d divisions, want %d", len(index), len(taxonomy.Divisions()))
		}
		d, _ := taxonomy.Lookup("C26")
		for _, label := range []string{d.Label.DE, d.Label.EN, d.Label.JA} {
			if !strings.Contains(index["C26"], strings.ToLower(label)) {
				t.Errorf("C26 entry %q lacks %q", index["C26"], label)
			}
		}
	}
}
