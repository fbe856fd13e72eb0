// Package selfassess is the self-assessment for a person who wonders which of
// the article's two roles fits them: the Office Manager or the Management
// Assistant. Its questions come from the article's character traits per
// role, its competency contrasts and its three steps under "Hoe maak je de
// beste keuze?" (strengths, work style, career path); Score turns answers
// into a fit per role, the reasons behind it and the career paths that
// follow. The package is pure and deterministic: it stores nothing, and the
// same answers always give the same result.
package selfassess

import "spil/internal/catalog"

// The job roles the questions weigh towards (catalog role keys).
const (
	OfficeManager       = "office_manager"
	ManagementAssistant = "management_assistant"
)

// Kinds of question.
const (
	// Likert is a statement rated from 1 (helemaal oneens) to 5 (helemaal
	// eens); agreeing counts towards the question's Role.
	Likert = "likert"
	// Choice is a choice between two statements, option 1 and option 2,
	// each counting towards its own role.
	Choice = "choice"
)

// Kinds of source: where in the article a question comes from.
const (
	FromStep       = "step"       // the step's own question (Source.Key empty; see Question.Step)
	FromTrait      = "trait"      // a character trait of Source.Role, Source.Key a catalog trait key
	FromCompetency = "competency" // a core competency, Source.Key a catalog competency key; both roles' descriptions apply
	FromAuthority  = "authority"  // the comparison table's row "Bevoegdheden"
	FromFocus      = "focus"      // the comparison table's row "Focus"
	FromTask       = "task"       // a task of Source.Role, Source.Key a catalog task key
)

// Likert answers run from LikertMin to LikertMax; a choice is ChoiceFirst or
// ChoiceSecond.
const (
	LikertMin    = 1
	LikertMax    = 5
	ChoiceFirst  = 1
	ChoiceSecond = 2
)

// Source is where in the article a question comes from.
type Source struct {
	Kind string `json:"kind"`
	Key  string `json:"key,omitempty"`
	Role string `json:"role,omitempty"` // the role a trait or task belongs to
}

// Question is one question of the self-assessment.
type Question struct {
	ID   string
	Kind string // Likert or Choice
	// Step is the step of the article's "Hoe maak je de beste keuze?" the
	// question belongs to: 1 strengths, 2 work style, 3 career path.
	Step   int
	Source Source
	// Text is the statement for a Likert question, the question itself for
	// a Choice (its statements are the Options).
	Text catalog.Text
	// Role is the role that agreeing with a Likert statement counts
	// towards; empty for a Choice.
	Role string
	// Options are a Choice's two statements, values 1 and 2, one per role.
	Options []Option
	// Weight is how much the question counts (see Score).
	Weight int
}

// Option is one statement of a Choice question.
type Option struct {
	Value int
	Role  string
	Text  catalog.Text
}

// Values returns the answers the question accepts, in order.
func (q Question) Values() []int {
	if q.Kind == Choice {
		return []int{ChoiceFirst, ChoiceSecond}
	}
	return []int{1, 2, 3, 4, 5}
}

// valid reports whether v answers the question.
func (q Question) valid(v int) bool {
	if q.Kind == Choice {
		return v == ChoiceFirst || v == ChoiceSecond
	}
	return v >= LikertMin && v <= LikertMax
}

// Step is one of the article's three steps to the best choice.
type Step struct {
	N      int
	Title  catalog.Text
	Advice catalog.Text // the article's advice for the step
}

// Steps returns the article's three steps "Hoe maak je de beste keuze?".
func Steps() []Step {
	return []Step{
		{1, t("Reflecteer op uw sterke punten", "Reflect on your strengths"),
			t("Bent u een geboren leider met organisatorisch talent? Dan past de rol van Office Manager wellicht beter bij u. Als u uitblinkt in communicatie en het ondersteunen van anderen, is de functie van Managementassistent mogelijk meer geschikt.",
				"Are you a born leader with a talent for organizing? Then the Office Manager role may suit you better. If you excel at communication and at supporting others, the Management Assistant role may be the better fit.")},
		{2, t("Overweeg uw werkstijl", "Consider your work style"),
			t("Werkt u graag zelfstandig en neemt u graag initiatief? Dan sluit de rol van Managementassistent goed aan. Als u liever een team aanstuurt en verantwoordelijk bent voor bredere processen, is de functie van Office Manager wellicht een betere match.",
				"Do you like working independently and taking the initiative? Then the Management Assistant role suits you well. If you would rather lead a team and be responsible for broader processes, the Office Manager role may be a better match.")},
		{3, t("Denk aan uw carrièrepad", "Think about your career path"),
			t("Beide functies bieden doorgroeimogelijkheden, maar de richting kan verschillen. Een Office Manager kan doorgroeien naar rollen zoals Projectmanager of Facility Manager, terwijl een Managementassistent kan evolueren naar een Executive Assistant of Office Manager.",
				"Both roles offer room to grow, but in different directions. An Office Manager can grow into roles such as project manager or facility manager, while a Management Assistant can develop into an executive assistant or office manager.")},
	}
}

