package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"spil/internal/selfassess"
)

// percent reads a fit such as "83%" from the result page.
func percent(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if err != nil {
		t.Fatalf("fit %q is not a percentage", s)
	}
	return n
}

// TestSelfAssessmentAnonymouslyAndShared answers the questionnaire without
// an account as a Management Assistant would, checks the result, and opens
// the share link in a fresh browser that has never seen the answers.
func TestSelfAssessmentAnonymouslyAndShared(t *testing.T) {
	s := startDemo(t)
	fresh := newBrowser(t)
	ctx := fresh()
	do(t, ctx, chromedp.Navigate(s.URL+"/roles/self-assessment"), chromedp.WaitVisible(chromedp.ID("q-strengths-1")))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/roles/self-assessment") {
		t.Fatalf("the self-assessment opened %s without an account", loc)
	}
	if got := text(t, ctx, "#privacy-note"); !strings.Contains(got, "slaat uw antwoorden niet op") {
		t.Errorf("privacy note %q", got)
	}

	// One answer by keyboard: an arrow key moves through a radio group.
	do(t, ctx, chromedp.Focus(chromedp.ID("q-leadership-1")), chromedp.SendKeys(chromedp.ID("q-leadership-1"), kb.ArrowDown))
	if on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("q-leadership-2").checked`)); !on {
		t.Fatal("the arrow key did not choose the next answer")
	}
	// The rest by clicking: every choice for the Management Assistant,
	// agreeing with its traits and disagreeing with the Office Manager's.
	for _, q := range selfassess.Questions() {
		if q.ID == "leadership" {
			continue
		}
		v := 2
		switch {
		case q.Kind == selfassess.Choice && q.Options[0].Role == selfassess.ManagementAssistant:
			v = 1
		case q.Kind == selfassess.Likert && q.Role == selfassess.ManagementAssistant:
			v = 5
		}
		do(t, ctx, chromedp.Click(chromedp.ID("q-"+q.ID+"-"+strconv.Itoa(v))))
	}
	submit(t, ctx, "#selfassess-submit")

	ma := percent(t, text(t, ctx, "#fit-management_assistant"))
	om := percent(t, text(t, ctx, "#fit-office_manager"))
	if ma <= om {
		t.Fatalf("Management Assistant %d%%, Office Manager %d%%: want the Management Assistant higher", ma, om)
	}
	if got := text(t, ctx, "#best"); !strings.Contains(got, "Managementassistent") {
		t.Errorf("best fit says %q", got)
	}
	paths := text(t, ctx, "#career-paths")
	if !strings.Contains(paths, "Executive Assistant") {
		t.Errorf("career paths %q lack Executive Assistant", paths)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("meter-management_assistant").value`)); int(v) != ma {
		t.Errorf("meter shows %v, text %d%%", v, ma)
	}
	if got := text(t, ctx, "#nothing-stored"); !strings.Contains(got, "niets opgeslagen") {
		t.Errorf("no note that nothing was stored: %q", got)
	}
	screenshot(t, ctx, "selfassess-result")
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("share-link").href`))
	if err != nil || !strings.Contains(link, "/roles/self-assessment/result?a=") {
		t.Fatalf("share link %q: %v", link, err)
	}

	// Someone else opens the link: no cookies, no account, the same result.
	other := fresh()
	do(t, other, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("fit-management_assistant")))
	if got := percent(t, text(t, other, "#fit-management_assistant")); got != ma {
		t.Errorf("shared Management Assistant fit %d%%, was %d%%", got, ma)
	}
	if got := percent(t, text(t, other, "#fit-office_manager")); got != om {
		t.Errorf("shared Office Manager fit %d%%, was %d%%", got, om)
	}
	if got := text(t, other, "#career-paths"); got != paths {
		t.Errorf("shared career paths %q, were %q", got, paths)
	}
	screenshot(t, other, "selfassess-shared")
}
