package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/authz"
	"spil/internal/jobs"
	"spil/internal/suppliers"
)

// demoSupplier is one of the firm's suppliers with its contract.
type demoSupplier struct {
	in        suppliers.SupplierInput
	trustNote string // the first account is confirmed with this note
	contract  *demoContract
}

// demoContract is a contract whose dates are set relative to today: the
// notice deadline falls deadlineIn days from now (for a contract that
// renews or ends), or the contract has no end.
type demoContract struct {
	nl, en       string
	deadlineIn   int // days from today to the notice deadline; 0: no end date
	noticeMonths int
	renewMonths  int // 0: does not renew
	years        int // how long it has been running
	value        string
	category     string
	terminate    bool
}

func (s *seeder) demoSuppliers() []demoSupplier {
	return []demoSupplier{
		{in: suppliers.SupplierInput{Name: "Glans Schoonmaakdiensten B.V.", KvKNumber: "34127788", VATNumber: "NL812345678B01",
			Category: "cleaning", Street: "Kabelweg 37", Postcode: "1014 BA", City: "Amsterdam", Email: "planning@glans-schoonmaak.example",
			Phone: "020 684 1200", Website: "glans-schoonmaak.example",
			Contacts: []suppliers.Contact{{Name: "Sandra Visser", Role: s.text("Accountmanager", "Account manager"), Email: "s.visser@glans-schoonmaak.example", Phone: "06 1234 5678"}},
			Accounts: []suppliers.AccountInput{{IBAN: "NL51INGB0004567123", Holder: "Glans Schoonmaakdiensten B.V."}}},
			trustNote: "Sandra Visser teruggebeld op 020 684 1200 (nummer uit het contract)",
			contract: &demoContract{nl: "Schoonmaak kantoren Amsterdam en Utrecht", en: "Cleaning of the Amsterdam and Utrecht offices",
				deadlineIn: 18, noticeMonths: 3, renewMonths: 12, years: 3, value: "38.400,00", category: "cleaning"}},
		{in: suppliers.SupplierInput{Name: "Smaakvol Bedrijfscatering", KvKNumber: "30198844", VATNumber: "NL800112234B01",
			Category: "catering", Street: "Atoomweg 50", Postcode: "3542 AB", City: "Utrecht", Email: "orders@smaakvol.example",
			Phone: "030 241 7700", ProcessesPersonalData: true, Notes: s.text("Houdt een lijst met dieetwensen en allergieën van medewerkers bij.", "Keeps a list of staff dietary needs and allergies."),
			Contacts: []suppliers.Contact{{Name: "Youssef El Amrani", Role: "Chef", Email: "youssef@smaakvol.example"}},
			Accounts: []suppliers.AccountInput{{IBAN: "NL03RABO0312456789", Holder: "Smaakvol Bedrijfscatering"}}},
			trustNote: "Schriftelijk bevestigd op briefpapier, getekend door de directeur",
			contract: &demoContract{nl: "Lunchvoorziening en vergadercatering", en: "Lunch service and meeting catering",
				deadlineIn: 150, noticeMonths: 2, renewMonths: 12, years: 2, value: "52.000,00", category: "catering"}},
		{in: suppliers.SupplierInput{Name: "Bitwerk IT-diensten B.V.", KvKNumber: "27345561", VATNumber: "NL855667783B01",
			Category: "it_support", Street: "Laan van Waalhaven 450", Postcode: "2497 GR", City: "Den Haag", Email: "servicedesk@bitwerk.example",
			Phone: "070 300 2200", Website: "bitwerk.example", ProcessesPersonalData: true,
			Contacts: []suppliers.Contact{{Name: "Mark de Groot", Role: s.text("Servicemanager", "Service manager"), Email: "mark@bitwerk.example", Phone: "070 300 2210"},
				{Name: s.text("Debiteurenadministratie", "Accounts receivable"), Email: "facturen@bitwerk.example"}},
			Accounts: []suppliers.AccountInput{{IBAN: "NL16ABNA0567891234", Holder: "Bitwerk IT-diensten B.V."}}},
			trustNote: "Mark de Groot teruggebeld op 070 300 2210",
			contract: &demoContract{nl: "Beheer werkplekken, netwerk en servicedesk", en: "Managed workplaces, network and service desk",
				deadlineIn: 95, noticeMonths: 3, renewMonths: 12, years: 1, value: "64.800,00", category: "it"}},
		{in: suppliers.SupplierInput{Name: "Facilitair Bureau Zuidas", KvKNumber: "33456612", VATNumber: "NL866778895B01",
			Category: "facilities", Street: "Gustav Mahlerplein 28", Postcode: "1082 MA", City: "Amsterdam", Email: "onderhoud@fbzuidas.example",
			Phone:    "020 570 9900",
			Contacts: []suppliers.Contact{{Name: "Peter Jansen", Role: s.text("Technisch beheerder", "Maintenance manager"), Email: "p.jansen@fbzuidas.example"}},
			Accounts: []suppliers.AccountInput{{IBAN: "NL36INGB0007654321", Holder: "Facilitair Bureau Zuidas"}}},
			trustNote: "Gecontroleerd bij de kennismaking op kantoor",
			contract: &demoContract{nl: "Onderhoud klimaatinstallatie", en: "Maintenance of the climate installation",
				deadlineIn: 240, noticeMonths: 1, years: 1, value: "9.600,00", category: "facilities"}},
		{in: suppliers.SupplierInput{Name: "Kantoorvakhandel De Pen", KvKNumber: "30887123", VATNumber: "NL822334458B01",
			Category: "office_supplies", Street: "Vredenburg 10", Postcode: "3511 BA", City: "Utrecht", Email: "bestel@depen.example",
			Accounts: []suppliers.AccountInput{{IBAN: "NL74RABO0398765432", Holder: "De Pen V.O.F."}}},
			trustNote: "Teruggebeld op het nummer van de website",
			contract: &demoContract{nl: "Raamovereenkomst kantoorartikelen", en: "Framework agreement for office supplies",
				noticeMonths: 1, years: 2, value: "7.500,00", category: "office_supplies"}},
		{in: suppliers.SupplierInput{Name: "Koffie & Co Automaten", KvKNumber: "34990012", VATNumber: "NL877889909B01",
			Category: "catering", City: "Amstelveen", Email: "service@koffieenco.example",
			Accounts: []suppliers.AccountInput{{IBAN: "NL12TRIO0198765432"}}},
			trustNote: "Teruggebeld op het nummer uit het contract",
			contract: &demoContract{nl: "Huur koffieautomaten", en: "Coffee machine rental",
				deadlineIn: 40, noticeMonths: 1, renewMonths: 12, years: 4, value: "4.200,00", category: "catering", terminate: true}},
	}
}

