package payments

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/iban"
	"spil/internal/sepa"
)

// Settings are the organization's debit account: the payer in every file.
type Settings struct {
	DebtorName string `json:"debtor_name"`
	DebtorIBAN string `json:"debtor_iban"`
	DebtorBIC  string `json:"debtor_bic"`
}

// Complete reports whether the account is set.
func (st Settings) Complete() bool { return st.DebtorName != "" && st.DebtorIBAN != "" }

// Settings returns the debit account (empty fields when not set).
//
// Errors: NotFound when actor may not manage payments.
func (s *Service) Settings(ctx context.Context, actor *authz.Actor) (Settings, error) {
	if !canManage(actor) {
		return Settings{}, notFound()
	}
	return loadSettings(ctx, s.DB.R)
}

func loadSettings(ctx context.Context, q db.Querier) (Settings, error) {
	var st Settings
	err := q.QueryRowContext(ctx, `SELECT debtor_name, debtor_iban, debtor_bic FROM payment_settings WHERE id = 1`).
		Scan(&st.DebtorName, &st.DebtorIBAN, &st.DebtorBIC)
	if errors.Is(err, sql.ErrNoRows) {
		return Settings{}, nil
	}
	if err != nil {
		return Settings{}, fmt.Errorf("payment settings: %w", err)
	}
	return st, nil
}

// SetSettings stores the debit account after checking it: a name of 1–70
// characters that can be written in a SEPA file, an IBAN (checksum and
// country format, in the SEPA scheme) and an optional BIC; both stored
// without spaces, upper case.
//
// Errors: NotFound when actor may not manage payments; Invalid with fields
// debtor_name, debtor_iban, debtor_bic.
func (s *Service) SetSettings(ctx context.Context, actor *authz.Actor, in Settings) (Settings, error) {
	if !canManage(actor) {
		return Settings{}, notFound()
	}
	var fe apperr.Fields
	in.DebtorName = strings.TrimSpace(in.DebtorName)
	switch conv, err := sepa.Latin(in.DebtorName); {
	case in.DebtorName == "":
		fe.Add("debtor_name", "required")
	case err != nil:
		fe.Add("debtor_name", apperr.MessageOf(err))
	case utf8.RuneCountInString(conv) > 70:
		fe.Add("debtor_name", "at most 70 characters")
	}
	acc, err := iban.Parse("debtor_iban", in.DebtorIBAN)
	if err != nil {
		fe.Add("debtor_iban", firstMessage(err, "debtor_iban"))
	} else if !acc.SEPA() {
		fe.Add("debtor_iban", "this country is not in the SEPA scheme")
	} else {
		in.DebtorIBAN = acc.String()
	}
	if strings.TrimSpace(in.DebtorBIC) != "" {
		b, err := iban.ParseBIC("debtor_bic", in.DebtorBIC)
		if err != nil {
			fe.Add("debtor_bic", firstMessage(err, "debtor_bic"))
		} else {
			in.DebtorBIC = b.String()
		}
	} else if err == nil {
		in.DebtorBIC = ""
		if b, ok := acc.BIC(); ok {
			in.DebtorBIC = b.String()
		}
	}
	if err := fe.Err(); err != nil {
		return Settings{}, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_settings (id, debtor_name, debtor_iban, debtor_bic, updated_at, updated_by)
			VALUES (1, $1, $2, $3, $4, $5)
			ON CONFLICT (id) DO UPDATE SET debtor_name = excluded.debtor_name, debtor_iban = excluded.debtor_iban,
				debtor_bic = excluded.debtor_bic, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			in.DebtorName, in.DebtorIBAN, in.DebtorBIC, s.now(), nullable(actor.PersonID)); err != nil {
			return fmt.Errorf("payment settings: %w", err)
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "payment_settings", ObjectID: "1",
			Label: in.DebtorName, Summary: "debit account set to " + in.DebtorIBAN, Before: before, After: in,
		})
	})
	if err != nil {
		return Settings{}, err
	}
	return in, nil
}

// firstMessage is err's message for field, or its general message.
func firstMessage(err error, field string) string {
	if m := apperr.FieldsOf(err)[field]; m != "" {
		return m
	}
	for _, m := range apperr.FieldsOf(err) {
		return m
	}
	return apperr.MessageOf(err)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
