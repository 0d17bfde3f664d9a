package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// A request whose client went away is no server error, whatever the
// database driver made of the canceled work: nothing is written and the
// request is logged as 499.
func TestErrorOfAbandonedRequestIsNotA5xx(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e := echo.New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/en/account/profile", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	c := e.NewContext(req, rec)
	s.handleError(errors.New("driver: bad connection"), c)
	if c.Response().Status != 499 || c.Response().Committed || rec.Body.Len() != 0 {
		t.Fatalf("status %d, committed %v, body %q", c.Response().Status, c.Response().Committed, rec.Body.String())
	}
}
