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

// Directory runs a directory query on the in-memory index and loads the
// companies of the requested page from the database.
func (a *App) Directory(ctx context.Context, q search.Query) (DirectoryPage, error) {
	res := a.Search.Search(q)
	cs, err := a.Store.CompaniesByIDs(ctx, res.IDs)
	if err != nil {
		return DirectoryPage{}, err
	}
	return DirectoryPage{Result: res, Companies: cs}, nil
}

// Company returns a public profile by ref.
func (a *App) Company(ctx context.Context, ref string) (company.Company, error) {
	return a.Store.CompanyByRef(ctx, ref)
}
