package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"mime/quotedprintable"
	stdmail "net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// compose renders m as an RFC 5322 message with CRLF line endings, ready for
// the SMTP DATA command (which adds dot-stuffing itself).
//
// Everything user-controlled goes through Validate first and then through an
// encoder (RFC 2047 words for the subject, quoted-printable for the body), so
// no input can start a header line of its own.
func compose(cfg SMTPConfig, m Message, now time.Time) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(value)
		b.WriteString("\r\n")
	}
	header("Date", now.Format(time.RFC1123Z))
	header("From", (&stdmail.Address{Name: cfg.FromName, Address: cfg.From}).String())
	header("To", "<"+m.To+">")
	header("Subject", encodeSubject(m.Subject))
	header("Message-ID", messageID(m, cfg.From))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	if m.Lang != "" {
		header("Content-Language", m.Lang)
	}
	// RFC 3834: tells vacation responders not to answer the portal.
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")

	// Line breaks are normalised to LF first, which the non-Binary writer
	// turns into CRLF. Left to itself, the writer drops the LF of a CR,
	// encoded byte, LF sequence (it forgets the CR only on plain bytes).
	body := lineBreaks.Replace(m.Body)
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	return b.Bytes(), nil
}

// encodeSubject leaves short plain-ASCII subjects readable and turns anything
// else (Japanese, umlauts, very long text, text that looks like an encoded
// word) into RFC 2047 base64 words of at most 75 characters, one per folded
// line, split only between whole UTF-8 characters so that every word decodes
// on its own.
func encodeSubject(s string) string {
	if isPlainHeaderText(s) {
		return s
	}
	// 42 bytes -> 56 base64 chars + 12 for "=?UTF-8?B??=" = 68, so even the
	// first line, after "Subject: ", stays within 78 (RFC 5322 2.1.1).
	const maxRaw = 42
	var words []string
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > maxRaw {
				break
			}
			n += size
		}
		words = append(words, "=?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, "\r\n ")
}

// isPlainHeaderText reports whether s survives as a raw header value:
// short printable ASCII, no "=?" and no edge whitespace, which header
// parsers trim.
func isPlainHeaderText(s string) bool {
	if len(s) > 70 || strings.Contains(s, "=?") || strings.TrimSpace(s) != s {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// messageID is stable for an outbox row, so a retry after an ambiguous
// failure (connection lost after the final ".") carries the same Message-ID
// and receivers that deduplicate on it show the mail once. CreatedAt is part
// of it because row IDs could repeat after a database is rebuilt.
func messageID(m Message, from string) string {
	domain := "kakehashi.invalid"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i+1 < len(from) {
		domain = from[i+1:]
	}
	if m.ID == 0 {
		var r [12]byte
		_, _ = rand.Read(r[:])
		return "<" + hex.EncodeToString(r[:]) + "@" + domain + ">"
	}
	return "<outbox." + strconv.FormatInt(m.ID, 10) + "." +
		strconv.FormatInt(m.CreatedAt.UnixMicro(), 36) + "@" + domain + ">"
}
