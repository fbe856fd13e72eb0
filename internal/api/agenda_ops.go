package api

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/agenda"
	"spil/internal/apperr"
	"spil/internal/authz"
)

const agendaTag = "Agenda"

// agendaAccess is the access every agenda operation declares: anyone logged
// in. The agenda service decides per agenda what the caller may see and do
// (their own agenda, a principal's within the mandate, free/busy for the
// rest).
var agendaAccess = authz.Authenticated

// AgendaPath names the person whose agenda an operation works on.
type AgendaPath struct {
	PersonID string `path:"person_id" minLength:"1" doc:"The person whose agenda it is (see list-people)."`
}

// Period is a stretch of time to list.
type Period struct {
	From time.Time `query:"from" required:"true" doc:"Start of the period (RFC 3339)." example:"2026-11-02T00:00:00+01:00"`
	To   time.Time `query:"to" required:"true" doc:"End of the period (RFC 3339), after from; at most 400 days later." example:"2026-11-09T00:00:00+01:00"`
}

// SeriesEdit says which part of a recurring series a change applies to.
type SeriesEdit struct {
	Range           string    `query:"range" enum:"this,following,all" doc:"For a series: this occurrence only, this and all later ones (the series is split), or the whole series (default)."`
	OccurrenceStart time.Time `query:"occurrence_start" doc:"The occurrence_start of the instance changed (from list-appointments); required with range this or following."`
}

func (e SeriesEdit) toAgenda() agenda.Edit {
	out := agenda.Edit{Range: e.Range}
	if !e.OccurrenceStart.IsZero() {
		t := e.OccurrenceStart
		out.OccurrenceStart = &t
	}
	return out
}

// editQuery are the query parameters of a series edit, for field locations.
var editQuery = []string{"range", "occurrence_start"}

type appointmentCreated struct {
	Location string `header:"Location" doc:"The new appointment's URL."`
	Body     Appointment
}

// MoveInput gives an appointment new times.
type MoveInput struct {
	Start time.Time `json:"start" doc:"New start."`
	End   time.Time `json:"end" doc:"New end, after the start."`
}

// ResponseInput answers an invitation.
type ResponseInput struct {
	Response string `json:"response" enum:"accepted,tentative,declined" doc:"The answer."`
}

func (a *API) registerAgenda() {
	a.registerAppointments()
	a.registerAgendaPlanning()
	a.registerAgendaSettings()
	a.registerAgendaICS()
}

