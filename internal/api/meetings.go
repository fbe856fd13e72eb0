package api

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/meetings"
)

const meetingsTag = "Meetings"

// meetingsAccess: anyone logged in; the meetings service decides per
// meeting (organizer, preparer, attendees, assistants within the mandate).
var meetingsAccess = authz.Authenticated

// MeetingAttendeeInput is a colleague (person_id) or an external contact
// (name and email).
type MeetingAttendeeInput struct {
	PersonID string `json:"person_id,omitempty" doc:"A colleague (see list-people); their name and address come from the directory."`
	Name     string `json:"name,omitempty" maxLength:"200" doc:"An external attendee's name."`
	Email    string `json:"email,omitempty" maxLength:"254" doc:"An external attendee's e-mail address (name@domain)."`
	Optional bool   `json:"optional,omitempty" doc:"Invited, but not required."`
}

// MeetingInput is a meeting as created or replaced.
type MeetingInput struct {
	Title        string                 `json:"title" maxLength:"200" doc:"What the meeting is about."`
	Description  string                 `json:"description,omitempty" maxLength:"20000"`
	OrganizerID  string                 `json:"organizer_id,omitempty" doc:"The principal whose meeting it is; empty for the caller. Ignored on update."`
	PreparerID   string                 `json:"preparer_id,omitempty" doc:"The assistant preparing it (a mandate with agenda.edit); empty: the caller when acting for the organizer."`
	Start        time.Time              `json:"start" doc:"Start (RFC 3339)."`
	End          time.Time              `json:"end" doc:"End, after the start, at most a day later."`
	TimeZone     string                 `json:"time_zone,omitempty" doc:"IANA zone the meeting is planned in; empty: the organization's."`
	RoomID       string                 `json:"room_id,omitempty" doc:"Books this room (see list-rooms) in the same transaction; 409 when it is taken or its rules refuse."`
	LocationText string                 `json:"location_text,omitempty" maxLength:"300"`
	OnlineURL    string                 `json:"online_url,omitempty" doc:"The online meeting's https link."`
	Confidential bool                   `json:"confidential,omitempty"`
	Attendees    []MeetingAttendeeInput `json:"attendees,omitempty" maxItems:"200"`
	Schedule     bool                   `json:"schedule,omitempty" doc:"Create only: put it in the organizer's agenda at once (status scheduled)."`
}

func (in MeetingInput) toMeetings() meetings.Input {
	out := meetings.Input{Title: in.Title, Description: in.Description, OrganizerID: in.OrganizerID, PreparerID: in.PreparerID,
		Start: in.Start, End: in.End, TimeZone: in.TimeZone, RoomID: in.RoomID, LocationText: in.LocationText,
		OnlineURL: in.OnlineURL, Confidential: in.Confidential}
	for _, a := range in.Attendees {
		out.Attendees = append(out.Attendees, meetings.AttendeeInput{PersonID: a.PersonID, Name: a.Name, Email: a.Email, Optional: a.Optional})
	}
	return out
}

// MeetingFilter selects meetings to list.
type MeetingFilter struct {
	OrganizerID   string    `query:"organizer_id" doc:"Only this organizer's meetings."`
	From          time.Time `query:"from" doc:"Meetings ending after this time."`
	To            time.Time `query:"to" doc:"Meetings starting before this time."`
	Past          bool      `query:"past" doc:"Newest first."`
	WithCancelled bool      `query:"with_cancelled" doc:"Include cancelled meetings."`
}

// InvitationsSent says how many messages were queued.
type InvitationsSent struct {
	Queued int `json:"queued" doc:"Messages queued now (0 when every attendee has the current invitation)."`
}

// AgendaItemInput is an agenda item.
type AgendaItemInput struct {
	Topic          string `json:"topic" maxLength:"200"`
	PresenterID    string `json:"presenter_id,omitempty" doc:"A colleague presenting."`
	PresenterName  string `json:"presenter_name,omitempty" maxLength:"200" doc:"Someone else presenting."`
	PlannedMinutes int    `json:"planned_minutes,omitempty" minimum:"0" maximum:"1440"`
	Notes          string `json:"notes,omitempty" maxLength:"20000" doc:"Preparation notes."`
}

