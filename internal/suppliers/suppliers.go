package suppliers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
)

// duplicate returns the Conflict for a supplier whose KvK or VAT number is
// another supplier's already, or nil.
func duplicate(ctx context.Context, q db.Querier, in SupplierInput, selfID string) error {
	check := func(col, val, field, msg string) (apperr.Fields, error) {
		if val == "" {
			return nil, nil
		}
		var name string
		err := q.QueryRowContext(ctx, `SELECT name FROM suppliers WHERE `+col+` = $1 AND id <> $2`, val, selfID).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return apperr.Fields{field: msg}, nil
	}
	f := apperr.Fields{}
	for _, c := range [][4]string{
		{"kvk_number", in.KvKNumber, "kvk_number", "another supplier already has this KvK number"},
		{"vat_number", in.VATNumber, "vat_number", "another supplier already has this VAT number"},
	} {
		got, err := check(c[0], c[1], c[2], c[3])
		if err != nil {
			return fmt.Errorf("check duplicate: %w", err)
		}
		for k, v := range got {
			f[k] = v
		}
	}
	if len(f) == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Conflict, Message: "this supplier is already registered", Fields: f}
}

// uniqueErr turns a unique-index violation (two requests racing) into the
// same Conflict duplicate gives.
func uniqueErr(err error) error {
	switch {
	case db.IsUniqueViolation(err, "kvk"):
		return &apperr.Error{Kind: apperr.Conflict, Message: "this supplier is already registered",
			Fields: map[string]string{"kvk_number": "another supplier already has this KvK number"}}
	case db.IsUniqueViolation(err, "vat"):
		return &apperr.Error{Kind: apperr.Conflict, Message: "this supplier is already registered",
			Fields: map[string]string{"vat_number": "another supplier already has this VAT number"}}
	}
	return err
}

// Create registers a supplier with its contacts and bank accounts. New
// accounts are untrusted until the Office Manager confirms them
// (TrustAccount).
//
// Errors: NotFound for actors who may not see suppliers; Forbidden for
// readers who are not the Office Manager; Invalid naming each bad field
// ("kvk_number", "vat_number", "bank_accounts[0].iban", …); Conflict naming the
// field when another supplier has the same KvK or VAT number. Nothing is
// stored when any of these is returned.
func (s *Service) Create(ctx context.Context, actor *authz.Actor, in SupplierInput) (Supplier, error) {
	if err := mayManage(actor); err != nil {
		return Supplier{}, err
	}
	in, f := checkSupplier(in)
	if len(f) > 0 {
		return Supplier{}, f.Err()
	}
	in.Active = true
	var out Supplier
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := duplicate(ctx, tx, in, ""); err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		id := newID()
		_, err := tx.ExecContext(ctx, `INSERT INTO suppliers (id, name, kvk_number, vat_number, category, street, postcode, city, country,
			postal_address, email, phone, website, processes_personal_data, notes, active, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)`,
			id, in.Name, in.KvKNumber, in.VATNumber, in.Category, in.Street, in.Postcode, in.City, in.Country,
			in.PostalAddress, in.Email, in.Phone, in.Website, in.ProcessesPersonalData, in.Notes, true, nullStr(actor.PersonID), now)
		if err != nil {
			return uniqueErr(err)
		}
		if err := writeContacts(ctx, tx, id, in.Contacts); err != nil {
			return err
		}
		for _, a := range in.Accounts {
			if _, err := insertAccount(ctx, tx, id, a, SourceManual, actor.PersonID, now); err != nil {
				return err
			}
		}
		out, err = getSupplier(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "create", ObjectType: "supplier", ObjectID: id, Label: in.Name,
			Summary: fmt.Sprintf("registered supplier %q", in.Name), After: supplierView(out),
		})
	})
	return out, err
}

// Update changes a supplier's details and replaces its contacts. Bank
// accounts are not changed here (AddAccount, TrustAccount).
//
// Errors: as Create, and NotFound for an unknown supplier.
func (s *Service) Update(ctx context.Context, actor *authz.Actor, id string, in SupplierInput) (Supplier, error) {
	if err := mayManage(actor); err != nil {
		return Supplier{}, err
	}
	in.Accounts = nil
	in, f := checkSupplier(in)
	if len(f) > 0 {
		return Supplier{}, f.Err()
	}
	var out Supplier
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getSupplier(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := duplicate(ctx, tx, in, id); err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		_, err = tx.ExecContext(ctx, `UPDATE suppliers SET name = $2, kvk_number = $3, vat_number = $4, category = $5, street = $6,
			postcode = $7, city = $8, country = $9, postal_address = $10, email = $11, phone = $12, website = $13,
			processes_personal_data = $14, notes = $15, active = $16, updated_at = $17 WHERE id = $1`,
			id, in.Name, in.KvKNumber, in.VATNumber, in.Category, in.Street, in.Postcode, in.City, in.Country,
			in.PostalAddress, in.Email, in.Phone, in.Website, in.ProcessesPersonalData, in.Notes, in.Active, now)
		if err != nil {
			return uniqueErr(err)
		}
		if err := writeContacts(ctx, tx, id, in.Contacts); err != nil {
			return err
		}
		out, err = getSupplier(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "update", ObjectType: "supplier", ObjectID: id, Label: in.Name,
			Summary: fmt.Sprintf("changed supplier %q", in.Name), Before: supplierView(before), After: supplierView(out),
		})
	})
	return out, err
}

func supplierView(s Supplier) map[string]any {
	return map[string]any{"name": s.Name, "kvk_number": s.KvKNumber, "vat_number": s.VATNumber, "category": s.Category,
		"city": s.City, "country": s.Country, "processes_personal_data": s.ProcessesPersonalData, "active": s.Active}
}

// Get returns a supplier with its contacts and bank accounts.
//
// Errors: NotFound when it does not exist or the actor may not see
// suppliers (see CanRead).
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (Supplier, error) {
	if !CanRead(actor) {
		return Supplier{}, errNoSupplier()
	}
	return getSupplier(ctx, s.DB.R, id)
}

// List returns the suppliers matching f, by name. Actors who may not see
// suppliers get an empty list.
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter) ([]Supplier, error) {
	if !CanRead(actor) {
		return nil, nil
	}
	where, args := "1 = 1", []any{}
	if !f.Inactive {
		where += " AND s.active = TRUE"
	}
	if f.Category != "" {
		args = append(args, f.Category)
		where += fmt.Sprintf(" AND s.category = $%d", len(args))
	}
	if f.Search != "" {
		args = append(args, db.Like(f.Search), NormalizeVAT(f.Search))
		n := len(args)
		where += fmt.Sprintf(` AND (lower(s.name) LIKE $%d ESCAPE '\' OR lower(s.city) LIKE $%d ESCAPE '\'
			OR s.kvk_number = $%d OR s.vat_number = $%d)`, n-1, n-1, n, n)
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT `+supplierCols+` FROM suppliers s WHERE `+where+` ORDER BY lower(s.name), s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list suppliers: %w", err)
	}
	defer rows.Close()
	var out []Supplier
	for rows.Next() {
		sp, err := scanSupplier(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}
