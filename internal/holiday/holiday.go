// Package holiday computes Dutch public holidays and other notable days by
// rule, for the agenda's working calendar and slot finder.
//
// Every day is computed from its rule (fixed dates, Easter offsets, n-th
// weekday of a month, weekend shifts); there is no table of dates. The rule
// set follows the date-holidays NL.yaml definition (national days only, no
// regional ones) and is checked against its expected output for 2015–2029.
//
// The supported years are MinYear through MaxYear. Outside that range the
// functions refuse with an apperr.Invalid error instead of guessing:
// historic rules differ (Liberation Day was a yearly holiday only from 1990)
// and future ones are unknown.
package holiday

import (
	"sort"
	"time"

	"spil/internal/apperr"
)

// The range of years this package answers for.
const (
	MinYear = 1990
	MaxYear = 2099
)

// Kinds of day, as named by the date-holidays corpus.
const (
	// KindPublic is an official public holiday (algemeen erkende feestdag):
	// a day off by law or by custom for most employees. DayOff is true.
	KindPublic = "public"
	// KindSchool is a day on which schools close and many, but not all,
	// employers give a day off by collective agreement (Good Friday,
	// Liberation Day). DayOff is false: whether it is free depends on the
	// organization's own working calendar.
	KindSchool = "school"
	// KindObservance is a day that is marked but is a normal working day
	// (Remembrance of the Dead, Mother's Day, Prince's Day, …).
	KindObservance = "observance"
	// KindBank is a day on which banks close early or partly (New Year's Eve).
	KindBank = "bank"
)

// Name is a day's name in the two languages spil speaks.
type Name struct {
	NL string
	EN string
}

// Holiday is one notable day in the Netherlands.
type Holiday struct {
	// Date is the civil date, to be read in Europe/Amsterdam.
	Date Date
	// Key identifies the day independent of language and year, e.g.
	// "kings_day", "whit_monday"; see the package documentation file
	// docs/agenda/holidays.md for the full list.
	Key string
	// Name holds the Dutch and English names.
	Name Name
	// Kind is KindPublic, KindSchool, KindObservance or KindBank.
	Kind string
	// DayOff reports whether the day is off for everyone by default: true
	// exactly for KindPublic days (including those on a Sunday).
	DayOff bool
	// Rule is the rule that produced the date, in the corpus's notation
	// (e.g. "easter 39", "04-27 if sunday then previous saturday since 2014").
	Rule string
}

// Supported reports whether year lies in MinYear..MaxYear.
func Supported(year int) bool { return year >= MinYear && year <= MaxYear }

func checkYear(year int) error {
	if !Supported(year) {
		return apperr.Errorf(apperr.Invalid,
			"Dutch holidays are known for the years %d to %d, not for %d", MinYear, MaxYear, year)
	}
	return nil
}

