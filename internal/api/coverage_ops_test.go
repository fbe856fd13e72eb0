package api

import (
	"net/http"
	"testing"

	"spil/internal/authz"
	"spil/internal/catalog"
	"spil/internal/coverage"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestGetTaskCoverage(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		cat, err := catalog.Default()
		if err != nil {
			t.Fatal(err)
		}
		f.api.Coverage = &coverage.Service{DB: d, Clock: f.deps.Identity.Clock, Catalog: catalog.NewBook(cat)}

		olga := f.person(t, "Olga Office", "olga@example.nl", authz.RoleOfficeManager)
		pia := f.person(t, "Pia Principaal", "pia@example.nl", authz.RolePrincipal)
		piet := f.person(t, "Piet Partner", "piet@example.nl", authz.RolePrincipal)
		mia := f.person(t, "Mia Assistent", "mia@example.nl", authz.RoleManagementAssistant)
		tim := f.person(t, "Tim Team", "tim@example.nl")
		if _, err := f.deps.Mandates.Grant(ctx, f.actor(t, pia.ID), pia.ID, mia.ID, authz.Scopes{authz.AgendaEdit}); err != nil {
			t.Fatal(err)
		}

		// Employees, assistants and principals may not see it; nobody without a login either.
		for _, p := range []string{tim.ID, mia.ID, pia.ID} {
			r := f.get(t, "/api/v1/roles/coverage", f.token(t, p))
			wantStatus(t, r, http.StatusForbidden)
			r.problem(t)
		}
		wantStatus(t, f.get(t, "/api/v1/roles/coverage", ""), http.StatusUnauthorized)

		var m CoverageMap
		for _, who := range []string{olga.ID, f.admin.ID} {
			r := f.get(t, "/api/v1/roles/coverage", f.token(t, who))
			wantStatus(t, r, http.StatusOK)
			r.decode(t, &m)
		}
		tasks := map[string]CoverageTask{}
		contexts := map[string]string{}
		for _, r := range m.Roles {
			for _, a := range r.Areas {
				contexts[a.Key] = a.Context
				for _, tc := range a.Tasks {
					tasks[tc.Key] = tc
				}
			}
		}
		if len(m.Roles) != 2 || len(tasks) != 26 || contexts["ma.law_firm"] != "law_firm" || contexts["om.team"] != "" {
			t.Fatalf("%d roles, %d tasks, contexts %v", len(m.Roles), len(tasks), contexts)
		}
		agenda := tasks["ma.agenda"]
		if agenda.Status != "single" || !agenda.Problem || agenda.Scope != "agenda.edit" ||
			len(agenda.CoveredFor) != 1 || agenda.CoveredFor[0].Principal.ID != pia.ID || agenda.CoveredFor[0].Assistants[0].Name != "Mia Assistent" ||
			len(agenda.UncoveredFor) != 1 || agenda.UncoveredFor[0].ID != piet.ID {
			t.Errorf("ma.agenda %+v", agenda)
		}
		if agenda.Module.Key != "agenda" || agenda.Module.Status != "available" || agenda.Module.Path != "/agenda" || agenda.Module.Name == nil || agenda.Module.Name.EN != "Agenda" {
			t.Errorf("ma.agenda module %+v", agenda.Module)
		}
		if email := tasks["ma.email"]; email.Status != "uncovered" || len(email.UncoveredFor) != 2 || email.People == nil || email.CoveredFor == nil ||
			email.Module.Status != "planned" || email.Module.Path != "" {
			t.Errorf("ma.email %+v", email)
		}
		if b := tasks["om.budget"]; b.Status != "single" || len(b.People) != 1 || b.People[0].ID != olga.ID {
			t.Errorf("om.budget %+v", b)
		}
		if mod := tasks["om.culture_wellbeing"].Module; mod.Status != "none" || mod.Name != nil {
			t.Errorf("om.culture_wellbeing module %+v", mod)
		}
		if s := m.Summary; s.Principals != 2 || len(s.PrincipalsWithoutAssistant) != 1 || s.PrincipalsWithoutAssistant[0].ID != piet.ID ||
			s.General.Tasks != 18 || s.General.Single != 9+4 || s.General.Uncovered != 5 {
			t.Errorf("summary %+v", s)
		}

		// A second Office Manager: her tasks drop out of the problems.
		f.person(t, "Oscar Office", "oscar@example.nl", authz.RoleOfficeManager)
		r := f.get(t, "/api/v1/roles/coverage?only_problems=true", f.token(t, olga.ID))
		wantStatus(t, r, http.StatusOK)
		m = CoverageMap{}
		r.decode(t, &m)
		if len(m.Roles) != 1 || m.Roles[0].Key != authz.RoleManagementAssistant || m.Summary.General.Covered != 9 {
			t.Errorf("only problems: %d roles, summary %+v", len(m.Roles), m.Summary.General)
		}
	})
}
