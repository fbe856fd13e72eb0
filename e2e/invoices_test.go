package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"spil/internal/invoices"
)

// The assistant uploads a supplier's e-invoice and sees its checks; the
// Office Manager finds it waiting for her, sees the budget it falls in and
// approves it.
func TestInvoiceUploadAndApproval(t *testing.T) {
	s := startDemo(t)
	browser := newBrowser(t)
	file := filepath.Join(t.TempDir(), "glans-e2e.xml")
	doc := invoices.ExampleUBL(invoices.Example{SupplierName: "Glans Schoonmaakdiensten B.V.", KvK: "34127788", VAT: "NL812345678B01",
		Number: "GL-E2E-1", IssueDate: "2026-11-02", DueDate: "2026-12-02", Description: "Extra schoonmaak na verbouwing",
		NetCents: 150000, IBAN: "NL51INGB0004567123", Attachment: []byte("%PDF-1.4\n%%EOF\n"), AttachmentName: "werkbon.pdf"})
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}

	lotte := browser()
	login(t, lotte, s.URL, "assistant@demo.example")
	do(t, lotte, chromedp.Navigate(s.URL+"/invoices/import"), chromedp.WaitVisible(chromedp.ID("ubl-file")),
		chromedp.SetUploadFiles(chromedp.ID("ubl-file"), []string{file}))
	submit(t, lotte, `form[action="/invoices/import"] button[type=submit]`)
	got := text(t, lotte, "main")
	for _, want := range []string{"De factuur is geregistreerd", "GL-E2E-1", "Bekende leverancier", "Vertrouwde bankrekening NL51 INGB 0004 5671 23",
		"Geen dubbele factuur", "Regels, btw en totalen kloppen", "werkbon.pdf"} {
		if !strings.Contains(got, want) {
			t.Fatalf("after the upload, %q missing:\n%s", want, got)
		}
	}
	if n, _ := chromedp.Run(lotte, chromedp.Evaluate[int](`document.querySelectorAll('form[action$="/approve"]').length`)); n != 0 {
		t.Error("the assistant is offered an approve button")
	}
	screenshot(t, lotte, "invoice-uploaded")

	esther := browser()
	login(t, esther, s.URL, "office@demo.example")
	do(t, esther, chromedp.Navigate(s.URL+"/invoices?tab=mine"), chromedp.WaitVisible(chromedp.CSS("main table")))
	href, err := chromedp.Run(esther, chromedp.Evaluate[string](`[...document.querySelectorAll('main td a')].find(a => a.textContent === 'GL-E2E-1').href`))
	if err != nil || href == "" {
		t.Fatalf("GL-E2E-1 not waiting for the Office Manager (%v):\n%s", err, text(t, esther, "main"))
	}
	do(t, esther, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.ID("h-approval")))
	if got := text(t, esther, "#approval"); !strings.Contains(got, "Binnen de goedkeuringsgrens van € 2.500,00") || !strings.Contains(got, "Resterend met deze factuur") {
		t.Errorf("approval section:\n%s", got)
	}
	submit(t, esther, `form[action$="/approve"] button[type=submit]`)
	got = text(t, esther, "main")
	if !strings.Contains(got, "Je goedkeuring is vastgelegd") || !strings.Contains(got, "Goedgekeurd door Esther Koster") {
		t.Fatalf("after approving:\n%s", got)
	}
	screenshot(t, esther, "invoice-approved")
}
