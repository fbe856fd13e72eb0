package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/minutes"
)

const minutesTag = "Minutes and action items"

// MinutesNote is the notes of one agenda item, or the general notes.
type MinutesNote struct {
	AgendaItemID string `json:"agenda_item_id,omitempty" doc:"One of the meeting's agenda items; empty for the general notes."`
	Text         string `json:"text" maxLength:"20000"`
}

// MinutesDecision is one decision taken.
type MinutesDecision struct {
	AgendaItemID string `json:"agenda_item_id,omitempty" doc:"The agenda item it was taken under; empty for a general decision."`
	Text         string `json:"text" maxLength:"2000"`
}

// ActionItemInput is an action item as recorded in the minutes.
type ActionItemInput struct {
	ID           string `json:"id,omitempty" doc:"An item of these minutes to change; empty adds one."`
	AgendaItemID string `json:"agenda_item_id,omitempty"`
	Title        string `json:"title" maxLength:"300" doc:"What has to be done."`
	OwnerID      string `json:"owner_id,omitempty" doc:"A colleague (see list-people); their name and address come from the directory."`
	OwnerName    string `json:"owner_name,omitempty" maxLength:"200" doc:"Someone outside the organization: their name …"`
	OwnerEmail   string `json:"owner_email,omitempty" maxLength:"254" doc:"… and e-mail address, where reminders go."`
	DueOn        string `json:"due_on" doc:"Due date, YYYY-MM-DD; today or later for a new item or a changed date."`
}

// MinutesInput is the draft of the minutes as saved.
type MinutesInput struct {
	Version     int               `json:"version,omitempty" doc:"The version you started from (see get-minutes); 409 when someone saved a newer one meanwhile. 0 skips the check."`
	Notes       []MinutesNote     `json:"notes,omitempty" maxItems:"201"`
	Decisions   []MinutesDecision `json:"decisions,omitempty" maxItems:"200"`
	ActionItems []ActionItemInput `json:"action_items,omitempty" maxItems:"200" doc:"Listed items are added or changed; open items of these minutes not listed are cancelled."`
}

