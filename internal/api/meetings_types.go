package api

import (
	"time"

	"spil/internal/meetings"
)

// Meeting is a meeting as the API shows it (see meetings.Meeting).
type Meeting struct {
	ID              string              `json:"id"`
	UID             string              `json:"uid" doc:"The iCalendar UID of its invitations."`
	Sequence        int                 `json:"sequence" doc:"The revision; raised on every change attendees must see again."`
	Title           string              `json:"title"`
	Description     string              `json:"description"`
	OrganizerID     string              `json:"organizer_id"`
	OrganizerName   string              `json:"organizer_name"`
	PreparerID      string              `json:"preparer_id,omitempty"`
	PreparerName    string              `json:"preparer_name,omitempty"`
	Start           time.Time           `json:"start"`
	End             time.Time           `json:"end"`
	TimeZone        string              `json:"time_zone"`
	RoomID          string              `json:"room_id,omitempty"`
	RoomName        string              `json:"room_name,omitempty"`
	RoomBookingID   string              `json:"room_booking_id,omitempty"`
	LocationText    string              `json:"location_text,omitempty"`
	OnlineURL       string              `json:"online_url,omitempty"`
	Status          string              `json:"status" enum:"draft,scheduled,held,minutes_approved,cancelled"`
	SeriesID        string              `json:"series_id,omitempty"`
	Confidential    bool                `json:"confidential"`
	AppointmentID   string              `json:"appointment_id,omitempty" doc:"The meeting in the organizer's agenda."`
	InvitedSequence *int                `json:"invited_sequence,omitempty" doc:"The revision whose invitations were last sent."`
	PlannedMinutes  int                 `json:"planned_minutes" doc:"The agenda items' planned minutes together."`
	Minutes         int                 `json:"length_minutes" doc:"The meeting's length."`
	OverPlanned     bool                `json:"over_planned" doc:"The agenda items take longer than the meeting."`
	Attendees       []MeetingAttendee   `json:"attendees" nullable:"false"`
	Items           []MeetingAgendaItem `json:"items" nullable:"false"`
	Documents       []MeetingDocument   `json:"documents" nullable:"false"`
}

// MeetingAttendee is an attendee with their answer and mail status.
type MeetingAttendee struct {
	ID          string     `json:"id"`
	PersonID    string     `json:"person_id,omitempty"`
	Name        string     `json:"name"`
	Email       string     `json:"email"`
	External    bool       `json:"external"`
	Required    bool       `json:"required"`
	Response    string     `json:"response" enum:"needs_action,accepted,declined,tentative"`
	RespondedAt *time.Time `json:"responded_at,omitempty"`
	MailState   string     `json:"mail_state,omitempty" doc:"Where the newest invitation stands: queued, retrying, sent or failed; empty when none was sent."`
	MailError   string     `json:"mail_error,omitempty" doc:"Why the last try failed."`
	MailSentAt  *time.Time `json:"mail_sent_at,omitempty"`
	MailNextTry *time.Time `json:"mail_next_try,omitempty"`
}

// MeetingAgendaItem is one topic of a meeting.
type MeetingAgendaItem struct {
	ID             string `json:"id"`
	Position       int    `json:"position"`
	Topic          string `json:"topic"`
	PresenterID    string `json:"presenter_id,omitempty"`
	PresenterName  string `json:"presenter_name,omitempty"`
	PlannedMinutes int    `json:"planned_minutes"`
	Notes          string `json:"notes,omitempty"`
}

// MeetingDocument is an attached file (without its content).
type MeetingDocument struct {
	ID           string    `json:"id"`
	AgendaItemID string    `json:"agenda_item_id,omitempty"`
	Filename     string    `json:"filename"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	UploadedAt   time.Time `json:"uploaded_at"`
}

// MeetingSummary is a meeting in a list.
type MeetingSummary struct {
	ID             string    `json:"id"`
	Title          string    `json:"title"`
	OrganizerID    string    `json:"organizer_id"`
	OrganizerName  string    `json:"organizer_name"`
	Start          time.Time `json:"start"`
	End            time.Time `json:"end"`
	Status         string    `json:"status"`
	RoomName       string    `json:"room_name,omitempty"`
	Confidential   bool      `json:"confidential"`
	Attendees      int       `json:"attendees"`
	Answered       int       `json:"answered"`
	Invited        bool      `json:"invited"`
	Items          int       `json:"items"`
	PlannedMinutes int       `json:"planned_minutes"`
	Documents      int       `json:"documents"`
}

func meetingOf(m meetings.Meeting) Meeting {
	out := Meeting{ID: m.ID, UID: m.UID, Sequence: m.Sequence, Title: m.Title, Description: m.Description,
		OrganizerID: m.OrganizerID, OrganizerName: m.OrganizerName, PreparerID: m.PreparerID, PreparerName: m.PreparerName,
		Start: m.Start, End: m.End, TimeZone: m.TimeZone, RoomID: m.RoomID, RoomName: m.RoomName, RoomBookingID: m.RoomBookingID,
		LocationText: m.LocationText, OnlineURL: m.OnlineURL, Status: m.Status, SeriesID: m.SeriesID, Confidential: m.Confidential,
		AppointmentID: m.AppointmentID, InvitedSequence: m.InvitedSequence, PlannedMinutes: m.PlannedMinutes(), Minutes: m.Minutes(),
		OverPlanned: m.OverPlanned(), Attendees: []MeetingAttendee{}, Items: []MeetingAgendaItem{}, Documents: []MeetingDocument{}}
	for _, a := range m.Attendees {
		out.Attendees = append(out.Attendees, MeetingAttendee{ID: a.ID, PersonID: a.PersonID, Name: a.Name, Email: a.Email,
			External: a.External, Required: a.Required, Response: a.Response, RespondedAt: a.RespondedAt,
			MailState: a.Mail.State, MailError: a.Mail.Error, MailSentAt: a.Mail.SentAt, MailNextTry: a.Mail.NextTry})
	}
	for _, it := range m.Items {
		out.Items = append(out.Items, agendaItemOf(it))
	}
	for _, d := range m.Documents {
		out.Documents = append(out.Documents, documentOf(d))
	}
	return out
}

func agendaItemOf(it meetings.AgendaItem) MeetingAgendaItem {
	return MeetingAgendaItem{ID: it.ID, Position: it.Position, Topic: it.Topic, PresenterID: it.PresenterID,
		PresenterName: it.PresenterName, PlannedMinutes: it.PlannedMinutes, Notes: it.Notes}
}

func documentOf(d meetings.Document) MeetingDocument {
	return MeetingDocument{ID: d.ID, AgendaItemID: d.AgendaItemID, Filename: d.Filename, ContentType: d.ContentType, Size: d.Size, UploadedAt: d.UploadedAt}
}

func summariesOf(list []meetings.Summary) []MeetingSummary {
	out := make([]MeetingSummary, 0, len(list))
	for _, m := range list {
		out = append(out, MeetingSummary{ID: m.ID, Title: m.Title, OrganizerID: m.OrganizerID, OrganizerName: m.OrganizerName,
			Start: m.Start, End: m.End, Status: m.Status, RoomName: m.RoomName, Confidential: m.Confidential, Attendees: m.Attendees,
			Answered: m.Answered, Invited: m.Invited, Items: m.Items, PlannedMinutes: m.Planned, Documents: m.Documents})
	}
	return out
}
