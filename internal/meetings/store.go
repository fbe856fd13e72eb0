package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/apperr"
	"spil/internal/db"
)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func ph(n int) string { return "$" + strconv.Itoa(n) }

// placeholders returns k placeholders "$n, $n+1, …" and advances n.
func placeholders(n *int, k int) string {
	parts := make([]string, k)
	for i := range parts {
		parts[i] = ph(*n)
		*n++
	}
	return strings.Join(parts, ", ")
}

// meetingCols are the columns scanMeeting reads, on alias m with the
// organizer o and the preparer p.
const meetingCols = `m.id, m.uid, m.sequence, m.title, m.description, m.organizer_id, o.name, o.email,
	COALESCE(m.preparer_id, ''), COALESCE(p.name, ''), m.starts_at, m.ends_at, m.time_zone,
	COALESCE(m.room_id, ''), COALESCE(m.room_booking_id, ''), m.location_text, m.online_url, m.status,
	COALESCE(m.series_id, ''), m.confidential, COALESCE(m.appointment_id, ''), m.invited_sequence, m.invited_at,
	COALESCE(m.created_by, ''), m.created_at, m.updated_at`

const meetingFrom = `meetings m JOIN people o ON o.id = m.organizer_id LEFT JOIN people p ON p.id = m.preparer_id`

func scanMeeting(sc interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	var invSeq sql.NullInt64
	var invAt sql.NullTime
	err := sc.Scan(&m.ID, &m.UID, &m.Sequence, &m.Title, &m.Description, &m.OrganizerID, &m.OrganizerName, &m.OrganizerMail,
		&m.PreparerID, &m.PreparerName, &m.Start, &m.End, &m.TimeZone,
		&m.RoomID, &m.RoomBookingID, &m.LocationText, &m.OnlineURL, &m.Status,
		&m.SeriesID, &m.Confidential, &m.AppointmentID, &invSeq, &invAt,
		&m.CreatedBy, &m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return m, err
	}
	if invSeq.Valid {
		n := int(invSeq.Int64)
		m.InvitedSequence = &n
	}
	if invAt.Valid {
		t := invAt.Time.UTC()
		m.InvitedAt = &t
	}
	m.Start, m.End = m.Start.UTC(), m.End.UTC()
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return m, nil
}

// loadMeeting reads meeting id with its attendees, agenda items and
// documents (without content), as stored. Errors: NotFound.
func loadMeeting(ctx context.Context, q db.Querier, id string) (Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM `+meetingFrom+` WHERE m.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, apperr.NotFoundf("meeting not found")
	}
	if err != nil {
		return m, fmt.Errorf("load meeting: %w", err)
	}
	if m.Attendees, err = loadAttendees(ctx, q, id); err != nil {
		return m, err
	}
	if m.Items, err = loadItems(ctx, q, id); err != nil {
		return m, err
	}
	if m.Documents, err = loadDocuments(ctx, q, id); err != nil {
		return m, err
	}
	if m.RoomID != "" {
		m.RoomName = roomName(ctx, q, m.RoomID)
	}
	return m, nil
}

// roomName returns a room's name, "" when it cannot be read.
func roomName(ctx context.Context, q db.Querier, roomID string) string {
	var name string
	if err := q.QueryRowContext(ctx, `SELECT name FROM rooms WHERE id = $1`, roomID).Scan(&name); err != nil {
		return ""
	}
	return name
}

func loadAttendees(ctx context.Context, q db.Querier, meetingID string) ([]Attendee, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(person_id, ''), name, email, external, required, response, responded_at,
		mail_key, mail_sent_at, mail_sequence
		FROM meeting_attendees WHERE meeting_id = $1 ORDER BY position, name`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("load attendees: %w", err)
	}
	defer rows.Close()
	out := []Attendee{}
	for rows.Next() {
		var a Attendee
		var at, sentAt sql.NullTime
		var seq sql.NullInt64
		var key string
		if err := rows.Scan(&a.ID, &a.PersonID, &a.Name, &a.Email, &a.External, &a.Required, &a.Response, &at,
			&key, &sentAt, &seq); err != nil {
			return nil, err
		}
		if at.Valid {
			t := at.Time.UTC()
			a.RespondedAt = &t
		}
		if key != "" {
			a.Mail.State = MailQueued
		}
		if seq.Valid {
			a.Mail.Sequence = int(seq.Int64)
		}
		if sentAt.Valid {
			t := sentAt.Time.UTC()
			a.Mail.SentAt = &t
		}
		a.mailKey = key
		out = append(out, a)
	}
	return out, rows.Err()
}

func loadItems(ctx context.Context, q db.Querier, meetingID string) ([]AgendaItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, position, topic, COALESCE(presenter_id, ''), presenter_name, planned_minutes, notes, created_at
		FROM meeting_agenda_items WHERE meeting_id = $1 ORDER BY position, created_at`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("load agenda items: %w", err)
	}
	defer rows.Close()
	out := []AgendaItem{}
	for rows.Next() {
		var it AgendaItem
		if err := rows.Scan(&it.ID, &it.Position, &it.Topic, &it.PresenterID, &it.PresenterName, &it.PlannedMinutes, &it.Notes, &it.CreatedAt); err != nil {
			return nil, err
		}
		it.CreatedAt = it.CreatedAt.UTC()
		out = append(out, it)
	}
	return out, rows.Err()
}

func loadDocuments(ctx context.Context, q db.Querier, meetingID string) ([]Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(agenda_item_id, ''), filename, content_type, size, COALESCE(uploaded_by, ''), uploaded_at
		FROM meeting_documents WHERE meeting_id = $1 ORDER BY uploaded_at, filename`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("load documents: %w", err)
	}
	defer rows.Close()
	out := []Document{}
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.ID, &d.AgendaItemID, &d.Filename, &d.ContentType, &d.Size, &d.UploadedBy, &d.UploadedAt); err != nil {
			return nil, err
		}
		d.UploadedAt = d.UploadedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// lockMeeting serializes changes to one meeting: PostgreSQL locks its row,
// SQLite runs one writer at a time anyway. Errors: NotFound.
func lockMeeting(ctx context.Context, tx *sql.Tx, d db.Dialect, id string) error {
	q := `SELECT id FROM meetings WHERE id = $1`
	if d == db.Postgres {
		q += ` FOR UPDATE`
	}
	var got string
	if err := tx.QueryRowContext(ctx, q, id).Scan(&got); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("meeting not found")
		}
		return fmt.Errorf("lock meeting: %w", err)
	}
	return nil
}

// dbQuerier is a transaction or a pool.
type dbQuerier = db.Querier

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func utc(t time.Time) time.Time { return t.UTC() }