// ActionItem is an action item with its meeting.
type ActionItem struct {
	ID           string     `json:"id"`
	MeetingID    string     `json:"meeting_id,omitempty"`
	MeetingTitle string     `json:"meeting_title,omitempty"`
	MeetingStart *time.Time `json:"meeting_start,omitempty"`
	MinutesURL   string     `json:"minutes_url,omitempty" doc:"The meeting's minutes in the web interface."`
	AgendaItemID string     `json:"agenda_item_id,omitempty"`
	Title        string     `json:"title"`
	OwnerID      string     `json:"owner_id,omitempty"`
	OwnerName    string     `json:"owner_name"`
	OwnerEmail   string     `json:"owner_email,omitempty"`
	DueOn        string     `json:"due_on" doc:"YYYY-MM-DD"`
	Status       string     `json:"status" enum:"open,done,cancelled"`
	Overdue      bool       `json:"overdue" doc:"Open and past its due date."`
	ClosedAt     *time.Time `json:"closed_at,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	// ReminderFailed is set (list-action-items) when the item's latest
	// reminder failed for good.
	ReminderFailed *ReminderFailure `json:"reminder_failed,omitempty" doc:"The item's latest reminder failed for good (e.g. the relay refused the address); absent otherwise."`
}

// ReminderFailure is a reminder that was not delivered.
type ReminderFailure struct {
	Stage string    `json:"stage" enum:"before,overdue"`
	At    time.Time `json:"at" doc:"When the reminder was planned."`
	Error string    `json:"error" doc:"The last error, e.g. the relay's refusal."`
}

func actionItemOf(a minutes.ActionItem) ActionItem {
	out := ActionItem{ID: a.ID, MeetingID: a.MeetingID, MeetingTitle: a.MeetingTitle, MeetingStart: a.MeetingStart, AgendaItemID: a.AgendaItemID,
		Title: a.Title, OwnerID: a.OwnerID, OwnerName: a.OwnerName, OwnerEmail: a.OwnerEmail, DueOn: a.DueOn, Status: a.Status,
		Overdue: a.Overdue, ClosedAt: a.ClosedAt, CreatedAt: a.CreatedAt}
	if a.MeetingID != "" {
		out.MinutesURL = "/meetings/" + a.MeetingID + "/minutes"
	}
	return out
}

func actionItemsOf(as []minutes.ActionItem) []ActionItem {
	out := make([]ActionItem, len(as))
	for i, a := range as {
		out[i] = actionItemOf(a)
	}
	return out
}

// MeetingMinutes is a meeting's minutes as the caller sees them.
type MeetingMinutes struct {
	MeetingID      string            `json:"meeting_id"`
	MeetingTitle   string            `json:"meeting_title"`
	Status         string            `json:"status" enum:"draft,approved" doc:"Approved minutes are read-only."`
	Version        int               `json:"version" doc:"Raised by every save and by the approval; 0 when nothing was recorded."`
	ApprovedAt     *time.Time        `json:"approved_at,omitempty"`
	ApprovedByName string            `json:"approved_by_name,omitempty"`
	Notes          []MinutesNote     `json:"notes"`
	Decisions      []MinutesDecision `json:"decisions"`
	ActionItems    []ActionItem      `json:"action_items"`
	Carried        []ActionItem      `json:"carried_action_items" doc:"Open action items of earlier meetings of the same series."`
	NextMeetingID  string            `json:"next_meeting_id,omitempty" doc:"The next meeting of the series."`
	CanWrite       bool              `json:"can_write"`
	CanApprove     bool              `json:"can_approve"`
}

func meetingMinutesOf(v minutes.View) MeetingMinutes {
	m := v.Minutes
	out := MeetingMinutes{MeetingID: v.Meeting.ID, MeetingTitle: v.Meeting.Title, Status: m.Status, Version: m.Version, ApprovedAt: m.ApprovedAt,
		ApprovedByName: m.ApprovedByName, Notes: []MinutesNote{}, Decisions: []MinutesDecision{}, ActionItems: actionItemsOf(m.Actions),
		Carried: actionItemsOf(v.Carried), NextMeetingID: v.NextMeetingID, CanWrite: v.CanWrite, CanApprove: v.CanApprove}
	for _, n := range m.Notes {
		out.Notes = append(out.Notes, MinutesNote{AgendaItemID: n.AgendaItemID, Text: n.Text})
	}
	for _, d := range m.Decisions {
		out.Decisions = append(out.Decisions, MinutesDecision{AgendaItemID: d.AgendaItemID, Text: d.Text})
	}
	return out
}

// minutesBody is the minutes of meeting id as actor sees them.
func (a *API) minutesBody(ctx context.Context, actor *authz.Actor, id string) (*body[MeetingMinutes], error) {
	v, err := a.Minutes.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return bodyOf(meetingMinutesOf(v)), nil
}

// ActionItemFilter selects action items.
type ActionItemFilter struct {
	For     string `query:"for" doc:"Empty or 'mine': the caller's own items; 'organized': also those of meetings the caller organizes. A principal's ID: the items they own and those of their meetings (needs a mandate with agenda.see; 403 otherwise)."`
	Status  string `query:"status" enum:"open,done,all," doc:"open (default), done (closed or cancelled) or all."`
	Overdue bool   `query:"overdue" doc:"Only open items past their due date."`
}

// ActionItemChange changes an action item; absent fields stay.
type ActionItemChange struct {
	Status *string `json:"status,omitempty" enum:"open,done" doc:"done closes the item (its reminders are cancelled); open reopens it."`
	DueOn  *string `json:"due_on,omitempty" doc:"A new due date, YYYY-MM-DD, today or later; the reminders follow."`
}

// registerMinutes adds the minutes operations.
func (a *API) registerMinutes() {
	register(a, op{
		ID: "get-minutes", Method: http.MethodGet, Path: "/meetings/{id}/minutes", Tag: minutesTag,
		Summary: "Get a meeting's minutes",
		Description: "Returns the minutes of a meeting the caller may see: notes per agenda item, decisions, action items, the open action " +
			"items carried from earlier meetings of the series, and whether the caller may write or approve them. A meeting without minutes " +
			"has empty draft minutes of version 0.",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[MeetingMinutes], error) {
		return a.minutesBody(ctx, actorFrom(ctx), in.ID)
	})

	register(a, op{
		ID: "record-minutes", Method: http.MethodPut, Path: "/meetings/{id}/minutes", Tag: minutesTag,
		Summary: "Record the minutes",
		Description: "Saves the draft minutes of a scheduled or held meeting: replaces the notes and decisions, adds and changes action items " +
			"(owner a colleague, or an outsider by name and e-mail; a due date), cancels open items left out. For whoever may edit the meeting " +
			"(the organizer, or an assistant with agenda.edit); 403 otherwise. Every save raises the version and is kept in the history. " +
			"Owners get reminder mails two working days before the due date and weekly after it while the item is open. 409 for approved " +
			"minutes, a draft or cancelled meeting, or when someone saved a newer version meanwhile.",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body MinutesInput
	}) (*body[MeetingMinutes], error) {
		rec := minutes.Input{Version: in.Body.Version}
		for _, n := range in.Body.Notes {
			rec.Notes = append(rec.Notes, minutes.Note{AgendaItemID: n.AgendaItemID, Text: n.Text})
		}
		for _, d := range in.Body.Decisions {
			rec.Decisions = append(rec.Decisions, minutes.Decision{AgendaItemID: d.AgendaItemID, Text: d.Text})
		}
		for _, x := range in.Body.ActionItems {
			rec.Actions = append(rec.Actions, minutes.ActionInput{ID: x.ID, AgendaItemID: x.AgendaItemID, Title: x.Title, OwnerID: x.OwnerID,
				OwnerName: x.OwnerName, OwnerEmail: x.OwnerEmail, DueOn: x.DueOn})
		}
		actor := actorFrom(ctx)
		if _, err := a.Minutes.Record(ctx, actor, in.ID, rec); err != nil {
			return nil, err
		}
		return a.minutesBody(ctx, actor, in.ID)
	})

	register(a, op{
		ID: "approve-minutes", Method: http.MethodPost, Path: "/meetings/{id}/minutes/approve", Tag: minutesTag,
		Summary: "Approve and send the minutes",
		Description: "Closes the minutes of a meeting that has taken place: they become read-only, the meeting's status becomes " +
			"minutes_approved, and every attendee and the organizer get a mail with a link and the minutes as a PDF (one background job per " +
			"recipient, retried with backoff). For the organizer or an assistant with agenda.edit (403 otherwise); 409 when already approved, " +
			"when nothing was recorded or when the meeting has not started. Approved minutes cannot be reopened.",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*body[MeetingMinutes], error) {
		actor := actorFrom(ctx)
		if _, err := a.Minutes.Approve(ctx, actor, in.ID); err != nil {
			return nil, err
		}
		return a.minutesBody(ctx, actor, in.ID)
	})

	register(a, op{
		ID: "list-action-items", Method: http.MethodGet, Path: "/action-items", Tag: minutesTag,
		Summary: "List action items",
		Description: "Lists action items across meetings: the caller's own, or a principal's (items they own and items of the meetings " +
			"they organize). Items of a confidential meeting are listed for a principal's assistant only when the assistant may see that " +
			"meeting: acting for its organizer with documents.see_confidential, or attending it. Open items come by due date with overdue " +
			"ones flagged; each links to its meeting's minutes, and an item whose latest reminder failed for good says so (reminder_failed). At most 500.",
		Access: meetingsAccess,
		Errors: []int{http.StatusForbidden, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *ActionItemFilter) (*body[List[ActionItem]], error) {
		list, err := a.Minutes.ListActions(ctx, actorFrom(ctx), minutes.ActionFilter{For: in.For, Status: in.Status, OverdueOnly: in.Overdue})
		if err != nil {
			return nil, err
		}
		failed, err := a.Minutes.ReminderFailures(ctx, list)
		if err != nil {
			return nil, err
		}
		out := actionItemsOf(list)
		for i := range out {
			if f, ok := failed[out[i].ID]; ok {
				out[i].ReminderFailed = &ReminderFailure{Stage: f.Stage, At: f.At, Error: f.Error}
			}
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "update-action-item", Method: http.MethodPatch, Path: "/action-items/{id}", Tag: minutesTag,
		Summary: "Close, reopen or reschedule an action item",
		Description: "Closes (status done) or reopens (open) an action item, or moves its due date; its reminders follow (closing cancels " +
			"them). For the owner, an assistant acting for the owner with agenda.edit (for an item of a confidential meeting only when they " +
			"may see that meeting), or whoever may edit the item's meeting; 403 for others who can see it, 404 for the rest.",
		Access: meetingsAccess,
		Errors: []int{http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body ActionItemChange
	}) (*body[ActionItem], error) {
		it, err := a.Minutes.UpdateAction(ctx, actorFrom(ctx), in.ID, minutes.ActionUpdate{Status: in.Body.Status, DueOn: in.Body.DueOn})
		if err != nil {
			return nil, err
		}
		return bodyOf(actionItemOf(it)), nil
	})
}
