package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"spil/internal/testutil"
)

// operations are the operationIds the API promises.
var operations = []string{
	"get-me",
	"list-people", "get-person", "create-person", "update-person", "set-person-roles", "import-people",
	"list-departments", "get-department", "create-department", "update-department", "delete-department",
	"list-locations", "get-location", "create-location", "update-location", "delete-location",
	"list-roles",
	"list-mandates", "get-mandate", "grant-mandate", "revoke-mandate",
	"list-audit",
	"list-tokens", "create-token", "revoke-token",
	"get-organization", "update-organization",
	"get-role-catalog",
	"advise-staffing",
	"score-self-assessment",
	"list-self-assessment-questions",
	"get-task-coverage",
	"list-catalog-changes", "set-role-salary", "reset-role-salary", "add-catalog-role", "delete-catalog-role",
	"list-appointments", "create-appointment", "get-appointment", "update-appointment", "move-appointment", "delete-appointment",
	"respond-to-appointment", "get-agenda-plan", "get-appointment-conflicts", "find-slots", "get-freebusy",
	"get-agenda-settings", "put-agenda-settings", "list-absences", "create-absence", "update-absence", "delete-absence",
	"list-travel-overrides", "put-travel-override", "delete-travel-override",
	"import-ics", "export-ics", "list-agenda-feeds", "create-agenda-feed", "revoke-agenda-feed",
	"import-invoice", "approve-invoice", "list-invoices", "get-invoice", "code-invoice", "reject-invoice", "hold-invoice", "release-invoice", "get-invoice-attachment", "get-invoice-settings", "update-invoice-settings",
	"list-suppliers", "create-supplier", "get-supplier", "update-supplier", "add-supplier-bank-account", "trust-supplier-bank-account", "list-contracts", "create-contract", "get-contract",
	"terminate-contract", "add-contract-document", "get-contract-document",
	"withdraw-supplier-bank-account-trust",
	"list-meetings", "create-meeting", "get-meeting", "update-meeting", "cancel-meeting", "send-invitations", "add-agenda-item", "upload-meeting-document", "answer-invitation", "record-invitation-reply",
	"get-minutes", "record-minutes", "approve-minutes", "list-action-items", "update-action-item",
	"get-budget", "set-budget", "copy-budget", "create-payment-batch", "list-payment-batches", "get-payment-batch", "download-payment-batch", "execute-payment-batch", "cancel-payment-batch", "get-payment-settings", "update-payment-settings",
	"list-rooms", "book-room", "get-room-availability", "get-room", "create-room", "update-room", "list-room-bookings", "cancel-room-booking", "check-in-room-booking", "approve-room-booking", "reject-room-booking",
}

func TestOpenAPIDocument(t *testing.T) {
	// The engine does not matter here; SQLite is enough.
	f := newFixture(t, testutil.NewSQLite(t))
	r := f.get(t, "/api/v1/openapi.json", "")
	wantStatus(t, r, http.StatusOK)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Title, Version string
		} `json:"info"`
		Paths map[string]map[string]struct {
			OperationID string                `json:"operationId"`
			Summary     string                `json:"summary"`
			Description string                `json:"description"`
			Tags        []string              `json:"tags"`
			Security    []map[string][]string `json:"security"`
			Responses   map[string]struct {
				Content map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas         map[string]map[string]any `json:"schemas"`
			SecuritySchemes map[string]any            `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(r.raw, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	if doc.Info.Title != "spil API" || doc.Info.Version != "1" {
		t.Errorf("info %+v", doc.Info)
	}
	var ids []string
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/api/v1/") {
			t.Errorf("path %s outside /api/v1", path)
		}
		for method, o := range ops {
			ids = append(ids, o.OperationID)
			if o.Summary == "" || o.Description == "" || len(o.Tags) == 0 {
				t.Errorf("%s %s: summary, description or tags missing", method, path)
			}
			if len(o.Security) == 0 {
				t.Errorf("%s %s: no security requirement", method, path)
			}
			if _, ok := o.Responses["401"].Content["application/problem+json"]; !ok {
				t.Errorf("%s %s: 401 problem not documented", method, path)
			}
		}
	}
	for _, id := range operations {
		if !slices.Contains(ids, id) {
			t.Errorf("operation %s missing from the document", id)
		}
	}
	if len(ids) != len(operations) {
		t.Errorf("document has %d operations, test knows %d: %v", len(ids), len(operations), ids)
	}
	if len(doc.Components.SecuritySchemes) != 2 {
		t.Errorf("security schemes %v", doc.Components.SecuritySchemes)
	}
	// Request bodies refuse unknown properties.
	for _, name := range []string{"PersonInput", "NewPerson", "MandateInput", "LocationInput", "DepartmentInput", "TokenInput", "OrganizationInput", "RolesInput"} {
		s, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s missing", name)
			continue
		}
		if s["additionalProperties"] != false {
			t.Errorf("schema %s allows additional properties", name)
		}
	}

	// The schemas are served; there is no docs page (it would load scripts from a CDN).
	wantStatus(t, f.get(t, "/api/v1/schemas/Person.json", ""), http.StatusOK)
	wantStatus(t, f.get(t, "/api/v1/openapi.yaml", ""), http.StatusOK)
	wantStatus(t, f.get(t, "/api/v1/docs", ""), http.StatusNotFound)
	wantStatus(t, f.get(t, "/docs", ""), http.StatusNotFound)
}

func TestRoutes(t *testing.T) {
	// The engine does not matter here; SQLite is enough.
	f := newFixture(t, testutil.NewSQLite(t))
	routes := f.api.Routes()
	if len(routes) != len(operations) {
		t.Errorf("%d routes, want %d", len(routes), len(operations))
	}
	seen := map[string]bool{}
	for _, rt := range routes {
		if !rt.Access.Declared() {
			t.Errorf("%s %s declares no access", rt.Method, rt.Path)
		}
		if !strings.HasPrefix(rt.Path, "/api/v1/") || rt.OperationID == "" {
			t.Errorf("route %+v", rt)
		}
		if seen[rt.OperationID] {
			t.Errorf("operation %s twice", rt.OperationID)
		}
		seen[rt.OperationID] = true
		// Without credentials every non-public operation answers 401
		// before anything else (path parameters filled with a dummy).
		if rt.Access.Public {
			continue
		}
		path := strings.NewReplacer("{id}", "x").Replace(rt.Path)
		r := f.do(t, request{method: rt.Method, path: path})
		if r.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s without credentials: %d", rt.Method, path, r.StatusCode)
		}
	}
}
