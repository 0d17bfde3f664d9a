package app

import (
	"bytes"
	"context"
	"fmt"

	"kakehashi/internal/account"
	"kakehashi/internal/demo"
	"kakehashi/internal/store"
)

// DemoPassword is the password of every demo account (listed in the README).
const DemoPassword = "kakehashi-demo-2026"

// DemoUser is a demo login, logged at start-up and listed in the README.
type DemoUser struct {
	Email        string
	Role         account.Role
	Municipality string // staff
	CompanyRef   string // company users
}

// DemoUsers are created only in demo mode, one or more for every role.
var DemoUsers = []DemoUser{
	{Email: "admin@kakehashi.example", Role: account.RoleAdmin},
	{Email: "desk@nrw-global-business.example", Role: account.RoleDesk, Municipality: "nrw-global-business"},
	{Email: "staff@aachen.example", Role: account.RoleStaff, Municipality: "aachen"},
	{Email: "staff@duesseldorf.example", Role: account.RoleStaff, Municipality: "duesseldorf"},
	{Email: "staff@koeln.example", Role: account.RoleStaff, Municipality: "koeln"},
	{Email: "staff@essen.example", Role: account.RoleStaff, Municipality: "essen"},
	{Email: "tokyo@company.example", Role: account.RoleCompany, CompanyRef: "tokyo-001"},
	{Email: "nrw@company.example", Role: account.RoleCompany, CompanyRef: "nrw-001"},
}

// LoadDemo imports the bundled demo data and creates the demo users, all in
// one transaction. Only `portal serve` on an empty database calls it.
func (a *App) LoadDemo(ctx context.Context) error {
	keys, err := a.Store.MunicipalityKeys(ctx)
	if err != nil {
		return err
	}
	recs, problems, err := interchangeDecode(bytes.NewReader(demo.JSON), keys)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("demo data invalid: %v", problems[0])
	}
	hash, err := account.HashPassword(DemoPassword)
	if err != nil {
		return err
	}
	now := a.Now()
	err = a.Store.Transact(ctx, func(tx *store.Store) error {
		for i := range recs.Municipalities {
			if err := tx.SaveMunicipality(ctx, &recs.Municipalities[i]); err != nil {
				return err
			}
		}
		for i := range recs.Companies {
			recs.Companies[i].ConfirmedAt = now
			if err := tx.SaveCompany(ctx, &recs.Companies[i]); err != nil {
				return err
			}
		}
		for _, d := range DemoUsers {
			u := account.User{Email: d.Email, PasswordHash: hash, Role: d.Role, Municipality: d.Municipality,
				Lang: demoLang(d), EmailConfirmedAt: now, ConsentAt: now, ConsentVersion: a.Cfg.ConsentVersion}
			if d.Role.NeedsSecondFactor() {
				u.TOTPSecret, u.TOTPLastStep = DemoTOTPSecret, 1
			}
			if d.CompanyRef != "" {
				c, err := tx.CompanyByRef(ctx, d.CompanyRef)
				if err != nil {
					return fmt.Errorf("demo user %s: company %s: %w", d.Email, d.CompanyRef, err)
				}
				u.CompanyID = c.ID
			}
			if err := tx.CreateUser(ctx, &u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range recs.Companies {
		a.indexCompany(&recs.Companies[i])
	}
	return a.reloadMunicipalities(ctx)
}

// demoLang gives the demo users the language their side would use, so that
// the demo shows e-mails in German and Japanese too.
func demoLang(d DemoUser) string {
	switch {
	case d.CompanyRef != "" && d.CompanyRef[:5] == "tokyo":
		return "ja"
	case d.Role == account.RoleStaff:
		return "de"
	}
	return "en"
}
