package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/i18n"
)

// auditObjectTypes are the object types the activity filter offers; each
// has a label "object.<type>".
var auditObjectTypes = []string{"person", "mandate", "department", "location", "organization", "api_token", "catalog_role",
	"supplier", "supplier_account", "contract", "invoice", "invoice_settings", "budget", "payment_batch", "payment_settings",
	"room", "room_booking", "meeting", "minutes", "action_item"}

// auditLimit is how many entries the activity page shows.
const auditLimit = 200

// AuditQuery is the activity page's filter, read from the URL.
type AuditQuery struct {
	Mine bool   // only what was done on the actor's behalf
	Type string // object type, "" for all
	Days int    // 7 or 30; 0 for no bound
}

func readAuditQuery(v url.Values) AuditQuery {
	q := AuditQuery{Mine: v.Get("mine") == "1"}
	for _, t := range auditObjectTypes {
		if v.Get("type") == t {
			q.Type = t
		}
	}
	if d, _ := strconv.Atoi(v.Get("days")); d == 7 || d == 30 {
		q.Days = d
	}
	return q
}

// Filtered reports whether any filter narrows the list.
func (q AuditQuery) Filtered() bool { return q.Mine || q.Type != "" || q.Days != 0 }

// AuditRow is one entry as the page shows it.
type AuditRow struct {
	audit.Entry
	Object string // the object type's label
	Before string // indented JSON, "" for none
	After  string
}

// AuditPage is the data of the activity page.
type AuditPage struct {
	Query   AuditQuery
	Entries []AuditRow
	Types   []Option
	Days    []Option
	SeesAll bool // the actor reads the whole log
	Limit   int
}

func (s *Server) activity(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	q := readAuditQuery(r.URL.Query())
	p := s.pageFor(r, a, "audit")
	f := audit.Filter{ObjectType: q.Type, Limit: auditLimit}
	if q.Mine {
		f.OnBehalfOf = a.PersonID
	}
	if q.Days > 0 {
		f.Since = s.Clock.Now().Add(-time.Duration(q.Days) * 24 * time.Hour)
	}
	entries, err := s.Audit.List(r.Context(), a, f)
	if err != nil {
		return err
	}
	d := AuditPage{Query: q, SeesAll: a.Can(authz.AuditReadAll), Limit: auditLimit}
	for _, e := range entries {
		d.Entries = append(d.Entries, AuditRow{Entry: e, Object: objectLabel(p.P, e.ObjectType), Before: prettyJSON(e.Before), After: prettyJSON(e.After)})
	}
	for _, t := range auditObjectTypes {
		d.Types = append(d.Types, Option{Value: t, Label: p.P.T("object." + t), Checked: t == q.Type})
	}
	d.Days = []Option{
		{Value: "", Label: p.P.T("audit.days_all"), Checked: q.Days == 0},
		{Value: "7", Label: p.P.T("audit.days_7"), Checked: q.Days == 7},
		{Value: "30", Label: p.P.T("audit.days_30"), Checked: q.Days == 30},
	}
	s.render(w, r, http.StatusOK, "audit", p, d)
	return nil
}

// objectLabel names an object type in the reader's language; types without
// a label show as stored.
func objectLabel(p *i18n.Printer, t string) string {
	if k := "object." + t; p.T(k) != k {
		return p.T(k)
	}
	return t
}

// prettyJSON indents a stored snapshot; text that is no JSON is returned as is.
func prettyJSON(s string) string {
	if s == "" || s == "null" {
		return ""
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		return s
	}
	return b.String()
}
