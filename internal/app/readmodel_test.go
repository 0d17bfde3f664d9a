package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/matching"
	"kakehashi/internal/search"
)

// The read model and the caches derived from it follow every change: this
// instance's writes at once, other instances' writes with the refresh, and
// a refresh that finds nothing new invalidates nothing.
func TestReadModelFollowsChanges(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	if err := a.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	owner, err := a.Store.UserByEmail(ctx, "tokyo@company.example")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := a.Store.UserByEmail(ctx, "admin@kakehashi.example")
	if err != nil {
		t.Fatal(err)
	}
	own, err := a.CompanyView(ctx, owner.CompanyID)
	if err != nil {
		t.Fatal(err)
	}

	// an unchanged refresh keeps every cached list valid
	gen := a.Generation()
	if err := a.RefreshIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	if a.Generation() != gen {
		t.Fatalf("a refresh without changes moved the generation %d → %d", gen, a.Generation())
	}

	// excluding a pair drops it from the cached suggestions
	before := a.Suggestions(own.ID, 10)
	if len(before) == 0 {
		t.Fatal("no suggestions for the demo company")
	}
	if err := a.MarkUnsuitable(ctx, &admin, own.ID, before[0].ID, "test"); err != nil {
		t.Fatal(err)
	}
	if ids := suggestionIDs(a.Suggestions(own.ID, 10)); slices.Contains(ids, before[0].ID) {
		t.Fatalf("excluded partner %d still suggested: %v", before[0].ID, ids)
	}

	// the owner's save shows at once in the profile and renews its similar list
	_, key1 := a.Similar(own.ID, 5)
	in := own
	in.Name = "Renamed Tokyo Firm KK"
	if _, errs, err := a.SaveOwnProfile(ctx, &owner, in); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if got, _ := a.Company(ctx, own.Ref); got.Name != in.Name {
		t.Fatalf("profile shows %q after the save", got.Name)
	}
	if _, key2 := a.Similar(own.ID, 5); key2 == key1 || key2 == "" {
		t.Fatalf("similar list not renewed after the company changed (%q → %q)", key1, key2)
	}

	// another instance erases a company listed as similar: gone after the refresh
	sim, _ := a.Similar(own.ID, 5)
	if len(sim) == 0 {
		t.Fatal("no similar companies")
	}
	gone, err := a.CompanyView(ctx, sim[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.EraseCompany(ctx, gone.ID, a.Now()); err != nil {
		t.Fatal(err)
	}
	if err := a.RefreshIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Company(ctx, gone.Ref); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("erased company still served: %v", err)
	}
	if sim, _ := a.Similar(own.ID, 5); slices.Contains(suggestionIDs(sim), gone.ID) {
		t.Fatal("erased company still listed as similar")
	}

	// a company created by another instance is served from the database at
	// once and listed in the directory after the refresh
	c := company.Company{Ref: "elsewhere-1", Name: "Elsewhere Optics GmbH", Region: company.RegionNRW, Sectors: []string{"C26"},
		Description: company.Texts{"de": "Optische Sensoren"}, Contact: company.Contact{Name: "Eva", Email: "eva@elsewhere.example"}}
	if err := a.Store.SaveCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, err := a.Company(ctx, "elsewhere-1"); err != nil || got.Name != c.Name {
		t.Fatalf("new company not found: %v", err)
	}
	if err := a.RefreshIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := a.Directory(ctx, search.Query{Q: "Elsewhere"})
	if err != nil || len(page.Companies) != 1 || page.Companies[0].Ref != "elsewhere-1" {
		t.Fatalf("directory after refresh: %+v, %v", page.Companies, err)
	}
}

func suggestionIDs(list []matching.Suggestion) []int64 {
	ids := make([]int64, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	return ids
}
