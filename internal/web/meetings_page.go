package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/meetings"
)

// MeetingPage is one meeting: details, attendees with answers and mail
// status, room, agenda items with documents, and the buttons.
type MeetingPage struct {
	Nav       SubNav
	M         meetings.Meeting
	CanEdit   bool
	CanSend   bool
	Attending *meetings.Attendee // the actor as attendee, to answer
	NextID    string             // the next meeting of the series
	Problem   string             // translated: why the last action did not go through
	ItemForm  meetings.ItemInput
	Errors    FieldErrors
	Planned   int
	Length    int
	Over      bool
	Unsent    bool // invitations not sent for the current revision
	ItemDocs  map[string][]meetings.Document
	Loose     []meetings.Document // documents not tied to an item
	MaxUpload string
}

// When is the meeting's time in words.
func (d MeetingPage) When(p *i18n.Printer) string { return meetingWhen(p, d.M.Start, d.M.End) }

// Size is a file size in kB or MB.
func (MeetingPage) Size(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " kB"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

func (s *Server) meetingShow(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	d := MeetingPage{}
	if msg := r.URL.Query().Get("problem"); msg != "" && knownProblem(s.page(r, a, "meetings").P, msg) {
		d.Errors = FieldErrors{"": msg}
	}
	return s.renderMeeting(w, r, a, http.StatusOK, r.PathValue("id"), d)
}

func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, id string, d MeetingPage) error {
	ctx := r.Context()
	m, err := s.Meetings.Get(ctx, a, id)
	if err != nil {
		return err
	}
	p := s.pageFor(r, a, "meetings")
	p.Title = m.Title
	d.Nav = meetingsSubNav(p.P, a, "meetings")
	d.M = m
	d.Errors = meetingErrors(p.P, d.Errors)
	d.CanEdit, d.CanSend = s.Meetings.CanEdit(a, m), s.Meetings.CanSend(a, m)
	for i := range m.Attendees {
		if m.Attendees[i].PersonID == a.PersonID {
			d.Attending = &m.Attendees[i]
		}
	}
	if next, ok, err := s.Meetings.NextInSeries(ctx, s.Meetings.DB.R, m.ID); err == nil && ok {
		d.NextID = next
	}
	d.Planned, d.Length, d.Over = m.PlannedMinutes(), m.Minutes(), m.OverPlanned()
	d.Unsent = len(m.Attendees) > 0 && (m.InvitedSequence == nil || *m.InvitedSequence < m.Sequence)
	d.ItemDocs = map[string][]meetings.Document{}
	for _, doc := range m.Documents {
		if doc.AgendaItemID == "" {
			d.Loose = append(d.Loose, doc)
		} else {
			d.ItemDocs[doc.AgendaItemID] = append(d.ItemDocs[doc.AgendaItemID], doc)
		}
	}
	d.MaxUpload = "20 MB"
	s.render(w, r, status, "meeting", p, d)
	return nil
}

// meetingAction runs a button's action and returns to the meeting page with
// a flash, or shows the page again with the refusal.
func (s *Server) meetingAction(w http.ResponseWriter, r *http.Request, a *authz.Actor, flash, frag string, act func() error) error {
	id := r.PathValue("id")
	if err := act(); err != nil {
		k := apperr.KindOf(err)
		if k == apperr.Invalid || k == apperr.Conflict || k == apperr.Forbidden {
			msg := apperr.MessageOf(err)
			for _, v := range apperr.FieldsOf(err) {
				msg = v
			}
			st := statusOf(err) // 422, 409 or 403
			return s.renderMeeting(w, r, a, st, id, MeetingPage{Errors: FieldErrors{"": msg}})
		}
		return err
	}
	s.done(w, r, meetingURL(id, frag), flash)
	return nil
}

func (s *Server) meetingSchedule(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.meetingAction(w, r, a, "meeting_scheduled", "", func() error {
		_, err := s.Meetings.Schedule(r.Context(), a, r.PathValue("id"))
		return err
	})
}

func (s *Server) meetingSend(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.meetingAction(w, r, a, "meeting_invitations_queued", "attendees", func() error {
		_, err := s.Meetings.SendInvitations(r.Context(), a, r.PathValue("id"))
		return err
	})
}

func (s *Server) meetingCancel(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.meetingAction(w, r, a, "meeting_cancelled", "", func() error {
		return s.Meetings.Cancel(r.Context(), a, r.PathValue("id"))
	})
}

