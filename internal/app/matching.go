package app

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"

	"kakehashi/internal/account"
	"kakehashi/internal/company"
	"kakehashi/internal/matching"
	"kakehashi/internal/municipality"
	"kakehashi/internal/store"
)

// exclusions is the in-memory copy of the excluded pairs. The matcher asks
// for every candidate it scores, so reads must be cheap: the map is never
// changed in place but replaced whole (copy on write; exclusions are rare).
type exclusions struct {
	mu    sync.Mutex // serialises writers
	pairs atomic.Pointer[map[store.Pair]bool]
}

func (e *exclusions) has(p store.Pair) bool {
	m := e.pairs.Load()
	return m != nil && (*m)[p]
}

// replace installs m and reports whether it differs from the pairs before.
func (e *exclusions) replace(m map[store.Pair]bool) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	old := e.pairs.Load()
	e.pairs.Store(&m)
	if old == nil || len(*old) != len(m) {
		return old != nil || len(m) > 0
	}
	for p := range m {
		if !(*old)[p] {
			return true
		}
	}
	return false
}

func (e *exclusions) add(p store.Pair) {
	e.mu.Lock()
	defer e.mu.Unlock()
	old := e.pairs.Load()
	m := make(map[store.Pair]bool, 1)
	if old != nil {
		m = make(map[store.Pair]bool, len(*old)+1)
		for k := range *old {
			m[k] = true
		}
	}
	m[p] = true
	e.pairs.Store(&m)
}

// exclude adds a pair after it was stored; cached suggestions are renewed.
func (a *App) exclude(p store.Pair) {
	a.excl.add(p)
	a.gen.Add(1)
}

func (a *App) excluded(x, y int64) bool { return a.excl.has(store.NewPair(x, y)) }

func (a *App) loadExclusions(ctx context.Context) error {
	pairs, err := a.Store.Exclusions(ctx)
	if err != nil {
		return err
	}
	m := make(map[store.Pair]bool, len(pairs))
	for _, p := range pairs {
		m[p] = true
	}
	if a.excl.replace(m) {
		a.gen.Add(1)
	}
	return nil
}

// contactsEntry is a cached list of municipal contacts, valid for one
// generation (municipality changes count).
type contactsEntry struct {
	gen  uint64
	list []MunicipalContact
}

// MunicipalContact is an agency a company should talk to, with why.
type MunicipalContact struct {
	Municipality municipality.Municipality
	Score        float64
	Reasons      []matching.Reason
	Desk         bool // NRW.Global Business, the first-contact desk
}

// MunicipalContacts returns the agencies for a company: NRW.Global Business
// first, then for a Tokyo company the partner municipalities ranked by fit,
// for an NRW company its own municipality's agency.
func (a *App) MunicipalContacts(ctx context.Context, c *company.Company) ([]MunicipalContact, error) {
	gen := a.gen.Load()
	if e, ok := a.contacts.get(c.ID); ok && e.gen == gen {
		return e.list, nil
	}
	ms, err := a.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byKey[m.Key] = m
	}
	var out []MunicipalContact
	if d, ok := byKey[municipality.DeskKey]; ok {
		out = append(out, MunicipalContact{Municipality: d, Desk: true})
	}
	for _, s := range a.Match.Municipalities(c.ID) {
		if m, ok := byKey[s.Key]; ok {
			out = append(out, MunicipalContact{Municipality: m, Score: s.Score, Reasons: s.Reasons})
		}
	}
	a.contacts.put(c.ID, contactsEntry{gen: gen, list: out})
	return out, nil
}

// MarkUnsuitable records, for staff, that two companies should not be
// suggested to each other again.
func (a *App) MarkUnsuitable(ctx context.Context, u *account.User, x, y int64, note string) error {
	if !u.Role.IsStaff() {
		return ErrForbidden
	}
	if _, err := a.Store.CompanyByID(ctx, y); err != nil {
		return err
	}
	if err := a.Store.AddExclusion(ctx, x, y, store.ExclusionUnsuitable, note, u.ID); err != nil {
		return err
	}
	a.exclude(store.NewPair(x, y))
	return nil
}

// PartnerMunicipalities returns the partner municipalities (not the desk), by name.
func PartnerMunicipalities(ms []municipality.Municipality) []municipality.Municipality {
	out := make([]municipality.Municipality, 0, len(ms))
	for _, m := range ms {
		if !m.IsDesk() {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
