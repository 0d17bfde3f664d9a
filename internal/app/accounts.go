package app

import (
	"context"
	"errors"
	"net/url"

	"kakehashi/internal/account"
	"kakehashi/internal/i18n"
	"kakehashi/internal/mail"
	"kakehashi/internal/store"
	"kakehashi/internal/valid"
)

// SignUp is what the sign-up form sends.
type SignUp struct {
	Email    string
	Password string
	Lang     string
	Consent  bool
}

// Validate checks the sign-up form field by field.
func (s *SignUp) Validate() valid.Errors {
	var e valid.Errors
	s.Email = account.NormalizeEmail(s.Email)
	e.Email("email", s.Email, true)
	if s.Password == "" {
		e.Add("password", "required", nil)
	} else if code := account.CheckPassword(s.Password); code != "" {
		e.Add("password", code, map[string]any{"min": account.MinPassword, "max": account.MaxPassword})
	}
	if !s.Consent {
		e.Add("consent", "consent_required", nil)
	}
	return e
}

// Register creates a company account and queues the confirmation mail. When
// the address already has an account, that owner gets a notice instead, and
// the caller sees the same result: sign-up must not reveal who is registered.
func (a *App) Register(ctx context.Context, in SignUp) (valid.Errors, error) {
	if errs := in.Validate(); len(errs) > 0 {
		return errs, nil
	}
	hash, err := account.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	now := a.Now()
	err = a.Store.Transact(ctx, func(tx *store.Store) error {
		if existing, err := tx.UserByEmail(ctx, in.Email); err == nil {
			return a.queueMail(ctx, tx, existing.Email, in.Lang, "account_exists", map[string]string{
				"link": a.link(in.Lang, "login", nil),
			})
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		u := account.User{Email: in.Email, PasswordHash: hash, Role: account.RoleCompany, Lang: in.Lang,
			ConsentAt: now, ConsentVersion: a.Cfg.ConsentVersion}
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		return a.sendConfirmation(ctx, tx, &u, in.Lang)
	})
	if err != nil {
		return nil, err
	}
	a.wakeMail()
	return nil, nil
}

func (a *App) sendConfirmation(ctx context.Context, tx *store.Store, u *account.User, lang string) error {
	token, hash := account.NewToken()
	if err := tx.CreateToken(ctx, u.ID, account.PurposeConfirm, hash, a.Now().Add(account.ConfirmTTL)); err != nil {
		return err
	}
	return a.queueMail(ctx, tx, u.Email, lang, "confirm_email", map[string]string{
		"link": a.link(lang, "confirm", url.Values{"token": {token}}),
	})
}

// ResendConfirmation queues a new confirmation link for an unconfirmed
// account; for any other address it silently does nothing.
func (a *App) ResendConfirmation(ctx context.Context, email, lang string) error {
	email = account.NormalizeEmail(email)
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		u, err := tx.UserByEmail(ctx, email)
		if errors.Is(err, store.ErrNotFound) || (err == nil && u.Confirmed()) {
			return nil
		} else if err != nil {
			return err
		}
		return a.sendConfirmation(ctx, tx, &u, lang)
	})
	if err == nil {
		a.wakeMail()
	}
	return err
}

// ConfirmEmail uses a confirmation token and returns the confirmed user.
func (a *App) ConfirmEmail(ctx context.Context, token string) (account.User, error) {
	var u account.User
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		id, err := tx.UseToken(ctx, account.PurposeConfirm, account.HashToken(token), a.Now())
		if errors.Is(err, store.ErrNotFound) {
			return ErrInvalidToken
		} else if err != nil {
			return err
		}
		if err := tx.ConfirmUserEmail(ctx, id); err != nil {
			return err
		}
		u, err = tx.UserByID(ctx, id)
		return err
	})
	return u, err
}

