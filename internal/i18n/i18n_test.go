package i18n

import (
	"testing"
	"time"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range Languages() {
		for _, b := range Languages() {
			for _, k := range c.Keys(a) {
				if !c.Has(b, k) {
					t.Errorf("key %q is in %s but missing in %s", k, a, b)
				}
			}
		}
	}
}

func TestFormatsFollowTheLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	nl, en := c.Printer("nl", ams), c.Printer("en", ams)
	when := time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC) // 30 March 01:30 in Amsterdam (summer time)
	cases := []struct{ got, want string }{
		{nl.Money(123456, "EUR"), "€ 1.234,56"},
		{en.Money(123456, "EUR"), "€1,234.56"},
		{nl.Money(-5, "EUR"), "€ -0,05"},
		{en.Money(100000000, "USD"), "USD 1,000,000.00"},
		{nl.Number(2000), "2.000"},
		{nl.Date(when), "30 maart 2026"},
		{en.Date(when), "30 March 2026"},
		{nl.DateTime(when), "30-03-2026 01:30"},
		{nl.Weekday(when), "maandag"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
