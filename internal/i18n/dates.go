package i18n

import (
	"fmt"
	"time"
)

var monthsEN = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Date formats a calendar date the way readers of lang expect:
// 21.11.2026, 21 Nov 2026, 2026年11月21日.
func Date(lang string, t time.Time) string {
	switch lang {
	case "de":
		return t.Format("02.01.2006")
	case "ja":
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

// DateTime formats a date and time (24-hour clock in all three languages).
func DateTime(lang string, t time.Time) string {
	return Date(lang, t) + " " + t.Format("15:04")
}
