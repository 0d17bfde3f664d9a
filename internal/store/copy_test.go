package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
	"kakehashi/internal/company"
	"kakehashi/internal/firstcontact"
	"kakehashi/internal/mail"
	"kakehashi/internal/municipality"
	"kakehashi/internal/store/storetest/backend"
)

const copyPassword = "ein sehr langes Passwort"

// openSQLite opens and migrates a new SQLite file, whatever the pass: the
// installations copied in these tests start on SQLite.
func openSQLite(t *testing.T, name string) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// fillInstallation writes at least one row into every table through the
// store's own methods.
func fillInstallation(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC() // nanoseconds, on purpose
	m := municipality.Municipality{Key: "essen", Name: "Essen", Agency: "EWG", FocusSectors: []string{"C26", "M72"},
		Keywords: []string{"Optik"}, Description: company.Texts{"de": "Ruhrgebiet", "ja": "ルール地方"},
		Contact: company.Contact{Name: "Eva Essen", Role: "Leitung", Email: "eva@essen.example", Phone: "+49 201 1"}}
	must(s.SaveMunicipality(ctx, &m))

	var ids []int64
	for i := range 7 {
		c := company.Company{Ref: fmt.Sprintf("nrw-%03d", i), Name: fmt.Sprintf("Rheinoptik %d GmbH", i), Region: company.RegionNRW,
			City: "Essen", Municipality: "essen", Kind: company.KindStartup, Founded: 2001 + i, Employees: 10 * i,
			Sectors: []string{"C26"}, Keywords: []string{"Linsen", "光学"}, Description: company.Texts{"de": "Optik „aus“ Essen", "en": "optics"},
			Offers: []company.Cooperation{{Type: company.CoopSupply, Text: "Linsen"}}, Languages: []string{"de", "en"},
			Website: "https://rheinoptik.example", Contact: company.Contact{Name: "Jörg", Email: "j@rheinoptik.example"}, ConfirmedAt: now}
		if i%2 == 1 {
			c.Region, c.Ref, c.Municipality, c.Description = company.RegionTokyo, fmt.Sprintf("tokyo-%03d", i), "", company.Texts{"ja": "府中の光学"}
			c.ConfirmedAt = time.Time{}
		}
		must(s.SaveCompany(ctx, &c))
		ids = append(ids, c.ID)
	}
	nrw, tokyo := ids[0], ids[1]
	must(s.EraseCompany(ctx, ids[6], now))                         // deleted_at
	_, err := s.FlagInactiveContacts(ctx, now.Add(time.Hour), now) // contact_review_at
	must(err)

	hash, err := account.HashPassword(copyPassword)
	must(err)
	staff := account.User{Email: "staff@essen.example", PasswordHash: hash, Role: account.RoleStaff, Municipality: "essen",
		Lang: "de", EmailConfirmedAt: now, ConsentAt: now, ConsentVersion: "2026-11", TOTPSecret: "NNQWWZLIMFZWQ2JNMRSW23ZNORXXI4BB", TOTPLastStep: 59_012_345}
	must(s.CreateUser(ctx, &staff))
	owner := account.User{Email: "tokyo@company.example", PasswordHash: hash, Role: account.RoleCompany, CompanyID: tokyo, Lang: "ja"}
	must(s.CreateUser(ctx, &owner))
	must(s.SetUserDisabled(ctx, owner.ID, true))
	must(s.CreateSession(ctx, Session{ID: strings.Repeat("ab", 32), UserID: staff.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(24 * time.Hour)}))
	must(s.CreateToken(ctx, owner.ID, "reset", strings.Repeat("c", 64), now.Add(time.Hour)))

	msg := mail.Message{To: "tokyo@company.example", Subject: "紹介", Body: "本文\nzweite Zeile", Lang: "ja", Kind: "case_proposed"}
	must(s.EnqueueMail(ctx, &msg))
	must(s.MarkSent(ctx, msg.ID, now))
	must(s.EnqueueMail(ctx, &mail.Message{To: "eva@essen.example", Subject: "Neu", Body: "x", Lang: "de", Kind: "case_new"}))
	must(s.AddExclusion(ctx, ids[2], nrw, ExclusionUnsuitable, "passt nicht", staff.ID))

	actor := cases.Actor{UserID: owner.ID, Role: account.RoleCompany, CompanyID: tokyo}
	c, events, err := cases.NewRequest(actor, cases.SideTokyo, nrw, "はじめまして", now)
	must(err)
	must(s.CreateCase(ctx, c, events))
	c.Municipality, c.State, c.StateSince = "essen", cases.InReview, now.Add(time.Minute)
	must(s.SaveCase(ctx, c))
	must(s.AddCaseEvent(ctx, c.ID, cases.Event{At: now.Add(time.Minute), Actor: cases.Actor{UserID: staff.ID, Role: account.RoleDesk},
		Action: cases.Assign, From: cases.Triage, To: cases.InReview, Note: "an Essen"}))
	must(s.SetFirstResponse(ctx, c.ID, now.Add(time.Minute)))
	must(s.AddOutcome(ctx, &Outcome{CaseID: c.ID, CompanyID: tokyo, UserID: &owner.ID, Kind: "meeting", Note: "良い"}))
	must(s.AddNotification(ctx, staff.ID, "case_new", c.ID, map[string]string{"ref": "tokyo-001"}))
	must(s.MarkNotificationsRead(ctx, staff.ID))
	must(s.AddNotification(ctx, staff.ID, "case_assigned", 0, nil))
	must(s.AddStaffNote(ctx, nrw, staff.ID, "Rückruf vereinbart"))
	must(s.Audit(ctx, AuditEntry{ActorUserID: &staff.ID, ActorRole: "staff", Event: "login", Subject: fmt.Sprintf("user:%d", staff.ID), IP: "192.0.2.1"}))
	must(s.Audit(ctx, AuditEntry{Event: "login_failed", Subject: "unknown", IP: "2001:db8::1", Detail: "bad password"}))

	fc := firstcontact.Request{CompanyName: "府中メタレンズ", Region: company.RegionTokyo, WhatTheyDo: "optics", LookingFor: "partners",
		ContactName: "Hanako", Email: "h@example.jp", Lang: "ja", Suggested: []string{"essen"}, ConsentAt: now, ConsentVersion: "2026-11"}
	must(s.CreateFirstContact(ctx, &fc))
	fc.State, fc.HandledBy, fc.CaseID = firstcontact.Converted, staff.ID, c.ID
	must(s.SaveFirstContactHandling(ctx, &fc))

	// The newest login attempt is purged: ids of deleted rows must not be
	// handed out again after the copy.
	must(s.RecordLogin(ctx, "e1", "192.0.2.1", false, now))
	must(s.RecordLogin(ctx, "e1", "192.0.2.1", true, now))
	must(s.RecordLogin(ctx, "e2", "192.0.2.2", false, now.Add(-48*time.Hour)))
	must(s.PurgeLoginAttempts(ctx, now.Add(-24*time.Hour)))

	// the installation's shared secrets (settings) travel too
	_, err = s.Secret(ctx, "form-stamp")
	must(err)
}

