package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/org"
)

// fanOut is how many people a generated manager leads at most.
const fanOut = 8

// principalShare is the share of a generated practice group that are
// principals (partners, counsel), in percent; practice groups are ~70% of
// the generated people, so ~5% of everyone is a principal.
const principalShare = 7

type deptKind int

const (
	practice deptKind = iota
	secretariat
	operations
)

// genDepartment says how generated people are spread over a department.
type genDepartment struct {
	key     string
	head    string // firm person the department's first generated person reports to
	weight  int    // share of the generated people
	inAms   int    // percentage working in Amsterdam; the rest in Utrecht
	kind    deptKind
	lead    string   // title of the department's first generated person (non-practice)
	titles  []string // titles of the others, picked at random (non-practice)
	byIndex []int    // indexes into the generated people, in department order
}

func genDepartments() []*genDepartment {
	return []*genDepartment{
		{key: "ondernemingsrecht", head: keyManager, weight: 32, inAms: 85, kind: practice},
		{key: "arbeidsrecht", head: "smit", weight: 21, inAms: 30, kind: practice},
		{key: "vastgoed", head: "mulder", weight: 21, inAms: 40, kind: practice},
		{key: "secretariaat", head: keyOffice, weight: 3, inAms: 60, kind: secretariat,
			lead: "Teamleider secretariaat"},
		{key: "bedrijfsvoering", head: keyOffice, weight: 11, inAms: 60, kind: operations,
			lead: "Teamleider bedrijfsvoering", titles: []string{"Administratief medewerker", "Medewerker financiële administratie",
				"HR-medewerker", "Medewerker documentbeheer", "Office assistant"}},
		{key: "facilitair", head: "brouwer", weight: 7, inAms: 55, kind: operations,
			lead: "Teamleider facilitair", titles: []string{"Facilitair medewerker", "Receptioniste", "Medewerker postkamer",
				"Huismeester", "Medewerker catering"}},
		{key: "ict", head: keyAdmin, weight: 5, inAms: 70, kind: operations,
			lead: "Teamleider ICT", titles: []string{"Medewerker ICT-support", "Systeembeheerder", "Applicatiebeheerder"}},
	}
}

var practiceTitles = []string{"Advocaat", "Advocaat", "Advocaat", "Advocaat", "Senior advocaat", "Senior advocaat",
	"Advocaat-stagiair", "Advocaat-stagiair", "Paralegal", "Juridisch medewerker"}

// lotteExtra is how many generated principals give the managing partner's
// assistant (assistant@) a mandate too, with lotteScopes.
const lotteExtra = 3

var lotteScopes = authz.Scopes{authz.AgendaSee, authz.AgendaSeePrivate, authz.AgendaEdit, authz.AgendaRespond}

// mandatePresets are the mandates generated principals give, in turn.
var mandatePresets = []authz.Scopes{
	authz.AllScopes(),
	{authz.AgendaSee, authz.AgendaEdit, authz.AgendaRespond, authz.MailRead, authz.MailDraft, authz.TravelBook},
	{authz.AgendaSee, authz.AgendaEdit},
	{authz.AgendaSeePrivate, authz.AgendaEdit, authz.MailSendOnBehalf, authz.DocumentsConfidential},
}

type genPerson struct {
	id, name, email, title, dept, loc, manager string
	role                                       string
}

