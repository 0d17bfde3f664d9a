package web

import (
	"bytes"
	"compress/gzip"
	"sync"

	"github.com/labstack/echo/v4"

	"kakehashi/static"
	"kakehashi/templates"
)

// Pages are rendered into a pooled buffer and sent in one write with a
// Content-Length: fewer system calls than streaming through the response's
// small buffer, and a render error can still become a clean error page.
var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putPage(b *bytes.Buffer) {
	if b.Cap() <= 256<<10 { // don't keep the odd huge page (a report) alive
		pagePool.Put(b)
	}
}

// compressible decides whether a page may be sent gzip-compressed: every
// page of some size, unless it shows a secret. Compressing a secret next to
// text an attacker can inject (a search term) would leak the secret through
// the compressed length (BREACH); the CSRF token every form carries is
// therefore masked afresh on each page (account.MaskCSRF), and pages that
// show a real secret (a new two-factor key) mark themselves
// (templates.Req.CarriesSecret) and go out uncompressed.
func compressible(c echo.Context, r *templates.Req, size int) bool {
	if size < 1024 || r == nil || r.CarriesSecret {
		return false
	}
	c.Response().Header().Add("Vary", "Accept-Encoding")
	return static.AcceptsGzip(c.Request().Header.Get("Accept-Encoding"))
}

// gzipBuffer is a reusable compressor with its output buffer.
type gzipBuffer struct {
	out bytes.Buffer
	w   *gzip.Writer
}

var gzipPool = sync.Pool{New: func() any {
	z := &gzipBuffer{}
	z.w, _ = gzip.NewWriterLevel(&z.out, gzip.BestSpeed)
	return z
}}

func (z *gzipBuffer) compress(b []byte) error {
	z.out.Reset()
	z.w.Reset(&z.out)
	if _, err := z.w.Write(b); err != nil {
		return err
	}
	return z.w.Close()
}
