// Package web is the portal's HTTP side: the Echo router, middleware, thin
// handlers (bind → validate → call internal/app → render) and the one error
// handler that turns errors into translated pages.
package web

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"kakehashi/internal/app"
	"kakehashi/static"
	"kakehashi/templates"
)

// Config holds the HTTP settings.
type Config struct {
	// SecureCookies marks cookies Secure with the __Host- prefix and sends
	// HSTS; on for any deployment served over TLS, off for local http.
	SecureCookies bool
	// SMTP tells the admin outbox page whether mail is being delivered.
	SMTP bool
	// MaxBody bounds request bodies.
	MaxBody string
	// TrustedProxies are the networks of reverse proxies whose
	// X-Forwarded-For header names the client; without them the client is
	// the connection's peer, so a header cannot fake an address.
	TrustedProxies []*net.IPNet
	// Operator is who runs the portal (imprint, privacy notice).
	Operator templates.Operator
	// FormKey signs the time stamps of public forms. Instances sharing a
	// database must share it (portal serve reads it from the database);
	// without one each process makes its own.
	FormKey []byte
	// PageCacheBytes bounds the cache of rendered page parts (profiles as
	// visitors see them, directory cards, suggestion lists); 0 means
	// DefaultPageCache. A visitor's profile page takes about 5.5 KB.
	PageCacheBytes int
}

// DefaultPageCache is the page cache's size when none is configured: about
// 45,000 visitors' profile pages.
const DefaultPageCache = 256 << 20

// DemoOperator is a fictional operator for demos and development.
var DemoOperator = templates.Operator{
	Name: "Kakehashi Demo-Betrieb (fiktiv)", Address: "Musterstraße 1, 40213 Düsseldorf, Deutschland",
	Email: "kontakt@kakehashi.example", Phone: "+49 211 0000 0000", Representative: "Erika Beispiel (fiktiv)",
}

// Server holds the router and what handlers need.
type Server struct {
	app *app.App
	cfg Config
	log *slog.Logger
	e   *echo.Echo
	// rendered fragments (company cards, static option lists), 64 MB at most
	frags *fragmentCache
	// nonceMark stands for the CSP nonce in pages kept whole in the page
	// cache (renderForVisitor): random per process, so no text a company
	// writes into its profile can contain it.
	nonceMark string
}

// New builds the router with every route and middleware.
func New(a *app.App, cfg Config, log *slog.Logger) *Server {
	if cfg.MaxBody == "" {
		cfg.MaxBody = "1M"
	}
	if cfg.Operator.Name == "" {
		cfg.Operator = DemoOperator
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	s := &Server{app: a, cfg: cfg, log: log, e: e, frags: newFragmentCache(cmp.Or(cfg.PageCacheBytes, DefaultPageCache)),
		nonceMark: "nonce-" + newRequestID() + newRequestID()}
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)

	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestID}))
	e.Use(s.logRequests)
	e.Use(s.recoverPanics)
	e.Use(s.securityHeaders)
	e.Use(middleware.BodyLimit(cfg.MaxBody))

	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/readyz", s.readyz)
	e.GET("/static/*", echo.WrapHandler(http.StripPrefix("/static/", static.Handler())))
	e.GET("/", s.rootRedirect)
	e.GET("/favicon.ico", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg")
	})

	g := e.Group("/:lang", s.withLang, s.loadSession, s.csrf(), s.withReq)
	for _, r := range s.routes() {
		h := s.authorize(r)
		switch r.Method {
		case http.MethodGet:
			g.GET(r.Path, h)
		case http.MethodPost:
			g.POST(r.Path, h)
		}
	}
	return s
}

// ipExtractor takes the client address from X-Forwarded-For only when the
// request comes from a configured proxy; Echo's defaults would also trust
// loopback and private networks, which is wrong behind no proxy.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.e }

// Echo exposes the router (for tests that walk the routes).
func (s *Server) Echo() *echo.Echo { return s.e }

func (s *Server) readyz(c echo.Context) error {
	if err := s.app.Ready(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable")
	}
	return c.String(http.StatusOK, "ready")
}

// render writes a templ component as the response.
func render(c echo.Context, status int, cmp templ.Component) error {
	buf := pagePool.Get().(*bytes.Buffer)
	defer putPage(buf)
	buf.Reset()
	ctx := c.Request().Context()
	if err := cmp.Render(ctx, buf); err != nil {
		return err // nothing written yet: the error page replaces a half page
	}
	return send(c, status, buf.Bytes())
}

// send writes a rendered page, compressed when the client takes it.
func send(c echo.Context, status int, body []byte) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	if r := templates.ReqOf(c.Request().Context()); compressible(c, r, len(body)) {
		z := gzipPool.Get().(*gzipBuffer)
		defer gzipPool.Put(z)
		if z.compress(body) == nil {
			h.Set(echo.HeaderContentEncoding, "gzip")
			body = z.out.Bytes()
		}
	}
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(body)
	return err
}

// renderForVisitor serves a page a visitor (not signed in) sees like every
// other visitor from the page cache, whole: key names everything its content
// depends on besides the path and the language (a profile's revision and
// the like). The CSP nonce, the one per-response part, is cut in on the way
// out; a page that turns out to carry anything else per request (a CSRF
// token, a secret) is sent but not kept. Pages with a notice or a query
// string are rendered as usual: a query string would let anyone fill the
// cache with copies.
func (s *Server) renderForVisitor(c echo.Context, key string, cmp templ.Component) error {
	ctx := c.Request().Context()
	r := templates.ReqOf(ctx)
	if key == "" || r.User != nil || r.Flash != "" || c.Request().URL.RawQuery != "" || r.Nonce == "" {
		return render(c, http.StatusOK, cmp)
	}
	k := "page|" + r.Lang + "|" + c.Request().URL.Path + "|" + key
	page, ok := s.frags.Get(k)
	if !ok {
		buf := pagePool.Get().(*bytes.Buffer)
		defer putPage(buf)
		buf.Reset()
		nonce := r.Nonce
		r.Nonce = s.nonceMark
		err := cmp.Render(ctx, buf)
		r.Nonce = nonce
		if err != nil {
			return err
		}
		page = buf.Bytes()
		if r.CSRF == "" && !r.CarriesSecret {
			page = bytes.Clone(page)
			s.frags.Put(k, page)
		}
	}
	i := bytes.Index(page, []byte(s.nonceMark))
	if i < 0 {
		return send(c, http.StatusOK, page)
	}
	out := pagePool.Get().(*bytes.Buffer)
	defer putPage(out)
	out.Reset()
	out.Grow(len(page) + len(r.Nonce))
	out.Write(page[:i])
	out.WriteString(r.Nonce)
	out.Write(page[i+len(s.nonceMark):])
	return send(c, http.StatusOK, out.Bytes())
}

// Serve runs the server on addr until ctx ends, then shuts down gracefully:
// in-flight requests get up to grace to finish.
func (s *Server) Serve(ctx context.Context, addr string, grace time.Duration) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s.e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) {
		return e
	}
	return err
}
