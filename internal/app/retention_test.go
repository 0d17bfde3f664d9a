package app_test

import (
	"context"
	"testing"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
)

// Unconfirmed sign-ups are erased after the configured days; contact data of
// companies inactive for the configured period is flagged for review, once.
func TestRetention(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	if errs, err := a.Register(ctx, app.SignUp{Email: "never@confirmed.example", Password: "a long enough password", Lang: "en", Consent: true}); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	c := company.Company{Ref: "old-co", Name: "Old Co", Region: company.RegionNRW, Sectors: []string{"C26"},
		Description: company.Texts{"de": "x"}, Contact: company.Contact{Name: "Anna", Email: "anna@old.example"}}
	if err := a.Store.SaveCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	r := app.Retention{UnconfirmedDays: 14, ContactReviewDays: 730}

	a.Now = func() time.Time { return time.Now().Add(13 * 24 * time.Hour) }
	if err := a.ApplyRetention(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store.UserByEmail(ctx, "never@confirmed.example"); err != nil {
		t.Fatal("sign-up erased before its time")
	}
	a.Now = func() time.Time { return time.Now().Add(15 * 24 * time.Hour) }
	if err := a.ApplyRetention(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store.UserByEmail(ctx, "never@confirmed.example"); err == nil {
		t.Fatal("unconfirmed sign-up not erased after 14 days")
	}
	msgs, _, _ := a.Store.OutboxPage(ctx, 0, 10)
	for _, m := range msgs {
		if m.To == "never@confirmed.example" {
			t.Fatal("its confirmation mail keeps the address")
		}
	}
	got, _ := a.Store.CompanyByRef(ctx, "old-co")
	if !got.ContactReviewAt.IsZero() {
		t.Fatal("flagged too early")
	}
	flagAt := time.Now().Add(731 * 24 * time.Hour)
	a.Now = func() time.Time { return flagAt }
	a.ApplyRetention(ctx, r)
	got, _ = a.Store.CompanyByRef(ctx, "old-co")
	if !got.ContactReviewAt.Equal(flagAt.UTC().Truncate(time.Microsecond)) && got.ContactReviewAt.IsZero() {
		t.Fatal("inactive company not flagged for review")
	}
	first := got.ContactReviewAt
	a.Now = func() time.Time { return flagAt.Add(24 * time.Hour) }
	a.ApplyRetention(ctx, r)
	got, _ = a.Store.CompanyByRef(ctx, "old-co")
	if !got.ContactReviewAt.Equal(first) {
		t.Error("flag moved on a second run")
	}
	if !got.UpdatedAt.Equal(c.UpdatedAt.UTC()) && got.UpdatedAt.After(c.UpdatedAt.Add(time.Second)) {
		t.Error("flagging counted as activity")
	}
}
