package suppliers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/iban"
)

// Match is what an invoice says about its supplier.
type Match struct {
	VAT  string // VAT identification number, any spacing
	KvK  string // KvK number (or other legal registration), any spacing
	Name string
	IBAN string // the account the invoice asks to be paid on
}

// MatchTx finds the supplier an invoice comes from, through q (a
// transaction or the database). It tries, in this order, the VAT number,
// the KvK number, the IBAN (when exactly one supplier has it) and the name
// (case-insensitive, when exactly one supplier has it); found is false when
// none matches. Inactive suppliers match too. No actor: the caller has
// checked its own rights.
func (s *Service) MatchTx(ctx context.Context, q db.Querier, m Match) (supplierID string, found bool, err error) {
	one := func(query string, arg string) (string, bool, error) {
		rows, err := q.QueryContext(ctx, query, arg)
		if err != nil {
			return "", false, fmt.Errorf("match supplier: %w", err)
		}
		defer rows.Close()
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return "", false, err
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return "", false, err
		}
		if len(ids) == 1 {
			return ids[0], true, nil
		}
		return "", false, nil
	}
	tries := []struct{ query, arg string }{
		{`SELECT id FROM suppliers WHERE vat_number = $1 LIMIT 2`, NormalizeVAT(m.VAT)},
		{`SELECT id FROM suppliers WHERE kvk_number = $1 LIMIT 2`, NormalizeKvK(m.KvK)},
		{`SELECT DISTINCT supplier_id FROM supplier_bank_accounts WHERE iban = $1 LIMIT 2`, iban.Normalize(m.IBAN)},
		{`SELECT id FROM suppliers WHERE lower(name) = $1 LIMIT 2`, strings.ToLower(strings.TrimSpace(m.Name))},
	}
	for _, t := range tries {
		if t.arg == "" {
			continue
		}
		id, ok, err := one(t.query, t.arg)
		if err != nil || ok {
			return id, ok, err
		}
	}
	return "", false, nil
}

// AccountStatusTx says whether iban (any spacing) is one of the supplier's
// bank accounts (known) and whether the Office Manager confirmed it
// (trusted). Unknown suppliers give false, false.
func (s *Service) AccountStatusTx(ctx context.Context, q db.Querier, supplierID, ibanText string) (known, trusted bool, err error) {
	var t sql.NullTime
	err = q.QueryRowContext(ctx, `SELECT trusted_at FROM supplier_bank_accounts WHERE supplier_id = $1 AND iban = $2`,
		supplierID, iban.Normalize(ibanText)).Scan(&t)
	if isNoRows(err) {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("account status: %w", err)
	}
	return true, t.Valid, nil
}

// AddAccountFromInvoiceTx records, inside the caller's transaction, a bank
// account an invoice asks to be paid on as one of the supplier's accounts,
// untrusted (source 'invoice'), so the supplier page warns about it and the
// Office Manager can confirm it. It does nothing when the supplier has the
// account already (trusted or not). The change is audited.
//
// Errors: NotFound when the actor may not see suppliers or the supplier
// does not exist; Invalid ("iban", "bic") for an account that does not
// validate.
func (s *Service) AddAccountFromInvoiceTx(ctx context.Context, tx *sql.Tx, actor *authz.Actor, supplierID, ibanText, bic string) error {
	if !CanRead(actor) && !actor.IsSystem() {
		return errNoSupplier()
	}
	in, f := checkAccount("", AccountInput{IBAN: ibanText, BIC: bic})
	if len(f) > 0 {
		return f.Err()
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM suppliers WHERE id = $1`, supplierID).Scan(&name); err != nil {
		if isNoRows(err) {
			return errNoSupplier()
		}
		return err
	}
	known, _, err := s.AccountStatusTx(ctx, tx, supplierID, in.IBAN)
	if err != nil || known {
		return err
	}
	// ON CONFLICT: a concurrent request may have added it meanwhile; a
	// failed INSERT would spoil the caller's PostgreSQL transaction.
	id := newID()
	res, err := tx.ExecContext(ctx, `INSERT INTO supplier_bank_accounts (id, supplier_id, iban, bic, holder, source, created_at, created_by)
		VALUES ($1, $2, $3, $4, '', $5, $6, $7) ON CONFLICT (supplier_id, iban) DO NOTHING`,
		id, supplierID, in.IBAN, in.BIC, SourceInvoice, s.Clock.Now().UTC(), nullStr(actor.PersonID))
	if err != nil {
		return fmt.Errorf("add account from invoice: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: "add", ObjectType: "supplier_account", ObjectID: id, Label: name + " " + printIBAN(in.IBAN),
		Summary: fmt.Sprintf("bank account %s of supplier %q taken from an invoice (not yet trusted)", in.IBAN, name),
		After:   map[string]any{"iban": in.IBAN, "bic": in.BIC, "trusted": false, "source": SourceInvoice},
	})
}