// Netherlands returns the national Dutch holidays and notable days of year,
// sorted by date (days on the same date keep rule order). It refuses years
// outside MinYear..MaxYear with an apperr.Invalid error.
func Netherlands(year int) ([]Holiday, error) {
	if err := checkYear(year); err != nil {
		return nil, err
	}
	easter := Easter(year)
	var hs []Holiday
	add := func(d Date, key, rule, kind, nl, en string) {
		hs = append(hs, Holiday{Date: d, Key: key, Name: Name{NL: nl, EN: en},
			Kind: kind, DayOff: kind == KindPublic, Rule: rule})
	}
	fixed := func(m time.Month, d int) Date { return Date{year, m, d} }

	add(fixed(time.January, 1), "new_year", "01-01", KindPublic, "Nieuwjaar", "New Year's Day")
	add(easter.AddDays(-2), "good_friday", "easter -2", KindSchool, "Goede Vrijdag", "Good Friday")
	add(easter, "easter", "easter", KindPublic, "Pasen", "Easter Sunday")
	add(easter.AddDays(1), "easter_monday", "easter 1", KindPublic, "Tweede paasdag", "Easter Monday")
	if year >= 2014 {
		d := fixed(time.April, 27)
		if d.Weekday() == time.Sunday {
			d = d.AddDays(-1)
		}
		add(d, "kings_day", "04-27 if sunday then previous saturday since 2014", KindPublic, "Koningsdag", "King's Day")
	} else {
		d := fixed(time.April, 30)
		if d.Weekday() == time.Sunday {
			d = d.AddDays(-1)
		}
		add(d, "queens_day", "04-30 if sunday then previous saturday since 1980 and prior to 2014", KindPublic, "Koninginnedag", "Queen's Day")
	}
	add(fixed(time.May, 4), "remembrance_day", "05-04", KindObservance, "Nationale Dodenherdenking", "Remembrance of the Dead")
	add(fixed(time.May, 5), "liberation_day", "05-05", KindSchool, "Bevrijdingsdag", "Liberation Day")
	add(nthWeekday(year, time.May, time.Sunday, 2), "mothers_day", "2nd sunday in May", KindObservance, "Moederdag", "Mother's Day")
	add(easter.AddDays(39), "ascension", "easter 39", KindPublic, "Hemelvaartsdag", "Ascension Day")
	add(easter.AddDays(49), "whit_sunday", "easter 49", KindPublic, "Pinksteren", "Whit Sunday")
	add(easter.AddDays(50), "whit_monday", "easter 50", KindPublic, "Tweede pinksterdag", "Whit Monday")
	add(nthWeekday(year, time.June, time.Sunday, 3), "fathers_day", "3rd sunday in June", KindObservance, "Vaderdag", "Father's Day")
	add(nthWeekday(year, time.September, time.Tuesday, 3), "princes_day", "3rd tuesday in September", KindObservance, "Prinsjesdag", "Prince's Day")
	add(fixed(time.November, 11), "st_martin", "11-11", KindObservance, "Sint-Maarten", "St Martin's Day")
	add(fixed(time.December, 5), "st_nicholas_eve", "12-05", KindObservance, "Sinterklaasavond", "St Nicholas' Eve")
	add(fixed(time.December, 15), "kingdom_day", "12-15", KindObservance, "Koninkrijksdag", "Kingdom Day")
	add(fixed(time.December, 25), "christmas", "12-25", KindPublic, "Kerstmis", "Christmas Day")
	add(fixed(time.December, 26), "boxing_day", "12-26", KindPublic, "Tweede kerstdag", "Boxing Day")
	add(fixed(time.December, 31), "new_years_eve", "12-31", KindBank, "Oudejaarsavond", "New Year's Eve")

	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
	return hs, nil
}

// Between returns the holidays dated from through to, both inclusive,
// sorted by date. It returns nothing when to is before from, and refuses
// with apperr.Invalid when the range touches an unsupported year.
func Between(from, to Date) ([]Holiday, error) {
	if to.Before(from) {
		return nil, nil
	}
	if err := checkYear(from.Year); err != nil {
		return nil, err
	}
	if err := checkYear(to.Year); err != nil {
		return nil, err
	}
	var out []Holiday
	for y := from.Year; y <= to.Year; y++ {
		hs, err := Netherlands(y)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			if !h.Date.Before(from) && !h.Date.After(to) {
				out = append(out, h)
			}
		}
	}
	return out, nil
}

// On returns every holiday of any kind dated d (several days can coincide,
// e.g. Whit Sunday and Mother's Day).
func On(d Date) ([]Holiday, error) { return Between(d, d) }

// IsHoliday reports whether d is a day off by default (a KindPublic day)
// and returns that holiday. Days of other kinds on d do not count; use On
// to see them.
func IsHoliday(d Date) (Holiday, bool, error) {
	hs, err := On(d)
	if err != nil {
		return Holiday{}, false, err
	}
	for _, h := range hs {
		if h.DayOff {
			return h, true, nil
		}
	}
	return Holiday{}, false, nil
}
