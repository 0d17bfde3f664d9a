package app

import (
	"context"
	"crypto/rand"
	"errors"
	"math/big"

	"kakehashi/internal/account"
	"kakehashi/internal/company"
	"kakehashi/internal/store"
	"kakehashi/internal/valid"
)

// OwnCompany returns the profile of a company user, ErrNotFound before the
// first save.
func (a *App) OwnCompany(ctx context.Context, u *account.User) (company.Company, error) {
	if u.CompanyID == 0 {
		return company.Company{}, ErrNotFound
	}
	return a.Store.CompanyByID(ctx, u.CompanyID)
}

// SaveOwnProfile validates and saves the profile of a company user. Only the
// editable fields of in are used: ref, id and ownership come from the
// account, so posting them changes nothing. Saving counts as confirming the
// profile is current.
func (a *App) SaveOwnProfile(ctx context.Context, u *account.User, in company.Company) (company.Company, valid.Errors, error) {
	if u.Role != account.RoleCompany {
		return in, nil, ErrForbidden
	}
	in.Normalize()
	keys, err := a.Store.MunicipalityKeys(ctx)
	if err != nil {
		return in, nil, err
	}
	in.ID, in.Ref = 0, "draft"
	if errs := in.Validate(func(k string) bool { return keys[k] }); len(errs) > 0 {
		return in, errs, nil
	}
	in.ConfirmedAt = a.Now()
	err = a.Store.Transact(ctx, func(tx *store.Store) error {
		fresh, err := tx.UserByID(ctx, u.ID) // the session's copy may be stale
		if err != nil {
			return err
		}
		if fresh.CompanyID != 0 {
			cur, err := tx.CompanyByID(ctx, fresh.CompanyID)
			if err != nil {
				return err
			}
			in.ID, in.Ref = cur.ID, cur.Ref
			return tx.SaveCompany(ctx, &in)
		}
		for range 5 {
			in.Ref = newRef(in.Region)
			if _, err := tx.CompanyByRef(ctx, in.Ref); errors.Is(err, store.ErrNotFound) {
				break
			}
		}
		if err := tx.SaveCompany(ctx, &in); err != nil {
			return err
		}
		u.CompanyID = in.ID
		return tx.SetUserCompany(ctx, u.ID, in.ID)
	})
	if err != nil {
		return in, nil, err
	}
	a.indexCompany(&in)
	return in, nil, nil
}

// ConfirmOwnProfile renews the "last confirmed" date of a user's profile.
func (a *App) ConfirmOwnProfile(ctx context.Context, u *account.User) error {
	if u.Role != account.RoleCompany || u.CompanyID == 0 {
		return ErrForbidden
	}
	if err := a.Store.ConfirmCompany(ctx, u.CompanyID); err != nil {
		return err
	}
	c, err := a.Store.CompanyByID(ctx, u.CompanyID)
	if err == nil {
		a.indexCompany(&c)
	}
	return err
}

// newRef makes a ref for a self-registered company: region and six random
// base-36 characters, e.g. "tokyo-k3x9q2" (refs from imports keep theirs).
func newRef(r company.Region) string {
	const digits = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(digits))))
		b[i] = digits[n.Int64()]
	}
	prefix := string(r)
	if prefix == "" {
		prefix = "company"
	}
	return prefix + "-" + string(b)
}
