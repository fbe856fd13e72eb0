package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/travel"
)

// ItemForm is the appointment form as entered.
type ItemForm struct {
	Who        string
	ID         string // "" for a new item
	Occ        string // the occurrence edited, for a series
	Range      string
	Title      string
	AllDay     bool
	StartDate  string // 2006-01-02
	StartTime  string // 15:04
	EndDate    string
	EndTime    string
	TimeZone   string
	PlaceKind  string // "", "location" or "address"
	LocationID string
	Address    string
	Latitude   string
	Longitude  string
	Priority   string
	Visibility string
	Status     string
	Attendees  []string // colleagues' IDs
	ExtNames   []string
	ExtEmails  []string
	Notes      string
	Reminder   string // minutes, "" for none
	TravelMode string
	Repeat     string // "", daily, weekly, monthly, custom
	Interval   string
	Weekdays   []string // MO … SU for weekly
	RepeatEnd  string   // "", "until", "count"
	Until      string   // 2006-01-02
	Count      string
	RRule      string // custom rule
	Find       string // a search for colleagues to add to the choices
	Searching  bool   // the search button was pressed: show the form again, save nothing
}

// extraAttendeeRows is how many empty rows for external contacts the form
// offers.
const extraAttendeeRows = 2

// parseItemForm reads the posted appointment form.
func parseItemForm(r *http.Request) ItemForm {
	v := r.PostForm
	f := ItemForm{
		Who: v.Get("who"), Occ: v.Get("occ"), Range: v.Get("range"), Title: v.Get("title"), AllDay: v.Get("all_day") == "1",
		StartDate: v.Get("start_date"), StartTime: v.Get("start_time"), EndDate: v.Get("end_date"), EndTime: v.Get("end_time"),
		TimeZone: strings.TrimSpace(v.Get("time_zone")), PlaceKind: v.Get("place_kind"), LocationID: v.Get("location_id"),
		Address: v.Get("address"), Latitude: strings.TrimSpace(v.Get("latitude")), Longitude: strings.TrimSpace(v.Get("longitude")),
		Priority: v.Get("priority"), Visibility: v.Get("visibility"), Status: v.Get("status"), Attendees: v["attendees"],
		Notes: v.Get("notes"), Reminder: v.Get("reminder"), TravelMode: v.Get("travel_mode"),
		Repeat: v.Get("repeat"), Interval: strings.TrimSpace(v.Get("interval")), Weekdays: v["weekdays"],
		RepeatEnd: v.Get("repeat_end"), Until: v.Get("until"), Count: strings.TrimSpace(v.Get("count")), RRule: strings.TrimSpace(v.Get("rrule")),
		Find: strings.TrimSpace(v.Get("colleague_q")), Searching: v.Get("colleague_search") != "",
	}
	names, emails := v["ext_name"], v["ext_email"]
	for i := 0; i < len(names) || i < len(emails); i++ {
		var n, e string
		if i < len(names) {
			n = strings.TrimSpace(names[i])
		}
		if i < len(emails) {
			e = strings.TrimSpace(emails[i])
		}
		if n != "" || e != "" {
			f.ExtNames, f.ExtEmails = append(f.ExtNames, n), append(f.ExtEmails, e)
		}
	}
	return f
}