// AnswerInput is an attendee's answer.
type AnswerInput struct {
	Response string `json:"response" enum:"accepted,tentative,declined"`
}

type meetingCreated struct {
	Location string `header:"Location" doc:"The new meeting's URL."`
	Body     Meeting
}

// registerMeetings adds the meetings operations.
func (a *API) registerMeetings() {
	register(a, op{
		ID: "list-meetings", Method: http.MethodGet, Path: "/meetings", Tag: meetingsTag,
		Summary: "List meetings",
		Description: "Lists the meetings the caller may see — their own, those they prepare or attend, and those of principals whose mandate " +
			"grants agenda.see (confidential ones only with documents.see_confidential) — with counts of attendees, answers, agenda items and " +
			"documents.",
		Access: meetingsAccess,
	}, func(ctx context.Context, in *MeetingFilter) (*body[List[MeetingSummary]], error) {
		list, err := a.Meetings.List(ctx, actorFrom(ctx), meetings.Filter{OrganizerID: in.OrganizerID, From: in.From, To: in.To,
			Past: in.Past, WithCancelled: in.WithCancelled})
		if err != nil {
			return nil, err
		}
		return listOf(summariesOf(list)), nil
	})

	register(a, op{
		ID: "create-meeting", Method: http.MethodPost, Path: "/meetings", Tag: meetingsTag,
		Summary: "Plan a meeting",
		Description: "Plans a meeting as a draft for the caller or for a principal whose mandate grants agenda.edit (audited on the principal's " +
			"behalf), with colleagues and external attendees (addresses checked), and books its room in the same transaction (409 when taken). " +
			"With schedule it is put in the organizer's agenda at once. Send the invitations with send-invitations.",
		Access: meetingsAccess,
		Status: http.StatusCreated,
		Errors: []int{http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body MeetingInput }) (*meetingCreated, error) {
		actor := actorFrom(ctx)
		m, err := a.Meetings.Create(ctx, actor, in.Body.toMeetings())
		if err != nil {
			return nil, err
		}
		if in.Body.Schedule {
			if m, err = a.Meetings.Schedule(ctx, actor, m.ID); err != nil {
				return nil, err
			}
		}
		return &meetingCreated{Location: Prefix + "/meetings/" + m.ID, Body: meetingOf(m)}, nil
	})

	register(a, op{
		ID: "get-meeting", Method: http.MethodGet, Path: "/meetings/{id}", Tag: meetingsTag,
		Summary: "Get a meeting",
		Description: "Returns a meeting with its attendees (answers, and per attendee where the newest invitation stands: queued, retrying, " +
			"sent or failed with the reason), agenda items and documents. 404 for a meeting the caller may not see.",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[Meeting], error) {
		m, err := a.Meetings.Get(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(meetingOf(m)), nil
	})

	register(a, op{
		ID: "update-meeting", Method: http.MethodPut, Path: "/meetings/{id}", Tag: meetingsTag,
		Summary: "Change a meeting",
		Description: "Replaces a draft or scheduled meeting's fields (not its organizer). The room booking moves with the time or is exchanged; " +
			"attendees who stay keep their answers; the agenda item follows. When invitations were sent, the revision (sequence) is raised and " +
			"an updated invitation goes to every attendee — which needs mail.send_on_behalf when acting for the organizer (403 otherwise).",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body MeetingInput
	}) (*body[Meeting], error) {
		m, err := a.Meetings.Update(ctx, actorFrom(ctx), in.ID, in.Body.toMeetings())
		if err != nil {
			return nil, err
		}
		return bodyOf(meetingOf(m)), nil
	})

	register(a, op{
		ID: "cancel-meeting", Method: http.MethodPost, Path: "/meetings/{id}/cancel", Tag: meetingsTag,
		Summary: "Cancel a meeting",
		Description: "Cancels a meeting: the room booking is cancelled, the agenda item marked cancelled, and invited attendees receive a " +
			"cancellation (METHOD:CANCEL).",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Meetings.Cancel(ctx, actorFrom(ctx), in.ID)
	})

	register(a, op{
		ID: "send-invitations", Method: http.MethodPost, Path: "/meetings/{id}/invitations", Tag: meetingsTag,
		Summary: "Send the invitations",
		Description: "Sends the meeting's invitation as calendar mail (iMIP, METHOD:REQUEST with an .ics) to every attendee who does not " +
			"have the current revision yet, each as a background job retried with backoff; a failed one is tried again. A draft is scheduled " +
			"first. Sent by an assistant, From is the principal and Sender the assistant — only under a mandate with mail.send_on_behalf " +
			"(403 otherwise). Each invitation carries a link where the attendee answers without logging in. See get-meeting for each " +
			"attendee's mail status.",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *PathID) (*body[InvitationsSent], error) {
		n, err := a.Meetings.SendInvitations(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(InvitationsSent{Queued: n}), nil
	})

	register(a, op{
		ID: "add-agenda-item", Method: http.MethodPost, Path: "/meetings/{id}/items", Tag: meetingsTag,
		Summary:     "Add an agenda item",
		Description: "Adds a topic at the end of a meeting's agenda. The meeting shows the total of planned minutes against its length.",
		Access:      meetingsAccess,
		Status:      http.StatusCreated,
		Errors:      []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body AgendaItemInput
	}) (*body[MeetingAgendaItem], error) {
		it, err := a.Meetings.AddItem(ctx, actorFrom(ctx), in.ID, meetings.ItemInput{Topic: in.Body.Topic, PresenterID: in.Body.PresenterID,
			PresenterName: in.Body.PresenterName, PlannedMinutes: in.Body.PlannedMinutes, Notes: in.Body.Notes})
		if err != nil {
			return nil, err
		}
		return bodyOf(agendaItemOf(it)), nil
	})

	register(a, op{
		ID: "upload-meeting-document", Method: http.MethodPost, Path: "/meetings/{id}/documents", Tag: meetingsTag,
		Summary: "Attach a document",
		Description: "Attaches a file (the request body) to a meeting or one of its agenda items. At most 20 MB; PDF, Word, Excel, PowerPoint, " +
			"OpenDocument text, PNG, JPEG, text or CSV, checked by content: a file whose content does not match its name is refused (422).",
		Access:  meetingsAccess,
		Status:  http.StatusCreated,
		MaxBody: meetings.MaxDocumentSize + 1,
		Errors:  []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		FileName string `query:"file_name" required:"true" maxLength:"200" doc:"The file's name, with its extension."`
		ItemID   string `query:"agenda_item_id" doc:"The agenda item it belongs to; empty for the whole meeting."`
		RawBody  []byte `contentType:"application/octet-stream" doc:"The file."`
	}) (*body[MeetingDocument], error) {
		d, err := a.Meetings.AddDocument(ctx, actorFrom(ctx), in.ID, in.ItemID, in.FileName, in.RawBody)
		if err != nil {
			return nil, err
		}
		return bodyOf(documentOf(d)), nil
	})

	register(a, op{
		ID: "answer-invitation", Method: http.MethodPost, Path: "/invitations/{token}/answer", Tag: meetingsTag,
		Summary: "Answer an invitation",
		Description: "Records an attendee's answer through the secret of the answer link in their invitation; no login needed. Only the " +
			"newest invitation's link works (404 for others).",
		Access: authz.Public,
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		Token string `path:"token" minLength:"1"`
		Body  AnswerInput
	}) (*struct{}, error) {
		return nil, a.Meetings.AnswerByToken(ctx, in.Token, in.Body.Response)
	})

	register(a, op{
		ID: "record-invitation-reply", Method: http.MethodPost, Path: "/meetings/replies", Tag: meetingsTag,
		Summary: "Record a calendar reply",
		Description: "Takes an attendee's answer mail from a calendar app (iMIP METHOD:REPLY, the whole message as the body) and records the " +
			"answer on the meeting with its UID. For the organization's mail gateway (an administrator's API token). An answer to an older " +
			"revision than the newest invitation is ignored (recorded false).",
		Access:  authz.Need(authz.OrgManage),
		MaxBody: 4 << 20,
		Errors:  []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		RawBody []byte `contentType:"message/rfc822" doc:"The reply mail."`
	}) (*body[struct {
		Recorded bool `json:"recorded"`
	}], error) {
		ok, err := a.Meetings.ApplyReply(ctx, bytes.NewReader(in.RawBody))
		if err != nil {
			return nil, err
		}
		return bodyOf(struct {
			Recorded bool `json:"recorded"`
		}{ok}), nil
	})
}
