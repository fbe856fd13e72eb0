package db

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"spil/internal/apperr"
)

// Translate maps driver errors to apperr kinds: a unique or foreign-key
// violation becomes Conflict, sql.ErrNoRows becomes NotFound. Errors that are
// already classified, and unknown errors, pass unchanged.
func Translate(err error) error {
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &apperr.Error{Kind: apperr.NotFound, Message: "not found", Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return &apperr.Error{Kind: apperr.Conflict, Message: "already exists", Err: err}
		case "23503":
			return &apperr.Error{Kind: apperr.Conflict, Message: "refers to something that does not exist or is still in use", Err: err}
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
			return &apperr.Error{Kind: apperr.Conflict, Message: "already exists", Err: err}
		case 787: // SQLITE_CONSTRAINT_FOREIGNKEY
			return &apperr.Error{Kind: apperr.Conflict, Message: "refers to something that does not exist or is still in use", Err: err}
		}
	}
	return err
}

// IsUniqueViolation reports whether err is a unique-constraint violation
// (before or after Translate), optionally on a constraint whose text mentions column.
func IsUniqueViolation(err error, column string) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505" && strings.Contains(pgErr.ConstraintName+pgErr.Detail, column)
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		return (sqErr.Code() == 2067 || sqErr.Code() == 1555) && strings.Contains(sqErr.Error(), column)
	}
	return false
}