// Authenticate checks an e-mail and password. Unknown addresses cost the
// same time as known ones.
func (a *App) Authenticate(ctx context.Context, email, password string) (account.User, error) {
	u, err := a.Store.UserByEmail(ctx, account.NormalizeEmail(email))
	if errors.Is(err, store.ErrNotFound) {
		account.VerifyDummy(password)
		return account.User{}, ErrBadCredentials
	} else if err != nil {
		return account.User{}, err
	}
	ok, err := account.VerifyPassword(u.PasswordHash, password)
	if err != nil || !ok {
		return account.User{}, ErrBadCredentials
	}
	switch {
	case u.Disabled():
		return account.User{}, ErrDisabled
	case !u.Confirmed():
		return account.User{}, ErrUnconfirmed
	}
	return u, nil
}

// RequestPasswordReset queues a reset link when the address has an account;
// the caller shows the same message either way.
func (a *App) RequestPasswordReset(ctx context.Context, email, lang string) error {
	email = account.NormalizeEmail(email)
	if !valid.IsEmail(email) {
		return nil
	}
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		u, err := tx.UserByEmail(ctx, email)
		if errors.Is(err, store.ErrNotFound) || (err == nil && u.Disabled()) {
			return nil
		} else if err != nil {
			return err
		}
		token, hash := account.NewToken()
		if err := tx.CreateToken(ctx, u.ID, account.PurposeReset, hash, a.Now().Add(account.ResetTTL)); err != nil {
			return err
		}
		return a.queueMail(ctx, tx, u.Email, lang, "password_reset", map[string]string{
			"link": a.link(lang, "password/reset", url.Values{"token": {token}}),
		})
	})
	if err == nil {
		a.wakeMail()
	}
	return err
}

// ResetTokenValid reports whether a reset link can still be used.
func (a *App) ResetTokenValid(ctx context.Context, token string) (bool, error) {
	return a.Store.TokenValid(ctx, account.PurposeReset, account.HashToken(token), a.Now())
}

// ResetPassword sets a new password with a reset token and ends every
// session of the account, so a thief's session dies with the old password.
// Resetting by mail also proves the address, so it confirms it.
func (a *App) ResetPassword(ctx context.Context, token, password string) (valid.Errors, error) {
	var e valid.Errors
	if code := account.CheckPassword(password); code != "" {
		e.Add("password", code, map[string]any{"min": account.MinPassword, "max": account.MaxPassword})
		return e, nil
	}
	hash, err := account.HashPassword(password)
	if err != nil {
		return nil, err
	}
	return nil, a.Store.Transact(ctx, func(tx *store.Store) error {
		id, err := tx.UseToken(ctx, account.PurposeReset, account.HashToken(token), a.Now())
		if errors.Is(err, store.ErrNotFound) {
			return ErrInvalidToken
		} else if err != nil {
			return err
		}
		if err := tx.SetUserPassword(ctx, id, hash); err != nil {
			return err
		}
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if !u.Confirmed() {
			if err := tx.ConfirmUserEmail(ctx, id); err != nil {
				return err
			}
		}
		return tx.DeleteUserSessions(ctx, id)
	})
}

// queueMail renders a mail of kind in lang from the catalogs ("mail.<kind>.subject",
// "mail.<kind>.body") and adds it to the outbox inside tx.
func (a *App) queueMail(ctx context.Context, tx *store.Store, to, lang, kind string, args map[string]string) error {
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	flat := make([]any, 0, 2*len(args))
	for k, v := range args {
		flat = append(flat, k, v)
	}
	m := mail.Message{
		To: to, Lang: lang, Kind: kind,
		Subject: i18n.T(lang, "mail."+kind+".subject", flat...),
		Body:    i18n.T(lang, "mail."+kind+".body", flat...) + "\n\n-- \n" + i18n.T(lang, "mail.signature"),
	}
	if err := m.Validate(); err != nil {
		return err
	}
	if err := tx.EnqueueMail(ctx, &m); err != nil {
		return err
	}
	a.Log.Info("mail queued", "id", m.ID, "kind", kind, "lang", lang)
	return nil
}

// link builds an absolute URL to a page of the portal in lang.
func (a *App) link(lang, path string, q url.Values) string {
	u := a.Cfg.BaseURL + "/" + lang + "/" + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}
