package app

import (
	"context"
	"reflect"
	"sync"

	"kakehashi/internal/municipality"
	"kakehashi/internal/store"
)

// muniCache keeps the few municipalities in memory: nearly every page shows
// them (filters, profiles, contacts). It is reloaded after this instance
// changes them and with every index refresh, which picks up other
// instances' changes.
type muniCache struct {
	mu    sync.RWMutex
	list  []municipality.Municipality
	byKey map[string]municipality.Municipality
}

func (a *App) reloadMunicipalities(ctx context.Context) error {
	ms, err := a.Store.Municipalities(ctx)
	if err != nil {
		return err
	}
	byKey := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byKey[m.Key] = m
	}
	a.munis.mu.Lock()
	changed := !reflect.DeepEqual(a.munis.list, ms)
	a.munis.list, a.munis.byKey = ms, byKey
	a.munis.mu.Unlock()
	if changed {
		a.gen.Add(1) // contact lists name municipalities
		a.muniRev.Add(1)
	}
	return nil
}

// Municipalities returns every municipality (the desk included), by name.
// Callers must not modify the returned slice's elements' lists.
func (a *App) Municipalities(ctx context.Context) ([]municipality.Municipality, error) {
	a.munis.mu.RLock()
	list := a.munis.list
	a.munis.mu.RUnlock()
	if list == nil {
		if err := a.reloadMunicipalities(ctx); err != nil {
			return nil, err
		}
		a.munis.mu.RLock()
		list = a.munis.list
		a.munis.mu.RUnlock()
	}
	return list, nil
}

// MunicipalityByKey returns one municipality.
func (a *App) MunicipalityByKey(ctx context.Context, key string) (municipality.Municipality, error) {
	if _, err := a.Municipalities(ctx); err != nil {
		return municipality.Municipality{}, err
	}
	a.munis.mu.RLock()
	m, ok := a.munis.byKey[key]
	a.munis.mu.RUnlock()
	if !ok {
		return m, store.ErrNotFound
	}
	return m, nil
}

// MunicipalityRevision changes whenever the municipalities change, for
// caching what lists them.
func (a *App) MunicipalityRevision() uint64 { return a.muniRev.Load() }
