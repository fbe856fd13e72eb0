package suppliers

import (
	"spil/internal/apperr"
	"spil/internal/authz"
)

// CanRead reports whether actor may see suppliers and their bank accounts:
// the Office Manager, and those who register or approve invoices.
func CanRead(actor *authz.Actor) bool {
	return actor.Can(authz.OfficeManage) || actor.Can(authz.InvoicesPrepare) ||
		actor.Can(authz.InvoicesApprove) || actor.Can(authz.InvoicesCountersign)
}

// CanManage reports whether actor may add and change suppliers, confirm
// bank accounts and manage contracts: the Office Manager.
func CanManage(actor *authz.Actor) bool { return actor.Can(authz.OfficeManage) }

// CanSeeContracts reports whether actor may see contracts (their values and
// terms): the Office Manager.
func CanSeeContracts(actor *authz.Actor) bool { return actor.Can(authz.OfficeManage) }

func errNoSupplier() error { return apperr.NotFoundf("supplier not found") }
func errNoContract() error { return apperr.NotFoundf("contract not found") }

// mayManage returns NotFound for actors who may not even read suppliers,
// Forbidden for readers who may not change them.
func mayManage(actor *authz.Actor) error {
	if CanManage(actor) {
		return nil
	}
	if CanRead(actor) {
		return apperr.Forbiddenf("only the Office Manager may change suppliers")
	}
	return errNoSupplier()
}
