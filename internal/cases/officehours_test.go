package cases

import (
	"testing"
	"time"
)

func TestOfficeOverlap(t *testing.T) {
	for _, tt := range []struct {
		day                          time.Time
		berlinFrom, berlinTo, tokyoF string
	}{
		{time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), "09:00", "10:00", "17:00"}, // CET
		{time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC), "09:00", "11:00", "16:00"}, // CEST
	} {
		from, to, ok := OfficeOverlap(tt.day)
		if !ok {
			t.Fatalf("%s: no overlap", tt.day)
		}
		if got := from.In(Berlin).Format("15:04"); got != tt.berlinFrom {
			t.Errorf("%s: from %s", tt.day, got)
		}
		if got := to.In(Berlin).Format("15:04"); got != tt.berlinTo {
			t.Errorf("%s: to %s", tt.day, got)
		}
		if got := from.In(Tokyo).Format("15:04"); got != tt.tokyoF {
			t.Errorf("%s: Tokyo from %s", tt.day, got)
		}
		if got := to.In(Tokyo).Format("15:04"); got != "18:00" {
			t.Errorf("%s: Tokyo to %s", tt.day, got)
		}
	}
}
