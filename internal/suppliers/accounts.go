package suppliers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/iban"
)

// AddAccount adds a bank account, typed in by the Office Manager, to a
// supplier. It is untrusted until confirmed with TrustAccount.
//
// Errors: NotFound/Forbidden as Create; Invalid for a wrong IBAN ("iban",
// checksum and the country's format) or BIC ("bic"); Conflict when the
// supplier has this IBAN already.
func (s *Service) AddAccount(ctx context.Context, actor *authz.Actor, supplierID string, in AccountInput) (BankAccount, error) {
	if err := mayManage(actor); err != nil {
		return BankAccount{}, err
	}
	in, f := checkAccount("", in)
	if len(f) > 0 {
		return BankAccount{}, f.Err()
	}
	var out BankAccount
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sp, err := getSupplier(ctx, tx, supplierID)
		if err != nil {
			return err
		}
		for _, a := range sp.Accounts {
			if a.IBAN == in.IBAN {
				return &apperr.Error{Kind: apperr.Conflict, Message: "the supplier has this account already",
					Fields: map[string]string{"iban": "the supplier has this account already"}}
			}
		}
		id, err := insertAccount(ctx, tx, supplierID, in, SourceManual, actor.PersonID, s.Clock.Now().UTC())
		if err != nil {
			return err
		}
		out, err = getAccount(ctx, tx, supplierID, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "add", ObjectType: "supplier_account", ObjectID: id, Label: sp.Name + " " + printIBAN(in.IBAN),
			Summary: fmt.Sprintf("added bank account %s to supplier %q (not yet trusted)", in.IBAN, sp.Name),
			After:   map[string]any{"iban": in.IBAN, "bic": in.BIC, "holder": in.Holder, "trusted": false},
		})
	})
	return out, err
}

// TrustInput says how the Office Manager checked an account.
type TrustInput struct {
	Method string // one of TrustMethods
	Note   string // required for "other"; what was done, with whom
}

// TrustAccount marks a supplier's bank account as trusted: the Office
// Manager confirms they checked it outside spil (in.Method, in.Note), and
// invoices may then be paid into it. Confirming an account that is trusted
// already changes nothing.
//
// Errors: NotFound for an unknown supplier or account (or an actor who may
// not see suppliers); Forbidden for anyone but the Office Manager; Invalid
// for a missing method ("method") or note ("note").
func (s *Service) TrustAccount(ctx context.Context, actor *authz.Actor, supplierID, accountID string, in TrustInput) (BankAccount, error) {
	if err := mayManage(actor); err != nil {
		if apperr.KindOf(err) == apperr.Forbidden {
			return BankAccount{}, apperr.Forbiddenf("only the Office Manager may confirm a bank account")
		}
		return BankAccount{}, err
	}
	var f apperr.Fields
	in.Note = strings.TrimSpace(in.Note)
	if !slices.Contains(TrustMethods, in.Method) {
		f.Add("method", "say how you checked the account")
	}
	if in.Method == "other" && in.Note == "" {
		f.Add("note", "describe how you checked the account")
	}
	if utf8.RuneCountInString(in.Note) > 1000 {
		f.Add("note", "at most 1000 characters")
	}
	if len(f) > 0 {
		return BankAccount{}, f.Err()
	}
	var out BankAccount
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := getAccount(ctx, tx, supplierID, accountID)
		if err != nil {
			return err
		}
		if a.Trusted() {
			out = a
			return nil
		}
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM suppliers WHERE id = $1`, supplierID).Scan(&name); err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE supplier_bank_accounts SET trusted_at = $1, trusted_by = $2, trust_method = $3, trust_note = $4
			WHERE id = $5 AND trusted_at IS NULL`, now, nullStr(actor.PersonID), in.Method, in.Note, accountID); err != nil {
			return err
		}
		out, err = getAccount(ctx, tx, supplierID, accountID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "trust", ObjectType: "supplier_account", ObjectID: accountID, Label: name + " " + printIBAN(a.IBAN),
			Summary: fmt.Sprintf("confirmed bank account %s of supplier %q (%s)", a.IBAN, name, in.Method),
			Before:  map[string]any{"iban": a.IBAN, "trusted": false},
			After:   map[string]any{"iban": a.IBAN, "trusted": true, "method": in.Method, "note": in.Note},
		})
	})
	return out, err
}

func getAccount(ctx context.Context, q db.Querier, supplierID, id string) (BankAccount, error) {
	as, err := loadAccounts(ctx, q, `b.supplier_id = $1 AND b.id = $2`, supplierID, id)
	if err != nil {
		return BankAccount{}, err
	}
	if len(as) == 0 {
		return BankAccount{}, apperr.NotFoundf("bank account not found")
	}
	return as[0], nil
}

// printIBAN is the IBAN in groups of four, or as stored when it does not
// parse.
func printIBAN(s string) string {
	if ib, err := iban.Parse("iban", s); err == nil {
		return ib.Print()
	}
	return s
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