// installation is everything the portal reads back through the store.
type installation struct {
	Municipalities []municipality.Municipality
	Companies      []company.Company
	Users          []account.User
	Session        Session
	TokenUser      int64
	Outbox         []mail.Message
	Exclusions     []Pair
	Cases          []CaseInfo
	Events         [][]EventRow
	Outcomes       []Outcome
	Notifications  []Notification
	Notes          []StaffNote
	FirstContacts  []firstcontact.Request
	Audit          []AuditEntry
	Failed         [2]int64
}

func readInstallation(t *testing.T, s *Store, prec time.Duration) installation {
	t.Helper()
	ctx := context.Background()
	var in installation
	var err error
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	in.Municipalities, err = s.Municipalities(ctx)
	check("municipalities", err)
	for id := int64(1); ; id++ {
		c, err := s.CompanyByID(ctx, id)
		if errors.Is(err, ErrNotFound) {
			break
		}
		check("company", err)
		in.Companies = append(in.Companies, c)
	}
	in.Users, _, err = s.ListUsers(ctx, "", 0, 100)
	check("users", err)
	in.Session, _, _, err = s.SessionUser(ctx, strings.Repeat("ab", 32), time.Now())
	check("session", err)
	in.TokenUser, err = s.TokenUser(ctx, "reset", strings.Repeat("c", 64), time.Now())
	check("token", err)
	in.Outbox, _, err = s.OutboxPage(ctx, 0, 100)
	check("outbox", err)
	in.Exclusions, err = s.Exclusions(ctx)
	check("exclusions", err)
	in.Cases, err = s.ListCases(ctx, CaseFilter{}, time.Now())
	check("cases", err)
	for _, c := range in.Cases {
		ev, err := s.CaseEvents(ctx, c.ID)
		check("events", err)
		in.Events = append(in.Events, ev)
	}
	in.Outcomes, err = s.AllOutcomes(ctx)
	check("outcomes", err)
	in.Notifications, err = s.Notifications(ctx, in.Session.UserID, 100)
	check("notifications", err)
	in.Notes, err = s.StaffNotes(ctx, in.Companies[0].ID)
	check("notes", err)
	in.FirstContacts, err = s.FirstContacts(ctx, "", 100)
	check("first contacts", err)
	in.Audit, _, err = s.AuditLog(ctx, "", 0, 100)
	check("audit", err)
	in.Failed[0], in.Failed[1], _, err = s.FailedLogins(ctx, "e1", "192.0.2.2", time.Now().Add(-time.Hour))
	check("login attempts", err)
	truncateTimes(reflect.ValueOf(&in), prec)
	return in
}

