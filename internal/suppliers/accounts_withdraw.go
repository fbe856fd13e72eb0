package suppliers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
)

// WithdrawTrust takes the Office Manager's confirmation of a bank account
// back (it turned out wrong, the supplier reports fraud, an account
// closed): from then on nothing is paid into it — a new payment batch
// refuses its invoices, and a batch made before but not yet downloaded
// writes no file. reason (optional, at most 1000 characters) goes to the
// audit log. Withdrawing from an account that is not trusted changes
// nothing. The account can be confirmed again with TrustAccount.
//
// Errors: NotFound for an unknown supplier or account (or an actor who may
// not see suppliers); Forbidden for anyone but the Office Manager; Invalid
// ("reason") for a reason over 1000 characters.
func (s *Service) WithdrawTrust(ctx context.Context, actor *authz.Actor, supplierID, accountID, reason string) (BankAccount, error) {
	if err := mayManage(actor); err != nil {
		if apperr.KindOf(err) == apperr.Forbidden {
			return BankAccount{}, apperr.Forbiddenf("only the Office Manager may withdraw the trust in a bank account")
		}
		return BankAccount{}, err
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > 1000 {
		return BankAccount{}, apperr.Fields{"reason": "at most 1000 characters"}.Err()
	}
	var out BankAccount
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := getAccount(ctx, tx, supplierID, accountID)
		if err != nil {
			return err
		}
		if !a.Trusted() {
			out = a
			return nil
		}
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM suppliers WHERE id = $1`, supplierID).Scan(&name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE supplier_bank_accounts SET trusted_at = NULL, trusted_by = NULL, trust_method = '', trust_note = ''
			WHERE id = $1 AND supplier_id = $2`, accountID, supplierID); err != nil {
			return fmt.Errorf("withdraw trust: %w", err)
		}
		if out, err = getAccount(ctx, tx, supplierID, accountID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "distrust", ObjectType: "supplier_account", ObjectID: accountID, Label: name + " " + printIBAN(a.IBAN),
			Summary: fmt.Sprintf("withdrew the trust in bank account %s of supplier %q", a.IBAN, name),
			Before:  map[string]any{"iban": a.IBAN, "trusted": true, "method": a.TrustMethod, "note": a.TrustNote},
			After:   map[string]any{"iban": a.IBAN, "trusted": false, "reason": reason},
		})
	})
	return out, err
}
