package app

import (
	"context"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/store"
)

// Retention settings.
type Retention struct {
	UnconfirmedDays   int // sign-ups never confirmed are erased after this many days
	ContactReviewDays int // contact data of companies inactive this long is flagged for review
}

// DefaultRetention erases unconfirmed sign-ups after 14 days and flags
// contact data after two years without a profile change.
var DefaultRetention = Retention{UnconfirmedDays: 14, ContactReviewDays: 730}

// ExportMyData returns everything stored about the user (Art. 15 GDPR).
func (a *App) ExportMyData(ctx context.Context, u *account.User, ip string) (store.PersonalExport, error) {
	exp, err := a.Store.ExportPersonal(ctx, u.ID, u.Email, u.CompanyID)
	if err == nil {
		a.Audit(ctx, u, AuditExport, "user:"+itoa(u.ID), ip, "self-service data export")
	}
	return exp, err
}

// DeleteMyAccount erases the user's account (Art. 17 GDPR) after checking
// the password: names, e-mail addresses and phone numbers go from every
// table; a company profile the user alone owns is anonymised, so that case
// statistics remain without personal data.
func (a *App) DeleteMyAccount(ctx context.Context, u *account.User, password, ip string) error {
	if ok, err := account.VerifyPassword(u.PasswordHash, password); err != nil || !ok {
		return ErrBadCredentials
	}
	var erased int64
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		if u.CompanyID != 0 {
			owners, err := tx.UsersWhere(ctx, account.RoleCompany, "", u.CompanyID)
			if err != nil {
				return err
			}
			if len(owners) <= 1 {
				if err := tx.EraseCompany(ctx, u.CompanyID, a.Now()); err != nil {
					return err
				}
				erased = u.CompanyID
			}
		}
		return tx.EraseUser(ctx, u.ID, u.Email, emailHash(u.Email))
	})
	if err != nil {
		return err
	}
	if erased != 0 {
		a.forgetCompany(erased)
	}
	a.Audit(ctx, nil, AuditDeletion, "user:"+itoa(u.ID), "", "account deleted by its owner")
	return nil
}

// ApplyRetention erases sign-ups that were never confirmed and flags the
// contact data of long-inactive companies for review. Safe to run on
// several instances at once: each step is idempotent.
func (a *App) ApplyRetention(ctx context.Context, r Retention) error {
	now := a.Now()
	stale, err := a.Store.UnconfirmedBefore(ctx, now.Add(-time.Duration(r.UnconfirmedDays)*24*time.Hour))
	if err != nil {
		return err
	}
	for _, s := range stale {
		err := a.Store.Transact(ctx, func(tx *store.Store) error {
			return tx.EraseUser(ctx, s.ID, s.Email, emailHash(s.Email))
		})
		if err != nil {
			return err
		}
		a.Audit(ctx, nil, AuditDeletion, "user:"+itoa(s.ID), "", "unconfirmed sign-up purged")
	}
	n, err := a.Store.FlagInactiveContacts(ctx, now.Add(-time.Duration(r.ContactReviewDays)*24*time.Hour), now)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("contact data flagged for review", "companies", n)
	}
	return nil
}
