package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/org"
)

// OrganizationName is the demo firm's name.
const OrganizationName = "Van Dijk & De Boer Advocaten"

// Domain is the mail domain of every demo person; example domains are
// reserved (RFC 2606), so no demo mail can reach a real person.
const Domain = "demo.example"

// The keys of the six demo logins; each logs in as key@demo.example.
const (
	keyDirector  = "director"
	keyAssistant = "assistant"
	keyManager   = "manager"
	keyOffice    = "office"
	keyEmployee  = "employee"
	keyAdmin     = "admin"
)

var loginKeys = []string{keyDirector, keyAssistant, keyManager, keyOffice, keyEmployee, keyAdmin}

type locationSpec struct {
	key string
	in  org.LocationInput
}

func ptr(f float64) *float64 { return &f }

// firmLocations: both offices, and the court the litigators travel to
// (a place the Management Assistants plan travel times to).
var firmLocations = []locationSpec{
	{"amsterdam", org.LocationInput{Name: "Kantoor Amsterdam Zuidas", Address: "Gustav Mahlerlaan 10", Postcode: "1082 PP",
		City: "Amsterdam", Country: "NL", Latitude: ptr(52.3389), Longitude: ptr(4.8725)}},
	{"utrecht", org.LocationInput{Name: "Kantoor Utrecht", Address: "Catharijnesingel 53", Postcode: "3511 GD",
		City: "Utrecht", Country: "NL", Latitude: ptr(52.0894), Longitude: ptr(5.1134)}},
	{"court", org.LocationInput{Name: "Rechtbank Amsterdam", Address: "Parnassusweg 280", Postcode: "1076 AV",
		City: "Amsterdam", Country: "NL", Latitude: ptr(52.3379), Longitude: ptr(4.8556)}},
}

type departmentSpec struct{ key, name, parent string }

// firmDepartments: the partners, three practice groups, and the business
// operations (bedrijfsvoering) with its secretariat, facilities and ICT.
var firmDepartments = []departmentSpec{
	{"directie", "Directie", ""},
	{"ondernemingsrecht", "Ondernemingsrecht", ""},
	{"arbeidsrecht", "Arbeidsrecht", ""},
	{"vastgoed", "Vastgoed", ""},
	{"bedrijfsvoering", "Bedrijfsvoering", ""},
	{"secretariaat", "Secretariaat", "bedrijfsvoering"},
	{"facilitair", "Facilitair", "bedrijfsvoering"},
	{"ict", "ICT", "bedrijfsvoering"},
}

type personSpec struct {
	key, name, title, dept, loc, manager, lang string
	roles                                      []string
}

// email is key@demo.example for the logins and first.last@demo.example for
// everyone else.
func (p personSpec) email() string {
	for _, k := range loginKeys {
		if p.key == k {
			return k + "@" + Domain
		}
	}
	return emailLocal(p.name) + "@" + Domain
}

var (
	principal = []string{authz.RolePrincipal}
	assistant = []string{authz.RoleManagementAssistant}
	support   = []string{authz.RoleSupportStaff}
	employee  = []string{authz.RoleEmployee}
)

