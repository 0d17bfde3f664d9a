package cases

import (
	"errors"
	"testing"
	"time"
)

func TestNewMarketEntryFromDesk(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, a := range actors {
		c, events, err := NewMarketEntryFromDesk(a, tokyoCo, "a sales partner", "from the inbox", now)
		if name != "desk" && name != "admin" {
			if !errors.Is(err, ErrCannotCreate) {
				t.Errorf("%s opened a case: %v", name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !c.MarketEntry() || c.TokyoCompanyID != tokyoCo || c.RequesterID != 0 || c.State != Triage || c.Message != "a sales partner" {
			t.Errorf("%s: case %+v", name, c)
		}
		if len(events) != 1 || events[0].Action != FromFirstContact || events[0].To != Triage || events[0].Note != "from the inbox" {
			t.Errorf("%s: events %+v", name, events)
		}
		// The desk assigns it like any market-entry request; after the
		// municipality approves, nobody has to accept on the Tokyo side.
		desk := actors["desk"]
		if _, err := c.Apply(desk, Assign, Input{Municipality: "essen"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Apply(actors["staff essen"], Approve, Input{}, now); err != nil {
			t.Fatal(err)
		}
		if c.State != Accepted {
			t.Errorf("%s: approved case is %s", name, c.State)
		}
	}
	if _, _, err := NewMarketEntryFromDesk(actors["desk"], 0, "", "", now); !errors.Is(err, ErrCannotCreate) {
		t.Error("case without a company")
	}
}
