package app

import (
	"context"
	"errors"

	"kakehashi/internal/account"
	"kakehashi/internal/store"
)

// DemoTOTPSecret is the two-factor secret of the demo agency accounts
// (listed in the README beside the demo password; `portal totp` prints its
// current code).
const DemoTOTPSecret = "NNQWWZLIMFZWQ2JNMRSW23ZNORXXI4BB"

// ErrBadCode is returned for a wrong or reused two-factor code.
var ErrBadCode = errors.New("app: wrong two-factor code")

// StartSecondFactor is called after a correct password for an account that
// needs a second factor; the returned token identifies the half-finished
// login for a few minutes (stored in the database, so any instance can
// finish it).
func (a *App) StartSecondFactor(ctx context.Context, u *account.User) (string, error) {
	token, hash := account.NewToken()
	return token, a.Store.CreateToken(ctx, u.ID, account.PurposeMFA, hash, a.Now().Add(account.MFATTL))
}

// SecondFactorUser returns the user of a half-finished login, with a
// secret ready for setup when the user has not enrolled yet.
func (a *App) SecondFactorUser(ctx context.Context, token string) (account.User, error) {
	id, err := a.Store.TokenUser(ctx, account.PurposeMFA, account.HashToken(token), a.Now())
	if err != nil {
		return account.User{}, ErrInvalidToken
	}
	u, err := a.Store.UserByID(ctx, id)
	if err != nil {
		return u, err
	}
	if !u.TOTPEnrolled() && (u.TOTPSecret == "" || u.TOTPLastStep != -1) {
		u.TOTPSecret, u.TOTPLastStep = account.NewTOTPSecret(), -1
		if err := a.Store.SetTOTPSecret(ctx, u.ID, u.TOTPSecret); err != nil {
			return u, err
		}
	}
	return u, nil
}

// VerifySecondFactor checks the code of a half-finished login. A code is
// accepted once: its step is recorded with a conditional update. Wrong codes
// count as failed logins for the throttle.
func (a *App) VerifySecondFactor(ctx context.Context, token, code, ip string) (account.User, error) {
	u, err := a.SecondFactorUser(ctx, token)
	if err != nil {
		return u, err
	}
	now := a.Now()
	h := emailHash(u.Email)
	byEmail, byIP, oldest, err := a.Store.FailedLogins(ctx, h, ip, now.Add(-LoginWindow))
	if err != nil {
		return u, err
	}
	if byEmail >= MaxLoginFailures || byIP >= MaxLoginFailures {
		a.Audit(ctx, &u, AuditLockout, "user:"+itoa(u.ID), ip, "second factor")
		return u, ErrThrottled{RetryAfter: max(oldest.Add(LoginWindow).Sub(now), 1e9)}
	}
	step, ok := account.VerifyTOTP(u.TOTPSecret, code, now, max(u.TOTPLastStep, 0))
	if ok {
		ok, err = a.Store.UseTOTPStep(ctx, u.ID, step)
		if err != nil {
			return u, err
		}
	}
	if !ok {
		if err := a.Store.RecordLogin(ctx, h, ip, false, now); err != nil {
			return u, err
		}
		a.Audit(ctx, &u, AuditLoginFailed, "user:"+itoa(u.ID), ip, "second factor")
		return u, ErrBadCode
	}
	err = a.Store.Transact(ctx, func(tx *store.Store) error {
		_, err := tx.UseToken(ctx, account.PurposeMFA, account.HashToken(token), now)
		return err
	})
	if err != nil {
		return u, ErrInvalidToken
	}
	a.Audit(ctx, &u, AuditLoginOK, "user:"+itoa(u.ID), ip, "second factor")
	return u, nil
}
