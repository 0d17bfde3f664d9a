package app

import (
	"context"
	"sync"
	"time"

	"kakehashi/internal/matching"
	"kakehashi/internal/search"
)

// LoadIndexes fills the in-memory indexes (directory search and matching)
// from the database; called once at start-up, before the server accepts
// requests. The two indexes are built concurrently.
func (a *App) LoadIndexes(ctx context.Context) error {
	started := a.Now()
	if err := a.reloadMunicipalities(ctx); err != nil {
		return err
	}
	ms, err := a.Municipalities(ctx)
	if err != nil {
		return err
	}
	if err := a.loadExclusions(ctx); err != nil {
		return err
	}
	cs, err := a.Store.AllCompanies(ctx)
	if err != nil {
		return err
	}
	read := time.Since(started)

	var wg sync.WaitGroup
	var match *matching.Index
	wg.Add(1)
	go func() {
		defer wg.Done()
		match = matching.NewIndex(cs, ms)
	}()
	for i := range cs {
		a.Search.Put(search.DocOf(&cs[i]))
	}
	wg.Wait()
	a.Match = match
	a.companies.reset(cs)
	a.gen.Add(1)

	a.mu.Lock()
	a.lastRefresh = started
	a.mu.Unlock()
	a.Log.Info("indexes loaded", "companies", len(cs), "read", read.Round(time.Millisecond).String(),
		"duration", time.Since(started).Round(time.Millisecond).String())
	return nil
}

// RefreshIndexes picks up companies that changed since the last refresh,
// including writes made by other instances sharing the database, and the
// current list of excluded pairs. Rows are re-read with a small overlap, so a
// write committed just as the previous refresh ran is not missed; indexing a
// row twice is harmless.
func (a *App) RefreshIndexes(ctx context.Context) error {
	a.mu.Lock()
	since := a.lastRefresh.Add(-5 * time.Second)
	a.mu.Unlock()
	started := a.Now()
	changed, err := a.Store.CompaniesChangedSince(ctx, since)
	if err != nil {
		return err
	}
	for i := range changed {
		a.indexCompany(&changed[i])
	}
	if err := a.loadExclusions(ctx); err != nil {
		return err
	}
	if err := a.reloadMunicipalities(ctx); err != nil {
		return err
	}
	a.mu.Lock()
	a.lastRefresh = started
	a.mu.Unlock()
	return nil
}

// RunRefresh refreshes the indexes every Cfg.RefreshEvery until ctx ends:
// the bound on how long another instance's write takes to show here.
func (a *App) RunRefresh(ctx context.Context) {
	t := time.NewTicker(a.Cfg.RefreshEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := a.RefreshIndexes(ctx); err != nil && ctx.Err() == nil {
				a.Log.Warn("index refresh failed", "err", err)
			}
		}
	}
}
