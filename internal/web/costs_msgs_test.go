package web

import (
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/i18n"
	"spil/internal/iban"
	"spil/internal/money"
)

// TestCostMessagesWithValuesAreTranslated feeds the messages the IBAN, BIC
// and amount checks really give (they carry the wrong character, the
// country, the length) and the cost modules' own messages with a value
// through translate: on a Dutch page none may stay English, and the value
// must survive.
func TestCostMessagesWithValuesAreTranslated(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	nl, en := c.Printer("nl", nil), c.Printer("en", nil)
	var msgs []string
	for _, s := range []string{"NL91ABNA041716430!", "GP1212012345678906", "QQ91ABNA0417164300", "NL91ABNA041716430",
		"NLA1ABNA0417164300", "NL911BNA0417164300"} {
		_, err := iban.Parse("iban", s)
		msgs = append(msgs, apperr.FieldsOf(err)["iban"])
	}
	for _, s := range []string{"ABNANL2!", "ABNANL2AX", "ABN1NL2A", "ABNAQQ2A", "ABNANL1A"} {
		_, err := iban.ParseBIC("bic", s)
		msgs = append(msgs, apperr.FieldsOf(err)["bic"])
	}
	for _, s := range []string{"", "twaalf", "12#50", "12,505", "USD 12", "9999999999999999999999999999999999999999"} {
		_, err := money.ParseInput("nl", "amount", s, money.EUR)
		msgs = append(msgs, apperr.FieldsOf(err)["amount"])
	}
	_, err = money.ParseInput("nl", "amount", "12,5", "JPY")
	msgs = append(msgs, apperr.FieldsOf(err)["amount"])
	_, err = money.ParseInput("nl", "amount", strings.Repeat("1", 300), money.EUR)
	msgs = append(msgs, apperr.FieldsOf(err)["amount"])
	_, err = money.ParseInput("nl", "amount", "12", "QQQ")
	msgs = append(msgs, apperr.FieldsOf(err)["amount"])
	_, err = money.Parse("amount", "12.5x", money.EUR)
	msgs = append(msgs, apperr.FieldsOf(err)["amount"])
	msgs = append(msgs, "invoice number F-2026/17 of this supplier is registered more than once: reject the copy before approving")
	for _, msg := range msgs {
		if msg == "" {
			t.Fatalf("a check gave no message: %q", msgs)
		}
		got := translate(nl, msg)
		if got == msg || strings.Contains(got, "msgf.") || strings.Contains(got, "%!") {
			t.Errorf("no Dutch for %q: %q", msg, got)
		}
		if got := translate(en, msg); strings.Contains(got, "msgf.") || strings.Contains(got, "%!") {
			t.Errorf("English for %q: %q", msg, got)
		}
	}
	if got := translate(nl, msgs[3]); !strings.Contains(got, "18") || !strings.Contains(got, "17") {
		t.Errorf("the lengths are lost: %q", got)
	}
}
