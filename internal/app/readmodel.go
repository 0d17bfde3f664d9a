package app

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"time"

	"kakehashi/internal/company"
	"kakehashi/internal/matching"
	"kakehashi/internal/search"
)

// The read model keeps the current version of every listed company in
// memory, decoded, next to the search and matching indexes and kept current
// the same way: by this instance's writes at once and by the index refresh
// for other instances' writes. Profile pages, directory cards and
// suggestions are served from it; the database stays the source of truth and
// is read on a miss (a company created elsewhere in the last refresh
// interval) and for everything a user edits.
//
// Memory: about as much again as the companies' JSON, ~2 KB per company.
type companyCache struct {
	mu    sync.RWMutex
	byID  map[int64]*company.Company
	byRef map[string]int64
}

func (c *companyCache) reset(cs []company.Company) {
	byID := make(map[int64]*company.Company, len(cs))
	byRef := make(map[string]int64, len(cs))
	for i := range cs {
		if !cs[i].Deleted {
			byID[cs[i].ID], byRef[cs[i].Ref] = &cs[i], cs[i].ID
		}
	}
	c.mu.Lock()
	c.byID, c.byRef = byID, byRef
	c.mu.Unlock()
}

// put stores a copy of co (removing it when deleted) and reports whether it
// differs from the version held before: a new revision, or gone.
func (c *companyCache) put(co *company.Company) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil {
		c.byID, c.byRef = map[int64]*company.Company{}, map[string]int64{}
	}
	old, had := c.byID[co.ID]
	if co.Deleted {
		if had {
			delete(c.byID, co.ID)
			delete(c.byRef, old.Ref)
		}
		return had
	}
	cp := *co
	c.byID[co.ID] = &cp
	if had && old.Ref != co.Ref {
		delete(c.byRef, old.Ref)
	}
	c.byRef[co.Ref] = co.ID
	return !had || !sameRevision(old.UpdatedAt, co.UpdatedAt)
}

func (c *companyCache) remove(id int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, had := c.byID[id]
	if had {
		delete(c.byID, id)
		delete(c.byRef, old.Ref)
	}
	return had
}

func (c *companyCache) get(id int64) (*company.Company, bool) {
	c.mu.RLock()
	co, ok := c.byID[id]
	c.mu.RUnlock()
	return co, ok
}

// allListed reports whether every company of list is still listed.
func (c *companyCache) allListed(list []matching.Suggestion) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, s := range list {
		if _, ok := c.byID[s.ID]; !ok {
			return false
		}
	}
	return true
}

func (c *companyCache) getRef(ref string) (*company.Company, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	id, ok := c.byRef[ref]
	if !ok {
		return nil, false
	}
	return c.byID[id], true
}

// sameRevision compares update times at the precision both databases keep
// (PostgreSQL stores microseconds).
func sameRevision(a, b time.Time) bool {
	return a.Truncate(time.Microsecond).Equal(b.Truncate(time.Microsecond))
}

// Generation counts changes that can alter suggestions: company revisions
// and excluded pairs. Caches of derived results compare it.
func (a *App) Generation() uint64 { return a.gen.Load() }

// indexCompany updates the read model and the indexes after a committed
// write on this instance or one seen by the refresh. Deleted companies leave
// them; a row seen again unchanged (the refresh re-reads with overlap)
// costs nothing.
func (a *App) indexCompany(c *company.Company) {
	if !a.companies.put(c) {
		return
	}
	if c.Deleted {
		a.unindex(c.ID)
		return
	}
	a.Search.Put(search.DocOf(c))
	a.Match.Upsert(*c)
	a.gen.Add(1)
}

// forgetCompany drops an erased company from the read model and indexes.
func (a *App) forgetCompany(id int64) {
	a.companies.remove(id)
	a.unindex(id)
}

func (a *App) unindex(id int64) {
	a.Search.Delete(id)
	a.Match.Remove(id)
	a.gen.Add(1)
}

