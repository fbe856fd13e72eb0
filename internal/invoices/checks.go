package invoices

import (
	"context"
	"fmt"
	"strings"
	"time"

	"spil/internal/db"
	"spil/internal/iban"
)

// Level is how a check turned out.
type Level string

// Levels: ok (green), info (nothing wrong, something to know), warning
// (look before approving), problem (do not pay as it stands).
const (
	LevelOK      Level = "ok"
	LevelInfo    Level = "info"
	LevelWarning Level = "warning"
	LevelProblem Level = "problem"
)

// Check is one check shown on an invoice. Key names the check and its
// outcome ("duplicate", "iban_untrusted", …) for the interfaces to put in
// words with Args; Message says the same in English.
type Check struct {
	Key     string   `json:"key"`
	Level   Level    `json:"level"`
	Message string   `json:"message"`
	Args    []string `json:"args,omitempty"`
}

// Checks are the checks of an invoice with what they found.
type Checks struct {
	List []Check `json:"list"`
	// DuplicateOf are invoices of the same supplier with the same number;
	// LikelyDuplicateOf those with the same amount and issue date but
	// another number. Rejected invoices are left out of both.
	DuplicateOf       []string `json:"duplicate_of"`
	LikelyDuplicateOf []string `json:"likely_duplicate_of"`
	SupplierKnown     bool     `json:"supplier_known"`
	// IBANTrusted is true only when the IBAN is valid and a trusted account
	// of the supplier: only then may the invoice be paid.
	IBANTrusted bool `json:"iban_trusted"`
	// ContractID is the supplier's contract running on the issue date.
	ContractID      string `json:"contract_id,omitempty"`
	ContractSubject string `json:"contract_subject,omitempty"`
	TotalsAgree     bool   `json:"totals_agree"`
	// SuggestedCategory is the budget category the invoice would be coded
	// with; CategorySource says why: "contract", "supplier" or "history".
	SuggestedCategory string `json:"suggested_category,omitempty"`
	CategorySource    string `json:"category_source,omitempty"`
}

// Problems counts the checks at level problem.
func (c Checks) Problems() int {
	n := 0
	for _, x := range c.List {
		if x.Level == LevelProblem {
			n++
		}
	}
	return n
}

func (c *Checks) add(key string, level Level, msg string, args ...string) {
	c.List = append(c.List, Check{Key: key, Level: level, Message: msg, Args: args})
}

// suggestion is the coding an invoice would get.
type suggestion struct {
	ContractID, ContractSubject string
	Category, Source            string
	// trusted is the IBAN's trust as just looked up at import, nil when
	// not looked up.
	trusted *bool
}

// supplierCategoryToBudget maps a supplier's category to a budget category.
var supplierCategoryToBudget = map[string]string{
	"cleaning": "cleaning", "catering": "catering", "it_support": "it", "it": "it",
	"facilities": "facilities", "office_supplies": "office_supplies", "events": "events",
	"training": "training", "other": "other",
}

// suggest finds the contract running on the issue date and the budget
// category: the contract's, else the one the supplier's category maps to,
// else the last one used for the supplier.
func (s *Service) suggest(ctx context.Context, q db.Querier, inv Invoice) (suggestion, error) {
	var sg suggestion
	if inv.SupplierID == "" {
		return sg, nil
	}
	if day, err := time.Parse("2006-01-02", inv.IssueDate); err == nil {
		cs, err := s.contractsFor(ctx, q, inv.SupplierID, day)
		if err != nil {
			return sg, err
		}
		if len(cs) > 0 {
			sg.ContractID, sg.ContractSubject = cs[0].ID, cs[0].Subject
			if cs[0].BudgetCategory != "" {
				sg.Category, sg.Source = cs[0].BudgetCategory, "contract"
				return sg, nil
			}
		}
	}
	var cat string
	if err := q.QueryRowContext(ctx, `SELECT category FROM suppliers WHERE id = $1`, inv.SupplierID).Scan(&cat); err == nil {
		if b, ok := supplierCategoryToBudget[cat]; ok && cat != "other" {
			sg.Category, sg.Source = b, "supplier"
			return sg, nil
		}
	}
	var last string
	err := q.QueryRowContext(ctx, `SELECT budget_category FROM invoices WHERE supplier_id = $1 AND id <> $2 AND budget_category IS NOT NULL
		ORDER BY issue_date DESC, registered_at DESC LIMIT 1`, inv.SupplierID, inv.ID).Scan(&last)
	if err == nil && last != "" {
		sg.Category, sg.Source = last, "history"
	}
	return sg, nil
}

