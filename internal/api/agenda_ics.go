package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/ical"
)

// ICSImportReport says what an iCalendar import did.
type ICSImportReport struct {
	FileName string         `json:"file_name" doc:"The file's name, as given."`
	Events   int            `json:"events" doc:"Events read from the file."`
	Created  int            `json:"created" doc:"Appointments added."`
	Updated  int            `json:"updated" doc:"Appointments changed because an event with the same UID was imported before."`
	Skipped  []SkippedEvent `json:"skipped" nullable:"false" doc:"Events not imported, each with the reason."`
	Rejected bool           `json:"rejected" doc:"True when nothing was imported; such a file answers 422 instead, so a report always has false."`
	Warnings []string       `json:"warnings" nullable:"false" doc:"What was guessed or left out without skipping an event (a time zone recognised from its rules, a missing title), each with its line."`
}

// SkippedEvent is an event that was not imported.
type SkippedEvent struct {
	Line    int    `json:"line" doc:"The line in the file where the event begins."`
	UID     string `json:"uid,omitempty"`
	Summary string `json:"summary,omitempty" doc:"The event's title."`
	Field   string `json:"field,omitempty" doc:"The property at fault, e.g. DTSTART or RRULE."`
	Reason  string `json:"reason" doc:"Why it was skipped."`
}

func icsImportReportOf(r agenda.ImportReport) ICSImportReport {
	out := ICSImportReport{FileName: r.FileName, Events: r.Events, Created: r.Created, Updated: r.Updated, Rejected: r.Rejected,
		Skipped: make([]SkippedEvent, len(r.Skipped)), Warnings: append([]string{}, r.Warnings...)}
	for i, s := range r.Skipped {
		out.Skipped[i] = SkippedEvent(s)
	}
	return out
}

// AgendaFeed is a private subscription URL to an agenda.
type AgendaFeed struct {
	ID         string     `json:"id"`
	OwnerID    string     `json:"owner_id" doc:"Whose agenda the feed shows."`
	OwnerName  string     `json:"owner_name"`
	ReaderID   string     `json:"reader_id" doc:"Whose rights the feed is read with: the person who made it."`
	Name       string     `json:"name" doc:"A name to recognise it by, e.g. the phone it is used on."`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty" doc:"When a calendar program last fetched it."`
	RevokedAt  *time.Time `json:"revoked_at,omitempty" doc:"When it was revoked; it answers 404 from then on."`
}

// FeedInput names a new feed.
type FeedInput struct {
	Name string `json:"name,omitempty" maxLength:"100" doc:"A name to recognise it by." example:"Telefoon"`
}

// FeedCreated is a new feed with its secret, shown once.
type FeedCreated struct {
	AgendaFeed
	Token string `json:"token" doc:"The secret in the URL; it is shown only now."`
	Path  string `json:"path" doc:"The subscription URL's path on this server (served by the web interface, not under /api/v1); add the server's address in front." example:"/agenda/feed/3q2-….ics"`
}

type importICSInput struct {
	AgendaPath
	KeepValid   bool   `query:"keep_valid" doc:"Import the valid events of a file with bad ones and list the others, instead of importing nothing."`
	FileName    string `query:"file_name" maxLength:"200" doc:"The file's name for the report and the audit log (a multipart upload brings its own)."`
	ContentType string `header:"Content-Type" doc:"text/calendar for the file as the body; multipart/form-data with the file in a part named file."`
	RawBody     []byte `contentType:"text/calendar" doc:"The .ics file."`
}

type exportICSInput struct {
	AgendaPath
	Lang string `query:"lang" enum:"nl,en" doc:"Language of the title of busy blocks; default the caller's."`
}