// LikertLabels returns the words for the answers 1 to 5 of a Likert
// question, index 0 for answer 1.
func LikertLabels() []catalog.Text {
	return []catalog.Text{
		t("Helemaal oneens", "Strongly disagree"),
		t("Oneens", "Disagree"),
		t("Neutraal", "Neutral"),
		t("Eens", "Agree"),
		t("Helemaal eens", "Strongly agree"),
	}
}

// Questions returns the self-assessment's questions in the order they are
// asked, grouped by step. Every character trait the article names is asked
// (the shared "communicatief vaardig" through the communication contrast),
// and each step's own question is a choice weighted 3, the most any
// question counts. Likert weights are balanced: the Office Manager's
// statements weigh 7 in all, the Management Assistant's 7 too, so agreeing
// with everything favours neither.
func Questions() []Question {
	om, ma := OfficeManager, ManagementAssistant
	return []Question{
		// Step 1: strengths.
		{ID: "strengths", Kind: Choice, Step: 1, Source: Source{Kind: FromStep}, Weight: 3,
			Text: t("Waar ligt uw kracht?", "Where do your strengths lie?"),
			Options: []Option{
				{1, om, t("Ik ben een geboren leider met organisatorisch talent.", "I am a born leader with a talent for organizing.")},
				{2, ma, t("Ik blink uit in communicatie en in het ondersteunen van anderen.", "I excel at communication and at supporting others.")},
			}},
		{ID: "leadership", Kind: Likert, Step: 1, Source: Source{Kind: FromTrait, Key: "leadership", Role: om}, Role: om, Weight: 2,
			Text: t("Ik geef graag leiding aan een team en coördineer wie wat doet.", "I like leading a team and coordinating who does what.")},
		{ID: "precise", Kind: Likert, Step: 1, Source: Source{Kind: FromTrait, Key: "precise", Role: ma}, Role: ma, Weight: 2,
			Text: t("Ik werk nauwkeurig en integer: agenda’s, vergaderstukken en verslagen kloppen bij mij tot in detail.",
				"I work precisely and with integrity: with me, agendas, meeting papers and minutes are right down to the detail.")},
		{ID: "communication", Kind: Choice, Step: 1, Source: Source{Kind: FromCompetency, Key: "communication"}, Weight: 2,
			Text: t("Hoe communiceert u het liefst?", "How do you prefer to communicate?"),
			Options: []Option{
				{1, om, t("Zelf, intern en extern: richting het team en leveranciers.", "In my own name, internally and externally: with the team and suppliers.")},
				{2, ma, t("Namens het management: als schakel tussen management en afdelingen, en met klanten en leveranciers.",
					"On behalf of management: as the link between management and departments, and with clients and suppliers.")},
			}},
		{ID: "organised", Kind: Likert, Step: 1, Source: Source{Kind: FromTrait, Key: "organised", Role: om}, Role: om, Weight: 2,
			Text: t("Ik ben organisatorisch sterk: ik zorg dat de processen van het hele kantoor soepel en efficiënt verlopen.",
				"I am a strong organizer: I make sure the processes of the whole office run smoothly and efficiently.")},
		{ID: "social", Kind: Likert, Step: 1, Source: Source{Kind: FromTrait, Key: "social", Role: ma}, Role: ma, Weight: 1,
			Text: t("Ik leg makkelijk contact en onderhoud graag goede relaties met managers, collega’s en klanten.",
				"I make contact easily and like keeping good relations with managers, colleagues and clients.")},

		// Step 2: work style, with the article's contrasts in authority and focus.
		{ID: "workstyle", Kind: Choice, Step: 2, Source: Source{Kind: FromStep}, Weight: 3,
			Text: t("Welke werkstijl past het best bij u?", "Which work style suits you best?"),
			Options: []Option{
				{1, om, t("Ik stuur liever een team aan en ben verantwoordelijk voor bredere processen.", "I would rather lead a team and be responsible for broader processes.")},
				{2, ma, t("Ik werk graag zelfstandig en neem graag initiatief.", "I like working independently and taking the initiative.")},
			}},
		{ID: "independent", Kind: Likert, Step: 2, Source: Source{Kind: FromTrait, Key: "independent", Role: ma}, Role: ma, Weight: 2,
			Text: t("Ik handel zaken zelfstandig en oplossingsgericht af, zoals een volle inbox of een agenda die in de knel komt.",
				"I handle things independently and look for solutions, such as a full inbox or an agenda that gets into trouble.")},
		{ID: "decisive", Kind: Likert, Step: 2, Source: Source{Kind: FromTrait, Key: "decisive", Role: om}, Role: om, Weight: 2,
			Text: t("Ik ben proactief en besluitvaardig: ik neem een beslissing als die nodig is, ook als niet alles vaststaat.",
				"I am proactive and decisive: I make a decision when one is needed, even when not everything is certain.")},
		{ID: "decisions", Kind: Choice, Step: 2, Source: Source{Kind: FromAuthority}, Weight: 3,
			Text: t("Hoe gaat u het liefst om met beslissingen?", "How do you prefer to handle decisions?"),
			Options: []Option{
				{1, om, t("Ik neem zelf beslissingen over kantoorprocessen, leveranciers en interne procedures.",
					"I make the decisions on office processes, suppliers and internal procedures myself.")},
				{2, ma, t("Ik voer taken uit en adviseer binnen de kaders die het management stelt.",
					"I carry out tasks and advise within the frame that management sets.")},
			}},
		{ID: "flexible", Kind: Likert, Step: 2, Source: Source{Kind: FromTrait, Key: "flexible", Role: ma}, Role: ma, Weight: 1,
			Text: t("Als prioriteiten of reistijden de planning omgooien, schakel ik snel en blijf ik rustig.",
				"When priorities or travel times upset the plan, I adapt quickly and stay calm.")},
		{ID: "multitasker", Kind: Likert, Step: 2, Source: Source{Kind: FromTrait, Key: "multitasker", Role: om}, Role: om, Weight: 1,
			Text: t("Ik houd veel zaken tegelijk in de gaten, van facilitaire zaken tot budget en leveranciers, zonder details te missen.",
				"I keep an eye on many things at once, from facilities to budget and suppliers, without missing details.")},
		{ID: "focus", Kind: Choice, Step: 2, Source: Source{Kind: FromFocus}, Weight: 2,
			Text: t("Waar richt u zich het liefst op?", "What do you prefer to focus on?"),
			Options: []Option{
				{1, om, t("Strategisch en operationeel: het kantoor als geheel, met budgetten, faciliteiten en personeel.",
					"Strategic and operational: the office as a whole, with budgets, facilities and staff.")},
				{2, ma, t("Tactisch en uitvoerend: de agenda’s, vergaderingen en correspondentie van één of meer managers.",
					"Tactical and executing: the agendas, meetings and correspondence of one or more managers.")},
			}},
		{ID: "discretion", Kind: Likert, Step: 2, Source: Source{Kind: FromTask, Key: "ma.confidential", Role: ma}, Role: ma, Weight: 1,
			Text: t("Ik ga discreet om met vertrouwelijke informatie van de mensen die ik ondersteun.",
				"I handle the confidential information of the people I support with discretion.")},

		// Step 3: career path.
		{ID: "career", Kind: Choice, Step: 3, Source: Source{Kind: FromStep}, Weight: 3,
			Text: t("Welke kant wilt u op groeien?", "Which direction do you want to grow in?"),
			Options: []Option{
				{1, om, t("Naar een rol als Projectmanager of Facility Manager.", "Towards a role as project manager or facility manager.")},
				{2, ma, t("Naar een rol als Executive Assistant of Office Manager.", "Towards a role as executive assistant or office manager.")},
			}},
	}
}

func t(nl, en string) catalog.Text { return catalog.Text{NL: nl, EN: en} }
