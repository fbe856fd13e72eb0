package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// maxICSUpload bounds an uploaded calendar file with the form around it.
const maxICSUpload = 6 << 20

// ICalPage is the import form and its report, the export and the private
// subscription feeds.
type ICalPage struct {
	Nav        SubNav
	Who        string
	WhoName    string
	Owners     []Option
	CanImport  bool
	KeepValid  bool
	Errors     FieldErrors
	Report     *agenda.ImportReport
	Skipped    []SkippedView
	Feeds      []FeedView
	FeedName   string
	FeedErrors FieldErrors
	NewFeed    string // the URL of a feed just made, shown once
	ExportURL  string
}

// SkippedView is a skipped event with its reason in words.
type SkippedView struct {
	Line    int
	Summary string
	Reason  string
}

// FeedView is one subscription feed in the list.
type FeedView struct {
	ID      string
	Name    string
	Owner   string
	Created string
	Used    string
	Revoked bool
}

func (s *Server) agendaICal(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.pageFor(r, a, "agenda")
	return s.renderICal(w, r, a, http.StatusOK, ICalPage{Who: agendaWho(r, a, p)})
}

func (s *Server) renderICal(w http.ResponseWriter, r *http.Request, a *authz.Actor, status int, d ICalPage) error {
	ctx := r.Context()
	p := s.pageFor(r, a, "agenda")
	pr := p.P
	d.Nav = agendaSubNav(pr, "ical", d.Who)
	d.Errors, d.FeedErrors = agendaErrors(pr, d.Errors), agendaErrors(pr, d.FeedErrors)
	d.WhoName = s.personName(ctx, a, d.Who)
	d.Owners = s.ownerOptions(ctx, pr, a, d.Who)
	d.CanImport = agenda.AccessTo(a, d.Who).Edit
	d.ExportURL = "/agenda/export.ics?who=" + url.QueryEscape(d.Who)
	feeds, err := s.Agenda.ListFeeds(ctx, a)
	if err != nil {
		return err
	}
	for _, f := range feeds {
		fv := FeedView{ID: f.ID, Name: f.Name, Owner: f.OwnerName, Created: pr.DateTime(f.CreatedAt), Revoked: f.RevokedAt != nil}
		if f.LastUsedAt != nil {
			fv.Used = pr.DateTime(*f.LastUsedAt)
		}
		d.Feeds = append(d.Feeds, fv)
	}
	if d.Report != nil {
		for _, sk := range d.Report.Skipped {
			d.Skipped = append(d.Skipped, SkippedView{Line: sk.Line, Summary: sk.Summary, Reason: agendaMsg(pr, sk.Reason)})
		}
	}
	if d.NewFeed != "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, status, "agenda_ical", p, d)
	return nil
}

func (s *Server) agendaImport(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxICSUpload)
	d := ICalPage{Who: a.PersonID}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		d.Errors = FieldErrors{"file": "choose an iCalendar file (.ics)"}
		if errors.As(err, &tooBig) {
			d.Errors = FieldErrors{"file": "the file is larger than 5 MB"}
		}
		return s.renderICal(w, r, a, http.StatusUnprocessableEntity, d)
	}
	if who := r.FormValue("who"); who != "" {
		d.Who = who
	}
	d.KeepValid = r.FormValue("keep_valid") == "1"
	file, hdr, err := r.FormFile("file")
	if err != nil {
		d.Errors = FieldErrors{"file": "choose an iCalendar file (.ics)"}
		return s.renderICal(w, r, a, http.StatusUnprocessableEntity, d)
	}
	defer file.Close()
	rep, err := s.Agenda.ImportICS(r.Context(), a, d.Who, file, agenda.ImportOptions{KeepValid: d.KeepValid, FileName: hdr.Filename})
	if err != nil {
		e, ok := invalid(err)
		if !ok {
			return err
		}
		if msg, ok := e[""]; ok && len(e) == 1 {
			e = FieldErrors{"file": msg}
		}
		d.Errors = e
		return s.renderICal(w, r, a, statusFor(err), d)
	}
	d.Report = &rep
	status := http.StatusOK
	if rep.Rejected {
		status = http.StatusUnprocessableEntity
	}
	return s.renderICal(w, r, a, status, d)
}

func (s *Server) agendaExport(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "agenda")
	who := agendaWho(r, a, p)
	var buf bytes.Buffer
	if err := s.Agenda.ExportICS(r.Context(), a, who, &buf, p.P.Lang); err != nil {
		return err
	}
	name := fileSafe(s.personName(r.Context(), a, who))
	if name == "" {
		name = "agenda"
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
	return nil
}

// fileSafe keeps letters, digits and dashes of a name for a file name.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

func (s *Server) agendaCreateFeed(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	who := r.PostFormValue("who")
	if who == "" {
		who = a.PersonID
	}
	name := r.PostFormValue("name")
	_, token, err := s.Agenda.CreateFeed(r.Context(), a, who, name)
	if err != nil {
		e, ok := invalid(err)
		if !ok {
			return err
		}
		return s.renderICal(w, r, a, statusFor(err), ICalPage{Who: who, FeedName: name, FeedErrors: e})
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	feedURL := scheme + "://" + r.Host + "/agenda/feed/" + url.PathEscape(token) + ".ics"
	return s.renderICal(w, r, a, http.StatusOK, ICalPage{Who: who, NewFeed: feedURL})
}

func (s *Server) agendaRevokeFeed(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	if err := s.Agenda.RevokeFeed(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	s.done(w, r, "/agenda/ical#feeds", "feed_revoked")
	return nil
}

// agendaFeed serves a private subscription feed to calendar programs: no
// login, the token is the key. An unknown or revoked token answers 404.
func (s *Server) agendaFeed(w http.ResponseWriter, r *http.Request, _ *authz.Actor) error {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || token == "" {
		return apperr.NotFoundf("no such feed")
	}
	lang := i18n.Supported(r.URL.Query().Get("lang"))
	if lang == "" {
		lang = s.organization(r.Context()).Language
	}
	var buf bytes.Buffer
	if err := s.Agenda.FeedICS(r.Context(), token, &buf, lang); err != nil {
		if k := apperr.KindOf(err); k == apperr.NotFound || k == apperr.Unauthorized || k == apperr.Forbidden {
			http.Error(w, "not found", http.StatusNotFound)
			return nil
		}
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	buf.WriteTo(w)
	return nil
}