// firmPeople is the firm, managers before the people who report to them.
// The managing partner is the top; partners lead the practice groups; the
// Office Manager leads every administrative, facility and ICT employee
// (their manager is she, whatever their department); Management Assistants
// report to the principal they work for.
//
// Here the Office Manager does not hold the Management Assistant role: the
// firm is big enough for dedicated assistants. In a small organization one
// person often holds both — give her roles office_manager and
// management_assistant (org.Service.SetRoles) and let the director grant her
// a mandate (mandate.Service.Grant); spil then shows her both the office
// modules and the director's agenda, each within its own rules.
var firmPeople = []personSpec{
	{key: keyDirector, name: "Hendrik van Dijk", title: "Managing partner", dept: "directie", loc: "amsterdam", roles: principal},
	{key: "deboer", name: "Marieke de Boer", title: "Partner", dept: "directie", loc: "utrecht", manager: keyDirector, roles: principal},
	{key: keyManager, name: "Maarten Visser", title: "Partner, sectievoorzitter Ondernemingsrecht", dept: "ondernemingsrecht", loc: "amsterdam", manager: keyDirector, roles: principal},
	{key: "smit", name: "Ingrid Smit", title: "Partner, sectievoorzitter Arbeidsrecht", dept: "arbeidsrecht", loc: "utrecht", manager: keyDirector, roles: principal},
	{key: "mulder", name: "Joost Mulder", title: "Partner, sectievoorzitter Vastgoed", dept: "vastgoed", loc: "utrecht", manager: "deboer", roles: principal},
	{key: keyOffice, name: "Esther Koster", title: "Office Manager", dept: "bedrijfsvoering", loc: "amsterdam", manager: keyDirector, roles: []string{authz.RoleOfficeManager}},
	{key: keyAssistant, name: "Lotte Willems", title: "Managementassistent directie", dept: "secretariaat", loc: "amsterdam", manager: keyDirector, roles: assistant},
	{key: "devries", name: "Fleur de Vries", title: "Managementassistent Ondernemingsrecht", dept: "secretariaat", loc: "amsterdam", manager: keyManager, roles: assistant},
	{key: "elamrani", name: "Naima El Amrani", title: "Managementassistent Arbeidsrecht en Vastgoed", dept: "secretariaat", loc: "utrecht", manager: "smit", roles: assistant},
	{key: keyAdmin, name: "Bas Meijer", title: "ICT-beheerder", dept: "ict", loc: "amsterdam", manager: keyOffice, roles: []string{authz.RoleAdmin, authz.RoleSupportStaff}},
	{key: "brouwer", name: "Kees Brouwer", title: "Coördinator facilitaire zaken", dept: "facilitair", loc: "amsterdam", manager: keyOffice, roles: support},
	{key: "dekker", name: "Anouk Dekker", title: "Receptioniste", dept: "facilitair", loc: "amsterdam", manager: keyOffice, roles: support},
	{key: "hendriks", name: "Yvonne Hendriks", title: "Receptioniste en facilitair medewerker", dept: "facilitair", loc: "utrecht", manager: keyOffice, roles: support},
	{key: "groen", name: "Wendy Groen", title: "Financieel administrateur", dept: "bedrijfsvoering", loc: "amsterdam", manager: keyOffice, roles: support},
	{key: "peters", name: "Marco Peters", title: "Administratief medewerker", dept: "bedrijfsvoering", loc: "utrecht", manager: keyOffice, roles: support},
	{key: "vanleeuwen", name: "Ria van Leeuwen", title: "Archief- en dossierbeheerder", dept: "bedrijfsvoering", loc: "amsterdam", manager: keyOffice, roles: support},
	{key: "schouten", name: "Karin Schouten", title: "HR-medewerker", dept: "bedrijfsvoering", loc: "amsterdam", manager: keyOffice, roles: support},
	{key: "vos", name: "Thomas Vos", title: "Medewerker ICT-support", dept: "ict", loc: "utrecht", manager: keyOffice, roles: support},
	{key: keyEmployee, name: "Daan de Jong", title: "Advocaat", dept: "ondernemingsrecht", loc: "amsterdam", manager: keyManager, roles: employee},
	{key: "vandenberg", name: "Emma van den Berg", title: "Senior advocaat", dept: "ondernemingsrecht", loc: "amsterdam", manager: keyManager, roles: employee},
	{key: "whitfield", name: "James Whitfield", title: "Senior associate", dept: "ondernemingsrecht", loc: "amsterdam", manager: keyManager, lang: "en", roles: employee},
	{key: "vermeulen", name: "Sophie Vermeulen", title: "Senior advocaat", dept: "arbeidsrecht", loc: "utrecht", manager: "smit", roles: employee},
	{key: "yilmaz", name: "Mehmet Yilmaz", title: "Advocaat", dept: "arbeidsrecht", loc: "utrecht", manager: "smit", roles: employee},
	{key: "kramer", name: "Julia Kramer", title: "Advocaat", dept: "vastgoed", loc: "utrecht", manager: "mulder", roles: employee},
	{key: "vandermeer", name: "Noor van der Meer", title: "Advocaat-stagiaire", dept: "vastgoed", loc: "amsterdam", manager: "mulder", roles: employee},
}

type mandateSpec struct {
	principal, assistant string
	scopes               authz.Scopes
}

// firmMandates: the director trusts his assistant with everything; the
// head of Ondernemingsrecht (manager@) works with a different assistant
// and gives her only agenda, mail drafts and travel — and gives
// assistant@ nothing, so she sees none of his affairs. One assistant in
// Utrecht serves two partners, as in the article's healthcare example.
var firmMandates = []mandateSpec{
	{keyDirector, keyAssistant, authz.AllScopes()},
	{"deboer", keyAssistant, authz.Scopes{authz.AgendaSee, authz.AgendaEdit, authz.AgendaRespond, authz.TravelBook}},
	{keyManager, "devries", authz.Scopes{authz.AgendaSee, authz.AgendaEdit, authz.AgendaRespond, authz.MailRead, authz.MailDraft, authz.TravelBook}},
	{"smit", "elamrani", authz.Scopes{authz.AgendaSee, authz.AgendaEdit, authz.MailRead, authz.MailDraft}},
	{"mulder", "elamrani", authz.Scopes{authz.AgendaSee, authz.AgendaEdit, authz.TravelBook}},
}

func personSpecByKey(key string) personSpec {
	for _, p := range firmPeople {
		if p.key == key {
			return p
		}
	}
	panic("demo: no person " + key)
}

