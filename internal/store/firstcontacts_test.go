package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"kakehashi/internal/firstcontact"
)

func TestFirstContactsRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	consent := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	var ids []int64
	for i, name := range []string{"府中メタレンズ", "Rheinoptik GmbH"} {
		r := firstcontact.Request{CompanyName: name, Region: "tokyo", WhatTheyDo: "optics", LookingFor: "partners",
			ContactName: "Hanako", Email: "h@example.jp", Lang: "ja", Suggested: []string{"aachen", "koeln"},
			ConsentAt: consent, ConsentVersion: "2026-11"}
		if i == 1 {
			r.Region, r.Suggested, r.Lang = "nrw", nil, "de"
		}
		s.now = func() time.Time { return consent.Add(time.Duration(i) * time.Minute) }
		if err := s.CreateFirstContact(ctx, &r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.State != firstcontact.New {
			t.Fatalf("created %+v", r)
		}
		got, err := s.FirstContactByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Suggested == nil {
			r.Suggested = []string{}
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, r)
		}
		ids = append(ids, r.ID)
	}
	list, err := s.FirstContacts(ctx, "", 10)
	if err != nil || len(list) != 2 || list[0].ID != ids[1] {
		t.Fatalf("list newest first: %v %v", list, err)
	}
	r := list[1]
	r.State, r.HandledBy = firstcontact.Closed, 0
	if err := s.SaveFirstContactHandling(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.FirstContacts(ctx, firstcontact.New, 10); len(list) != 1 || list[0].ID != ids[1] {
		t.Errorf("filter by state: %v", list)
	}
	counts, err := s.CountFirstContacts(ctx)
	if err != nil || counts[firstcontact.New] != 1 || counts[firstcontact.Closed] != 1 {
		t.Errorf("counts %v %v", counts, err)
	}
	missing := firstcontact.Request{ID: 999, State: firstcontact.Closed}
	if err := s.SaveFirstContactHandling(ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving a missing request: %v", err)
	}
	if _, err := s.FirstContactByID(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("reading a missing request: %v", err)
	}
}
