package authz

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Scope is one thing a principal lets a Management Assistant do on their behalf.
type Scope string

// The mandate scopes. Approvals are "prepare only": a Management Assistant
// never decides.
const (
	AgendaSee             Scope = "agenda.see"
	AgendaSeePrivate      Scope = "agenda.see_private"
	AgendaEdit            Scope = "agenda.edit"
	AgendaRespond         Scope = "agenda.respond"
	MailRead              Scope = "mail.read"
	MailDraft             Scope = "mail.draft"
	MailSendOnBehalf      Scope = "mail.send_on_behalf"
	DocumentsConfidential Scope = "documents.see_confidential"
	TravelBook            Scope = "travel.book"
	ApprovalsPrepare      Scope = "approvals.prepare"
)

// AllScopes returns every scope in the order the mandate form shows them.
func AllScopes() []Scope {
	return []Scope{AgendaSee, AgendaSeePrivate, AgendaEdit, AgendaRespond,
		MailRead, MailDraft, MailSendOnBehalf, DocumentsConfidential, TravelBook, ApprovalsPrepare}
}

// ScopeImplies lists, per scope, the scopes it cannot work without; a mandate
// that grants a scope also grants what it implies (editing an agenda needs
// seeing it).
func ScopeImplies(s Scope) []Scope {
	switch s {
	case AgendaSeePrivate, AgendaEdit, AgendaRespond:
		return []Scope{AgendaSee}
	case MailDraft:
		return []Scope{MailRead}
	case MailSendOnBehalf:
		return []Scope{MailRead, MailDraft}
	}
	return nil
}

// Scopes is a set of mandate scopes.
type Scopes []Scope

// ParseScopes reads the stored form (space-separated). Unknown words are
// dropped, so a scope removed from spil grants nothing.
func ParseScopes(s string) Scopes {
	var out Scopes
	for _, w := range strings.Fields(s) {
		if slices.Contains(AllScopes(), Scope(w)) && !slices.Contains(out, Scope(w)) {
			out = append(out, Scope(w))
		}
	}
	return out.Normalize()
}

// Normalize adds implied scopes, removes duplicates and sorts in form order.
func (s Scopes) Normalize() Scopes {
	set := map[Scope]bool{}
	for _, sc := range s {
		set[sc] = true
		for _, im := range ScopeImplies(sc) {
			set[im] = true
		}
	}
	out := Scopes{}
	for _, sc := range AllScopes() {
		if set[sc] {
			out = append(out, sc)
		}
	}
	return out
}

// Has reports whether s contains sc.
func (s Scopes) Has(sc Scope) bool { return slices.Contains(s, sc) }

// String is the stored form: space-separated, sorted.
func (s Scopes) String() string {
	ws := make([]string, len(s))
	for i, sc := range s {
		ws[i] = string(sc)
	}
	sort.Strings(ws)
	return strings.Join(ws, " ")
}

// Mandate is what a principal has allowed one Management Assistant to do on
// their behalf.
type Mandate struct {
	ID            string    `json:"id"`
	PrincipalID   string    `json:"principal_id"`
	PrincipalName string    `json:"principal_name"`
	AssistantID   string    `json:"assistant_id"`
	AssistantName string    `json:"assistant_name"`
	Scopes        Scopes    `json:"scopes"`
	GrantedBy     string    `json:"granted_by,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}
