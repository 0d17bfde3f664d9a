package cases

import (
	"time"
	_ "time/tzdata" // Berlin and Tokyo work without the OS zoneinfo (slim containers)
)

// Zones of the two sides.
var (
	Berlin = mustZone("Europe/Berlin")
	Tokyo  = mustZone("Asia/Tokyo")
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// OfficeOverlap returns when both sides are at work (09:00–18:00 local) on
// the given day: the interval in UTC, empty when there is none. With
// CET/JST that is 09:00–10:00 in Berlin = 17:00–18:00 in Tokyo; in summer
// (CEST) 09:00–11:00 = 16:00–18:00.
func OfficeOverlap(day time.Time) (from, to time.Time, ok bool) {
	y, m, d := day.In(Berlin).Date()
	bStart := time.Date(y, m, d, 9, 0, 0, 0, Berlin)
	bEnd := time.Date(y, m, d, 18, 0, 0, 0, Berlin)
	tStart := time.Date(y, m, d, 9, 0, 0, 0, Tokyo)
	tEnd := time.Date(y, m, d, 18, 0, 0, 0, Tokyo)
	from, to = later(bStart, tStart), earlier(bEnd, tEnd)
	if !from.Before(to) {
		return time.Time{}, time.Time{}, false
	}
	return from.UTC(), to.UTC(), true
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
