package csvout

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
)

// read parses out as encoding/csv would after stripping the BOM.
func read(t *testing.T, out []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM at start: % x", out[:min(len(out), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
	if err != nil {
		t.Fatalf("reading back: %v\n%s", err, out)
	}
	return recs
}

func TestWriteRoundTrip(t *testing.T) {
	header := []string{"Firma", "会社名", "Notiz"}
	tests := []struct {
		name string
		row  []string
	}{
		{"german", []string{"Müller & Söhne GmbH", "Straße", "Größe: ÄÖÜ äöü ß"}},
		{"japanese", []string{"株式会社かけはし", "東京都渋谷区", "ｶﾀｶﾅ・全角ＡＢＣ"}},
		{"comma", []string{"Düsseldorf, NRW", "a,b,c", ","}},
		{"quotes", []string{`Sagt "Hallo"`, `„Zitat“`, `"`}},
		{"newlines", []string{"Zeile 1\nZeile 2", "line\r\nCRLF", "\n"}},
		{"empty", []string{"", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, header, [][]string{tt.row}); err != nil {
				t.Fatal(err)
			}
			recs := read(t, buf.Bytes())
			if len(recs) != 2 || !slices.Equal(recs[0], header) {
				t.Fatalf("records %q", recs)
			}
			want := slices.Clone(tt.row)
			for i, c := range want {
				// encoding/csv reads a quoted CRLF back as LF.
				want[i] = strings.ReplaceAll(c, "\r\n", "\n")
			}
			if !slices.Equal(recs[1], want) {
				t.Errorf("got %q, want %q", recs[1], want)
			}
		})
	}
}

func TestWriteInjection(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"},
		{"+49 211 123", "'+49 211 123"},
		{"-1+1", "'-1+1"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'=1+1"}, // encoding/csv drops a lone CR when UseCRLF is set
		{"a=1", "a=1"},
		{" =1", " =1"},
		{"'already", "'already"},
		{"Köln", "Köln"},
		{"", ""},
	}
	rows := make([][]string, len(tests))
	for i, tt := range tests {
		rows[i] = []string{tt.in, "x"} // two columns: a lone empty cell is a blank line
	}
	var buf bytes.Buffer
	if err := Write(&buf, []string{"=header", "b"}, rows); err != nil {
		t.Fatal(err)
	}
	recs := read(t, buf.Bytes())
	if recs[0][0] != "'=header" {
		t.Errorf("header not defused: %q", recs[0][0])
	}
	for i, tt := range tests {
		if got := recs[i+1][0]; got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteCRLF(t *testing.T) {
	var buf bytes.Buffer
	rows := [][]string{{"1", "2"}, {"Zeile 1\nZeile 2", `say "hi", then go`}}
	if err := Write(&buf, []string{"a", "b"}, rows); err != nil {
		t.Fatal(err)
	}
	want := BOM + "a,b\r\n1,2\r\n\"Zeile 1\r\nZeile 2\",\"say \"\"hi\"\", then go\"\r\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriterStreaming(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, []string{"Nr", "Name"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 5000
	for i := range n {
		if err := w.Row([]string{strings.Repeat("9", i%7+1), "東京 – Düsseldorf"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	recs := read(t, buf.Bytes())
	if len(recs) != n+1 {
		t.Fatalf("got %d records, want %d", len(recs), n+1)
	}
	if bytes.Count(buf.Bytes(), []byte(BOM)) != 1 {
		t.Error("BOM written more than once")
	}
}

func TestWriterNoHeader(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != BOM {
		t.Errorf("got %q, want only the BOM", buf.String())
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errBroken
	}
	f.after--
	return len(p), nil
}

var errBroken = errors.New("broken pipe")

func TestWriteErrors(t *testing.T) {
	if _, err := NewWriter(&failWriter{}, []string{"a"}); !errors.Is(err, errBroken) {
		t.Errorf("BOM write: got %v", err)
	}
	err := Write(&failWriter{after: 1}, []string{"a"}, [][]string{{"1"}})
	if !errors.Is(err, errBroken) {
		t.Errorf("flush: got %v", err)
	}
}