// icsBody is an iCalendar answer.
type icsBody struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (a *API) registerAgendaICS() {
	register(a, op{
		ID: "import-ics", Method: http.MethodPost, Path: "/agendas/{person_id}/import", Tag: agendaTag,
		Summary: "Import an iCalendar file",
		Description: "Imports the events of an .ics file (from Outlook, Exchange, Google, Apple, Thunderbird, …) into a person's agenda: one's own, " +
			"or a principal's under a mandate with agenda.edit. Send the file as the body (text/calendar) or as the part `file` of a " +
			"multipart/form-data upload. Events imported before (same UID) are updated. By default the file is imported whole or not at all: " +
			"when an event is wrong, nothing changes and the answer is a 422 problem with one entry in `errors` per skipped event " +
			"(`location` `line N` or `line N, DTSTART`, the reason as message, the UID as value). With keep_valid=true the valid events are " +
			"imported and the report lists the skipped ones. A file over 16 MiB answers 413.",
		Access:  agendaAccess,
		Errors:  []int{http.StatusNotFound, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge},
		MaxBody: ical.MaxSize + 64<<10,
	}, func(ctx context.Context, in *importICSInput) (*body[ICSImportReport], error) {
		file, name, err := icsUpload(in.ContentType, in.RawBody)
		if err != nil {
			return nil, err
		}
		if name == "" {
			name = in.FileName
		}
		rep, err := a.Agenda.ImportICS(ctx, actorFrom(ctx), in.PersonID, file, agenda.ImportOptions{KeepValid: in.KeepValid, FileName: name})
		if err != nil {
			return nil, relocate(err, map[string]string{"file": "body"})
		}
		if rep.Rejected {
			return nil, importRejected(rep)
		}
		return bodyOf(icsImportReportOf(rep)), nil
	})
	a.documentICS(http.MethodPost, "/agendas/{person_id}/import")

	register(a, op{
		ID: "export-ics", Method: http.MethodGet, Path: "/agendas/{person_id}/calendar.ics", Tag: agendaTag,
		Summary: "Export an agenda as iCalendar",
		Description: "Returns a person's agenda as an iCalendar file (text/calendar), as the caller may see it: items the caller may not see " +
			"in full are busy blocks with no title, place, notes or attendees. Anyone logged in may export anyone's agenda as free/busy.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *exportICSInput) (*icsBody, error) {
		actor := actorFrom(ctx)
		lang := in.Lang
		if lang == "" && actor != nil {
			lang = actor.Language
		}
		var buf bytes.Buffer
		if err := a.Agenda.ExportICS(ctx, actor, in.PersonID, &buf, lang); err != nil {
			return nil, err
		}
		return &icsBody{ContentType: "text/calendar; charset=utf-8",
			ContentDisposition: `attachment; filename="agenda.ics"`, Body: buf.Bytes()}, nil
	})
	a.documentICSAnswer(http.MethodGet, "/agendas/{person_id}/calendar.ics")

	register(a, op{
		ID: "list-agenda-feeds", Method: http.MethodGet, Path: "/agenda-feeds", Tag: agendaTag,
		Summary:     "List my subscription feeds",
		Description: "Lists the private subscription URLs the caller made, revoked ones included (without their secrets).",
		Access:      agendaAccess,
	}, func(ctx context.Context, _ *struct{}) (*body[List[AgendaFeed]], error) {
		list, err := a.Agenda.ListFeeds(ctx, actorFrom(ctx))
		if err != nil {
			return nil, err
		}
		out := make([]AgendaFeed, len(list))
		for i, f := range list {
			out[i] = AgendaFeed(f)
		}
		return listOf(out), nil
	})

	register(a, op{
		ID: "create-agenda-feed", Method: http.MethodPost, Path: "/agendas/{person_id}/feeds", Tag: agendaTag,
		Summary: "Make a subscription feed",
		Description: "Makes a private subscription URL for a calendar program: the person's agenda as the caller may see it at the moment it " +
			"is fetched (a mandate that ends or shrinks takes effect in the feed too). The secret token is returned once. Only with the web " +
			"UI's session: a request with an API token answers 403, because a leaked token must not make a secret that outlives it.",
		Access: agendaAccess,
		Status: http.StatusCreated,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		AgendaPath
		Body FeedInput
	}) (*body[FeedCreated], error) {
		actor := actorFrom(ctx)
		if actor != nil && actor.Via == authz.ViaToken {
			// An agenda that does not exist is not found, whatever the credentials.
			if _, err := a.Agenda.Settings(ctx, actor, in.PersonID); err != nil {
				return nil, err
			}
		}
		f, token, err := a.Agenda.CreateFeed(ctx, actor, in.PersonID, in.Body.Name)
		if err != nil {
			return nil, err
		}
		return bodyOf(FeedCreated{AgendaFeed: AgendaFeed(f), Token: token, Path: FeedPath(token)}), nil
	})

	register(a, op{
		ID: "revoke-agenda-feed", Method: http.MethodDelete, Path: "/agenda-feeds/{id}", Tag: agendaTag,
		Summary:     "Revoke a subscription feed",
		Description: "Ends a feed the caller made; its URL answers 404 from then on.",
		Access:      agendaAccess,
		Errors:      []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Agenda.RevokeFeed(ctx, actorFrom(ctx), in.ID)
	})

}

