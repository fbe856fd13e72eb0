package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestFirstRunSetsUpTheOrganization(t *testing.T) {
	s := startSpil(t, nil, "serve", "--data", t.TempDir())
	ctx := newBrowser(t)()
	do(t, ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.ID("organization_name")))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/setup") {
		t.Fatalf("an empty spil opened %s, want the setup page", loc)
	}
	// A password that is too short is refused at its field, and nothing typed is lost.
	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("organization_name"), "Zorggroep De Linde"),
		chromedp.SendKeys(chromedp.ID("admin_name"), "Petra Smit"),
		chromedp.SendKeys(chromedp.ID("admin_email"), "petra@delinde.example"),
		chromedp.SendKeys(chromedp.ID("admin_password"), "kort"),
	)
	submit(t, ctx, `form[action="/setup"] button[type=submit]`)
	if msg := text(t, ctx, "#admin_password-error"); msg == "" {
		t.Fatal("no message at the password field")
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("organization_name"))); v != "Zorggroep De Linde" {
		t.Fatalf("organization name lost after a rejected form: %q", v)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.ID("admin_password"), "een veel langer wachtwoord"))
	submit(t, ctx, `form[action="/setup"] button[type=submit]`)
	if got := text(t, ctx, "h1"); !strings.Contains(got, "Petra Smit") {
		t.Fatalf("after setup the dashboard greets %q", got)
	}
	if got := text(t, ctx, ".brand .org"); got != "Zorggroep De Linde" {
		t.Fatalf("header shows organization %q", got)
	}
	screenshot(t, ctx, "setup-dashboard")
}

func TestEachRoleSeesItsOwnDashboard(t *testing.T) {
	s := startDemo(t)
	fresh := newBrowser(t)
	cases := []struct {
		email   string
		present []string // element ids on the dashboard
		absent  []string
		nav     string // a navigation entry the role has
		noNav   string // one it must not have
	}{
		{"office@demo.example", []string{"h-office", "h-invoices-waiting", "h-contract-alerts", "h-budget-card"}, []string{"h-principals", "h-admin", "h-meeting-checklist"}, "/departments", "/admin/organization"},
		{"assistant@demo.example", []string{"h-principals", "h-agenda", "principal-switch", "h-meeting-checklist"}, []string{"h-office", "h-assistants", "h-budget-card"}, "/mandates", "/admin/organization"},
		{"director@demo.example", []string{"h-assistants", "h-behalf"}, []string{"h-office", "h-principals"}, "/mandates", "/admin/organization"},
		{"admin@demo.example", []string{"h-admin", "h-recent"}, []string{"h-principals"}, "/admin/organization", ""},
		{"employee@demo.example", []string{"h-me"}, []string{"h-office", "h-principals", "h-assistants", "h-admin"}, "/people", "/mandates"},
	}
	for _, c := range cases {
		t.Run(c.email, func(t *testing.T) {
			ctx := fresh()
			login(t, ctx, s.URL, c.email)
			for _, id := range c.present {
				if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#`+id+`").length`)); n != 1 {
					t.Errorf("%s: #%s missing from the dashboard", c.email, id)
				}
			}
			for _, id := range c.absent {
				if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#`+id+`").length`)); n != 0 {
					t.Errorf("%s: #%s shown but belongs to another role", c.email, id)
				}
			}
			nav := `document.querySelectorAll('header nav a[href="%s"]').length`
			if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](strings.Replace(nav, "%s", c.nav, 1))); n != 1 {
				t.Errorf("%s: navigation lacks %s", c.email, c.nav)
			}
			if c.noNav != "" {
				if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](strings.Replace(nav, "%s", c.noNav, 1))); n != 0 {
					t.Errorf("%s: navigation offers %s", c.email, c.noNav)
				}
			}
			screenshot(t, ctx, "dashboard-"+strings.Split(c.email, "@")[0])
		})
	}
}

func TestWrongPasswordIsRefusedAndLoginWorksByKeyboard(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	do(t, ctx,
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "director@demo.example"),
		chromedp.SendKeys(chromedp.ID("password"), "not the password"),
	)
	submit(t, ctx, `form[action="/login"] button[type=submit]`)
	if got := text(t, ctx, ".alert"); !strings.Contains(got, "klopt niet") {
		t.Fatalf("wrong password shows %q", got)
	}
	// Keyboard only: the e-mail is kept, Tab to the password, Enter submits.
	do(t, ctx, chromedp.Focus(chromedp.ID("password")), chromedp.SendKeys(chromedp.ID("password"), demoPassword))
	if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("password"), kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "h1"); !strings.Contains(got, "Hendrik") {
		t.Fatalf("after login by keyboard the page says %q", got)
	}
	// Logging out ends the session: the dashboard asks for a login again.
	submit(t, ctx, `form.logout button[type=submit]`)
	do(t, ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.ID("email")))
}

