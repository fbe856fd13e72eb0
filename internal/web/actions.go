package web

import (
	"net/http"
	"net/url"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/minutes"
)

// ActionsPage lists action items across meetings: the actor's own, or —
// for an assistant — a principal's (items they own and items of their
// meetings), open or done, overdue ones marked.
type ActionsPage struct {
	Nav      SubNav
	Items    []minutes.ActionItem
	For      []Option // "mine" and the principals the actor sees
	Status   []Option // open, done, all
	ForValue string
	Overdue  int
	// CanChange: the actor may close and reopen the listed items (their
	// own, or a principal's under a mandate with agenda.edit).
	CanChange bool
	Back      string // this page's address, to return to after a change
	Errors    FieldErrors
	// Failed says per item ID which reminder failed for good and why
	// (minutes.ReminderFailures), shown next to the item.
	Failed map[string]string
}

func (s *Server) actionsList(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderActions(w, r, a, http.StatusOK, nil)
}

func (s *Server) renderActions(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, errs FieldErrors) error {
	p := s.pageFor(r, a, "meetings")
	q := r.URL.Query()
	who, st := q.Get("for"), q.Get("status")
	if !q.Has("for") && p.Principal != "" && a.ActsFor(p.Principal, authz.AgendaSee) {
		who = p.Principal // an assistant starts with the principal they work for
	}
	if who == "" || who == a.PersonID {
		who = "mine"
	}
	if st == "" {
		st = minutes.Open
	}
	d := ActionsPage{Nav: meetingsSubNav(p.P, a, "actions"), ForValue: who, Back: r.URL.RequestURI(), Errors: errs}
	d.For = append(d.For, Option{Value: "mine", Label: p.P.T("actions.for_mine"), Checked: who == "mine"},
		Option{Value: "organized", Label: p.P.T("actions.for_organized"), Checked: who == "organized"})
	for _, m := range a.Principals() {
		if m.Scopes.Has(authz.AgendaSee) {
			d.For = append(d.For, Option{Value: m.PrincipalID, Label: m.PrincipalName, Checked: who == m.PrincipalID})
		}
	}
	for _, k := range []string{minutes.Open, minutes.Done, "all"} {
		d.Status = append(d.Status, Option{Value: k, Label: p.P.T("actions.status." + k), Checked: st == k})
	}
	items, err := s.Minutes.ListActions(r.Context(), a, minutes.ActionFilter{For: who, Status: st})
	if err != nil {
		return err
	}
	d.Items = items
	failed, err := s.Minutes.ReminderFailures(r.Context(), items)
	if err != nil {
		return err
	}
	d.Failed = reminderFailureTexts(p.P, failed)
	// Items of one's own meetings may be changed by the organizer, one's own by the owner.
	d.CanChange = who == "mine" || who == "organized" || a.ActsFor(who, authz.AgendaEdit)
	for _, it := range items {
		if it.Overdue {
			d.Overdue++
		}
	}
	s.render(w, r, status, "actions", p, d)
	return nil
}

func (s *Server) actionClose(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.actionSet(w, r, a, minutes.Done, "action_closed")
}

func (s *Server) actionReopen(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.actionSet(w, r, a, minutes.Open, "action_reopened")
}

// actionSet closes or reopens action item {id} and returns to the page the
// button was on (the form's "back", a local address), or shows /actions
// with the refusal.
func (s *Server) actionSet(w http.ResponseWriter, r *http.Request, a *authz.Actor, status, flash string) error {
	if err := parseForm(r); err != nil {
		return err
	}
	back := actionsBack(r.PostFormValue("back"), "/actions")
	if _, err := s.Minutes.UpdateAction(r.Context(), a, r.PathValue("id"), minutes.ActionUpdate{Status: &status}); err != nil {
		k := apperr.KindOf(err)
		if k == apperr.Conflict || k == apperr.Forbidden || k == apperr.Invalid {
			st := statusOf(err) // 422, 409 or 403
			r.URL.RawQuery = ""
			return s.renderActions(w, r, a, st, FieldErrors{"": apperr.MessageOf(err)})
		}
		return err
	}
	s.done(w, r, back, flash)
	return nil
}

// actionsBack returns p when it is an address on this site (safeNext),
// else def; the done flash of an earlier change is dropped.
func actionsBack(p, def string) string {
	if safeNext(p) != p {
		return def
	}
	u, err := url.Parse(p)
	if err != nil {
		return def
	}
	q := u.Query()
	q.Del("done")
	u.RawQuery = q.Encode()
	back := u.RequestURI()
	if u.Fragment != "" {
		back += "#" + u.Fragment
	}
	return back
}

// Due formats a due date (YYYY-MM-DD) in the printer's language.
func (ActionsPage) Due(p *i18n.Printer, due string) string {
	return ActionTable{P: p}.Due(due)
}
