package apperr

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestFieldsErr(t *testing.T) {
	var none Fields
	if err := none.Err(); err != nil {
		t.Errorf("no fields: %v, want nil", err)
	}
	if err := (Fields{}).Err(); err != nil {
		t.Errorf("empty fields: %v, want nil", err)
	}

	var f Fields // the zero value is ready
	f.Add("email", "enter a valid e-mail address")
	f.Add("name", "enter a name")
	f.Add("email", "already in use") // the first message for a field stays
	err := f.Err()
	if err == nil {
		t.Fatal("fields added, but no error")
	}
	if KindOf(err) != Invalid {
		t.Errorf("kind %v, want Invalid", KindOf(err))
	}
	want := map[string]string{"email": "enter a valid e-mail address", "name": "enter a name"}
	got := FieldsOf(err)
	if len(got) != len(want) || got["email"] != want["email"] || got["name"] != want["name"] {
		t.Errorf("fields %v, want %v", got, want)
	}
	if s := err.Error(); s != "invalid input: email: enter a valid e-mail address; name: enter a name" {
		t.Errorf("message %q", s)
	}
}

func TestKindOfThroughWrapping(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want Kind
	}{
		{NotFoundf("person %s not found", "x"), NotFound},
		{fmt.Errorf("load person: %w", NotFoundf("person not found")), NotFound},
		{fmt.Errorf("approve: %w", fmt.Errorf("tx: %w", Forbiddenf("not yours"))), Forbidden},
		{fmt.Errorf("save: %w", Conflictf("e-mail in use")), Conflict},
		{errors.Join(errors.New("other"), New(TooMany, "slow down")), TooMany},
		{New(Unauthorized, "log in"), Unauthorized},
		{errors.New("disk full"), Internal},
		{fmt.Errorf("query: %w", sql.ErrConnDone), Internal},
		{nil, Internal},
		// Wrapped with %v the kind is lost on purpose: only %w passes it on.
		{fmt.Errorf("load: %v", NotFoundf("gone")), Internal},
	} {
		if got := KindOf(tc.err); got != tc.want {
			t.Errorf("KindOf(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
	var inner Fields
	inner.Add("rows[3].email", "bad")
	wrapped := fmt.Errorf("import: %w", inner.Err())
	if FieldsOf(wrapped)["rows[3].email"] != "bad" {
		t.Errorf("fields lost through wrapping: %v", FieldsOf(wrapped))
	}
	if FieldsOf(errors.New("plain")) != nil {
		t.Error("fields of a plain error")
	}
}

func TestCauseIsKeptForLogs(t *testing.T) {
	cause := sql.ErrNoRows
	err := &Error{Kind: NotFound, Message: "person not found", Err: cause}
	if !errors.Is(err, sql.ErrNoRows) {
		t.Error("cause not reachable with errors.Is")
	}
	if s := err.Error(); !strings.Contains(s, "person not found") || !strings.Contains(s, cause.Error()) {
		t.Errorf("Error() %q should carry message and cause for the log", s)
	}
	// The person is shown the message, never the cause.
	if m := MessageOf(err); m != "person not found" {
		t.Errorf("MessageOf %q", m)
	}
}

func TestMessageOfHidesInternalErrors(t *testing.T) {
	secret := `pq: relation "people" does not exist at 10.0.0.5:5432`
	for _, err := range []error{
		errors.New(secret),
		fmt.Errorf("list people: %w", errors.New(secret)),
		&Error{Kind: Internal, Message: secret},
		fmt.Errorf("wrapped: %w", &Error{Kind: Internal, Message: "x", Err: errors.New(secret)}),
	} {
		if m := MessageOf(err); m != "internal error" {
			t.Errorf("MessageOf(%v) = %q, want the generic text", err, m)
		}
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{Forbiddenf("you may not edit %s", "Piet"), "you may not edit Piet"},
		{fmt.Errorf("edit: %w", Forbiddenf("you may not edit Piet")), "you may not edit Piet"},
		{fmt.Errorf("tx: %w", &Error{Kind: Conflict, Message: "changed meanwhile", Err: errors.New(secret)}), "changed meanwhile"},
	} {
		if m := MessageOf(tc.err); m != tc.want {
			t.Errorf("MessageOf(%v) = %q, want %q", tc.err, m, tc.want)
		}
	}
}