func TestLanguageSwitchChangesTheInterface(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	login(t, ctx, s.URL, "employee@demo.example")
	if lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "nl" {
		t.Fatalf("default language %q, want nl", lang)
	}
	do(t, ctx, chromedp.Navigate(s.URL+"/settings"), chromedp.WaitVisible(chromedp.ID("language")),
		chromedp.SetValue(chromedp.ID("language"), "en"))
	submit(t, ctx, `form[action="/settings/profile"] button[type=submit]`)
	do(t, ctx, chromedp.Navigate(s.URL+"/"))
	if lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "en" {
		t.Fatalf("after switching, language %q", lang)
	}
	if got := text(t, ctx, `header nav a[href="/"]`); got != "Dashboard" {
		t.Fatalf("navigation reads %q in English", got)
	}
	if got := text(t, ctx, "h1"); !strings.HasPrefix(got, "Good day") {
		t.Fatalf("greeting %q", got)
	}
	// Error pages follow the language too.
	do(t, ctx, chromedp.Navigate(s.URL+"/no-such-page"))
	if got := text(t, ctx, "h1"); got != "Not found" {
		t.Fatalf("404 page title %q", got)
	}
}

func TestGrantingAndRevokingAMandateChangesWhatTheAssistantSees(t *testing.T) {
	s := startDemo(t)
	fresh := newBrowser(t)
	manager, assistant := fresh(), fresh()
	login(t, manager, s.URL, "manager@demo.example")
	login(t, assistant, s.URL, "assistant@demo.example")

	principals := func() string { return text(t, assistant, "#h-principals + *") }
	if strings.Contains(principals(), "Maarten Visser") {
		t.Fatal("the assistant already works for the manager before any mandate")
	}

	// The manager grants the agenda scope to Lotte Willems.
	do(t, manager, chromedp.Navigate(s.URL+"/mandates"), chromedp.WaitVisible(chromedp.ID("assistant_id")))
	id, err := chromedp.Run(manager, chromedp.Evaluate[string](
		`[...document.querySelectorAll("#assistant_id option")].find(o => o.textContent.includes("Lotte Willems")).value`))
	if err != nil || id == "" {
		t.Fatalf("Lotte Willems is not offered as an assistant: %v", err)
	}
	do(t, manager, chromedp.SetValue(chromedp.ID("assistant_id"), id),
		chromedp.Click(chromedp.CSS(`input[name=scopes][value="agenda.see"]`)))
	screenshot(t, manager, "mandates-grant")
	submit(t, manager, `form[action="/mandates"] button[type=submit]`)
	if got := text(t, manager, "main"); !strings.Contains(got, "Lotte Willems") {
		t.Fatalf("the manager's mandates page does not list the new mandate:\n%s", got)
	}

	do(t, assistant, chromedp.Reload())
	if got := principals(); !strings.Contains(got, "Maarten Visser") {
		t.Fatalf("after the grant the assistant's principals are %q", got)
	}
	if n, _ := chromedp.Run(assistant, chromedp.Evaluate[int](`[...document.querySelectorAll("#principal-switch option")].filter(o => o.textContent.includes("Maarten Visser")).length`)); n != 1 {
		t.Fatal("the principal switcher does not offer the manager")
	}

	// The manager revokes it; the assistant's next page no longer shows the manager.
	do(t, manager, chromedp.Navigate(s.URL+"/mandates"),
		chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`))
	found, err := chromedp.Run(manager, chromedp.Evaluate[bool](`(() => {
		const b = [...document.querySelectorAll('form[action$="/revoke"] button')].find(b => b.textContent.includes("Lotte Willems"));
		if (b) { b.id = "revoke-lotte"; }
		return !!b;
	})()`))
	if err != nil || !found {
		t.Fatalf("no revoke button for Lotte Willems: %v", err)
	}
	submit(t, manager, "#revoke-lotte")
	do(t, assistant, chromedp.Reload())
	if got := principals(); strings.Contains(got, "Maarten Visser") {
		t.Fatalf("after revoking, the assistant still works for the manager: %q", got)
	}

	// The revoke is in the manager's activity log.
	do(t, manager, chromedp.Navigate(s.URL+"/audit"))
	screenshot(t, manager, "audit-manager")
	if got := text(t, manager, "main"); !strings.Contains(strings.ToLower(got), "revoke") && !strings.Contains(strings.ToLower(got), "ingetrokken") {
		t.Fatalf("the activity log does not show the revoke:\n%s", got)
	}
}

func TestPagesFitAPhoneScreen(t *testing.T) {
	s := startDemo(t)
	ctx := newBrowser(t)()
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	login(t, ctx, s.URL, "office@demo.example")
	for _, path := range []string{"/", "/people", "/departments", "/mandates", "/settings"} {
		do(t, ctx, chromedp.Navigate(s.URL+path))
		over, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		if over {
			t.Errorf("%s is wider than a 390 px phone screen", path)
		}
		screenshot(t, ctx, "phone"+strings.ReplaceAll(path, "/", "-"))
	}
}
