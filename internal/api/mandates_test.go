package api

import (
	"net/http"
	"slices"
	"testing"

	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestMandates(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		boss := f.person(t, "Pieter Principal", "pieter@example.nl", "principal")
		ma := f.person(t, "Mara Assistant", "mara@example.nl", "management_assistant")
		emp := f.person(t, "Eva Employee", "eva@example.nl")
		bossTok, maTok, empTok := f.token(t, boss.ID), f.token(t, ma.ID), f.token(t, emp.ID)

		// An employee cannot grant for someone else.
		r := f.do(t, request{method: http.MethodPut, path: "/api/v1/mandates", token: empTok,
			body: MandateInput{PrincipalID: boss.ID, AssistantID: ma.ID, Scopes: []ScopeName{"agenda.edit"}}})
		wantStatus(t, r, http.StatusForbidden)

		r = f.do(t, request{method: http.MethodPut, path: "/api/v1/mandates", token: bossTok,
			body: MandateInput{PrincipalID: boss.ID, AssistantID: ma.ID, Scopes: []ScopeName{"agenda.edit"}}})
		wantStatus(t, r, http.StatusOK)
		var m authz.Mandate
		r.decode(t, &m)
		if m.PrincipalID != boss.ID || m.AssistantID != ma.ID || !m.Scopes.Has(authz.AgendaSee) || !m.Scopes.Has(authz.AgendaEdit) {
			t.Fatalf("granted %+v", m)
		}

		// The assistant sees it, on the mandate and in get-me.
		wantStatus(t, f.get(t, "/api/v1/mandates/"+m.ID, maTok), http.StatusOK)
		var me Me
		f.get(t, "/api/v1/me", maTok).decode(t, &me)
		if len(me.Principals) != 1 || me.Principals[0].PrincipalID != boss.ID || !me.Principals[0].Scopes.Has(authz.AgendaEdit) {
			t.Errorf("me.principals %+v", me.Principals)
		}
		if !slices.Contains(me.Permissions, authz.PrincipalsAssist) || !slices.Equal(me.Roles, []string{"management_assistant"}) {
			t.Errorf("me %+v", me)
		}

		// Someone else does not see it, and cannot revoke it.
		r = f.get(t, "/api/v1/mandates/"+m.ID, empTok)
		wantStatus(t, r, http.StatusNotFound)
		r.problem(t)
		var list List[authz.Mandate]
		f.get(t, "/api/v1/mandates", empTok).decode(t, &list)
		if list.Total != 0 || list.Items == nil {
			t.Errorf("employee sees %s", f.get(t, "/api/v1/mandates", empTok).raw)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/mandates/" + m.ID, token: empTok}), http.StatusNotFound)
		f.get(t, "/api/v1/mandates?assistant_id="+ma.ID, bossTok).decode(t, &list)
		if list.Total != 1 {
			t.Errorf("principal lists %+v", list)
		}

		// The principal revokes it.
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/mandates/" + m.ID, token: bossTok}), http.StatusNoContent)
		wantStatus(t, f.get(t, "/api/v1/mandates/"+m.ID, maTok), http.StatusNotFound)
		f.get(t, "/api/v1/me", maTok).decode(t, &me)
		if len(me.Principals) != 0 {
			t.Errorf("after revoke me.principals %+v", me.Principals)
		}
	})
}

func TestAuditScope(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		adminTok := f.token(t, f.admin.ID)
		boss := f.person(t, "Pieter Principal", "pieter@example.nl", "principal")
		ma := f.person(t, "Mara Assistant", "mara@example.nl", "management_assistant")
		emp := f.person(t, "Eva Employee", "eva@example.nl")
		bossTok, empTok := f.token(t, boss.ID), f.token(t, emp.ID)
		wantStatus(t, f.do(t, request{method: http.MethodPut, path: "/api/v1/mandates", token: bossTok,
			body: MandateInput{PrincipalID: boss.ID, AssistantID: ma.ID, Scopes: []ScopeName{"mail.read"}}}), http.StatusOK)
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/locations", token: adminTok,
			body: LocationInput{Name: "Head office", City: "Amsterdam"}}), http.StatusCreated)

		var all List[AuditEntry]
		f.get(t, "/api/v1/audit", adminTok).decode(t, &all)
		if all.Total < 3 {
			t.Fatalf("the administrator sees only %d entries", all.Total)
		}

		var own List[AuditEntry]
		f.get(t, "/api/v1/audit", empTok).decode(t, &own)
		if own.Total == 0 {
			t.Fatal("the employee sees not even their own token being made")
		}
		for _, e := range own.Items {
			ownRecord := e.ObjectType == "person" && e.ObjectID == emp.ID
			if e.ActorID != emp.ID && e.OnBehalfOf != emp.ID && !ownRecord {
				t.Errorf("the employee sees %+v", e)
			}
		}

		var bossEntries List[AuditEntry]
		f.get(t, "/api/v1/audit?object_type=mandate", bossTok).decode(t, &bossEntries)
		if bossEntries.Total != 1 || bossEntries.Items[0].Action != "grant" {
			t.Errorf("the principal sees %+v", bossEntries)
		}
		f.get(t, "/api/v1/audit?object_type=mandate&since=2999-01-01T00:00:00Z", bossTok).decode(t, &bossEntries)
		if bossEntries.Total != 0 {
			t.Errorf("since in the future: %+v", bossEntries)
		}
		wantStatus(t, f.get(t, "/api/v1/audit?since=yesterday", bossTok), http.StatusUnprocessableEntity)
	})
}
