package agenda

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/recur"
	"spil/internal/travel"
)

// Limits of an Input.
const (
	MaxTitle     = 200
	MaxNotes     = 20_000
	MaxAttendees = 200
	MaxDates     = 1000                 // RDATEs and EXDATEs each
	MaxDuration  = 366 * 24 * time.Hour // one item may last at most a year
	MaxReminder  = 4 * 7 * 24 * 60      // minutes: four weeks
)

// normalize validates in and fills defaults: zone, priority, visibility,
// status, responses; times are cut to whole seconds. defaultZone is the
// organization's zone. It returns an apperr.Invalid error naming every bad
// field.
func normalize(in Input, defaultZone string) (Input, *time.Location, error) {
	var f apperr.Fields
	in.Title = strings.TrimSpace(in.Title)
	switch {
	case in.Title == "":
		f.Add("title", "give the appointment a title")
	case utf8.RuneCountInString(in.Title) > MaxTitle:
		f.Add("title", fmt.Sprintf("use at most %d characters", MaxTitle))
	}
	if utf8.RuneCountInString(in.Notes) > MaxNotes {
		f.Add("notes", fmt.Sprintf("use at most %d characters", MaxNotes))
	}
	if in.TimeZone == "" {
		in.TimeZone = defaultZone
	}
	loc, err := loadZone(in.TimeZone)
	if err != nil {
		f.Add("time_zone", fmt.Sprintf("unknown time zone %q: use a name such as Europe/Amsterdam", in.TimeZone))
		loc = time.UTC
	}
	in.Start = in.Start.Truncate(time.Second)
	in.End = in.End.Truncate(time.Second)
	switch {
	case in.Start.IsZero():
		f.Add("start", "give a start time")
	case in.End.IsZero():
		f.Add("end", "give an end time")
	case !in.End.After(in.Start):
		f.Add("end", "the end must be after the start")
	case in.End.Sub(in.Start) > MaxDuration:
		f.Add("end", "an appointment can last at most a year")
	}
	if in.AllDay && !in.Start.IsZero() && !in.End.IsZero() {
		s, e := in.Start.In(loc), in.End.In(loc)
		if s.Hour() != 0 || s.Minute() != 0 || s.Second() != 0 {
			in.Start = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, loc)
		}
		if e.Hour() != 0 || e.Minute() != 0 || e.Second() != 0 {
			in.End = time.Date(e.Year(), e.Month(), e.Day()+1, 0, 0, 0, 0, loc)
		}
		if !in.End.After(in.Start) {
			in.End = in.Start.AddDate(0, 0, 1)
		}
	}
	switch in.Priority {
	case 0:
		in.Priority = P3
	case P1, P2, P3, P4:
	default:
		f.Add("priority", "choose a priority from 1 (must not move) to 4 (flexible)")
	}
	switch in.Visibility {
	case "":
		in.Visibility = Normal
	case Normal, Private, Confidential:
	default:
		f.Add("visibility", "choose normal, private or confidential")
	}
	switch in.Status {
	case "":
		in.Status = Confirmed
	case Tentative, Confirmed, Cancelled:
	default:
		f.Add("status", "choose tentative, confirmed or cancelled")
	}
	if in.ReminderMinutes != nil && (*in.ReminderMinutes < 0 || *in.ReminderMinutes > MaxReminder) {
		f.Add("reminder_minutes", fmt.Sprintf("a reminder can be 0 to %d minutes before the start", MaxReminder))
	}
	if in.TravelMode != "" {
		if _, err := travel.ParseMode(string(in.TravelMode)); err != nil {
			f.Add("travel_mode", "choose car, public_transport, bike or walking")
		}
	}
	if in.Place.Lat != nil && (*in.Place.Lat < -90 || *in.Place.Lat > 90) {
		f.Add("place.latitude", "a latitude lies between -90 and 90")
	}
	if in.Place.Lon != nil && (*in.Place.Lon < -180 || *in.Place.Lon > 180) {
		f.Add("place.longitude", "a longitude lies between -180 and 180")
	}
	if (in.Place.Lat == nil) != (in.Place.Lon == nil) {
		f.Add("place.latitude", "give both latitude and longitude, or neither")
	}
	in.Place.Name = strings.TrimSpace(in.Place.Name)
	if len(in.Attendees) > MaxAttendees {
		f.Add("attendees", fmt.Sprintf("at most %d attendees", MaxAttendees))
	}
	for i := range in.Attendees {
		at := &in.Attendees[i]
		at.Name, at.Email = strings.TrimSpace(at.Name), strings.TrimSpace(at.Email)
		if at.PersonID == "" && at.Name == "" && at.Email == "" {
			f.Add(fmt.Sprintf("attendees[%d]", i), "name a colleague, or give a name or e-mail address")
		}
		if at.Email != "" && (!strings.Contains(at.Email, "@") || strings.ContainsAny(at.Email, " <>\r\n")) {
			f.Add(fmt.Sprintf("attendees[%d].email", i), "not a valid e-mail address")
		}
		switch at.Response {
		case "":
			at.Response = NeedsAction
		case NeedsAction, Accepted, Declined, TentativeR:
		default:
			f.Add(fmt.Sprintf("attendees[%d].response", i), "choose needs_action, accepted, declined or tentative")
		}
	}
	in.RRule = strings.TrimPrefix(strings.TrimSpace(in.RRule), "RRULE:")
	if in.RRule != "" {
		if r, err := recur.Parse(in.RRule); err != nil {
			f.Add("rrule", "not a valid recurrence rule: "+ruleProblem(err))
		} else if r.Freq > recur.Hourly {
			f.Add("rrule", "an appointment repeats at most every hour")
		}
	}
	if len(in.RDates) > MaxDates {
		f.Add("rdates", fmt.Sprintf("at most %d extra dates", MaxDates))
	}
	if len(in.ExDates) > MaxDates {
		f.Add("exdates", fmt.Sprintf("at most %d excluded dates", MaxDates))
	}
	in.RDates = cleanTimes(in.RDates)
	in.ExDates = cleanTimes(in.ExDates)
	if err := f.Err(); err != nil {
		return in, nil, err
	}
	if in.RRule != "" {
		set, _ := recurrenceSet(Appointment{Input: in})
		if len(set.First(1)) == 0 {
			f.Add("rrule", "this rule gives no dates at all")
			return in, nil, f.Err()
		}
	}
	return in, loc, nil
}

// ruleProblem names the rule part at fault ("BYMONTHDAY: 32 is out of range").
func ruleProblem(err error) string {
	fs := apperr.FieldsOf(err)
	keys := make([]string, 0, len(fs))
	for k := range fs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+fs[k])
	}
	if len(parts) == 0 {
		return err.Error()
	}
	return strings.Join(parts, "; ")
}

func cleanTimes(ts []time.Time) []time.Time {
	if len(ts) == 0 {
		return nil
	}
	out := make([]time.Time, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.Truncate(time.Second).UTC())
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return a.Equal(b) })
}

func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("no zone")
	}
	return time.LoadLocation(name)
}