// input turns the form into an agenda.Input in loc (the organization's zone
// when the form names none or a bad one; the service reports a bad zone).
// Fields the web reads itself (dates, numbers, the repeat choice) are
// checked here with the service's words.
func (f ItemForm) input(loc *time.Location) (agenda.Input, FieldErrors) {
	errs := FieldErrors{}
	in := agenda.Input{Title: f.Title, Notes: f.Notes, AllDay: f.AllDay, TimeZone: f.TimeZone, Visibility: f.Visibility, Status: f.Status}
	if f.TimeZone != "" {
		if l, err := time.LoadLocation(f.TimeZone); err == nil && f.TimeZone != "Local" {
			loc = l
		}
	}
	in.Start = formTime(f.StartDate, f.StartTime, f.AllDay, loc, "start", "give a start time", errs)
	in.End = formTime(f.EndDate, f.EndTime, f.AllDay, loc, "end", "give an end time", errs)
	if f.AllDay && !in.End.IsZero() { // the form names the last day; the service wants the day after
		in.End = in.End.AddDate(0, 0, 1)
	}
	if f.Priority != "" {
		n, err := strconv.Atoi(f.Priority)
		if err != nil {
			errs["priority"] = "choose a priority from 1 (must not move) to 4 (flexible)"
		}
		in.Priority = n
	}
	switch f.PlaceKind {
	case "location":
		in.Place.LocationID = f.LocationID
		if f.LocationID == "" {
			errs["place.location_id"] = "choose one of the organization's locations"
		}
	case "address":
		in.Place.Name = f.Address
		in.Place.Lat = formFloat(f.Latitude, "place.latitude", errs)
		in.Place.Lon = formFloat(f.Longitude, "place.longitude", errs)
	}
	for _, id := range f.Attendees {
		if id != "" {
			in.Attendees = append(in.Attendees, agenda.Attendee{PersonID: id})
		}
	}
	for i := range f.ExtNames {
		in.Attendees = append(in.Attendees, agenda.Attendee{Name: f.ExtNames[i], Email: f.ExtEmails[i]})
	}
	if f.Reminder != "" {
		n, err := strconv.Atoi(f.Reminder)
		if err != nil {
			errs["reminder_minutes"] = "is not a number"
		}
		in.ReminderMinutes = &n
	}
	if f.TravelMode != "" {
		in.TravelMode = travel.Mode(f.TravelMode)
	}
	in.RRule = f.rrule(loc, errs)
	return in, errs
}

// formTime reads a date and time field pair; all-day items need the date
// only.
func formTime(date, clock string, allDay bool, loc *time.Location, field, missing string, errs FieldErrors) time.Time {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if date == "" || (!allDay && clock == "") {
		errs[field] = missing
		return time.Time{}
	}
	if allDay {
		clock = "00:00"
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
	if err != nil {
		errs[field] = "give a date as dd-mm-yyyy and a time as hh:mm"
		return time.Time{}
	}
	return t
}

func formFloat(s, field string, errs FieldErrors) *float64 {
	if s == "" {
		return nil
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil {
		errs[field] = "is not a number"
		return nil
	}
	return &x
}

// weekdayCodes are the RRULE day codes, Monday first.
var weekdayCodes = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// rrule builds the recurrence rule the repeat fields describe.
func (f ItemForm) rrule(loc *time.Location, errs FieldErrors) string {
	var parts []string
	switch f.Repeat {
	case "":
		return ""
	case "custom":
		if f.RRule == "" {
			errs["rrule"] = "give a recurrence rule, such as FREQ=WEEKLY;BYDAY=MO"
		}
		return f.RRule
	case "daily":
		parts = append(parts, "FREQ=DAILY")
	case "weekly":
		parts = append(parts, "FREQ=WEEKLY")
		var days []string
		for _, c := range weekdayCodes {
			for _, d := range f.Weekdays {
				if d == c {
					days = append(days, c)
				}
			}
		}
		if len(days) > 0 {
			parts = append(parts, "BYDAY="+strings.Join(days, ","))
		}
	case "monthly":
		parts = append(parts, "FREQ=MONTHLY")
	default:
		errs["repeat"] = "choose how the appointment repeats"
		return ""
	}
	if f.Interval != "" && f.Interval != "1" {
		n, err := strconv.Atoi(f.Interval)
		if err != nil || n < 1 || n > 999 {
			errs["interval"] = "give a whole number from 1 to 999"
		} else {
			parts = append(parts, "INTERVAL="+strconv.Itoa(n))
		}
	}
	switch f.RepeatEnd {
	case "until":
		d, ok := dayOf(f.Until, loc)
		if !ok {
			errs["until"] = "give the last date"
			break
		}
		parts = append(parts, "UNTIL="+d.AddDate(0, 0, 1).Add(-time.Second).UTC().Format("20060102T150405Z"))
	case "count":
		n, err := strconv.Atoi(f.Count)
		if err != nil || n < 1 || n > 1000 {
			errs["count"] = "give a whole number from 1 to 1000"
		} else {
			parts = append(parts, "COUNT="+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, ";")
}
