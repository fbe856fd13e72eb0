package web

import (
	"net/http/httptest"
	"testing"
)

func TestNextAfterLoginStaysOnThisSite(t *testing.T) {
	cases := map[string]string{
		"/people?q=anna":        "/people?q=anna",
		"/":                     "/",
		"":                      "/",
		"https://evil.example/": "/",
		"//evil.example":        "/",
		"/\\evil.example":       "/",
		"/\t/evil.example":      "/",
		"/\n/evil.example":      "/",
		"/\r/evil.example":      "/",
		"javascript:alert(1)":   "/",
		"/%2F/evil.example":     "/", // decodes to a leading "//"
		"people":                "/",
		"/people/../mandates":   "/people/../mandates",
	}
	for in, want := range cases {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClientAddressTrustsOnlyTheProxysOwnEntry(t *testing.T) {
	r := httptest.NewRequest("POST", "/login", nil)
	r.RemoteAddr = "10.0.0.5:41234"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
	if got := clientAddress(r, false); got != "10.0.0.5" {
		t.Errorf("without a trusted proxy: %q, want the connection's address", got)
	}
	if got := clientAddress(r, true); got != "198.51.100.7" {
		t.Errorf("behind a trusted proxy: %q, want the entry the proxy added (last)", got)
	}
	r.RemoteAddr = "[2001:db8::1]:443"
	if got := clientAddress(r, false); got != "2001:db8::1" {
		t.Errorf("IPv6: %q", got)
	}
}
