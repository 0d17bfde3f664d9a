package store

import (
	"context"
	"os"
	"testing"
	"time"

	"fmt"
	"reflect"

	"kakehashi/internal/company"
	"kakehashi/internal/mail"
	"kakehashi/internal/store/storetest/backend"
)

// The store's tests run on SQLite and, with a PostgreSQL DSN, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(backend.RunBoth(m)) }

// openTemp opens a fresh, empty (unmigrated) database on the backend of the
// current pass.
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(backend.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrateIsIdempotent(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	n, err := s.Migrate(ctx)
	if err != nil || n == 0 {
		t.Fatalf("first migrate: %d %v", n, err)
	}
	if n, err := s.Migrate(ctx); err != nil || n != 0 {
		t.Fatalf("second migrate applied %d: %v", n, err)
	}
}

func TestSQLiteSettingsPerConnection(t *testing.T) {
	if backend.Name() != "sqlite" {
		t.Skip("SQLite-only: PRAGMA settings of the SQLite DSN")
	}
	s := openTemp(t)
	ctx := context.Background()
	for _, tt := range []struct {
		pragma string
		want   string
	}{{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"synchronous", "2"}, {"busy_timeout", "5000"}} {
		var got string
		if err := s.conn(ctx).Raw("PRAGMA " + tt.pragma).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("PRAGMA %s = %s, want %s", tt.pragma, got, tt.want)
		}
	}
}

func TestMigrationNamesAreNumbered(t *testing.T) {
	migs, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range migs {
		if m.version != i+1 {
			t.Errorf("%s has number %d, want %d", m.name, m.version, i+1)
		}
	}
}

func TestOutboxClaimLeasesMessages(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	m := mail.Message{To: "a@b.example", Subject: "s", Body: "b", Lang: "en", Kind: "test"}
	if err := s.EnqueueMail(ctx, &m); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Second)
	got, err := s.ClaimDue(ctx, now, 10, time.Minute)
	if err != nil || len(got) != 1 {
		t.Fatalf("claim: %v %d", err, len(got))
	}
	if again, _ := s.ClaimDue(ctx, now, 10, time.Minute); len(again) != 0 {
		t.Fatal("a leased message was claimed twice")
	}
	if after, _ := s.ClaimDue(ctx, now.Add(2*time.Minute), 10, time.Minute); len(after) != 1 {
		t.Fatal("message not due again after the lease ran out")
	}
	if err := s.MarkSent(ctx, m.ID, now); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.ClaimDue(ctx, now.Add(time.Hour), 10, time.Minute); len(after) != 0 {
		t.Fatal("a sent message was claimed")
	}
}

func TestAllCompaniesMatchesEachCompany(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1300; i++ {
		c := company.Company{Ref: fmt.Sprintf("c-%04d", i), Name: "名前", Region: company.RegionTokyo, Sectors: []string{"C26"},
			Keywords: []string{"a", "b"}, Description: company.Texts{"ja": "説明", "en": "x"}, Languages: []string{"ja"},
			Offers: []company.Cooperation{{Type: company.CoopSupply, Text: "t"}}, ConfirmedAt: time.Now()}
		if err := s.SaveCompany(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	var want []company.Company
	if err := s.EachCompany(ctx, func(c company.Company) error { want = append(want, c); return nil }); err != nil {
		t.Fatal(err)
	}
	got, err := s.AllCompanies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalizeTimes(got), normalizeTimes(want)) {
		t.Fatalf("AllCompanies differs from EachCompany (%d vs %d rows)", len(got), len(want))
	}
}

func normalizeTimes(cs []company.Company) []company.Company {
	for i := range cs {
		cs[i].UpdatedAt = cs[i].UpdatedAt.Truncate(time.Millisecond)
		cs[i].ConfirmedAt = cs[i].ConfirmedAt.Truncate(time.Millisecond)
	}
	return cs
}
