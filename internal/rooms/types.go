package rooms

import (
	"database/sql"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Equipment keys a room can have. Others are refused.
var Equipment = []string{"screen", "video", "whiteboard", "phone", "projector", "flipchart"}

// Room is a bookable room or resource with its rules.
type Room struct {
	ID           string   `json:"id"`
	LocationID   string   `json:"location_id,omitempty"`
	LocationName string   `json:"location_name,omitempty"`
	Name         string   `json:"name"`
	Description  string   `json:"description,omitempty"`
	Capacity     int      `json:"capacity"`
	Equipment    []string `json:"equipment"`
	Accessible   bool     `json:"accessible"`
	// BookableBy lists the role keys that may book; empty means everyone.
	BookableBy    []string `json:"bookable_by"`
	NeedsApproval bool     `json:"needs_approval"`
	// MaxMinutes is the longest booking; 0 means no maximum.
	MaxMinutes int `json:"max_minutes"`
	// BookableFrom and BookableUntil are minutes after midnight in the
	// organization's time zone (420 = 07:00).
	BookableFrom  int `json:"bookable_from"`
	BookableUntil int `json:"bookable_until"`
	// BookableDays are ISO weekdays (1 = Monday … 7 = Sunday).
	BookableDays    []int `json:"bookable_days"`
	CheckInRequired bool  `json:"checkin_required"`
	// CheckInMinutes is the room's own window; 0 means the organization's
	// default. CheckInWindow is the effective window.
	CheckInMinutes int       `json:"checkin_minutes,omitempty"`
	CheckInWindow  int       `json:"checkin_window"`
	Active         bool      `json:"active"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Has reports whether the room has equipment key e.
func (r Room) Has(e string) bool { return slices.Contains(r.Equipment, e) }

// BookableOn reports whether weekday d (time.Weekday) is a bookable day.
func (r Room) BookableOn(d time.Weekday) bool {
	iso := int(d)
	if iso == 0 {
		iso = 7
	}
	return slices.Contains(r.BookableDays, iso)
}

// Booking statuses. Only pending and confirmed bookings occupy a room.
const (
	Pending   = "pending"
	Confirmed = "confirmed"
	Released  = "released"
	Cancelled = "cancelled"
	Rejected  = "rejected"
)

// Booking is one reservation of a room. For a reader who may not see a
// confidential booking, Hidden is true and Title is empty: the calendar
// shows "Busy" and the booker.
type Booking struct {
	ID            string     `json:"id"`
	RoomID        string     `json:"room_id"`
	RoomName      string     `json:"room_name"`
	Start         time.Time  `json:"start"`
	End           time.Time  `json:"end"`
	Title         string     `json:"title"`
	BookedBy      string     `json:"booked_by,omitempty"`
	BookedByName  string     `json:"booked_by_name,omitempty"`
	BookedFor     string     `json:"booked_for,omitempty"`
	BookedForName string     `json:"booked_for_name,omitempty"`
	MeetingID     string     `json:"meeting_id,omitempty"`
	Attendees     int        `json:"attendees,omitempty"`
	Confidential  bool       `json:"confidential"`
	Hidden        bool       `json:"hidden"`
	Status        string     `json:"status"`
	CheckedInAt   *time.Time `json:"checked_in_at,omitempty"`
	CheckedInBy   string     `json:"checked_in_by,omitempty"`
	Reason        string     `json:"reason,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
}

// Occupies reports whether the booking holds its room.
func (b Booking) Occupies() bool { return b.Status == Pending || b.Status == Confirmed }

// Organizer is the person the booking is for: the principal when an
// assistant booked, else the booker.
func (b Booking) Organizer() string {
	if b.BookedFor != "" {
		return b.BookedFor
	}
	return b.BookedBy
}

// Interval is a span of time [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// BookingInput is a request to book a room.
type BookingInput struct {
	RoomID string
	Start  time.Time
	End    time.Time
	Title  string
	// ForPersonID is the principal an assistant books for; "" books for
	// the actor.
	ForPersonID string
	// MeetingID links the booking to a meeting (no foreign key).
	MeetingID string
	// Attendees is the expected number of people; 0 means unknown.
	Attendees int
	// Confidential hides the title from everyone but the booker, the
	// person booked for and their assistants allowed to see confidential
	// items.
	Confidential bool
}

// Filter selects rooms.
type Filter struct {
	LocationID string
	// MinCapacity keeps rooms holding at least this many people.
	MinCapacity int
	// Equipment keeps rooms having every key listed.
	Equipment []string
	// Accessible keeps wheelchair-accessible rooms.
	Accessible bool
	// Archived includes archived rooms (Office Manager only).
	Archived bool
}

func (f Filter) keeps(r Room) bool {
	if f.LocationID != "" && r.LocationID != f.LocationID {
		return false
	}
	if f.MinCapacity > 0 && r.Capacity < f.MinCapacity {
		return false
	}
	for _, e := range f.Equipment {
		if !r.Has(e) {
			return false
		}
	}
	if f.Accessible && !r.Accessible {
		return false
	}
	return f.Archived || r.Active
}

const roomSelect = `SELECT r.id, COALESCE(r.location_id, ''), COALESCE(l.name, ''), r.name, r.description, r.capacity,
	r.equipment, r.accessible, r.bookable_by, r.needs_approval, r.max_minutes, r.bookable_from, r.bookable_until,
	r.bookable_days, r.checkin_required, COALESCE(r.checkin_minutes, 0), r.active, r.created_at, r.updated_at,
	(SELECT checkin_minutes FROM room_settings WHERE id = 1)
	FROM rooms r LEFT JOIN locations l ON l.id = r.location_id`

type scanner interface{ Scan(dest ...any) error }

func scanRoom(sc scanner) (Room, error) {
	var r Room
	var equip, by, days string
	var def sql.NullInt64
	err := sc.Scan(&r.ID, &r.LocationID, &r.LocationName, &r.Name, &r.Description, &r.Capacity, &equip, &r.Accessible,
		&by, &r.NeedsApproval, &r.MaxMinutes, &r.BookableFrom, &r.BookableUntil, &days, &r.CheckInRequired,
		&r.CheckInMinutes, &r.Active, &r.CreatedAt, &r.UpdatedAt, &def)
	if err != nil {
		return r, err
	}
	r.Equipment = splitWords(equip)
	r.BookableBy = splitWords(by)
	for _, c := range days {
		if c >= '1' && c <= '7' {
			r.BookableDays = append(r.BookableDays, int(c-'0'))
		}
	}
	r.CheckInWindow = r.CheckInMinutes
	if r.CheckInWindow <= 0 {
		r.CheckInWindow = int(def.Int64)
		if r.CheckInWindow <= 0 {
			r.CheckInWindow = 15
		}
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

func splitWords(s string) []string {
	out := strings.Fields(s)
	if out == nil {
		out = []string{}
	}
	return out
}

func daysString(ds []int) string {
	var b strings.Builder
	for d := 1; d <= 7; d++ {
		if slices.Contains(ds, d) {
			b.WriteByte(byte('0' + d))
		}
	}
	return b.String()
}

const bookingSelect = `SELECT b.id, b.room_id, r.name, b.starts_at, b.ends_at, b.title, COALESCE(b.booked_by, ''),
	COALESCE(pb.name, ''), COALESCE(b.booked_for, ''), COALESCE(pf.name, ''), COALESCE(b.meeting_id, ''), b.attendees,
	b.confidential, b.status, b.checked_in_at, COALESCE(b.checked_in_by, ''), b.reason, b.created_at
	FROM room_bookings b JOIN rooms r ON r.id = b.room_id
	LEFT JOIN people pb ON pb.id = b.booked_by LEFT JOIN people pf ON pf.id = b.booked_for`

func scanBooking(sc scanner) (Booking, error) {
	var b Booking
	var in sql.NullTime
	err := sc.Scan(&b.ID, &b.RoomID, &b.RoomName, &b.Start, &b.End, &b.Title, &b.BookedBy, &b.BookedByName,
		&b.BookedFor, &b.BookedForName, &b.MeetingID, &b.Attendees, &b.Confidential, &b.Status, &in, &b.CheckedInBy,
		&b.Reason, &b.CreatedAt)
	if err != nil {
		return b, err
	}
	b.Start, b.End, b.CreatedAt = b.Start.UTC(), b.End.UTC(), b.CreatedAt.UTC()
	if in.Valid {
		t := in.Time.UTC()
		b.CheckedInAt = &t
	}
	return b, nil
}

// oneLine trims s and turns line breaks and other control characters into
// spaces: room names and booking subjects go into mail subjects and one-line
// calendar text.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
}