// firm builds the firm through the services: Setup creates the
// administrator, who then adds locations, departments and people; the six
// logins get pw; each principal grants their own mandates.
func (s *seeder) firm(ctx context.Context, pw string) error {
	adminSpec := personSpecByKey(keyAdmin)
	admin, err := s.org.Setup(ctx, org.SetupInput{OrganizationName: OrganizationName, Language: s.lang,
		TimeZone: "Europe/Amsterdam", AdminName: adminSpec.name, AdminEmail: adminSpec.email(), AdminPassword: pw})
	if err != nil {
		if apperr.KindOf(err) == apperr.Conflict {
			return err
		}
		return fmt.Errorf("demo: set up: %w", err)
	}
	s.ids[keyAdmin] = admin.ID
	// From here on the administrator does the work, as after a real first run.
	actor, err := s.resolver.Resolve(ctx, admin.ID, authz.ViaSession)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	s.clock.Advance(12 * time.Minute)

	for _, l := range firmLocations {
		loc, err := s.org.CreateLocation(ctx, actor, l.in)
		if err != nil {
			return fmt.Errorf("demo: location %s: %w", l.in.Name, err)
		}
		s.ids[l.key] = loc.ID
		s.clock.Advance(3 * time.Minute)
	}
	for _, d := range firmDepartments {
		dep, err := s.org.CreateDepartment(ctx, actor, org.DepartmentInput{Name: d.name, ParentID: s.ids[d.parent]})
		if err != nil {
			return fmt.Errorf("demo: department %s: %w", d.name, err)
		}
		s.ids[d.key] = dep.ID
		s.departments = append(s.departments, d.key)
		s.clock.Advance(2 * time.Minute)
	}

	// People go in the next working day.
	s.workday(1, 9, 30)
	for i, p := range firmPeople {
		in := org.PersonInput{Name: p.name, Email: p.email(), JobTitle: p.title, DepartmentID: s.ids[p.dept],
			LocationID: s.ids[p.loc], ManagerID: s.ids[p.manager], Language: p.lang, Roles: p.roles}
		if p.key == keyAdmin { // exists since Setup; complete the record
			if _, err := s.org.UpdatePerson(ctx, actor, admin.ID, in); err != nil {
				return fmt.Errorf("demo: complete administrator: %w", err)
			}
		} else {
			created, err := s.org.CreatePerson(ctx, actor, in)
			if err != nil {
				return fmt.Errorf("demo: person %s: %w", p.name, err)
			}
			s.ids[p.key] = created.ID
		}
		s.clock.Advance(time.Duration(3+i%5) * time.Minute)
	}

	if err := s.setPasswords(ctx); err != nil {
		return err
	}

	// A few days later the principals set up their mandates themselves.
	s.workday(3, 10, 15)
	for _, m := range firmMandates {
		principalActor, err := s.resolver.Resolve(ctx, s.ids[m.principal], authz.ViaSession)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if _, err := s.mandates.Grant(ctx, principalActor, s.ids[m.principal], s.ids[m.assistant], m.scopes); err != nil {
			return fmt.Errorf("demo: mandate %s → %s: %w", m.principal, m.assistant, err)
		}
		s.clock.Advance(47 * time.Minute)
	}
	return nil
}

// setPasswords gives the other five logins the administrator's password.
// Setup hashed it once (argon2id is slow on purpose); the demo shares that
// hash instead of hashing again per login. The org service has no password
// setter (identity owns passwords, and needs an actor per person), so this
// is plain SQL.
func (s *seeder) setPasswords(ctx context.Context) error {
	var hash string
	if err := s.db.W.QueryRowContext(ctx, `SELECT password_hash FROM people WHERE id = $1`, s.ids[keyAdmin]).Scan(&hash); err != nil {
		return fmt.Errorf("demo: read password: %w", err)
	}
	for _, k := range loginKeys {
		if k == keyAdmin {
			continue
		}
		if _, err := s.db.W.ExecContext(ctx, `UPDATE people SET password_hash = $1, password_changed_at = $2 WHERE id = $3`,
			hash, s.clock.Now(), s.ids[k]); err != nil {
			return fmt.Errorf("demo: set password of %s: %w", k, err)
		}
	}
	return nil
}

// logins describes the six demo accounts in the organization's language.
func (s *seeder) logins() []Login {
	name := func(k string) string { return personSpecByKey(k).name }
	role := map[string]string{
		keyDirector: s.text("Managing partner (manager/directeur); gaf "+name(keyAssistant)+" een volledig mandaat",
			"Managing partner (principal); gave "+name(keyAssistant)+" a full mandate"),
		keyAssistant: s.text("Managementassistent met volledig mandaat van "+name(keyDirector),
			"Management Assistant with a full mandate from "+name(keyDirector)),
		keyManager: s.text("Sectievoorzitter Ondernemingsrecht (manager); geen mandaat voor "+name(keyAssistant)+", deels voor "+name("devries"),
			"Head of corporate law (principal); no mandate for "+name(keyAssistant)+", a partial one for "+name("devries")),
		keyOffice:   s.text("Office Manager; leidt de administratieve en facilitaire medewerkers", "Office Manager; leads the administrative and facility staff"),
		keyEmployee: s.text("Medewerker (advocaat)", "Employee (lawyer)"),
		keyAdmin:    s.text("Beheerder", "Administrator"),
	}
	out := make([]Login, 0, len(loginKeys))
	for _, k := range loginKeys {
		p := personSpecByKey(k)
		out = append(out, Login{Email: p.email(), Name: p.name, Role: role[k]})
	}
	return out
}
