package meetings

import "time"

// Meeting statuses. A meeting is a draft until it is scheduled (in the
// organizer's agenda), held once it took place, and minutes_approved when its
// minutes are closed. A cancelled meeting stays visible, struck through.
const (
	Draft           = "draft"
	Scheduled       = "scheduled"
	Held            = "held"
	MinutesApproved = "minutes_approved"
	Cancelled       = "cancelled"
)

// Attendee responses, as stored.
const (
	NeedsAction = "needs_action"
	Accepted    = "accepted"
	Declined    = "declined"
	Tentative   = "tentative"
)

// Meeting is one meeting as the actor may see it.
type Meeting struct {
	ID            string    `json:"id"`
	UID           string    `json:"uid"`
	Sequence      int       `json:"sequence"`
	Title         string    `json:"title"`
	Description   string    `json:"description"`
	OrganizerID   string    `json:"organizer_id"`
	OrganizerName string    `json:"organizer_name"`
	OrganizerMail string    `json:"organizer_email"`
	PreparerID    string    `json:"preparer_id,omitempty"`
	PreparerName  string    `json:"preparer_name,omitempty"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	TimeZone      string    `json:"time_zone"`
	// RoomID and RoomBookingID are set when a room is booked for the
	// meeting (internal/rooms); RoomName is the room's name.
	RoomID        string `json:"room_id,omitempty"`
	RoomName      string `json:"room_name,omitempty"`
	RoomBookingID string `json:"room_booking_id,omitempty"`
	LocationText  string `json:"location_text,omitempty"`
	OnlineURL     string `json:"online_url,omitempty"`
	Status        string `json:"status"`
	SeriesID      string `json:"series_id,omitempty"`
	Confidential  bool   `json:"confidential"`
	// AppointmentID is the meeting in the organizer's agenda, set once it
	// is scheduled.
	AppointmentID string `json:"appointment_id,omitempty"`
	// InvitedSequence is the revision whose invitations were last sent;
	// nil when none were sent. InvitedSequence < Sequence means attendees
	// have not been told about the latest change.
	InvitedSequence *int       `json:"invited_sequence,omitempty"`
	InvitedAt       *time.Time `json:"invited_at,omitempty"`
	CreatedBy       string     `json:"created_by,omitempty"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`

	Attendees []Attendee   `json:"attendees"`
	Items     []AgendaItem `json:"items"`
	Documents []Document   `json:"documents"`
}

// Minutes returns the meeting's length in minutes.
func (m Meeting) Minutes() int { return int(m.End.Sub(m.Start) / time.Minute) }

// PlannedMinutes is the sum of the agenda items' planned minutes.
func (m Meeting) PlannedMinutes() int {
	n := 0
	for _, it := range m.Items {
		n += it.PlannedMinutes
	}
	return n
}

// OverPlanned reports whether the agenda items take longer than the meeting.
func (m Meeting) OverPlanned() bool { return m.PlannedMinutes() > m.Minutes() }

// Open reports whether the meeting can still be changed (draft or
// scheduled).
func (m Meeting) Open() bool { return m.Status == Draft || m.Status == Scheduled }

// Place is where the meeting happens, in words: the room, the location
// text, or the online link.
func (m Meeting) Place() string {
	switch {
	case m.RoomName != "" && m.LocationText != "":
		return m.RoomName + ", " + m.LocationText
	case m.RoomName != "":
		return m.RoomName
	case m.LocationText != "":
		return m.LocationText
	}
	return m.OnlineURL
}

// Attendee is a colleague (PersonID set) or an external contact taking part.
type Attendee struct {
	ID          string     `json:"id"`
	PersonID    string     `json:"person_id,omitempty"`
	Name        string     `json:"name"`
	Email       string     `json:"email"`
	External    bool       `json:"external"`
	Required    bool       `json:"required"`
	Response    string     `json:"response"`
	RespondedAt *time.Time `json:"responded_at,omitempty"`
	// Mail is where the newest invitation (or cancellation) to this
	// attendee stands; the zero value when none was sent.
	Mail MailStatus `json:"mail"`

	mailKey string // the jobs unique key of the newest message
}

// Mail states of an attendee's newest message.
const (
	MailNone     = ""         // nothing sent yet
	MailQueued   = "queued"   // waiting for its first try
	MailRetrying = "retrying" // failed, will be tried again
	MailSent     = "sent"     // accepted by the relay
	MailFailed   = "failed"   // given up; Error says why
)

// MailStatus is where an attendee's newest invitation stands.
type MailStatus struct {
	State    string     `json:"state,omitempty"`
	Sequence int        `json:"sequence,omitempty"`
	Attempts int        `json:"attempts,omitempty"`
	Error    string     `json:"error,omitempty"`
	SentAt   *time.Time `json:"sent_at,omitempty"`
	NextTry  *time.Time `json:"next_try,omitempty"`
}

// AgendaItem is one topic on the meeting's agenda.
type AgendaItem struct {
	ID             string    `json:"id"`
	Position       int       `json:"position"`
	Topic          string    `json:"topic"`
	PresenterID    string    `json:"presenter_id,omitempty"`
	PresenterName  string    `json:"presenter_name,omitempty"`
	PlannedMinutes int       `json:"planned_minutes"`
	Notes          string    `json:"notes,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

// Document is a file attached to a meeting or one of its agenda items. The
// content is read separately (Service.Document).
type Document struct {
	ID           string    `json:"id"`
	AgendaItemID string    `json:"agenda_item_id,omitempty"`
	Filename     string    `json:"filename"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	UploadedBy   string    `json:"uploaded_by,omitempty"`
	UploadedAt   time.Time `json:"uploaded_at"`
}
