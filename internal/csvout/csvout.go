// Package csvout writes CSV exports that spreadsheet programs open correctly
// and safely.
//
// Excel on Windows guesses a legacy code page for CSV files unless they start
// with a UTF-8 byte-order mark, which would garble umlauts and Japanese text;
// RFC 4180 asks for CRLF line ends; and a cell that starts with a formula
// character is evaluated by the spreadsheet, so user-entered text such as
// "=HYPERLINK(...)" could run when staff open an export (CSV or formula
// injection, see OWASP). Every cell, the header included, is therefore
// neutralised with a leading apostrophe when it starts with =, +, -, @, tab or
// carriage return.
//
// Line breaks inside a cell are written as CRLF within quotes; encoding/csv
// drops a lone CR in that mode, which no export needs.
package csvout

import (
	"encoding/csv"
	"io"
)

// BOM is the UTF-8 byte-order mark written at the start of every export.
const BOM = "\xEF\xBB\xBF"

// Write writes a complete CSV file: BOM, header (if any) and rows.
func Write(w io.Writer, header []string, rows [][]string) error {
	cw, err := NewWriter(w, header)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Row(r); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// Writer streams a CSV export row by row, for exports too large to build in
// memory. Call Flush when done; rows are buffered until then.
type Writer struct {
	csv  *csv.Writer
	cell []string // reused per row; csv.Writer does not keep it
}

// NewWriter writes the BOM and the header (skipped when nil) to w.
func NewWriter(w io.Writer, header []string) (*Writer, error) {
	if _, err := io.WriteString(w, BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	x := &Writer{csv: cw}
	if header != nil {
		if err := x.Row(header); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// Row writes one record. It returns an error only when an earlier buffered
// write to the underlying writer failed.
func (x *Writer) Row(cells []string) error {
	x.cell = x.cell[:0]
	for _, c := range cells {
		x.cell = append(x.cell, defuse(c))
	}
	return x.csv.Write(x.cell)
}

// Flush writes any buffered rows and reports the first write error.
func (x *Writer) Flush() error {
	x.csv.Flush()
	return x.csv.Error()
}

// defuse prefixes an apostrophe to a cell a spreadsheet would read as a
// formula. Negative numbers ("-5") are prefixed too: they arrive as text, which
// is the price of not letting "-1+cmd|..." through.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
