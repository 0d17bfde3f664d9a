package store

import (
	"context"
	"time"

	"kakehashi/internal/account"
)

type userRow struct {
	ID               int64
	Email            string
	PasswordHash     string
	Role             string
	MunicipalityKey  *string
	CompanyID        *int64
	Lang             string
	TimeZone         string
	EmailConfirmedAt *time.Time
	DisabledAt       *time.Time
	ConsentAt        *time.Time
	ConsentVersion   string
	TOTPSecret       string `gorm:"column:totp_secret"`
	TOTPLastStep     int64  `gorm:"column:totp_last_step"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (userRow) TableName() string { return "users" }

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func timeVal(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (r *userRow) toUser() account.User {
	u := account.User{
		ID: r.ID, Email: r.Email, PasswordHash: r.PasswordHash, Role: account.Role(r.Role), Lang: r.Lang, TimeZone: r.TimeZone,
		EmailConfirmedAt: timeVal(r.EmailConfirmedAt), DisabledAt: timeVal(r.DisabledAt),
		ConsentAt: timeVal(r.ConsentAt), ConsentVersion: r.ConsentVersion, CreatedAt: r.CreatedAt.UTC(),
		TOTPSecret: r.TOTPSecret, TOTPLastStep: r.TOTPLastStep,
	}
	if r.MunicipalityKey != nil {
		u.Municipality = *r.MunicipalityKey
	}
	if r.CompanyID != nil {
		u.CompanyID = *r.CompanyID
	}
	return u
}

// CreateUser inserts u and sets u.ID; ErrConflict when the e-mail is taken.
func (s *Store) CreateUser(ctx context.Context, u *account.User) error {
	now := s.now()
	row := userRow{
		Email: u.Email, PasswordHash: u.PasswordHash, Role: string(u.Role), MunicipalityKey: strPtr(u.Municipality),
		Lang: u.Lang, TimeZone: u.TimeZone, EmailConfirmedAt: timePtr(u.EmailConfirmedAt), DisabledAt: timePtr(u.DisabledAt),
		ConsentAt: timePtr(u.ConsentAt), ConsentVersion: u.ConsentVersion, CreatedAt: now, UpdatedAt: now,
		TOTPSecret: u.TOTPSecret, TOTPLastStep: u.TOTPLastStep,
	}
	if u.CompanyID != 0 {
		row.CompanyID = &u.CompanyID
	}
	if row.TimeZone == "" {
		row.TimeZone = "Europe/Berlin"
		if u.Lang == "ja" {
			row.TimeZone = "Asia/Tokyo"
		}
	}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	u.ID, u.CreatedAt = row.ID, now
	return nil
}

// UserByEmail returns the user with the (normalized) e-mail address.
func (s *Store) UserByEmail(ctx context.Context, email string) (account.User, error) {
	var r userRow
	if err := s.conn(ctx).Where("email = ?", email).Take(&r).Error; err != nil {
		return account.User{}, translate(err)
	}
	return r.toUser(), nil
}

// UserByID returns one user.
func (s *Store) UserByID(ctx context.Context, id int64) (account.User, error) {
	var r userRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return account.User{}, translate(err)
	}
	return r.toUser(), nil
}

// UserByCompany returns the account owning a company profile.
func (s *Store) UserByCompany(ctx context.Context, companyID int64) (account.User, error) {
	var r userRow
	if err := s.conn(ctx).Where("company_id = ?", companyID).Order("id").Take(&r).Error; err != nil {
		return account.User{}, translate(err)
	}
	return r.toUser(), nil
}

func (s *Store) updateUser(ctx context.Context, id int64, fields map[string]any) error {
	defer s.authWrite()
	fields["updated_at"] = s.now()
	res := s.conn(ctx).Model(&userRow{}).Where("id = ?", id).Updates(fields)
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// ConfirmUserEmail marks the user's e-mail as confirmed.
func (s *Store) ConfirmUserEmail(ctx context.Context, id int64) error {
	return s.updateUser(ctx, id, map[string]any{"email_confirmed_at": s.now()})
}

// SetUserPassword replaces the password hash.
func (s *Store) SetUserPassword(ctx context.Context, id int64, hash string) error {
	return s.updateUser(ctx, id, map[string]any{"password_hash": hash})
}

// SetUserCompany links a company account to its profile.
func (s *Store) SetUserCompany(ctx context.Context, id, companyID int64) error {
	return s.updateUser(ctx, id, map[string]any{"company_id": companyID})
}

// SetUserLang records the language the user wants e-mails in.
func (s *Store) SetUserLang(ctx context.Context, id int64, lang string) error {
	return s.updateUser(ctx, id, map[string]any{"lang": lang})
}

// SetUserTimeZone records the zone the user wants times shown in.
func (s *Store) SetUserTimeZone(ctx context.Context, id int64, tz string) error {
	return s.updateUser(ctx, id, map[string]any{"time_zone": tz})
}

// CountUsers returns the number of users.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.conn(ctx).Model(&userRow{}).Count(&n).Error
	return n, err
}

// SetUserDisabled disables (or re-enables) an account.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, disabled bool) error {
	var at any
	if disabled {
		at = s.now()
	}
	return s.updateUser(ctx, id, map[string]any{"disabled_at": at})
}

// ListUsers returns users by role ("" for all), newest first.
func (s *Store) ListUsers(ctx context.Context, role string, offset, limit int) ([]account.User, int64, error) {
	q := s.conn(ctx).Model(&userRow{})
	if role != "" {
		q = q.Where("role = ?", role)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []userRow
	if err := q.Order("id DESC").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]account.User, len(rows))
	for i := range rows {
		out[i] = rows[i].toUser()
	}
	return out, total, nil
}

// SetTOTPSecret stores a new, not yet confirmed two-factor secret.
func (s *Store) SetTOTPSecret(ctx context.Context, id int64, secret string) error {
	return s.updateUser(ctx, id, map[string]any{"totp_secret": secret, "totp_last_step": -1})
}

// UseTOTPStep records an accepted TOTP step if it is newer than the last
// one; false means the code (or a later one) was used already, even by a
// concurrent request.
func (s *Store) UseTOTPStep(ctx context.Context, id, step int64) (bool, error) {
	defer s.authWrite()
	res := s.conn(ctx).Model(&userRow{}).Where("id = ? AND totp_last_step < ?", id, step).
		Updates(map[string]any{"totp_last_step": step, "updated_at": s.now()})
	return res.RowsAffected == 1, res.Error
}
