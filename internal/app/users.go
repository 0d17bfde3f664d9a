package app

import (
	"context"
	"errors"

	"kakehashi/internal/account"
	"kakehashi/internal/municipality"
	"kakehashi/internal/store"
	"kakehashi/internal/valid"
)

// NewStaff is an agency account an admin creates.
type NewStaff struct {
	Email        string
	Password     string
	Role         account.Role
	Municipality string
	Lang         string
}

// Validate checks the account fields: municipal staff need a partner
// municipality, desk users belong to NRW.Global Business.
func (n *NewStaff) Validate(known func(string) bool) valid.Errors {
	var e valid.Errors
	n.Email = account.NormalizeEmail(n.Email)
	e.Email("email", n.Email, true)
	if code := account.CheckPassword(n.Password); code != "" {
		e.Add("password", code, map[string]any{"min": account.MinPassword, "max": account.MaxPassword})
	}
	switch n.Role {
	case account.RoleStaff:
		if n.Municipality == "" || n.Municipality == municipality.DeskKey || !known(n.Municipality) {
			e.Add("municipality", "unknown_municipality", nil)
		}
	case account.RoleDesk:
		n.Municipality = municipality.DeskKey
	case account.RoleAdmin:
		n.Municipality = ""
	default:
		e.Add("role", "invalid_choice", nil)
	}
	if n.Lang == "" {
		n.Lang = "de"
	}
	return e
}

// CreateStaff creates a confirmed agency account (staff, desk or admin).
// by is the admin doing it, nil for the command line.
func (a *App) CreateStaff(ctx context.Context, by *account.User, n NewStaff) (account.User, valid.Errors, error) {
	if by != nil && by.Role != account.RoleAdmin {
		return account.User{}, nil, ErrForbidden
	}
	keys, err := a.Store.MunicipalityKeys(ctx)
	if err != nil {
		return account.User{}, nil, err
	}
	if errs := n.Validate(func(k string) bool { return keys[k] }); len(errs) > 0 {
		return account.User{}, errs, nil
	}
	hash, err := account.HashPassword(n.Password)
	if err != nil {
		return account.User{}, nil, err
	}
	u := account.User{Email: n.Email, PasswordHash: hash, Role: n.Role, Municipality: n.Municipality, Lang: n.Lang,
		EmailConfirmedAt: a.Now()}
	if n.Role == account.RoleDesk && !keys[municipality.DeskKey] {
		u.Municipality = "" // an installation without the desk's record (no demo data, not imported yet)
	}
	err = a.Store.CreateUser(ctx, &u)
	if errors.Is(err, store.ErrConflict) {
		var e valid.Errors
		e.Add("email", "email_taken", nil)
		return account.User{}, e, nil
	}
	if err == nil {
		a.Audit(ctx, by, AuditRoleChange, "user:"+itoa(u.ID), "", "created with role "+string(u.Role)+" "+u.Municipality)
	}
	return u, nil, err
}

// SetUserDisabled disables or re-enables an account; disabling ends its
// sessions at once. Admins cannot disable themselves.
func (a *App) SetUserDisabled(ctx context.Context, by *account.User, id int64, disabled bool) error {
	if by.Role != account.RoleAdmin || by.ID == id {
		return ErrForbidden
	}
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		if err := tx.SetUserDisabled(ctx, id, disabled); err != nil {
			return err
		}
		if disabled {
			return tx.DeleteUserSessions(ctx, id)
		}
		return nil
	})
	if err == nil {
		detail := "enabled"
		if disabled {
			detail = "disabled"
		}
		a.Audit(ctx, by, AuditRoleChange, "user:"+itoa(id), "", detail)
	}
	return err
}
