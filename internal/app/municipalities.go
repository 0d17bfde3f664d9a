package app

import (
	"context"

	"kakehashi/internal/account"
	"kakehashi/internal/municipality"
	"kakehashi/internal/valid"
)

// SaveMunicipality lets an admin change a municipality's agency, texts,
// focus sectors and desk contact. The key stays: companies, staff and cases
// refer to it.
func (a *App) SaveMunicipality(ctx context.Context, u *account.User, key string, in municipality.Municipality) (valid.Errors, error) {
	if u.Role != account.RoleAdmin {
		return nil, ErrForbidden
	}
	if _, err := a.MunicipalityByKey(ctx, key); err != nil {
		return nil, err
	}
	in.Key = key
	in.Normalize()
	if errs := in.Validate(); len(errs) > 0 {
		return errs, nil
	}
	if err := a.Store.SaveMunicipality(ctx, &in); err != nil {
		return nil, err
	}
	if !in.IsDesk() {
		a.Match.SetMunicipality(in)
	}
	if err := a.reloadMunicipalities(ctx); err != nil {
		return nil, err
	}
	a.Audit(ctx, u, AuditSettingsChange, "municipality:"+key, "", "municipality edited")
	return nil, nil
}
