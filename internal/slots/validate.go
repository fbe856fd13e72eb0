package slots

import (
	"fmt"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/holiday"
)

// validate checks req and returns one apperr.Invalid error naming every bad
// field, or nil.
func validate(req *Request) error {
	var f apperr.Fields
	if len(req.People) == 0 {
		f.Add("people", "at least one person is required")
	}
	if len(req.People) > MaxPeople {
		f.Add("people", fmt.Sprintf("at most %d people", MaxPeople))
	}
	if req.Duration <= 0 {
		f.Add("duration", "must be positive")
	} else if req.Duration%time.Minute != 0 {
		f.Add("duration", "must be whole minutes")
	}
	switch {
	case req.From.IsZero():
		f.Add("from", "is required")
	case req.To.IsZero():
		f.Add("to", "is required")
	case req.To.Sub(req.From) < req.Duration:
		f.Add("to", "the window is shorter than the duration")
	case req.To.Sub(req.From) > MaxWindow:
		f.Add("to", fmt.Sprintf("the window may be at most %d days", int(MaxWindow/(24*time.Hour))))
	}
	if !req.From.IsZero() && !holiday.Supported(req.From.Year()) {
		f.Add("from", fmt.Sprintf("year must be %d–%d", holiday.MinYear, holiday.MaxYear))
	}
	if !req.To.IsZero() && !holiday.Supported(req.To.Year()) {
		f.Add("to", fmt.Sprintf("year must be %d–%d", holiday.MinYear, holiday.MaxYear))
	}
	switch req.MayOverbook {
	case 0, 2, 3, 4:
	case 1:
		f.Add("may_overbook", "P1 appointments are never overbooked")
	default:
		f.Add("may_overbook", "must be 0 (nothing), 2, 3 or 4")
	}
	if req.Step < 0 || req.Step > 24*time.Hour || req.Step%time.Minute != 0 {
		f.Add("step", "must be whole minutes, at most 24 hours")
	}
	if req.Limit < 0 || req.Limit > MaxLimit {
		f.Add("limit", fmt.Sprintf("must be 0–%d", MaxLimit))
	}
	if req.Location != nil {
		checkPlace(&f, "location", req.Location)
		if !req.Mode.Valid() {
			f.Add("mode", "unknown mode")
		}
	} else if req.Mode != "" && !req.Mode.Valid() {
		f.Add("mode", "unknown mode")
	}
	seen := map[string]bool{}
	for i, p := range req.People {
		pre := fmt.Sprintf("people[%d].", i)
		switch {
		case strings.TrimSpace(p.ID) == "":
			f.Add(pre+"id", "is required")
		case seen[p.ID]:
			f.Add(pre+"id", "appears twice")
		}
		seen[p.ID] = true
		if p.Mode != "" && !p.Mode.Valid() {
			f.Add(pre+"mode", "unknown mode")
		}
		checkPlace(&f, pre+"home", p.Home)
		checkPlace(&f, pre+"office", p.Office)
		for d, spans := range p.WorkingHours {
			if d < time.Sunday || d > time.Saturday {
				f.Add(pre+"working_hours", "unknown weekday")
				continue
			}
			for j, s := range spans {
				field := fmt.Sprintf("%sworking_hours.%s[%d]", pre, strings.ToLower(d.String()), j)
				if s.Start < 0 || s.End > 24*time.Hour || s.Start >= s.End {
					f.Add(field, "must be a span within the day, start before end")
				} else if s.Start%time.Minute != 0 || s.End%time.Minute != 0 {
					f.Add(field, "must be whole minutes")
				}
			}
		}
		for j, a := range p.Absences {
			if !a.Start.Before(a.End) {
				f.Add(fmt.Sprintf("%sabsences[%d]", pre, j), "start must be before end")
			}
		}
		for j, a := range p.Busy {
			// Field names are only made for a bad appointment: a person
			// may have thousands.
			if a.Start.Before(a.End) && a.Priority >= 1 && a.Priority <= 4 && placeOK(a.Location) {
				continue
			}
			field := fmt.Sprintf("%sbusy[%d]", pre, j)
			if !a.Start.Before(a.End) {
				f.Add(field+".end", "start must be before end")
			}
			if a.Priority < 1 || a.Priority > 4 {
				f.Add(field+".priority", "must be 1–4")
			}
			checkPlace(&f, field+".location", a.Location)
		}
	}
	return f.Err()
}

func placeOK(p *Place) bool {
	return p == nil || (p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180)
}

func checkPlace(f *apperr.Fields, field string, p *Place) {
	if p == nil {
		return
	}
	if !(p.Lat >= -90 && p.Lat <= 90) {
		f.Add(field+".lat", "must be −90…90")
	}
	if !(p.Lon >= -180 && p.Lon <= 180) {
		f.Add(field+".lon", "must be −180…180")
	}
}
