// Package apperr defines the kinds of error that spil's services return.
// Transports map a Kind to a status code in one place; domain code never
// knows about HTTP.
package apperr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for the edge that reports it.
type Kind int

// The kinds of error. Internal is the zero value: anything not classified
// is treated as a fault of spil, not of the caller.
const (
	Internal     Kind = iota
	Invalid           // the input is wrong; Fields says where
	NotFound          // the object does not exist or the actor may not see it
	Conflict          // the request clashes with stored state (duplicate, stale)
	Forbidden         // the actor may see the object but not do this to it
	Unauthorized      // no valid login or token
	TooMany           // throttled; retry later
)

// Error is a classified error with a message for the person who caused it
// and, for Invalid, a message per field path ("email", "rows[3].email").
type Error struct {
	Kind    Kind
	Message string
	Fields  map[string]string
	Err     error // the underlying cause, never shown to users
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			if i == 0 {
				b.WriteString(": ")
			} else {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "%s: %s", k, e.Fields[k])
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of kind k with message msg.
func New(k Kind, msg string) *Error { return &Error{Kind: k, Message: msg} }

// Errorf returns an error of kind k with a formatted message.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf reports a missing (or invisible) object.
func NotFoundf(format string, args ...any) *Error { return Errorf(NotFound, format, args...) }

// Forbiddenf reports an action the actor may not take.
func Forbiddenf(format string, args ...any) *Error { return Errorf(Forbidden, format, args...) }

// Conflictf reports a clash with stored state.
func Conflictf(format string, args ...any) *Error { return Errorf(Conflict, format, args...) }

// KindOf returns the kind of err, Internal when err is not an *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// FieldsOf returns the per-field messages of err, or nil.
func FieldsOf(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// MessageOf returns the user-facing message of err; for unclassified errors a
// generic text, so internals never leak.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != Internal {
		return e.Message
	}
	return "internal error"
}

// Fields collects validation messages per field. The zero value is ready.
type Fields map[string]string

// Add records msg for field unless a message for it is already present.
func (f *Fields) Add(field, msg string) {
	if *f == nil {
		*f = Fields{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = msg
	}
}

// Err returns an Invalid error carrying the fields, or nil when none were added.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: "invalid input", Fields: map[string]string(f)}
}
