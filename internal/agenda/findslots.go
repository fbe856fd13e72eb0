package agenda

import (
	"context"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/holiday"
	"spil/internal/slots"
	"spil/internal/travel"
)

// SlotQuery is a request to the slot finder.
type SlotQuery struct {
	PersonIDs []string      `json:"person_ids"`
	Duration  time.Duration `json:"duration"`
	From      time.Time     `json:"from"`
	To        time.Time     `json:"to"`
	// Place is where the meeting is: one of the organization's locations
	// (LocationID), or coordinates; the zero Place means online (no
	// travel).
	Place Place `json:"place"`
	// Mode is how everyone travels; "" means each person's own mode.
	Mode travel.Mode `json:"mode"`
	// BufferMinutes between appointments; 0 means the largest buffer among
	// the people's settings.
	BufferMinutes int `json:"buffer_minutes"`
	// MayOverbook is the lowest priority that may be overbooked (0 none,
	// 2–4); P1 never is.
	MayOverbook int `json:"may_overbook"`
	Limit       int `json:"limit"`
}

// FindSlots runs the slot finder (internal/slots) over the agendas of
// q.PersonIDs: their working hours, absences, Dutch public holidays, busy
// appointments (owned and attended, tentative included; cancelled and
// all-day ones take no time) with their priorities and places, where each
// working day starts (office or home) and their travel modes. Working hours
// are read in the organization's time zone.
//
// Anyone logged in may search among colleagues' agendas: candidates only
// reveal free and busy time, and a reason that overbooks an appointment the
// actor may not see in full says "busy" instead of its title and place.
// Reasons name a home as "home", never its address.
//
// Errors: Forbidden when not logged in; NotFound when a person is unknown;
// Invalid naming each bad field (person_ids, duration, from, to, place,
// mode, buffer_minutes, may_overbook, limit).
func (s *Service) FindSlots(ctx context.Context, actor *authz.Actor, q SlotQuery) ([]slots.Candidate, error) {
	if actor == nil || actor.PersonID == "" {
		return nil, apperr.Forbiddenf("log in to find slots")
	}
	var f apperr.Fields
	switch {
	case len(q.PersonIDs) == 0:
		f.Add("person_ids", "choose at least one person")
	case len(q.PersonIDs) > slots.MaxPeople:
		f.Add("person_ids", fmt.Sprintf("at most %d people", slots.MaxPeople))
	}
	if q.BufferMinutes < 0 || q.BufferMinutes > MaxBufferMinutes {
		f.Add("buffer_minutes", fmt.Sprintf("a buffer is 0 to %d minutes", MaxBufferMinutes))
	}
	if q.Mode != "" && !q.Mode.Valid() {
		f.Add("mode", "choose car, public_transport, bike or walking")
	}
	switch {
	case q.From.IsZero():
		f.Add("from", "give the start of the period")
	case q.To.IsZero():
		f.Add("to", "give the end of the period")
	case !q.To.After(q.From):
		f.Add("to", "the end of the period must be after its start")
	case q.To.Sub(q.From) > slots.MaxWindow:
		f.Add("to", fmt.Sprintf("a period can be at most %d days", int(slots.MaxWindow/(24*time.Hour))))
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	ids := uniqueIDs(q.PersonIDs)
	locs, err := loadLocations(ctx, s.DB.R)
	if err != nil {
		return nil, err
	}
	place, err := meetingPlace(locs, q.Place)
	if err != nil {
		return nil, err
	}
	req, err := s.slotRequest(ctx, actor, ids, q.From, q.To, nil, locs)
	if err != nil {
		return nil, err
	}
	req.Duration, req.Location, req.MayOverbook, req.Limit = q.Duration, place, q.MayOverbook, q.Limit
	if q.Mode != "" {
		req.Mode = q.Mode
		for i := range req.People {
			req.People[i].Mode = ""
		}
	}
	if q.BufferMinutes > 0 {
		req.Buffer = time.Duration(q.BufferMinutes) * time.Minute
	}
	var est travel.Estimator
	if req.Location != nil { // travel is only estimated to a place
		if est, err = s.estimator(ctx, s.DB.R); err != nil {
			return nil, err
		}
	}
	return slots.Find(ctx, req, est)
}

// meetingPlace resolves the place of a meeting: a location's coordinates
// (from locs, the organization's locations), or the given ones; nil for
// online.
//
// Errors: Invalid "place.location_id" for an unknown location or one
// without coordinates; "place.latitude" for half or bad coordinates.
func meetingPlace(locs map[string]*Place, p Place) (*slots.Place, error) {
	if p.LocationID != "" {
		l := locs[p.LocationID]
		switch {
		case l == nil:
			return nil, apperr.Fields{"place.location_id": "choose one of the organization's locations"}.Err()
		case !l.HasCoordinates():
			return nil, apperr.Fields{"place.location_id": "this location has no coordinates, so travel to it cannot be estimated"}.Err()
		}
		p = *l
	}
	if p.Lat == nil && p.Lon == nil {
		return nil, nil
	}
	if p.Lat == nil || p.Lon == nil || !(*p.Lat >= -90 && *p.Lat <= 90) || !(*p.Lon >= -180 && *p.Lon <= 180) {
		return nil, apperr.Fields{"place.latitude": "give a latitude (-90…90) and a longitude (-180…180)"}.Err()
	}
	return &slots.Place{Name: p.Name, Place: p.Travel()}, nil
}

// slotRequest builds the people of a slot search over [from, to) from the
// database, as actor may see them: appointments actor may not see in full
// are private to the slot finder. skip leaves occurrences out (the one to
// be moved). locs are the organization's locations (nil: loaded here). The
// request's Mode is car, its Buffer the largest of the people's, its Loc
// the organization's zone.
func (s *Service) slotRequest(ctx context.Context, actor *authz.Actor, ids []string, from, to time.Time, skip func(*busyItem) bool, locs map[string]*Place) (slots.Request, error) {
	q := s.DB.R
	profiles, err := loadProfiles(ctx, q, ids)
	if err != nil {
		return slots.Request{}, err
	}
	loc := profiles[ids[0]].org
	// Travel to and from the neighbouring appointments of a slot needs the
	// whole local days of the window.
	lo := holiday.DateOf(from.In(loc)).Midnight(loc)
	hi := holiday.DateOf(to.Add(-time.Nanosecond).In(loc)).AddDays(1).Midnight(loc)
	busy := make(map[string][]slots.Appointment, len(ids))
	access := make(map[string]Access, len(ids))
	for _, id := range ids {
		access[id] = AccessTo(actor, id)
	}
	places := slotPlaces{}
	actorKey := idKey(actor.PersonID)
	err = s.busyOf(ctx, ids, lo, hi, locs, func(h string, items []busyItem) {
		list := make([]slots.Appointment, 0, len(items))
		for i := range items {
			if skip == nil || !skip(&items[i]) {
				list = append(list, items[i].slot(access[h], actorKey, places))
			}
		}
		busy[h] = list
	})
	if err != nil {
		return slots.Request{}, err
	}
	abs, err := absencesOf(ctx, q, ids, lo, hi)
	if err != nil {
		return slots.Request{}, err
	}
	req := slots.Request{From: from, To: to, Mode: travel.Car, Loc: loc}
	for _, id := range ids {
		p := profiles[id]
		sp := slots.Person{ID: id, Name: p.Name, WorkingHours: p.hours.spans(), Mode: p.TravelMode, Busy: busy[id]}
		if p.Office.HasCoordinates() {
			sp.Office = &slots.Place{Name: p.Office.Name, Place: p.Office.Travel()}
		}
		if p.Home.HasCoordinates() {
			sp.Home = &slots.Place{Name: AtHome, Place: p.Home.Travel()}
		}
		for wd, list := range p.hours {
			if len(list) > 0 && list[0].StartPlace == AtHome {
				if sp.StartsHome == nil {
					sp.StartsHome = map[time.Weekday]bool{}
				}
				sp.StartsHome[time.Weekday(wd)] = true
			}
		}
		for _, ab := range abs[id] {
			sp.Absences = append(sp.Absences, slots.Interval{Start: ab.Start, End: ab.End})
		}
		if d := time.Duration(p.BufferMinutes) * time.Minute; d > req.Buffer {
			req.Buffer = d
		}
		req.People = append(req.People, sp)
	}
	return req, nil
}
