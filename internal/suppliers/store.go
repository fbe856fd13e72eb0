package suppliers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/db"
)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

const supplierCols = `s.id, s.name, s.kvk_number, s.vat_number, s.category, s.street, s.postcode, s.city, s.country,
	s.postal_address, s.email, s.phone, s.website, s.processes_personal_data, s.notes, s.active, s.created_at, s.updated_at,
	(SELECT COUNT(*) FROM supplier_bank_accounts b WHERE b.supplier_id = s.id AND b.trusted_at IS NULL)`

func scanSupplier(sc interface{ Scan(...any) error }) (Supplier, error) {
	var s Supplier
	err := sc.Scan(&s.ID, &s.Name, &s.KvKNumber, &s.VATNumber, &s.Category, &s.Street, &s.Postcode, &s.City, &s.Country,
		&s.PostalAddress, &s.Email, &s.Phone, &s.Website, &s.ProcessesPersonalData, &s.Notes, &s.Active, &s.CreatedAt, &s.UpdatedAt,
		&s.UntrustedAccounts)
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, err
}

// getSupplier loads a supplier with its contacts and accounts.
func getSupplier(ctx context.Context, q db.Querier, id string) (Supplier, error) {
	s, err := scanSupplier(q.QueryRowContext(ctx, `SELECT `+supplierCols+` FROM suppliers s WHERE s.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, errNoSupplier()
	}
	if err != nil {
		return s, fmt.Errorf("load supplier: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, role, email, phone FROM supplier_contacts WHERE supplier_id = $1 ORDER BY position, name`, id)
	if err != nil {
		return s, fmt.Errorf("load contacts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.ID, &c.Name, &c.Role, &c.Email, &c.Phone); err != nil {
			return s, err
		}
		s.Contacts = append(s.Contacts, c)
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	s.Accounts, err = loadAccounts(ctx, q, `b.supplier_id = $1`, id)
	return s, err
}

const accountCols = `b.id, b.supplier_id, b.iban, b.bic, b.holder, b.source, b.trusted_at, COALESCE(b.trusted_by, ''),
	COALESCE(p.name, ''), b.trust_method, b.trust_note, b.created_at, COALESCE(b.created_by, '')`

func loadAccounts(ctx context.Context, q db.Querier, where string, args ...any) ([]BankAccount, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+accountCols+` FROM supplier_bank_accounts b
		LEFT JOIN people p ON p.id = b.trusted_by WHERE `+where+` ORDER BY b.created_at, b.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("load bank accounts: %w", err)
	}
	defer rows.Close()
	var out []BankAccount
	for rows.Next() {
		var b BankAccount
		var trusted sql.NullTime
		if err := rows.Scan(&b.ID, &b.SupplierID, &b.IBAN, &b.BIC, &b.Holder, &b.Source, &trusted, &b.TrustedBy,
			&b.TrustedByName, &b.TrustMethod, &b.TrustNote, &b.CreatedAt, &b.CreatedBy); err != nil {
			return nil, err
		}
		if trusted.Valid {
			t := trusted.Time.UTC()
			b.TrustedAt = &t
		}
		b.CreatedAt = b.CreatedAt.UTC()
		out = append(out, b)
	}
	return out, rows.Err()
}

func insertAccount(ctx context.Context, q db.Querier, supplierID string, a AccountInput, source, by string, now time.Time) (string, error) {
	id := newID()
	_, err := q.ExecContext(ctx, `INSERT INTO supplier_bank_accounts (id, supplier_id, iban, bic, holder, source, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, supplierID, a.IBAN, a.BIC, a.Holder, source, now, nullStr(by))
	return id, err
}

func writeContacts(ctx context.Context, q db.Querier, supplierID string, cs []Contact) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM supplier_contacts WHERE supplier_id = $1`, supplierID); err != nil {
		return err
	}
	for i, c := range cs {
		if _, err := q.ExecContext(ctx, `INSERT INTO supplier_contacts (id, supplier_id, position, name, role, email, phone)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, newID(), supplierID, i, c.Name, c.Role, c.Email, c.Phone); err != nil {
			return err
		}
	}
	return nil
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Dates are stored as 'YYYY-MM-DD'.
const dateLayout = "2006-01-02"

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dateLayout)
}

func parseDate(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, _ := time.Parse(dateLayout, s.String[:min(len(s.String), 10)])
	return t
}

func formatAlertDays(ds []int) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ",")
}

func parseAlertDays(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			out = append(out, n)
		}
	}
	return out
}
