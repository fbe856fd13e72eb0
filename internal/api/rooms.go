package api

import (
	"context"
	"net/http"
	"time"

	"spil/internal/authz"
	"spil/internal/rooms"
)

// RoomsQuery filters rooms; with from and to only the rooms free for the
// whole period are listed.
type RoomsQuery struct {
	Location   string    `query:"location" doc:"Only rooms at this location (ID)."`
	Capacity   int       `query:"capacity" minimum:"0" doc:"Only rooms holding at least this many people."`
	Equipment  []string  `query:"equipment" doc:"Only rooms with all this equipment (screen, video, whiteboard, phone, projector, flipchart)."`
	Accessible bool      `query:"accessible" doc:"Only wheelchair-accessible rooms."`
	Archived   bool      `query:"archived" doc:"Include archived rooms (Office Manager only; ignored for others)."`
	From       time.Time `query:"from" doc:"With to: only rooms free and bookable from this moment (RFC 3339)."`
	To         time.Time `query:"to" doc:"With from: only rooms free and bookable until this moment (RFC 3339)."`
}

func (q RoomsQuery) filter() rooms.Filter {
	return rooms.Filter{LocationID: q.Location, MinCapacity: q.Capacity, Equipment: q.Equipment, Accessible: q.Accessible, Archived: q.Archived}
}

// PeriodQuery is a period of time.
type PeriodQuery struct {
	From time.Time `query:"from" required:"true" doc:"Start of the period (RFC 3339)." example:"2026-11-30T00:00:00+01:00"`
	To   time.Time `query:"to" required:"true" doc:"End of the period (RFC 3339), after from; at most 31 days later." example:"2026-12-07T00:00:00+01:00"`
}

// BookRoomInput is a booking request.
type BookRoomInput struct {
	Start        time.Time `json:"start" doc:"Start (RFC 3339); kept in whole minutes." example:"2026-12-01T10:00:00+01:00"`
	End          time.Time `json:"end" doc:"End (RFC 3339), after start, on the same day." example:"2026-12-01T11:00:00+01:00"`
	Title        string    `json:"title,omitempty" maxLength:"200" doc:"What the room is for; hidden from others when confidential."`
	ForPersonID  string    `json:"for_person_id,omitempty" doc:"The principal an assistant books for (needs a mandate with agenda.edit)."`
	MeetingID    string    `json:"meeting_id,omitempty" doc:"The meeting this booking is for."`
	Attendees    int       `json:"attendees,omitempty" minimum:"0" doc:"Expected number of people; checked against the room's capacity."`
	Confidential bool      `json:"confidential,omitempty" doc:"Others see only 'busy' and who booked."`
}

// RejectInput is the reason for refusing a pending booking.
type RejectInput struct {
	Reason string `json:"reason,omitempty" maxLength:"500" doc:"Why, for the booker."`
}

