package meetings

import (
	"context"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// Filter selects meetings.
type Filter struct {
	// OrganizerID keeps one principal's meetings; "" keeps all the actor
	// may see.
	OrganizerID string
	// From and To bound the start; zero means open.
	From, To time.Time
	// Past lists the newest first; otherwise the earliest first.
	Past bool
	// WithCancelled keeps cancelled meetings.
	WithCancelled bool
	// Limit caps the list; 0 means 200.
	Limit int
}

// Summary is a meeting in a list: what the list shows, with the counts the
// preparation checklist needs.
type Summary struct {
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	OrganizerID   string    `json:"organizer_id"`
	OrganizerName string    `json:"organizer_name"`
	PreparerID    string    `json:"preparer_id,omitempty"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	Status        string    `json:"status"`
	RoomID        string    `json:"room_id,omitempty"` // only while its booking holds the room (not released or cancelled)
	RoomName      string    `json:"room_name,omitempty"`
	LocationText  string    `json:"location_text,omitempty"`
	OnlineURL     string    `json:"online_url,omitempty"`
	Confidential  bool      `json:"confidential"`
	Attendees     int       `json:"attendees"`
	Answered      int       `json:"answered"`
	Accepted      int       `json:"accepted"`
	Invited       bool      `json:"invited"`
	Items         int       `json:"items"`
	Planned       int       `json:"planned_minutes"`
	Documents     int       `json:"documents"`
}

// List returns the meetings actor may see (see Get), filtered by f, with
// counts of attendees, answers, agenda items and documents.
//
// Errors: Forbidden when not logged in.
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter) ([]Summary, error) {
	if actor == nil || (actor.PersonID == "" && !actor.IsSystem()) {
		return nil, apperr.Forbiddenf("log in to see meetings")
	}
	where, args := visibleSQL(actor, 1)
	n := len(args) + 1
	if f.OrganizerID != "" {
		where += fmt.Sprintf(" AND m.organizer_id = $%d", n)
		args = append(args, f.OrganizerID)
		n++
	}
	if !f.From.IsZero() {
		where += fmt.Sprintf(" AND m.ends_at > $%d", n)
		args = append(args, f.From.UTC())
		n++
	}
	if !f.To.IsZero() {
		where += fmt.Sprintf(" AND m.starts_at < $%d", n)
		args = append(args, f.To.UTC())
		n++
	}
	if !f.WithCancelled {
		where += " AND m.status <> 'cancelled'"
	}
	order := "m.starts_at, m.id"
	if f.Past {
		order = "m.starts_at DESC, m.id DESC"
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 200
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT m.id, m.title, m.organizer_id, o.name, COALESCE(m.preparer_id, ''), m.starts_at, m.ends_at, m.status,
		COALESCE(b.room_id, ''), COALESCE(r.name, ''),
		m.location_text, m.online_url, m.confidential, m.invited_sequence IS NOT NULL,
		(SELECT COUNT(*) FROM meeting_attendees a WHERE a.meeting_id = m.id),
		(SELECT COUNT(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.response <> 'needs_action'),
		(SELECT COUNT(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.response = 'accepted'),
		(SELECT COUNT(*) FROM meeting_agenda_items i WHERE i.meeting_id = m.id),
		(SELECT COALESCE(SUM(i.planned_minutes), 0) FROM meeting_agenda_items i WHERE i.meeting_id = m.id),
		(SELECT COUNT(*) FROM meeting_documents d WHERE d.meeting_id = m.id)
		FROM meetings m JOIN people o ON o.id = m.organizer_id
		LEFT JOIN room_bookings b ON b.id = m.room_booking_id AND b.status IN ('pending', 'confirmed')
		LEFT JOIN rooms r ON r.id = b.room_id
		WHERE `+where+` ORDER BY `+order+fmt.Sprintf(" LIMIT %d", f.Limit), args...)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	defer rows.Close()
	out := []Summary{}
	for rows.Next() {
		var m Summary
		if err := rows.Scan(&m.ID, &m.Title, &m.OrganizerID, &m.OrganizerName, &m.PreparerID, &m.Start, &m.End, &m.Status,
			&m.RoomID, &m.RoomName, &m.LocationText, &m.OnlineURL, &m.Confidential, &m.Invited,
			&m.Attendees, &m.Answered, &m.Accepted, &m.Items, &m.Planned, &m.Documents); err != nil {
			return nil, err
		}
		m.Start, m.End = m.Start.UTC(), m.End.UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Minutes is the meeting's length in minutes.
func (m Summary) Minutes() int { return int(m.End.Sub(m.Start) / time.Minute) }
