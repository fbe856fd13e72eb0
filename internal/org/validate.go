package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"spil/internal/db"
)

// DefaultTimeZone is the organization's zone when setup names none.
const DefaultTimeZone = "Europe/Amsterdam"

// Limits on free text, in characters.
const (
	maxNameLen  = 200
	maxEmailLen = 254
	maxPhoneLen = 50
	maxTextLen  = 200
)

// Messages shared by several validations.
const (
	msgRequired    = "is required"
	msgTooLong     = "is too long"
	msgInUse       = "already in use"
	msgNotExisting = "does not exist"
	msgNotUTF8     = "is not valid UTF-8 text"
	msgControl     = "contains control characters"
)

// normalizeEmail is how e-mail addresses are stored and compared.
func normalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// checkText returns a message when s (already trimmed) is missing or longer
// than max characters, else "".
func checkText(s string, required bool, max int) string {
	switch {
	case required && s == "":
		return msgRequired
	case !utf8.ValidString(s):
		return msgNotUTF8
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return msgControl
	case utf8.RuneCountInString(s) > max:
		return msgTooLong
	}
	return ""
}

// checkEmail returns a message when email (already normalized) is not a bare
// address such as anna@example.nl, else "".
func checkEmail(email string) string {
	if email == "" {
		return msgRequired
	}
	if len(email) > maxEmailLen {
		return msgTooLong
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || !strings.EqualFold(a.Address, email) || strings.ContainsAny(email, " <>") {
		return "is not a valid e-mail address"
	}
	return ""
}

// personLanguage normalizes a person's language preference: "" (the
// organization's), "nl" or "en". It returns a message for anything else.
func personLanguage(s string) (string, string) {
	switch l := strings.ToLower(strings.TrimSpace(s)); l {
	case "", "nl", "en":
		return l, ""
	case "nederlands", "dutch":
		return "nl", ""
	case "english", "engels":
		return "en", ""
	}
	return "", "use nl or en"
}

// orgLanguage normalizes the organization's language: "nl" (the default when
// empty) or "en".
func orgLanguage(s string) (string, string) {
	l, msg := personLanguage(s)
	if msg != "" {
		return "", msg
	}
	if l == "" {
		l = "nl"
	}
	return l, ""
}

// checkTimeZone returns a message when tz is not an IANA zone name.
func checkTimeZone(tz string) string {
	if tz == "" {
		return msgRequired
	}
	if tz == "Local" {
		return "is not a known time zone"
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return "is not a known time zone"
	}
	return ""
}

// nullable turns "" into SQL NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// exists reports whether query (which selects one row by $1) finds id.
func exists(ctx context.Context, q db.Querier, query, id string) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, query, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up %s: %w", id, err)
	}
	return true, nil
}

// makesLoop reports whether making parentID the parent of id (a manager of a
// person, a parent of a department) closes a loop: whether id is parentID or
// one of its ancestors. parentQuery selects the parent of $1, NULL for none.
// An existing loop higher up is not this change's fault and ends the walk.
func makesLoop(ctx context.Context, q db.Querier, parentQuery, id, parentID string) (bool, error) {
	seen := map[string]bool{}
	for cur := parentID; cur != ""; {
		if cur == id {
			return true, nil
		}
		if seen[cur] {
			return false, nil
		}
		seen[cur] = true
		var next sql.NullString
		err := q.QueryRowContext(ctx, parentQuery, cur).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("walk up from %s: %w", cur, err)
		}
		cur = next.String
	}
	return false, nil
}