// Company returns a public profile by ref.
func (a *App) Company(ctx context.Context, ref string) (company.Company, error) {
	if co, ok := a.companies.getRef(ref); ok {
		return *co, nil
	}
	return a.Store.CompanyByRef(ctx, ref)
}

// CompanyView returns a company by id for display (not for editing: forms
// read the database).
func (a *App) CompanyView(ctx context.Context, id int64) (company.Company, error) {
	if co, ok := a.companies.get(id); ok {
		return *co, nil
	}
	c, err := a.Store.CompanyByID(ctx, id)
	if err == nil && c.Deleted {
		return company.Company{}, ErrNotFound
	}
	return c, err
}

// companiesByIDs returns the companies in the order of ids, from memory,
// reading only the misses from the database. The companies are shared:
// callers must not modify them.
func (a *App) companiesByIDs(ctx context.Context, ids []int64) ([]*company.Company, error) {
	out := make([]*company.Company, 0, len(ids))
	a.companies.mu.RLock()
	for _, id := range ids {
		if co, ok := a.companies.byID[id]; ok {
			out = append(out, co)
		}
	}
	a.companies.mu.RUnlock()
	if len(out) == len(ids) {
		return out, nil
	}
	cs, err := a.Store.CompaniesByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out = out[:0]
	for i := range cs {
		out = append(out, &cs[i])
	}
	return out, nil
}

// boundedCache holds results derived from the indexes, e.g. suggestion
// lists per company. It is bounded: when full, an arbitrary entry goes.
type boundedCache[K comparable, V any] struct {
	mu  sync.Mutex
	max int
	m   map[K]V
}

func (d *boundedCache[K, V]) get(id K) (V, bool) {
	d.mu.Lock()
	v, ok := d.m[id]
	d.mu.Unlock()
	return v, ok
}

func (d *boundedCache[K, V]) put(id K, v V) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.m == nil {
		d.m = make(map[K]V)
	}
	if _, ok := d.m[id]; !ok && len(d.m) >= d.max {
		for k := range d.m { // map order is unspecified: a cheap random eviction
			delete(d.m, k)
			break
		}
	}
	d.m[id] = v
}

func (d *boundedCache[K, V]) remove(id K) {
	d.mu.Lock()
	delete(d.m, id)
	d.mu.Unlock()
}

// partnerEntry is a cached suggestion list, valid for one generation.
type partnerEntry struct {
	gen  uint64
	k    int
	list []matching.Suggestion
}

// Suggestions returns the best partners for a company, best first. Lists
// are cached until the next change that could alter them (Generation), so a
// company looking at its suggestions again costs no matching.
func (a *App) Suggestions(id int64, k int) []matching.Suggestion {
	gen := a.gen.Load()
	if e, ok := a.partners.get(id); ok && e.gen == gen && e.k >= k {
		return e.list[:min(k, len(e.list))]
	}
	list := a.Match.Partners(id, k, a.excluded)
	a.partners.put(id, partnerEntry{gen: gen, k: k, list: list})
	return list
}

// Similar lists: unlike suggestions, a company's similar companies are a
// discovery aid on its public profile, viewed far more often than anything
// changes and by anyone. They are computed once per company revision and
// then refreshed in the background when older than SimilarMaxAge, so a
// change elsewhere shows in other profiles' lists within that time (the
// company's own change at once).
const (
	SimilarMaxAge = 10 * time.Minute
	similarK      = 5
)

type similarEntry struct {
	rev  time.Time // UpdatedAt of the company the list was computed for
	at   time.Time
	list []matching.Suggestion
	key  string // names this list for the page cache, without its length
}

