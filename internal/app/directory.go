package app

import (
	"context"

	"kakehashi/internal/company"
	"kakehashi/internal/search"
)

// DirectoryPage is one page of directory results.
type DirectoryPage struct {
	search.Result
	Companies []company.Company
}

// Directory runs a directory query on the in-memory index and takes the
// companies of the requested page from the read model.
func (a *App) Directory(ctx context.Context, q search.Query) (DirectoryPage, error) {
	res := a.Search.Search(q)
	cs, err := a.companiesByIDs(ctx, res.IDs)
	if err != nil {
		return DirectoryPage{}, err
	}
	return DirectoryPage{Result: res, Companies: cs}, nil
}
