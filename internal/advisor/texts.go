package advisor

// ReasonCodes maps each reason code to its English sentence; the arguments
// (Reason.Args, all %s) are, in order:
//
//	setup_office_manager_only           Office Manager hours, FTE
//	office_manager_leads_support_staff  Office Manager FTE
//	principals_without_assistant_hours  principals
//	assistant_hours_without_principals  Management Assistant hours
//	setup_assistants_only               Management Assistant hours, FTE
//	assistants_count                    assistants, MA FTE, assistants by hours, principals, assistants by principals
//	small_organization                  headcount, total FTE, principals
//	combined_above_one_fte              total FTE, the small-organization limit in FTE
//	large_organization                  headcount, total FTE, principals
//	scaleup, authority, law_firm, healthcare   hours of that area
//	budget_fits, budget_exceeded        highest monthly cost with employer costs, budget (euros)
//	budget_variant                      the variant's highest monthly cost with employer costs, budget (euros)
//	budget_nothing_fits                 budget (euros)
//
// Numbers are written with a decimal point; the interfaces format them in
// the reader's language.
var ReasonCodes = map[string]string{
	"setup_office_manager_only": "Only the Office Manager's task areas are needed (%s hours a week, %s FTE): " +
		"an Office Manager organizes and coordinates all activities in the office, so that everything runs smoothly and efficiently.",
	"office_manager_leads_support_staff": "The office work is %s FTE, more than one person: the Office Manager leads support staff " +
		"(administrative and facility staff) for the rest. The cost counts those hours at the Office Manager's salary, an upper estimate.",
	"principals_without_assistant_hours": "%s managers need support, but no task area of the Management Assistant has hours; " +
		"add hours for agenda management and e-mail if they need direct support.",
	"assistant_hours_without_principals": "The Management Assistant's task areas have %s hours a week, but no managers who need support were named: " +
		"a Management Assistant supports specific managers or a team; name them to size the support.",
	"setup_assistants_only": "Only the Management Assistant's task areas are needed (%s hours a week, %s FTE): " +
		"a Management Assistant supports management at a high level — agenda management, meetings, correspondence and travel.",
	"assistants_count": "Management Assistants: %s — the larger of the work (%s FTE, rounded up: %s) and the managers who need support " +
		"(%s, at most 3 per Management Assistant: %s). A Management Assistant can support several managers, " +
		"as in the healthcare example where the assistant manages the agendas of several managers.",
	"small_organization": "A small organization (%s people, %s FTE of support work, %s managers who need support): " +
		"in small organizations an Office Manager can take over tasks of a Management Assistant, such as agenda management and correspondence, " +
		"because there is less support staff.",
	"combined_above_one_fte": "The combined work is %s FTE, a little more than one full-time week; up to %s FTE spil still reckons with one person.",
	"large_organization": "Not a small organization (%s people, %s FTE of support work, %s managers who need support; small means fewer than 50 people, " +
		"at most 1.2 FTE and at most 2 managers): in large organizations Management Assistants often focus purely on a manager or team, " +
		"while the Office Manager deals with the broader office processes.",
	"scaleup": "Scale-up (%s hours a week): in a scale-up the Office Manager is crucial for supporting rapid growth and a structured working environment — " +
		"scalable processes, culture and well-being, and strategic support.",
	"authority": "Cost control and supplier contracts (%s hours a week) — budget, suppliers and invoices — need decisions: " +
		"the Office Manager has decision authority over office processes, suppliers and internal procedures, " +
		"while a Management Assistant has limited authority, mainly executive and advisory.",
	"law_firm": "Law firm (%s hours a week): there the Management Assistant manages legal documents and dossiers, keeps in touch with clients " +
		"and assists in legal processes.",
	"healthcare": "Healthcare institution (%s hours a week): there the Management Assistant manages the agendas of several managers " +
		"and helps with operational tasks such as rosters.",
	"budget_fits":         "The highest estimate with employer costs, €%s a month, fits the budget of €%s.",
	"budget_exceeded":     "The highest estimate with employer costs, €%s a month, is above the budget of €%s.",
	"budget_variant":      "Within the budget (up to €%s a month with employer costs, budget €%s) spil proposes the variant below: it keeps the task areas in the catalog's order — the Office Manager's first, then the Management Assistant's — as long as they fit; the rest stays uncovered.",
	"budget_nothing_fits": "A budget of €%s does not pay for even one of the chosen task areas at the top of the salary range.",
}

// uncoveredTexts maps each reason of an uncovered area to its English
// sentence; the argument is the area's hours a week.
var uncoveredTexts = map[string]string{
	UncoveredOverBudget: "%s hours a week no longer fit the budget.",
}