// Similar returns up to 5 companies similar to one (for its public
// profile), and a key naming this version of the list for caching its
// rendering ("" when the list was not cached).
func (a *App) Similar(id int64, k int) ([]matching.Suggestion, string) {
	k = min(k, similarK)
	co, ok := a.companies.get(id)
	if !ok {
		return a.Match.Similar(id, k, ""), ""
	}
	e, ok := a.similar.get(id)
	if !ok || !sameRevision(e.rev, co.UpdatedAt) {
		e = a.computeSimilar(id, co.UpdatedAt)
	} else if a.Now().Sub(e.at) > SimilarMaxAge {
		a.refreshSimilarLater(id)
	}
	list := a.listed(e.list, k)
	return list, e.key + strconv.Itoa(len(list))
}

// listed returns up to k entries of a cached list whose companies are still
// listed (one may have been deleted since the list was computed): usually
// the cached list itself, so that a profile view allocates nothing here.
func (a *App) listed(list []matching.Suggestion, k int) []matching.Suggestion {
	if head := list[:min(k, len(list))]; a.companies.allListed(head) {
		return head
	}
	out := make([]matching.Suggestion, 0, min(k, len(list)))
	for _, s := range list {
		if len(out) == k {
			break
		}
		if _, ok := a.companies.get(s.ID); ok {
			out = append(out, s)
		}
	}
	return out
}

func (a *App) computeSimilar(id int64, rev time.Time) similarEntry {
	// Kept for every company: copy what the profile shows (one reason each)
	// into exact-size slices, so the matcher's candidate arrays and other
	// reasons can be freed.
	found := a.Match.Similar(id, similarK, "")
	list := make([]matching.Suggestion, len(found))
	for i, s := range found {
		list[i] = matching.Suggestion{ID: s.ID, Ref: s.Ref, Name: s.Name, Score: s.Score}
		if len(s.Reasons) > 0 {
			list[i].Reasons = []matching.Reason{s.Reasons[0]}
		}
	}
	at := a.Now()
	e := similarEntry{rev: rev, at: at, list: list, key: strconv.FormatInt(id, 10) + "|" + strconv.FormatInt(at.UnixNano(), 10) + "|"}
	a.similar.put(id, e)
	return e
}

// refreshSimilarLater queues a stale list for the background worker (see
// RunSimilar); without a worker, or when it is busy, the list is recomputed
// on a later view.
func (a *App) refreshSimilarLater(id int64) {
	if !a.similarWorker.Load() {
		if co, ok := a.companies.get(id); ok {
			a.computeSimilar(id, co.UpdatedAt)
		}
		return
	}
	select {
	case a.similarQueue <- id:
	default:
	}
}

// RunSimilar computes the similar lists of all companies once after start
// (so that profile views find them ready) and then refreshes stale ones
// queued by views, until ctx ends. One goroutine: it uses at most one core.
func (a *App) RunSimilar(ctx context.Context) {
	a.similarWorker.Store(true)
	defer a.similarWorker.Store(false)
	a.WarmSimilar(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case id := <-a.similarQueue:
			if co, ok := a.companies.get(id); ok {
				if e, ok := a.similar.get(id); !ok || a.Now().Sub(e.at) > SimilarMaxAge || !sameRevision(e.rev, co.UpdatedAt) {
					a.computeSimilar(id, co.UpdatedAt)
				}
			}
		}
	}
}

// WarmSimilar computes the similar list of every company that has no
// current one.
func (a *App) WarmSimilar(ctx context.Context) {
	started := a.Now()
	a.companies.mu.RLock()
	ids := make([]int64, 0, len(a.companies.byID))
	for id := range a.companies.byID {
		ids = append(ids, id)
	}
	a.companies.mu.RUnlock()
	slices.Sort(ids)
	for i, id := range ids {
		if i%256 == 0 && ctx.Err() != nil {
			return
		}
		if co, ok := a.companies.get(id); ok {
			if e, ok := a.similar.get(id); !ok || !sameRevision(e.rev, co.UpdatedAt) {
				a.computeSimilar(id, co.UpdatedAt)
			}
		}
	}
	a.Log.Info("similar companies computed", "companies", len(ids), "duration", a.Now().Sub(started).Round(time.Millisecond).String())
}