// generate adds n people to the firm, deterministically (a fixed random
// seed): spread over the practice groups and the business operations with
// weights, over both offices, each department a tree under its firm head
// with at most fanOut reports per manager; ~5% are principals (the top of
// the practice-group trees), two in three of them with a mandate for one of
// the generated Management Assistants of the secretariat (who each serve
// several principals when there are fewer of them).
//
// It writes people, their roles and the mandates with multi-row INSERTs in
// one transaction — a few dozen statements instead of thousands of service
// calls — and one audit entry by the system actor "demo" that says so. It
// relies on what the firm guarantees (heads, departments and locations
// exist, generated e-mail addresses are fresh) instead of the services'
// checks.
func (s *seeder) generate(ctx context.Context, n int) error {
	rng := rand.New(rand.NewPCG(20250310, 1))
	depts := genDepartments()
	total := 0
	for _, d := range depts {
		total += d.weight
	}
	for i := range n {
		r := rng.IntN(total)
		for _, d := range depts {
			if r < d.weight {
				d.byIndex = append(d.byIndex, i)
				break
			}
			r -= d.weight
		}
	}

	taken := map[string]bool{}
	for _, p := range firmPeople {
		taken[p.email()] = true
	}
	people := make([]genPerson, n)
	var principals, assistants []string
	for _, d := range depts {
		count := len(d.byIndex)
		nPrincipals := (count*principalShare + 99) / 100
		for k, i := range d.byIndex {
			p := &people[i]
			p.id = uuid.Must(uuid.NewV7()).String()
			p.dept = s.ids[d.key]
			if k == 0 {
				p.manager = s.ids[d.head]
			} else {
				p.manager = people[d.byIndex[(k-1)/fanOut]].id
			}
			p.loc = s.ids["utrecht"]
			if rng.IntN(100) < d.inAms {
				p.loc = s.ids["amsterdam"]
			}
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			p.name = first + " " + last
			p.email = uniqueEmail(emailLocal(p.name), taken)
			leads := fanOut*k+1 < count // has people reporting to them
			switch d.kind {
			case practice:
				switch {
				case k < nPrincipals:
					p.title, p.role = []string{"Partner", "Partner", "Counsel"}[k%3], authz.RolePrincipal
					principals = append(principals, p.id)
				case leads:
					p.title, p.role = "Senior advocaat, teamleider", authz.RoleEmployee
				default:
					p.title, p.role = practiceTitles[rng.IntN(len(practiceTitles))], authz.RoleEmployee
				}
			case secretariat:
				switch {
				case k == 0:
					p.title, p.role = d.lead, authz.RoleSupportStaff
				case k%5 < 4:
					p.title, p.role = "Managementassistent", authz.RoleManagementAssistant
					assistants = append(assistants, p.id)
				default:
					p.title, p.role = "Secretaresse", authz.RoleSupportStaff
				}
			case operations:
				p.title, p.role = d.titles[rng.IntN(len(d.titles))], authz.RoleSupportStaff
				if k == 0 {
					p.title = d.lead
				}
			}
		}
	}

	// The generated staff arrive a week after the firm, as one import.
	s.workday(7, 11, 0)
	now := s.clock.Now()
	peopleRows := make([][]any, n)
	roleRows := make([][]any, n)
	for i, p := range people {
		peopleRows[i] = []any{p.id, p.name, p.email, p.title, p.dept, p.loc, p.manager, true, now, now,
			org.Fold(p.name), org.SearchText(p.name, p.email, p.title)}
		roleRows[i] = []any{p.id, p.role, now}
	}
	var mandateRows [][]any
	s.generated = people
	s.assistantOf = map[string]string{}
	for j, pid := range principals {
		if j < lotteExtra {
			// The managing partner's assistant also works for a few of the
			// generated partners: an assistant with five principals.
			mandateRows = append(mandateRows, []any{uuid.Must(uuid.NewV7()).String(), pid, s.ids[keyAssistant],
				lotteScopes.Normalize().String(), pid, now, now})
		}
		if j%3 == 2 || len(assistants) == 0 {
			continue
		}
		c := len(mandateRows)
		mid := uuid.Must(uuid.NewV7()).String()
		mandateRows = append(mandateRows, []any{mid, pid, assistants[c%len(assistants)],
			mandatePresets[c%len(mandatePresets)].Normalize().String(), pid, now, now})
		s.assistantOf[pid] = assistants[c%len(assistants)]
	}

	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.insertRows(ctx, tx, `INSERT INTO people (id, name, email, job_title, department_id, location_id, manager_id, active, created_at, updated_at, sort_name, search_text)`, peopleRows); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO role_assignments (person_id, role, created_at)`, roleRows); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO mandates (id, principal_id, assistant_id, scopes, granted_by, created_at, updated_at)`, mandateRows); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.clock, authz.System("demo"), audit.Change{Action: "import", ObjectType: "person", Label: strconv.Itoa(n),
			Summary: fmt.Sprintf("added %d generated people (%d principals, %d Management Assistants) and %d mandates to the demo",
				n, len(principals), len(assistants), len(mandateRows))})
	})
}

// batchParams is the number of bound parameters per INSERT. Far below the
// engines' limits on purpose: SQLite looks $n parameters up by name in a
// list, which makes huge statements quadratic; a few hundred measured best.
// With anonymous ? parameters (SQLite only) there is no such lookup and
// larger statements pay off: batchParamsAnon.
const (
	batchParams     = 300
	batchParamsAnon = 1000
)

// insertRows runs insert (an INSERT … (columns) clause) with VALUES for all
// rows, in multi-row statements of about batchParams parameters, the full
// ones through a single prepared statement. Every row has the same number
// of values.
func (s *seeder) insertRows(ctx context.Context, tx *sql.Tx, insert string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	table := strings.Fields(insert)[2]
	cols := len(rows[0])
	anon := s.db.Dialect == db.SQLite
	per := max(1, batchParams/cols)
	if anon {
		per = max(1, batchParamsAnon/cols)
	}
	var full *sql.Stmt
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(batch)*cols)
		for _, r := range batch {
			args = append(args, r...)
		}
		var err error
		if len(batch) == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, valuesSQL(insert, per, cols, anon)); err != nil {
					return fmt.Errorf("%s: %w", table, err)
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, valuesSQL(insert, len(batch), cols, anon), args...)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// valuesSQL is insert followed by VALUES for n rows of cols parameters:
// $1, $2, … or, with anon, ?.
func valuesSQL(insert string, n, cols int, anon bool) string {
	var b strings.Builder
	b.WriteString(insert)
	b.WriteString(" VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteByte(',')
			}
			if anon {
				b.WriteByte('?')
				continue
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(i*cols + j + 1))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// emailLocal turns "Anna van den Berg" into "anna.vandenberg".
func emailLocal(name string) string {
	first, rest, _ := strings.Cut(strings.TrimSpace(name), " ")
	clean := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			case strings.ContainsRune("áàäâ", r):
				b.WriteByte('a')
			case strings.ContainsRune("éèëê", r):
				b.WriteByte('e')
			case strings.ContainsRune("íìïî", r):
				b.WriteByte('i')
			case strings.ContainsRune("óòöô", r):
				b.WriteByte('o')
			case strings.ContainsRune("úùüû", r):
				b.WriteByte('u')
			case r == 'ç':
				b.WriteByte('c')
			}
		}
		return b.String()
	}
	if rest == "" {
		return clean(first)
	}
	return clean(first) + "." + clean(rest)
}

// uniqueEmail returns local@demo.example, or with a number added when taken.
func uniqueEmail(local string, taken map[string]bool) string {
	e := local + "@" + Domain
	for i := 2; taken[e]; i++ {
		e = local + strconv.Itoa(i) + "@" + Domain
	}
	taken[e] = true
	return e
}
