package minutes

import "time"

// Minutes statuses. Draft minutes are written by whoever may edit the
// meeting; approved minutes are closed: read-only, sent to the attendees.
const (
	Draft    = "draft"
	Approved = "approved"
)

// Action item statuses.
const (
	Open      = "open"
	Done      = "done"
	Cancelled = "cancelled"
)

// Minutes is what a meeting recorded. A meeting without saved minutes has
// empty Draft minutes with Version 0.
type Minutes struct {
	MeetingID      string     `json:"meeting_id"`
	Status         string     `json:"status"`
	Version        int        `json:"version"`
	ApprovedBy     string     `json:"approved_by,omitempty"`
	ApprovedByName string     `json:"approved_by_name,omitempty"`
	ApprovedAt     *time.Time `json:"approved_at,omitempty"`
	UpdatedAt      *time.Time `json:"updated_at,omitempty"`
	// Notes holds the general notes (AgendaItemID "") and one entry per
	// agenda item that has notes.
	Notes     []Note       `json:"notes"`
	Decisions []Decision   `json:"decisions"`
	Actions   []ActionItem `json:"action_items"`
}

// Note is the minutes' text for one agenda item, or the general notes when
// AgendaItemID is empty.
type Note struct {
	AgendaItemID string `json:"agenda_item_id,omitempty"`
	Text         string `json:"text"`
}

// Decision is one decision taken, optionally under an agenda item.
type Decision struct {
	ID           string `json:"id,omitempty"`
	AgendaItemID string `json:"agenda_item_id,omitempty"`
	Text         string `json:"text"`
}

// ActionItem is something one person must do by a date. The owner is a
// colleague (OwnerID) or someone outside the organization (OwnerName and
// OwnerEmail only).
type ActionItem struct {
	ID           string     `json:"id"`
	MeetingID    string     `json:"meeting_id,omitempty"`
	MeetingTitle string     `json:"meeting_title,omitempty"`
	MeetingStart *time.Time `json:"meeting_start,omitempty"`
	AgendaItemID string     `json:"agenda_item_id,omitempty"`
	Title        string     `json:"title"`
	OwnerID      string     `json:"owner_id,omitempty"`
	OwnerName    string     `json:"owner_name"`
	OwnerEmail   string     `json:"owner_email,omitempty"`
	DueOn        string     `json:"due_on"` // YYYY-MM-DD
	Status       string     `json:"status"`
	ClosedAt     *time.Time `json:"closed_at,omitempty"`
	ClosedBy     string     `json:"closed_by,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	// Overdue is set when the item is open and its due date has passed
	// (in the organization's time zone).
	Overdue bool `json:"overdue"`
	// Confidential is set when the item's meeting is confidential; who
	// may read it then follows the meeting (see confidentialSQL).
	Confidential bool `json:"confidential,omitempty"`
	// MeetingOrganizerID is the organizer of the item's meeting.
	MeetingOrganizerID string `json:"-"`
}

// ActionInput is an action item as written in the minutes form or the API.
// ID empty adds a new item; a known ID changes it. OwnerID names a
// colleague; otherwise OwnerName and OwnerEmail name an outsider.
type ActionInput struct {
	ID           string `json:"id,omitempty"`
	AgendaItemID string `json:"agenda_item_id,omitempty"`
	Title        string `json:"title"`
	OwnerID      string `json:"owner_id,omitempty"`
	OwnerName    string `json:"owner_name,omitempty"`
	OwnerEmail   string `json:"owner_email,omitempty"`
	DueOn        string `json:"due_on"`
}

// Input is the whole draft of the minutes as saved: it replaces notes and
// decisions; action items listed are added or changed, items of these
// minutes not listed are cancelled (never deleted, their history stays).
// Version is the version the writer started from; saving over a newer
// version is a Conflict (someone else saved meanwhile). 0 skips the check.
type Input struct {
	Version   int           `json:"version,omitempty"`
	Notes     []Note        `json:"notes"`
	Decisions []Decision    `json:"decisions"`
	Actions   []ActionInput `json:"action_items"`
}

// HistoryEntry is one saved version of the minutes.
type HistoryEntry struct {
	Version   int       `json:"version"`
	Event     string    `json:"event"` // "save" or "approve"
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
	Snapshot  Snapshot  `json:"snapshot"`
}

// Snapshot is the content of one version, as kept in the history.
type Snapshot struct {
	Notes     []Note           `json:"notes"`
	Decisions []Decision       `json:"decisions"`
	Actions   []SnapshotAction `json:"action_items"`
}

// SnapshotAction is an action item as it stood in a version.
type SnapshotAction struct {
	Title     string `json:"title"`
	OwnerName string `json:"owner_name"`
	DueOn     string `json:"due_on"`
	Status    string `json:"status"`
}

// ActionFilter selects action items for the /actions list.
type ActionFilter struct {
	// For: "" or "mine" lists the actor's own items; "organized" also
	// those of meetings the actor organizes; a principal's person
	// ID lists the items owned by that principal and those of meetings
	// they organize (an assistant needs agenda.see for them).
	For string
	// Status: "open" (default), "done" (done or cancelled) or "all".
	Status string
	// OverdueOnly keeps open items past their due date.
	OverdueOnly bool
	Limit       int // 0 means 500
}
