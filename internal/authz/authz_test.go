package authz

import (
	"strings"
	"testing"

	"spil/internal/catalog"
)

func TestDefaultRolesAreValidAndCoverTheArticlesRoles(t *testing.T) {
	rs, err := DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{RoleAdmin, RoleOfficeManager, RoleManagementAssistant, RolePrincipal, RoleEmployee, RoleSupportStaff} {
		r, ok := rs.Get(k)
		if !ok {
			t.Fatalf("role %s missing", k)
		}
		if r.Name.NL == "" || r.Name.EN == "" || r.Summary.NL == "" || r.Summary.EN == "" {
			t.Errorf("role %s lacks a name or summary in a language", k)
		}
	}
	if rs.Permissions([]string{RoleManagementAssistant})[OfficeManage] {
		t.Error("a Management Assistant must not hold the Office Manager's deciding permission")
	}
	if !rs.Permissions([]string{RoleOfficeManager, RoleManagementAssistant})[PrincipalsAssist] {
		t.Error("a person with both roles (small organization) must hold both roles' permissions")
	}
}

func TestRoleDefinitionsRejectUnknownPermissionsAndScopes(t *testing.T) {
	_, err := NewRoles("1", []Role{{Key: "x", Permissions: []Permission{"invoices.pay_everything"}}})
	if err == nil || !strings.Contains(err.Error(), "invoices.pay_everything") {
		t.Fatalf("want error naming the unknown permission, got %v", err)
	}
	if _, err = NewRoles("1", []Role{{Key: "x"}, {Key: "x"}}); err == nil {
		t.Fatal("duplicate role key accepted")
	}
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	c.Roles[1].TaskAreas[0].Tasks[0].Scope = "agenda.burn"
	if _, err := FromCatalog(c); err == nil || !strings.Contains(err.Error(), "agenda.burn") {
		t.Fatalf("a task needing an unknown scope: %v", err)
	}
}

func TestRolesComeFromTheCatalog(t *testing.T) {
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := FromCatalog(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.All()) != len(c.Roles) || rs.Version() != c.Version {
		t.Fatalf("%d roles from %d catalog roles", len(rs.All()), len(c.Roles))
	}
	om, _ := rs.Get(RoleOfficeManager)
	if om.Name.NL != "Office Manager" || !rs.Permissions([]string{RoleOfficeManager})[OfficeManage] {
		t.Fatalf("Office Manager from the catalog: %+v", om)
	}
}

func TestScopesImplyWhatTheyNeed(t *testing.T) {
	got := ParseScopes("mail.send_on_behalf agenda.edit bogus agenda.edit")
	want := "agenda.edit agenda.see mail.draft mail.read mail.send_on_behalf"
	if got.String() != want {
		t.Fatalf("got %q, want %q", got.String(), want)
	}
}

func TestActorActsOnlyWithinMandates(t *testing.T) {
	rs, _ := DefaultRoles()
	m := Mandate{PrincipalID: "dir", AssistantID: "ma", Scopes: ParseScopes("agenda.see")}
	ma := NewActor("ma", "Ma", "ma@x", []string{RoleManagementAssistant}, rs, []Mandate{m})
	if !ma.ActsFor("dir", AgendaSee) {
		t.Error("assistant cannot see the agenda the mandate opens")
	}
	if ma.ActsFor("dir", AgendaEdit) || ma.ActsFor("other", AgendaSee) {
		t.Error("assistant acts beyond the mandate")
	}
	if !ma.ActsFor("ma", MailSendOnBehalf) {
		t.Error("a person always acts for themself")
	}
	emp := NewActor("emp", "E", "e@x", []string{RoleEmployee}, rs, []Mandate{{PrincipalID: "dir", AssistantID: "emp", Scopes: AllScopes()}})
	if emp.ActsFor("dir", AgendaSee) {
		t.Error("a mandate to someone without the assistant role must grant nothing")
	}
	var nobody *Actor
	if nobody.Can(PeopleRead) || Need(PeopleRead).Allows(nil) || !Public.Allows(nil) || Authenticated.Allows(nil) {
		t.Error("access for an anonymous visitor is wrong")
	}
	if (Access{}).Declared() || (Access{}).Allows(ma) {
		t.Error("an undeclared access must deny")
	}
}
