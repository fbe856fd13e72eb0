package web

import (
	"net/http"
	"regexp"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/meetings"
)

// InvitationPage is the public page behind an invitation's answer link.
type InvitationPage struct {
	Inv      meetings.Invitation
	Token    string
	When     string
	Answered string // the answer just given, translated
	Error    string
}

func (s *Server) invitationShow(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.renderInvitation(w, r, a, http.StatusOK, "", "")
}

func (s *Server) renderInvitation(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, answered, problem string) error {
	inv, err := s.Meetings.InvitationByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	p := s.page(r, a, "")
	p.Title = p.P.T("title.meeting_answer")
	d := InvitationPage{Inv: inv, Token: r.PathValue("token"), When: meetingWhen(p.P, inv.Start, inv.End), Error: translate(p.P, problem)}
	if answered != "" {
		d.Answered = p.P.T("meetings.response." + answered)
	}
	s.render(w, r, status, "meeting_answer", p, d)
	return nil
}

func (s *Server) invitationAnswer(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	resp := r.PostFormValue("response")
	if err := s.Meetings.AnswerByToken(r.Context(), r.PathValue("token"), resp); err != nil {
		if k := apperr.KindOf(err); k == apperr.Invalid || k == apperr.Conflict {
			msg := apperr.MessageOf(err)
			for _, v := range apperr.FieldsOf(err) {
				msg = v
			}
			return s.renderInvitation(w, r, a, statusFor(err), "", msg)
		}
		return err
	}
	return s.renderInvitation(w, r, a, http.StatusOK, resp, "")
}

// badEmail is the meetings service's message for an external attendee's
// address.
var badEmail = regexp.MustCompile(`^"(.*)" is not a valid e-mail address: expected name@domain$`)

// meetingErrors translates every message of errs.
func meetingErrors(p *i18n.Printer, errs FieldErrors) FieldErrors {
	if errs == nil {
		return nil
	}
	out := make(FieldErrors, len(errs))
	for k, v := range errs {
		if m := badEmail.FindStringSubmatch(v); m != nil {
			out[k] = p.T("meetings.msgf.bad_email", "“"+m[1]+"”")
			continue
		}
		out[k] = agendaMsg(p, v)
	}
	return out
}