// truncateTimes cuts every time in v to prec (PostgreSQL keeps microseconds).
func truncateTimes(v reflect.Value, prec time.Duration) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			truncateTimes(v.Elem(), prec)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			truncateTimes(v.Index(i), prec)
		}
	case reflect.Struct:
		if tm, ok := v.Interface().(time.Time); ok {
			v.Set(reflect.ValueOf(tm.Truncate(prec).UTC()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				truncateTimes(v.Field(i), prec)
			}
		}
	}
}

// precision is what both sides of a copy into the current backend keep.
func precision() time.Duration {
	if backend.Name() == "postgres" {
		return time.Microsecond
	}
	return time.Nanosecond
}

func compareInstallations(t *testing.T, got, want installation) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s differs:\n got %+v\nwant %+v", gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
}

func TestCopyCarriesWholeInstallation(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t, "src.db")
	fillInstallation(t, src)
	want := readInstallation(t, src, precision())
	srcCounts, err := src.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	dst := openTemp(t)                                         // new and unmigrated, on the backend of this pass
	res, err := Copy(ctx, src, dst, CopyOptions{BatchSize: 3}) // 7 companies: full and partial batches
	if err != nil {
		t.Fatalf("copy: %v", err)
	}
	var copied []string
	for _, tc := range res {
		copied = append(copied, tc.Table)
		if tc.Rows == 0 {
			t.Errorf("%s: no rows; the fixture must fill every table so that its copy is tested", tc.Table)
		}
		if n, ok := srcCounts[tc.Table]; ok && n != tc.Rows {
			t.Errorf("%s: %d rows copied, source has %d", tc.Table, tc.Rows, n)
		}
	}
	sort.Strings(copied)
	if want := migrationTables(t); !slices.Equal(copied, want) {
		t.Errorf("copied tables %v, the migrations create %v", copied, want)
	}
	dstCounts, err := dst.RowCounts(ctx)
	if err != nil || !reflect.DeepEqual(dstCounts, srcCounts) {
		t.Errorf("row counts %v (%v), source %v", dstCounts, err, srcCounts)
	}

	got := readInstallation(t, dst, precision())
	compareInstallations(t, got, want)
	u, err := dst.UserByEmail(ctx, "staff@essen.example")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := account.VerifyPassword(u.PasswordHash, copyPassword); !ok || err != nil {
		t.Errorf("the copied user cannot log in: %v %v", ok, err)
	}
	if u.TOTPSecret != "NNQWWZLIMFZWQ2JNMRSW23ZNORXXI4BB" || u.TOTPLastStep != 59_012_345 {
		t.Errorf("two-factor state lost: %q %d", u.TOTPSecret, u.TOTPLastStep)
	}
	if len(got.Events) != 1 || len(got.Events[0]) != 3 || got.Events[0][2].Note != "an Essen" {
		t.Errorf("case history: %+v", got.Events)
	}

	// New rows get fresh ids, also above ids that were deleted before the copy.
	maxID := func(table string) (n int64) {
		if err := dst.conn(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM " + table).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	lastUser := maxID("users")
	nu := account.User{Email: "new@essen.example", PasswordHash: u.PasswordHash, Role: account.RoleStaff, Municipality: "essen", Lang: "de"}
	if err := dst.CreateUser(ctx, &nu); err != nil || nu.ID != lastUser+1 {
		t.Errorf("new user after the copy: id %d (%v), want %d", nu.ID, err, lastUser+1)
	}
	if err := dst.RecordLogin(ctx, "e3", "192.0.2.3", true, time.Now()); err != nil {
		t.Fatal(err)
	}
	if id := maxID("login_attempts"); id != 4 {
		t.Errorf("new login attempt got id %d, want 4 (ids 1–3 were handed out on the source)", id)
	}
	if err := dst.AddStaffNote(ctx, want.Companies[0].ID, u.ID, "nach der Kopie"); err != nil {
		t.Errorf("new note after the copy: %v", err)
	}

	// Copying again, into a database that now holds rows, is refused and
	// writes nothing.
	before, _ := dst.RowCounts(ctx)
	if _, err := Copy(ctx, src, dst, CopyOptions{}); !errors.Is(err, ErrDestinationNotEmpty) {
		t.Errorf("copy into a non-empty database: %v", err)
	}
	if after, _ := dst.RowCounts(ctx); !reflect.DeepEqual(after, before) {
		t.Errorf("the refused copy changed the destination: %v, before %v", after, before)
	}

	// And back: a copy copies to an equal installation (PostgreSQL →
	// SQLite on the PostgreSQL pass).
	mid := openTemp(t)
	if _, err := Copy(ctx, src, mid, CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	back := openSQLite(t, "back.db")
	res2, err := Copy(ctx, mid, back, CopyOptions{})
	if err != nil {
		t.Fatalf("copy back: %v", err)
	}
	if !reflect.DeepEqual(res2, res) {
		t.Errorf("copying back gave\n%v\nthe first copy\n%v", res2, res)
	}
	compareInstallations(t, readInstallation(t, back, precision()), want)
}

// migrationTables lists the tables the migration files create, read from
// the files themselves (not from the code under test).
func migrationTables(t *testing.T) []string {
	t.Helper()
	migs, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?(\w+)`)
	var out []string
	for _, m := range migs {
		for _, sm := range re.FindAllStringSubmatch(m.sql, -1) {
			out = append(out, sm[1])
		}
	}
	sort.Strings(out)
	return out
}

// Copy and RowCounts cover exactly the tables of the migrated schema, so a
// table a future migration adds cannot be forgotten.
func TestCopyCoversEveryMigratedTable(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	all, err := s.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all = slices.DeleteFunc(all, func(n string) bool { return n == "schema_migrations" })
	want := migrationTables(t)
	if !slices.Equal(all, want) {
		t.Fatalf("schema has %v, the migrations create %v", all, want)
	}
	schema, err := readSchema(ctx, s.conn(ctx).Statement.ConnPool.(queryer), s.dialect)
	if err != nil {
		t.Fatal(err)
	}
	order, err := copyOrder(schema)
	if err != nil {
		t.Fatal(err)
	}
	var copied []string
	pos := map[string]int{}
	for i, tb := range order {
		copied = append(copied, tb.name)
		pos[tb.name] = i
	}
	sort.Strings(copied)
	if !slices.Equal(copied, want) {
		t.Errorf("copy order has %v, want %v", copied, want)
	}
	for _, tb := range order {
		for _, r := range tb.refs {
			if r != tb.name && pos[r] > pos[tb.name] {
				t.Errorf("%s is copied before %s, which its foreign key points to", tb.name, r)
			}
		}
		if tb.serial == "" && tb.name != "sessions" && tb.name != "settings" { // keyed by name
			t.Errorf("%s: no id sequence found", tb.name)
		}
	}
	counts, err := s.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var counted []string
	for n := range counts {
		counted = append(counted, n)
	}
	sort.Strings(counted)
	if !slices.Equal(counted, want) {
		t.Errorf("RowCounts covers %v, the schema has %v: extend its list in backup.go", counted, want)
	}
}

func TestCopyRefusesOtherSchemaVersion(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t, "old.db")
	if err := src.conn(ctx).Exec(`DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`).Error; err != nil {
		t.Fatal(err)
	}
	dst := openTemp(t)
	if _, err := Copy(ctx, src, dst, CopyOptions{}); !errors.Is(err, ErrSchemaVersion) {
		t.Fatalf("copy from an older schema: %v", err)
	}
	if tables, err := dst.Tables(ctx); err != nil || len(tables) != 0 {
		t.Errorf("the refused copy wrote to the destination: %v %v", tables, err)
	}
	if _, err := Copy(ctx, openTemp(t), dst, CopyOptions{}); err == nil || !strings.Contains(err.Error(), "schema_migrations") {
		t.Errorf("copy from a database that is no portal's: %v", err)
	}
}

// A failure after some tables were written leaves the destination empty.
func TestCopyFailureLeavesDestinationEmpty(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t, "src.db")
	fillInstallation(t, src)
	// A time the portal could not read (the SQLite driver would make it
	// the zero time). first_contacts is copied after the tables it refers to.
	if err := src.conn(ctx).Exec(`UPDATE first_contacts SET updated_at = 'gestern'`).Error; err != nil {
		t.Fatal(err)
	}
	dst := openTemp(t)
	_, err := Copy(ctx, src, dst, CopyOptions{BatchSize: 2})
	if err == nil || !strings.Contains(err.Error(), "first_contacts") || !strings.Contains(err.Error(), `unreadable time "gestern"`) {
		t.Fatalf("copy of a broken row: %v", err)
	}
	counts, err := dst.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range counts {
		if n != 0 {
			t.Errorf("%s: %d rows left after the failed copy", table, n)
		}
	}
	// The destination is migrated and empty: a later copy succeeds.
	if err := src.conn(ctx).Exec(`UPDATE first_contacts SET updated_at = created_at`).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := Copy(ctx, src, dst, CopyOptions{}); err != nil {
		t.Errorf("copy after repairing the source: %v", err)
	}
}

func TestNormalise(t *testing.T) {
	at := time.Date(2026, 11, 21, 9, 30, 15, 123456789, time.UTC)
	for _, tt := range []struct {
		kind colKind
		in   any
		want any
	}{
		{kindTime, "2026-11-21 09:30:15.123456789+00:00", at},
		{kindTime, "2026-11-21 18:30:15.123456789+09:00", at},
		{kindTime, "2026-11-21T09:30:15.123456789Z", at},
		{kindTime, "2026-11-21 09:30:15", at.Truncate(time.Second)},
		{kindTime, int64(1795253415), at.Truncate(time.Second)},
		{kindTime, at.In(time.FixedZone("JST", 9*3600)), at},
		{kindTime, nil, nil},
		{kindBool, int64(1), true},
		{kindBool, int64(0), false},
		{kindBool, true, true},
		{kindInt, int64(-1), int64(-1)},
		{kindInt, float64(3), int64(3)},
		{kindText, "123", "123"},
		{kindText, []byte("ä"), "ä"},
		{kindBytes, "\x00\xff", []byte("\x00\xff")},
	} {
		got, err := normalise(tt.kind, tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("normalise(%v, %#v) = %#v, %v; want %#v", tt.kind, tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		kind colKind
		in   any
	}{
		{kindTime, "gestern"}, {kindBool, int64(2)}, {kindInt, "12"}, {kindInt, 1.5}, {kindText, int64(1)}, {kindTime, 1.5},
	} {
		if got, err := normalise(tt.kind, tt.in); err == nil {
			t.Errorf("normalise(%v, %#v) = %#v, want an error", tt.kind, tt.in, got)
		}
	}
}

// The SQLite expression the copy reads with returns values as stored.
func TestSQLiteReadsStoredValues(t *testing.T) {
	s := openSQLite(t, "raw.db")
	ctx := context.Background()
	if err := s.conn(ctx).Exec(`CREATE TABLE raw (id INTEGER PRIMARY KEY, at DATETIME, txt TEXT, flag BOOLEAN)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.conn(ctx).Exec(`INSERT INTO raw VALUES (1, 'kaputt', '007', 1)`).Error; err != nil {
		t.Fatal(err)
	}
	db, _ := s.db.DB()
	tb := &table{name: "raw", pk: []string{"id"}, cols: []column{{"id", kindInt}, {"txt", kindText}, {"flag", kindBool}}}
	var got []any
	if err := scanTable(ctx, db, "sqlite", tb, func(vals []any) error { got = slices.Clone(vals); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []any{int64(1), "007", true}; !reflect.DeepEqual(got, want) {
		t.Errorf("read %#v, want %#v", got, want)
	}
	tb.cols = append(tb.cols, column{"at", kindTime})
	if err := scanTable(ctx, db, "sqlite", tb, func([]any) error { return nil }); err == nil || !strings.Contains(err.Error(), "kaputt") {
		t.Errorf("an unreadable time was read: %v", err)
	}
}