func (a *API) registerAppointments() {
	register(a, op{
		ID: "list-appointments", Method: http.MethodGet, Path: "/agendas/{person_id}/appointments", Tag: agendaTag,
		Summary: "List appointments",
		Description: "Lists the appointments in a person's agenda that overlap the period, by start: their own items and those they attend " +
			"(unless declined); each instance of a series separately; cancelled items with their status. The caller sees each item as " +
			"far as they may: the owner everything; a Management Assistant what the principal's mandate opens (agenda.see for normal items, " +
			"agenda.see_private for private ones, and documents.see_confidential besides for confidential ones); attendees the items they attend; " +
			"everyone else busy blocks (`hidden`: true) without title, notes, place, attendees or priority.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		AgendaPath
		Period
	}) (*body[List[Occurrence]], error) {
		list, err := a.Agenda.List(ctx, actorFrom(ctx), in.PersonID, in.From, in.To)
		if err != nil {
			return nil, inQuery(err, "from", "to")
		}
		return listOf(occurrencesOf(list)), nil
	})

	register(a, op{
		ID: "create-appointment", Method: http.MethodPost, Path: "/agendas/{person_id}/appointments", Tag: agendaTag,
		Summary: "Add an appointment",
		Description: "Adds an appointment (or a recurring series, with rrule) to a person's agenda: one's own, or a principal's under a mandate " +
			"with agenda.edit (recorded in the audit log on the principal's behalf). An item may not overlap a P1 item, and a P1 item no " +
			"other item (409). Other overlaps are allowed and reported by get-appointment-conflicts, with proposed new times. " +
			"An agenda the caller may not even see answers 404; one they may see but not change 403.",
		Access: agendaAccess,
		Status: http.StatusCreated,
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		AgendaPath
		Body AppointmentInput
	}) (*appointmentCreated, error) {
		ap, err := a.Agenda.Create(ctx, actorFrom(ctx), in.PersonID, in.Body.toAgenda())
		if err != nil {
			return nil, err
		}
		return &appointmentCreated{Location: Prefix + "/appointments/" + ap.ID, Body: appointmentOf(ap)}, nil
	})

	register(a, op{
		ID: "get-appointment", Method: http.MethodGet, Path: "/appointments/{id}", Tag: agendaTag,
		Summary: "Get an appointment",
		Description: "Returns one stored appointment (a single item, a series with its rule, or a changed occurrence) as the caller may see it; " +
			"a busy block (`hidden`: true) when they may not see its details.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[Appointment], error) {
		ap, err := a.Agenda.Get(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(appointmentOf(ap)), nil
	})

	register(a, op{
		ID: "update-appointment", Method: http.MethodPut, Path: "/appointments/{id}", Tag: agendaTag,
		Summary: "Change an appointment",
		Description: "Replaces every field of an appointment. On a series, range says what changes: `this` occurrence only (stored as a changed " +
			"occurrence), `following` (this and all later ones: the series is split at occurrence_start) or `all` (the default; sent with " +
			"occurrence_start, every instance shifts by the same wall-clock change). Returns the appointment changed or made (the changed " +
			"occurrence, or the new series from occurrence_start on). The same rules as create-appointment apply; an item the caller sees " +
			"only as busy cannot be changed (403).",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		SeriesEdit
		Body AppointmentInput
	}) (*body[Appointment], error) {
		ap, err := a.Agenda.Update(ctx, actorFrom(ctx), in.ID, in.SeriesEdit.toAgenda(), in.Body.toAgenda())
		if err != nil {
			return nil, inQuery(err, editQuery...)
		}
		return bodyOf(appointmentOf(ap)), nil
	})

	register(a, op{
		ID: "move-appointment", Method: http.MethodPost, Path: "/appointments/{id}/move", Tag: agendaTag,
		Summary: "Move an appointment",
		Description: "Gives an appointment new times and keeps everything else, as dragging it in the week view does. On a series, range and " +
			"occurrence_start work as in update-appointment.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		SeriesEdit
		Body MoveInput
	}) (*body[Appointment], error) {
		ap, err := a.Agenda.Move(ctx, actorFrom(ctx), in.ID, in.SeriesEdit.toAgenda(), in.Body.Start, in.Body.End)
		if err != nil {
			return nil, inQuery(err, editQuery...)
		}
		return bodyOf(appointmentOf(ap)), nil
	})

	register(a, op{
		ID: "delete-appointment", Method: http.MethodDelete, Path: "/appointments/{id}", Tag: agendaTag,
		Summary: "Delete an appointment",
		Description: "Removes an appointment. On a series, range says what goes: `this` occurrence (it is excluded), `following` (the series " +
			"ends before occurrence_start) or `all` (the default). Audited.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		SeriesEdit
	}) (*struct{}, error) {
		return nil, inQuery(a.Agenda.Delete(ctx, actorFrom(ctx), in.ID, in.SeriesEdit.toAgenda()), editQuery...)
	})

	register(a, op{
		ID: "respond-to-appointment", Method: http.MethodPut, Path: "/appointments/{id}/responses/{person_id}", Tag: agendaTag,
		Summary: "Answer an invitation",
		Description: "Answers an attendee's invitation to an appointment (for a series: the whole series): accepted, tentative or declined. " +
			"Attendees answer for themselves; a Management Assistant answers for a principal whose mandate grants agenda.respond (audited " +
			"on the principal's behalf). A declined item leaves the attendee's agenda.",
		Access: agendaAccess,
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		AgendaPath
		Body ResponseInput
	}) (*struct{}, error) {
		return nil, a.Agenda.Respond(ctx, actorFrom(ctx), in.ID, in.PersonID, in.Body.Response)
	})
}

// inQuery turns an Invalid error whose fields name query parameters into a
// problem whose details point at query.<name> (the other fields stay at
// body.<name>). Other errors pass unchanged; nil stays nil.
func inQuery(err error, params ...string) error {
	locs := make(map[string]string, len(params))
	for _, p := range params {
		locs[p] = "query." + p
	}
	return relocate(err, locs)
}

// relocate turns an Invalid error with fields named in locs into a problem
// whose details point at those locations; other fields point at
// body.<field>. Other errors, and Invalid errors without such fields, pass
// unchanged; nil stays nil.
func relocate(err error, locs map[string]string) error {
	if err == nil || apperr.KindOf(err) != apperr.Invalid {
		return err
	}
	fields := apperr.FieldsOf(err)
	keys := make([]string, 0, len(fields))
	moved := false
	for k := range fields {
		keys = append(keys, k)
		_, ok := locs[k]
		moved = moved || ok
	}
	if !moved {
		return err
	}
	sort.Strings(keys)
	details := make([]error, 0, len(keys))
	for _, k := range keys {
		loc, ok := locs[k]
		if !ok {
			loc = "body." + k
		}
		details = append(details, &huma.ErrorDetail{Message: fields[k], Location: loc})
	}
	return huma.NewError(http.StatusUnprocessableEntity, apperr.MessageOf(err), details...)
}
