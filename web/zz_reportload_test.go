package web_test

import (
	"context"
	"os"
	"runtime/pprof"
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
	cs := gen.Companies(30000, 1)
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
	desk := signIn(h, "desk@nrw-global-business.example")
	for _, p := range []string{"/en/staff/companies.csv", "/en/staff/companies?page=300"} {
		f, _ := os.Create("/tmp/rep/" + map[bool]string{true: "csv", false: "page"}[p == "/en/staff/companies.csv"] + ".prof")
		pprof.StartCPUProfile(f)
		start := time.Now()
		pg := desk.get(p)
		pprof.StopCPUProfile()
		f.Close()
		t.Logf("%s %d %v", p, pg.status, time.Since(start))
	}
}
