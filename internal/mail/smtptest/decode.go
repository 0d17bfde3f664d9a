package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Header parses the message's header section.
func (r Received) Header() (mail.Header, error) {
	m, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		return nil, err
	}
	return m.Header, nil
}

// Subject returns the Subject header with RFC 2047 encoded words decoded
// and folded lines joined, as a mail client would show it.
func (r Received) Subject() (string, error) {
	h, err := r.Header()
	if err != nil {
		return "", err
	}
	return new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
}

// Body returns the body decoded according to Content-Transfer-Encoding, with
// CRLF turned back into LF. It insists on a text/plain UTF-8 (or ASCII)
// body, because that is all the portal sends.
func (r Received) Body() (string, error) {
	m, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		return "", err
	}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return "", fmt.Errorf("Content-Type: %w", err)
	}
	if cs := strings.ToLower(params["charset"]); mediaType != "text/plain" || (cs != "utf-8" && cs != "us-ascii") {
		return "", fmt.Errorf("unexpected Content-Type %q", m.Header.Get("Content-Type"))
	}
	var body io.Reader = m.Body
	switch cte := strings.ToLower(m.Header.Get("Content-Transfer-Encoding")); cte {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // skips line breaks
	case "", "7bit", "8bit":
	default:
		return "", fmt.Errorf("unexpected Content-Transfer-Encoding %q", cte)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}
