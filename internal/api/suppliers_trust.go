package api

import (
	"context"
	"net/http"

	"spil/internal/authz"
)

type withdrawTrustInput struct {
	PathID
	Account string `path:"account" minLength:"1" doc:"The bank account's ID."`
	Body    *struct {
		Reason string `json:"reason,omitempty" maxLength:"1000" doc:"Why (kept in the audit log)."`
	}
}

// registerTrustWithdrawal adds taking a bank account's confirmation back.
func (a *API) registerTrustWithdrawal() {
	register(a, op{
		ID: "withdraw-supplier-bank-account-trust", Method: http.MethodPost, Path: "/suppliers/{id}/bank-accounts/{account}/withdraw-trust",
		Tag: "Suppliers", Summary: "Withdraw the trust in a bank account",
		Description: "The Office Manager takes her confirmation of a bank account back (it turned out wrong, fraud, a closed account): " +
			"nothing is paid into it any more — create-payment-batch refuses its invoices and a batch made before but not yet " +
			"downloaded writes no file (409) — until it is confirmed again with trust-supplier-bank-account. Audited, with the " +
			"optional reason. Withdrawing from an untrusted account changes nothing.",
		Access: authz.Need(authz.OfficeManage),
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, in *withdrawTrustInput) (*body[SupplierBankAccount], error) {
		reason := ""
		if in.Body != nil {
			reason = in.Body.Reason
		}
		b, err := a.Suppliers.WithdrawTrust(ctx, actorFrom(ctx), in.ID, in.Account, reason)
		if err != nil {
			return nil, err
		}
		return bodyOf(accountOut(b)), nil
	})
}