// seedSuppliers adds the firm's suppliers, each with a confirmed bank
// account and a contract, through the suppliers service as the Office
// Manager: the cleaning contract's notice deadline is 18 days away (it shows
// on the dashboard and in the contracts list), the coffee machines were
// given notice, and Bitwerk IT sent a new bank account that is not yet
// confirmed (an invoice will ask to be paid on it).
func (s *seeder) seedSuppliers(ctx context.Context, now time.Time) error {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	svc := &suppliers.Service{DB: s.db, Clock: s.clock, Jobs: &jobs.Queue{DB: s.db, Clock: s.clock}}
	office, err := s.resolver.Resolve(ctx, s.ids[keyOffice], authz.ViaSession)
	if err != nil {
		return err
	}
	n := now.In(zone)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	for _, ds := range s.demoSuppliers() {
		sp, err := svc.Create(ctx, office, ds.in)
		if err != nil {
			return fmt.Errorf("supplier %s: %w", ds.in.Name, err)
		}
		s.ids["supplier."+ds.in.KvKNumber] = sp.ID
		if _, err := svc.TrustAccount(ctx, office, sp.ID, sp.Accounts[0].ID, suppliers.TrustInput{Method: "callback", Note: ds.trustNote}); err != nil {
			return err
		}
		s.clock.Advance(3 * time.Minute)
		if ds.contract == nil {
			continue
		}
		c, err := svc.CreateContract(ctx, office, s.contractInput(sp.ID, ds.contract, today))
		if err != nil {
			return fmt.Errorf("contract %s: %w", ds.contract.nl, err)
		}
		s.clock.Advance(2 * time.Minute)
		if ds.contract.terminate {
			if _, err := svc.Terminate(ctx, office, c.ID); err != nil {
				return err
			}
		}
	}
	// Bitwerk mailed a "new bank account": entered, not yet checked.
	_, err = svc.AddAccount(ctx, office, s.ids["supplier.27345561"], suppliers.AccountInput{IBAN: "NL74ABNA0612345678", Holder: "Bitwerk IT-diensten"})
	return err
}

// contractInput dates a demo contract relative to today.
func (s *seeder) contractInput(supplierID string, dc *demoContract, today time.Time) suppliers.ContractInput {
	in := suppliers.ContractInput{SupplierID: supplierID, Subject: s.text(dc.nl, dc.en), NoticeMonths: dc.noticeMonths,
		YearlyValue: dc.value, Lang: "nl", BudgetCategory: dc.category}
	if dc.deadlineIn == 0 {
		in.StartsOn = today.AddDate(-dc.years, 0, 0).Format("2006-01-02")
		return in
	}
	// The term that ends after the deadline: deadline + notice period.
	deadline := today.AddDate(0, 0, dc.deadlineIn)
	end := deadline.AddDate(0, 0, 1).AddDate(0, dc.noticeMonths, -1)
	first := end
	if dc.renewMonths > 0 {
		first = end.AddDate(0, 0, 1).AddDate(0, -dc.renewMonths*(dc.years-1), -1)
		in.AutoRenew, in.RenewMonths = true, dc.renewMonths
	}
	in.StartsOn = first.AddDate(-1, 0, 1).Format("2006-01-02")
	in.EndsOn = first.Format("2006-01-02")
	return in
}