func (s *Server) meetingHeld(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.meetingAction(w, r, a, "meeting_held", "", func() error {
		return s.Meetings.MarkHeld(r.Context(), a, r.PathValue("id"))
	})
}

func (s *Server) meetingRespond(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	return s.meetingAction(w, r, a, "meeting_answered", "attendees", func() error {
		return s.Meetings.Answer(r.Context(), a, r.PathValue("id"), r.PostFormValue("response"))
	})
}

func (s *Server) meetingNext(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	next, err := s.Meetings.PlanNext(r.Context(), a, r.PathValue("id"), meetings.NextInput{})
	if err != nil {
		return s.meetingAction(w, r, a, "", "", func() error { return err })
	}
	s.done(w, r, meetingURL(next.ID, ""), "meeting_next_planned")
	return nil
}

func (s *Server) meetingItemAdd(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in := meetings.ItemInput{Topic: r.PostFormValue("topic"), PresenterID: r.PostFormValue("presenter_id"),
		PresenterName: r.PostFormValue("presenter_name"), Notes: r.PostFormValue("notes")}
	errs := FieldErrors{}
	if v := strings.TrimSpace(r.PostFormValue("planned_minutes")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs["planned_minutes"] = "plan 0 to 1440 minutes"
		}
		in.PlannedMinutes = n
	}
	if len(errs) == 0 {
		_, err := s.Meetings.AddItem(r.Context(), a, r.PathValue("id"), in)
		if err == nil {
			s.done(w, r, meetingURL(r.PathValue("id"), "items"), "meeting_item_added")
			return nil
		}
		fe, ok := invalid(err)
		if !ok {
			return err
		}
		errs = fe
	}
	return s.renderMeeting(w, r, a, http.StatusUnprocessableEntity, r.PathValue("id"), MeetingPage{ItemForm: in, Errors: errs})
}

func (s *Server) meetingItemMove(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	delta := 1
	if r.PostFormValue("direction") == "up" {
		delta = -1
	}
	return s.meetingAction(w, r, a, "meeting_item_moved", "items", func() error {
		return s.Meetings.MoveItem(r.Context(), a, r.PathValue("item"), delta)
	})
}

func (s *Server) meetingItemDelete(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.meetingAction(w, r, a, "meeting_item_deleted", "items", func() error {
		return s.Meetings.DeleteItem(r.Context(), a, r.PathValue("item"))
	})
}

func (s *Server) meetingItemNext(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	return s.meetingAction(w, r, a, "meeting_item_to_next", "items", func() error {
		_, err := s.Meetings.MoveItemToNext(r.Context(), a, r.PathValue("item"), r.PostFormValue("create") != "")
		return err
	})
}

// maxUploadBody caps a document upload: the file (20 MB) plus the form.
const maxUploadBody = meetings.MaxDocumentSize + 1<<20

func (s *Server) meetingDocAdd(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
	upload := func() error {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return apperr.Fields{"file": "a file can be at most 20 MB"}.Err()
			}
			return apperr.Fields{"file": "choose a file to upload"}.Err()
		}
		file, hdr, err := r.FormFile("file")
		if err != nil {
			return apperr.Fields{"file": "choose a file to upload"}.Err()
		}
		defer file.Close()
		content, err := io.ReadAll(io.LimitReader(file, meetings.MaxDocumentSize+1))
		if err != nil {
			return err
		}
		_, err = s.Meetings.AddDocument(r.Context(), a, r.PathValue("id"), r.FormValue("item"), hdr.Filename, content)
		return err
	}
	return s.meetingAction(w, r, a, "meeting_document_added", "items", upload)
}

func (s *Server) meetingDocGet(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	doc, content, err := s.Meetings.DocumentContent(r.Context(), a, r.PathValue("doc"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", doc.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	_, err = w.Write(content)
	return err
}

func (s *Server) meetingDocDelete(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	return s.meetingAction(w, r, a, "meeting_document_deleted", "items", func() error {
		return s.Meetings.DeleteDocument(r.Context(), a, r.PathValue("doc"))
	})
}

// knownProblem reports whether msg, from a link's ?problem=, is one of the
// services' messages the catalogs know (as such or by pattern): the link
// can be made by anyone, so the meeting page shows no text of their own.
func knownProblem(p *i18n.Printer, msg string) bool {
	if p.Has("msg." + msg) {
		return true
	}
	for _, ap := range agendaPatterns {
		if ap.re.MatchString(msg) {
			return true
		}
	}
	for _, mp := range msgPatterns {
		if mp.re.MatchString(msg) {
			return true
		}
	}
	return false
}