// checks computes the checks of inv as the data stands now; sg is the
// suggestion when the caller has just made it (nil: make it).
func (s *Service) checks(ctx context.Context, q db.Querier, inv Invoice, sg *suggestion) (Checks, error) {
	var c Checks
	c.DuplicateOf = []string{}
	c.LikelyDuplicateOf = []string{}
	if err := s.duplicates(ctx, q, inv, &c); err != nil {
		return c, err
	}
	// Known supplier.
	if inv.SupplierID != "" {
		c.SupplierKnown = true
		c.add("supplier_known", LevelOK, "known supplier")
	} else {
		c.add("supplier_unknown", LevelWarning, fmt.Sprintf("%s is not a known supplier: add it to the suppliers", inv.SupplierName), inv.SupplierName)
	}
	// IBAN.
	switch {
	case inv.PayableCents <= 0:
		c.add("nothing_to_pay", LevelInfo, "nothing to pay")
	case inv.IBAN == "":
		c.add("iban_missing", LevelWarning, "the invoice names no bank account")
	default:
		if _, err := iban.Parse("iban", inv.IBAN); err != nil {
			c.add("iban_invalid", LevelProblem, fmt.Sprintf("the IBAN %s is not valid: not payable", inv.IBAN), inv.IBAN)
			break
		}
		if inv.SupplierID == "" {
			c.add("iban_unknown_supplier", LevelWarning, "the IBAN cannot be checked without a known supplier")
			break
		}
		var trusted bool
		if sg != nil && sg.trusted != nil {
			trusted = *sg.trusted
		} else {
			var err error
			if _, trusted, err = s.accountStatus(ctx, q, inv.SupplierID, inv.IBAN); err != nil {
				return c, err
			}
		}
		if trusted {
			c.IBANTrusted = true
			c.add("iban_trusted", LevelOK, "trusted bank account", inv.IBAN)
		} else {
			c.add("iban_untrusted", LevelProblem, fmt.Sprintf("changed bank account %s — not payable until confirmed", inv.IBAN), inv.IBAN)
		}
	}
	// Contract and category.
	if sg == nil {
		made, err := s.suggest(ctx, q, inv)
		if err != nil {
			return c, err
		}
		sg = &made
	}
	c.ContractID, c.ContractSubject = sg.ContractID, sg.ContractSubject
	c.SuggestedCategory, c.CategorySource = sg.Category, sg.Source
	if sg.ContractID != "" {
		c.add("contract", LevelOK, fmt.Sprintf("contract: %s", sg.ContractSubject), sg.ContractSubject)
	} else if inv.SupplierID != "" {
		c.add("no_contract", LevelInfo, "no contract with this supplier on the issue date")
	}
	// Totals.
	c.TotalsAgree = totalsAgree(inv)
	if c.TotalsAgree {
		c.add("totals_agree", LevelOK, "lines, VAT and totals add up")
	} else {
		c.add("totals_differ", LevelProblem, "the lines, VAT and totals do not add up: see the warnings")
	}
	switch {
	case sg.Category == "":
		c.add("category_none", LevelInfo, "no budget category to suggest: code the invoice")
	case inv.BudgetCategory == "":
		c.add("category_suggested", LevelInfo, fmt.Sprintf("suggested budget category: %s", sg.Category), sg.Category, sg.Source)
	case inv.BudgetCategory == sg.Category:
		c.add("category_as_suggested", LevelOK, fmt.Sprintf("budget category %s (from the %s)", sg.Category, sg.Source), sg.Category, sg.Source)
	default:
		c.add("category_differs", LevelInfo, fmt.Sprintf("coded as %s; suggested %s", inv.BudgetCategory, sg.Category), inv.BudgetCategory, sg.Category)
	}
	return c, nil
}

