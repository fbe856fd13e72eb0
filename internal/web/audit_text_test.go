package web

import (
	"testing"
	"time"

	"spil/internal/audit"
	"spil/internal/i18n"
)

// auditMessages are the messages the services record (audit.Change.Message,
// or object type + "." + action).
func auditMessages() []string {
	return []string{
		"organization.create", "organization.update",
		"person.create", "person.create_admin", "person.update", "person.deactivate", "person.reactivate",
		"person.update_profile", "person.set_roles", "person.set_password", "person.change_password", "person.import",
		"department.create", "department.update", "department.delete",
		"location.create", "location.update", "location.delete",
		"mandate.grant", "mandate.update", "mandate.revoke", "mandate.give_back",
		"api_token.create", "api_token.revoke",
		"catalog_role.set_salary", "catalog_role.reset_salary", "catalog_role.add_role", "catalog_role.delete_role",
	}
}

func TestEveryAuditMessageReadsInBothLanguages(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		p := c.Printer(lang, time.UTC)
		for _, m := range auditMessages() {
			e := audit.Entry{Message: m, Label: "Lotte Willems", Summary: "english fallback"}
			if got := auditText(p, e); got == "english fallback" || got == "" {
				t.Errorf("%s: audit message %q has no text", lang, m)
			}
		}
	}
	nl := c.Printer("nl", time.UTC)
	if got := auditText(nl, audit.Entry{Message: "mandate.revoke", Label: "Maarten Visser → Lotte Willems"}); got != "Mandaat ingetrokken: Maarten Visser → Lotte Willems" {
		t.Errorf("nl revoke reads %q", got)
	}
	if got := auditText(nl, audit.Entry{Message: "something.new", Summary: "did something new"}); got != "did something new" {
		t.Errorf("unknown message reads %q, want the English summary", got)
	}
}