// FeedPath is the path of the subscription URL with token, which the web
// interface serves (internal/web, GET /agenda/feed/{token}.ics).
func FeedPath(token string) string { return "/agenda/feed/" + url.PathEscape(token) + ".ics" }

// icsUpload returns the iCalendar file of an import request: the body
// itself, or the part "file" (else the first file) of a multipart upload,
// with its file name.
func icsUpload(contentType string, raw []byte) (io.Reader, string, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		return bytes.NewReader(raw), "", nil
	}
	mr := multipart.NewReader(bytes.NewReader(raw), params["boundary"])
	var first []byte
	var firstName string
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", uploadProblem("the multipart upload is malformed: " + err.Error())
		}
		if p.FileName() == "" && p.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, "", uploadProblem("the multipart upload is malformed: " + err.Error())
		}
		if p.FormName() == "file" {
			return bytes.NewReader(data), p.FileName(), nil
		}
		if first == nil {
			first, firstName = data, p.FileName()
		}
	}
	if first == nil {
		return nil, "", uploadProblem("the upload holds no file: send it in a part named file")
	}
	return bytes.NewReader(first), firstName, nil
}

func uploadProblem(msg string) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
}

// importRejected is the 422 problem of an import that changed nothing: one
// detail per skipped event.
func importRejected(rep agenda.ImportReport) error {
	details := make([]error, 0, len(rep.Skipped))
	for _, s := range rep.Skipped {
		loc := fmt.Sprintf("line %d", s.Line)
		if s.Field != "" {
			loc += ", " + s.Field
		}
		msg := s.Reason
		if s.Summary != "" {
			msg = fmt.Sprintf("%s (event %q)", s.Reason, s.Summary)
		}
		var val any
		if s.UID != "" {
			val = s.UID
		}
		details = append(details, &huma.ErrorDetail{Message: msg, Location: loc, Value: val})
	}
	msg := fmt.Sprintf("nothing was imported: %d of %d event(s) cannot be imported; fix them or import with keep_valid=true", len(rep.Skipped), rep.Events)
	return huma.Error422UnprocessableEntity(msg, details...)
}

// documentICS adds the multipart upload to the documented request body of
// the operation at method path.
func (a *API) documentICS(method, path string) {
	o := a.operation(method, path)
	if o == nil || o.RequestBody == nil {
		return
	}
	o.RequestBody.Content["multipart/form-data"] = &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeObject,
		Properties: map[string]*huma.Schema{"file": {Type: huma.TypeString, Format: "binary", Description: "The .ics file."}}}}
}

// documentICSAnswer documents the success answer of the operation at method
// path as text/calendar.
func (a *API) documentICSAnswer(method, path string) {
	o := a.operation(method, path)
	if o == nil {
		return
	}
	if r := o.Responses["200"]; r != nil {
		r.Content = map[string]*huma.MediaType{"text/calendar": {Schema: &huma.Schema{Type: huma.TypeString, Description: "An iCalendar (RFC 5545) file."}}}
	}
}

func (a *API) operation(method, path string) *huma.Operation {
	pi := a.huma.OpenAPI().Paths[Prefix+path]
	if pi == nil {
		return nil
	}
	switch method {
	case http.MethodGet:
		return pi.Get
	case http.MethodPost:
		return pi.Post
	}
	return nil
}
