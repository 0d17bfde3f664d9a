package app

import (
	"context"

	"kakehashi/internal/company"
	"kakehashi/internal/search"
)

// DirectoryPage is one page of directory results.
type DirectoryPage struct {
	search.Result
	Companies []*company.Company // shared with the read model: read only
}

// Directory runs a directory query on the in-memory index and takes the
// companies of the requested page from the read model.
func (a *App) Directory(ctx context.Context, q search.Query) (DirectoryPage, error) {
	res := a.search(q)
	cs, err := a.companiesByIDs(ctx, res.IDs)
	if err != nil {
		return DirectoryPage{}, err
	}
	return DirectoryPage{Result: res, Companies: cs}, nil
}

// searchEntry is a cached query result, valid for one generation.
type searchEntry struct {
	gen uint64
	res search.Result
}

// search runs a directory query, answering a query asked again before
// anything changed from a cache: browsing and popular searches repeat.
func (a *App) search(q search.Query) search.Result {
	gen := a.gen.Load() // before searching: a change meanwhile must not be cached under it
	if e, ok := a.searches.get(q); ok && e.gen == gen {
		return e.res
	}
	res := a.Search.Search(q)
	a.searches.put(q, searchEntry{gen: gen, res: res})
	return res
}