func (a *API) registerRooms() {
	const tag = "Rooms"
	auth, om := authz.Authenticated, authz.Need(authz.OfficeManage)
	register(a, op{
		ID: "list-rooms", Method: http.MethodGet, Path: "/rooms", Tag: tag,
		Summary: "List rooms",
		Description: "Lists the bookable rooms by location and name, with their rules (capacity, equipment, who may book, approval, " +
			"maximum duration, bookable hours, check-in). With from and to, only the rooms that are free and bookable for the whole period.",
		Access: auth, Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *RoomsQuery) (*body[List[rooms.Room]], error) {
		actor := actorFrom(ctx)
		if !in.From.IsZero() || !in.To.IsZero() {
			rs, err := a.Rooms.Available(ctx, actor, in.From, in.To, in.filter())
			if err != nil {
				return nil, err
			}
			return listOf(rs), nil
		}
		rs, err := a.Rooms.List(ctx, actor, in.filter())
		if err != nil {
			return nil, err
		}
		return listOf(rs), nil
	})

	register(a, op{
		ID: "get-room-availability", Method: http.MethodGet, Path: "/rooms/availability", Tag: tag,
		Summary:     "Free and busy time of rooms",
		Description: "Returns, per room the filter selects, the busy intervals and the free time within its bookable hours in the period.",
		Access:      auth, Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PeriodQuery
		Location  string   `query:"location" doc:"Only rooms at this location (ID)."`
		Capacity  int      `query:"capacity" minimum:"0" doc:"Only rooms holding at least this many people."`
		Equipment []string `query:"equipment" doc:"Only rooms with all this equipment."`
	}) (*body[List[rooms.RoomAvailability]], error) {
		av, err := a.Rooms.Availability(ctx, actorFrom(ctx), in.From, in.To, rooms.Filter{LocationID: in.Location, MinCapacity: in.Capacity, Equipment: in.Equipment})
		if err != nil {
			return nil, err
		}
		return listOf(av), nil
	})

	register(a, op{
		ID: "get-room", Method: http.MethodGet, Path: "/rooms/{id}", Tag: tag,
		Summary: "Get a room", Description: "Returns one room with its rules. Archived rooms are visible to the Office Manager only.",
		Access: auth, Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*body[rooms.Room], error) {
		r, err := a.Rooms.Get(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(r), nil
	})

	register(a, op{
		ID: "create-room", Method: http.MethodPost, Path: "/rooms", Tag: tag,
		Summary: "Add a room", Description: "Adds a room with its rules.",
		Access: om, Status: http.StatusCreated, Errors: []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct{ Body rooms.RoomInput }) (*body[rooms.Room], error) {
		r, err := a.Rooms.Create(ctx, actorFrom(ctx), in.Body)
		if err != nil {
			return nil, err
		}
		return bodyOf(r), nil
	})

	register(a, op{
		ID: "update-room", Method: http.MethodPut, Path: "/rooms/{id}", Tag: tag,
		Summary:     "Change a room",
		Description: "Replaces a room's details and rules. Existing bookings stay; the rules apply to new bookings and moves.",
		Access:      om, Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body rooms.RoomInput
	}) (*body[rooms.Room], error) {
		r, err := a.Rooms.Update(ctx, actorFrom(ctx), in.ID, in.Body)
		if err != nil {
			return nil, err
		}
		return bodyOf(r), nil
	})

	register(a, op{
		ID: "list-room-bookings", Method: http.MethodGet, Path: "/rooms/{id}/bookings", Tag: tag,
		Summary: "A room's calendar",
		Description: "Lists the pending and confirmed bookings of a room in a period, with who booked them. " +
			"A confidential booking of someone else shows as hidden, without its title.",
		Access: auth, Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		PeriodQuery
	}) (*body[List[rooms.Booking]], error) {
		bs, err := a.Rooms.Bookings(ctx, actorFrom(ctx), in.ID, in.From, in.To, false)
		if err != nil {
			return nil, err
		}
		return listOf(bs), nil
	})

	register(a, op{
		ID: "book-room", Method: http.MethodPost, Path: "/rooms/{id}/bookings", Tag: tag,
		Summary: "Book a room",
		Description: "Books the room within its rules. The booking is pending when the room needs the Office Manager's approval, else confirmed. " +
			"422 names the rule broken per field (start, end, attendees, room_id); 409 when the room is already booked at that time.",
		Access: auth, Status: http.StatusCreated,
		Errors: []int{http.StatusForbidden, http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body BookRoomInput
	}) (*body[rooms.Booking], error) {
		b := in.Body
		bk, err := a.Rooms.Book(ctx, actorFrom(ctx), rooms.BookingInput{RoomID: in.ID, Start: b.Start, End: b.End, Title: b.Title,
			ForPersonID: b.ForPersonID, MeetingID: b.MeetingID, Attendees: b.Attendees, Confidential: b.Confidential})
		if err != nil {
			return nil, err
		}
		return bodyOf(bk), nil
	})

	register(a, op{
		ID: "cancel-room-booking", Method: http.MethodPost, Path: "/room-bookings/{id}/cancel", Tag: tag,
		Summary:     "Cancel a booking",
		Description: "Cancels a booking, freeing the room. The booker, the person booked for, their assistant (agenda.edit) and the Office Manager may.",
		Access:      auth, Errors: []int{http.StatusForbidden, http.StatusNotFound},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Rooms.CancelBooking(ctx, actorFrom(ctx), in.ID)
	})

	register(a, op{
		ID: "check-in-room-booking", Method: http.MethodPost, Path: "/room-bookings/{id}/check-in", Tag: tag,
		Summary: "Check in to a booking",
		Description: "Confirms the room is in use, so a room with check-in does not release the booking. Anyone logged in may, " +
			"from the check-in window before the start until the window after it.",
		Access: auth, Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*body[rooms.Booking], error) {
		b, err := a.Rooms.CheckIn(ctx, actorFrom(ctx), in.ID)
		if err != nil {
			return nil, err
		}
		return bodyOf(b), nil
	})

	register(a, op{
		ID: "approve-room-booking", Method: http.MethodPost, Path: "/room-bookings/{id}/approve", Tag: tag,
		Summary: "Approve a pending booking", Description: "Confirms a booking of a room that needs approval.",
		Access: om, Errors: []int{http.StatusNotFound, http.StatusConflict},
	}, func(ctx context.Context, in *PathID) (*struct{}, error) {
		return nil, a.Rooms.Approve(ctx, actorFrom(ctx), in.ID)
	})

	register(a, op{
		ID: "reject-room-booking", Method: http.MethodPost, Path: "/room-bookings/{id}/reject", Tag: tag,
		Summary: "Reject a pending booking", Description: "Refuses a booking of a room that needs approval, freeing the room.",
		Access: om, Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *struct {
		PathID
		Body RejectInput
	}) (*struct{}, error) {
		return nil, a.Rooms.Reject(ctx, actorFrom(ctx), in.ID, in.Body.Reason)
	})
}
