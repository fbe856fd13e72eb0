package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"spil/internal/apperr"
	"spil/internal/holiday"
	"spil/internal/slots"
)

// Day places: where a working day starts or ends.
const (
	AtOffice = "office"
	AtHome   = "home"
)

// MaxSpansPerDay bounds the working-hour spans of one weekday.
const MaxSpansPerDay = 6

// DayHours is one working-hour span on a weekday, in minutes from local
// midnight, with where the day starts and ends.
type DayHours struct {
	Weekday    time.Weekday `json:"weekday"`
	Start      int          `json:"start_minute"`
	End        int          `json:"end_minute"`
	StartPlace string       `json:"start_place"` // AtOffice or AtHome
	EndPlace   string       `json:"end_place"`
}

// DefaultHours returns the working hours of someone who stored none: Monday
// to Friday 09:00–17:00, from and to the office.
func DefaultHours() []DayHours {
	out := make([]DayHours, 0, 5)
	for d := time.Monday; d <= time.Friday; d++ {
		out = append(out, DayHours{Weekday: d, Start: 9 * 60, End: 17 * 60, StartPlace: AtOffice, EndPlace: AtOffice})
	}
	return out
}

// checkHours validates and sorts hours (by weekday, then start): weekdays
// 0–6, 0 ≤ start < end ≤ 1440, places office or home ("" means office), no
// overlapping spans on one weekday, at most MaxSpansPerDay a day. Fields are
// named "hours[i].…".
func checkHours(hours []DayHours, f *apperr.Fields) []DayHours {
	out := slices.Clone(hours)
	for i := range out {
		h := &out[i]
		pre := fmt.Sprintf("hours[%d].", i)
		if h.Weekday < time.Sunday || h.Weekday > time.Saturday {
			f.Add(pre+"weekday", "choose a day of the week (0 is Sunday, 6 is Saturday)")
		}
		switch {
		case h.Start < 0 || h.Start > 1439:
			f.Add(pre+"start_minute", "a start lies between 00:00 and 23:59")
		case h.End < 1 || h.End > 1440:
			f.Add(pre+"end_minute", "an end lies between 00:01 and 24:00")
		case h.End <= h.Start:
			f.Add(pre+"end_minute", "the end must be after the start")
		}
		for field, p := range map[string]*string{"start_place": &h.StartPlace, "end_place": &h.EndPlace} {
			switch *p {
			case "":
				*p = AtOffice
			case AtOffice, AtHome:
			default:
				f.Add(pre+field, "choose office or home")
			}
		}
	}
	if len(*f) > 0 {
		return out
	}
	slices.SortFunc(out, func(a, b DayHours) int {
		return cmp.Or(cmp.Compare(a.Weekday, b.Weekday), cmp.Compare(a.Start, b.Start))
	})
	perDay := map[time.Weekday]int{}
	for i, h := range out {
		perDay[h.Weekday]++
		if perDay[h.Weekday] > MaxSpansPerDay {
			f.Add("hours", fmt.Sprintf("at most %d spans a day", MaxSpansPerDay))
		}
		if i > 0 && out[i-1].Weekday == h.Weekday && out[i-1].End > h.Start {
			f.Add("hours", fmt.Sprintf("the spans on %s overlap", h.Weekday))
		}
	}
	return out
}

// weekHours is a person's working hours indexed by weekday.
type weekHours [7][]DayHours

func indexHours(hours []DayHours) weekHours {
	var w weekHours
	for _, h := range hours {
		if h.Weekday >= time.Sunday && h.Weekday <= time.Saturday {
			w[h.Weekday] = append(w[h.Weekday], h)
		}
	}
	for i := range w {
		slices.SortFunc(w[i], func(a, b DayHours) int { return cmp.Compare(a.Start, b.Start) })
	}
	return w
}

// spans returns the working-hour spans for the slot finder.
func (w weekHours) spans() map[time.Weekday][]slots.Span {
	m := map[time.Weekday][]slots.Span{}
	for d, list := range w {
		for _, h := range list {
			m[time.Weekday(d)] = append(m[time.Weekday(d)], slots.Span{
				Start: time.Duration(h.Start) * time.Minute, End: time.Duration(h.End) * time.Minute})
		}
	}
	return m
}

// working returns the working spans of date d in loc as instants, read on
// the wall clock (09:00 stays 09:00 across a daylight-saving change).
func (w weekHours) working(d holiday.Date, loc *time.Location) []slots.Interval {
	list := w[d.Weekday()]
	out := make([]slots.Interval, 0, len(list))
	for _, h := range list {
		out = append(out, slots.Interval{
			Start: time.Date(d.Year, d.Month, d.Day, 0, h.Start, 0, 0, loc),
			End:   time.Date(d.Year, d.Month, d.Day, 0, h.End, 0, 0, loc),
		})
	}
	return out
}

// dayPlaces returns where the working day d starts and ends: the first span's
// start place and the last span's end place; a day without working hours
// starts and ends at home.
func (w weekHours) dayPlaces(wd time.Weekday) (start, end string) {
	list := w[wd]
	if len(list) == 0 {
		return AtHome, AtHome
	}
	return list[0].StartPlace, list[len(list)-1].EndPlace
}
