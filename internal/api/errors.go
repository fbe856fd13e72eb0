package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"sort"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/apperr"
)

// problem maps a service error to the problem the client gets — the one
// place where error kinds become status codes:
//
//	Invalid → 422, one detail per field, location "body.<field>"
//	NotFound → 404, Conflict → 409, Forbidden → 403, Unauthorized → 401,
//	TooMany → 429, anything else → 500 with a generic message (logged).
//
// A huma.StatusError passes unchanged. in is the operation's input (or nil); for Invalid errors the value of a
// top-level body field is echoed in its detail.
func (a *API) problem(ctx context.Context, opID string, in any, err error) huma.StatusError {
	var se huma.StatusError
	if errors.As(err, &se) {
		return se // already a problem, made by the handler
	}
	switch apperr.KindOf(err) {
	case apperr.Invalid:
		fields := apperr.FieldsOf(err)
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var values map[string]any
		if len(keys) > 0 && in != nil {
			values = bodyValues(in)
		}
		details := make([]error, 0, len(keys))
		for _, k := range keys {
			details = append(details, &huma.ErrorDetail{Message: fields[k], Location: "body." + k, Value: values[k]})
		}
		se = huma.NewError(http.StatusUnprocessableEntity, apperr.MessageOf(err), details...)
	case apperr.NotFound:
		se = huma.NewError(http.StatusNotFound, apperr.MessageOf(err))
	case apperr.Conflict:
		se = huma.NewError(http.StatusConflict, apperr.MessageOf(err))
	case apperr.Forbidden:
		se = huma.NewError(http.StatusForbidden, apperr.MessageOf(err))
	case apperr.Unauthorized:
		se = huma.NewError(http.StatusUnauthorized, apperr.MessageOf(err))
	case apperr.TooMany:
		se = huma.NewError(http.StatusTooManyRequests, apperr.MessageOf(err))
	default:
		a.Logger.ErrorContext(ctx, "api request failed", "operation", opID, "err", err)
		se = huma.NewError(http.StatusInternalServerError, "internal error")
	}
	return se
}

// withHeaders adds the headers a status calls for (WWW-Authenticate on 401).
func withHeaders(se huma.StatusError) error {
	if se.GetStatus() == http.StatusUnauthorized {
		return huma.ErrorWithHeaders(se, http.Header{"WWW-Authenticate": {`Bearer realm="spil"`}})
	}
	return se
}

// detailsOf returns the error details of a problem, to write it again with
// huma.WriteErr.
func detailsOf(se huma.StatusError) []error {
	m, ok := se.(*huma.ErrorModel)
	if !ok {
		return nil
	}
	out := make([]error, 0, len(m.Errors))
	for _, d := range m.Errors {
		if d != nil {
			out = append(out, d)
		}
	}
	return out
}

// bodyValues returns the top-level fields of the Body of an operation input
// as JSON values, or nil when there is no JSON body.
func bodyValues(in any) map[string]any {
	v := reflect.ValueOf(in)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Body")
	if !f.IsValid() {
		return nil
	}
	b, err := json.Marshal(f.Interface())
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}
