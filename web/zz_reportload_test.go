package web_test

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/gen"
	"kakehashi/internal/store"
)

func TestZZReportLoad(t *testing.T) {
	if os.Getenv("REPORT_LOAD") == "" {
		t.Skip()
	}
	h := newHarness(t, true)
	ctx := context.Background()
	cs := gen.Companies(100000, 1)
	start := time.Now()
	err := h.app.Store.Transact(ctx, func(tx *store.Store) error {
		for i := range cs {
			cs[i].Ref = "g-" + cs[i].Ref
			if err := tx.SaveCompany(ctx, &cs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cs = nil
	t.Logf("insert %v", time.Since(start))
	desk := signIn(h, "desk@nrw-global-business.example")
	koeln := signIn(h, "staff@koeln.example")
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for _, p := range []string{"/en/staff/companies.csv", "/en/staff/companies?page=1000", "/en/staff/dashboard", "/en/staff/cases.csv"} {
		start = time.Now()
		pg := desk.get(p)
		t.Logf("desk %s: %d, %d bytes, %d lines, %v", p, pg.status, len(pg.body), strings.Count(pg.body, "\n"), time.Since(start))
		start = time.Now()
		pg = koeln.get(p)
		t.Logf("koeln %s: %d, %d bytes, %d lines, %v", p, pg.status, len(pg.body), strings.Count(pg.body, "\n"), time.Since(start))
	}
	runtime.ReadMemStats(&m1)
	t.Logf("total alloc %d MB", (m1.TotalAlloc-m0.TotalAlloc)>>20)
}