// flags are the keys of inv's checks at level warning or problem (the
// list's Flags). The contract and category checks never rise above info, so
// an empty suggestion stands in for the real one and its lookups (contracts,
// supplier category, last coding) are skipped: the flags come out the same.
func (s *Service) flags(ctx context.Context, q db.Querier, inv Invoice) ([]string, error) {
	c, err := s.checks(ctx, q, inv, &suggestion{})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, x := range c.List {
		if x.Level == LevelWarning || x.Level == LevelProblem {
			out = append(out, x.Key)
		}
	}
	return out, nil
}

// totalsAgree checks the stored amounts (lines sum, VAT, payable); the
// detailed rules (BR-CO-10…16, the VAT breakdown) were checked at import
// and any warning of theirs counts as a difference.
func totalsAgree(inv Invoice) bool {
	for _, w := range inv.Warnings {
		if strings.HasPrefix(w.Rule, "BR-CO-1") || strings.HasPrefix(w.Rule, "BR-S-0") || w.Rule == "BR-CO-25" {
			return false
		}
	}
	if inv.TotalExclCents+inv.VATCents != inv.TotalInclCents {
		return false
	}
	if inv.Channel == ChannelPDF {
		return inv.PayableCents == inv.TotalInclCents
	}
	return true
}

// duplicates finds invoices of the same supplier with the same number, and
// with the same amount and issue date. The supplier is the same when both
// are matched to it, or — unmatched — when the VAT number or the name
// agrees.
func (s *Service) duplicates(ctx context.Context, q db.Querier, inv Invoice, c *Checks) error {
	// Two indexed lookups (same number; same amount and date) rather than
	// one OR, so the check stays fast as invoices accumulate.
	var q1, q2 string
	var args []any
	cols := `SELECT id, number FROM invoices WHERE id <> $1 AND status <> 'rejected' AND `
	if inv.SupplierID != "" {
		q1 = cols + `supplier_id = $2 AND number = $3`
		q2 = cols + `supplier_id = $2 AND issue_date = $4 AND total_incl_cents = $5 AND number <> $3`
		args = []any{inv.ID, inv.SupplierID, inv.Number, inv.IssueDate, inv.TotalInclCents}
	} else {
		same := ` AND supplier_id IS NULL AND ((supplier_vat <> '' AND supplier_vat = $2) OR lower(supplier_name) = lower(CAST($6 AS TEXT)))`
		q1 = cols + `number = $3` + same
		q2 = cols + `issue_date = $4 AND total_incl_cents = $5 AND number <> $3` + same
		args = []any{inv.ID, inv.SupplierVAT, inv.Number, inv.IssueDate, inv.TotalInclCents, inv.SupplierName}
	}
	rows, err := q.QueryContext(ctx, `SELECT id, number FROM (`+q1+` UNION ALL `+q2+`) d ORDER BY id LIMIT 20`, args...)
	if err != nil {
		return fmt.Errorf("duplicate check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, number string
		if err := rows.Scan(&id, &number); err != nil {
			return fmt.Errorf("duplicate check: %w", err)
		}
		if number == inv.Number {
			c.DuplicateOf = append(c.DuplicateOf, id)
		} else {
			c.LikelyDuplicateOf = append(c.LikelyDuplicateOf, id)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("duplicate check: %w", err)
	}
	switch {
	case len(c.DuplicateOf) > 0:
		c.add("duplicate", LevelProblem, fmt.Sprintf("duplicate: invoice number %s of this supplier is already registered", inv.Number), inv.Number)
	case len(c.LikelyDuplicateOf) > 0:
		c.add("likely_duplicate", LevelWarning, "likely duplicate: an invoice of this supplier with the same amount and date is already registered")
	default:
		c.add("no_duplicate", LevelOK, "no duplicate")
	}
	return nil
}
