package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/mail"
	"spil/internal/org"
)

// Limits of a meeting.
const (
	MaxTitle       = 200
	MaxDescription = 20_000
	MaxAttendees   = 200
	MaxLength      = 24 * time.Hour // one meeting lasts at most a day
)

// Input is what a person fills in for a meeting.
type Input struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	// OrganizerID is the principal whose meeting it is; "" means the actor.
	OrganizerID string `json:"organizer_id"`
	// PreparerID is the assistant who prepares it; "" means the actor when
	// the actor acts for the organizer, else nobody.
	PreparerID string    `json:"preparer_id"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	TimeZone   string    `json:"time_zone"` // "" means the organization's
	// RoomID books that room (internal/rooms) for the meeting's time.
	RoomID       string          `json:"room_id"`
	LocationText string          `json:"location_text"`
	OnlineURL    string          `json:"online_url"`
	Confidential bool            `json:"confidential"`
	Attendees    []AttendeeInput `json:"attendees"`
}

// AttendeeInput is a colleague (PersonID) or an external contact (Name and
// Email) to invite.
type AttendeeInput struct {
	PersonID string `json:"person_id,omitempty"`
	Name     string `json:"name,omitempty"`
	Email    string `json:"email,omitempty"`
	// Optional attendees are invited but not required.
	Optional bool `json:"optional,omitempty"`
}

// normalize checks in and fills defaults for actor, inside tx: the
// organizer and preparer, the zone, attendees' names and addresses from the
// directory. It returns an Invalid error naming every bad field.
func (s *Service) normalize(ctx context.Context, tx *sql.Tx, actor *authz.Actor, in Input) (Input, error) {
	var f apperr.Fields
	in.Title = oneLine(in.Title)
	switch {
	case in.Title == "":
		f.Add("title", "give the meeting a title")
	case utf8.RuneCountInString(in.Title) > MaxTitle:
		f.Add("title", fmt.Sprintf("use at most %d characters", MaxTitle))
	}
	if utf8.RuneCountInString(in.Description) > MaxDescription {
		f.Add("description", fmt.Sprintf("use at most %d characters", MaxDescription))
	}
	if in.OrganizerID == "" {
		in.OrganizerID = actor.PersonID
	}
	if in.TimeZone == "" {
		in.TimeZone = org.Zone(ctx, tx).String()
	}
	if _, err := time.LoadLocation(in.TimeZone); err != nil {
		f.Add("time_zone", fmt.Sprintf("unknown time zone %q: use a name such as Europe/Amsterdam", in.TimeZone))
	}
	in.Start, in.End = in.Start.Truncate(time.Second).UTC(), in.End.Truncate(time.Second).UTC()
	switch {
	case in.Start.IsZero():
		f.Add("start", "give a start time")
	case in.End.IsZero():
		f.Add("end", "give an end time")
	case !in.End.After(in.Start):
		f.Add("end", "the end must be after the start")
	case in.End.Sub(in.Start) > MaxLength:
		f.Add("end", "a meeting can last at most a day")
	}
	in.LocationText = oneLine(in.LocationText)
	in.OnlineURL = strings.TrimSpace(in.OnlineURL)
	if in.OnlineURL != "" {
		u, err := url.Parse(in.OnlineURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.Add("online_url", "give the online meeting's link, starting with https://")
		}
	}
	if utf8.RuneCountInString(in.LocationText) > 300 {
		f.Add("location_text", "use at most 300 characters")
	}
	if len(in.Attendees) > MaxAttendees {
		f.Add("attendees", fmt.Sprintf("at most %d attendees", MaxAttendees))
	}
	seen := map[string]bool{}
	var kept []AttendeeInput
	for i, a := range in.Attendees {
		field := fmt.Sprintf("attendees[%d]", i)
		if a.PersonID != "" {
			err := tx.QueryRowContext(ctx, `SELECT name, email FROM people WHERE id = $1 AND active`, a.PersonID).Scan(&a.Name, &a.Email)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				f.Add(field+".person_id", "no such colleague")
				continue
			case err != nil:
				return in, fmt.Errorf("load attendee: %w", err)
			}
		} else {
			a.Name, a.Email = oneLine(a.Name), strings.ToLower(strings.TrimSpace(a.Email))
			if a.Name == "" && a.Email == "" {
				continue // an empty row of the form
			}
			if err := mail.CheckAddress(a.Email); err != nil {
				f.Add(field+".email", fmt.Sprintf("%q is not a valid e-mail address: expected name@domain", a.Email))
				continue
			}
			if a.Name == "" {
				a.Name = a.Email
			}
			// An external address that is a colleague's becomes that colleague.
			var id, name string
			if err := tx.QueryRowContext(ctx, `SELECT id, name FROM people WHERE lower(email) = $1 AND active`, a.Email).Scan(&id, &name); err == nil {
				a.PersonID, a.Name = id, name
			}
		}
		key := strings.ToLower(a.Email)
		if a.PersonID == in.OrganizerID || seen[key] {
			continue // the organizer attends anyway; nobody twice
		}
		seen[key] = true
		kept = append(kept, a)
	}
	in.Attendees = kept
	if err := f.Err(); err != nil {
		return in, err
	}
	// The organizer: the actor, or a principal the actor acts for.
	var orgActive bool
	err := tx.QueryRowContext(ctx, `SELECT active FROM people WHERE id = $1`, in.OrganizerID).Scan(&orgActive)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && !orgActive):
		f.Add("organizer_id", "no such colleague")
	case err != nil:
		return in, fmt.Errorf("load organizer: %w", err)
	case !actor.IsSystem() && in.OrganizerID != actor.PersonID && !actor.ActsFor(in.OrganizerID, authz.AgendaEdit):
		f.Add("organizer_id", "you can only organize meetings for yourself or for a principal whose agenda you may change")
	case in.Confidential && !actor.IsSystem() && !actor.ActsFor(in.OrganizerID, authz.DocumentsConfidential):
		f.Add("confidential", "your mandate does not cover this principal's confidential matters")
	}
	if in.PreparerID == "" && in.OrganizerID != actor.PersonID && !actor.IsSystem() {
		in.PreparerID = actor.PersonID
	}
	if in.PreparerID != "" && in.PreparerID != in.OrganizerID {
		ok, err := mayPrepare(ctx, tx, in.OrganizerID, in.PreparerID, in.Confidential)
		if err != nil {
			return in, err
		}
		switch {
		case !ok && in.Confidential:
			f.Add("preparer_id", "the preparer's mandate from the organizer does not cover confidential matters")
		case !ok:
			f.Add("preparer_id", "the preparer must be an assistant whose mandate from the organizer lets them change the agenda")
		}
	}
	if in.PreparerID == in.OrganizerID {
		in.PreparerID = ""
	}
	return in, f.Err()
}

// mayPrepare reports whether assistantID holds a mandate from principalID
// with agenda.edit, and documents.see_confidential besides for a
// confidential meeting.
func mayPrepare(ctx context.Context, q dbQuerier, principalID, assistantID string, confidential bool) (bool, error) {
	ms, err := authz.LoadMandates(ctx, q, `m.principal_id = $1 AND m.assistant_id = $2`, principalID, assistantID)
	if err != nil {
		return false, err
	}
	return len(ms) == 1 && ms[0].Scopes.Has(authz.AgendaEdit) && (!confidential || ms[0].Scopes.Has(authz.DocumentsConfidential)), nil
}

// oneLine trims s and turns line breaks and other control characters into
// spaces: titles, places and names go into mail headers and one-line
// calendar fields.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
}
